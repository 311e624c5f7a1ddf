import Foundation
import Testing

/// The hostile-text corpus run through the real binary: every way in refuses it, naming the character; text
/// planted behind decreg's back (or recorded by an older version) comes out of every output escaped.
@Suite("Hostile text in, safe text out")
struct HostileTextTests {
    /// A hostile text and the character the rules name first in it.
    struct Hostile: CustomStringConvertible, Sendable {
        let text: String
        let character: String
        var description: String { character }
    }

    static let corpus = [
        Hostile(text: "Allt stämmer\u{1B}[2J\u{1B}[HFAKE: all reconciled", character: "the control character U+001B"),
        Hostile(text: "Se \u{1B}]8;;https://evil.example/\u{7}bilagan\u{1B}]8;;\u{7}",
                character: "the control character U+001B"),
        Hostile(text: "Pling\u{7}", character: "the control character U+0007"),
        Hostile(text: "Titel\r\nFAKE-1  2024-01-01  adopted", character: "a line break (U+000D)"),
        Hostile(text: "Belopp \u{202E}0001 kr", character: "a bidirectional control U+202E"),
    ]

    static func oneLine(_ option: String, _ hostile: Hostile) -> String {
        "\(option): the text holds \(hostile.character), which is not allowed in one line: retype it without that "
            + "character"
    }

    /// Whether a terminal would obey something in `text`: a control other than a line feed (and the carriage
    /// return of a CSV line end), or a bidirectional control.
    static func steers(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        return scalars.indices.contains { index in
            let value = scalars[index].value
            if value == 0x0A { return false }
            if value == 0x0D { return index + 1 == scalars.count || scalars[index + 1] != "\n" }
            return value < 0x20 || (0x7F...0x9F).contains(value) || value == 0x061C || value == 0x200E
                || value == 0x200F || (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value)
                || value == 0x2028 || value == 0x2029
        }
    }

    static func imported() throws -> Decreg {
        let decreg = try Decreg()
        let result = try decreg.run(["import"] + decreg.allFixtures)
        #expect(result.status == 0, "\(result.stderr)")
        return decreg
    }

    // MARK: Every way in

    @Test("The command line's adds refuse a hostile text, naming the option and the character", arguments: corpus)
    func commandLineAdds(_ hostile: Hostile) throws {
        let decreg = try Self.imported()
        defer { decreg.remove() }
        let decision = ["decision", "add", "NY-1", "--date", "2024-01-15", "--party", "HUDDINGE"]
        let cases: [([String], String)] = [
            (["party", "add", "NACKA", "--name", hostile.text], "--name"),
            (["body", "add", "HUD-SN", "--name", hostile.text, "--party", "HUDDINGE"], "--name"),
            (decision + ["--title", hostile.text], "--title"),
            (decision + ["--title", "Rubrik", "--clause", "att godkänna", "--clause", hostile.text], "--clause"),
            (decision + ["--title", "Rubrik", "--case-number", "HUDDINGE=KS " + hostile.text], "--case-number"),
            (["party", "add", "NACKA", "--name", "Nacka kommun", "--actor", hostile.text], "--actor"),
        ]
        for (arguments, option) in cases {
            try RecordByHandTests.expectRefused(decreg, arguments, Self.oneLine(option, hostile))
        }
    }

    @Test("Corrections and the other changes refuse a hostile text too", arguments: corpus)
    func corrections(_ hostile: Hostile) throws {
        let decreg = try Self.imported()
        defer { decreg.remove() }
        let cases: [([String], String)] = [
            (["party", "correct", "HUDDINGE", "--name", hostile.text, "--reason", "Nytt namn"], "--name"),
            (["body", "correct", "HUD-KF", "--name", hostile.text, "--reason", "Nytt namn"], "--name"),
            (["decision", "correct", "FLEMINGSBERG-2007", "--title", hostile.text, "--reason", "Ny rubrik"], "--title"),
            (["decision", "correct", "FLEMINGSBERG-2007", "--title", "Ny rubrik", "--reason", hostile.text],
             "--reason"),
            (["step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-01", "--outcome", "adopted",
              "--minutes", hostile.text], "--minutes"),
            (["signatory", "add", "FLEMINGSBERG-2007", "--name", hostile.text], "--name"),
            (["payment", "add", "FLEMINGSBERG-2007", "--party", "SLL", "--year", "2008", "--date", "2008-02-01",
              "--amount", "1 tkr", "--reference", hostile.text], "--reference"),
        ]
        for (arguments, option) in cases {
            try RecordByHandTests.expectRefused(decreg, arguments, Self.oneLine(option, hostile))
        }
    }

    @Test("A summary keeps its lines but refuses a terminal escape")
    func summaryText() throws {
        let decreg = try Self.imported()
        defer { decreg.remove() }
        try RecordByHandTests.expectRefused(
            decreg,
            ["decision", "add", "NY-1", "--date", "2024-01-15", "--party", "HUDDINGE", "--title", "Rubrik",
             "--summary", "Bakgrund\n\u{1B}[2J"],
            "--summary: the text holds the control character U+001B, which is not allowed: retype it without that "
                + "character")
    }

    @Test("Look-alike codes and refs are refused on the command line")
    func lookAlikes() throws {
        let decreg = try Self.imported()
        defer { decreg.remove() }
        for code in ["HUDDING\u{415}", "HUD\u{200D}DINGE", "A\u{30A}RSTA", "\u{FF28}UDDINGE"] {
            let result = try decreg.run("party", "add", code, "--name", "Huddinge kommun")
            #expect(result.status == 2)
            #expect(result.stderr.contains("is not a code"), "\(result.stderr)")
            let ref = try decreg.run(
                "decision", "add", "NY-" + code, "--title", "Rubrik", "--date", "2024-01-15", "--party", "HUDDINGE")
            #expect(ref.status == 2)
            #expect(ref.stderr.contains("is not a ref"), "\(ref.stderr)")
        }
        // What makes a key no key is shown: a zero-width joiner, a Cyrillic letter, a combining ring.
        #expect(try decreg.run("party", "add", "HUD\u{200D}DINGE", "--name", "x").stderr.hasPrefix(
            "decreg: code: 'HUD\\u{200D}DINGE' is not a code"))
        #expect(try decreg.run("party", "add", "HUDDING\u{415}", "--name", "x").stderr.hasPrefix(
            "decreg: code: 'HUDDING\\u{415}' is not a code"))
        #expect(try decreg.run("party", "add", "A\u{30A}RSTA", "--name", "x").stderr.hasPrefix(
            "decreg: code: 'A\\u{30A}RSTA' is not a code"))
    }

    @Test("Texts typed decomposed are stored composed (NFC)")
    func composed() throws {
        let decreg = try Self.imported()
        defer { decreg.remove() }
        #expect(try decreg.run("party", "add", "ARSTA", "--name", "A\u{30A}rsta kommun").status == 0)
        #expect(try decreg.run(
            "decision", "add", "NY-1", "--title", "A\u{30A}rsta och O\u{308}rby", "--date", "2024-01-15",
            "--party", "ARSTA", "--clause", "att go\u{308}ra det").status == 0)
        let parties = try decreg.run("party", "list", "--format", "json").stdout
        #expect(parties.contains("\"name\": \"\u{C5}rsta kommun\""))
        #expect(!parties.unicodeScalars.contains("\u{30A}"))
        let shown = try decreg.run("decision", "show", "NY-1", "--format", "json").stdout
        #expect(shown.contains("\"title\": \"\u{C5}rsta och \u{D6}rby\""))
        #expect(shown.contains("\"att g\u{F6}ra det\""))
    }

    /// An import file with a hostile text in each kind of field, in YAML and in JSON: every problem is reported,
    /// each with its file, line and field.
    @Test("An import refuses hostile texts in every field, naming each with its line", arguments: ["yaml", "json"])
    func importFile(_ format: String) throws {
        let decreg = try Self.imported()
        defer { decreg.remove() }
        let yaml = """
            parties:
              - {code: NACKA, name: "Nacka\\e[2J kommun", kind: municipality}
            bodies:
              - {code: BOT-SN, name: "Socialnämnden\\u202E", parties: [BOTKYRKA]}
            decisions:
              - ref: NY-1
                title: "Rubrik\\e]8;;https://evil.example/\\abilaga\\e]8;;\\a"
                date: 2024-01-15
                parties: [HUDDINGE, BOTKYRKA]
                case_numbers: {HUDDINGE: "KS\\a1"}
                summary: "Bakgrund\\r\\nA\\u030Ar två"
                clauses:
                  - att godkänna
                  - "att anslå\\r\\nFAKE"
                funding:
                  - {year: 2024, total: 100 tkr, shares: {HUDDINGE: 50 tkr, BOTKYRKA: 50 tkr}}
                steps:
                  - {body: HUD-KF, date: 2024-01-20, outcome: adopted, note: "klart\\e[2J"}
                signatories:
                  - {name: "Anna \\u202EnosslraK"}
            payments:
              - {decision: FLEMINGSBERG-2007, party: SLL, year: 2008, date: 2008-02-01, amount: 1 tkr,
                 reference: "F\\x9B1"}

            """
        let json = """
            {"parties": [{"code": "NACKA", "name": "Nacka\\u001b[2J kommun", "kind": "municipality"}],
             "bodies": [{"code": "BOT-SN", "name": "Socialnämnden\\u202e", "parties": ["BOTKYRKA"]}],
             "decisions": [{
               "ref": "NY-1",
               "title": "Rubrik\\u001b]8;;https://evil.example/\\u0007bilaga\\u001b]8;;\\u0007",
               "date": "2024-01-15",
               "parties": ["HUDDINGE", "BOTKYRKA"],
               "case_numbers": {"HUDDINGE": "KS\\u00071"},
               "summary": "Bakgrund\\r\\nA\\u030Ar två",
               "clauses": ["att godkänna",
                 "att anslå\\r\\nFAKE"],
               "funding": [{"year": 2024, "total": "100 tkr", "shares": {"HUDDINGE": "50 tkr", "BOTKYRKA": "50 tkr"}}],
               "steps": [{"body": "HUD-KF", "date": "2024-01-20", "outcome": "adopted", "note": "klart\\u001b[2J"}],
               "signatories": [{"name": "Anna \\u202enosslraK"}]}],
             "payments": [{"decision": "FLEMINGSBERG-2007", "party": "SLL", "year": 2008, "date": "2008-02-01",
               "amount": "1 tkr",
               "reference": "F\\u009b1"}]}

            """
        let path = try decreg.write("hostile.\(format)", format == "yaml" ? yaml : json)
        let before = try decreg.export()
        let result = try decreg.run("import", path)
        #expect(result.status == 2)
        #expect(result.stdout == "")
        let lines = format == "yaml" ? [2, 4, 7, 10, 14, 18, 20, 23] : [1, 2, 5, 8, 11, 13, 14, 17]
        let holds = [
            "parties[0].name: the text holds the control character U+001B, which is not allowed in one line",
            "bodies[0].name: the text holds a bidirectional control U+202E, which is not allowed in one line",
            "decisions[0].title: the text holds the control character U+001B, which is not allowed in one line",
            "decisions[0].case_numbers.HUDDINGE: the text holds the control character U+0007, which is not allowed in "
                + "one line",
            "decisions[0].clauses[1]: the text holds a line break (U+000D), which is not allowed in one line",
            "decisions[0].steps[0].note: the text holds the control character U+001B, which is not allowed",
            "decisions[0].signatories[0].name: the text holds a bidirectional control U+202E, which is not allowed in "
                + "one line",
            "payments[0].reference: the text holds the control character U+009B, which is not allowed in one line",
        ]
        let expected = zip(lines, holds).map { "decreg: \(path):\($0): \($1): retype it without that character\n" }
        #expect(result.stderr == expected.joined(), "\(result.stderr)")
        #expect(try decreg.export() == before)
    }

    @Test("An import refuses look-alike codes and refs", arguments: ["yaml", "json"])
    func importLookAlikes(_ format: String) throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        let yaml = """
            parties:
              - {code: "HUDDING\\u0415", name: Huddinge kommun}
            decisions:
              - {ref: "NY\\u200D1", title: Rubrik, date: 2024-01-15, parties: [HUDDINGE]}

            """
        let json = """
            {"parties": [{"code": "HUDDING\\u0415", "name": "Huddinge kommun"}],
             "decisions": [{"ref": "NY\\u200d1", "title": "Rubrik", "date": "2024-01-15", "parties": ["HUDDINGE"]}]}

            """
        let path = try decreg.write("lookalike.\(format)", format == "yaml" ? yaml : json)
        let result = try decreg.run("import", path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("parties[0].code: 'HUDDING\\u{415}' is not a code"), "\(result.stderr)")
        #expect(result.stderr.contains("decisions[0].ref: 'NY\\u{200D}1' is not a ref"), "\(result.stderr)")
    }

    // MARK: Every way out

    /// Plants hostile texts with the sqlite3 shell, as a register written by an older version (or by hand) holds
    /// them, and records a correction on top, so the trail's history quotes one.
    static func planted() throws -> Decreg {
        let decreg = try Self.imported()
        let escape = "'Allt ok' || char(27) || '[2J' || char(27) || '[HFAKE: reconciled'"
        let override = "'Belopp ' || char(8238) || '0001 kr'"
        try AuditTests.tamper(decreg, """
            UPDATE decision SET title = \(escape) WHERE ref = 'FLEMINGSBERG-2007';
            UPDATE clause SET text = 'att' || char(13) || char(10) || 'FAKE-1  2024-01-01' WHERE position = 0
              AND decision_id = (SELECT id FROM decision WHERE ref = 'FLEMINGSBERG-2007');
            UPDATE signatory SET name = \(override) WHERE position = 0
              AND decision_id = (SELECT id FROM decision WHERE ref = 'FLEMINGSBERG-2007');
            UPDATE party SET name = 'Region' || char(7) || char(127) || ' Stockholm' WHERE code = 'SLL';
            UPDATE party SET code = 'BOT' || char(27) || '[31m' WHERE code = 'BOTKYRKA';
            UPDATE body SET name = \(override) WHERE code = 'HUD-KF';
            UPDATE payment SET reference = \(escape) WHERE id = 1;
            UPDATE step SET note = 'klart' || char(155) || '2J' WHERE position = 0
              AND decision_id = (SELECT id FROM decision WHERE ref = 'FLEMINGSBERG-2007');
            UPDATE attachment SET label = 'Bilaga 1' || char(27) || '[2J' WHERE position = 0
              AND decision_id = (SELECT id FROM decision WHERE ref = 'FLEMINGSBERG-2007');
            UPDATE decision SET title = \(override) WHERE ref = 'FLEMINGSBERG-2009';
            """)
        // The correction's entry records the planted title as the one it replaced.
        let corrected = try decreg.run(
            "decision", "correct", "FLEMINGSBERG-2009", "--title", "Genomförande 2009", "--reason", "Återställd")
        #expect(corrected.status == 0, "\(corrected.stderr)")
        return decreg
    }

    @Test("Planted texts come out of every terminal output escaped", .sqliteFile, arguments: [
        ["decision", "list"], ["decision", "list", "--format", "csv"], ["decision", "list", "--format", "json"],
        ["decision", "show", "FLEMINGSBERG-2007"], ["decision", "show", "FLEMINGSBERG-2007", "--format", "json"],
        ["decision", "show", "FLEMINGSBERG-2009", "--history"], ["audit", "log"], ["audit", "log", "--format", "csv"],
        ["audit", "verify"], ["check"], ["party", "list"], ["party", "list", "--format", "csv"], ["body", "list"],
        ["step", "list", "FLEMINGSBERG-2007"], ["payment", "list"], ["payment", "list", "--format", "csv"],
        ["totals", "--by", "party"], ["totals", "--by", "party", "--format", "csv"], ["reconcile"],
        ["summary", "FLEMINGSBERG-2007"], ["summary", "FLEMINGSBERG-2007", "--format", "html"],
        ["report", "--year", "2008"], ["report", "--year", "2008", "--format", "html"],
        ["attach", "withdraw", "FLEMINGSBERG-2007", "Bilaga 9", "--reason", "Fel"],
    ])
    func plantedOut(_ arguments: [String]) throws {
        let decreg = try Self.planted()
        defer { decreg.remove() }
        let result = try decreg.run(arguments)
        #expect(!result.stdout.isEmpty || !result.stderr.isEmpty)
        #expect(!Self.steers(result.stdout), "\(arguments): \(result.stdout.debugDescription)")
        #expect(!Self.steers(result.stderr), "\(arguments): \(result.stderr.debugDescription)")
    }

    @Test("How the planted texts read: escaped where they stand, the table's rows and columns whole", .sqliteFile)
    func plantedShown() throws {
        let decreg = try Self.planted()
        defer { decreg.remove() }
        let list = try decreg.run("decision", "list").stdout
        #expect(list.contains("  Allt ok\\u{1B}[2J\\u{1B}[HFAKE: reconciled\n"), "\(list)")
        let show = try decreg.run("decision", "show", "FLEMINGSBERG-2007").stdout
        #expect(show.hasPrefix("FLEMINGSBERG-2007  Allt ok\\u{1B}[2J\\u{1B}[HFAKE: reconciled\n"), "\(show)")
        #expect(show.contains("  1. att\\r\\nFAKE-1  2024-01-01\n"))
        #expect(show.contains("SLL, HUDDINGE, BOT\\u{1B}[31m\n"))
        #expect(show.contains("– klart\\u{9B}2J"))
        #expect(show.contains("  Belopp \\u{202E}0001 kr, Landstingsdirektör, SLL\n"))
        let history = try decreg.run("decision", "show", "FLEMINGSBERG-2009", "--history").stdout
        #expect(history.contains("title: Belopp \\u{202E}0001 kr → Genomförande 2009\n"), "\(history)")
        let verify = try decreg.run("audit", "verify")
        #expect(verify.status == 1)
        #expect(verify.stdout.contains("Belopp \\u202e0001 kr"), "\(verify.stdout)")
        #expect(verify.stdout.contains("BOT\\u{1B}[31m"), "\(verify.stdout)")
        let parties = try decreg.run("party", "list").stdout
        #expect(parties.contains("  Region\\u{7}\\u{7F} Stockholm  "), "\(parties)")
        let csv = try decreg.run("payment", "list", "--format", "csv").stdout
        #expect(csv.contains(",Allt ok\\u{1B}[2J\\u{1B}[HFAKE: reconciled"), "\(csv)")
        let totals = try decreg.run("totals", "--by", "party", "--format", "csv").stdout
        #expect(totals.contains("\r\nBOT\\u{1B}[31m,"), "\(totals)")
        let raw = try decreg.run("totals", "--by", "party", "--format", "csv", "--csv-raw").stdout
        #expect(raw.contains("\r\nBOT\u{1B}[31m,"), "--csv-raw writes the cell as it is")
        let markdown = try decreg.run("summary", "FLEMINGSBERG-2007").stdout
        #expect(markdown.contains("Belopp \\\\u{202E}0001 kr"), "\(markdown)")
        let html = try decreg.run("summary", "FLEMINGSBERG-2007", "--format", "html").stdout
        #expect(html.contains("Belopp \\u{202E}0001 kr"))
        let refused = try decreg.run("attach", "withdraw", "FLEMINGSBERG-2007", "Bilaga 9", "--reason", "Fel")
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("(it has: Bilaga 1\\u{1B}[2J, Bilaga 2"), "\(refused.stderr)")
    }
}
