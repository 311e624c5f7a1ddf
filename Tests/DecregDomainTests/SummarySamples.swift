import DecregDomain
import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Decisions read as the register would give them, for rendering tests.
enum SummarySamples {
    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }
    static func kronor(_ amount: Int64) -> Money { Money(minorUnits: amount * 100) }

    static let parties = [
        Party(code: "SLL", name: "Stockholms läns landsting", kind: .region),
        Party(code: "HUDDINGE", name: "Huddinge kommun", kind: .municipality),
        Party(code: "BOTKYRKA", name: "Botkyrka kommun", kind: .municipality),
    ]

    static let bodies = [
        Body(code: "FLEM-PS", name: "Politiska styrgruppen", kind: .jointCommittee,
             parties: ["SLL", "HUDDINGE", "BOTKYRKA"]),
        Body(code: "HUD-KF", name: "Kommunfullmäktige i Huddinge", kind: .assembly, parties: ["HUDDINGE"]),
    ]

    static func figures(_ party: String, _ year: Int, committed: Int64, adopted: Int64, paid: Int64) -> TotalsRow {
        TotalsRow(
            keys: [(.party, party), (.year, String(year))], committed: kronor(committed), adopted: kronor(adopted),
            paid: kronor(paid))
    }

    /// The seed decision after Huddinge's assembly adopted its share and paid a quarter of it.
    static func flemingsberg() -> DecisionSummary {
        let decision = Decision(
            ref: "FLEMINGSBERG-2007", title: "Utvecklingsprogram för Flemingsberg", date: date("2007-07-06"),
            parties: ["SLL", "HUDDINGE", "BOTKYRKA"],
            summary: "First paragraph,\nwrapped over two lines.\n\n- one\n- two\n  continued\n\nLast.\n",
            clauses: ["att godkänna förslaget", "att anslå 2,5 MKr för 2008"],
            funding: [
                .shares(
                    year: 2008, total: kronor(2_500_000),
                    [("SLL", kronor(1_000_000)), ("HUDDINGE", kronor(1_000_000)), ("BOTKYRKA", kronor(500_000))])
            ],
            steps: [
                HandlingStep(body: "FLEM-PS", date: date("2007-06-27"), outcome: .approved),
                HandlingStep(
                    body: "HUD-KF", date: date("2007-09-17"), outcome: .adopted, minutes: "§ 87",
                    amounts: [YearAmount(year: 2008, amount: kronor(1_000_000))]),
            ])
        let findings = [
            Finding(decision: decision.ref, year: 2008, party: "SLL", kind: .notAdopted, amount: kronor(1_000_000)),
            Finding(decision: decision.ref, year: 2008, party: "BOTKYRKA", kind: .notAdopted, amount: kronor(500_000)),
            Finding(decision: decision.ref, year: 2008, party: "SLL", kind: .outstanding, amount: kronor(1_000_000)),
            Finding(decision: decision.ref, year: 2008, party: "HUDDINGE", kind: .outstanding, amount: kronor(750_000)),
            Finding(decision: decision.ref, year: 2008, party: "BOTKYRKA", kind: .outstanding, amount: kronor(500_000)),
        ]
        return DecisionSummary(
            decision: decision, status: .partlyAdopted,
            figures: [
                figures("SLL", 2008, committed: 1_000_000, adopted: 0, paid: 0),
                figures("HUDDINGE", 2008, committed: 1_000_000, adopted: 1_000_000, paid: 250_000),
                figures("BOTKYRKA", 2008, committed: 500_000, adopted: 0, paid: 0),
            ],
            findings: findings, parties: parties, bodies: bodies, auditHead: AuditStamp(seq: 7, hash: "ab12"))
    }

    /// A decision whose every text is an attack on the page it is printed on.
    static func hostile() -> DecisionSummary {
        let title = #"<script>alert("x")</script> & 'quotes'"#
        let decision = Decision(
            ref: "EVIL-1", title: title, date: date("2024-01-01"), parties: ["EVIL"],
            caseNumbers: [CaseNumber(party: "EVIL", number: "<b>KS</b>")],
            summary: "<iframe src=\"https://evil.example\"></iframe>\n\n- [x](javascript:alert(1))\n",
            clauses: ["<img src=x onerror=alert(1)>", "- not a nested list", "1. nor an ordered one"],
            funding: [.shares(year: 2024, total: kronor(100), [("EVIL", kronor(100))])],
            steps: [HandlingStep(body: "EVIL-KF", date: date("2024-02-01"), outcome: .adopted, note: title)],
            signatories: [Signatory(name: title, title: "</li><script>", party: "EVIL")],
            attachments: [
                Attachment(label: "<a href=x>", title: title, mediaType: "text/plain", size: 1, sha256: "00")
            ])
        return DecisionSummary(
            decision: decision, status: .adopted,
            figures: [figures("EVIL", 2024, committed: 100, adopted: 100, paid: 0)], findings: [],
            parties: [Party(code: "EVIL", name: "Evil | Party")],
            bodies: [Body(code: "EVIL-KF", name: "<style>body{display:none}</style>", parties: ["EVIL"])],
            auditHead: nil)
    }

    static let allowedElements: Set<String> = [
        "html", "head", "meta", "title", "style", "body", "article", "header", "p", "h1", "h2", "h3", "dl", "dt",
        "dd", "section", "ol", "ul", "li", "table", "thead", "tbody", "tfoot", "tr", "th", "td", "strong", "code",
        "span", "footer", "br",
    ]

    /// The element and attribute names of a page, or nil when it is not well-formed: the renderer writes
    /// polyglot markup, so an XML parser proves every tag closed and every text escaped.
    static func markup(_ page: String) -> (elements: Set<String>, attributes: Set<String>)? {
        let collector = MarkupCollector()
        let parser = XMLParser(data: Data(page.replacingOccurrences(of: "<!DOCTYPE html>\n", with: "").utf8))
        parser.delegate = collector
        guard parser.parse() else { return nil }
        return (collector.elements, collector.attributes)
    }

    private final class MarkupCollector: NSObject, XMLParserDelegate {
        var elements: Set<String> = []
        var attributes: Set<String> = []

        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            elements.insert(name)
            self.attributes.formUnion(attributes.keys)
        }
    }
}
