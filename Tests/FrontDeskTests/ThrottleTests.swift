import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing
import Workflows

/// A clock whose waits hold until the test lets them go: how many wait now, and for how long.
final class HeldSleeps: Sendable {
    private let state = Mutex((waiting: 0, seconds: [Int64](), open: false))

    var waiting: Int { state.withLock { $0.waiting } }
    var seconds: [Int64] { state.withLock { $0.seconds } }

    func sleep(_ seconds: Int64) async throws {
        state.withLock { $0.waiting += 1; $0.seconds.append(seconds) }
        while !state.withLock({ $0.open }) { try await Task.sleep(for: .milliseconds(2)) }
        state.withLock { $0.waiting -= 1 }
    }

    func open() { state.withLock { $0.open = true } }
}

@Suite("Front desk: failed sign-ins slow down, then lock; staff behind one address are not refused")
struct ThrottleTests {
    static let t0: Int64 = 1_793_000_000

    static func signIn(_ client: any TestClientProtocol, _ name: String, password: String = "correct horse 1") async throws -> HTTPResponse.Status {
        try await client.execute(uri: "/api/v1/session", method: .post, headers: [.contentType: "application/json"],
                                 body: ByteBuffer(string: #"{"username":"\#(name)","password":"\#(password)"}"#)) { $0.status }
    }

    /// The desk with a bcrypt gate and a clock of the test's (in process: one peer address for every request).
    static func run(_ desk: WebFixture, gate: BcryptGate = BcryptGate(), held: HeldSleeps? = nil,
                    _ body: @Sendable @escaping (any TestClientProtocol) async throws -> Void) async throws {
        let clock = desk.clock
        let app = try await FrontDesk.application(
            settings: desk.settings, store: desk.store,
            clock: FrontDeskClock(now: { clock.now }, today: { WebFixture.today }, sleep: { seconds in if let held { try await held.sleep(seconds) } else { clock.sleep(seconds) } }),
            bcrypt: gate)
        try await app.test(.router, body)
    }

    // MARK: The throttle's decisions

    @Test("Five failures: the first two answered at once, then waits of 1, 2 and 4 s; the fifth starts a lock of the name and the address; then locked",
          arguments: [true, false])
    func decisions(sameName: Bool) {
        let throttle = SignInThrottle()
        var decisions: [SignInThrottle.Decision] = [], locks: [SignInThrottle.Lock?] = []
        for i in 0..<5 {
            let name = sameName ? "desk" : "desk\(i)"
            decisions.append(throttle.begin(name: name, address: "10.0.0.7", at: Self.t0 + Int64(i)))
            locks.append(throttle.settle(name: name, address: "10.0.0.7", .failed, at: Self.t0 + Int64(i)))
        }
        #expect(decisions == [.admitted, .admitted, .delayed(seconds: 1), .delayed(seconds: 2), .delayed(seconds: 4)])
        #expect(locks.dropLast().allSatisfy { $0 == nil })
        let keys = sameName ? ["name:desk", "address:10.0.0.7"] : ["address:10.0.0.7"]
        #expect(locks.last == SignInThrottle.Lock(keys: keys, until: Self.t0 + 4 + 900))
        #expect(throttle.begin(name: "desk", address: "10.0.0.7", at: Self.t0 + 10) == .locked(until: Self.t0 + 904))
        #expect(throttle.begin(name: "other", address: "10.0.0.7", at: Self.t0 + 10) == .locked(until: Self.t0 + 904))
        #expect(throttle.begin(name: "desk", address: "10.0.0.8", at: Self.t0 + 10) == (sameName ? .locked(until: Self.t0 + 904) : .admitted))
        #expect(throttle.begin(name: "desk", address: "10.0.0.7", at: Self.t0 + 904) == .admitted, "the lock ends 15 minutes after the last failure")
    }

    @Test("Attempts under way count for the name: five at once pass, a sixth is refused (busy) until one ends; a success does not free more than its own place")
    func nameInFlight() {
        let throttle = SignInThrottle()
        for i in 0..<5 { #expect(throttle.begin(name: "desk", address: "10.0.0.\(i)", at: Self.t0) == .admitted) }
        #expect(throttle.begin(name: "desk", address: "10.0.0.9", at: Self.t0) == .busy)
        throttle.settle(name: "desk", address: "10.0.0.0", .succeeded, at: Self.t0)
        #expect(throttle.begin(name: "desk", address: "10.0.0.9", at: Self.t0) == .admitted)
        #expect(throttle.begin(name: "desk", address: "10.0.0.9", at: Self.t0) == .busy)
    }

    @Test("Attempts under way count for an address only once one more failure would lock it",
          arguments: [(0, 40), (2, 40), (3, 40), (4, 1)])
    func addressInFlight(failures: Int, admitted: Int) {
        let throttle = SignInThrottle()
        for i in 0..<failures {
            _ = throttle.begin(name: "typo\(i)", address: "192.0.2.1", at: Self.t0)
            throttle.settle(name: "typo\(i)", address: "192.0.2.1", .failed, at: Self.t0)
        }
        let decisions = (0..<40).map { throttle.begin(name: "staff\($0)", address: "192.0.2.1", at: Self.t0) }
        let wait = SignInThrottle.delay(afterFailures: failures)
        #expect(decisions.filter { $0 == (wait == 0 ? .admitted : .delayed(seconds: wait)) }.count == admitted)
        #expect(decisions.filter { $0 == .busy }.count == 40 - admitted)
    }

    // MARK: Over HTTP

    @Test("Staff signing in at the same moment from one address are all let in, whatever few failures the address had",
          arguments: [(6, 0), (8, 2), (12, 3)])
    func staffAtOnce(staff: Int, earlierFailures: Int) async throws {
        let desk = try await WebFixture()
        let names = (0..<staff).map { "staff\($0)" }
        for name in names { try await desk.account(name) }
        let meter = BcryptMeter()
        let gate = BcryptGate(width: 2, queueLimit: 32, onCompute: meter.compute)
        try await Self.run(desk, gate: gate) { client in
            meter.release(earlierFailures)
            for i in 0..<earlierFailures {
                #expect(try await Self.signIn(client, "staff\(i)", password: "wrong horse 12") == .unauthorized)
            }
            // Every password check is held at the gate until all of them got past the throttle.
            let release = Task { try await meter.whenFull(gate, waiting: staff - 2, thenRelease: staff) }
            let statuses = try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for name in names { group.addTask { try await Self.signIn(client, name) } }
                return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
            }
            try await release.value
            #expect(statuses == Array(repeating: .noContent, count: staff))
        }
        let wait = SignInThrottle.delay(afterFailures: earlierFailures)
        // The earlier failures past the second waited too (1 s for the third); then each of the staff.
        #expect(Array(desk.clock.slept.dropFirst(max(0, earlierFailures - 2))) == (wait == 0 ? [] : Array(repeating: wait, count: staff)))
    }

    @Test("Failures from one address slow each further attempt (1, 2, 4 s, the answer unchanged), then lock it, for the name and for other names",
          arguments: [true, false])
    func slowThenLock(sameName: Bool) async throws {
        let desk = try await WebFixture()
        for i in 0..<6 { try await desk.account("desk\(i)") }
        try await Self.run(desk) { client in
            var statuses: [HTTPResponse.Status] = []
            for i in 0..<5 { statuses.append(try await Self.signIn(client, sameName ? "desk0" : "desk\(i)", password: "wrong horse 12")) }
            #expect(statuses == Array(repeating: .unauthorized, count: 5))
            #expect(desk.clock.slept == [1, 2, 4])
            #expect(try await Self.signIn(client, "desk0") == .tooManyRequests)
            #expect(try await Self.signIn(client, "desk5") == .tooManyRequests)
            #expect(desk.clock.slept == [1, 2, 4], "a locked attempt is refused at once, without waiting")
            desk.clock.advance(15 * 60)
            #expect(try await Self.signIn(client, "desk5") == .noContent)
            #expect(desk.clock.slept == [1, 2, 4], "failures older than the window are forgotten: no more wait")
        }
    }

    @Test("A right password after failures waits its turn, then signs in", arguments: [2, 3, 4])
    func rightAfterFailures(failures: Int) async throws {
        let desk = try await WebFixture()
        try await desk.account("desk")
        try await Self.run(desk) { client in
            var statuses: [HTTPResponse.Status] = []
            for _ in 0..<failures { statuses.append(try await Self.signIn(client, "desk", password: "wrong horse 12")) }
            statuses.append(try await Self.signIn(client, "desk"))
            #expect(statuses == Array(repeating: .unauthorized, count: failures) + [.noContent])
        }
        #expect(desk.clock.slept.last == SignInThrottle.delay(afterFailures: failures))
        #expect(desk.clock.slept.count == failures - 1)
    }

    @Test("Slowed attempts wait without holding a bcrypt turn: more of them wait at once than the gate's width, with no computation running or queued")
    func waitHoldsNoTurn() async throws {
        let desk = try await WebFixture()
        for i in 0..<6 { try await desk.account("desk\(i)") }
        let held = HeldSleeps()
        let gate = BcryptGate(width: 2, queueLimit: 32)
        try await Self.run(desk, gate: gate, held: held) { client in
            for i in 0..<2 { #expect(try await Self.signIn(client, "desk\(i)", password: "wrong horse 12") == .unauthorized) }
            let statuses = Task {
                try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                    for i in 2..<6 { group.addTask { try await Self.signIn(client, "desk\(i)", password: i % 2 == 0 ? "correct horse 1" : "wrong horse 12") } }
                    return try await group.reduce(into: [HTTPResponse.Status]()) { $0.append($1) }
                }
            }
            while held.waiting < 4 { try await Task.sleep(for: .milliseconds(2)) }
            #expect(gate.load.running == 0 && gate.load.waiting == 0)
            #expect(held.seconds == [1, 1, 1, 1])
            held.open()
            let answered = try await statuses.value
            #expect(answered.sorted { $0.code < $1.code } == [.noContent, .noContent, .unauthorized, .unauthorized])
        }
    }
}
