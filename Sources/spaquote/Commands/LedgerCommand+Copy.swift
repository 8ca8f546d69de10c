import ArgumentParser
import Ledger
import Reports
import Workflows

extension LedgerCommand {
    /// `ledger copy FROM TO`: every quote of one ledger into another, empty one.
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy every quote of a ledger into another, empty ledger.",
            discussion: "FROM and TO are each a SQLite file or a PostgreSQL URL (postgresql://USER@HOST:PORT/DB). Every quote "
                + "keeps its id, status and figures, its client link (clients' links keep working) and its client contact; "
                + "the audit trail comes along, after any events TO holds. The counts and totals are compared after the copy. "
                + "Accounts stay behind: make the staff's accounts on TO with 'spaquote user add'. Copy a ledger nothing writes "
                + "to meanwhile (stop the servers over FROM first). TO is created when it does not exist; a TO that already "
                + "holds quotes is refused, and nothing is copied.")
        @Argument(help: ArgumentHelp("The ledger to copy: a SQLite file or a PostgreSQL URL.", valueName: "from"))
        var from: String
        @Argument(help: ArgumentHelp("The ledger to copy into, empty: a SQLite file or a PostgreSQL URL.", valueName: "to"))
        var to: String
        @Flag(help: "Leave the clients' contacts (phones, e-mail addresses) behind: for a copy that leaves the clinic, such as the accountant's.")
        var withoutContacts = false

        func run() throws {
            let source = LedgerAddress(from), target = LedgerAddress(to)
            if let a = source.filePath, let b = target.filePath {
                do {
                    try OutputCollision.check(outputs: [LabelledPath("TO", b)], inputs: LabelledPath.sqliteDatabase("FROM", a))
                } catch {
                    throw fail("\(error): a ledger cannot be copied into itself. Nothing was copied; name another file for TO", code: 64)
                }
            }
            let copied: LedgerTransfer.Copied
            do {
                let contacts = !withoutContacts
                copied = try Blocking.run { try await LedgerTransfer.copy(from: source, to: target, contacts: contacts) }
            } catch let failure as LedgerTransfer.OpenFailure {
                let origin = failure.end == .from ? "the ledger given as FROM" : "the ledger given as TO"
                throw LedgerOpening.failure(opening: failure.error, origin: origin, remedy: "name another")
            } catch {
                throw fail(error)
            }
            let links = copied.links == 1 ? "1 client link" : "\(copied.links) client links"
            let contacts = copied.contacts == 1 ? "1 client contact" : "\(copied.contacts) client contacts"
            let events = copied.events == 1 ? "1 audit event" : "\(copied.events) audit events"
            note("copied \(copied.summary), with \(links), \(contacts) and \(events), from \(copied.from) into \(copied.to); "
                 + "counts and totals checked")
        }
    }
}
