import Foundation
import Ledger

/// The first look at a file given as a ledger: its size and SQLite's 100-byte header,
/// read as plain bytes before SQLite opens it, so that a file that is not SQLite, another
/// program's SQLite file or a truncated ledger is refused without SQLite touching it.
///
/// See <https://www.sqlite.org/fileformat.html#the_database_header>.
struct LedgerFileHeader {
    /// What the file is at first sight.
    enum Kind: Equatable {
        /// No file there.
        case missing
        /// A file of 0 bytes (SQLite makes it a database on first write).
        case empty
        /// A SQLite database file whose header gives no reason to refuse it.
        case sqlite(applicationID: Int32, userVersion: Int32)
    }

    static let magic = Array("SQLite format 3\0".utf8)

    /// Whether a rollback journal lies beside the file: a save was cut short (killed, power
    /// lost) and SQLite must roll it back before the file is consistent again.
    static func hasJournal(_ path: String) -> Bool {
        let size = (try? FileManager.default.attributesOfItem(atPath: path + "-journal"))?[.size] as? UInt64
        return (size ?? 0) > 0
    }

    /// Looks at the file at `path`.
    ///
    /// - Throws: ``LedgerError/notALedger(ledger:reason:)`` for a file that is not SQLite,
    ///   another program's (by its application id) or in WAL mode (spaquote never uses it);
    ///   ``LedgerError/damaged(ledger:reason:)`` for a SQLite file shorter than its header
    ///   says; ``LedgerError/cannotOpen(ledger:reason:)`` when it cannot be read.
    /// `checkingSize: false` skips comparing the file's size with its header (a save cut
    /// short leaves both inconsistent until SQLite rolls its journal back).
    static func kind(of path: String, checkingSize: Bool = true) throws(LedgerError) -> Kind {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return .missing }
        if isDirectory.boolValue { throw .cannotOpen(ledger: path, reason: "it is a folder, not a file") }
        let size: UInt64, bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            defer { try? handle.close() }
            size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            bytes = Array(try handle.read(upToCount: 100) ?? Data())
        } catch {
            throw .cannotOpen(ledger: path, reason: "it cannot be read (\(error.localizedDescription))")
        }
        if size == 0 { return .empty }
        guard bytes.starts(with: magic) || magic.starts(with: bytes) else {
            throw .notALedger(ledger: path, reason: "it is not a SQLite database (\(describe(bytes)))")
        }
        guard bytes.count == 100 else {
            throw .damaged(ledger: path, reason: "it is \(size) bytes long, shorter than a SQLite header: truncated")
        }
        return try check(bytes, size: size, checkingSize: checkingSize, path: path)
    }

    private static func check(_ b: [UInt8], size: UInt64, checkingSize: Bool, path: String) throws(LedgerError) -> Kind {
        func u32(_ at: Int) -> UInt32 { b[at..<at + 4].reduce(0) { $0 << 8 | UInt32($1) } }
        let applicationID = Int32(bitPattern: u32(68)), userVersion = Int32(bitPattern: u32(60))
        if applicationID != 0 && applicationID != LedgerSchema.applicationID {
            throw .notALedger(ledger: path, reason: "it is another program's SQLite database (application id \(hex(applicationID)); a spaquote ledger's is \(hex(LedgerSchema.applicationID)))")
        }
        if b[18] == 2 || b[19] == 2 {
            throw .notALedger(ledger: path, reason: "it is a SQLite database in WAL mode, which spaquote ledgers never use")
        }
        let rawPageSize = UInt64(b[16]) << 8 | UInt64(b[17])
        let pageSize = rawPageSize == 1 ? 65_536 : rawPageSize
        guard pageSize >= 512, pageSize <= 65_536, pageSize & (pageSize - 1) == 0 else {
            throw .damaged(ledger: path, reason: "its header gives a page size of \(rawPageSize), which SQLite never writes")
        }
        guard checkingSize else { return .sqlite(applicationID: applicationID, userVersion: userVersion) }
        // The page count is valid when the change counter matches "version-valid-for".
        let pages = UInt64(u32(28))
        if u32(24) == u32(92), pages > 0, size < pages * pageSize {
            throw .damaged(ledger: path, reason: "it is \(size) bytes long but its header says \(pages * pageSize) (\(pages) pages of \(pageSize) bytes): truncated")
        }
        if size % pageSize != 0 {
            throw .damaged(ledger: path, reason: "it is \(size) bytes long, not a whole number of \(pageSize)-byte pages: truncated")
        }
        return .sqlite(applicationID: applicationID, userVersion: userVersion)
    }

    static func hex(_ id: Int32) -> String {
        let digits = String(UInt32(bitPattern: id), radix: 16, uppercase: true)
        return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
    }

    /// A few words on what the file starts with, for the message.
    private static func describe(_ bytes: [UInt8]) -> String {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return "it starts like a PNG image" }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return "it starts like a ZIP file (an .xlsx workbook?)" }
        if bytes.allSatisfy({ $0 == 0 }) { return "it starts with zero bytes" }
        if bytes.allSatisfy({ $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || (0x20..<0x7F).contains($0) || $0 >= 0x80 }) {
            return "it looks like text"
        }
        return "it does not start with \"SQLite format 3\""
    }
}
