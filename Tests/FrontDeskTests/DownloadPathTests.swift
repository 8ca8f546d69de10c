import Foundation
@testable import FrontDesk
import Hummingbird
import HummingbirdTesting
import Ledger
import Testing
import Workflows

/// Every download the router answers (a GET route with a path parameter, or whose path
/// names a file), requested with hostile values in each parameter, in the
/// file's name and in the query: dot segments, encoded and double-encoded slashes,
/// absolute paths, NUL, overlong ids. Marker files next to the ledger and beside the
/// batches' folders must never come back, nor the ledger's own bytes.
@Suite("Front desk: a download path cannot leave the ledger")
struct DownloadPathTests {
    /// The GET routes that send a file, or that take a path parameter (a file may hide behind one).
    static func downloads() async throws -> [RegisteredRoute] {
        try await RouteCatalog.handled().filter { route in
            route.method == .get && !route.path.hasPrefix("/static/")
                && (!route.parameters.isEmpty || route.path.split(separator: "/").last?.contains(".") == true)
        }
    }

    /// Files a download must never send: one beside the batches' folders (the system's
    /// temporary folder), one beside the ledger.
    struct Markers {
        let folder: URL
        let ledger: String
        let besideJobs: URL
        let besideLedger: URL
        let content: String

        init() throws {
            let id = UUID().uuidString
            content = "MARKER-\(id)"
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("download-paths-\(id)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
            ledger = folder.appendingPathComponent("ledger.sqlite").path
            besideLedger = folder.appendingPathComponent("marker.txt")
            besideJobs = FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-marker-\(id).txt")
            for file in [besideLedger, besideJobs] { try Data(content.utf8).write(to: file) }
        }

        func remove() {
            try? FileManager.default.removeItem(at: folder)
            try? FileManager.default.removeItem(at: besideJobs)
        }

        /// Hostile values for a path segment: each tries to name a marker or the ledger.
        var hostile: [String] {
            let job = besideJobs.lastPathComponent, slashed = { (path: String) in path.replacingOccurrences(of: "/", with: "%2F") }
            return [
                "..", "../..", "%2e%2e", "%2E%2E%2F%2E%2E", "../\(job)", "..%2F\(job)", "%2e%2e%2f\(job)", "..%252F\(job)",
                "%252e%252e%252f\(job)", "..%5C\(job)", "....%2F%2F\(job)", "%c0%ae%c0%ae%c0%af\(job)",
                "%2F", slashed(besideLedger.path), slashed(ledger), slashed("../../../../../../" + besideLedger.path),
                String(besideLedger.path.dropFirst()), "\(job)%00.csv", "%00", "..%00", "quotes.csv%00",
                String(repeating: "a", count: 5000), String(repeating: "..%2F", count: 40) + job,
            ]
        }

        /// Whether `text` is, or holds, a file a download must never send.
        func leaked(_ bytes: [UInt8]) -> Bool {
            let text = String(decoding: bytes, as: UTF8.self)
            return text.contains(content) || text.contains("SQLite format 3")
        }
    }

    /// The paths to try for `route`: each parameter hostile in turn, the file's name
    /// hostile, dot segments after the path, and hostile values in the query.
    static func paths(_ route: RegisteredRoute, world: RouteWorld, markers: Markers) throws -> [(path: String, parameterised: Bool)] {
        let real = try world.path(route)
        var out: [(String, Bool)] = []
        for value in markers.hostile {
            for parameter in route.parameters {
                out.append((try RouteWorld.path(route) { name in
                    if name == parameter { return value }
                    return try #require(world.value(of: name))
                }, true))
            }
            let parent = real.split(separator: "/").dropLast().joined(separator: "/")
            out.append(("/\(parent)/\(value)", true))
            out.append((real + "?from=\(value)&to=\(value)&file=\(value)&path=\(value)&id=\(value)", false))
        }
        out.append((real + "/../../" + markers.besideJobs.lastPathComponent, true))
        out.append((real + "/..%2F..%2F" + markers.besideJobs.lastPathComponent, true))
        return out
    }

    @Test("Hostile download paths answer 400, 404 or 422 and never a file's content", arguments: try await downloads())
    func hostile(_ route: RegisteredRoute) async throws {
        let markers = try Markers()
        defer { markers.remove() }
        let desk = try await WebFixture(ledgerFile: markers.ledger)
        try await RouteWorld.accounts(desk)
        try await desk.test { client in
            let world = try await RouteWorld.prepare(client, desk, job: route.parameters.contains("job"))
            defer { if let job = world.job { BatchJob.remove(id: job) } }
            let admin = try #require(world.browsers[.admin])
            // The real download works (so a refusal below is the path's, not the caller's).
            try await client.execute(uri: try world.path(route), method: .get, headers: [.cookie: admin.cookie]) { response in
                #expect(response.status == .ok, "\(route)")
            }
            for (path, parameterised) in try Self.paths(route, world: world, markers: markers) {
                let response: TestResponse
                do { response = try await client.execute(uri: path, method: .get, headers: [.cookie: admin.cookie]) } catch {
                    Issue.record("\(path): no answer (\(error))")
                    continue
                }
                #expect(!markers.leaked(Array(buffer: response.body)), "\(path) sent a file")
                if parameterised {
                    #expect([400, 404, 414, 422].contains(response.status.code), "\(path): \(response.status)")
                } else {
                    #expect(response.status.code < 500, "\(path): \(response.status)")
                }
            }
        }
    }
}

extension BatchJob {
    /// Removes the folder of the batch `id` (the in-process test client runs no cleanup service).
    static func remove(id: String) {
        try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("spaquote-batch-\(id)"))
    }
}
