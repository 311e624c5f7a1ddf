import DecregDomain
import DecregStore
import Foundation
import HTTPTypes

/// The server-rendered pages: plain HTML and CSS, no scripts, every user-given or stored text escaped through
/// `Escaping.html`. Pages share the head, stylesheet and Content-Security-Policy of `decreg summary`'s HTML, so
/// the site and a printed summary look alike; the decision page *is* the summary.
struct Pages {
    let register: Register
    let reads: CachedReads
    let audit: AuditStatus
    static let pageSize = 50

    // MARK: The list

    func list(_ query: QueryParameters, language: Language) throws -> String {
        let filter = try query.decisionFilter()
        let page = try query.integer("page", in: 1...1_000_000) ?? 1
        let found: DecisionPage
        do {
            found = try reads.decisions(filter, offset: (page - 1) * Self.pageSize, limit: Self.pageSize)
        } catch let error as RegisterError {
            throw WebError.from(error, parameter: error.isUnknown ? "party" : "q")
        }
        let parties = try register.parties()
        let w = { (key: Vocabulary.Word) in Vocabulary.word(key, language) }
        var body = "<form method=\"get\" action=\"/\" class=\"filters\">\n"
        body += "<label>\(h(w(.search))) <input type=\"search\" name=\"q\" maxlength=\"\(QueryParameters.maximumSearchLength)\" value=\"\(h(filter.search ?? ""))\"/></label>\n"
        body += "<label>\(h(w(.party))) <select name=\"party\"><option value=\"\">\(h(w(.any)))</option>"
        for party in parties {
            let selected = party.code == filter.party ? " selected=\"selected\"" : ""
            body += "<option value=\"\(h(party.code))\"\(selected)>\(h(party.code))</option>"
        }
        body += "</select></label>\n"
        body += "<label>\(h(w(.year))) <input type=\"text\" name=\"year\" inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"\(filter.year.map(String.init) ?? "")\"/></label>\n"
        body += "<label>\(h(w(.status))) <select name=\"status\"><option value=\"\">\(h(w(.any)))</option>"
        for status in DecisionStatus.allCases {
            let selected = status == filter.status ? " selected=\"selected\"" : ""
            body += "<option value=\"\(status.rawValue)\"\(selected)>\(h(Vocabulary.status(status, language)))</option>"
        }
        body += "</select></label>\n"
        body += "<input type=\"hidden\" name=\"lang\" value=\"\(language.rawValue)\"/>\n"
        body += "<button type=\"submit\">\(h(w(.show)))</button>\n</form>\n"

        let pages = max(1, (found.total + Self.pageSize - 1) / Self.pageSize)
        let shown = found.items
        body += "<p class=\"count\">\(h(Vocabulary.count(found.total, .decision, language)))"
        if pages > 1 { body += " · \(h(w(.page))) \(page) \(h(w(.of))) \(pages)" }
        body += "</p>\n"
        if shown.isEmpty {
            body += "<p>\(h(w(.noneFound)))</p>\n"
        } else {
            body += "<table class=\"decisions\">\n<thead><tr><th>\(h(w(.reference)))</th><th>\(h(w(.date)))</th>"
            body += "<th>\(h(w(.status)))</th><th>\(h(w(.parties)))</th><th>\(h(w(.title)))</th></tr></thead>\n<tbody>\n"
            for item in shown {
                let status = Vocabulary.status(item.status, withdrawn: item.withdrawn != nil, language)
                let parties = item.parties.map { "<a href=\"\(Links.party($0, language))\">\(h($0))</a>" }
                body += "<tr><td class=\"nowrap\"><a href=\"\(Links.decision(item.ref, language))\">\(h(item.ref))</a></td>"
                body += "<td class=\"num\">\(item.date)</td><td>\(h(status))</td>"
                body += "<td>\(parties.joined(separator: ", "))</td><td>\(h(item.title))</td></tr>\n"
            }
            body += "</tbody>\n</table>\n"
        }
        if pages > 1 {
            var pager: [String] = []
            var parameters: [(String, String)] = [("lang", language.rawValue)]
            if let q = filter.search { parameters.append(("q", q)) }
            if let party = filter.party { parameters.append(("party", party)) }
            if let year = filter.year { parameters.append(("year", String(year))) }
            if let status = filter.status { parameters.append(("status", status.rawValue)) }
            if page > 1 {
                pager.append("<a rel=\"prev\" href=\"/?\(Links.query(parameters + [("page", String(page - 1))]))\">\(h(w(.previous)))</a>")
            }
            if page < pages {
                pager.append("<a rel=\"next\" href=\"/?\(Links.query(parameters + [("page", String(page + 1))]))\">\(h(w(.next)))</a>")
            }
            body += "<nav class=\"pager\">\(pager.joined(separator: " · "))</nav>\n"
        }
        return Shell.page(title: w(.decisions), kicker: "decreg", language: language, path: "/", query: query, body: body)
    }

    // MARK: One decision

    func decision(_ ref: String, language: Language) throws -> String {
        let summary: DecisionSummary
        do { summary = try register.summary(of: ref) } catch let error as RegisterError { throw WebError.from(error) }
        var html = HTMLRenderer.render(summary.document(language))
        let attachments = summary.decision.attachments
        if !attachments.isEmpty {
            let w = { (key: Vocabulary.Word) in Vocabulary.word(key, language) }
            var section = "<section class=\"downloads\">\n<h2>\(h(w(.downloads)))</h2>\n<table>\n<thead><tr>"
            section += "<th>\(h(w(.download)))</th><th>\(h(w(.title)))</th><th class=\"num\">\(h(w(.size)))</th>"
            section += "<th>\(h(w(.mediaType)))</th><th>SHA-256</th></tr></thead>\n<tbody>\n"
            for attachment in attachments {
                section += "<tr><td><a href=\"\(Links.attachment(attachment.label, of: ref))\">\(h(attachment.label))</a></td>"
                section += "<td>\(h(attachment.title ?? ""))</td><td class=\"num\">\(attachment.size)</td>"
                section += "<td>\(h(attachment.mediaType))</td><td><code class=\"sha256\">\(h(attachment.sha256))</code></td></tr>\n"
            }
            section += "</tbody>\n</table>\n</section>\n"
            html = html.replacingOccurrences(of: "</article>\n</body>", with: section + "</article>\n</body>")
        }
        if summary.proof != nil {
            // The proof the page shows, as the file `decreg log verify-proof` reads.
            let link = "<p class=\"proof-download\"><a href=\"\(Links.proof(of: ref))\" download=\"\(h(ref)).tlog-proof\">"
                + "\(h(ref)).tlog-proof</a></p>\n"
            html = html.replacingOccurrences(of: "<pre class=\"proof\">", with: link + "<pre class=\"proof\">")
        }
        return html.replacingOccurrences(
            of: "<body>\n", with: "<body>\n" + Shell.navigation(language: language, path: Links.decision(ref, nil)))
    }

    // MARK: One party

    func party(_ code: String, language: Language) throws -> String {
        guard let party = try register.parties().first(where: { $0.code == code }) else {
            throw WebError.notFound(sv: "ingen part '\(code)' i registret", en: "no party '\(code)' in the register")
        }
        let w = { (key: Vocabulary.Word) in Vocabulary.word(key, language) }
        let rows = try reads.totals(by: [.year], filter: FundingFilter(party: code))
        let decisions = try reads.decisions(DecisionFilter(party: code))
        var body = "<dl class=\"fields\">\n<dt>\(h(w(.kind)))</dt><dd>\(h(Vocabulary.kind(party.kind, language)))</dd>\n"
        if let number = party.organisationNumber {
            body += "<dt>\(h(w(.orgNumber)))</dt><dd>\(h(number.description))</dd>\n"
        }
        body += "</dl>\n<section>\n<h2>\(h(w(.perYear)))</h2>\n"
        if rows.isEmpty {
            body += "<p>–</p>\n"
        } else {
            body += "<table class=\"figures\">\n<thead><tr><th class=\"num\">\(h(w(.year)))</th>"
            body += "<th class=\"num\">\(h(w(.committed)))</th><th class=\"num\">\(h(w(.adopted)))</th>"
            body += "<th class=\"num\">\(h(w(.paid)))</th></tr></thead>\n<tbody>\n"
            func cells(_ row: TotalsRow) -> String {
                [row.committed, row.adopted, row.paid].map {
                    "<td class=\"num\"><span class=\"nowrap\">\(h($0.formatted(language)))</span></td>"
                }.joined()
            }
            for row in rows {
                body += "<tr><td class=\"num\">\(h(row.keys.first?.1 ?? "–"))</td>\(cells(row))</tr>\n"
            }
            body += "</tbody>\n<tfoot>\n"
            for row in TotalsRow.grandTotals(rows) {
                body += "<tr><td><strong>\(h(w(.total)))</strong></td>\(cells(row))</tr>\n"
            }
            body += "</tfoot>\n</table>\n"
        }
        body += "</section>\n<section>\n<h2>\(h(w(.decisions)))</h2>\n<ul>\n"
        for item in decisions {
            let status = Vocabulary.status(item.status, withdrawn: item.withdrawn != nil, language)
            body += "<li><a href=\"\(Links.decision(item.ref, language))\">\(h(item.ref))</a> \(item.date) · "
            body += "\(h(status)) · \(h(item.title))</li>\n"
        }
        body += "</ul>\n</section>\n"
        return Shell.page(
            title: party.name, kicker: "\(w(.party)) · \(party.code)", language: language,
            path: Links.party(code, nil), query: nil, body: body)
    }

    // MARK: The audit trail

    func auditPage(language: Language) throws -> String {
        let w = { (key: Vocabulary.Word) in Vocabulary.word(key, language) }
        var body = ""
        guard let head = try register.auditHead() else {
            body += "<p>\(h(w(.emptyRegister)))</p>\n"
            return Shell.page(title: w(.audit), kicker: "decreg", language: language, path: "/audit", query: nil, body: body)
        }
        let report = try audit.report(register)
        body += "<dl class=\"fields\">\n<dt>\(h(w(.auditHead)))</dt><dd><code class=\"head\">\(head.seq) \(h(head.hash))</code></dd>\n"
        body += "<dt>\(h(w(.entries)))</dt><dd>\(report.entries)</dd>\n</dl>\n"
        if report.intact {
            body += "<p class=\"verified\">✓ \(h(w(.trailIntact)))</p>\n"
        } else {
            body += "<p class=\"notice\">✗ \(h(w(.trailBroken)))</p>\n<h2>\(h(w(.problems)))</h2>\n<ul>\n"
            for problem in report.problems.prefix(100) { body += "<li>\(h(problem.description(language)))</li>\n" }
            body += "</ul>\n"
        }
        body += "<p><code>decreg audit verify --head \(head.seq):\(h(head.hash))</code></p>\n"
        return Shell.page(title: w(.audit), kicker: "decreg", language: language, path: "/audit", query: nil, body: body)
    }

    // MARK: Errors

    static func error(_ error: WebError, language: Language) -> String {
        let heading: Vocabulary.Word =
            switch error.status.code {
            case 404: .notFound
            case 400, 405, 414: .badRequest
            default: .error
            }
        let body = "<p class=\"notice\">\(h(error.text(language)))</p>\n<p><a href=\"/?lang=\(language.rawValue)\">\(h(Vocabulary.word(.back, language)))</a></p>\n"
        return Shell.page(
            title: "\(error.status.code) \(Vocabulary.word(heading, language))", kicker: "decreg", language: language,
            path: nil, query: nil, body: body)
    }
}

/// Escapes text for HTML.
func h(_ text: String) -> String { Escaping.html(text) }

/// The frame around every page but the decision page (which is the summary's own page with the navigation put in).
enum Shell {
    static func page(
        title: String, kicker: String, language: Language, path: String?, query: QueryParameters?, body: String,
        clerk: String? = nil
    ) -> String {
        // The summary's head: charset, viewport, Content-Security-Policy (no scripts), its stylesheet.
        let summaryPage = HTMLRenderer.render(Document(language: language, kicker: kicker, title: title))
        let head = summaryPage.range(of: "</head>").map { String(summaryPage[..<$0.upperBound]) } ?? ""
        return head + "\n<body>\n" + navigation(language: language, path: path, clerk: clerk)
            + "<article>\n<header>\n<p class=\"kicker\">\(h(kicker))</p>\n<h1>\(h(title))</h1>\n</header>\n"
            + body + "</article>\n</body>\n</html>\n"
    }

    /// Links to the list, the audit page, the API and signing in, and to this page in the other language.
    /// `clerk`: the account signed in, on a clerk's own pages (the public pages, cached for all, never name one).
    static func navigation(language: Language, path: String?, clerk: String? = nil) -> String {
        let other: Language = language == .sv ? .en : .sv
        var links = [
            "<a href=\"/?lang=\(language.rawValue)\">\(h(Vocabulary.word(.decisions, language)))</a>",
            "<a href=\"/audit?lang=\(language.rawValue)\">\(h(Vocabulary.word(.audit, language)))</a>",
            "<a href=\"/api/v1/decisions\">\(h(Vocabulary.word(.api, language)))</a>",
            // Clerks sign in to record their parties' part; the link is the same for everyone, so pages stay cacheable.
            clerk.map { "<a href=\"/clerk?lang=\(language.rawValue)\" id=\"clerk-link\">\(h($0))</a>" }
                ?? "<a href=\"/sign-in?lang=\(language.rawValue)\" id=\"sign-in-link\">"
                + "\(h(Phrase(sv: "Logga in", en: "Sign in").text(language)))</a>",
        ]
        if let path {
            links.append("<a href=\"\(path)?lang=\(other.rawValue)\" hreflang=\"\(other.rawValue)\">\(h(Vocabulary.word(.otherLanguage, language)))</a>")
        }
        return "<nav class=\"site\" style=\"max-width: 48rem; margin: 1rem auto 0; padding: 0 1.25rem;\">"
            + links.joined(separator: " · ") + "</nav>\n"
    }
}

/// Addresses of pages, with every path segment and query value percent-encoded.
enum Links {
    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }

    static func query(_ parameters: [(String, String)]) -> String {
        parameters.map { "\(segment($0.0))=\(segment($0.1))" }.joined(separator: "&amp;")
    }

    static func decision(_ ref: String, _ language: Language?) -> String {
        "/decisions/\(segment(ref))" + (language.map { "?lang=\($0.rawValue)" } ?? "")
    }

    static func party(_ code: String, _ language: Language?) -> String {
        "/parties/\(segment(code))" + (language.map { "?lang=\($0.rawValue)" } ?? "")
    }

    static func proof(of ref: String) -> String { "/decisions/\(segment(ref))/proof" }

    static func attachment(_ label: String, of ref: String, inline: Bool = false) -> String {
        "/decisions/\(segment(ref))/attachments/\(segment(label))" + (inline ? "/inline" : "")
    }
}
