import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The forms beyond a step and a payment: an administrator's accounts, parties and bodies, and a registrar's
/// attachments (uploaded as `multipart/form-data`) and signatories, each through the real router.
@Suite("An administrator's and a registrar's other forms")
struct ClerkAdministrationTests {
    typealias Clerks = ClerkTests.Clerks
    static let ref = ClerkTests.ref

    /// A signed-in clerk that posts forms with its session and CSRF token.
    struct Session {
        let client: any TestClientProtocol
        let cookie: String
        let csrf: String
        let page: String

        init?(_ client: some TestClientProtocol, name: String, password: String = ClerkTests.password) async throws {
            guard let signedIn = try await ClerkTests.signIn(client, name: name, password: password) else { return nil }
            self.client = client
            (cookie, page, csrf) = (signedIn.cookie, signedIn.page, ClerkTests.hidden(signedIn.page))
        }

        /// Posts a urlencoded form (its CSRF token added); the status, the page answered and where it leads.
        func post(_ path: String, _ form: String) async throws -> (status: HTTPResponse.Status, page: String) {
            try await send(
                path, type: "application/x-www-form-urlencoded", ByteBuffer(string: "csrf_token=\(csrf)&" + form))
        }

        /// Posts a `multipart/form-data` form of texts and one file, as a browser sends a file input.
        func upload(
            _ path: String, _ texts: [(String, String)], file: (name: String, bytes: [UInt8])?, csrf: String? = nil
        ) async throws -> (status: HTTPResponse.Status, page: String) {
            let boundary = "----decregTestBoundary7MA4YWxkTrZu0gW"
            var body = ByteBuffer()
            for (name, value) in [("csrf_token", csrf ?? self.csrf)] + texts {
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
            }
            if let file {
                body.writeString(
                    "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(file.name)\"\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n")
                body.writeBytes(file.bytes)
                body.writeString("\r\n")
            }
            body.writeString("--\(boundary)--\r\n")
            return try await send(path, type: "multipart/form-data; boundary=\(boundary)", body)
        }

        private func send(_ path: String, type: String, _ body: ByteBuffer) async throws
            -> (status: HTTPResponse.Status, page: String)
        {
            var answer: (HTTPResponse.Status, String) = (.ok, "")
            try await client.execute(
                uri: path + "?lang=en", method: .post,
                headers: [.cookie: "decreg_session=\(cookie)", .contentType: type], body: body
            ) { answer = ($0.status, $0.text) }
            return answer
        }
    }

    @Test("An administrator adds a party, a body and an account in the browser; the new clerk signs in and records")
    func administratorsForms() async throws {
        let clerks = try Clerks(ClerkTests.accounts)
        try await clerks.application().test(.router) { client in
            let admin = try #require(try await Session(client, name: "admin"))
            for form in ["account", "account-password", "account-disable", "party", "party-correct", "body", "body-correct"] {
                #expect(admin.page.contains("id=\"\(form)-form\""), "\(form)")
            }
            #expect(admin.page.contains("<td>bot.reg</td>"), "the accounts are listed")
            // A wrong check digit is refused beside its field; the right one is recorded.
            let wrong = try await admin.post("/clerk/parties", "code=NYKVARN&name=Nykvarns+kommun&org_number=212000-2859")
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.page.contains("id=\"problem-org_number\""), "\(wrong.page.prefix(3000))")
            let party = try await admin.post(
                "/clerk/parties", "code=NYKVARN&name=Nykvarns+kommun&kind=municipality&org_number=212000-2858")
            #expect(party.status == .seeOther)
            let nykvarn = try #require(try clerks.fixture.register.parties().first { $0.code == "NYKVARN" })
            #expect(nykvarn.kind == .municipality && nykvarn.organisationNumber?.description == "212000-2858")
            // A correction without its reason is refused; with it, recorded.
            let noReason = try await admin.post("/clerk/parties/correct", "code=NYKVARN&name=Nykvarn")
            #expect(noReason.status == .unprocessableContent && noReason.page.contains("id=\"problem-reason\""))
            #expect(try await admin.post("/clerk/parties/correct", "code=NYKVARN&name=Nykvarn&reason=kortare").status == .seeOther)
            #expect(try clerks.fixture.register.parties().first { $0.code == "NYKVARN" }?.name == "Nykvarn")

            #expect(
                try await admin.post("/clerk/bodies", "code=NYK-KF&name=Kommunfullm%C3%A4ktige&kind=assembly&parties=NYKVARN")
                    .status == .seeOther)
            #expect(try clerks.fixture.register.bodies().first { $0.code == "NYK-KF" }?.parties == ["NYKVARN"])
            let moved = try await admin.post("/clerk/bodies/correct", "code=NYK-KF&parties=NYKVARN+BOTKYRKA&reason=gemensam")
            #expect(moved.status == .seeOther)
            #expect(try clerks.fixture.register.bodies().first { $0.code == "NYK-KF" }?.parties == ["NYKVARN", "BOTKYRKA"])

            // An account: the two passwords must agree, and neither comes back in the refused page.
            let secret = "Hemligt-l%C3%B6senord-1"
            let differ = try await admin.post(
                "/clerk/accounts", "name=nyk.reg&role=registrar&parties=NYKVARN&password=\(secret)&password_again=annat-l%C3%B6sen")
            #expect(differ.status == .unprocessableContent && differ.page.contains("id=\"problem-password_again\""))
            #expect(!differ.page.contains("Hemligt"))
            let short = try await admin.post(
                "/clerk/accounts", "name=nyk.reg&role=registrar&parties=NYKVARN&password=kort&password_again=kort")
            #expect(short.status == .unprocessableContent && short.page.contains("id=\"problem-password\""))
            let added = try await admin.post(
                "/clerk/accounts", "name=nyk.reg&role=registrar&parties=NYKVARN&password=\(secret)&password_again=\(secret)")
            #expect(added.status == .seeOther)
            let account = try #require(try clerks.fixture.register.accounts().first { $0.name == "nyk.reg" })
            #expect(account.role == .registrar && account.parties == ["NYKVARN"])
            let again = try await admin.post(
                "/clerk/accounts", "name=nyk.reg&role=finance&password=\(secret)&password_again=\(secret)")
            #expect(again.status == .conflict || again.status == .unprocessableContent, "\(again.page.prefix(2000))")
            #expect(again.page.contains("id=\"problem"))

            // The new clerk signs in and is offered its own party's bodies only.
            let nyk = try #require(try await Session(client, name: "nyk.reg", password: "Hemligt-lösenord-1"))
            #expect(nyk.page.contains("NYK-KF") && !nyk.page.contains("HUD-KF –"))
            #expect(!nyk.page.contains("id=\"account-form\""), "a registrar is not offered the accounts")
            // A registrar may not add a party, however it posts.
            #expect(try await nyk.post("/clerk/parties", "code=EGEN&name=Egen").status == .forbidden)
            #expect(try clerks.fixture.register.parties().first { $0.code == "EGEN" } == nil)

            // A new password for bot.reg; then it is disabled and can no longer sign in.
            let newPassword = "Ett-nytt-l%C3%B6senord"
            #expect(
                try await admin.post(
                    "/clerk/accounts/password", "name=bot.reg&password=\(newPassword)&password_again=\(newPassword)"
                ).status == .seeOther)
            #expect(try await Session(client, name: "bot.reg") == nil, "the old password no longer works")
            #expect(try await Session(client, name: "bot.reg", password: "Ett-nytt-lösenord") != nil)
            #expect(try await admin.post("/clerk/accounts/disable", "name=bot.reg&reason=slutat").status == .seeOther)
            #expect(try clerks.fixture.register.accounts().first { $0.name == "bot.reg" }?.disabled == "slutat")
            #expect(try await Session(client, name: "bot.reg", password: "Ett-nytt-lösenord") == nil)
        }
        // Each change is in the audit trail under the administrator's name and the form's route, no secret in it.
        let history = try clerks.fixture.register.auditEntries()
        let route = try #require(history.first { $0.entity == "account" && $0.key == "nyk.reg" })
        #expect(route.actor == "admin" && route.command == "POST /clerk/accounts")
        #expect(!history.contains { ($0.after ?? "").contains("$2") || ($0.after ?? "").contains("Hemligt") })
        #expect(try clerks.fixture.register.verifyAudit().intact)
    }

    @Test("A registrar uploads an attachment, withdraws it and a signatory; the public page shows them")
    func attachmentsAndSignatories() async throws {
        let clerks = try Clerks(ClerkTests.accounts)
        try await clerks.application().test(.router) { client in
            let registrar = try #require(try await Session(client, name: "bot.reg"))
            #expect(registrar.page.contains("id=\"attachment-form\" enctype=\"multipart/form-data\""))
            let bytes = Array("%PDF-1.4 Karta över Flemingsberg\r\n--inte en gräns\r\n".utf8) + [0, 255, 13, 10]
            let stored = try await registrar.upload(
                "/clerk/attachments", [("decision", Self.ref), ("label", "Bilaga 5"), ("title", "Karta")],
                file: ("karta.pdf", bytes))
            #expect(stored.status == .seeOther, "\(stored.page.prefix(2000))")
            let attachment = try #require(
                try clerks.fixture.register.decision(Self.ref).decision.attachments.first { $0.label == "Bilaga 5" })
            #expect(attachment.size == bytes.count && attachment.mediaType == "application/pdf")
            #expect(attachment.sha256 == Attachment.sha256Hex(Data(bytes)))
            try await client.execute(uri: "/decisions/\(Self.ref)?lang=en", method: .get) {
                #expect($0.text.contains("Bilaga 5"))
            }
            try await client.execute(uri: "/decisions/\(Self.ref)/attachments/Bilaga%205", method: .get) {
                #expect($0.status == .ok && Array($0.body.readableBytesView) == bytes)
            }
            // The same label again, no file, no CSRF token, and a finance officer: each refused, nothing stored.
            let before = try clerks.entries()
            let twice = try await registrar.upload(
                "/clerk/attachments", [("decision", Self.ref), ("label", "Bilaga 5")], file: ("b.pdf", [1]))
            #expect(twice.status == .unprocessableContent && twice.page.contains("id=\"problem-label\""))
            let noFile = try await registrar.upload(
                "/clerk/attachments", [("decision", Self.ref), ("label", "Bilaga 6")], file: nil)
            #expect(noFile.status == .unprocessableContent && noFile.page.contains("id=\"problem-file\""))
            let forged = try await registrar.upload(
                "/clerk/attachments", [("decision", Self.ref), ("label", "Bilaga 6")], file: ("c.pdf", [1]), csrf: "fel")
            #expect(forged.status == .forbidden)
            let finance = try #require(try await Session(client, name: "bot.fin"))
            #expect(!finance.page.contains("id=\"attachment-form\""))
            let foreign = try await finance.upload(
                "/clerk/attachments", [("decision", Self.ref), ("label", "Bilaga 6")], file: ("c.pdf", [1]))
            #expect(foreign.status == .forbidden)
            let huge = try await registrar.upload(
                "/clerk/attachments", [("decision", Self.ref), ("label", "Bilaga 7")],
                file: ("stor.pdf", [UInt8](repeating: 65, count: 25 << 20 + 1)))
            #expect(huge.status == .contentTooLarge)
            // Bodies that are no multipart form: no closing boundary, a part without a name, no boundary at all.
            for (type, body) in [
                ("multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"label\"\r\n\r\nx"),
                ("multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data\r\n\r\nx\r\n--abc--"),
                ("multipart/form-data; boundary=abc", "no delimiter here"),
                ("multipart/form-data", "--abc--"),
            ] {
                try await client.execute(
                    uri: "/clerk/attachments?lang=en", method: .post,
                    headers: [.cookie: "decreg_session=\(registrar.cookie)", .contentType: type],
                    body: ByteBuffer(string: body)
                ) { #expect([.badRequest, .unsupportedMediaType].contains($0.status), "\(type) \(body)") }
            }
            #expect(try clerks.entries() == before)

            let withdrawn = try await registrar.post(
                "/clerk/attachments/withdraw", "decision=\(Self.ref)&label=Bilaga+5&reason=fel+karta")
            #expect(withdrawn.status == .seeOther)
            #expect(
                try clerks.fixture.register.decision(Self.ref).decision.attachments.first { $0.label == "Bilaga 5" }?
                    .withdrawn == "fel karta")

            // A signatory added, then withdrawn by its number.
            _ = try await registrar.post("/clerk/signatories", "decision=\(Self.ref)&name=Lena+Berg&party=BOTKYRKA")
            let number = try clerks.fixture.register.decision(Self.ref).decision.signatories.count
            let unsigned = try await registrar.post(
                "/clerk/signatories/withdraw", "decision=\(Self.ref)&number=\(number)&reason=fel+person")
            #expect(unsigned.status == .seeOther)
            #expect(try clerks.fixture.register.decision(Self.ref).decision.signatories.last?.withdrawn == "fel person")
            let beyond = try await registrar.post(
                "/clerk/signatories/withdraw", "decision=\(Self.ref)&number=\(number + 5)&reason=fel")
            #expect(beyond.status == .unprocessableContent)
        }
        #expect(try clerks.fixture.register.verifyAudit().intact)
    }
}
