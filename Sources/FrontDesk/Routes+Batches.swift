import Foundation
import Hummingbird
import Ledger
import Reports

/// The managers' batch pages (capability ``Capability/batches``): the upload form, the
/// job's page (progress, then counts and downloads) and the three downloads. The upload
/// is streamed (``RouteTable/BodyMode/streamed(maxBytes:)``): its CSRF token comes in the
/// form action's query, `?csrf=`. A job is found by its id in this server's memory and
/// shown only to the account that started it, or an admin; any other id answers 404.
extension RouteTable {
    func addBatches() {
        let desk = desk
        add(.get, "/batches/new", needs: .capability(.batches)) { input in
            desk.page("batch-new", title: "Batch", Self.batchForm(nil), caller: try input.signedIn)
        }
        add(.post, "/batches", needs: .capability(.batches), body: .streamed(maxBytes: BatchUpload.maxBytes)) { input in
            try await Self.startBatch(input, desk: desk)
        }
        add(.get, "/batches/:job", needs: .capability(.batches)) { input in
            let caller = try input.signedIn
            let job = try Self.job(input, desk: desk)
            return desk.page("batch", title: "Batch \(job.uploadName)", Self.values(of: job), caller: caller)
        }
        for output in BatchOutput.allCases {
            add(.get, RouterPath("/batches/:job/\(output.rawValue)"), needs: .capability(.batches)) { input in
                let job = try Self.job(input, desk: desk)
                guard case .finished = job.state else { throw Self.noJob }
                let body = try await FileIO().loadFile(path: job.path(of: output), context: input.context)
                return Response(status: .ok, headers: [.contentType: output.contentType, .cacheControl: "no-store",
                                                       .contentDisposition: "attachment; filename=\"\(output.rawValue)\""],
                                body: body)
            }
        }
    }

    /// The form's values: a refusal to show, if any.
    static func batchForm(_ problem: FrontDeskError?) -> [String: Any] {
        ["maxMiB": BatchUpload.maxBytes >> 20, "problem": problem?.reason ?? false]
    }

    /// `POST /batches`: the upload streamed into a new job's folder, then the batch run in
    /// the background; a 303 to the job's page. A refused form is shown again with the reason.
    static func startBatch(_ input: RouteInput, desk: Desk) async throws -> Response {
        let caller = try input.signedIn
        guard let stream = input.stream else { throw FrontDeskError(.internalServerError, "the upload was not streamed") }
        let (id, folder) = try desk.batches.newFolder()
        let requestsPath = folder.appendingPathComponent(BatchJob.requestsName).path
        let upload: BatchUpload
        do {
            upload = try await BatchUpload.receive(stream, contentType: input.request.headers[.contentType] ?? "", into: requestsPath)
        } catch let refusal as FrontDeskError where refusal.status == .unprocessableContent {
            try? FileManager.default.removeItem(at: folder)
            return desk.page("batch-new", status: refusal.status, title: "Batch", batchForm(refusal), caller: caller)
        } catch {
            try? FileManager.default.removeItem(at: folder)
            throw error
        }
        let job = BatchJob(id: id, owner: caller.account.name, uploadName: upload.filename, folder: folder)
        do { try desk.batches.add(job, at: desk.clock.now()) } catch {
            job.removeFolder()
            throw error
        }
        let save = upload.fields["save"] != nil, account = caller.account
        let audit = desk.recording(.user(account.name), from: input.context.peer)
        Task.detached { await BatchWork.run(job, save: save, account: account, desk: desk, audit: audit) }
        return Desk.redirect(to: "/batches/\(job.id)")
    }

    static let noJob = FrontDeskError(.notFound, field: "job", "no such batch (batches are kept an hour, and end when the server stops)")

    /// The job of the path's `:job` if the caller may see it; else 404.
    static func job(_ input: RouteInput, desk: Desk) throws -> BatchJob {
        guard let job = desk.batches.job(input.parameter("job"), for: try input.signedIn.account) else { throw noJob }
        return job
    }

    /// The job page's values: progress while it runs (the page reloads itself every
    /// second), then the counts and the download links, or the reason it stopped.
    static func values(of job: BatchJob) -> [String: Any] {
        var values: [String: Any] = ["upload": job.uploadName, "job": job.id]
        switch job.state {
        case let .running(rows):
            values["refresh"] = "1"
            values["running"] = ["rows": rows]
        case let .finished(summary, saved):
            var done: [String: Any] = ["rows": summary.rows, "quoted": summary.quoted,
                                       "rejected": summary.rejected,
                                       "saved": saved ? summary.quoted : "0 (not asked to save)"]
            if !summary.ignoredColumns.isEmpty { done["ignored"] = summary.ignoredColumns.joined(separator: ", ") }
            values["finished"] = done
        case let .failed(reason):
            values["failed"] = ["reason": reason]
        }
        return values
    }
}
