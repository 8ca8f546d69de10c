import CXlsxWriter
import Pricing

/// A libxlsxwriter workbook with its C lifetimes owned here: strings handed to
/// `const char*` parameters live for the call only, and the `char*` fields of the
/// options and properties structs are `strdup`ed and freed when the workbook is closed.
///
/// libxlsxwriter reports some errors (a bad path, a full disk) only at
/// `workbook_close`, so ``close()`` is where a write is known to have worked.
public final class XLSXWorkbook {
    let handle: UnsafeMutablePointer<lxw_workbook>
    /// The file name shown in messages (the destination, not the temporary file).
    let displayPath: String
    private var owned: [UnsafeMutablePointer<CChar>] = []
    private var closed = false
    private var formats: [String: UnsafeMutablePointer<lxw_format>] = [:]

    /// Starts a workbook at `path`. With `constantMemory`, each sheet's rows must be written
    /// in order and are flushed to a temporary file as they go (flat memory for any size).
    public init(path: String, displayPath: String, constantMemory: Bool) throws(ReportError) {
        self.displayPath = displayPath
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        options.use_zip64 = 1
        let tmp = strdup(XLSXWorkbook.temporaryFolder(beside: path))!
        owned.append(tmp)
        options.tmpdir = tmp
        guard let wb = workbook_new_opt(path, &options) else {
            for p in owned { free(p) }
            throw .xlsx(path: displayPath, reason: "libxlsxwriter could not start the workbook (out of memory?)")
        }
        handle = wb
    }

    /// libxlsxwriter's temporary files go beside the output, on the same disk.
    static func temporaryFolder(beside path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    /// Title, subject and so on, and a creation time pinned to `created` (so the same
    /// input gives the same bytes, whatever the clock says).
    public func setProperties(title: String, subject: String, comments: String, created: LocalDate) throws(ReportError) {
        var props = lxw_doc_properties()
        let t = strdup(title)!, s = strdup(subject)!, c = strdup(comments)!, a = strdup("spaquote")!
        owned += [t, s, c, a]
        props.title = t
        props.subject = s
        props.comments = c
        props.author = a
        props.created = time_t(created.dayNumber) * 86_400
        try check(workbook_set_properties(handle, &props), "setting the workbook properties")
    }

    /// Adds a sheet named `name`.
    public func addSheet(_ name: String) throws(ReportError) -> XLSXSheet {
        guard let ws = workbook_add_worksheet(handle, name) else {
            throw .xlsx(path: displayPath, reason: "could not add the sheet '\(name)'")
        }
        return XLSXSheet(handle: ws, workbook: self)
    }

    /// A cell format, made once per distinct style and reused.
    func format(_ style: XLSXStyle) -> UnsafeMutablePointer<lxw_format>? {
        if style == .plain { return nil }
        let key = style.key
        if let f = formats[key] { return f }
        guard let f = workbook_add_format(handle) else { return nil }
        if let n = style.numberFormat { format_set_num_format(f, n) }
        if style.bold { format_set_bold(f) }
        if style.wrap { format_set_text_wrap(f) }
        if style.topBorder { format_set_top(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let size = style.fontSize { format_set_font_size(f, size) }
        if let fill = style.fill {
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
            format_set_bg_color(f, fill)
        }
        formats[key] = f
        return f
    }

    /// Adds a chart of `type` (`LXW_CHART_COLUMN`...).
    func addChart(_ type: lxw_chart_type) -> UnsafeMutablePointer<lxw_chart>? {
        workbook_add_chart(handle, UInt8(type.rawValue))
    }

    /// Writes the file. Errors that libxlsxwriter kept until now (a bad path, a full disk)
    /// surface here.
    public func close() throws(ReportError) {
        guard !closed else { return }
        closed = true
        let result = workbook_close(handle)
        for p in owned { free(p) }
        owned.removeAll()
        try check(result, "writing the file")
    }

    /// Throws libxlsxwriter's message for `error`; `doing` is built only on failure.
    @inline(__always)
    func check(_ error: lxw_error, _ doing: @autoclosure () -> String) throws(ReportError) {
        guard error != LXW_NO_ERROR else { return }
        throw .xlsx(path: displayPath, reason: "\(doing()): \(String(cString: lxw_strerror(error)))")
    }

    /// Gives the workbook up without writing it (an error elsewhere): frees libxlsxwriter's
    /// memory and closes the sheets' own temporary files. `workbook_close` would write
    /// the file, and after the caller has removed the temporary output that would make it
    /// again, left behind.
    public func abandon() {
        guard !closed else { return }
        closed = true
        // lxw_workbook_free leaves the constant_memory sheets' temporary files open.
        var sheet = handle.pointee.worksheets?.pointee.stqh_first
        while let ws = sheet {
            if let f = ws.pointee.optimize_tmpfile {
                fclose(f)
                ws.pointee.optimize_tmpfile = nil
                ws.pointee.file = nil
            }
            sheet = ws.pointee.list_pointers.stqe_next
        }
        lxw_workbook_free(handle)
        for p in owned { free(p) }
        owned.removeAll()
    }

    deinit { abandon() }
}
