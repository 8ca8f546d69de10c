import Foundation
import Testing
@testable import Reports

private struct Stop: Error, Equatable { let n: Int }

@Suite("The batch's hand-off primitives: ConditionLock, HandoffQueue, WriterThread")
struct HandoffQueueTests {
    @Test("A lock shared by threads loses no increment", arguments: [2, 4])
    func lockCounts(threads: Int) {
        let lock = ConditionLock()
        final class Box: @unchecked Sendable { var n = 0 }
        let box = Box()
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            for _ in 0..<10_000 { lock.withLock { box.n += 1 } }
        }
        #expect(box.n == threads * 10_000)
    }

    @Test("Elements arrive in the order sent, then nil once closed and drained", arguments: [1, 3, 8])
    func order(capacity: Int) throws {
        let queue = HandoffQueue<Int>(capacity: capacity)
        final class Got: @unchecked Sendable { var items: [Int] = [] }
        let got = Got()
        let done = DispatchSemaphore(value: 0)
        Thread {
            while let n = queue.receive() { got.items.append(n); queue.giveBack(n) }
            done.signal()
        }.start()
        for n in 0..<1000 { try queue.send(n) }
        queue.close()
        done.wait()
        #expect(got.items == Array(0..<1000))
        #expect(queue.receive() == nil)
    }

    @Test("A producer that stays ahead never lets the queue empty, and received elements are still let go", arguments: [1, 2, 8])
    func receivedAreReleased(capacity: Int) throws {
        final class Live: @unchecked Sendable { var count = 0 }
        final class Element { let live: Live; init(_ live: Live) { self.live = live; live.count += 1 }; deinit { live.count -= 1 } }
        let live = Live(), queue = HandoffQueue<Element>(capacity: capacity + 1)
        var most = 0
        for _ in 0..<capacity { try queue.send(Element(live)) }
        for _ in 0..<1_000 {
            try queue.send(Element(live))          // always one more than is received: never empty
            let element = try #require(queue.receive())
            queue.giveBack(element)                 // freed by the next send
            most = max(most, live.count)
        }
        #expect(most <= 2 * (capacity + 1) + 2)
    }

    @Test("The producer waits while the queue is full", arguments: [1, 2, 5])
    func blocksWhenFull(capacity: Int) throws {
        let queue = HandoffQueue<Int>(capacity: capacity)
        let sent = ManagedCounter()
        Thread {
            for n in 0..<(capacity + 3) { try? queue.send(n); sent.add() }
        }.start()
        Thread.sleep(forTimeInterval: 0.2)
        #expect(sent.value == capacity)   // the next send waits for room
        #expect(queue.count == capacity)
        #expect(queue.receive() == 0)
        Thread.sleep(forTimeInterval: 0.2)
        #expect(sent.value == capacity + 1)
        for n in 1..<(capacity + 3) { #expect(queue.receive() == n) }   // the rest, in order: the sender ends
        queue.close()
    }

    @Test("A consumer's failure is thrown at the producer's next send, and drops what waits", arguments: [1, 7])
    func failure(n: Int) throws {
        let queue = HandoffQueue<Int>(capacity: 4)
        try queue.send(1)
        queue.fail(Stop(n: n))
        queue.fail(Stop(n: n + 1))   // the first failure is kept
        #expect(throws: Stop(n: n)) { try queue.send(2) }
        #expect(queue.receive() == nil)
        #expect(queue.count == 0)
    }

    @Test("A writer thread consumes every element in order, and joins", arguments: [1, 8])
    func writerOrder(capacity: Int) throws {
        final class Got: @unchecked Sendable { var items: [[Int]] = [] }
        let got = Got()
        let writer = WriterThread<[Int]>(capacity: capacity) { got.items.append($0) }
        for n in 0..<200 { try writer.send([n, n + 1]) }
        try writer.finish()
        try writer.finish()   // a second finish does nothing
        #expect(got.items == (0..<200).map { [$0, $0 + 1] })
    }

    @Test("A writer thread's error is thrown by a later send or by finish", arguments: [0, 5, 40])
    func writerError(failAt: Int) throws {
        let writer = WriterThread<Int>(capacity: 2) { n in if n == failAt { throw Stop(n: n) } }
        var thrown: (any Error)?
        do {
            for n in 0...(failAt + 50) { try writer.send(n) }
            try writer.finish()
        } catch {
            thrown = error
        }
        #expect(thrown as? Stop == Stop(n: failAt))
        try? writer.finish()
    }
}

/// A counter read from another thread.
private final class ManagedCounter: @unchecked Sendable {
    private let lock = ConditionLock()
    private var n = 0
    func add() { lock.withLock { n += 1 } }
    var value: Int { lock.withLock { n } }
}
