import Pricing

/// The header row of a requests CSV: which column feeds which request field.
struct RequestHeader {
    /// The header as written (trimmed), for the rejects file.
    let names: [String]
    /// Input column index -> index in ``RequestFields/columns``.
    let mapping: [(input: Int, field: Int)]
    /// Columns spaquote does not know.
    let ignored: [String]
    /// The header of the rejects file: the input's columns less an earlier run's `line` and
    /// `error`, then this run's `line` and `error`.
    let rejectNames: [String]
    /// The input columns the rejects file keeps, when it drops any (nil: all of them).
    private let kept: [Int]?

    static let required = ["request_id", "location", "tier", "areas", "sessions"]

    /// The columns a rejects file adds to the row. A rejects file given again as the
    /// requests (after fixing its rows) has them already: they are not request fields, they
    /// draw no "unknown column" warning, and the new rejects file replaces them with this
    /// run's instead of carrying two of each.
    static let rejectsColumns = ["line", "error"]

    init(_ fields: [String], path: String) throws(ReportError) {
        names = fields.map { String($0.trimmingSpaces) }
        var mapping: [(input: Int, field: Int)] = []
        var ignored: [String] = []
        let lowered = names.map { $0.lowercased() }
        // Missing columns first: a file without a header row lacks them all.
        let missing = RequestHeader.required.filter { !lowered.contains($0) }
        guard missing.isEmpty else {
            throw .badHeader(path: path, reason: "the header lacks the required column\(missing.count == 1 ? "" : "s") \(missing.joined(separator: ", ")); the first row must name the columns (request_id, location, tier, areas, sessions, ...)")
        }
        var seen = Set<String>()
        for (i, name) in lowered.enumerated() {
            guard !name.isEmpty else { ignored.append("(unnamed column \(i + 1))"); continue }
            guard seen.insert(name).inserted else {
                throw .badHeader(path: path, reason: "the column '\(names[i])' appears twice; keep one")
            }
            if let field = RequestFields.columns.firstIndex(of: name) { mapping.append((i, field)) } else { ignored.append(names[i]) }
        }
        self.mapping = mapping
        let earlier = lowered.indices.filter { RequestHeader.rejectsColumns.contains(lowered[$0]) }
        self.ignored = ignored.filter { !RequestHeader.rejectsColumns.contains($0.lowercased()) }
        let names = self.names
        let kept = earlier.isEmpty ? nil : names.indices.filter { !earlier.contains($0) }
        self.kept = kept
        rejectNames = (kept.map { $0.map { names[$0] } } ?? names) + RequestHeader.rejectsColumns
    }

    /// Why a record cannot be read as a request at all, if it cannot.
    func problem(with record: CSVRecord) -> String? {
        if record.hasNUL { return "the row holds a NUL byte; remove it" }
        if record.hasReplacementCharacter, let lost = lostText(record) { return lost }
        if record.fields.count > names.count {
            let extra = record.fields[names.count...].filter { !$0.trimmingSpaces.isEmpty }
            if !extra.isEmpty {
                return "the row has \(record.fields.count) fields but the header names \(names.count) (extra: \(extra.prefix(3).joined(separator: ", "))); check for an unquoted comma"
            }
        }
        return nil
    }

    /// The first field feeding the request that holds U+FFFD, the replacement character:
    /// it stands for text lost before spaquote read the file (a rejects file written by an
    /// older spaquote from a file that was not UTF-8), so no quote may carry it.
    private func lostText(_ record: CSVRecord) -> String? {
        for (input, _) in mapping where input < record.fields.count && record.fields[input].unicodeScalars.contains("\u{FFFD}") {
            return "\(names[input]) '\(record.fields[input])': holds U+FFFD, the replacement character, which stands for text "
                + "lost when the file was read or converted as the wrong encoding; type the original text in again"
        }
        return nil
    }

    /// The record's fields as the rejects file shows them: one per column of
    /// ``rejectNames`` before `line` and `error`.
    func rejectFields(_ record: CSVRecord) -> [String] {
        var fields = record.fields
        if fields.count < names.count { fields += Array(repeating: "", count: names.count - fields.count) }
        if fields.count > names.count { fields.removeLast(fields.count - names.count) }
        guard let kept else { return fields }
        return kept.map { fields[$0] }
    }

    /// The request fields of a record (missing trailing fields are empty).
    func fields(_ record: CSVRecord) -> RequestFields {
        var f = RequestFields()
        for (input, field) in mapping where input < record.fields.count { f.set(columnIndex: field, to: record.fields[input]) }
        return f
    }
}
