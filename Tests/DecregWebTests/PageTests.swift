import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite struct PageTests {
    @Test func listShowsDecisionsNewestFirst() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let page = response.text
                #expect(page.contains("<html lang=\"sv\">"))
                let refs = ["SODERTORN-TRAFIK-2024", "FLEMINGSBERG-2009", "FLEMINGSBERG-2007"]
                let positions = refs.map { page.range(of: ">\($0)</a>")?.lowerBound }
                #expect(positions.allSatisfy { $0 != nil })
                #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
                #expect(page.contains("href=\"/decisions/FLEMINGSBERG-2007?lang=sv\""))
                #expect(page.contains("3 beslut"))
                #expect(!page.contains("<script"))
            }
        }
    }

    @Test func listSearchesAndFilters() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/?q=kollektivtrafik+S%C3%B6dert%C3%B6rn", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(">SODERTORN-TRAFIK-2024</a>"))
                #expect(!response.text.contains(">FLEMINGSBERG-2007</a>"))
                #expect(response.text.contains("value=\"kollektivtrafik Södertörn\""))
            }
            try await client.execute(uri: "/?party=SLL&year=2008", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(">FLEMINGSBERG-2007</a>"))
                #expect(!response.text.contains(">SODERTORN-TRAFIK-2024</a>"))
            }
            try await client.execute(uri: "/?status=draft", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Inga beslut motsvarar sökningen."))
            }
            try await client.execute(uri: "/?page=2", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Inga beslut"))
            }
        }
    }

    @Test(arguments: [
        "/?status=bogus", "/?year=20x8", "/?year=99999", "/?page=0", "/?party=NOBODY", "/?q=%22%22", "/?lang=de",
        "/?unknown=1", "/?q=a&q=b", "/?q=%FF", "/decisions/FLEMINGSBERG-2007?page=1", "/audit?x",
    ])
    func badParametersAre400(_ uri: String) async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest, "\(uri)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("Felaktig begäran"))
            }
        }
    }

    @Test func languageFromQueryOrAcceptLanguage() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/?lang=en", method: .get) { response in
                #expect(response.text.contains("<html lang=\"en\">"))
                #expect(response.text.contains("3 decisions"))
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "en-GB,en;q=0.9,sv;q=0.5"]) {
                #expect($0.text.contains("<html lang=\"en\">"))
            }
            try await client.execute(uri: "/", method: .get, headers: [.acceptLanguage: "de, sv-SE;q=0.8, en;q=0.7"]) {
                #expect($0.text.contains("<html lang=\"sv\">"))
            }
            try await client.execute(uri: "/?lang=sv", method: .get, headers: [.acceptLanguage: "en"]) {
                #expect($0.text.contains("<html lang=\"sv\">"))
            }
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007?lang=en", method: .get) {
                #expect($0.text.contains("<html lang=\"en\">"))
                #expect($0.text.contains("SEK 1,000,000"))
            }
        }
    }

    @Test func decisionPageIsTheSummaryWithDownloads() async throws {
        let fixture = try WebFixture()
        let summary = HTMLRenderer.render(try fixture.register.summary(of: "FLEMINGSBERG-2007").document(.sv))
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007", method: .get) { response in
                #expect(response.status == .ok)
                let page = response.text
                for clause in try fixture.register.decision("FLEMINGSBERG-2007").decision.clauses {
                    #expect(page.contains(Escaping.html(clause)))
                }
                for party in ["Stockholms läns landsting", "Huddinge kommun", "Botkyrka kommun"] {
                    #expect(page.contains(party))
                }
                #expect(page.contains("1 000 000 kr"))
                #expect(page.contains("href=\"/decisions/FLEMINGSBERG-2007/attachments/Bilaga%201\""))
                let attachment = try fixture.register.attachment("Bilaga 1", of: "FLEMINGSBERG-2007")
                #expect(page.contains(attachment.sha256))
                // The summary's own page, with the site's navigation and the downloads put in.
                let article = summary.components(separatedBy: "<article>")[1].components(separatedBy: "</article>")[0]
                #expect(page.contains(article.components(separatedBy: "<footer>")[0]))
            }
            try await client.execute(uri: "/decisions/NO-SUCH-REF", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Hittades inte"))
            }
        }
    }

    @Test func attachmentsDownloadWithTypeDispositionAndDigest() async throws {
        let fixture = try WebFixture()
        let stored = try fixture.register.attachment("Bilaga 1", of: "FLEMINGSBERG-2007")
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007/attachments/Bilaga%201", method: .get) {
                response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain")
                #expect(
                    response.headers[.contentDisposition]
                        == "attachment; filename=\"Bilaga 1.txt\"; filename*=UTF-8''Bilaga%201.txt")
                #expect(response.headers[.xContentTypeOptions] == "nosniff")
                #expect(Attachment.sha256Hex(Data(response.body.readableBytesView)) == stored.sha256)
            }
            for uri in [
                "/decisions/FLEMINGSBERG-2007/attachments/Bilaga%209",
                "/decisions/FLEMINGSBERG-2007/attachments/..%2F..%2Fregister.sqlite",
                "/decisions/..%2F..%2Fetc%2Fpasswd/attachments/x", "/decisions/FLEMINGSBERG-2007/attachments/",
                "/decisions/FLEMINGSBERG-2007/attachments/..", "/../../etc/passwd", "/decisions/%2e%2e/attachments/%2e%2e",
                "/decisions/NOPE/attachments/Bilaga%201",
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!response.text.contains("root:"))
                }
            }
        }
    }

    @Test func partyPageShowsFiguresPerYear() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/parties/BOTKYRKA", method: .get) { response in
                #expect(response.status == .ok)
                let page = response.text
                #expect(page.contains("<h1>Botkyrka kommun</h1>"))
                #expect(page.contains("<td class=\"num\">2008</td>"))
                #expect(page.contains("500 000 kr"))
                #expect(page.contains("600 000 kr"))
                #expect(page.contains(">FLEMINGSBERG-2009</a>"))
                // The kind and the statuses in the vocabulary's words.
                #expect(page.contains("<dt>Typ</dt><dd>kommun</dd>"))
                #expect(page.contains(" · antaget · "))
            }
            try await client.execute(uri: "/parties/BOTKYRKA?lang=en", method: .get) { response in
                #expect(response.text.contains("<dt>Kind</dt><dd>municipality</dd>"))
                #expect(response.text.contains(" · partly adopted · "))
            }
            try await client.execute(uri: "/parties/NOBODY", method: .get) { #expect($0.status == .notFound) }
        }
    }

    @Test("An error page says what was wrong in the page's language; the API says it in English")
    func errorsInThePagesLanguage() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/?year=20x8", method: .get) { response in
                #expect(response.text.contains("<p class=\"notice\">year: ange ett heltal från 1000 till 9999</p>"))
            }
            try await client.execute(uri: "/?year=20x8&lang=en", method: .get) { response in
                #expect(response.text.contains("<p class=\"notice\">year: give a whole number from 1000 to 9999</p>"))
            }
            try await client.execute(uri: "/parties/NOBODY", method: .get) { response in
                #expect(response.text.contains("ingen part &#39;NOBODY&#39; i registret")
                    || response.text.contains("ingen part 'NOBODY' i registret"))
            }
            try await client.execute(uri: "/decisions/NOPE-1", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(!response.text.contains("no decision"), "\(response.text)")
            }
            try await client.execute(uri: "/nothing", method: .get, headers: [.acceptLanguage: "en"]) { response in
                #expect(response.text.contains("no such page: /nothing"))
            }
            try await client.execute(uri: "/api/v1/decisions?year=20x8", method: .get) { response in
                #expect(response.text.contains("\"message\": \"give a whole number from 1000 to 9999\""))
            }
        }
    }

    @Test func auditPageShowsHeadAndVerification() async throws {
        let fixture = try WebFixture()
        let head = try #require(try fixture.register.auditHead())
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/audit?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("\(head.seq) \(head.hash)"))
                #expect(response.text.contains("The audit trail is intact"))
            }
        }
    }

    @Test func unknownPathsAre404AndLongQueriesRefused() async throws {
        let fixture = try WebFixture()
        try await fixture.application.test(.router) { client in
            for uri in ["/nothing", "/decisions", "/parties", "/decisions/FLEMINGSBERG-2007/extra", "/index.html"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                }
            }
            let long = "/?q=" + String(repeating: "a", count: 5000)
            try await client.execute(uri: long, method: .get) { #expect($0.status == .uriTooLong) }
            try await client.execute(uri: "/?q=" + String(repeating: "a", count: 201), method: .get) {
                #expect($0.status == .badRequest)
            }
        }
    }

    @Test func everyUserTextIsEscaped() async throws {
        let fixture = try WebFixture(hostile: true)
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E+%22%27", method: .get) {
                #expect($0.status == .ok)
                #expect(!$0.text.contains("<script"))
                #expect($0.text.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt; &quot;&#39;\""))
            }
            for uri in ["/", "/decisions/HOSTILE-1", "/parties/SLL", "/?party=%3Cb%3E", "/decisions/%3Cscript%3E"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(!response.text.contains("<script"), "\(uri)")
                    #expect(!response.text.contains("<b>"), "\(uri)")
                }
            }
            try await client.execute(uri: "/decisions/HOSTILE-1", method: .get) {
                #expect($0.text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;"))
                #expect($0.text.contains("href=\"/decisions/HOSTILE-1/attachments/Bilaga%20%3C1%3E\""))
            }
            try await client.execute(uri: "/decisions/HOSTILE-1/attachments/Bilaga%20%3C1%3E", method: .get) {
                #expect($0.status == .ok)
                #expect($0.headers[.contentType] == "text/html")
                #expect($0.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"Bilaga <1>.html\"") == true)
                #expect($0.headers[.contentSecurityPolicy] == "sandbox; default-src 'none'")
            }
        }
    }
}
