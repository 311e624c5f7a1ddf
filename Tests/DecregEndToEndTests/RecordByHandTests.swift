import Foundation
import Testing

/// A registrar's whole record by hand: everything an import file holds can be entered, corrected and withdrawn
/// from the command line, through the same operations and checks, and nothing recorded is erased.
@Suite("The whole record by hand")
struct RecordByHandTests {
    /// The seed decision entered with the command line alone: its export equals the fixture's, imported.
    @Test("The seed decision entered by hand exports exactly as Fixtures/flemingsberg imported")
    func seedByHand() throws {
        let imported = try Decreg()
        defer { imported.remove() }
        #expect(try imported.run("import", imported.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)

        let decreg = try Decreg()
        defer { decreg.remove() }
        let summary = try Self.seedSummary()
        let summaryFile = try decreg.write("summary.txt", summary)
        var commands: [[String]] = [
            ["party", "add", "SLL", "--name", "Stockholms läns landsting", "--kind", "region", "--org-number", "232100-0016"],
            ["party", "add", "HUDDINGE", "--name", "Huddinge kommun", "--kind", "municipality", "--org-number", "212000-0142"],
            ["party", "add", "BOTKYRKA", "--name", "Botkyrka kommun", "--kind", "municipality", "--org-number", "212000-2882"],
            ["body", "add", "SLL-LS", "--name", "Landstingsstyrelsen", "--kind", "board", "--party", "SLL"],
            ["body", "add", "SLL-LF", "--name", "Landstingsfullmäktige", "--kind", "assembly", "--party", "SLL"],
            ["body", "add", "HUD-KS", "--name", "Kommunstyrelsen i Huddinge", "--kind", "board", "--party", "HUDDINGE"],
            ["body", "add", "HUD-KF", "--name", "Kommunfullmäktige i Huddinge", "--kind", "assembly", "--party", "HUDDINGE"],
            ["body", "add", "BOT-KS", "--name", "Kommunstyrelsen i Botkyrka", "--kind", "board", "--party", "BOTKYRKA"],
            ["body", "add", "BOT-KF", "--name", "Kommunfullmäktige i Botkyrka", "--kind", "assembly", "--party", "BOTKYRKA"],
            ["body", "add", "FLEM-PS", "--name", "Politiska styrgruppen för den regionala kärnan Flemingsberg",
             "--kind", "joint-committee", "--party", "SLL", "HUDDINGE", "BOTKYRKA"],
            ["decision", "add", "FLEMINGSBERG-2007",
             "--title", "Utvecklingsprogram, Organisation och Genomförande avseende den Regionala Kärnan Flemingsberg",
             "--date", "2007-07-06", "--party", "SLL", "HUDDINGE", "BOTKYRKA", "--summary-file", summaryFile,
             "--clause", "att godkänna förslaget till Utvecklingsprogram för den regionala kärnan Flemingsberg (bilaga 1)",
             "--clause", "att uppdra åt gällande samverkansorganisation att aktivt verka för Utvecklingsprogrammets genomförande",
             "--clause", "att anslå 2,5 MKr för 2008 varav Landstinget och Huddinge bidrar med 1 MKr vardera och Botkyrka med 0,5 Mkr"],
            ["funding", "set", "FLEMINGSBERG-2007", "--year", "2008", "--total", "2,5 MKr",
             "--share", "SLL=1 MKr", "--share", "HUDDINGE=1 MKr", "--share", "BOTKYRKA=0,5 Mkr"],
            ["step", "add", "FLEMINGSBERG-2007", "--body", "FLEM-PS", "--date", "2007-06-27", "--outcome", "approved",
             "--note", "Godkände det överarbetade Utvecklingsprogrammet (Bilaga 1) och ställde sig bakom Organisation och Genomförande (Bilaga 4)"],
            ["step", "add", "FLEMINGSBERG-2007", "--body", "SLL-LS", "--date", "2007-07-06", "--outcome", "proposed",
             "--note", "Förslag till Landstingsfullmäktige"],
            ["step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KS", "--date", "2007-07-06", "--outcome", "proposed",
             "--note", "Förslag till Kommunfullmäktige i Huddinge"],
            ["step", "add", "FLEMINGSBERG-2007", "--body", "BOT-KS", "--date", "2007-07-06", "--outcome", "proposed",
             "--note", "Förslag till Kommunfullmäktige i Botkyrka"],
            ["signatory", "add", "FLEMINGSBERG-2007", "--name", "Göran Stiernstedt", "--title", "Landstingsdirektör", "--party", "SLL"],
            ["signatory", "add", "FLEMINGSBERG-2007", "--name", "Olof Ohman", "--title", "Kommundirektör Huddinge", "--party", "HUDDINGE"],
            ["signatory", "add", "FLEMINGSBERG-2007", "--name", "Palle Lundberg", "--title", "Kommundirektör Botkyrka", "--party", "BOTKYRKA"],
        ]
        for (label, title, file) in [
            ("Bilaga 1", "Utvecklingsprogram för den regionala kärnan Flemingsberg", "bilaga-1-utvecklingsprogram.txt"),
            ("Bilaga 2", "Principöverenskommelsen", "bilaga-2-principoverenskommelse.txt"),
            ("Bilaga 3", "Remissammanställning", "bilaga-3-remissammanstallning.txt"),
            ("Bilaga 4", "Organisation och Genomförande", "bilaga-4-organisation-och-genomforande.txt"),
        ] {
            commands.append(
                ["attach", "add", "FLEMINGSBERG-2007", decreg.fixture("flemingsberg/" + file), "--label", label,
                 "--title", title])
        }
        for command in commands {
            let result = try decreg.run(command)
            #expect(result.status == 0, "\(command.prefix(3)): \(result.stderr)")
        }
        #expect(try decreg.export() == imported.export())
        #expect(try decreg.run("audit", "verify").status == 0)
    }

    /// The fixture's summary text, as YAML's literal block gives it.
    static func seedSummary() throws -> String {
        let yaml = try String(
            contentsOf: Decreg.fixtures.appendingPathComponent("flemingsberg/flemingsberg-2007.yaml"), encoding: .utf8)
        let lines = yaml.components(separatedBy: "\n")
        guard let start = lines.firstIndex(where: { $0.hasPrefix("    summary: |") }) else { return "" }
        var text: [String] = []
        for line in lines[(start + 1)...] {
            if line.hasPrefix("      ") { text.append(String(line.dropFirst(6))) }
            else if line.isEmpty { text.append("") }
            else { break }
        }
        while text.last == "" { text.removeLast() }
        return text.joined(separator: "\n") + "\n"
    }

    /// A register with the fixtures, and a three-party decision funded 2027–2029 entered by hand.
    static func schoolTransport() throws -> Decreg {
        let decreg = try Decreg()
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        for command in [
            ["decision", "add", "SKOLSKJUTS-2027", "--title", "Skolskjuts 2027–2029", "--date", "2026-10-01",
             "--party", "BOTKYRKA", "HUDDINGE", "SLL", "--case-number", "BOTKYRKA=KS 2026/412"],
            ["funding", "set", "SKOLSKJUTS-2027", "--year", "2027..2029", "--total", "3,6 MKr",
             "--split", "BOTKYRKA=45%", "--split", "HUDDINGE=40%", "--split", "SLL=15%"],
        ] {
            let result = try decreg.run(command)
            #expect(result.status == 0, "\(command.prefix(2)): \(result.stderr)")
        }
        return decreg
    }

    @Test("Year ranges: one funding command sets 2027–2029; a step adopts the same amount each year")
    func yearRanges() throws {
        let decreg = try Self.schoolTransport()
        defer { decreg.remove() }
        let step = try decreg.run(
            "step", "add", "SKOLSKJUTS-2027", "--body", "BOT-KF", "--date", "2026-11-02", "--outcome", "adopted",
            "--minutes", "§ 98", "--amount", "2027..2029=1,62 Mkr")
        #expect(step.status == 0, "\(step.stderr)")
        #expect(step.stdout == "Recorded: BOT-KF adopted SKOLSKJUTS-2027 on 2026-11-02; status now partly adopted\n")
        let swedish = try decreg.run(
            ["step", "add", "SKOLSKJUTS-2027", "--body", "HUD-KF", "--date", "2026-11-03", "--outcome", "antog",
             "--amount", "2027..2029=1,44 Mkr"], environment: ["LANG": "sv_SE.UTF-8"])
        #expect(swedish.stdout == "Registrerat: HUD-KF antog SKOLSKJUTS-2027 2026-11-03; status nu delvis antaget\n")
        #expect(try decreg.run(["step", "withdraw", "SKOLSKJUTS-2027", "2", "--reason", "prov"]).status == 0)
        let totals = try decreg.run(
            "totals", "--by", "party,year", "--decision", "SKOLSKJUTS-2027", "--format", "csv")
        #expect(totals.stdout == """
            party,year,currency,committed,adopted,paid\r
            BOTKYRKA,2027,SEK,1620000.00,1620000.00,0.00\r
            BOTKYRKA,2028,SEK,1620000.00,1620000.00,0.00\r
            BOTKYRKA,2029,SEK,1620000.00,1620000.00,0.00\r
            HUDDINGE,2027,SEK,1440000.00,0.00,0.00\r
            HUDDINGE,2028,SEK,1440000.00,0.00,0.00\r
            HUDDINGE,2029,SEK,1440000.00,0.00,0.00\r
            SLL,2027,SEK,540000.00,0.00,0.00\r
            SLL,2028,SEK,540000.00,0.00,0.00\r
            SLL,2029,SEK,540000.00,0.00,0.00\r

            """)
        let json = try #require(try decreg.json(try decreg.run("decision", "show", "SKOLSKJUTS-2027", "--format", "json").stdout) as? [String: Any])
        #expect((json["case_numbers"] as? [String: String]) == ["BOTKYRKA": "KS 2026/412"])
    }

    /// Runs a command that must be refused: exit 2, exactly `message` on stderr, and the register unchanged.
    static func expectRefused(_ decreg: Decreg, _ arguments: [String], _ message: String) throws {
        let before = try decreg.export()
        let trail = try decreg.run("audit", "log", "--format", "json").stdout
        let result = try decreg.run(arguments)
        #expect(result.status == 2, "\(arguments)")
        #expect(result.stderr == "decreg: " + message + "\n")
        #expect(result.stdout == "")
        #expect(try decreg.export() == before)
        #expect(try decreg.run("audit", "log", "--format", "json").stdout == trail)
    }

    @Test("What refers outside the decision is refused before anything is written")
    func refusals() throws {
        let decreg = try Self.schoolTransport()
        defer { decreg.remove() }
        let payment = ["payment", "add", "SKOLSKJUTS-2027", "--date", "2026-02-01", "--amount", "100 000 kr"]
        try Self.expectRefused(
            decreg, payment + ["--party", "SALEM", "--year", "2027"],
            "--party: SKOLSKJUTS-2027 does not bind SALEM (it binds BOTKYRKA, HUDDINGE, SLL): a payment is made by one of its parties")
        try Self.expectRefused(
            decreg, payment + ["--party", "HUDDINGE", "--year", "2030"],
            "--year: SKOLSKJUTS-2027 does not fund 2030 (it funds 2027, 2028, 2029): pay towards a funded year, or set the year's funding first (decreg funding set)")
        try Self.expectRefused(
            decreg,
            ["step", "add", "SKOLSKJUTS-2027", "--body", "SAL-KF", "--date", "2026-11-02", "--outcome", "adopted"],
            "--body: SAL-KF belongs to SALEM, which SKOLSKJUTS-2027 does not bind (it binds BOTKYRKA, HUDDINGE, SLL)")
        try Self.expectRefused(
            decreg,
            ["step", "add", "SKOLSKJUTS-2027", "--body", "BOT-KF", "--date", "2026-11-02", "--outcome", "adopted",
             "--amount", "2030=540 tkr"],
            "--amount: SKOLSKJUTS-2027 does not fund 2030 (it funds 2027, 2028, 2029): set its funding first (decreg funding set SKOLSKJUTS-2027 --year 2030 …)")
        try Self.expectRefused(
            decreg, ["party", "add", "HUDDINGE2", "--name", "Huddinge igen", "--org-number", "212000-0142"],
            "--org-number: HUDDINGE has the organisation number 212000-0142 already: one organisation is one party; correct the number, or use HUDDINGE")
        try Self.expectRefused(
            decreg, ["funding", "set", "SKOLSKJUTS-2027", "--year", "2028", "--total", "1 MKr", "--share", "SLL=1 MKr"],
            "--reason: SKOLSKJUTS-2027 funds 2028 already: setting it again is a correction, give the reason (--reason)")

        // Texts that could steer a terminal or hide what a reader sees are refused on the new ways in.
        try Self.expectRefused(
            decreg,
            ["step", "add", "SKOLSKJUTS-2027", "--body", "BOT-KF", "--date", "2026-11-02", "--outcome", "adopted",
             "--note", "klart\u{1B}[2J"],
            "--note: the text holds the control character U+001B, which is not allowed: retype it without that character")
        try Self.expectRefused(
            decreg, ["signatory", "add", "SKOLSKJUTS-2027", "--name", "Anna \u{202E}nosslraK"],
            "--name: the text holds a bidirectional control U+202E, which is not allowed in one line: retype it without that character")
        try Self.expectRefused(
            decreg,
            ["decision", "correct", "SKOLSKJUTS-2027", "--title", "Ny rubrik", "--reason", "rad ett\nFAKE: allt stämmer"],
            "--reason: the text holds a line break (U+000A), which is not allowed in one line: retype it without that character")

        // The same payment twice is refused unless --again says it is meant.
        let first = try decreg.run(payment + ["--party", "HUDDINGE", "--year", "2027", "--reference", "F-1"])
        #expect(first.status == 0, "\(first.stderr)")
        try Self.expectRefused(
            decreg, payment + ["--party", "HUDDINGE", "--year", "2027", "--reference", "F-1"],
            "--again: the same payment (HUDDINGE, 2027, 2026-02-01, 100 000 kr, F-1) is recorded already: give --again to record it a second time")
        let again = try decreg.run(payment + ["--party", "HUDDINGE", "--year", "2027", "--reference", "F-1", "--again"])
        #expect(again.status == 0)
        #expect(again.stderr == "")
    }

    @Test("A second instalment recorded with --again travels: the export marks it again: true and imports as it was")
    func secondInstalmentRoundTrip() throws {
        let decreg = try Self.schoolTransport()
        defer { decreg.remove() }
        let payment = [
            "payment", "add", "SKOLSKJUTS-2027", "--party", "HUDDINGE", "--year", "2027", "--date", "2026-02-01",
            "--amount", "100 000 kr", "--reference", "F-1",
        ]
        #expect(try decreg.run(payment).status == 0)
        #expect(try decreg.run(payment + ["--again"]).status == 0)
        let export = try decreg.export()
        #expect(export.components(separatedBy: "\"again\": true").count == 2)

        let copy = try Decreg()
        defer { copy.remove() }
        let file = try copy.write("export.json", export)
        let imported = try copy.run("import", file)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try copy.export() == export)

        // Written by hand, the second of two same payments is refused unless it says again: true.
        func twice(_ second: String) -> String {
            """
            payments:
              - {decision: SKOLSKJUTS-2027, party: SLL, year: 2028, date: 2026-03-01, amount: 5 kr}
              - {decision: SKOLSKJUTS-2027, party: SLL, year: 2028, date: 2026-03-01, amount: 5 kr\(second)}
            """
        }
        let refused = try decreg.run("import", try decreg.write("twice.yaml", twice("")))
        #expect(refused.status == 2)
        #expect(refused.stderr.contains(
            "twice.yaml:3: payments[1].again: the same payment (SLL, 2028, 2026-03-01, 5 kr) is recorded already: "
                + "give again: true to record it a second time"))
        let notAFlag = try decreg.run("import", try decreg.write("yes.yaml", twice(", again: yes")))
        #expect(notAFlag.status == 2)
        #expect(notAFlag.stderr.contains("yes.yaml:3: payments[1].again: must be true or false"))
        let meant = try decreg.run("import", try decreg.write("meant.yaml", twice(", again: true")))
        #expect(meant.status == 0, "\(meant.stderr)")
        let listed = try decreg.run("payment", "list", "SKOLSKJUTS-2027", "--party", "SLL", "--format", "csv").stdout
        #expect(listed.split(whereSeparator: \.isNewline).filter { $0.contains(",2026-03-01,") }.count == 2, "\(listed)")
    }

    @Test("Recorded with a warning: a payment past the party's share, a date in the future")
    func warnings() throws {
        let decreg = try Self.schoolTransport()
        defer { decreg.remove() }
        let over = try decreg.run(
            "payment", "add", "SKOLSKJUTS-2027", "--party", "SLL", "--year", "2027", "--date", "2026-02-01",
            "--amount", "600 000 kr")
        #expect(over.status == 0)
        #expect(over.stderr == "decreg: warning: SLL has now paid 600 000 kr for 2027, more than its share of 540 000 kr; recorded, and reconcile reports it\n")
        #expect(over.stdout.hasSuffix(": SLL SEK 600,000 for 2027 to SKOLSKJUTS-2027\n"))
        #expect(over.stdout.hasPrefix("Recorded payment "))
        let future = try decreg.run(
            "step", "add", "SKOLSKJUTS-2027", "--body", "HUD-KF", "--date", "2999-01-01", "--outcome", "adopted")
        #expect(future.status == 0)
        #expect(future.stderr.hasPrefix("decreg: warning: the step's date 2999-01-01 is in the future (today is "))
        #expect(future.stderr.hasSuffix("); recorded as given\n"))
    }

    @Test("Steps are listed, corrected and withdrawn with a reason; status, totals and the trail follow")
    func stepCorrections() throws {
        let decreg = try Self.schoolTransport()
        defer { decreg.remove() }
        #expect(try decreg.run(
            "step", "add", "SKOLSKJUTS-2027", "--body", "BOT-KF", "--date", "2026-11-02", "--outcome", "adopted",
            "--amount", "2027..2029=1,62 Mkr").status == 0)
        #expect(try decreg.run(
            "step", "add", "SKOLSKJUTS-2027", "--body", "HUD-KS", "--date", "2026-11-03", "--outcome", "adopted").status == 0)

        // The minutes paragraph forgotten, then added by a correction rather than a second step.
        let noReason = try decreg.run("step", "correct", "SKOLSKJUTS-2027", "1", "--minutes", "§ 98")
        #expect(noReason.status == 2)
        let corrected = try decreg.run(
            "step", "correct", "SKOLSKJUTS-2027", "1", "--minutes", "§ 98", "--reason", "paragrafen saknades")
        #expect(corrected.status == 0, "\(corrected.stderr)")
        #expect(corrected.stdout == "Corrected step 1 of SKOLSKJUTS-2027: paragrafen saknades; status now partly adopted\n")

        // A step recorded for the wrong body is withdrawn: it stays, marked, and counts for nothing.
        let withdrawn = try decreg.run(
            "step", "withdraw", "SKOLSKJUTS-2027", "2", "--reason", "fel organ: styrelsen antar inte")
        #expect(withdrawn.status == 0, "\(withdrawn.stderr)")
        let list = try decreg.run("step", "list", "SKOLSKJUTS-2027", "--format", "csv")
        #expect(list.stdout == """
            number,date,body,outcome,minutes,amounts,note,withdrawn\r
            1,2026-11-02,BOT-KF,adopted,§ 98,2027=1620000.00 2028=1620000.00 2029=1620000.00,,\r
            2,2026-11-03,HUD-KS,adopted,,,,fel organ: styrelsen antar inte\r

            """)
        let swedishList = try decreg.run(["step", "list", "SKOLSKJUTS-2027", "--lang", "sv"])
        #expect(swedishList.stdout.contains("HUD-KS  antog"))
        #expect(swedishList.stdout.contains("makulerad: fel organ: styrelsen antar inte"))
        let again = try decreg.run("step", "withdraw", "SKOLSKJUTS-2027", "2", "--reason", "igen")
        #expect(again.stderr == "decreg: step 2 of SKOLSKJUTS-2027 was withdrawn already: fel organ: styrelsen antar inte\n")
        let missing = try decreg.run("step", "correct", "SKOLSKJUTS-2027", "7", "--note", "x", "--reason", "r")
        #expect(missing.stderr == "decreg: SKOLSKJUTS-2027 has no step 7: its steps are numbered 1 to 2 (decreg step list SKOLSKJUTS-2027)\n")

        // A correction of the amounts moves totals; the withdrawn step adopted nothing.
        #expect(try decreg.run(
            "step", "correct", "SKOLSKJUTS-2027", "1", "--amount", "2027=1 MKr", "--reason", "fel belopp").status == 0)
        let totals = try decreg.run(
            "totals", "--by", "party", "--decision", "SKOLSKJUTS-2027", "--format", "csv")
        #expect(totals.stdout == """
            party,currency,committed,adopted,paid\r
            BOTKYRKA,SEK,4860000.00,1000000.00,0.00\r
            HUDDINGE,SEK,4320000.00,0.00,0.00\r
            SLL,SEK,1620000.00,0.00,0.00\r

            """)
        #expect(try decreg.run("audit", "verify").status == 0)
    }

    @Test("Funding, payments, signatories and attachments are corrected or withdrawn; nothing is erased")
    func otherCorrections() throws {
        let decreg = try Self.schoolTransport()
        defer { decreg.remove() }
        // Funding: a year set again with a reason, a year withdrawn.
        #expect(try decreg.run(
            "funding", "set", "SKOLSKJUTS-2027", "--year", "2029", "--total", "4 MKr", "--split", "BOTKYRKA=45%",
            "--split", "HUDDINGE=40%", "--split", "SLL=15%", "--reason", "uppräknat belopp").status == 0)
        let withdrawFunding = try decreg.run(
            "funding", "withdraw", "SKOLSKJUTS-2027", "--year", "2028", "--reason", "avtalet gäller inte 2028")
        #expect(withdrawFunding.status == 0, "\(withdrawFunding.stderr)")
        let totals = try decreg.run("totals", "--by", "year", "--decision", "SKOLSKJUTS-2027", "--format", "csv")
        #expect(totals.stdout == """
            year,currency,committed,adopted,paid\r
            2027,SEK,3600000.00,0.00,0.00\r
            2029,SEK,4000000.00,0.00,0.00\r

            """)
        // A payment towards the withdrawn year is refused; a payment corrected moves what was paid.
        try Self.expectRefused(
            decreg,
            ["payment", "add", "SKOLSKJUTS-2027", "--party", "SLL", "--year", "2028", "--date", "2026-03-01",
             "--amount", "1 kr"],
            "--year: SKOLSKJUTS-2027 does not fund 2028 (it funds 2027, 2029): pay towards a funded year, or set the year's funding first (decreg funding set)")
        let paid = try decreg.run(
            "payment", "add", "SKOLSKJUTS-2027", "--party", "SLL", "--year", "2027", "--date", "2026-03-01",
            "--amount", "54 000 kr", "--reference", "V-17")
        #expect(paid.status == 0)
        let number = try #require(paid.stdout.split(separator: " ").dropFirst(2).first.map { String($0.dropLast()) })
        let correctPayment = try decreg.run(
            "payment", "correct", number, "--amount", "540 000 kr", "--reason", "en nolla för lite")
        #expect(correctPayment.status == 0, "\(correctPayment.stderr)")
        let listed = try decreg.run("payment", "list", "SKOLSKJUTS-2027", "--format", "csv")
        #expect(listed.stdout == "number,decision,party,year,date,amount,reference,withdrawn\r\n"
            + "\(number),SKOLSKJUTS-2027,SLL,2027,2026-03-01,540000.00,V-17,\r\n")
        // SLL has paid its whole 2027 share once the payment is corrected: nothing outstanding for it that year,
        // while the other parties' shares still are.
        let reconcile = try decreg.run("reconcile", "SKOLSKJUTS-2027", "--format", "json")
        let open = try #require((try decreg.json(reconcile.stdout) as? [String: Any])?["open"] as? [[String: Any]])
        let outstanding = open.filter { $0["kind"] as? String == "outstanding" }
            .map { "\($0["party"] as? String ?? "") \($0["year"] as? Int ?? 0)" }
        #expect(outstanding.contains("HUDDINGE 2027"))
        #expect(!outstanding.contains("SLL 2027"))
        #expect(outstanding.contains("SLL 2029"))

        // Signatories and attachments: added, then withdrawn with a reason; the bytes stay.
        #expect(try decreg.run(
            "signatory", "add", "SKOLSKJUTS-2027", "--name", "Fel Person", "--title", "Kommundirektör", "--party",
            "BOTKYRKA").status == 0)
        let signatoryOutside = try decreg.run(
            "signatory", "add", "SKOLSKJUTS-2027", "--name", "Någon", "--party", "SALEM")
        #expect(signatoryOutside.status == 2)
        #expect(try decreg.run(
            "signatory", "withdraw", "SKOLSKJUTS-2027", "1", "--reason", "fel person").status == 0)
        let file = try decreg.write("avtal.txt", "Avtal om skolskjuts\n")
        #expect(try decreg.run("attach", "add", "SKOLSKJUTS-2027", file, "--label", "Bilaga 1").status == 0)
        #expect(try decreg.run(
            "attach", "withdraw", "SKOLSKJUTS-2027", "Bilaga 1", "--reason", "fel version").status == 0)
        let show = try #require(
            try decreg.json(try decreg.run("decision", "show", "SKOLSKJUTS-2027", "--format", "json").stdout)
                as? [String: Any])
        let signatories = try #require(show["signatories"] as? [[String: Any]])
        #expect(signatories.first?["withdrawn"] as? String == "fel person")
        let attachments = try #require(show["attachments"] as? [[String: Any]])
        #expect(attachments.first?["withdrawn"] as? String == "fel version")
        let funding = try #require(show["funding"] as? [[String: Any]])
        #expect(funding.map { $0["withdrawn"] as? String } == [nil, "avtalet gäller inte 2028", nil])
        // Withdrawn items stay in view, marked, in the sheet and in the summary.
        let sheet = try decreg.run("decision", "show", "SKOLSKJUTS-2027")
        #expect(sheet.stdout.contains("  Fel Person, Kommundirektör, BOTKYRKA  (withdrawn: fel person)\n"))
        #expect(sheet.stdout.contains("  2028  total SEK 3,600,000 (split)  (withdrawn: avtalet gäller inte 2028)\n"))
        let summary = try decreg.run("summary", "SKOLSKJUTS-2027", "--lang", "sv")
        #expect(summary.stdout.contains("(makulerad: fel version)"))
        #expect(summary.stdout.contains("(makulerad: avtalet gäller inte 2028)"))
        let out = decreg.directory.appendingPathComponent("ut.txt").path
        #expect(try decreg.run("attach", "extract", "SKOLSKJUTS-2027", "Bilaga 1", "--output", out).status == 0)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "Avtal om skolskjuts\n")
        #expect(try decreg.run("audit", "verify").status == 0)
    }

    @Test("Case numbers, parties and the summary are corrected by hand; parties and bodies too")
    func decisionAndCatalogCorrections() throws {
        let decreg = try Self.schoolTransport()
        defer { decreg.remove() }
        let summary = try decreg.write("arendet.txt", "Skolskjuts för elever i Botkyrka, Huddinge och regionen.\n")
        let corrected = try decreg.run(
            "decision", "correct", "SKOLSKJUTS-2027", "--case-number", "HUDDINGE=KS-2026/77",
            "--case-number", "BOTKYRKA=KS 2026/413", "--summary-file", summary, "--reason", "diarienummer från registratorn")
        #expect(corrected.status == 0, "\(corrected.stderr)")
        let show = try #require(
            try decreg.json(try decreg.run("decision", "show", "SKOLSKJUTS-2027", "--format", "json").stdout)
                as? [String: Any])
        #expect(show["case_numbers"] as? [String: String] == ["BOTKYRKA": "KS 2026/413", "HUDDINGE": "KS-2026/77"])
        #expect(show["summary"] as? String == "Skolskjuts för elever i Botkyrka, Huddinge och regionen.\n")
        // A party with a share cannot be taken off; one without can.
        try Self.expectRefused(
            decreg, ["decision", "correct", "SKOLSKJUTS-2027", "--party", "BOTKYRKA", "HUDDINGE", "--reason", "r"],
            "--party: SLL has a share of 2027: correct or withdraw that funding first")
        try Self.expectRefused(
            decreg, ["decision", "correct", "SKOLSKJUTS-2027", "--case-number", "SALEM=1", "--reason", "r"],
            "--case-number: SKOLSKJUTS-2027 does not bind SALEM (it binds BOTKYRKA, HUDDINGE, SLL); add the party to the decision first (decreg decision correct SKOLSKJUTS-2027 --party …)")

        #expect(try decreg.run(
            "party", "correct", "SALEM", "--name", "Salems kommun (Rönninge)", "--reason", "namnbyte").status == 0)
        let parties = try decreg.run("party", "list", "--format", "csv").stdout
        #expect(parties.contains("SALEM,Salems kommun (Rönninge),municipality,\r\n"))
        try Self.expectRefused(
            decreg, ["party", "correct", "SALEM", "--org-number", "212000-0142", "--reason", "r"],
            "--org-number: HUDDINGE has the organisation number 212000-0142 already: one organisation is one party; correct the number, or use HUDDINGE")
        #expect(try decreg.run(
            "body", "correct", "HUD-KF", "--name", "Huddinge kommunfullmäktige", "--reason", "rätt namn").status == 0)
        #expect(try decreg.run("audit", "verify").status == 0)
        let log = try decreg.run("audit", "log", "--format", "json").stdout
        #expect(log.contains("namnbyte"))
    }
}

@Suite("Checks at entry apply to imports too")
struct ImportEntryCheckTests {
    @Test("An import's payment from a party the decision does not bind is refused by file and line; a future date is a warning")
    func importedPayments() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let stray = try decreg.write("stray.yaml", """
            payments:
              - {decision: FLEMINGSBERG-2007, party: HUDDINGE, year: 2008, date: 2008-03-01, amount: 1 MKr}
              - {decision: FLEMINGSBERG-2007, party: SALEM, year: 2008, date: 2008-03-01, amount: 1 kr}

            """)
        let before = try decreg.export()
        let refused = try decreg.run("import", stray)
        #expect(refused.status == 2)
        #expect(refused.stderr == "decreg: \(stray):3: payments[1].party: FLEMINGSBERG-2007 does not bind SALEM (it binds SLL, HUDDINGE, BOTKYRKA): a payment is made by one of its parties\n")
        #expect(try decreg.export() == before)

        let future = try decreg.write("future.yaml", """
            payments:
              - {decision: FLEMINGSBERG-2007, party: HUDDINGE, year: 2008, date: 2999-03-01, amount: 1 MKr}

            """)
        let warned = try decreg.run("import", future)
        #expect(warned.status == 0)
        #expect(warned.stderr.hasPrefix("decreg: warning: \(future): payments[0]: the payment's date 2999-03-01 is in the future"))
    }
}

@Suite("Parties and bodies in Swedish")
struct CatalogueLanguageTests {
    @Test("--kind takes the Swedish words; the lists show kinds in the language asked for")
    func swedishKinds() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("party", "add", "NACKA", "--name", "Nacka kommun", "--kind", "kommun").status == 0)
        #expect(try decreg.run(
            "body", "add", "NACKA-KF", "--name", "Kommunfullmäktige i Nacka", "--kind", "fullmäktige", "--party",
            "NACKA").status == 0)
        #expect(try decreg.run("party", "list", "--format", "csv").stdout.contains("NACKA,Nacka kommun,municipality,"))
        let parties = try decreg.run("party", "list", "--lang", "sv").stdout
        #expect(parties.contains("NACKA  Nacka kommun  kommun"))
        let bodies = try decreg.run("body", "list", "--lang", "sv").stdout
        #expect(bodies.contains("NACKA-KF  Kommunfullmäktige i Nacka  fullmäktige  NACKA"))
        let english = try decreg.run("body", "list").stdout
        #expect(english.contains("NACKA-KF  Kommunfullmäktige i Nacka  assembly  NACKA"))
    }
}

@Suite("CSV a finance officer opens in a spreadsheet")
struct CSVFormulaTests {
    @Test("A title that reads as a formula is written with a ' before it in decision list's CSV")
    func formulaTitle() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        #expect(try decreg.run(
            "decision", "add", "ELAK-1", "--title", "=HYPERLINK(\"http://x\")", "--date", "2020-01-01", "--party",
            "SLL").status == 0)
        let csv = try decreg.run("decision", "list", "--format", "csv").stdout
        #expect(csv.contains("ELAK-1,2020-01-01,draft,SLL,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n"))
        // Every CSV output takes the same switches: raw cells for a program, and the separator.
        let raw = try decreg.run("decision", "list", "--format", "csv", "--csv-raw", "--csv-sep", ";").stdout
        #expect(raw.contains("ELAK-1;2020-01-01;draft;SLL;\"=HYPERLINK(\"\"http://x\"\")\"\r\n"))
        #expect(try decreg.run(
            "payment", "add", "ELAK-1", "--party", "SLL", "--year", "2020", "--date", "2020-02-01", "--amount", "1 kr",
            "--reference", "@SUM(A1)").status == 2)  // the decision funds no year: refused, nothing to list
        #expect(try decreg.run(
            "funding", "set", "ELAK-1", "--year", "2020", "--total", "1 kr", "--share", "SLL=1 kr").status == 0)
        #expect(try decreg.run(
            "payment", "add", "ELAK-1", "--party", "SLL", "--year", "2020", "--date", "2020-02-01", "--amount", "1 kr",
            "--reference", "@SUM(A1)").status == 0)
        let payments = try decreg.run("payment", "list", "ELAK-1", "--format", "csv").stdout
        #expect(payments.hasSuffix(",ELAK-1,SLL,2020,2020-02-01,1.00,'@SUM(A1),\r\n"))
        let rawPayments = try decreg.run("payment", "list", "ELAK-1", "--format", "csv", "--csv-raw").stdout
        #expect(rawPayments.hasSuffix(",ELAK-1,SLL,2020,2020-02-01,1.00,@SUM(A1),\r\n"))
    }
}

@Suite("An import's warnings")
struct ImportWarningTests {
    @Test("Past 50 warnings an import prints the first 50 and how many more")
    func capped() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let lines = (1...53).map {
            "  - {decision: FLEMINGSBERG-2007, party: SLL, year: 2008, date: 2999-01-01, amount: 1 kr, reference: R\($0)}"
        }
        let file = try decreg.write("many.yaml", "payments:\n" + lines.joined(separator: "\n") + "\n")
        let result = try decreg.run("import", file)
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n")
        #expect(warnings.count == 51)
        #expect(warnings.first?.hasPrefix("decreg: warning: \(file): payments[0]: the payment's date 2999-01-01") == true)
        #expect(warnings.last == "decreg: warning: … and 3 more like these")
    }
}
