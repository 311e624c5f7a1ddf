import DecregDomain
import DecregStore
import Foundation

/// The clerks' pages: sign-in, and a signed-in clerk's page of what is open for its parties with the forms its role
/// allows. Plain HTML without scripts, every text escaped, every form that changes anything carrying the CSRF token;
/// a refused form comes back with what was typed and the message beside the field it concerns.
struct ClerkPages {
    let register: Register
    let language: Language

    private func t(_ sv: String, _ en: String) -> String { h(Phrase(sv: sv, en: en).text(language)) }
    private var lang: String { language.rawValue }

    // MARK: Sign-in

    func signIn(csrf: String, name: String = "", problem: Phrase? = nil, signedInAs: String? = nil) -> String {
        var body = ""
        if let signedInAs {
            body += "<p class=\"notice\">\(t("Du är inloggad som", "You are signed in as")) \(h(signedInAs)). "
            body += "<a href=\"/clerk?lang=\(lang)\">\(t("Till din sida", "To your page"))</a></p>\n"
        }
        if let problem { body += "<p class=\"notice\" role=\"alert\">\(h(problem.text(language)))</p>\n" }
        body += "<form method=\"post\" action=\"/sign-in?lang=\(lang)\" class=\"clerk\">\n"
        body += hidden(CSRF.field, csrf)
        body += "<p><label>\(t("Kontonamn", "Account name")) <input type=\"text\" name=\"name\" id=\"name\" "
        body += "autocomplete=\"username\" required=\"required\" maxlength=\"64\" value=\"\(h(name))\"/></label></p>\n"
        body += "<p><label>\(t("Lösenord", "Password")) <input type=\"password\" name=\"password\" id=\"password\" "
        body += "autocomplete=\"current-password\" required=\"required\" maxlength=\"200\"/></label></p>\n"
        body += "<p><button type=\"submit\" id=\"sign-in\">\(t("Logga in", "Sign in"))</button></p>\n</form>\n"
        return Shell.page(
            title: Phrase(sv: "Logga in", en: "Sign in").text(language), kicker: "decreg", language: language,
            path: "/sign-in", query: nil, body: body)
    }

    // MARK: A clerk's page

    /// What a refused form said, to show beside its fields, with what was typed.
    struct Refused {
        var form: String
        var fields: ClerkWrites.Fields
        var failure: WebError
    }

    func home(_ clerk: Clerk, refused: Refused? = nil) throws -> String {
        let account = clerk.account
        var body = "<p>\(t("Inloggad som", "Signed in as")) <strong id=\"account\">\(h(account.name))</strong>, "
        body += h(account.role.word(language))
        if !account.parties.isEmpty {
            body += " " + t("för", "for") + " " + account.parties.map(h).joined(separator: ", ")
        }
        body += ".</p>\n"
        body += "<form method=\"post\" action=\"/sign-out?lang=\(lang)\">\(hidden(CSRF.field, clerk.csrf ?? ""))"
        body += "<button type=\"submit\" id=\"sign-out\">\(t("Logga ut", "Sign out"))</button></form>\n"
        body += try openItems(account)
        let decisions = try register.decisions(DecisionFilter()).filter { item in
            account.role == .admin || item.parties.contains(where: account.parties.contains)
        }
        let csrf = clerk.csrf ?? ""
        let refs = decisions.map(\.ref)
        func refusedFor(_ form: String) -> Refused? { refused?.form == form ? refused : nil }
        let reason = Field("reason", t("Skäl (krävs)", "Reason (required)"))
        if account.role == .registrar || account.role == .admin {
            body += form(
                "decision", t("Lägg till ett beslut (referensen i fältet Beslut)", "Add a decision (its reference in the Decision field)"),
                "/clerk/decisions", csrf: csrf, decisions: [],
                fields: [
                    Field("title", t("Rubrik", "Title")), Field("date", t("Datum", "Date"), .date),
                    Field("parties", t("Parter, t.ex. SLL HUDDINGE BOTKYRKA", "Parties, e.g. SLL HUDDINGE BOTKYRKA")),
                    Field("clauses", t("Att-satser, en per rad", "Clauses, one a line"), .lines),
                    Field("summary", t("Bakgrund", "Background"), .lines),
                ], refused: refusedFor("decision"))
            // Only the bodies whose steps the account may record: its parties' bodies, joint ones included.
            let bodies = try register.bodies().filter { body in
                account.role == .admin || body.parties.contains(where: account.parties.contains)
            }
            let outcomes = Outcome.allCases.map { (value: $0.rawValue, label: Vocabulary.outcome($0, language)) }
            body += form(
                "step", t("Registrera ett beslutssteg", "Record a handling step"), "/clerk/steps", csrf: csrf,
                decisions: refs,
                fields: [
                    Field("body", t("Organ", "Body"), .choice(bodies.map { ($0.code, "\($0.code) – \($0.name)") })),
                    Field("date", t("Datum", "Date"), .date),
                    Field("outcome", t("Utfall", "Outcome"), .choice(outcomes, preset: Outcome.adopted.rawValue)),
                    Field("minutes", t("Paragraf", "Minutes")), Field("note", t("Anteckning", "Note")),
                    Field(
                        "amounts", t("Beslutade belopp, ett per rad: ÅR=BELOPP", "Adopted amounts, one a line: YEAR=AMOUNT"),
                        .lines),
                    Field("justified", t("Justerat", "Minutes checked"), .date),
                    Field("posted", t("Anslaget", "Posted on the notice board"), .date),
                ], refused: refusedFor("step"))
            body += form(
                "step-withdraw", t("Makulera ett beslutssteg", "Withdraw a handling step"), "/clerk/steps/withdraw",
                csrf: csrf, decisions: refs,
                fields: [Field("number", t("Stegets nummer (decreg step list)", "The step's number (decreg step list)")), reason],
                refused: refusedFor("step-withdraw"))
            body += form(
                "step-correct", t("Rätta ett beslutssteg", "Correct a handling step"), "/clerk/steps/correct",
                csrf: csrf, decisions: refs,
                fields: [
                    Field("number", t("Stegets nummer (decreg step list)", "The step's number (decreg step list)")),
                    Field("date", t("Nytt datum", "New date"), .date),
                    Field("outcome", t("Nytt utfall", "New outcome"), .choice([("", "–")] + outcomes)),
                    Field("minutes", t("Ny paragraf", "New minutes")), Field("note", t("Ny anteckning", "New note")),
                    Field(
                        "amounts", t("Nya beslutade belopp, ett per rad: ÅR=BELOPP", "New adopted amounts, one a line: YEAR=AMOUNT"),
                        .lines),
                    Field("justified", t("Justerat", "Minutes checked"), .date),
                    Field("posted", t("Anslaget", "Posted on the notice board"), .date),
                    reason,
                ], refused: refusedFor("step-correct"))
            let parties = account.role == .admin ? try register.parties().map(\.code) : account.parties
            body += form(
                "appeal", t("Registrera ett överklagande", "Record an appeal"), "/clerk/appeals", csrf: csrf,
                decisions: refs,
                fields: [
                    Field("party", t("Parten vars beslut överklagas", "The party whose adoption is appealed"),
                        .choice(parties.map { ($0, $0) })),
                    Field("lodged", t("Inkom till domstolen", "Lodged with the court"), .date),
                    Field("court", t("Domstol", "Court")), Field("case", t("Målnummer", "Case number")),
                ], refused: refusedFor("appeal"))
            let appealOutcomes = AppealOutcome.allCases.map { (value: $0.rawValue, label: $0.word(language)) }
            body += form(
                "appeal-decide", t("Registrera domstolens avgörande", "Record the court's decision"),
                "/clerk/appeals/decide", csrf: csrf, decisions: refs,
                fields: [
                    Field("number", t("Överklagandets nummer (decreg appeal list)", "The appeal's number (decreg appeal list)")),
                    Field("outcome", t("Avgörande", "Decision"), .choice(appealOutcomes)),
                    Field("date", t("Datum", "Date"), .date),
                ], refused: refusedFor("appeal-decide"))
            body += form(
                "signatory", t("Lägg till en undertecknare", "Add a signatory"), "/clerk/signatories", csrf: csrf,
                decisions: refs,
                fields: [
                    Field("name", t("Namn", "Name")), Field("title", t("Titel", "Title")),
                    Field("party", t("Part", "Party"), .choice([("", "–")] + parties.map { ($0, $0) })),
                ], refused: refusedFor("signatory"))
            body += form(
                "correct", t("Rätta ett beslut", "Correct a decision"), "/clerk/decisions/correct", csrf: csrf,
                decisions: refs,
                fields: [
                    Field("title", t("Ny rubrik", "New title")), Field("date", t("Nytt datum", "New date"), .date),
                    Field("summary", t("Ny bakgrund", "New background"), .lines),
                    Field("case_party", t("Diarienummer för part", "Case number of party"),
                        .choice([("", "–")] + parties.map { ($0, $0) })),
                    Field("case_number", t("Diarienummer", "Case number")), reason,
                ], refused: refusedFor("correct"))
            body += form(
                "signatory-withdraw", t("Makulera en undertecknare", "Withdraw a signatory"),
                "/clerk/signatories/withdraw", csrf: csrf, decisions: refs,
                fields: [
                    Field("number", t("Undertecknarens nummer, från 1", "The signatory's number, from 1")), reason,
                ],
                refused: refusedFor("signatory-withdraw"))
            body += form(
                "attachment", t("Lagra en bilaga", "Store an attachment"), "/clerk/attachments", csrf: csrf,
                decisions: refs,
                fields: [
                    Field("label", t("Benämning, t.ex. Bilaga 1", "Label, e.g. Bilaga 1")),
                    Field("title", t("Dokumentets titel", "The document's title")),
                    Field("file", t("Fil (högst 25 MiB)", "File (at most 25 MiB)"), .file),
                ], refused: refusedFor("attachment"))
            body += form(
                "attachment-withdraw", t("Makulera en bilaga", "Withdraw an attachment"), "/clerk/attachments/withdraw",
                csrf: csrf, decisions: refs,
                fields: [Field("label", t("Benämning", "Label")), reason], refused: refusedFor("attachment-withdraw"))
        }
        if account.role == .finance || account.role == .admin {
            let payers = account.role == .admin ? try register.parties().map(\.code) : account.parties
            body += form(
                "payment", t("Registrera en betalning", "Record a payment"), "/clerk/payments", csrf: csrf,
                decisions: refs,
                fields: [
                    Field("party", t("Part", "Party"), .choice(payers.map { ($0, $0) })),
                    Field("year", t("År", "Year")), Field("date", t("Datum", "Date"), .date),
                    Field("amount", t("Belopp", "Amount")), Field("reference", t("Verifikation", "Reference")),
                    Field(
                        "again",
                        t("Samma betalning en gång till (en delbetalning)", "The same payment once more (an instalment)"),
                        .check),
                ], refused: refusedFor("payment"))
            body += form(
                "payment-withdraw", t("Makulera en betalning", "Withdraw a payment"), "/clerk/payments/withdraw",
                csrf: csrf, decisions: refs,
                fields: [Field("number", t("Betalningens nummer", "The payment's number")), reason],
                refused: refusedFor("payment-withdraw"))
            body += form(
                "funding", t("Ange ett års finansiering", "Set a year's funding"), "/clerk/funding", csrf: csrf,
                decisions: refs,
                fields: [
                    Field("years", t("År, eller år som 2027..2029", "Year, or years such as 2027..2029")),
                    Field("total", t("Totalt", "Total")),
                    Field("shares", t("Andelar, en per rad: KOD=BELOPP", "Shares, one a line: CODE=AMOUNT"), .lines),
                    Field("split", t("Eller fördelning, en per rad: KOD=25% eller KOD=1/3", "Or a split, one a line: CODE=25% or CODE=1/3"), .lines),
                    Field("reason", t("Skäl, när året redan är finansierat", "Reason, when the year is funded already")),
                ], refused: refusedFor("funding"))
            body += form(
                "payment-correct", t("Rätta en betalning", "Correct a payment"), "/clerk/payments/correct",
                csrf: csrf, decisions: refs,
                fields: [
                    Field("number", t("Betalningens nummer", "The payment's number")),
                    Field("date", t("Nytt datum", "New date"), .date), Field("amount", t("Nytt belopp", "New amount")),
                    Field("reference", t("Ny verifikation", "New reference")), reason,
                ], refused: refusedFor("payment-correct"))
            body += form(
                "funding-withdraw", t("Makulera ett års finansiering", "Withdraw a year's funding"),
                "/clerk/funding/withdraw", csrf: csrf, decisions: refs,
                fields: [Field("year", t("År", "Year")), reason], refused: refusedFor("funding-withdraw"))
        }
        if account.role == .admin { body += try administration(csrf: csrf, reason: reason, refusedFor) }
        return Shell.page(
            title: Phrase(sv: "Att registrera", en: "To record").text(language), kicker: "decreg", language: language,
            path: "/clerk", query: nil, body: body, clerk: account.name)
    }

    /// An administrator's part: the accounts, and the forms for accounts, parties and bodies.
    private func administration(csrf: String, reason: Field, _ refusedFor: (String) -> Refused?) throws -> String {
        var body = "<h2>\(t("Konton", "Accounts"))</h2>\n<table class=\"accounts\">\n<thead><tr>"
        body += "<th>\(t("Namn", "Name"))</th><th>\(t("Roll", "Role"))</th><th>\(t("Parter", "Parties"))</th>"
        body += "<th>\(t("Avstängt", "Disabled"))</th></tr></thead>\n<tbody>\n"
        for account in try register.accounts() {
            body += "<tr><td>\(h(account.name))</td><td>\(h(account.role.word(language)))</td>"
            body += "<td>\(h(account.parties.joined(separator: ", ")))</td><td>\(h(account.disabled ?? ""))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        let roles = AccountRole.allCases.map { (value: $0.rawValue, label: $0.word(language)) }
        let partyKinds = PartyKind.allCases.map { (value: $0.rawValue, label: Vocabulary.kind($0, language)) }
        let bodyKinds = BodyKind.allCases.map { (value: $0.rawValue, label: Vocabulary.kind($0, language)) }
        let password = [
            Field("password", t("Lösenord (minst 10 tecken)", "Password (at least 10 characters)"), .password),
            Field("password_again", t("Lösenordet igen", "The password again"), .password),
        ]
        body += form(
            "account", t("Lägg till ett konto", "Add an account"), "/clerk/accounts", csrf: csrf, decisions: nil,
            fields: [
                Field("name", t("Kontonamn", "Account name")), Field("role", t("Roll", "Role"), .choice(roles)),
                Field("parties", t("Parter, t.ex. BOTKYRKA", "Parties, e.g. BOTKYRKA")),
            ] + password, refused: refusedFor("account"))
        body += form(
            "account-password", t("Ange ett kontos lösenord", "Set an account's password"), "/clerk/accounts/password",
            csrf: csrf, decisions: nil, fields: [Field("name", t("Kontonamn", "Account name"))] + password,
            refused: refusedFor("account-password"))
        body += form(
            "account-disable", t("Stäng av ett konto", "Disable an account"), "/clerk/accounts/disable", csrf: csrf,
            decisions: nil, fields: [Field("name", t("Kontonamn", "Account name")), reason],
            refused: refusedFor("account-disable"))
        body += form(
            "party", t("Lägg till en part", "Add a party"), "/clerk/parties", csrf: csrf, decisions: nil,
            fields: [
                Field("code", t("Kod, t.ex. HUDDINGE", "Code, e.g. HUDDINGE")), Field("name", t("Namn", "Name")),
                Field("kind", t("Slag", "Kind"), .choice(partyKinds, preset: PartyKind.municipality.rawValue)),
                Field("org_number", t("Organisationsnummer", "Organisation number")),
            ], refused: refusedFor("party"))
        body += form(
            "party-correct", t("Rätta en part", "Correct a party"), "/clerk/parties/correct", csrf: csrf,
            decisions: nil,
            fields: [
                Field("code", t("Kod", "Code")), Field("name", t("Nytt namn", "New name")),
                Field("kind", t("Nytt slag", "New kind"), .choice([("", "–")] + partyKinds)),
                Field(
                    "org_number",
                    t("Nytt organisationsnummer (- tar bort det)", "New organisation number (- removes it)")),
                reason,
            ], refused: refusedFor("party-correct"))
        body += form(
            "body", t("Lägg till ett organ", "Add a body"), "/clerk/bodies", csrf: csrf, decisions: nil,
            fields: [
                Field("code", t("Kod, t.ex. HUD-KF", "Code, e.g. HUD-KF")), Field("name", t("Namn", "Name")),
                Field("kind", t("Slag", "Kind"), .choice(bodyKinds, preset: BodyKind.board.rawValue)),
                Field("parties", t("Parter det hör till", "The parties it belongs to")),
            ], refused: refusedFor("body"))
        body += form(
            "body-correct", t("Rätta ett organ", "Correct a body"), "/clerk/bodies/correct", csrf: csrf,
            decisions: nil,
            fields: [
                Field("code", t("Kod", "Code")), Field("name", t("Nytt namn", "New name")),
                Field("kind", t("Nytt slag", "New kind"), .choice([("", "–")] + bodyKinds)),
                Field("parties", t("Parter det hör till, alla", "The parties it belongs to, all of them")), reason,
            ], refused: refusedFor("body-correct"))
        return body
    }

    /// The open items and discrepancies of the account's parties: adoptions not yet recorded, payments outstanding.
    private func openItems(_ account: Account) throws -> String {
        var findings: [Finding] = []
        if account.role == .admin && account.parties.isEmpty {
            findings = try register.reconcile()
        } else {
            for party in account.parties { findings += try register.reconcile(FundingFilter(party: party)) }
        }
        var body = "<h2>\(t("Öppet för dina parter", "Open for your parties"))</h2>\n"
        guard !findings.isEmpty else { return body + "<p>\(t("Inget öppet.", "Nothing open."))</p>\n" }
        body += "<table class=\"open\">\n<thead><tr><th>\(t("Beslut", "Decision"))</th><th>\(t("År", "Year"))</th>"
        body += "<th>\(t("Part", "Party"))</th><th>\(t("Vad", "What"))</th></tr></thead>\n<tbody>\n"
        for finding in findings.prefix(200) {
            body += "<tr><td><a href=\"\(Links.decision(finding.decision, language))\">\(h(finding.decision))</a></td>"
            body += "<td class=\"num\">\(finding.year)</td><td>\(h(finding.party ?? ""))</td>"
            body += "<td>\(h(finding.sentence(language)))</td></tr>\n"
        }
        body += "</tbody>\n</table>\n"
        if findings.count > 200 {
            body += "<p>\(t("Och", "And")) \(findings.count - 200) \(t("till", "more")).</p>\n"
        }
        return body
    }

    /// A field of a form: a line of text (or a date), a text of several lines, a choice, or a box to tick.
    struct Field {
        enum Kind {
            case text, date, lines, check, password, file
            case choice([(value: String, label: String)], preset: String? = nil)
        }

        var name: String
        var label: String
        var kind: Kind

        init(_ name: String, _ label: String, _ kind: Kind = .text) {
            self.name = name
            self.label = label
            self.kind = kind
        }
    }

    /// A form of the fields given (and of a decision, chosen among `decisions`, unless nil), posting to `action`;
    /// what was typed kept when it was refused, and the refusal beside the field it concerns (above the form when
    /// it concerns none of them). A form with a file field is sent as `multipart/form-data`.
    private func form(
        _ id: String, _ title: String, _ action: String, csrf: String, decisions: [String]?, fields: [Field],
        refused: Refused?
    ) -> String {
        let given = refused?.fields ?? ClerkWrites.Fields()
        let names = (decisions == nil ? [] : ["decision"]) + fields.map(\.name)
        let concerns = refused?.failure.field.flatMap { names.contains($0) ? $0 : nil }
        func problem(_ field: String?) -> String {
            guard let failure = refused?.failure, concerns == field else { return "" }
            let id = field.map { " id=\"problem-\($0)\"" } ?? " id=\"problem\""
            return " <strong class=\"problem\" role=\"alert\"\(id)>\(h(failure.phrase.text(language)))</strong>"
        }
        let uploads = fields.contains { if case .file = $0.kind { true } else { false } }
        var out = "<h2>\(title)</h2>\n"
        out += "<form method=\"post\" action=\"\(action)?lang=\(lang)\" class=\"clerk\" id=\"\(id)-form\""
        out += uploads ? " enctype=\"multipart/form-data\">\n" : ">\n"
        out += hidden(CSRF.field, csrf) + problem(nil)
        if let decisions {
            out += "<p><label>\(t("Beslut", "Decision")) <input type=\"text\" name=\"decision\" id=\"\(id)-decision\" "
            out += "list=\"\(id)-decisions\" required=\"required\" maxlength=\"100\" "
            out += "value=\"\(h(given["decision"] ?? ""))\"/></label>\(problem("decision"))</p>\n"
            out += "<datalist id=\"\(id)-decisions\">"
            for ref in decisions.prefix(500) { out += "<option value=\"\(h(ref))\"></option>" }
            out += "</datalist>\n"
        }
        for field in fields {
            let value =
                field.name == "amounts"
                ? given.amounts.map { "\($0.years)=\($0.amount)" }.joined(separator: "\n") : given.values[field.name] ?? ""
            let named = "name=\"\(field.name)\" id=\"\(id)-\(field.name)\""
            out += "<p><label>"
            switch field.kind {
            case .text, .date:
                let type = if case .date = field.kind { "date" } else { "text" }
                out += "\(field.label) <input type=\"\(type)\" \(named) maxlength=\"200\" value=\"\(h(value))\"/>"
            case .password:
                out += "\(field.label) <input type=\"password\" \(named) autocomplete=\"new-password\" "
                out += "maxlength=\"200\"/>"
            case .file:
                out += "\(field.label) <input type=\"file\" \(named)/>"
            case .lines:
                out += "\(field.label)<br/><textarea \(named) rows=\"3\" cols=\"30\">\(h(value))</textarea>"
            case .check:
                let checked = given.flags.contains(field.name) ? " checked=\"checked\"" : ""
                out += "<input type=\"checkbox\" \(named) value=\"true\"\(checked)/> \(field.label)"
            case .choice(let choices, let preset):
                out += "\(field.label) <select \(named)>"
                let chosen = refused == nil ? preset ?? "" : value
                for choice in choices {
                    let selected = choice.value == chosen ? " selected=\"selected\"" : ""
                    out += "<option value=\"\(h(choice.value))\"\(selected)>\(h(choice.label))</option>"
                }
                out += "</select>"
            }
            out += "</label>\(problem(field.name))</p>\n"
        }
        out += "<p><button type=\"submit\" id=\"\(id)-submit\">\(t("Registrera", "Record"))</button></p>\n</form>\n"
        return out
    }

    private func hidden(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(h(value))\"/>\n"
    }
}
