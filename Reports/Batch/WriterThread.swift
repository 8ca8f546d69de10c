#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Pricing

/// The second half of a batch's pipeline: a thread that writes what the first half
/// (reading, parsing, pricing) hands it, in the order handed, so the outputs are the same
/// bytes as a single-threaded run. Work moves in batches through a bounded queue, so
/// memory stays flat whichever side is faster.
final class WriterThread: @unchecked Sendable {
    /// One row's outcome.
    enum Item {
        /// A parsed request, to price and write (or reject) on the writer thread.
        case request(QuoteRequest, fields: [String], line: Int)
        /// A priced quote, to admit (the ledger) and write (or reject) on the writer thread.
        case priced(Quote, fields: [String], line: Int)
        case reject(fields: [String], line: Int, message: String)
    }

    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    private var queue: [[Item]] = []
    private var head = 0
    /// Written batches, handed back so that they are freed on the thread that made them
    /// (glibc's malloc is much slower freeing another thread's memory).
    private var done: [[Item]] = []
    private var closed = false
    private var failure: (any Error)?
    private let capacity = 8
    private let write: ([Item]) throws -> Void
    private var thread: pthread_t?

    /// Starts the thread; `write` runs on it for each batch, in order.
    init(write: @escaping ([Item]) throws -> Void) {
        self.write = write
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
        let context = Unmanaged.passRetained(self).toOpaque()
        var t = pthread_t()
        let started = pthread_create(&t, nil, { raw in
            let me = Unmanaged<WriterThread>.fromOpaque(raw!).takeRetainedValue()
            me.loop()
            return nil
        }, context)
        if started == 0 {
            thread = t
        } else {
            Unmanaged<WriterThread>.fromOpaque(context).release()
        }
    }

    /// Hands over a batch; waits while the queue is full. Without a thread (it could not
    /// be started), writes on the caller's thread.
    func send(_ batch: [Item]) throws {
        guard thread != nil else { return try write(batch) }
        pthread_mutex_lock(&mutex)
        while queue.count - head >= capacity && failure == nil { pthread_cond_wait(&changed, &mutex) }
        if let failure {
            pthread_mutex_unlock(&mutex)
            throw failure
        }
        queue.append(batch)
        var written: [[Item]] = []
        swap(&written, &done)
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
        written.removeAll()   // freed here, outside the lock, on the sending thread
    }

    /// Waits until everything handed over is written, then ends the thread; throws the
    /// first write error.
    func finish() throws {
        guard let t = thread else { return }
        pthread_mutex_lock(&mutex)
        closed = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
        pthread_join(t, nil)
        thread = nil
        done.removeAll()
        if let failure { throw failure }
    }

    private func loop() {
        while true {
            pthread_mutex_lock(&mutex)
            while head == queue.count && !closed { pthread_cond_wait(&changed, &mutex) }
            if head == queue.count {
                pthread_mutex_unlock(&mutex)
                return
            }
            let batch = queue[head]
            queue[head] = []
            head += 1
            if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
            pthread_cond_broadcast(&changed)
            pthread_mutex_unlock(&mutex)
            do {
                try write(batch)
                pthread_mutex_lock(&mutex)
                done.append(batch)
                pthread_mutex_unlock(&mutex)
            } catch {
                pthread_mutex_lock(&mutex)
                failure = error
                queue.removeAll()
                head = 0
                pthread_cond_broadcast(&changed)
                pthread_mutex_unlock(&mutex)
                return
            }
        }
    }

    deinit {
        pthread_mutex_destroy(&mutex)
        pthread_cond_destroy(&changed)
    }
}
