/// spaquote's version, printed by `spaquote --version` (semantic versioning: 0.11.0 is
/// the release that gives a chain one ledger, issue 11).
enum Version {
    static let current = "0.11.0"
}
