import Platform

/// The second half of a batch's pipeline: a thread that consumes what the first half
/// hands it through a bounded ``HandoffQueue``, in the order handed, so the outputs are
/// the same bytes as a single-threaded run and memory stays flat whichever side is faster.
///
/// The thread holds the queue and the `consume` closure only (through a box it alone
/// releases), never the `WriterThread` itself; ``finish()`` joins it.
final class WriterThread<Element> {
    private let queue: HandoffQueue<Element>
    private let consume: (Element) throws -> Void
    private var thread: pthread_t?

    /// Starts the thread; `consume` runs on it for each element sent, in order, until it
    /// throws (the next ``send(_:)`` or ``finish()`` throws that error).
    init(capacity: Int = 8, consume: @escaping (Element) throws -> Void) {
        let queue = HandoffQueue<Element>(capacity: capacity)
        self.queue = queue
        self.consume = consume
        thread = PThread.start { Self.drain(queue, with: consume) }
    }

    /// Hands over an element; waits while the queue is full. Without a thread (it could
    /// not be started), consumes it on the caller's thread.
    func send(_ element: Element) throws {
        guard thread != nil else { return try consume(element) }
        try queue.send(element)
    }

    /// Waits until everything sent is consumed, then ends the thread; throws the first
    /// error `consume` threw. Calling it again does nothing more.
    func finish() throws {
        guard let t = thread else { return }
        queue.close()
        pthread_join(t, nil)
        thread = nil
        queue.dropGivenBack()
        if let error = queue.error { throw error }
    }

    /// The consumer's loop: every element, in order, each given back once consumed.
    private static func drain(_ queue: HandoffQueue<Element>, with consume: (Element) throws -> Void) {
        while let element = queue.receive() {
            do {
                try consume(element)
                queue.giveBack(element)
            } catch {
                queue.fail(error)
                return
            }
        }
    }
}

/// Threads of the batch's pipelines (``WriterThread``, ``ClientQuoteWorkers``).
enum PThread {
    /// Starts a thread running `body`, or nil if the system refuses one. The thread holds
    /// `body` only, through a box it alone releases; join it with `pthread_join`.
    static func start(_ body: @escaping () -> Void) -> pthread_t? {
        let box = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
        var t = pthread_t()
        let started = pthread_create(&t, nil, { raw in
            Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().body()
            return nil
        }, box)
        guard started == 0 else {
            Unmanaged<ThreadBody>.fromOpaque(box).release()
            return nil
        }
        return t
    }
}

/// A new thread's work, handed to `pthread_create` as its one retained argument.
private final class ThreadBody {
    let body: () -> Void
    init(_ body: @escaping () -> Void) { self.body = body }
}
