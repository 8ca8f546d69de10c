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
                + "keeps its id, status and figures; the counts and totals are compared after the copy. TO is created when "
                + "it does not exist; a TO that already holds quotes is refused, and nothing is copied.")
        @Argument(help: ArgumentHelp("The ledger to copy: a SQLite file or a PostgreSQL URL.", valueName: "from"))
        var from: String
        @Argument(help: ArgumentHelp("The ledger to copy into, empty: a SQLite file or a PostgreSQL URL.", valueName: "to"))
        var to: String

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
                copied = try Blocking.run { try await LedgerTransfer.copy(from: source, to: target) }
            } catch let failure as LedgerTransfer.OpenFailure {
                let origin = failure.end == .from ? "the ledger given as FROM" : "the ledger given as TO"
                throw LedgerOpening.failure(opening: failure.error, origin: origin, remedy: "name another")
            } catch {
                throw fail(error)
            }
            note("copied \(copied.summary) from \(copied.from) into \(copied.to); counts and totals checked")
        }
    }
}
