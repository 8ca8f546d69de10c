import Platform
import Pricing

/// Threads that draw and write a batch's client quotes, each with a renderer of its own
/// (pango and cairo objects are not shared between threads): quotes are handed over
/// through a bounded queue, so memory stays flat, and the PDFs, each a file of its own,
/// are written in whatever order the threads finish them. The first error stops the work
/// and is thrown by the next ``submit(_:)`` or by ``finish()``.
final class ClientQuoteWorkers: @unchecked Sendable {
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    private var queue: [Quote] = []
    private var head = 0
    private var closed = false
    private var failure: ReportError?
    private let capacity = 64
    private var threads: [pthread_t] = []
    private let work: (ClientQuoteRenderer, Quote) throws(ReportError) -> Void
    private var renderers: [ClientQuoteRenderer]

    /// Starts one thread per renderer; each runs `work` for the quotes it takes.
    init(renderers: [ClientQuoteRenderer], work: @escaping (ClientQuoteRenderer, Quote) throws(ReportError) -> Void) {
        self.work = work
        self.renderers = renderers
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
        for index in renderers.indices {
            let context = Unmanaged.passRetained(Box(workers: self, index: index)).toOpaque()
            var t = pthread_t()
            if pthread_create(&t, nil, { raw in
                let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
                box.workers.loop(renderer: box.workers.renderers[box.index])
                return nil
            }, context) == 0 {
                threads.append(t)
            } else {
                Unmanaged<Box>.fromOpaque(context).release()
            }
        }
    }

    private final class Box {
        let workers: ClientQuoteWorkers
        let index: Int
        init(workers: ClientQuoteWorkers, index: Int) { self.workers = workers; self.index = index }
    }

    /// Hands over a quote; waits while the queue is full. Without a thread, draws it here.
    func submit(_ quote: Quote) throws(ReportError) {
        guard !threads.isEmpty else { return try work(renderers[0], quote) }
        pthread_mutex_lock(&mutex)
        while queue.count - head >= capacity && failure == nil { pthread_cond_wait(&changed, &mutex) }
        if let failure {
            pthread_mutex_unlock(&mutex)
            throw failure
        }
        queue.append(quote)
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }

    /// Waits until every quote handed over is written, ends the threads, and throws the first error.
    func finish() throws(ReportError) {
        pthread_mutex_lock(&mutex)
        closed = true
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
        for t in threads { pthread_join(t, nil) }
        threads = []
        if let failure { throw failure }
    }

    private func loop(renderer: ClientQuoteRenderer) {
        while true {
            pthread_mutex_lock(&mutex)
            while head == queue.count && !closed && failure == nil { pthread_cond_wait(&changed, &mutex) }
            if head == queue.count || failure != nil {
                pthread_mutex_unlock(&mutex)
                return
            }
            let quote = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= capacity {
                queue.removeFirst(head)   // the queue never empties while the batch outruns the threads
                head = 0
            }
            pthread_cond_broadcast(&changed)
            pthread_mutex_unlock(&mutex)
            do {
                try work(renderer, quote)
            } catch {
                pthread_mutex_lock(&mutex)
                if failure == nil { failure = error }
                pthread_cond_broadcast(&changed)
                pthread_mutex_unlock(&mutex)
                return
            }
        }
    }

    deinit {
        try? finish()
        pthread_mutex_destroy(&mutex)
        pthread_cond_destroy(&changed)
    }
}
