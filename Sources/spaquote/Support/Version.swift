/// spaquote's version, printed by `spaquote --version` (semantic versioning: 0.11.0 is
/// the release that fixes issue 10).
enum Version {
    static let current = "0.11.0"
}
