import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct ReadOnlyTests {
    @Test func noRequestChangesTheFile() async throws {
        let fixture = try WebFixture()
        let before = try fixture.fileDigest()
        try await fixture.application.test(.router) { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                for uri in ["/", "/decisions/FLEMINGSBERG-2007", "/api/v1/decisions", "/api/v1/decisions/FLEMINGSBERG-2007"] {
                    try await client.execute(
                        uri: uri, method: method, body: ByteBuffer(string: "{\"title\": \"changed\"}")
                    ) { response in
                        #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                    }
                }
            }
            for uri in [
                "/?q=x%27%3B+DROP+TABLE+decision%3B--", "/api/v1/decisions?party=%27%3B+DELETE+FROM+party%3B--",
                "/api/v1/decisions?q=%22%29+OR+1%3D1+--", "/audit", "/api/v1/totals?by=decision",
            ] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status.code < 500, "\(uri)") }
            }
        }
        #expect(try fixture.fileDigest() == before)
        #expect(try fixture.register.decisions(DecisionFilter()).count == 3)
    }

    @Test func theReadOnlyRegisterRefusesWrites() throws {
        let fixture = try WebFixture()
        let before = try fixture.fileDigest()
        let decision = Decision(
            ref: "SNEAKY", title: "Skulle inte finnas", date: try LocalDate(parsing: "2026-01-01"), parties: ["SLL"])
        #expect(throws: (any Error).self) {
            try fixture.register.add(RegisterBatch(decisions: [decision]), context: WebFixture.context)
        }
        #expect(try fixture.fileDigest() == before)
        #expect(throws: (any Error).self) { try fixture.register.decision("SNEAKY") }
    }

    @Test func openReadOnlyRefusesWhatItCannotServe() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(throws: RegisterError.noRegister(path: folder.path + "/none.sqlite")) {
            try Register.open(path: folder.path + "/none.sqlite", for: .serving)
        }
        let garbage = folder.path + "/garbage.sqlite"
        try Data(repeating: 7, count: 4096).write(to: URL(fileURLWithPath: garbage))
        #expect(throws: RegisterError.notARegister(path: garbage, reason: .notSQLite)) {
            try Register.open(path: garbage, for: .serving)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/none.sqlite"))
    }

    @Test func requestsReadSideBySideWhileAClerkImports() async throws {
        let fixture = try WebFixture()
        let app = fixture.application
        try await app.test(.router) { client in
            try await withThrowingTaskGroup(of: HTTPResponse.Status.self) { group in
                for index in 0..<40 {
                    let uri = ["/", "/api/v1/decisions", "/decisions/FLEMINGSBERG-2007", "/api/v1/totals"][index % 4]
                    group.addTask { try await client.execute(uri: uri, method: .get) { $0.status } }
                }
                // The clerk's import commits while the requests run; it never fails with "database is locked".
                for number in 1...5 {
                    let decision = Decision(
                        ref: "CLERK-\(number)", title: "Importerat under visning", date: try LocalDate(parsing: "2026-11-26"),
                        parties: ["SLL"])
                    try fixture.writer.add(RegisterBatch(decisions: [decision]), context: WebFixture.context)
                }
                for try await status in group { #expect(status == .ok) }
            }
            try await client.execute(uri: "/api/v1/decisions?q=visning", method: .get) { response in
                #expect((response.json["pagination"] as? [String: Any])?["totalElements"] as? Int == 5)
            }
        }
        // The register keeps its rollback journal: serving never switched it to WAL.
        #expect(!FileManager.default.fileExists(atPath: fixture.path + "-wal"))
        let header = try Data(contentsOf: URL(fileURLWithPath: fixture.path)).prefix(20)
        #expect(header[18] == 1 && header[19] == 1)  // file format read/write versions 1: legacy (rollback) journal
    }
}
