/// How both stores keep an ``Account`` in their `account` table: the role as its raw value,
/// the locations as one text of ids joined by `,` (empty for every location), `disabled` as
/// a flag. The one encoding and the one check of a stored row, so both stores read alike.
public enum StoredAccount {
    /// `locations` as the `locations` column holds them: ids joined by `,`.
    ///
    /// - Throws: ``LedgerError/constraint(ledger:reason:)`` for an empty id or one holding
    ///   `,` (which the column could not give back as it was); nothing is stored.
    public static func locationsText(_ locations: [String], ledger: String) throws(LedgerError) -> String {
        if let bad = locations.first(where: { $0.isEmpty || $0.contains(",") }) {
            let shown = bad.isEmpty ? "an empty location id" : "the location id '\(bad)', which holds ','"
            throw .constraint(ledger: ledger, reason: "an account cannot be given \(shown)")
        }
        return locations.joined(separator: ",")
    }

    /// The ids of a `locations` column (`""` is none: every location).
    public static func locations(_ text: String) -> [String] {
        text.isEmpty ? [] : text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    }

    /// The account a row holds, its role checked.
    ///
    /// - Throws: ``LedgerError/unreadableRow(ledger:quote:column:value:problem:)`` naming
    ///   the account for a role spaquote does not write.
    public static func account(name: String, role: String, locations: String, passwordHash: String,
                               disabled: Bool, ledger: String) throws(LedgerError) -> Account {
        guard let parsed = Role(rawValue: role) else {
            let shown = Array(role.utf8).withUnsafeBufferPointer { ShownValue.escaped($0) }
            throw .unreadableRow(ledger: ledger, quote: "account '\(name)'", column: "role", value: "'\(shown)'",
                                 problem: "which is not clerk, manager or admin")
        }
        return Account(name: name, role: parsed, locations: self.locations(locations), passwordHash: passwordHash,
                       disabled: disabled)
    }
}
