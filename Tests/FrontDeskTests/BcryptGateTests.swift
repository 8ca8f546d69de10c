import Dispatch
import Foundation
import FrontDesk
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import Workflows

/// Counts the bcrypt computations under way at once (the gate's test hook runs inside
/// each turn, on the computation's thread) and holds each one until released: no timing.
final class BcryptMeter: Sendable {
    private let counts = Mutex((now: 0, peak: 0, total: 0))
    private let held = DispatchSemaphore(value: 0)

    var now: Int { counts.withLock { $0.now } }
    var peak: Int { counts.withLock { $0.peak } }
    var total: Int { counts.withLock { $0.total } }

    /// The hook: one more computation under way until ``release(_:)``.
    func compute() {
        counts.withLock { $0.now += 1; $0.peak = max($0.peak, $0.now); $0.total += 1 }
        held.wait()
        counts.withLock { $0.now -= 1 }
    }

    func release(_ count: Int) { for _ in 0..<count { held.signal() } }

    /// Waits (polling) until two computations are under way, held, and `waiting` more wait
    /// at `gate`; then lets all `total` go.
    func whenFull(_ gate: BcryptGate, waiting: Int, thenRelease total: Int) async throws {
        while now < 2 || gate.load.waiting < waiting { try await Task.sleep(for: .milliseconds(2)) }
        #expect(now == 2 && gate.load.running == 2)
        release(total)
    }
}

@Suite("Front desk: bcrypt computations are capped server-wide")
struct BcryptGateTests {
    static func run(_ gate: BcryptGate, accounts: [String],
                    _ body: @Sendable @escaping (any TestClientProtocol) async throws -> Void) async throws {
        let desk = try await WebFixture()
        for name in accounts { try await desk.account(name) }
        let clock = desk.clock
        let app = try await FrontDesk.application(settings: desk.settings, store: desk.store,
                                                  clock: FrontDeskClock(now: { clock.now }, today: { WebFixture.today }, sleep: { clock.sleep($0) }),
                                                  bcrypt: gate)
        try await app.test(.router, body)
    }

    static func signIn(_ client: any TestClientProtocol, _ name: String, password: String = "correct horse 1") async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(string: #"{"username":"\#(name)","password":"\#(password)"}"#)) { $0.status }
    }

    @Test("Concurrent password checks (right, wrong and unknown names) never run more than two bcrypt computations at once",
          arguments: [10, 16])
    func capped(checks: Int) async throws {
        let meter = BcryptMeter()
        let gate = BcryptGate(width: 2, queueLimit: 32, onCompute: meter.compute)
        let desk = try await WebFixture()
        let names = (0..<checks).map { "desk\($0)" }
        for name in names { try await desk.account(name) }
        let book = AccountBook(store: desk.store, bcryptCost: 4, gate: gate)
        let release = Task { try await meter.whenFull(gate, waiting: checks - 2, thenRelease: checks) }
        let found = try await withThrowingTaskGroup(of: (Int, String?).self) { group in
            for (i, name) in names.enumerated() {
                group.addTask {
                    switch i % 3 {
                    case 0: (i, try await book.verify(name: name, password: "correct horse 1")?.name)
                    case 1: (i, try await book.verify(name: name, password: "wrong horse 12")?.name)
                    default: (i, try await book.verify(name: "nobody\(i)", password: "correct horse 1")?.name)
                    }
                }
            }
            return try await group.reduce(into: [Int: String?]()) { $0[$1.0] = $1.1 }
        }
        try await release.value
        for (i, name) in names.enumerated() { #expect(found[i] == (i % 3 == 0 ? name : nil)) }
        #expect(meter.total == checks)
        #expect(meter.peak == 2)
        #expect(gate.load.peak == 2 && gate.load.running == 0 && gate.load.waiting == 0)
    }

    @Test("The server's sign-ins go through its one gate: concurrent ones never run more than two computations at once")
    func server() async throws {
        let meter = BcryptMeter()
        let gate = BcryptGate(width: 2, queueLimit: 32, onCompute: meter.compute)
        // Four at once: the most the sign-in throttle lets through from one address at a time.
        let names = ["a1", "a2", "a3", "a4"]
        try await Self.run(gate, accounts: names) { client in
            let release = Task { try await meter.whenFull(gate, waiting: names.count - 2, thenRelease: names.count) }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for name in names { group.addTask { try await Self.signIn(client, name) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await release.value
            #expect(statuses == Array(repeating: .noContent, count: names.count))
        }
        #expect(meter.total == names.count)
        #expect(meter.peak == 2)
    }

    @Test("Past the queue's bound a sign-in is refused at once with 503, and the waiting ones finish", arguments: [0, 1, 2])
    func bounded(queueLimit: Int) async throws {
        let meter = BcryptMeter()
        let gate = BcryptGate(width: 2, queueLimit: queueLimit, onCompute: meter.compute)
        let admitted = 2 + queueLimit
        // At most 2 + 2 admitted and one refused: five attempts at once, which the sign-in
        // throttle (five in flight per address) still lets reach the gate.
        try await Self.run(gate, accounts: ["desk"]) { client in
            let waiting = Task {
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for _ in 0..<admitted { group.addTask { try await Self.signIn(client, "desk") } }
                    return try await group.reduce(into: []) { $0.append($1) }
                }
            }
            // Until two run (held by the meter) and the queue is full: polled, not timed.
            while meter.now < 2 || gate.load.waiting < queueLimit { try await Task.sleep(for: .milliseconds(2)) }
            let refused = try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                                   body: ByteBuffer(string: #"{"username":"desk","password":"correct horse 1"}"#)) { response in
                #expect(response.headers[.setCookie] == nil)
                #expect(response.headers[.retryAfter] == "3")
                let object = try JSONSerialization.jsonObject(with: Data(response.body.text.utf8)) as? [String: Any]
                #expect((object?["error"] as? [String: Any])?["reason"] != nil)
                return response.status
            }
            #expect(refused == .serviceUnavailable)
            meter.release(admitted)
            let statuses = try await waiting.value
            #expect(statuses == Array(repeating: .noContent, count: admitted))
        }
        #expect(meter.total == admitted)
        #expect(meter.peak == 2)
    }
}
