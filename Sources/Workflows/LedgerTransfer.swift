import Foundation
import Ledger

/// `ledger copy FROM TO`: every quote of one ledger, with its client link and contact,
/// and the audit trail, into another, empty one, whatever
/// their stores (a SQLite file into PostgreSQL as a clinic grows into a chain, or a
/// chain's PostgreSQL ledger into a SQLite file for an accountant), with the same ids,
/// statuses and figures; counts and totals are compared afterwards (``LedgerCopy``).
public enum LedgerTransfer {
    /// Which end of the copy.
    public enum End: Sendable, Equatable {
        case from, to
    }

    /// A ledger of the copy could not be opened; `error` says why (naming the ledger).
    public struct OpenFailure: Error, Sendable, CustomStringConvertible {
        public var end: End
        public var error: any Error
        public var description: String { String(describing: error) }
    }

    /// What was copied.
    public struct Copied: Sendable, Equatable {
        /// The ledgers' names (a path, or a URL without its password).
        public var from: String
        public var to: String
        /// The counts and totals of the copy, equal to the source's.
        public var summary: LedgerSummary
        /// The client links and client contacts carried over with their quotes.
        public var links: Int
        public var contacts: Int
        /// The audit events carried over.
        public var events: Int
    }

    /// Opens `from` to read and `to` to write (creating it, and its schema, when it does
    /// not exist yet) and copies every quote with its link and (unless `contacts` is
    /// false) its client contact, all or nothing. `progress` gets the quotes
    /// copied so far. A SQLite file this made for `to` is removed again when the copy fails.
    ///
    /// - Throws: ``OpenFailure`` when a ledger cannot be opened; ``LedgerError/notEmpty(ledger:quotes:)``
    ///   when `to` already holds quotes (nothing is copied); any other ``LedgerError``.
    public static func copy(from: LedgerAddress, to: LedgerAddress, contacts: Bool = true,
                            progress: (@Sendable (Int) -> Void)? = nil) async throws -> Copied {
        let source: any LedgerStore
        do { source = try await from.open(create: false, access: .read) } catch { throw OpenFailure(end: .from, error: error) }
        let made = to.filePath.map { !FileManager.default.fileExists(atPath: $0) } ?? false
        let target: any LedgerStore
        do {
            target = try await to.open(create: true, access: .write)
        } catch {
            try? await source.close()
            throw OpenFailure(end: .to, error: error)
        }
        do {
            let copied = try await LedgerCopy.run(from: source, to: target, contacts: contacts, progress: progress)
            try await target.close()
            try? await source.close()
            return Copied(from: source.name, to: target.name, summary: copied.summary, links: copied.links, contacts: copied.contacts,
                          events: copied.events)
        } catch {
            try? await target.close()
            try? await source.close()
            if made, let path = to.filePath {
                for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
            throw error
        }
    }
}
