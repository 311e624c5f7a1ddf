import Foundation
import Testing

/// Swedish throughout (issue 15): every word in the language asked for, the register's own language when neither
/// --lang nor the locale asks, Swedish words on input, and history that shows what changed.
@Suite("Swedish and English, end to end")
struct LanguageTests {
    /// The fixtures, then a correction, a step, a payment and its withdrawal: each kind of change the history shows.
    static func changed(_ decreg: Decreg) throws {
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        #expect(try decreg.run("decision", "correct", "FLEMINGSBERG-2007", "--date", "2007-07-07", "--title",
                               "Utvecklingsprogram för Flemingsberg", "--reason", "Fel datum och för lång rubrik",
                               "--actor", "anna").status == 0)
        #expect(try decreg.run("step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-17",
                               "--outcome", "antog", "--minutes", "§ 87", "--amount", "2008=1 MKr").status == 0)
        #expect(try decreg.run("payment", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--year", "2008",
                               "--date", "2008-03-01", "--amount", "1 MKr", "--reference", "F-1").status == 0)
        #expect(try decreg.run("payment", "withdraw", "5", "--reason", "Dubbelregistrerad", "--actor", "bertil")
            .status == 0)
    }

    /// A fixed zone an hour and a half east of UTC: the offset shows in the golden files, the clock time is masked.
    static let zone = ["TZ": "<+0130>-1:30"] as [String: String?]

    /// The clock times (which differ on every run) and audit hashes masked, each by text of the same width.
    static func masked(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ([+-]\d\d:\d\d)"#, with: "YYYY-MM-DD hh:mm:ss $1",
            options: .regularExpression)
    }

    @Test(
        "show, history, totals, reconcile and audit log, in Swedish and English",
        arguments: ["sv", "en"])
    func golden(lang: String) throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        try Self.changed(decreg)
        let outputs: [(String, [String], Int32)] = [
            ("show-flemingsberg-2007", ["decision", "show", "FLEMINGSBERG-2007"], 0),
            ("history-flemingsberg-2007", ["decision", "show", "FLEMINGSBERG-2007", "--history"], 0),
            ("totals-party-year", ["totals", "--by", "party,year"], 0),
            ("totals-status", ["totals", "--by", "status"], 0),
            ("reconcile", ["reconcile"], 1),
            ("audit-log", ["audit", "log", "--decision", "FLEMINGSBERG-2007"], 0),
            ("decision-list", ["decision", "list"], 0),
            ("audit-verify", ["audit", "verify"], 0),
        ]
        for (name, arguments, status) in outputs {
            let result = try decreg.run(arguments + ["--lang", lang], environment: Self.zone)
            #expect(result.status == status, "\(name): \(result.stderr)")
            var text = Self.masked(result.stdout)
            if name == "audit-log" {
                text = text.replacingOccurrences(of: #"\b[0-9a-f]{12}\b"#, with: "hash········", options: .regularExpression)
            }
            if name == "audit-verify" {
                text = text.replacingOccurrences(of: #"[0-9a-f]{64}"#, with: Golden.headHash, options: .regularExpression)
            }
            try Golden.check(text, "\(name).\(lang).txt")
        }
    }

    @Test("History gives each changed field before and after, who, when (UTC in JSON, local time in tables) and why")
    func history() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        try Self.changed(decreg)
        let json = try decreg.run(["decision", "show", "FLEMINGSBERG-2007", "--history", "--format", "json"])
        let entries = try #require(try decreg.json(json.stdout) as? [[String: Any]])
        #expect(entries.map { $0["what"] as? String } == ["recorded", "corrected", "step-added", "recorded", "withdrawn"])
        let correction = entries[1]
        #expect(correction["actor"] as? String == "anna")
        #expect(correction["reason"] as? String == "Fel datum och för lång rubrik")
        let changes = try #require(correction["changes"] as? [[String: Any]])
        #expect(changes.map { $0["field"] as? String } == ["date", "title"])
        #expect(changes[0]["before"] as? String == "2007-07-06")
        #expect(changes[0]["after"] as? String == "2007-07-07")
        let at = try #require(correction["at"] as? String)
        #expect(at.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression) != nil)
        let withdrawal = try #require(entries[4]["changes"] as? [[String: Any]])
        #expect(withdrawal.map { $0["field"] as? String } == ["withdrawn"])
        #expect(withdrawal[0]["before"] is NSNull)
        #expect(withdrawal[0]["after"] as? String == "Dubbelregistrerad")

        // The table gives the same instant in local time, with the offset.
        let table = try decreg.run(["decision", "show", "FLEMINGSBERG-2007", "--history"], environment: Self.zone)
        let utc = try #require(ISO8601DateFormatter.withFractions.date(from: at))
        let local = utc.addingTimeInterval(90 * 60)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
        let shown = String(
            format: "%04d-%02d-%02d %02d:%02d:%02d +01:30", parts.year!, parts.month!, parts.day!, parts.hour!,
            parts.minute!, parts.second!)
        let lines = table.stdout.split(separator: "\n").map(String.init)
        let row = try #require(lines.firstIndex { $0.contains(" anna ") })
        #expect(lines[row].split(separator: " ", omittingEmptySubsequences: true).dropFirst().prefix(5)
            .joined(separator: " ") == "\(shown) anna corrected")
        #expect(lines[row].hasSuffix("  Fel datum och för lång rubrik"))
        // Each changed field on a line of its own under the entry, indented to the time.
        #expect(lines[row + 1] == "     date: 2007-07-06 → 2007-07-07")
        #expect(lines[row + 2] == "     title: Utvecklingsprogram, Organisation och Genomförande avseende den Regionala "
            + "Kärnan Flemingsberg → Utvecklingsprogram för Flemingsberg")
        #expect(try decreg.run("audit", "verify").status == 0)
    }

    @Test("init --lang sv makes the register Swedish unless --lang or a Swedish or English locale says otherwise")
    func registerLanguage() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        #expect(try decreg.run("init", "--lang", "sv").status == 0)
        #expect(try decreg.run(["import"] + decreg.allFixtures).stdout
            == "Importerade 3 beslut, 4 betalningar, 5 parter och 10 organ (13 fanns redan, oförändrade)\n")
        let show = ["decision", "show", "FLEMINGSBERG-2007"]
        for (environment, words) in [
            (["LANG": "C.UTF-8"], "Status:    föreslaget"),
            (["LANG": "POSIX", "LC_ALL": "C"], "Status:    föreslaget"),
            (["LANG": "en_GB.UTF-8"], "Status:    proposed"),
            (["LANG": "sv_SE.UTF-8", "LC_ALL": "en_US.UTF-8"], "Status:    proposed"),
        ] as [([String: String?], String)] {
            let quick = try decreg.run(show, environment: environment)
            let parsed = try decreg.run(show + ["--actor", "x"], environment: environment)
            #expect(quick.stdout.contains(words), "\(environment)")
            #expect(quick.stdout == parsed.stdout, "\(environment)")
        }
        #expect(try decreg.run(show + ["--lang", "en"]).stdout.contains("Status:    proposed"))
        let reconcile = try decreg.run(["reconcile", "FLEMINGSBERG-2009"], environment: ["LANG": "C.UTF-8"])
        #expect(reconcile.stdout.contains("BOTKYRKA har beslutat 500 000 kr för 2009; andelen är 600 000 kr"))
        #expect(!reconcile.stdout.contains("SEK"))
        let summary = try decreg.run("summary", "FLEMINGSBERG-2007")
        #expect(summary.stdout.contains("**Status:** föreslaget"))
        let verify = try decreg.run("audit", "verify")
        #expect(verify.stdout.hasPrefix("Granskningsspåret är obrutet: 22 poster"))
        let check = try decreg.run("check")
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("SQLites integritetskontroll: ok\nGranskningsspåret är obrutet"))

        #expect(try decreg.run("decision", "correct", "FLEMINGSBERG-2007", "--title", "Kortare", "--reason", "Kortare rubrik")
            .stdout == "Rättade FLEMINGSBERG-2007: Kortare rubrik\n")
        #expect(try decreg.run("decision", "withdraw", "FLEMINGSBERG-2007", "--reason", "Fel", "--actor", "x")
            .stdout == "Makulerade FLEMINGSBERG-2007: Fel\n")
        let list = try decreg.run("decision", "list", "--status", "föreslaget")
        #expect(list.stdout.hasPrefix("ref                datum       status     parter"))
        #expect(list.stdout.contains("FLEMINGSBERG-2007  2007-07-06  makulerad  SLL HUDDINGE BOTKYRKA  Kortare\n"))

        // An English register, and one that never said, print English under LANG=C.
        let english = try Decreg(initialise: false)
        defer { english.remove() }
        #expect(try english.run("init", "--lang", "en").status == 0)
        #expect(try english.run(["import"] + english.allFixtures).stdout
            == "Imported 3 decisions, 4 payments, 5 parties and 10 bodies (13 already recorded, unchanged)\n")
        #expect(try english.run(show).stdout.contains("Status:    proposed"))
        #expect(try english.run(show, environment: ["LANG": "sv_SE.UTF-8"]).stdout.contains("Status:    föreslaget"))
        #expect(try english.run("init", "--lang", "de").status == 2)
    }

    @Test("audit verify and check say what they found in Swedish", .sqliteFile)
    func verifySwedish() throws {
        let (decreg, _) = try AuditTests.prepared()
        defer { decreg.remove() }
        try AuditTests.tamper(decreg, "UPDATE funding_share SET amount_minor = 50000000 WHERE amount_minor = 60000000")
        for command in [["audit", "verify"], ["check"]] {
            let result = try decreg.run(command + ["--lang", "sv"])
            #expect(result.status == 1)
            #expect(result.stdout.contains("""
                Granskningen MISSLYCKADES: 1 problem
                  beslut FLEMINGSBERG-2009 skiljer sig från sin granskningspost 18 (tabell funding_share): \
                funding[0].shares[2].amount: spåret har "600000.00", registret "500000.00"
                Spår: 24 poster, huvud 24 
                """), "\(result.stdout)")
        }
        let english = try decreg.run("audit", "verify")
        #expect(english.stdout.hasPrefix("Audit verification FAILED: 1 problem\n  decision FLEMINGSBERG-2009 differs"))
    }

    @Test("Swedish outcome and status words are taken on input")
    func swedishInput() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let step = try decreg.run("step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-17",
                                  "--outcome", "antaget", "--amount", "2008=1 MKr")
        #expect(step.status == 0, "\(step.stderr)")
        let shown = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--format", "json")
        let steps = try #require((try decreg.json(shown.stdout) as? [String: Any])?["steps"] as? [[String: Any]])
        #expect(steps.last?["outcome"] as? String == "adopted")
        let bySwedish = try decreg.run("decision", "list", "--status", "delvis antaget", "--format", "csv")
        let byCode = try decreg.run("decision", "list", "--status", "partly-adopted", "--format", "csv")
        #expect(bySwedish.status == 0)
        #expect(bySwedish.stdout == byCode.stdout)
        #expect(bySwedish.stdout.contains("FLEMINGSBERG-2007,"))
        let unknown = try decreg.run("step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-18",
                                     "--outcome", "bordlagt")
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("bordlagt"))
    }
}

extension ISO8601DateFormatter {
    static var withFractions: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
