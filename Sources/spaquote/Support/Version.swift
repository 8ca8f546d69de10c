/// spaquote's version, printed by `spaquote --version` (semantic versioning: 0.12.0 is
/// the release of the front desk on the web and its audit trail, issues 12 and 14; 0.11.0
/// gave a chain one ledger, issue 11).
enum Version {
    static let current = "0.12.0"
}
