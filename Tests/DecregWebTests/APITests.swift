import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct APITests {
    @Test func decisionsArePagedWithOParlNames() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/decisions?per_page=2", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                let body = response.json
                let data = try #require(body["data"] as? [[String: Any]])
                #expect(data.map { $0["reference"] as? String } == ["SODERTORN-TRAFIK-2024", "FLEMINGSBERG-2009"])
                #expect(data[0]["type"] as? String == "https://schema.oparl.org/1.1/Paper")
                #expect(data[0]["id"] as? String == "/api/v1/decisions/SODERTORN-TRAFIK-2024")
                let pagination = try #require(body["pagination"] as? [String: Any])
                #expect(pagination["totalElements"] as? Int == 3)
                #expect(pagination["totalPages"] as? Int == 2)
                let links = try #require(body["links"] as? [String: String])
                #expect(links["next"] == "/api/v1/decisions?per_page=2&page=2")
                #expect(links["prev"] == nil)
            }
            try await client.execute(uri: "/api/v1/decisions?per_page=2&page=2", method: .get) { response in
                let data = try #require(response.json["data"] as? [[String: Any]])
                #expect(data.map { $0["reference"] as? String } == ["FLEMINGSBERG-2007"])
            }
            try await client.execute(uri: "/api/v1/decisions?party=SALEM&year=2025&status=partly-adopted", method: .get) {
                let data = try #require($0.json["data"] as? [[String: Any]])
                #expect(data.map { $0["reference"] as? String } == ["SODERTORN-TRAFIK-2024"])
            }
            try await client.execute(uri: "/api/v1/decisions?q=Flemingsberg", method: .get) {
                let data = try #require($0.json["data"] as? [[String: Any]])
                #expect(Set(data.compactMap { $0["reference"] as? String }) == ["FLEMINGSBERG-2007", "FLEMINGSBERG-2009"])
            }
        }
    }

    @Test func oneDecisionWithConsultationsFilesAndExactAmounts() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/decisions/FLEMINGSBERG-2007", method: .get) { response in
                #expect(response.status == .ok)
                let paper = response.json
                #expect(paper["type"] as? String == "https://schema.oparl.org/1.1/Paper")
                #expect(paper["reference"] as? String == "FLEMINGSBERG-2007")
                #expect(paper["date"] as? String == "2007-07-06")
                #expect(paper["web"] as? String == "/decisions/FLEMINGSBERG-2007")
                let consultation = try #require(paper["consultation"] as? [[String: Any]])
                #expect(consultation.first?["type"] as? String == "https://schema.oparl.org/1.1/Consultation")
                #expect(consultation.first?["body"] as? String == "FLEM-PS")
                let funding = try #require(paper["funding"] as? [[String: Any]])
                #expect(funding.first?["total"] as? String == "2500000.00")
                #expect(funding.first?["currency"] as? String == "SEK")
                let files = try #require(paper["auxiliaryFile"] as? [[String: Any]])
                #expect(files.count == 4)
                #expect(files.first?["accessUrl"] as? String == "/decisions/FLEMINGSBERG-2007/attachments/Bilaga%201")
                #expect((files.first?["sha256"] as? String)?.count == 64)
                #expect(response.text.contains("\"amount\": \"1000000.00\""))
            }
            try await client.execute(uri: "/api/v1/decisions/NOPE", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let error = try #require(response.json["error"] as? [String: Any])
                #expect(error["status"] as? Int == 404)
                #expect(error["message"] as? String == "no decision 'NOPE' in the register")
            }
        }
    }

    @Test func partiesBodiesTotalsAndAuditHead() async throws {
        let fixture = try WebFixture()
        let head = try #require(try fixture.register.auditHead())
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/parties", method: .get) { response in
                let data = try #require(response.json["data"] as? [[String: Any]])
                let sll = try #require(data.first { $0["shortName"] as? String == "SLL" })
                #expect(sll["type"] as? String == "https://schema.oparl.org/1.1/Body")
                #expect(sll["name"] as? String == "Stockholms läns landsting")
            }
            try await client.execute(uri: "/api/v1/bodies", method: .get) { response in
                let data = try #require(response.json["data"] as? [[String: Any]])
                let ps = try #require(data.first { $0["shortName"] as? String == "FLEM-PS" })
                #expect(ps["type"] as? String == "https://schema.oparl.org/1.1/Organization")
                #expect(ps["parties"] as? [String] == ["SLL", "HUDDINGE", "BOTKYRKA"])
            }
            try await client.execute(uri: "/api/v1/totals?by=party,year&party=BOTKYRKA&year=2008..2009", method: .get) {
                response in
                #expect(response.status == .ok)
                let data = try #require(response.json["data"] as? [[String: Any]])
                let rows = data.map { "\($0["party"] ?? "") \($0["year"] ?? "") \($0["committed"] ?? "") \($0["paid"] ?? "")" }
                #expect(rows == ["BOTKYRKA 2008 500000.00 0.00", "BOTKYRKA 2009 600000.00 500000.00"])
            }
            try await client.execute(uri: "/api/v1/audit", method: .get) { response in
                let body = try #require(response.json["head"] as? [String: Any])
                #expect(body["seq"] as? Int == Int(head.seq))
                #expect(body["hash"] as? String == head.hash)
            }
        }
    }

    @Test func etagRevalidatesAndChangesWithTheRegister() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            let tag = try await client.execute(uri: "/api/v1/decisions", method: .get) { response in
                try #require(response.headers[.eTag])
            }
            for uri in ["/api/v1/decisions", "/api/v1/decisions/FLEMINGSBERG-2007", "/api/v1/parties", "/api/v1/audit"] {
                try await client.execute(uri: uri, method: .get, headers: [.ifNoneMatch: tag]) { response in
                    #expect(response.status == .notModified, "\(uri)")
                    #expect(response.headers[.eTag] == tag)
                    #expect(response.body.readableBytes == 0)
                }
            }
            // A clerk imports a decision; the next request reads it, under a new tag.
            let decision = Decision(
                ref: "NEW-2026", title: "Nytt beslut", date: try LocalDate(parsing: "2026-11-26"), parties: ["SLL"])
            try fixture.writer.add(RegisterBatch(decisions: [decision]), context: WebFixture.context)
            try await client.execute(uri: "/api/v1/decisions", method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != tag)
                #expect(response.text.contains("\"reference\": \"NEW-2026\""))
            }
            try await client.execute(uri: "/", method: .get) { #expect($0.text.contains(">NEW-2026</a>")) }
        }
    }

    @Test(arguments: [
        ("/api/v1/decisions?page=0", "page"), ("/api/v1/decisions?per_page=501", "per_page"),
        ("/api/v1/decisions?status=done", "status"), ("/api/v1/decisions?year=1", "year"),
        ("/api/v1/decisions?party=NOBODY", "party"), ("/api/v1/decisions?sort=date", "sort"),
        ("/api/v1/decisions?q=%21%21", "q"), ("/api/v1/totals?by=colour", "by"), ("/api/v1/totals?by=year,year", "by"),
        ("/api/v1/totals?year=2024..2020", "year"), ("/api/v1/totals?party=NOBODY", "party"),
        ("/api/v1/parties?lang=en", "lang"), ("/api/v1/decisions/FLEMINGSBERG-2007?x=1", "x"),
    ])
    func badParametersAre400WithAJSONError(_ uri: String, _ parameter: String) async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                let error = try #require(response.json["error"] as? [String: Any])
                #expect(error["status"] as? Int == 400)
                #expect(error["parameter"] as? String == parameter, "\(uri)")
                #expect((error["message"] as? String)?.isEmpty == false)
            }
        }
    }

    @Test func unknownAPIPathsAre404JSONAndLongQueries414() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for uri in ["/api/v1/nothing", "/api/v2/decisions", "/api/v1/decisions/A/B", "/api/v1/"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    #expect((response.json["error"] as? [String: Any])?["status"] as? Int == 404)
                }
            }
            try await client.execute(uri: "/api/v1/decisions?q=" + String(repeating: "x", count: 5000), method: .get) {
                #expect($0.status == .uriTooLong)
                #expect(($0.json["error"] as? [String: Any])?["status"] as? Int == 414)
            }
        }
    }

    @Test func crossOriginPreflightIsAnswered() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/decisions", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                #expect(response.headers[.accessControlAllowMethods] == "GET")
            }
        }
    }

    @Test func openAPIDocumentIsServedAsCommitted() async throws {
        let fixture = try WebFixture()
        let committed = try String(
            contentsOf: WebFixture.fixtures.deletingLastPathComponent().appendingPathComponent("openapi.yaml"), encoding: .utf8)
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/yaml; charset=utf-8")
                #expect(response.text == committed)
                #expect(response.text.hasPrefix("openapi: 3.1.0\n"))
                for path in ["/decisions:", "/decisions/{ref}:", "/parties:", "/bodies:", "/totals:", "/audit:"] {
                    #expect(response.text.contains("  \(path)\n"), "\(path)")
                }
            }
        }
    }
}

@Suite struct CachedReadTests {
    @Test func listsAreReusedOnlyWhileTheHeadStands() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for _ in 0..<2 {
                try await client.execute(uri: "/api/v1/decisions?party=SLL", method: .get) {
                    #expect(($0.json["pagination"] as? [String: Any])?["totalElements"] as? Int == 2)
                }
                try await client.execute(uri: "/api/v1/totals?by=year&party=SLL", method: .get) {
                    #expect(($0.json["data"] as? [[String: Any]])?.count == 2)
                }
            }
            let decision = Decision(
                ref: "SLL-2030", title: "Ännu ett", date: try LocalDate(parsing: "2026-11-26"), parties: ["SLL"],
                funding: [.shares(year: 2030, total: try AmountParser.parse("1 MKr"), [("SLL", try AmountParser.parse("1 MKr"))])])
            try fixture.writer.add(RegisterBatch(decisions: [decision]), context: WebFixture.context)
            try await client.execute(uri: "/api/v1/decisions?party=SLL", method: .get) {
                #expect(($0.json["pagination"] as? [String: Any])?["totalElements"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/totals?by=year&party=SLL", method: .get) {
                #expect(($0.json["data"] as? [[String: Any]])?.count == 3)
            }
            try await client.execute(uri: "/?party=SLL", method: .get) { #expect($0.text.contains(">SLL-2030</a>")) }
        }
    }
}
