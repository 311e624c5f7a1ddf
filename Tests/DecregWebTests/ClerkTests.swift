import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

/// The shared register's clerks: accounts, sign-in, the forms and the API's writes, each through the real router
/// over the fixture register (Flemingsberg 2007 binds SLL, HUDDINGE and BOTKYRKA and funds 2008).
@Suite("Clerks record their parties' part")
struct ClerkTests {
    static let ref = "FLEMINGSBERG-2007"
    static let password = "ett-långt-lösenord"

    /// A fixture with accounts, each with a password (bcrypt cost 10: sign-ins are many here) and a token.
    struct Clerks {
        let fixture: WebFixture
        var tokens: [String: String] = [:]

        init(_ accounts: [Account]) throws {
            fixture = try WebFixture()
            let hash = Passwords.hash(ClerkTests.password, cost: 10)
            for account in accounts {
                try fixture.writer.apply(.add(account, passwordHash: hash), context: WebFixture.context)
                let (token, digest) = AccountTokens.generate()
                try fixture.writer.apply(.issueToken(name: account.name, tokenSHA256: digest), context: WebFixture.context)
                tokens[account.name] = token
            }
        }

        func application(access: ClerkAccess = ClerkAccess()) -> some ApplicationProtocol {
            Application(
                router: WebServer.router(
                    register: fixture.register, path: fixture.path, log: ServerLog { _ in }, access: access))
        }

        func entries() throws -> Int { Int(try fixture.register.auditHead()?.seq ?? 0) }
    }

    static let accounts = [
        Account(name: "bot.reg", role: .registrar, parties: ["BOTKYRKA"]),
        Account(name: "hud.reg", role: .registrar, parties: ["HUDDINGE"]),
        Account(name: "bot.fin", role: .finance, parties: ["BOTKYRKA"]),
        Account(name: "hud.fin", role: .finance, parties: ["HUDDINGE"]),
        Account(name: "admin", role: .admin, parties: []),
    ]

    static func bearer(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    static func step(_ body: String, date: String = "2007-09-10") -> ByteBuffer {
        ByteBuffer(string: #"{"body": "\#(body)", "date": "\#(date)", "outcome": "adopted", "minutes": "§ 98", "amounts": {"2008": "500 tkr"}}"#)
    }

    static func payment(_ party: String, reference: String = "F-1") -> ByteBuffer {
        ByteBuffer(string: #"{"party": "\#(party)", "year": 2008, "date": "2008-03-01", "amount": "500 tkr", "reference": "\#(reference)"}"#)
    }

    // MARK: The API

    @Test("The API's writes: 201 with the recorded object, 401, 403, 404, 409 and 422 with the field")
    func apiStatuses() async throws {
        let clerks = try Clerks(Self.accounts)
        let (reg, fin) = (try #require(clerks.tokens["bot.reg"]), try #require(clerks.tokens["bot.fin"]))
        try await clerks.application().test(.router) { client in
            let steps = "/api/v1/decisions/\(Self.ref)/steps"
            let payments = "/api/v1/decisions/\(Self.ref)/payments"
            try await client.execute(uri: steps, method: .post, headers: Self.bearer(reg), body: Self.step("BOT-KF")) {
                #expect($0.status == .created)
                let body = $0.json
                #expect(body["body"] as? String == "BOT-KF")
                #expect(body["minutes"] as? String == "§ 98")
                #expect(body["number"] as? Int == 5)
                let amounts = try #require(body["amounts"] as? [[String: Any]])
                #expect(amounts.first?["amount"] as? String == "500000.00")
            }
            try await client.execute(uri: payments, method: .post, headers: Self.bearer(fin), body: Self.payment("BOTKYRKA")) {
                #expect($0.status == .created)
                #expect($0.json["amount"] as? String == "500000.00")
                #expect(($0.json["number"] as? Int ?? 0) > 0)
            }
            // No token, a wrong token: 401 with the way to get one.
            for headers: HTTPFields in [[.contentType: "application/json"], Self.bearer("decreg_not-a-token")] {
                try await client.execute(uri: payments, method: .post, headers: headers, body: Self.payment("BOTKYRKA")) {
                    #expect($0.status == .unauthorized)
                    #expect($0.headers[HTTPField.Name("WWW-Authenticate")!] == "Bearer realm=\"decreg\"")
                    let error = $0.json["error"] as? [String: Any]
                    #expect((error?["message"] as? String)?.contains("decreg account token") == true)
                }
            }
            // Another party's payment, a registrar's payment, a finance officer's step: 403, and why.
            try await client.execute(uri: payments, method: .post, headers: Self.bearer(fin), body: Self.payment("HUDDINGE")) {
                #expect($0.status == .forbidden)
                let error = $0.json["error"] as? [String: Any]
                #expect(error?["message"] as? String == "account bot.fin does not record payments of HUDDINGE, only of BOTKYRKA")
            }
            try await client.execute(uri: steps, method: .post, headers: Self.bearer(reg), body: Self.step("HUD-KF")) {
                #expect($0.status == .forbidden)
                let error = $0.json["error"] as? [String: Any]
                #expect((error?["message"] as? String)?.hasPrefix("HUD-KF is not a body of account bot.reg's parties") == true)
            }
            try await client.execute(uri: steps, method: .post, headers: Self.bearer(fin), body: Self.step("BOT-KF")) {
                #expect($0.status == .forbidden)
            }
            // An unknown decision: 404.
            try await client.execute(
                uri: "/api/v1/decisions/NO-SUCH/payments", method: .post, headers: Self.bearer(fin),
                body: Self.payment("BOTKYRKA")
            ) { #expect($0.status == .notFound) }
            // The same payment again: 409, naming `again`; with "again": true it is a second instalment.
            try await client.execute(uri: payments, method: .post, headers: Self.bearer(fin), body: Self.payment("BOTKYRKA")) {
                #expect($0.status == .conflict)
                let error = $0.json["error"] as? [String: Any]
                #expect(error?["field"] as? String == "again")
                #expect((error?["message"] as? String)?.hasSuffix("give again: true to record it a second time") == true)
            }
            // What the command line would refuse: 422, with the field.
            let bad = ByteBuffer(string: #"{"party": "BOTKYRKA", "year": 2008, "date": "2008-13-01", "amount": "500 tkr"}"#)
            try await client.execute(uri: payments, method: .post, headers: Self.bearer(fin), body: bad) {
                #expect($0.status == .unprocessableContent)
                let error = $0.json["error"] as? [String: Any]
                #expect(error?["field"] as? String == "date")
                #expect(error?["message"] as? String == "'2008-13-01' is not a day in the calendar")
            }
            let unfunded = ByteBuffer(string: #"{"party": "BOTKYRKA", "year": 2030, "date": "2008-03-01", "amount": "5 kr"}"#)
            try await client.execute(uri: payments, method: .post, headers: Self.bearer(fin), body: unfunded) {
                #expect($0.status == .unprocessableContent)
                #expect(($0.json["error"] as? [String: Any])?["field"] as? String == "year")
            }
            // Not JSON, not an object, too large: 415, 400, 413, each saying what to send.
            var text = Self.bearer(fin)
            text[.contentType] = "text/plain"
            try await client.execute(uri: payments, method: .post, headers: text, body: Self.payment("BOTKYRKA")) {
                #expect($0.status == .unsupportedMediaType)
                #expect(($0.json["error"] as? [String: Any])?["message"] as? String == "send JSON (application/json)")
            }
            try await client.execute(uri: payments, method: .post, headers: Self.bearer(fin), body: ByteBuffer(string: "[1]")) {
                #expect($0.status == .badRequest)
                #expect(($0.json["error"] as? [String: Any])?["message"] as? String == "the body is not a JSON object")
            }
            let huge = ByteBuffer(string: #"{"reference": ""# + String(repeating: "x", count: 70_000) + #""}"#)
            try await client.execute(uri: payments, method: .post, headers: Self.bearer(fin), body: huge) {
                #expect($0.status == .contentTooLarge)
                #expect(($0.json["error"] as? [String: Any])?["message"] as? String == "the body is larger than 64 KiB")
            }
            let numberAmount = ByteBuffer(string: #"{"party": "BOTKYRKA", "year": 2008, "date": "2008-03-01", "amount": 5}"#)
            try await client.execute(uri: payments, method: .post, headers: Self.bearer(fin), body: numberAmount) {
                #expect($0.status == .unprocessableContent)
                #expect(($0.json["error"] as? [String: Any])?["field"] as? String == "amount")
            }
        }
        // Two writes landed, with the accounts as the actors and the routes as the commands.
        let log = try clerks.fixture.register.auditEntries(AuditFilter())
        let last = log.suffix(2)
        #expect(last.map(\.actor) == ["bot.reg", "bot.fin"])
        #expect(last.map(\.command) == [
            "POST /api/v1/decisions/{ref}/steps", "POST /api/v1/decisions/{ref}/payments",
        ])
        #expect(try clerks.fixture.register.verifyAudit().intact)
    }

    /// Every write route × every role: what the role may write lands, what it may not is refused and writes nothing.
    @Test("Every write route with every role: written exactly when the role and party allow it")
    func roleWalk() async throws {
        let clerks = try Clerks(Self.accounts)
        // (route, body, allowed account names)
        let steps = "/api/v1/decisions/\(Self.ref)/steps"
        let payments = "/api/v1/decisions/\(Self.ref)/payments"
        let cases: [(uri: String, body: @Sendable (Int) -> ByteBuffer, allowed: Set<String>)] = [
            (steps, { Self.step("BOT-KF", date: "2007-09-\(10 + $0)") }, ["bot.reg", "admin"]),
            (steps, { Self.step("HUD-KF", date: "2007-09-\(10 + $0)") }, ["hud.reg", "admin"]),
            (steps, { Self.step("FLEM-PS", date: "2007-09-\(10 + $0)") }, ["bot.reg", "hud.reg", "admin"]),
            (payments, { Self.payment("BOTKYRKA", reference: "R-\($0)") }, ["bot.fin", "admin"]),
            (payments, { Self.payment("HUDDINGE", reference: "R-\($0)") }, ["hud.fin", "admin"]),
        ]
        let who: [String?] = [nil] + Self.accounts.map(\.name)
        try await clerks.application().test(.router) { client in
            var round = 0
            for (uri, body, allowed) in cases {
                for name in who {
                    round += 1
                    let before = try clerks.entries()
                    var headers: HTTPFields = [.contentType: "application/json"]
                    if let name { headers[.authorization] = "Bearer \(clerks.tokens[name] ?? "")" }
                    try await client.execute(uri: uri, method: .post, headers: headers, body: body(round)) { response in
                        let may = name.map(allowed.contains) ?? false
                        let expected: HTTPResponse.Status = may ? .created : name == nil ? .unauthorized : .forbidden
                        #expect(response.status == expected, "\(name ?? "nobody") \(uri) \(response.text)")
                    }
                    let written = try clerks.entries() - before
                    #expect(written == (name.map(allowed.contains) ?? false ? 1 : 0), "\(name ?? "nobody") \(uri)")
                }
            }
            // The public pages and API stay open to everyone, signed in or not.
            for uri in ["/", "/decisions/\(Self.ref)", "/api/v1/decisions", "/sign-in"] {
                try await client.execute(uri: uri, method: .get) { #expect($0.status == .ok, "\(uri)") }
            }
        }
        #expect(try clerks.fixture.register.verifyAudit().intact)
    }

    /// The same walk through the browser's forms, signed in by name and password, with each form's CSRF token.
    @Test("Every form with every role: written exactly when the role and party allow it; nothing without a session")
    func roleWalkThroughForms() async throws {
        let clerks = try Clerks(Self.accounts)
        let cases: [(path: String, body: @Sendable (Int) -> String, allowed: Set<String>)] = [
            ("/clerk/steps", { "body=BOT-KF&date=2007-09-\(10 + $0 % 18)&outcome=adopted&minutes=%C2%A7+\($0)" }, ["bot.reg", "admin"]),
            ("/clerk/steps", { "body=HUD-KF&date=2007-09-\(10 + $0 % 18)&outcome=adopted&minutes=%C2%A7+\($0)" }, ["hud.reg", "admin"]),
            ("/clerk/payments", { "party=BOTKYRKA&year=2008&date=2008-03-01&amount=1+kr&reference=W-\($0)" }, ["bot.fin", "admin"]),
            ("/clerk/payments", { "party=HUDDINGE&year=2008&date=2008-03-01&amount=1+kr&reference=W-\($0)" }, ["hud.fin", "admin"]),
            ("/clerk/signatories", { "name=Person+\($0)&party=BOTKYRKA" }, ["bot.reg", "hud.reg", "admin"]),
            ("/clerk/funding", { "years=\(2030 + $0)&total=1+kr&shares=SLL%3D1+kr" }, ["bot.fin", "hud.fin", "admin"]),
            ("/clerk/parties", { "code=PART\($0)&name=Part+\($0)" }, ["admin"]),
            ("/clerk/bodies", { "code=ORGAN-\($0)&name=Organ+\($0)&parties=BOTKYRKA" }, ["admin"]),
            ("/clerk/accounts", { "name=konto\($0)&role=finance&parties=BOTKYRKA&password=tio-tecken-minst&password_again=tio-tecken-minst" }, ["admin"]),
        ]
        try await clerks.application().test(.router) { client in
            var sessions: [String: (cookie: String, csrf: String)] = [:]
            for account in Self.accounts {
                let signedIn = try #require(try await Self.signIn(client, name: account.name))
                sessions[account.name] = (signedIn.cookie, Self.hidden(signedIn.page))
            }
            var round = 0
            for (path, body, allowed) in cases {
                for name in [nil] + Self.accounts.map(\.name) as [String?] {
                    round += 1
                    let before = try clerks.entries()
                    var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded"]
                    var form = "decision=\(Self.ref)&" + body(round)
                    if let name, let session = sessions[name] {
                        headers[.cookie] = "decreg_session=\(session.cookie)"
                        form = "csrf_token=\(session.csrf)&" + form
                    }
                    let may = name.map(allowed.contains) ?? false
                    try await client.execute(uri: path + "?lang=en", method: .post, headers: headers, body: ByteBuffer(string: form)) {
                        let expected: HTTPResponse.Status = may ? .seeOther : name == nil ? .unauthorized : .forbidden
                        #expect($0.status == expected, "\(name ?? "nobody") \(path) \($0.text.prefix(300))")
                    }
                    #expect(try clerks.entries() - before == (may ? 1 : 0), "\(name ?? "nobody") \(path)")
                }
                // Another method on a write's address: 405, naming POST.
                try await client.execute(uri: path, method: .put) {
                    #expect($0.status == .methodNotAllowed)
                    #expect($0.headers[.allow] == "POST")
                }
            }
        }
        #expect(try clerks.fixture.register.verifyAudit().intact)
    }

    @Test("A session ends after the idle time without a request")
    func sessionsExpireWhenIdle() async throws {
        let clerks = try Clerks([Self.accounts[0]])
        // Ten seconds: signing in and reading the page took over three on a loaded machine once.
        try await clerks.application(access: ClerkAccess(idleTimeout: .seconds(10))).test(.router) { client in
            let signedIn = try #require(try await Self.signIn(client, name: "bot.reg"))
            #expect(signedIn.page.contains("<strong id=\"account\">bot.reg</strong>"))
            try await Task.sleep(for: .milliseconds(10_600))
            try await client.execute(
                uri: "/clerk?lang=en", method: .get, headers: [.cookie: "decreg_session=\(signedIn.cookie)"]
            ) {
                #expect($0.status == .seeOther)
                #expect($0.headers[.location] == "/sign-in?lang=en")
            }
        }
    }

    // MARK: The browser's forms

    /// Opens the sign-in form and posts it back with its token and paired cookie, as a browser does; the answer.
    static func postSignIn(
        _ client: some TestClientProtocol, name: String, password: String
    ) async throws -> TestResponse {
        var csrf = ""
        var pairing = ""
        try await client.execute(uri: "/sign-in?lang=en", method: .get) { response in
            csrf = Self.hidden(response.text)
            pairing = Self.cookie(response, "decreg_signin") ?? ""
        }
        return try await client.execute(
            uri: "/sign-in?lang=en", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "decreg_signin=\(pairing)"],
            body: ByteBuffer(string: "csrf_token=\(csrf)&name=\(name)&password=\(Self.encoded(password))"))
    }

    /// Signs in through the form and returns the session cookie and the clerk's page.
    /// A form posted in English with a session's cookie: the status and the page answered.
    static func post(
        _ client: some TestClientProtocol, _ session: String, _ path: String, _ body: String
    ) async throws -> (HTTPResponse.Status, String) {
        var answer: (HTTPResponse.Status, String) = (.ok, "")
        try await client.execute(
            uri: path + "?lang=en", method: .post,
            headers: [.cookie: "decreg_session=\(session)", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { answer = ($0.status, $0.text) }
        return answer
    }

    static func signIn(
        _ client: some TestClientProtocol, name: String, password: String = ClerkTests.password
    ) async throws -> (cookie: String, page: String)? {
        let response = try await postSignIn(client, name: name, password: password)
        guard response.status == .seeOther else { return nil }
        #expect(response.headers[.location] == "/clerk?lang=en")
        guard let session = Self.cookie(response, "decreg_session") else { return nil }
        var page = ""
        try await client.execute(uri: "/clerk?lang=en", method: .get, headers: [.cookie: "decreg_session=\(session)"]) {
            page = $0.text
        }
        return (session, page)
    }

    static func hidden(_ page: String) -> String {
        guard let range = page.range(of: "name=\"csrf_token\" value=\"") else { return "" }
        return String(page[range.upperBound...].prefix { $0 != "\"" })
    }

    static func cookie(_ response: TestResponse, _ name: String) -> String? {
        response.headers[values: .setCookie].lazy.compactMap { line -> String? in
            guard line.hasPrefix(name + "=") else { return nil }
            return String(line.dropFirst(name.count + 1).prefix { $0 != ";" })
        }.first
    }

    static func encoded(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? text
    }

    @Test("A registrar signs in, sees only its parties' bodies, records a step, and the public page shows it")
    func formsRecordAndRefuse() async throws {
        let clerks = try Clerks(Self.accounts)
        try await clerks.application(access: ClerkAccess(publicURL: "https://register.example.se"))
            .test(.router) { client in
                // Every public page links to signing in.
                try await client.execute(uri: "/?lang=sv", method: .get) {
                    #expect($0.text.contains("<a href=\"/sign-in?lang=sv\" id=\"sign-in-link\">Logga in</a>"))
                    #expect($0.headers[.strictTransportSecurity] == "max-age=31536000")
                }
                let signedIn = try await Self.signIn(client, name: "bot.reg")
                let (session, page) = try #require(signedIn)
                #expect(page.contains("<strong id=\"account\">bot.reg</strong>"))
                #expect(page.contains("<option value=\"BOT-KF\">"))
                #expect(!page.contains("<option value=\"HUD-KF\">"), "no form for Huddinge's assembly")
                #expect(!page.contains("payment-form"), "a registrar is offered no payment form")
                let csrf = Self.hidden(page)
                let cookie: HTTPFields = [
                    .cookie: "decreg_session=\(session)", .contentType: "application/x-www-form-urlencoded",
                ]
                func form(_ body: String, csrf token: String? = csrf) -> ByteBuffer {
                    ByteBuffer(string: (token.map { "csrf_token=\($0)&" } ?? "") + "decision=\(Self.ref)&" + body)
                }
                let before = try clerks.entries()
                // Without the CSRF token, or with another: 403, nothing written.
                for token in [nil, "forged"] as [String?] {
                    try await client.execute(
                        uri: "/clerk/steps?lang=en", method: .post, headers: cookie,
                        body: form("body=BOT-KF&date=2007-09-10&outcome=adopted", csrf: token)
                    ) { #expect($0.status == .forbidden) }
                }
                // A hand-made POST for Huddinge's assembly: 403, said beside the form.
                try await client.execute(
                    uri: "/clerk/steps?lang=en", method: .post, headers: cookie,
                    body: form("body=HUD-KF&date=2007-09-10&outcome=adopted")
                ) {
                    #expect($0.status == .forbidden)
                    #expect($0.text.contains("HUD-KF is not a body of account bot.reg&#39;s parties"))
                }
                // A wrong amount: 422, the message beside the amounts, what was typed kept.
                try await client.execute(
                    uri: "/clerk/steps?lang=en", method: .post, headers: cookie,
                    body: form("body=BOT-KF&date=2007-09-10&outcome=adopted&minutes=%C2%A7+98&amounts=2008%3Dfemhundra")
                ) {
                    #expect($0.status == .unprocessableContent)
                    #expect($0.text.contains("id=\"problem-amounts\""))
                    #expect($0.text.contains("2008=femhundra</textarea>"))
                    #expect($0.text.contains("value=\"§ 98\""))
                }
                #expect(try clerks.entries() == before)
                // The step, recorded: to the public page, which shows it at once.
                try await client.execute(
                    uri: "/clerk/steps?lang=en", method: .post, headers: cookie,
                    body: form("body=BOT-KF&date=2007-09-10&outcome=adopted&minutes=%C2%A7+98&amounts=2008%3D500+tkr")
                ) {
                    #expect($0.status == .seeOther)
                    #expect($0.headers[.location] == "/decisions/\(Self.ref)?lang=en")
                }
                try await client.execute(uri: "/decisions/\(Self.ref)?lang=en", method: .get) {
                    #expect($0.text.contains("<td><span class=\"nowrap\">2007-09-10</span></td><td>Kommunfullmäktige i Botkyrka</td>"))
                }
                #expect(try clerks.entries() == before + 1)
                // Signing out needs the token too, and ends the session.
                try await client.execute(
                    uri: "/sign-out?lang=en", method: .post, headers: cookie, body: ByteBuffer(string: "csrf_token=x")
                ) { #expect($0.status == .forbidden) }
                try await client.execute(
                    uri: "/sign-out?lang=en", method: .post, headers: cookie, body: ByteBuffer(string: "csrf_token=\(csrf)")
                ) {
                    #expect($0.status == .seeOther)
                    #expect(Self.cookie($0, "decreg_session") != nil, "the cookie is expired")
                }
                try await client.execute(uri: "/clerk?lang=en", method: .get, headers: [.cookie: "decreg_session=\(session)"]) {
                    #expect($0.status == .seeOther)
                    #expect($0.headers[.location] == "/sign-in?lang=en")
                }
            }
        let log = try clerks.fixture.register.auditEntries(AuditFilter())
        #expect(log.last?.actor == "bot.reg")
        #expect(log.last?.command == "POST /clerk/steps")
    }

    @Test("Each role gets its forms: funding and withdrawing payments, withdrawing steps and adding signatories")
    func everyFormOfARole() async throws {
        let clerks = try Clerks(Self.accounts)
        try await clerks.application().test(.router) { client in
            func post(_ session: String, _ path: String, _ body: String) async throws -> (HTTPResponse.Status, String) {
                try await Self.post(client, session, path, body)
            }
            let finance = try #require(try await Self.signIn(client, name: "bot.fin"))
            #expect(finance.page.contains("id=\"funding-form\"") && finance.page.contains("id=\"payment-withdraw-form\""))
            #expect(!finance.page.contains("id=\"step-form\"") && !finance.page.contains("id=\"signatory-form\""))
            let fcsrf = Self.hidden(finance.page)
            // A year's funding by a split; then the same year again without a reason is refused beside the field.
            let split = "csrf_token=\(fcsrf)&decision=\(Self.ref)&years=2009&total=1+MKr&split=SLL%3D40%25%0D%0AHUDDINGE%3D40%25%0D%0ABOTKYRKA%3D20%25"
            #expect(try await post(finance.cookie, "/clerk/funding", split).0 == .seeOther)
            let again = try await post(finance.cookie, "/clerk/funding", split)
            #expect(again.0 == .unprocessableContent)
            #expect(again.1.contains("id=\"problem-reason\""), "\(again.1.prefix(2000))")
            let funding = try clerks.fixture.register.decision(Self.ref).decision.funding
            #expect(funding.first { $0.year == 2009 }?.shares.map(\.amount.minorUnits) == [40_000_000, 40_000_000, 20_000_000])
            // A payment, then withdrawn with its reason.
            try clerks.fixture.writer.apply(
                .add(
                    Payment(
                        decision: Self.ref, party: "BOTKYRKA", year: 2008, date: try LocalDate(parsing: "2008-03-01"),
                        amount: Money(minorUnits: 100, currency: .sek), reference: "FEL"), again: false),
                context: WebFixture.context)
            let number = try #require(
                try clerks.fixture.register.payments(FundingFilter(decision: Self.ref)).first { $0.reference == "FEL" }?.number)
            let withdrawn = try await post(
                finance.cookie, "/clerk/payments/withdraw",
                "csrf_token=\(fcsrf)&decision=\(Self.ref)&number=\(number)&reason=fel+belopp")
            #expect(withdrawn.0 == .seeOther)
            #expect(
                try clerks.fixture.register.payments(FundingFilter(decision: Self.ref)).first { $0.reference == "FEL" }?
                    .withdrawn == "fel belopp")

            let registrar = try #require(try await Self.signIn(client, name: "bot.reg"))
            #expect(registrar.page.contains("id=\"step-withdraw-form\"") && registrar.page.contains("id=\"signatory-form\""))
            #expect(!registrar.page.contains("id=\"funding-form\""))
            let rcsrf = Self.hidden(registrar.page)
            let signed = try await post(
                registrar.cookie, "/clerk/signatories",
                "csrf_token=\(rcsrf)&decision=\(Self.ref)&name=Lena+Berg&title=Kommundirekt%C3%B6r&party=BOTKYRKA")
            #expect(signed.0 == .seeOther)
            #expect(try clerks.fixture.register.decision(Self.ref).decision.signatories.last?.name == "Lena Berg")
            // Step 3 is Huddinge's board's: refused; a step of its own body, once recorded, is withdrawn.
            let foreign = try await post(
                registrar.cookie, "/clerk/steps/withdraw", "csrf_token=\(rcsrf)&decision=\(Self.ref)&number=3&reason=fel")
            #expect(foreign.0 == .forbidden)
            _ = try await post(
                registrar.cookie, "/clerk/steps",
                "csrf_token=\(rcsrf)&decision=\(Self.ref)&body=BOT-KF&date=2007-09-10&outcome=adopted")
            let count = try clerks.fixture.register.decision(Self.ref).decision.steps.count
            let mine = try await post(
                registrar.cookie, "/clerk/steps/withdraw",
                "csrf_token=\(rcsrf)&decision=\(Self.ref)&number=\(count)&reason=fel+datum")
            #expect(mine.0 == .seeOther)
            #expect(try clerks.fixture.register.decision(Self.ref).decision.steps.last?.withdrawn == "fel datum")
            // A correction needs its reason; with it, the case number of its own party is set.
            let noReason = try await post(
                registrar.cookie, "/clerk/decisions/correct",
                "csrf_token=\(rcsrf)&decision=\(Self.ref)&case_party=BOTKYRKA&case_number=KS%2F2007%3A412")
            #expect(noReason.0 == .unprocessableContent)
            #expect(noReason.1.contains("id=\"problem-reason\""))
            let corrected = try await post(
                registrar.cookie, "/clerk/decisions/correct",
                "csrf_token=\(rcsrf)&decision=\(Self.ref)&case_party=BOTKYRKA&case_number=KS%2F2007%3A412&reason=saknades")
            #expect(corrected.0 == .seeOther)
            #expect(
                try clerks.fixture.register.decision(Self.ref).decision.caseNumbers.first { $0.party == "BOTKYRKA" }?
                    .number == "KS/2007:412")
            // A new decision binding Botkyrka; one binding none of its parties is refused, one without a title too.
            let added = try await post(
                registrar.cookie, "/clerk/decisions",
                "csrf_token=\(rcsrf)&decision=BOT-SKOLSKJUTS-2027&title=Skolskjuts+2027%E2%80%932029&date=2026-11-20"
                    + "&parties=BOTKYRKA+HUDDINGE&clauses=att+anta+avtalet%0D%0Aatt+finansiera+det")
            #expect(added.0 == .seeOther)
            let new = try clerks.fixture.register.decision("BOT-SKOLSKJUTS-2027").decision
            #expect(new.parties == ["BOTKYRKA", "HUDDINGE"] && new.clauses == ["att anta avtalet", "att finansiera det"])
            let foreignDecision = try await post(
                registrar.cookie, "/clerk/decisions",
                "csrf_token=\(rcsrf)&decision=SLL-EGET&title=T&date=2026-11-20&parties=SLL")
            #expect(foreignDecision.0 == .forbidden)
            let untitled = try await post(
                registrar.cookie, "/clerk/decisions",
                "csrf_token=\(rcsrf)&decision=BOT-UTAN&date=2026-11-20&parties=BOTKYRKA")
            #expect(untitled.0 == .unprocessableContent)
            #expect(untitled.1.contains("id=\"problem-title\""))
            // The step missing its "§ 98" is corrected, with the reason.
            let lastStep = try clerks.fixture.register.decision(Self.ref).decision.steps.count
            _ = try await post(
                registrar.cookie, "/clerk/steps",
                "csrf_token=\(rcsrf)&decision=\(Self.ref)&body=BOT-KF&date=2007-09-12&outcome=adopted")
            let stepFixed = try await post(
                registrar.cookie, "/clerk/steps/correct",
                "csrf_token=\(rcsrf)&decision=\(Self.ref)&number=\(lastStep + 1)&minutes=%C2%A7+98&reason=saknades")
            #expect(stepFixed.0 == .seeOther)
            #expect(try clerks.fixture.register.decision(Self.ref).decision.steps.last?.minutes == "§ 98")
            // A payment's amount corrected.
            let paymentFixed = try await post(
                finance.cookie, "/clerk/payments/correct",
                "csrf_token=\(fcsrf)&decision=\(Self.ref)&number=\(number)&amount=2+kr&reason=fel")
            #expect(paymentFixed.0 == .unprocessableContent, "a withdrawn payment is not corrected")
            try clerks.fixture.writer.apply(
                .add(
                    Payment(
                        decision: Self.ref, party: "BOTKYRKA", year: 2008, date: try LocalDate(parsing: "2008-04-01"),
                        amount: Money(minorUnits: 100, currency: .sek), reference: "RÄTT"), again: false),
                context: WebFixture.context)
            let standing = try #require(
                try clerks.fixture.register.payments(FundingFilter(decision: Self.ref)).first { $0.reference == "RÄTT" }?.number)
            let amountFixed = try await post(
                finance.cookie, "/clerk/payments/correct",
                "csrf_token=\(fcsrf)&decision=\(Self.ref)&number=\(standing)&amount=2+kr&reason=fel+belopp")
            #expect(amountFixed.0 == .seeOther)
            #expect(
                try clerks.fixture.register.payments(FundingFilter(decision: Self.ref)).first { $0.number == standing }?
                    .amount.minorUnits == 200)
            // The finance officer withdraws the year it set.
            let withdrawnYear = try await post(
                finance.cookie, "/clerk/funding/withdraw",
                "csrf_token=\(fcsrf)&decision=\(Self.ref)&year=2009&reason=fel+%C3%A5r")
            #expect(withdrawnYear.0 == .seeOther)
            #expect(
                try clerks.fixture.register.decision(Self.ref).decision.funding.first { $0.year == 2009 }?.withdrawn
                    == "fel år")
        }
        #expect(try clerks.fixture.register.verifyAudit().intact)
    }

    @Test("The session cookie is HttpOnly, SameSite=Strict, Secure behind https; a GET form is refused")
    func sessionCookie() async throws {
        let clerks = try Clerks([Self.accounts[0]])
        for (url, secure) in [("https://register.example.se", true), ("http://localhost", false)] {
            try await clerks.application(access: ClerkAccess(publicURL: url)).test(.router) { client in
                var csrf = ""
                var pairing = ""
                try await client.execute(uri: "/sign-in", method: .get) {
                    csrf = Self.hidden($0.text)
                    pairing = Self.cookie($0, "decreg_signin") ?? ""
                    let line = $0.headers[values: .setCookie].first { $0.hasPrefix("decreg_signin=") } ?? ""
                    #expect(line.contains("HttpOnly") && line.contains("SameSite=Strict"))
                    #expect(line.contains("Secure") == secure)
                }
                try await client.execute(
                    uri: "/sign-in", method: .post,
                    headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "decreg_signin=\(pairing)"],
                    body: ByteBuffer(string: "csrf_token=\(csrf)&name=bot.reg&password=\(Self.encoded(Self.password))")
                ) {
                    let line = $0.headers[values: .setCookie].first { $0.hasPrefix("decreg_session=") } ?? ""
                    #expect(line.contains("HttpOnly"), "\(line)")
                    #expect(line.contains("SameSite=Strict"), "\(line)")
                    #expect(line.contains("Secure") == secure, "\(line)")
                }
                // The sign-in form without its paired cookie: 403.
                try await client.execute(
                    uri: "/sign-in", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: "csrf_token=\(csrf)&name=bot.reg&password=\(Self.encoded(Self.password))")
                ) { #expect($0.status == .forbidden) }
                try await client.execute(uri: "/clerk/steps", method: .get) {
                    #expect($0.status == .methodNotAllowed)
                    #expect($0.headers[.allow] == "POST")
                }
            }
        }
    }

    @Test("Unknown name and wrong password get the same answer; ten failures lock the name for 15 minutes")
    func signInFailures() async throws {
        let clerks = try Clerks([Self.accounts[0]])
        try await clerks.application().test(.router) { client in
            var pages: [String] = []
            for name in ["nobody", "bot.reg"] {
                let response = try await Self.postSignIn(client, name: name, password: "wrong-password-1")
                #expect(response.status == .unauthorized)
                // The page as it would be but for the name typed and the new form's token.
                pages.append(
                    response.text.replacingOccurrences(of: Self.hidden(response.text), with: "")
                        .replacingOccurrences(of: "value=\"\(name)\"", with: ""))
            }
            #expect(pages.count == 2 && pages[0] == pages[1])
            #expect(pages.first?.contains("wrong account name or password") == true)
            // Nine more failures (ten with the one above) lock the name: then even the right password is refused.
            for _ in 1...9 { _ = try await Self.signIn(client, name: "bot.reg", password: "wrong-password-1") }
            let locked = try await Self.postSignIn(client, name: "bot.reg", password: Self.password)
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("too many failed sign-ins; try again in 15 minutes"))
        }
    }

    @Test("Ten failed sign-ins from one address lock that address, whatever names it tries")
    func addressLock() async throws {
        // Ten accounts of their own, whose hashes are of cost 10: an unknown name is checked against a hash of the
        // server's cost (12), ten of which would hold both cores while other tests time their servers.
        let others = (1...10).map { Account(name: "clerk\($0)", role: .registrar, parties: ["BOTKYRKA"]) }
        let clerks = try Clerks([Self.accounts[0]] + others)
        try await withLiveServer(clerks.fixture, limits: ServerLimits(), path: clerks.fixture.path) { port in
            @Sendable func attempt(_ name: String, _ password: String) throws -> Int {
                let page = try Loopback.exchange(port: port, "GET /sign-in?lang=en HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                let csrf = ClerkTests.hidden(page.body)
                let pairing = (page.headers["set-cookie"] ?? "").split(separator: ";").first.map(String.init) ?? ""
                let form = "csrf_token=\(csrf)&name=\(name)&password=\(ClerkTests.encoded(password))"
                return try Loopback.exchange(
                    port: port,
                    "POST /sign-in?lang=en HTTP/1.1\r\nHost: x\r\nCookie: \(pairing)\r\n"
                        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: \(form.utf8.count)\r\n"
                        + "Connection: close\r\n\r\n\(form)"
                ).status
            }
            let statuses = try await onThread { try (1...10).map { try attempt("clerk\($0)", "wrong-password-1") } }
            #expect(statuses == Array(repeating: 401, count: 10))
            // bot.reg has failed nothing, but the address has: refused until the lock ends.
            #expect(try await onThread { try attempt("bot.reg", ClerkTests.password) } == 429)
        }
    }

    @Test("A disabled account can neither sign in nor use its token")
    func disabledAccount() async throws {
        let clerks = try Clerks([Self.accounts[2]])
        try clerks.fixture.writer.apply(
            .disable(name: "bot.fin"),
            context: ChangeContext(actor: "admin", command: "decreg account disable", reason: "left the job"))
        try await clerks.application().test(.router) { client in
            try await client.execute(
                uri: "/api/v1/decisions/\(Self.ref)/payments", method: .post,
                headers: Self.bearer(clerks.tokens["bot.fin"] ?? ""), body: Self.payment("BOTKYRKA")
            ) { #expect($0.status == .unauthorized) }
            #expect(try await Self.signIn(client, name: "bot.fin") == nil)
        }
    }

    // MARK: Over real connections

    @Test("The proxy's header is taken only on connections from the trusted proxy address")
    func proxyHeader() async throws {
        let clerks = try Clerks([Self.accounts[0]])
        for (trusted, taken) in [("127.0.0.1", true), ("127.0.0.2", false)] {
            let access = ClerkAccess(proxyHeader: "X-Remote-User", trustedProxies: [trusted])
            try await withLiveServer(clerks.fixture, limits: ServerLimits(), access: access, path: clerks.fixture.path) {
                port in
                let answer = try await onThread {
                    try Loopback.exchange(
                        port: port,
                        "GET /clerk?lang=en HTTP/1.1\r\nHost: x\r\nX-Remote-User: bot.reg\r\nConnection: close\r\n\r\n")
                }
                if taken {
                    #expect(answer.status == 200, "\(answer.body.prefix(200))")
                    #expect(answer.body.contains("<strong id=\"account\">bot.reg</strong>"))
                } else {
                    #expect(answer.status == 303)
                    #expect(answer.headers["location"] == "/sign-in?lang=en")
                }
            }
        }
    }

    @Test("50 clerks post at once through the API while a clerk writes with the command line: each lands once")
    func fiftyClerksAtOnce() async throws {
        let accounts = (1...50).map { Account(name: "fin\($0)", role: .finance, parties: ["BOTKYRKA"]) }
        let clerks = try Clerks(accounts)
        let tokens = clerks.tokens
        let before = try clerks.entries()
        try await withLiveServer(clerks.fixture, limits: ServerLimits(), path: clerks.fixture.path) { port in
            try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 1...50 {
                    group.addTask {
                        let body = #"{"party": "BOTKYRKA", "year": 2008, "date": "2008-03-01", "amount": "1 kr", "reference": "API-\#(index)"}"#
                        let answer = try await onThread {
                            try Loopback.exchange(
                                port: port,
                                "POST /api/v1/decisions/\(Self.ref)/payments HTTP/1.1\r\nHost: x\r\n"
                                    + "Authorization: Bearer \(tokens["fin\(index)"] ?? "")\r\n"
                                    + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n"
                                    + "Connection: close\r\n\r\n\(body)", seconds: 30)
                        }
                        return answer.status
                    }
                }
                // The command line's clerk, on a connection of its own, at the same time.
                group.addTask {
                    try await onThread {
                        let register = try Register.open(path: clerks.fixture.path, for: .writing)
                        for index in 1...5 {
                            try register.apply(
                                .add(
                                    Payment(
                                        decision: Self.ref, party: "SLL", year: 2008,
                                        date: try LocalDate(parsing: "2008-03-02"),
                                        amount: Money(minorUnits: 100, currency: .sek), reference: "CLI-\(index)"),
                                    again: false),
                                context: ChangeContext(actor: "cli", command: "decreg payment add"))
                        }
                        return 201
                    }
                }
                var statuses: [Int] = []
                for try await status in group { statuses.append(status) }
                #expect(statuses.allSatisfy { $0 == 201 }, "\(statuses)")
            }
        }
        let payments = try clerks.fixture.register.payments(FundingFilter(decision: Self.ref))
        let references = payments.compactMap(\.reference)
        #expect(references.count == 55)
        #expect(Set(references).count == 55)
        #expect(try clerks.entries() == before + 55)
        #expect(try clerks.fixture.register.verifyAudit().intact)
        try await clerks.application().test(.router) { client in
            // The public API lists every one of them.
            try await client.execute(uri: "/api/v1/decisions/\(Self.ref)", method: .get) { response in
                let listed = (response.json["payments"] as? [[String: Any]] ?? []).compactMap { $0["reference"] as? String }
                #expect((1...50).allSatisfy { listed.contains("API-\($0)") }, "\(listed)")
                #expect((1...5).allSatisfy { listed.contains("CLI-\($0)") })
            }
        }
    }
}

/// Runs blocking socket calls on a thread of its own: many clients at once must not take the threads the server's
/// own reads are offloaded to.
func onThread<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
    }
}

extension ClerkTests {
    @Test("A registrar records an appeal of its party's adoption and the court's annulment in the browser's forms")
    func appealsInForms() async throws {
        let clerks = try Clerks(Self.accounts)
        try clerks.fixture.writer.apply(
            .addStep(
                HandlingStep(
                    body: "BOT-KF", date: try LocalDate(parsing: "2007-09-10"), outcome: .adopted,
                    justified: try LocalDate(parsing: "2007-09-14"), posted: try LocalDate(parsing: "2007-09-17"))),
            to: Self.ref, context: WebFixture.context)
        try await clerks.application().test(.router) { client in
            func post(_ session: String, _ path: String, _ body: String) async throws -> (HTTPResponse.Status, String) {
                try await Self.post(client, session, path, body)
            }
            let registrar = try #require(try await Self.signIn(client, name: "bot.reg"))
            #expect(registrar.page.contains("id=\"appeal-form\"") && registrar.page.contains("id=\"appeal-decide-form\""))
            let csrf = Self.hidden(registrar.page)
            let lodged = try await post(
                registrar.cookie, "/clerk/appeals",
                "csrf_token=\(csrf)&decision=\(Self.ref)&party=BOTKYRKA&lodged=2007-09-28"
                    + "&court=F%C3%B6rvaltningsr%C3%A4tten+i+Stockholm&case=12345-07")
            #expect(lodged.0 == .seeOther, "\(lodged.1.prefix(1500))")
            let appeal = try #require(try clerks.fixture.register.decision(Self.ref).decision.appeals.first)
            #expect(appeal.court == "Förvaltningsrätten i Stockholm" && appeal.caseNumber == "12345-07")
            // Huddinge's registrar does not record appeals of Botkyrka's adoption.
            let other = try #require(try await Self.signIn(client, name: "hud.reg"))
            let foreign = try await post(
                other.cookie, "/clerk/appeals",
                "csrf_token=\(Self.hidden(other.page))&decision=\(Self.ref)&party=BOTKYRKA&lodged=2007-09-29")
            #expect(foreign.0 == .forbidden)
            let unknown = try await post(
                registrar.cookie, "/clerk/appeals/decide",
                "csrf_token=\(csrf)&decision=\(Self.ref)&number=1&outcome=bifallet&date=2008-01-15")
            #expect(unknown.0 == .unprocessableContent)
            #expect(unknown.1.contains("id=\"problem-outcome\""))
            // The court annuls it (in Swedish, as the form's list says it): Botkyrka's adoption no longer counts.
            let annulled = try await post(
                registrar.cookie, "/clerk/appeals/decide",
                "csrf_token=\(csrf)&decision=\(Self.ref)&number=1&outcome=upph%C3%A4vt&date=2008-01-15")
            #expect(annulled.0 == .seeOther, "\(annulled.1.prefix(1500))")
            let decided = try #require(try clerks.fixture.register.decision(Self.ref).decision.appeals.first)
            #expect(decided.outcome == .annulled && decided.decided?.description == "2008-01-15")
        }
    }
}
