/// The one rule on the text a ledger keeps (client names, request ids, contacts, names
/// typed on a client link): any Unicode scalar but U+0000. PostgreSQL's `text` cannot hold
/// U+0000 and SQLite's C interface cuts a bound string at it, so every store refuses it
/// the same way, before anything is written.
public enum StoredText {
    /// Throws ``LedgerError/constraint(ledger:reason:)`` naming `field` when `text` holds U+0000.
    public static func check(_ text: String?, field: String, ledger: String) throws(LedgerError) {
        guard let text, text.utf8.contains(0) else { return }
        throw .constraint(ledger: ledger, reason: "\(field) '\(shown(text))' holds the character U+0000 (NUL), which a ledger cannot keep; remove it")
    }

    static func shown(_ text: String) -> String {
        var text = text
        return text.withUTF8 { ShownValue.escaped($0) }
    }
}
