/// A bounded queue between a producer thread and its consumer threads (one for a batch's
/// writer, several for its client quotes): ``send(_:)`` waits
/// while `capacity` elements are waiting; ``receive()`` waits for one and gives nil once
/// the queue is closed and drained. The consumer's ``fail(_:)`` ends it: the producer's
/// next ``send(_:)`` throws that error and nothing more is handed over.
///
/// Elements the consumer is done with go back through ``giveBack(_:)`` and are freed by
/// the producer at its next send (glibc's malloc is much slower freeing memory another
/// thread allocated). All state is guarded by one heap-allocated ``ConditionLock``.
final class HandoffQueue<Element>: @unchecked Sendable {
    private let lock = ConditionLock()
    private var waiting: [Element] = []
    private var head = 0
    private var givenBack: [Element] = []
    private var closed = false
    private var failure: (any Error)?
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a hand-off queue holds at least one element")
        self.capacity = capacity
    }

    /// Hands `element` over, waiting while the queue is full; throws the consumer's error.
    func send(_ element: Element) throws {
        lock.lock()
        while waiting.count - head >= capacity && failure == nil && !closed { lock.wait() }
        if let failure {
            lock.unlock()
            throw failure
        }
        precondition(!closed, "send after close")
        waiting.append(element)
        var returned: [Element] = []
        swap(&returned, &givenBack)
        lock.broadcast()
        lock.unlock()
        returned.removeAll()   // freed here, outside the lock, on the producer's thread
    }

    /// The next element, waiting for one; nil once the queue is closed and empty, or failed.
    func receive() -> Element? {
        lock.lock()
        defer { lock.unlock() }
        while head == waiting.count && !closed && failure == nil { lock.wait() }
        guard head < waiting.count, failure == nil else { return nil }
        let element = waiting[head]
        head += 1
        // Received elements leave the array at once (a producer that stays ahead never lets
        // it empty: kept, they would hold every chunk of the batch).
        if head == waiting.count {
            waiting.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= capacity {
            waiting.removeFirst(head)
            head = 0
        }
        lock.broadcast()
        return element
    }

    /// The consumer is done with `element`: the producer frees it.
    func giveBack(_ element: Element) {
        lock.withLock { givenBack.append(element) }
    }

    /// No more elements: ``receive()`` gives nil once the waiting ones are taken.
    func close() {
        lock.withLock {
            closed = true
            lock.broadcast()
        }
    }

    /// The consumer failed: what waits is dropped, and the producer's sends throw `error`
    /// (the first failure is kept).
    func fail(_ error: any Error) {
        lock.withLock {
            if failure == nil { failure = error }
            waiting.removeAll()
            head = 0
            lock.broadcast()
        }
    }

    /// The consumer's error, if it failed.
    var error: (any Error)? { lock.withLock { failure } }

    /// Elements handed over and not yet received.
    var count: Int { lock.withLock { waiting.count - head } }

    /// Drops the elements given back (once both threads are done).
    func dropGivenBack() {
        lock.withLock { givenBack.removeAll() }
    }
}
