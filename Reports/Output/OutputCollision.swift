/// A file a command reads or writes, with the name its caller gives it in messages
/// (a command-line flag, "the requests file"...).
public struct LabelledPath: Sendable, Equatable, CustomStringConvertible {
    public var label: String
    public var path: String

    public init(_ label: String, _ path: String) {
        self.label = label
        self.path = path
    }

    /// `label 'path'`.
    public var description: String { "\(label) '\(path)'" }

    /// A SQLite database and the files SQLite keeps beside it while it writes (the
    /// rollback journal, the write-ahead log and its index), each named after `label`.
    /// Both the path as spelled and the file its links lead to are listed, since either
    /// may be where SQLite puts them.
    public static func sqliteDatabase(_ label: String, _ path: String) -> [LabelledPath] {
        var paths = [path]
        if let resolved = try? OutputPath.resolvingLinks(path), resolved != path { paths.append(resolved) }
        var all = [LabelledPath(label, path)]
        for p in paths {
            all.append(LabelledPath("the rollback journal of \(label)", p + "-journal"))
            all.append(LabelledPath("the write-ahead log of \(label)", p + "-wal"))
            all.append(LabelledPath("the shared-memory index of \(label)", p + "-shm"))
        }
        return all
    }
}

/// An output that is the same file as an input or another output: writing it would
/// destroy the input, or one output would overwrite the other.
public struct OutputCollision: Error, Sendable, Equatable, CustomStringConvertible {
    /// The output refused.
    public var output: LabelledPath
    /// The input, or the earlier output, that it is the same file as.
    public var other: LabelledPath
    /// Whether ``other`` is an input (else another output).
    public var otherIsInput: Bool

    public var description: String { "\(output) is the same file as \(other)" }

    /// Checks, before anything is written, that every output is a file of its own:
    /// not the same file (by ``FileIdentity``) as any input or any other output.
    /// - Throws: the first collision found, outputs taken in order, each compared with
    ///   the inputs first and then with the outputs before it.
    public static func check(outputs: [LabelledPath], inputs: [LabelledPath]) throws(OutputCollision) {
        let inputIDs = inputs.map { ($0, FileIdentity(path: $0.path)) }
        var earlier: [(LabelledPath, FileIdentity)] = []
        for output in outputs {
            let id = FileIdentity(path: output.path)
            if let input = inputIDs.first(where: { $0.1 == id }) {
                throw OutputCollision(output: output, other: input.0, otherIsInput: true)
            }
            if let previous = earlier.first(where: { $0.1 == id }) {
                throw OutputCollision(output: output, other: previous.0, otherIsInput: false)
            }
            earlier.append((output, id))
        }
    }
}
