import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import LedgerSQLite
import Pricing
import Synchronization
import Workflows

/// A front desk over an in-memory SQLite ledger, the example rate card and a clock the
/// test moves; accounts made through ``AccountBook`` (bcrypt cost 4).
struct WebFixture {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let pricingPath = packageRoot.appendingPathComponent("Examples/pricing.toml").path
    static let today = LocalDate(iso: "2026-11-02")!

    let store: SQLiteStore
    let clock: TestClock
    let settings: ServerSettings

    init(idleTimeout: Int64 = 3600) async throws {
        store = try await SQLiteStore.inMemory()
        clock = TestClock(now: 1_793_000_000)
        settings = ServerSettings(pricingPath: Self.pricingPath, ledger: .file(path: ":memory:"), idleTimeout: idleTimeout)
    }

    /// Runs `body` with a client of the application, in process.
    func test<T: Sendable>(_ body: @Sendable (any TestClientProtocol) async throws -> T) async throws -> T {
        let clock = clock
        let app = try await FrontDesk.application(
            settings: settings, store: store,
            clock: FrontDeskClock(now: { clock.now }, today: { WebFixture.today }))
        return try await app.test(.router, body)
    }
}

/// A clock a test sets.
final class TestClock: Sendable {
    private let value: Mutex<Int64>
    init(now: Int64) { value = Mutex(now) }
    var now: Int64 { value.withLock { $0 } }
    func advance(_ seconds: Int64) { value.withLock { $0 += seconds } }
}

extension ByteBuffer {
    var text: String { String(buffer: self) }
}
