import Mustache

/// How the page templates escape a value: `&`, `<`, `>`, `"` and `'` as character
/// references, looked for among the text's Unicode scalars. Mustache's own HTML escaping
/// looks at whole characters (grapheme clusters), so it missed a `<` or `"` joined to its
/// neighbours into one character: U+0600 before `<img ...>` or U+0301 after `"` let a
/// client's name open a tag or leave an attribute. Each template selects it on its first
/// line with `{{% CONTENT_TYPE: SCALAR_HTML}}` (a partial starts again with Mustache's own).
struct ScalarHTML: MustacheContentType {
    /// The name templates select it by.
    static let name = "SCALAR_HTML"

    /// The pragma each template starts with.
    static let pragma = "{{% CONTENT_TYPE: \(name)}}"

    func escapeText(_ text: String) -> String { Self.escape(text) }

    /// `text` with `& < > " '` as character references, scalar by scalar.
    static func escape(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"": out.append(contentsOf: "&quot;".unicodeScalars)
            case "'": out.append(contentsOf: "&#39;".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }
}
