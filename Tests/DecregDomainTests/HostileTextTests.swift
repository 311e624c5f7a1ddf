import DecregDomain
import Foundation
import Testing

/// The hostile-text corpus: what a text may hold to steer a terminal, reorder what a reader sees, forge a row or
/// a spreadsheet formula, or pass for another key.
enum HostileText {
    static let clearScreen = "Allt stämmer\u{1B}[2J\u{1B}[HFAKE: all reconciled"
    static let hyperlink = "Se \u{1B}]8;;https://evil.example/\u{7}bilagan\u{1B}]8;;\u{7}"
    static let bell = "Pling\u{7}"
    static let forgedRow = "Titel\r\nFAKE-1  2024-01-01  adopted"
    static let rightToLeft = "Belopp \u{202E}0001 kr"
    static let nul = "a\u{0}b"
    static let c1 = "a\u{9B}31mb"
    static let lineSeparator = "a\u{2028}b"
    /// Each of them, as `TextRules.visible` shows it.
    static let shown: [(String, String)] = [
        (clearScreen, "Allt stämmer\\u{1B}[2J\\u{1B}[HFAKE: all reconciled"),
        (hyperlink, "Se \\u{1B}]8;;https://evil.example/\\u{7}bilagan\\u{1B}]8;;\\u{7}"),
        (bell, "Pling\\u{7}"),
        (forgedRow, "Titel\\r\\nFAKE-1  2024-01-01  adopted"),
        (rightToLeft, "Belopp \\u{202E}0001 kr"),
        (nul, "a\\u{0}b"),
        (c1, "a\\u{9B}31mb"),
        (lineSeparator, "a\\u{2028}b"),
    ]
    /// Keys that look like others: a Cyrillic А, a zero-width joiner, Å decomposed, full-width letters.
    static let lookAlikes = ["HUDDING\u{415}", "\u{410}BC", "HUD\u{200D}DINGE", "A\u{30A}RSTA", "\u{FF28}\u{FF35}D"]
}

@Suite("Hostile text: the rules at the edge")
struct HostileTextRulesTests {
    @Test("Every control, line break and bidirectional control is refused in one line, and shown visibly")
    func refusedAndShown() throws {
        for (text, shown) in HostileText.shown {
            #expect(throws: Refusal.self) { try TextRules.singleLine(text, field: "--title") }
            #expect(TextRules.visible(text) == shown)
        }
        #expect(TextRules.visible("A\u{1B}[2J\nB\u{202E}\tC") == "A\\u{1B}[2J\\nB\\u{202E}\\tC")
        #expect(TextRules.visible("rad ett\nrad två\u{7}", keeping: "\n") == "rad ett\nrad två\\u{7}")
    }

    @Test("Look-alike keys are refused as codes and refs, the message showing what makes them no key")
    func lookAlikes() {
        for key in HostileText.lookAlikes {
            #expect(!Identifiers.isValidCode(key), "\(key)")
            #expect(!Identifiers.isValidRef(key), "\(key)")
        }
        #expect(Identifiers.codeRule("HUDDING\u{415}").en.hasPrefix("'HUDDING\\u{415}' is not a code"))
        #expect(Identifiers.refRule("\u{FF28}\u{FF35}D-1").en.hasPrefix("'\\u{FF28}\\u{FF35}D-1' is not a ref"))
        #expect(Identifiers.codeRule("Å\u{1B}").en.hasPrefix("'Å\\u{1B}' is not a code"))
    }

    @Test("The fast path takes exactly what the long way takes", arguments: [
        "Flemingsberg 2007", "Älvsjö, Åre och Ærø", "§ 98", "a\u{A0}b", "«citat»", "tab\there", "a\u{85}b",
        "a\u{9F}b", "a\u{7F}b", "ÿ\u{80}", "Ö\u{308}", "A\u{30A}rsta", "\u{1B}[2J", "\u{202E}x", "x\u{61C}",
        "rad\nrad", "rad\r\nrad", "\u{2066}x\u{2069}", "Łódź", "ǅ", "ɐ", "",
    ])
    func fastPath(text: String) {
        // The long way: composed, then every scalar looked at, as the rules did before the fast path.
        func longWay(_ text: String, lines: Bool) -> String? {
            let normalised = lines ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
            let composed = normalised.precomposedStringWithCanonicalMapping
            let bad = composed.unicodeScalars.contains {
                let control = $0.value < 0x20 || (0x7F...0x9F).contains($0.value)
                let allowed = lines && ($0 == "\n" || $0 == "\t")
                let lineBreak = [0x0A, 0x0D, 0x85, 0x2028, 0x2029].contains($0.value)
                let bidi = [0x061C, 0x200E, 0x200F].contains($0.value) || (0x202A...0x202E).contains($0.value)
                    || (0x2066...0x2069).contains($0.value)
                return (control && !allowed) || (!lines && lineBreak) || bidi
            }
            return bad ? nil : composed
        }
        #expect((try? TextRules.singleLine(text, field: nil)) == longWay(text, lines: false))
        #expect((try? TextRules.freeText(text, field: nil)) == longWay(text, lines: true))
    }

    @Test("A decision's texts are checked all at once: every problem named by its field, the rest composed")
    func decisionTexts() throws {
        var decision = Decision(
            ref: "D-1", title: HostileText.clearScreen, date: try LocalDate(parsing: "2024-01-15"),
            parties: ["SLL"], caseNumbers: [CaseNumber(party: "SLL", number: "LS\u{7}1")],
            summary: "Bakgrund\r\nA\u{30A}r två", clauses: ["att godkänna", HostileText.rightToLeft])
        decision.steps = [
            HandlingStep(body: "SLL-LS", date: try LocalDate(parsing: "2024-01-15"), outcome: .proposed,
                         note: "klart\u{1B}[2J")
        ]
        decision.signatories = [Signatory(name: "Anna \u{202E}nosslraK")]
        var refusals: [Refusal] = []
        let checked = decision.checkedTexts(field: { "decisions[0]." + $0 }, refusals: &refusals)
        #expect(refusals.map(\.field) == [
            "decisions[0].title", "decisions[0].clauses[1]", "decisions[0].case_numbers.SLL",
            "decisions[0].steps[0].note", "decisions[0].signatories[0].name",
        ])
        #expect(refusals[0].message.hasPrefix("the text holds the control character U+001B"))
        #expect(checked.summary == "Bakgrund\nÅr två")
        #expect(checked.clauses[0] == "att godkänna")
    }

    @Test("A party's and a body's name, a payment's reference are checked too")
    func catalogTexts() throws {
        var refusals: [Refusal] = []
        let party = Party(code: "SLL", name: "Region\u{1B}[31m Stockholm").checkedTexts(
            field: { "parties[0]." + $0 }, refusals: &refusals)
        _ = Body(code: "SLL-LS", name: "Styrelsen\nFAKE", parties: ["SLL"]).checkedTexts(
            field: { "--" + $0 }, refusals: &refusals)
        let payment = Payment(
            decision: "D-1", party: "SLL", year: 2024, date: try LocalDate(parsing: "2024-02-01"),
            amount: Money(minorUnits: 100, currency: .sek), reference: "A\u{30A}-1")
        let checked = payment.checkedTexts(field: { "payments[0]." + $0 }, refusals: &refusals)
        #expect(refusals.map(\.field) == ["parties[0].name", "--name"])
        #expect(party.name == "Region\u{1B}[31m Stockholm")
        #expect(checked.reference == "Å-1")
    }
}

@Suite("Hostile text: every rendering shows it harmlessly")
struct HostileTextRenderingTests {
    @Test("A table shows each cell's controls escaped, so columns stay aligned and no row is forged")
    func table() {
        var table = TextTable(headers: ["ref", "title"])
        table.append(["A-1", HostileText.forgedRow])
        table.append(["A-2", HostileText.rightToLeft])
        #expect(
            table.rendered() == """
                ref  title
                ───  ────────────────────────────────────
                A-1  Titel\\r\\nFAKE-1  2024-01-01  adopted
                A-2  Belopp \\u{202E}0001 kr

                """)
    }

    @Test("CSV shows controls but keeps line breaks (quoted); raw CSV writes the cell as it is")
    func csv() {
        #expect(CSV.line([HostileText.clearScreen, "=HYPERLINK(\"x\")", "rad\nrad"])
            == "Allt stämmer\\u{1B}[2J\\u{1B}[HFAKE: all reconciled,\"'=HYPERLINK(\"\"x\"\")\",\"rad\nrad\"\r\n")
        #expect(CSV.line(["=\u{1B}[2J"]) == "'=\\u{1B}[2J\r\n")
        #expect(CSV.line([HostileText.bell], raw: true) == "Pling\u{7}\r\n")
    }

    @Test("JSON for people escapes controls and bidirectional controls")
    func json() {
        #expect(JSONValue.string(HostileText.rightToLeft + HostileText.bell).rendered(pretty: false)
            == "\"Belopp \\u202e0001 krPling\\u0007\"")
    }

    @Test("HTML and Markdown show a bidirectional control as \\u{202E}, never obey it")
    func documents() {
        #expect(Escaping.html(HostileText.rightToLeft) == "Belopp \\u{202E}0001 kr")
        #expect(Escaping.html("<b>\u{2067}x\u{2069}</b>") == "&lt;b&gt;\\u{2067}x\\u{2069}&lt;/b&gt;")
        #expect(Escaping.markdown(HostileText.rightToLeft) == "Belopp \\\\u{202E}0001 kr")
        #expect(Escaping.markdownCode("A\u{202E}B") == "`A\\u{202E}B`")
    }

    @Test("The decision sheet shows planted texts escaped, one line each")
    func sheet() throws {
        var decision = Decision(
            ref: "D-1", title: HostileText.clearScreen, date: try LocalDate(parsing: "2024-01-15"),
            parties: ["SLL"], clauses: [HostileText.forgedRow])
        decision.signatories = [Signatory(name: HostileText.rightToLeft)]
        let sheet = DecisionSheet(decision: decision, status: .proposed, payments: [], language: .en).rendered()
        #expect(!sheet.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E || $0 == "\r" })
        #expect(sheet.contains("D-1  Allt stämmer\\u{1B}[2J\\u{1B}[HFAKE: all reconciled\n"))
        #expect(sheet.contains("  1. Titel\\r\\nFAKE-1  2024-01-01  adopted\n"))
        #expect(sheet.contains("  Belopp \\u{202E}0001 kr\n"))
    }
}
