import Platform

extension ClinicDetails {
    /// The most characters of `name`: the letterhead's title.
    public static let maxNameLength = 60
    /// The most characters of an address line, of `phone`, `email` and `website`: each
    /// prints on one line of a client quote.
    public static let maxLineLength = 80
    /// The most `address` lines: the letterhead has room for four.
    public static let maxAddressLines = 4
    /// The most characters of `terms`: the paragraph must fit the foot of a one-page quote.
    public static let maxTermsLength = 1_200
    /// The largest logo file, in bytes (1 MiB): it is embedded in every client quote.
    public static let maxLogoBytes = 1 << 20

    /// The folder a relative `logo` is resolved against: the folder of `file` (the rate
    /// card), empty (the working directory) when `file` names no folder.
    static func folder(of file: String) -> String {
        guard let slash = file.lastIndex(of: "/") else { return "" }
        let folder = String(file[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// `logo` as written in the card, resolved against `folder`: an absolute path as is.
    static func resolve(logo: String, against folder: String) -> String {
        if logo.hasPrefix("/") || folder.isEmpty { return logo }
        return folder.hasSuffix("/") ? folder + logo : folder + "/" + logo
    }

    /// Why the file at `path` is no usable logo, or nil when it is a readable PNG with a
    /// non-empty image: a regular file of at most ``maxLogoBytes``, starting with the PNG
    /// signature and an IHDR chunk of width and height above 0.
    static func logoProblem(at path: String) -> String? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            return errno == ENOENT || errno == ENOTDIR
                ? "\(path) does not exist; check the path (relative paths start at the rate card's folder)"
                : "\(path) cannot be read (\(String(cString: strerror(errno)))); check the path and its permissions"
        }
        guard st.st_mode & S_IFMT == S_IFREG else { return "\(path) is not a regular file; give a PNG file" }
        guard st.st_size <= Int64(maxLogoBytes) else {
            return "\(path) is \(st.st_size) bytes, more than the \(maxLogoBytes) a logo may have; save it smaller"
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return "\(path) cannot be read (permission denied); check its permissions" }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: PNGHeader.prefixLength), count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { return "\(path) cannot be read; check the file" }
            if n == 0 { break }
            count += n
        }
        bytes.removeLast(bytes.count - count)
        if case .failure(let problem) = PNGHeader.parse(bytes) { return "\(path) is not a PNG image: \(problem); save the logo as PNG" }
        return nil
    }
}

extension RateCardReader {
    /// The optional `[clinic]` table (SPEC section 2). When present, `name` is required;
    /// the other keys are optional. A relative `logo` is resolved against `folder`.
    func readClinic(folder: String) -> ClinicDetails? {
        guard let s = root.section("clinic") else { return nil }
        s.rejectUnknownKeys(allowed: ["name", "address", "phone", "email", "website", "terms", "logo", "paper"])
        let name = line(s, "name", required: true, limit: ClinicDetails.maxNameLength)
        var address: [String] = []
        if let lines = s.strings("address") {
            if lines.count > ClinicDetails.maxAddressLines {
                log.add(s.key("address"), "has \(lines.count) lines, more than the \(ClinicDetails.maxAddressLines) a client quote prints; join some")
            }
            for (i, text) in lines.enumerated() {
                if let checked = checkText(text, at: "\(s.key("address"))[\(i + 1)]", limit: ClinicDetails.maxLineLength) {
                    address.append(checked)
                }
            }
        }
        let phone = line(s, "phone"), email = line(s, "email"), website = line(s, "website")
        let terms = s.string("terms", required: false).flatMap {
            checkText($0, at: s.key("terms"), limit: ClinicDetails.maxTermsLength)
        }
        let logo = readLogo(s, folder: folder)
        var paper = ClinicDetails.Paper.letter
        if let p = s.string("paper", required: false) {
            if let v = ClinicDetails.Paper(rawValue: p) { paper = v } else {
                log.add(s.key("paper"), "\"\(p)\" is not a paper size; write \"letter\" or \"a4\"")
            }
        }
        guard let name else { return nil }
        return ClinicDetails(name: name, address: address, phone: phone, email: email, website: website,
                             terms: terms, logoPath: logo, paper: paper)
    }

    /// A one-line value; an optional one given as "" counts as absent.
    private func line(_ s: TOMLSection, _ k: String, required: Bool = false, limit: Int = ClinicDetails.maxLineLength) -> String? {
        guard let text = s.string(k, required: required) else { return nil }
        if !required && text.isEmpty { return nil }
        return checkText(text, at: s.key(k), limit: limit)
    }

    /// `text` when it has no control characters (line breaks included: the quote lays the
    /// lines out itself) and at most `limit` characters; otherwise logs why, at `keyPath`.
    private func checkText(_ text: String, at keyPath: String, limit: Int) -> String? {
        if let c = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            log.add(keyPath, "contains the control character U+\(String(c.value, radix: 16, uppercase: true).leftPadded(4)); "
                    + "write it on one line (in a multi-line TOML string, end each line with a backslash)")
            return nil
        }
        guard text.count <= limit else {
            log.add(keyPath, "has \(text.count) characters, more than the \(limit) a client quote prints; shorten it")
            return nil
        }
        return text
    }

    /// `logo`, resolved against `folder` and checked to be a readable PNG.
    private func readLogo(_ s: TOMLSection, folder: String) -> String? {
        guard let logo = s.string("logo", required: false) else { return nil }
        guard !logo.isEmpty else {
            log.add(s.key("logo"), "is empty; give a PNG file's path, or leave out logo for a quote without one")
            return nil
        }
        guard checkText(logo, at: s.key("logo"), limit: 4_096) != nil else { return nil }
        let path = ClinicDetails.resolve(logo: logo, against: folder)
        if let problem = ClinicDetails.logoProblem(at: path) {
            log.add(s.key("logo"), "\"\(logo)\": \(problem)")
            return nil
        }
        return path
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
