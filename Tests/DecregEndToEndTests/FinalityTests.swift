import Foundation
import Testing

/// A step's days of justering and anslag, and when each party's adoption of a joint decision becomes final.
@Suite("When an adoption becomes final (laga kraft)")
struct FinalityTests {
    static func finality(_ decreg: Decreg) throws -> (parties: [[String: Any]], final: Any?) {
        let text = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--format", "json").stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (try #require(json["finality"] as? [[String: Any]]), json["final"])
    }

    @Test("Each party's status from not adopted to final, the joint decision final when the last party is")
    func partiesBecomeFinal() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        // Huddinge: adopted, checked, posted on Monday 17 September: three weeks is Monday 8 October.
        let huddinge = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-10", "--outcome", "adopted",
            "--justified", "2007-09-14", "--posted", "2007-09-17")
        #expect(huddinge.status == 0, "\(huddinge.stderr)")
        // Botkyrka: adopted, not yet posted.
        _ = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "BOT-KF", "--date", "2007-09-20", "--outcome", "adopted")
        var (parties, final) = try Self.finality(decreg)
        #expect(parties.map { $0["status"] as? String } == ["not-adopted", "final", "not-posted"])
        #expect(parties[1]["appeal_deadline"] as? String == "2007-10-08" && parties[1]["final"] as? String == "2007-10-09")
        #expect(parties[2]["adopted"] as? String == "2007-09-20" && parties[2]["posted"] is NSNull)
        #expect(final is NSNull)

        // A posting before the checking, and a checking before the meeting, are refused naming the option.
        let early = try decreg.run(
            "step", "correct", "FLEMINGSBERG-2007", "6", "--justified", "2007-09-25", "--posted", "2007-09-24",
            "--reason", "anslaget")
        #expect(early.status != 0 && early.stderr.hasPrefix("decreg: --posted: posting on 2007-09-24 is before the checking"))
        let before = try decreg.run(
            "step", "correct", "FLEMINGSBERG-2007", "6", "--justified", "2007-09-19", "--reason", "justerat")
        #expect(before.status != 0 && before.stderr.contains("--justified"))

        // Botkyrka posts on 21 December 2007: three weeks is Friday 11 January 2008 (no holiday between moves it).
        let posted = try decreg.run(
            "step", "correct", "FLEMINGSBERG-2007", "6", "--justified", "2007-12-20", "--posted", "2007-12-21",
            "--reason", "anslaget")
        #expect(posted.status == 0, "\(posted.stderr)")
        // The county council adopts, posted on 30 November 2007: the deadline falls on 21 December, a Friday.
        _ = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "SLL-LF", "--date", "2007-11-20", "--outcome", "adopted",
            "--justified", "2007-11-27", "--posted", "2007-11-30")
        (parties, final) = try Self.finality(decreg)
        #expect(parties.map { $0["status"] as? String } == ["final", "final", "final"])
        #expect(parties.map { $0["appeal_deadline"] as? String } == ["2007-12-21", "2007-10-08", "2008-01-11"])
        #expect(final as? String == "2008-01-12", "final when the last party's adoption is")

        // A payment before Huddinge's adoption became final (9 October) is an open item; one after is not.
        _ = try decreg.run(
            "payment", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--year", "2008", "--date", "2007-10-01",
            "--amount", "500 tkr", "--reference", "TIDIG")
        _ = try decreg.run(
            "payment", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--year", "2008", "--date", "2007-10-10",
            "--amount", "500 tkr", "--reference", "SEN")
        let reconciled = try decreg.run("reconcile", "FLEMINGSBERG-2007", "--format", "json")
        let items = try #require(try decreg.json(reconciled.stdout) as? [String: Any])
        let findings = try #require(items["open"] as? [[String: Any]], "\(reconciled.stdout)")
        let paidEarly = findings.filter { $0["kind"] as? String == "paid-before-final" }
        #expect(paidEarly.count == 1 && paidEarly.first?["party"] as? String == "HUDDINGE")
        #expect(paidEarly.first?["amount"] as? String == "500000.00")
        let words = try decreg.run("reconcile", "FLEMINGSBERG-2007", "--lang", "sv").stdout
        #expect(words.contains("HUDDINGE betalade 500 000 kr för 2008 innan dess beslut vunnit laga kraft"), "\(words)")
        // decision show says it as a table's section, a line per party.
        let sheet = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--lang", "sv").stdout
        #expect(sheet.contains("\nLaga kraft\n  SLL       antog 2007-11-20, anslaget 2007-11-30; laga kraft 2007-12-22\n"), "\(sheet)")
        #expect(sheet.contains("  BOTKYRKA  antog 2007-09-20, anslaget 2007-12-21; laga kraft 2008-01-12\n"))
        // The report of 2008 says when it became final.
        let report = try decreg.run("report", "--from", "2008", "--to", "2008", "--lang", "sv").stdout
        #expect(report.contains("| antaget, laga kraft 2008-01-12 |"), "\(report)")
        // The summary says it in words, in Swedish and English.
        let swedish = try decreg.run("summary", "FLEMINGSBERG-2007", "--lang", "sv").stdout
        #expect(swedish.contains("## Laga kraft\n\nBeslutet vann laga kraft 2008-01-12."))
        #expect(swedish.contains("- **Huddinge kommun (HUDDINGE)**: antog 2007-09-10, anslaget 2007-09-17; laga kraft 2007-10-09"))
        let english = try decreg.run(["summary", "FLEMINGSBERG-2007", "--lang", "en"], environment: ["DECREG_TODAY": "2008-01-05"]).stdout
        #expect(english.contains("- **Botkyrka kommun (BOTKYRKA)**: adopted on 2007-09-20, posted 2007-12-21; may be appealed until 2008-01-11"))
        #expect(!english.contains("The decision became final"))
        // The days are in the record: the trail verifies, the export carries them, and an import of it keeps them.
        #expect(try decreg.run("audit", "verify").status == 0)
        let export = try decreg.export()
        #expect(export.contains("\"justified\": \"2007-12-20\"") || export.contains("justified: 2007-12-20"), "\(export.prefix(3000))")
        #expect(export.contains("\"posted\": \"2007-11-30\"") || export.contains("posted: 2007-11-30"))
        let copy = try Decreg()
        defer { copy.remove() }
        let file = copy.directory.appendingPathComponent("export.yaml")
        try Data(export.utf8).write(to: file)
        #expect(try copy.run("import", file.path).status == 0)
        #expect(try Self.finality(copy).final as? String == "2008-01-12")
    }

    @Test("A step's days from an import file: justified and posted, checked as the command line checks them")
    func importedDays() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        let fixture = try String(contentsOfFile: decreg.fixture("flemingsberg/flemingsberg-2007.yaml"), encoding: .utf8)
        let file = decreg.directory.appendingPathComponent("f.yaml")
        // The attachments the fixture names, beside the file as beside the fixture.
        let folder = URL(fileURLWithPath: decreg.fixture("flemingsberg"))
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("bilaga") {
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent(name), to: decreg.directory.appendingPathComponent(name))
        }
        let withDays = fixture.replacingOccurrences(
            of: "outcome: proposed, note: Förslag till Kommunfullmäktige i Huddinge",
            with: "outcome: proposed, justified: 2007-07-10, posted: 2007-07-11, note: Förslag till Kommunfullmäktige i Huddinge")
        try Data(withDays.utf8).write(to: file)
        #expect(try decreg.run("import", file.path).status == 0)
        #expect(try decreg.run("step", "list", "FLEMINGSBERG-2007", "--format", "json").stdout.contains("\"posted\": \"2007-07-11\""))
        let wrong = fixture.replacingOccurrences(
            of: "outcome: proposed, note: Förslag till Kommunfullmäktige i Huddinge",
            with: "outcome: proposed, posted: 2007-07-01, note: Förslag till Kommunfullmäktige i Huddinge")
        try Data(wrong.utf8).write(to: file)
        let refused = try Decreg()
        defer { refused.remove() }
        let result = try refused.run("import", file.path)
        #expect(result.status != 0 && result.stderr.contains("posted"), "\(result.stderr)")
    }
}

/// `decreg deadlines`: the appeal windows and the days adoptions become final, in four formats.
@Suite("Deadlines")
struct DeadlinesTests {
    /// The fixture with Huddinge's adoption posted in 2007 (final) and the county council's posted on 4 December
    /// 2026 (its deadline 28 December: 25 and 26 December are holidays, then a Sunday).
    static func register() throws -> Decreg {
        let decreg = try Decreg()
        _ = try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml"))
        _ = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-10", "--outcome", "adopted",
            "--justified", "2007-09-14", "--posted", "2007-09-17")
        _ = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "SLL-LF", "--date", "2026-11-20", "--outcome", "adopted",
            "--justified", "2026-11-27", "--posted", "2026-12-04")
        return decreg
    }

    @Test("Table, JSON and CSV in date order, filtered by party and dates")
    func formats() throws {
        let decreg = try Self.register()
        defer { decreg.remove() }
        // On 3 December 2026 the county council's adoption may still be appealed; on 29 December it is final.
        func run(_ arguments: String...) throws -> Decreg.Result {
            try decreg.run(arguments, environment: ["DECREG_TODAY": "2026-12-03"])
        }
        let later = try decreg.run(["deadlines", "--format", "csv", "--party", "SLL"], environment: ["DECREG_TODAY": "2026-12-29"])
        #expect(later.stdout.contains(",final,"))
        let table = try run("deadlines", "--lang", "sv")
        #expect(table.status == 0, "\(table.stderr)")
        let lines = table.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("överklagas senast  laga kraft"))
        #expect(lines[2].hasPrefix("2007-10-08         2007-10-09  FLEMINGSBERG-2007  HUDDINGE"))
        #expect(lines[3].hasPrefix("2026-12-28         2026-12-29  FLEMINGSBERG-2007  SLL"))
        let json = try #require(try decreg.json(run("deadlines", "--format", "json", "--party", "SLL").stdout) as? [[String: Any]])
        #expect(json.count == 1 && json[0]["appeal_deadline"] as? String == "2026-12-28" && json[0]["final"] as? String == "2026-12-29")
        let csv = try run("deadlines", "--format", "csv", "--from", "2026-01-01").stdout
        // CSV as RFC 4180 writes it, lines ending in CRLF.
        let rows = csv.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(rows.count == 2 && rows[0] == "appeal_deadline,final,decision,party,posted,status,title")
        #expect(rows[1].hasPrefix("2026-12-28,2026-12-29,FLEMINGSBERG-2007,SLL,2026-12-04,appealable,"))
        let early = try decreg.run("deadlines", "--to", "2007-12-31", "--format", "csv").stdout
        #expect(early.components(separatedBy: "\r\n").filter { !$0.isEmpty }.count == 2 && early.contains("HUDDINGE"))
        let unknown = try decreg.run("deadlines", "--party", "NOWHERE")
        #expect(unknown.status != 0 && unknown.stderr.contains("--party") && unknown.stderr.contains("NOWHERE"))
    }

    @Test("The calendar file holds to RFC 5545: CRLF, folded lines, escaped texts, an all-day event per day")
    func calendar() throws {
        let decreg = try Self.register()
        defer { decreg.remove() }
        let ics = try decreg.run("deadlines", "--format", "ics", "--lang", "sv").stdout
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(ics.hasSuffix("END:VCALENDAR\r\n"))
        let lines = ics.components(separatedBy: "\r\n").dropLast()
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends in CRLF")
        for line in lines { #expect(line.utf8.count <= 75, "a line longer than 75 octets: \(line)") }
        // Unfolded, the content lines: four events, each all-day with the day after as its end.
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n")
        #expect(unfolded.filter { $0 == "BEGIN:VEVENT" }.count == 4 && unfolded.filter { $0 == "END:VEVENT" }.count == 4)
        #expect(unfolded.contains("DTSTART;VALUE=DATE:20261228") && unfolded.contains("DTEND;VALUE=DATE:20261229"))
        #expect(unfolded.contains("SUMMARY:Sista dag att överklaga FLEMINGSBERG-2007 (SLL)"))
        #expect(unfolded.contains("SUMMARY:FLEMINGSBERG-2007 vinner laga kraft för SLL"))
        #expect(unfolded.contains { $0.hasPrefix("DESCRIPTION:Utvecklingsprogram\\, Organisation") }, "a comma escaped")
        #expect(unfolded.filter { $0.hasPrefix("UID:") }.count == 4 && Set(unfolded.filter { $0.hasPrefix("UID:") }).count == 4)
        #expect(unfolded.filter { $0.hasPrefix("DTSTAMP:") }.allSatisfy { $0.count == "DTSTAMP:20261203T072222Z".count && $0.hasSuffix("Z") })
    }
}

extension DeadlinesTests {
    /// Whether Python has `module`; `.ci/run` sets DECREG_REQUIRE_PEERS=1, where a missing one fails the test.
    static func python(has module: String) -> Bool {
        ProcessInfo.processInfo.environment["DECREG_REQUIRE_PEERS"] == "1"
            || (try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", "import \(module)"]))
                .map { process in
                    process.waitUntilExit()
                    return process.terminationStatus == 0
                } ?? false
    }

    @Test(
        "An independent parser (PyPI icalendar) reads the calendar file: four all-day events, as decreg meant them",
        .enabled(if: python(has: "icalendar")))
    func calendarReadByICalendar() throws {
        let decreg = try Self.register()
        defer { decreg.remove() }
        let file = try decreg.write("deadlines.ics", try decreg.run("deadlines", "--format", "ics", "--lang", "sv").stdout)
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("calendar/ics-check.py").path
        let read = try decreg.shell("python3 \"$0\" \"$1\"; echo \"exit $?\"", arguments: [script, file])
        #expect(
            read == """
                2007-10-08 2007-10-09 appeal-deadline-FLEMINGSBERG-2007-HUDDINGE@decreg Sista dag att överklaga FLEMINGSBERG-2007 (HUDDINGE)
                2007-10-09 2007-10-10 final-FLEMINGSBERG-2007-HUDDINGE@decreg FLEMINGSBERG-2007 vinner laga kraft för HUDDINGE
                2026-12-28 2026-12-29 appeal-deadline-FLEMINGSBERG-2007-SLL@decreg Sista dag att överklaga FLEMINGSBERG-2007 (SLL)
                2026-12-29 2026-12-30 final-FLEMINGSBERG-2007-SLL@decreg FLEMINGSBERG-2007 vinner laga kraft för SLL
                exit 0

                """)
    }
}

/// `decreg appeal`: an appeal in time holds the adoption; an annulment takes it out of "adopted".
@Suite("Appeals")
struct AppealTests {
    @Test("In time it holds finality until decided; late, it is recorded with a warning; annulled, the adoption no longer counts")
    func appealsHoldAndAnnul() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        _ = try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml"))
        _ = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-10", "--outcome", "adopted",
            "--justified", "2007-09-14", "--posted", "2007-09-17", "--amount", "2008=1MKr")
        func statuses() throws -> (String?, [String?]) {
            let text = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--format", "json").stdout
            let json = try #require(try decreg.json(text) as? [String: Any])
            return (json["status"] as? String, (json["finality"] as? [[String: Any]] ?? []).map { $0["status"] as? String })
        }
        let added = try decreg.run(
            "appeal", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--lodged", "2007-10-01", "--court",
            "Länsrätten i Stockholms län", "--case", "1234-07")
        #expect(added.status == 0 && added.stdout == "Recorded appeal 1 of HUDDINGE's adoption of FLEMINGSBERG-2007, lodged 2007-10-01\n")
        #expect(added.stderr.isEmpty)
        #expect(try statuses().1 == ["not-adopted", "appealed", "not-adopted"])
        let late = try decreg.run("appeal", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--lodged", "2007-10-20")
        #expect(late.status == 0 && late.stderr.contains("after the last day 2007-10-08"))
        let list = try decreg.run("appeal", "list", "FLEMINGSBERG-2007", "--format", "json").stdout
        #expect(list.contains("\"number\": 1") && list.contains("\"number\": 2") && list.contains("\"case_number\": \"1234-07\""))
        let foreign = try decreg.run("appeal", "add", "FLEMINGSBERG-2007", "--party", "SALEM", "--lodged", "2007-10-01")
        #expect(foreign.status != 0)
        // The court and case are texts like any other: a control character is refused naming the option, nothing
        // is written; an empty one is none given.
        let before = try decreg.run("audit", "head").stdout
        let hostile = try decreg.run(
            "appeal", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--lodged", "2007-10-02", "--court", "Rätt\u{1B}[2J")
        #expect(hostile.status != 0 && hostile.stderr.hasPrefix("decreg: --court: "), "\(hostile.stderr)")
        let badCase = try decreg.run(
            "appeal", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--lodged", "2007-10-02", "--case", "1\n2")
        #expect(badCase.status != 0 && badCase.stderr.hasPrefix("decreg: --case: "), "\(badCase.stderr)")
        #expect(try decreg.run("audit", "head").stdout == before)

        // Rejected: the adoption is final the day after the court decided.
        let copy = try Decreg(initialise: false)
        defer { copy.remove() }
        #expect(try copy.run(["copy", "--from", decreg.db, "--to", copy.db], useDB: false).status == 0)
        #expect(try copy.run("appeal", "decide", "FLEMINGSBERG-2007", "1", "--outcome", "rejected", "--date", "2008-02-01").status == 0)
        let rejected = try #require(try copy.json(copy.run("decision", "show", "FLEMINGSBERG-2007", "--format", "json").stdout) as? [String: Any])
        let huddinge = try #require((rejected["finality"] as? [[String: Any]])?[1])
        #expect(huddinge["status"] as? String == "final" && huddinge["final"] as? String == "2008-02-02")

        // Annulled: not adopted in the status, the totals and reconcile; decided once only.
        let annulled = try decreg.run(
            "appeal", "decide", "FLEMINGSBERG-2007", "1", "--outcome", "upphävt", "--date", "2008-02-01")
        #expect(annulled.status == 0 && annulled.stdout.contains("annulled on 2008-02-01; status now approved"), "\(annulled.stdout)\(annulled.stderr)")
        #expect(try statuses() == ("approved", ["not-adopted", "annulled", "not-adopted"]))
        let totals = try decreg.run("totals", "--by", "party", "--decision", "FLEMINGSBERG-2007", "--format", "csv").stdout
        #expect(totals.contains("HUDDINGE,1000000.00,0.00,0.00") || totals.contains("HUDDINGE,SEK,1000000.00,0.00,0.00"), "\(totals)")
        let reconciled = try decreg.run("reconcile", "FLEMINGSBERG-2007", "--format", "json").stdout
        #expect(reconciled.contains("\"party\": \"HUDDINGE\",\n      \"kind\": \"not-adopted\""), "\(reconciled)")
        let again = try decreg.run("appeal", "decide", "FLEMINGSBERG-2007", "1", "--outcome", "rejected", "--date", "2008-02-02")
        #expect(again.status != 0 && again.stderr.contains("decided already"))
        #expect(try decreg.run("audit", "verify").status == 0)
        // The appeals travel with the export: imported again, the same appeals and the same finality.
        let exported = decreg.directory.appendingPathComponent("export.json")
        try Data(try decreg.export().utf8).write(to: exported)
        let imported = try Decreg()
        defer { imported.remove() }
        let result = try imported.run("import", exported.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try imported.run("appeal", "list", "FLEMINGSBERG-2007", "--format", "json").stdout == list.replacingOccurrences(
            of: "\"outcome\": null,\n    \"decided\": null", with: "\"outcome\": \"annulled\",\n    \"decided\": \"2008-02-01\"",
            options: [], range: list.range(of: "\"outcome\": null,\n    \"decided\": null")))
        let again2 = try #require(try imported.json(imported.run("decision", "show", "FLEMINGSBERG-2007", "--format", "json").stdout) as? [String: Any])
        #expect(again2["status"] as? String == "approved")
    }
}
