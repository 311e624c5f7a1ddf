import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// What schemathesis (Tests/api/schemathesis.sh) found the server doing against `openapi.yaml`, as a client sees it.
@Suite struct ConformanceTests {
    /// A NUL in a search once reached SQLite's FTS5 parser, which stops at it: a 500. Any control character in a
    /// parameter is now a 400 naming it, on the API and on the pages.
    @Test(arguments: [
        ("/api/v1/decisions?q=a%00b", "q"), ("/api/v1/decisions?q=%00Uy%C3%8F", "q"),
        ("/api/v1/decisions?q=a%1Fb", "q"),
        ("/api/v1/decisions?party=SLL%00", "party"), ("/api/v1/totals?decision=FLEMINGSBERG-2007%0A", "decision"),
        ("/api/v1/decisions?q=Flemingsberg%C2%85", "q"),
    ])
    func controlCharactersInParametersAre400(_ uri: String, _ parameter: String) async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest, "\(uri)")
                let error = try #require(response.json["error"] as? [String: Any])
                #expect(error["parameter"] as? String == parameter)
                #expect(error["message"] as? String == "the value has control characters; give plain text")
            }
            let page = uri.replacingOccurrences(of: "/api/v1/decisions?", with: "/?")
            if page.hasPrefix("/?") {
                try await client.execute(uri: page, method: .get) { #expect($0.status == .badRequest, "\(page)") }
            }
        }
    }

    /// SQLite reads a bound text up to its first NUL, so `FLEMINGSBERG-2007%00` once served that decision under
    /// another address. A path with a control character names nothing.
    @Test(arguments: [
        "/api/v1/decisions/FLEMINGSBERG-2007%00", "/api/v1/decisions/FLEMINGSBERG-2007%00x",
        "/decisions/FLEMINGSBERG-2007%00",
        "/decisions/FLEMINGSBERG-2007/attachments/Bilaga%201%00", "/parties/SLL%00",
    ])
    func controlCharactersInPathsAre404(_ uri: String) async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { #expect($0.status == .notFound, "\(uri)") }
        }
    }

    /// The API refuses an empty value (schema: minLength 1, or an enum); the pages still read it as "no filter",
    /// as their search form sends it.
    @Test(arguments: [
        ("/api/v1/decisions?status=", "status"), ("/api/v1/decisions?q=", "q"), ("/api/v1/decisions?party=", "party"),
        ("/api/v1/decisions?year=", "year"), ("/api/v1/decisions?page=", "page"), ("/api/v1/totals?by=", "by"),
        ("/api/v1/totals?decision=", "decision"),
    ])
    func emptyValuesAre400OnTheAPI(_ uri: String, _ parameter: String) async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest, "\(uri)")
                let error = try #require(response.json["error"] as? [String: Any])
                #expect(error["parameter"] as? String == parameter)
                #expect(error["message"] as? String == "the value is empty; give one, or leave the parameter out")
            }
            try await client.execute(uri: "/?q=&party=&year=&status=&page=", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(">FLEMINGSBERG-2007</a>"))
            }
        }
    }

    /// Lengths are counted as JSON Schema counts them (Unicode scalars of the value as sent), and every value
    /// within its schema fits under the 414 limit however it is percent-encoded.
    @Test func searchLengthIsCountedInScalarsAndFitsTheQueryLimit() async throws {
        let fixture = try WebFixture()
        // 200 letters of four bytes each: 2 400 bytes in the query string.
        let letters = String(repeating: "%F0%A0%80%80", count: 200)
        let party = String(repeating: "%F0%A0%80%80", count: 65)
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/decisions?q=\(letters)&party=SLL", method: .get) { response in
                #expect(response.status == .ok)
                #expect((response.json["pagination"] as? [String: Any])?["totalElements"] as? Int == 0)
            }
            try await client.execute(uri: "/api/v1/decisions?q=\(letters)&party=\(party)", method: .get) {
                response in
                #expect(response.status == .badRequest)
                #expect((response.json["error"] as? [String: Any])?["parameter"] as? String == "party")
            }
            // 201 scalars: one letter with 200 combining accents is one character to Swift, 201 to JSON Schema.
            let combined = "e" + String(repeating: "%CC%81", count: 200)
            try await client.execute(uri: "/api/v1/decisions?q=\(combined)", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect((response.json["error"] as? [String: Any])?["message"] as? String == "search with at most 200 characters")
            }
            // Leading spaces count: the schema sees them.
            let padded = "+" + String(repeating: "a", count: 200)
            try await client.execute(uri: "/api/v1/decisions?q=\(padded)", method: .get) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/v1/decisions?q=" + String(repeating: "a", count: 4100), method: .get) {
                #expect($0.status == .uriTooLong)
            }
        }
    }

    /// Another method on an address served is 405 with the methods it answers (RFC 9110); elsewhere it is 404.
    @Test func otherMethodsAre405WithAllow() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for uri in ["/api/v1/audit", "/api/v1/decisions/FLEMINGSBERG-2007", "/api/v1/openapi.yaml"] {
                for method in [HTTPRequest.Method.trace, .post, .delete, .put, .patch] {
                    try await client.execute(uri: uri, method: method) { response in
                        #expect(response.status == .methodNotAllowed, "\(method) \(uri)")
                        #expect(response.headers[.allow] == "GET, HEAD, OPTIONS")
                        #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                        #expect((response.json["error"] as? [String: Any])?["status"] as? Int == 405)
                    }
                }
            }
            for uri in ["/", "/decisions/FLEMINGSBERG-2007", "/audit", "/parties/SLL"] {
                try await client.execute(uri: uri, method: .post) { response in
                    #expect(response.status == .methodNotAllowed, "\(uri)")
                    #expect(response.headers[.allow] == "GET, HEAD")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                }
            }
            try await client.execute(uri: "/api/v1/nothing", method: .post) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/nothing/here", method: .trace) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/api/v1/totals", method: .options) { response in
                #expect(response.status == .noContent)
                #expect(response.headers[.allow] == "GET, HEAD, OPTIONS")
            }
        }
    }

    /// The document describes what the server sends: every operation may be refused with 400, every read with 414,
    /// every write with 401, 403, 404, 409, 413, 415 and 422, and the
    /// document itself is a YAML mapping, not a string.
    @Test func documentDescribesEveryRefusal() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/openapi.yaml", method: .get) { response in
                let document = response.text
                func count(_ text: String) -> Int { document.components(separatedBy: text).count - 1 }
                let operations = count("      operationId: ")
                #expect(operations == 11)
                #expect(count("        '400': {$ref: '#/components/responses/BadRequest'}") == operations)
                #expect(count("        '414': {$ref: '#/components/responses/URITooLong'}") == operations - 2)
                for status in ["401", "403", "404", "409", "413", "415", "422"] {
                    #expect(count("        '\(status)': {$ref: ") >= 2, "\(status)")
                }
                #expect(document.contains("      security: [{bearer: []}]"))
                #expect(document.contains("The query string is longer than \(4096) bytes."))
                let ownSchema = "            application/yaml:\n              schema:\n                type: object\n"
                #expect(document.contains(ownSchema))
            }
        }
    }
}
