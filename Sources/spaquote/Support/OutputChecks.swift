import ArgumentParser
import Reports

extension OutputFormat: ExpressibleByArgument {}

/// The files a command writes and reads, checked before anything is written: no output
/// may be the same file as an input or another output (SPEC section 8).
struct OutputPlan {
    private var outputs: [(file: LabelledPath, remedy: String)] = []
    private var inputs: [LabelledPath] = []
    private var ledgerFiles: [LabelledPath] = []
    private var writtenLedger: LabelledPath?

    /// An output, and what to tell the user to do when it collides.
    mutating func output(_ label: String, _ path: String, remedy: String? = nil) {
        outputs.append((LabelledPath(label, path), remedy ?? "name another file for \(label)"))
    }

    mutating func input(_ label: String, _ path: String) { inputs.append(LabelledPath(label, path)) }

    /// A file ledger, with the files SQLite keeps beside it; when it is `written`
    /// (`--save`), it may not be the same file as another input either. A PostgreSQL
    /// ledger is no file: nothing to check.
    mutating func ledger(_ options: LedgerOptions, written: Bool = false) {
        guard let path = options.address.filePath else { return }
        ledgerFiles = LabelledPath.sqliteDatabase(options.label, path)
        writtenLedger = written ? LabelledPath(options.label, path) : nil
    }

    /// Refuses an output that is the same file as an input or another output: a usage
    /// error (exit 64) naming both.
    func check() throws {
        do {
            if let writtenLedger { try OutputCollision.check(outputs: [writtenLedger], inputs: inputs) }
            try OutputCollision.check(outputs: outputs.map(\.file), inputs: inputs + ledgerFiles)
        } catch {
            let remedy = outputs.first { $0.file == error.output }?.remedy ?? "name another file for \(error.output.label)"
            let harm = error.otherIsInput ? "writing it would destroy that input" : "one would overwrite the other"
            throw fail("\(error): \(harm). Nothing was written; \(remedy)", code: 64)
        }
    }

    /// Removes what killed runs left beside each output (their temporary files), saying so once.
    func removeLeftovers() {
        let removed = outputs.flatMap { AtomicFile.removeLeftovers(of: $0.file.path) }
        if !removed.isEmpty {
            note("spaquote: removed \(removed.count) temporary file\(removed.count == 1 ? "" : "s") left by a run that was killed: "
                 + "\(removed.joined(separator: ", "))")
        }
    }
}

/// The format of the output `path` given with `label`, one of `allowed`; an unknown
/// extension is a usage error (exit 64).
func outputFormat(_ label: String, _ path: String, allowed: [OutputFormat]) throws -> OutputFormat {
    do {
        return try OutputFormat.of(path, allowed: allowed)
    } catch {
        throw fail("\(label) \(error)", code: 64)
    }
}

/// Rejects are always CSV, so that they can be fixed and run again: `--rejects` must name
/// a `.csv` file (a usage error, exit 64, otherwise).
func checkRejectsName(_ path: String) throws {
    guard OutputFormat(extensionOf: path) != .csv else { return }
    let ext = fileExtension(path)
    // "r.rejects.csv", not "r.csv": the stem may well be the requests file's own name.
    let stem = ext.isEmpty ? path : String(path.dropLast(ext.count + 1))
    let suggested = stem + (stem.lowercased().hasSuffix(".rejects") ? ".csv" : ".rejects.csv")
    throw fail("--rejects '\(path)': the rejects are written as CSV, so that they can be fixed and run again; "
               + "name the file with .csv, for example '\(suggested)'", code: 64)
}
