import Platform
import Pricing

/// Threads that draw and write a batch's client quotes, each with a renderer of its own
/// (pango and cairo objects are not shared between threads): quotes are handed over
/// through a bounded ``HandoffQueue`` (64 quotes), so memory stays flat, and the PDFs, each
/// a file of its own, are written in whatever order the threads finish them. The first
/// error stops the work and is thrown by the next ``submit(_:)`` or by ``finish()``.
final class ClientQuoteWorkers: @unchecked Sendable {
    private let queue = HandoffQueue<Quote>(capacity: 64)
    private var threads: [pthread_t] = []
    private let work: (ClientQuoteRenderer, Quote) throws(ReportError) -> Void
    private let renderers: [ClientQuoteRenderer]

    /// Starts one thread per renderer; each runs `work` for the quotes it takes.
    init(renderers: [ClientQuoteRenderer], work: @escaping (ClientQuoteRenderer, Quote) throws(ReportError) -> Void) {
        self.work = work
        self.renderers = renderers
        let queue = queue
        for renderer in renderers {
            if let t = PThread.start({ Self.drain(queue, renderer, work) }) { threads.append(t) }
        }
    }

    /// Hands over a quote; waits while the queue is full. Without a thread, draws it here.
    func submit(_ quote: Quote) throws(ReportError) {
        guard !threads.isEmpty else { return try work(renderers[0], quote) }
        do { try queue.send(quote) } catch { throw Self.reportError(error) }
    }

    /// Waits until every quote handed over is written, ends the threads, and throws the first error.
    func finish() throws(ReportError) {
        queue.close()
        for t in threads { pthread_join(t, nil) }
        threads = []
        if let error = queue.error { throw Self.reportError(error) }
    }

    /// One thread's loop: quotes until the queue is closed and empty, or a thread failed.
    private static func drain(_ queue: HandoffQueue<Quote>, _ renderer: ClientQuoteRenderer,
                              _ work: (ClientQuoteRenderer, Quote) throws(ReportError) -> Void) {
        while let quote = queue.receive() {
            do throws(ReportError) {
                try work(renderer, quote)
            } catch {
                queue.fail(error)
                return
            }
        }
    }

    /// The queue keeps the first error as `any Error`; only `work`'s errors reach it.
    private static func reportError(_ error: any Error) -> ReportError {
        guard let error = error as? ReportError else { preconditionFailure("a client quote worker failed with \(error)") }
        return error
    }

    deinit { try? finish() }
}
