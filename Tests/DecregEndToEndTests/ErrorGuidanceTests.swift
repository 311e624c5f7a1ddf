import Foundation
import Testing

/// Issue 15, "errors a person can act on": the nearest known keys, every problem of an import file in one run,
/// the valid commands, and global options before the command.
@Suite("Errors a person can act on")
struct ErrorGuidanceTests {
    @Test("An unknown party, body or decision suggests the nearest known ones")
    func suggestions() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let before = try decreg.export()

        let payment = try decreg.run(
            "payment", "add", "FLEMINGSBERG-2007", "--party", "SALLEM", "--year", "2008", "--date", "2008-03-01",
            "--amount", "1 MKr")
        #expect(payment.status == 2)
        #expect(
            payment.stderr
                == "decreg: --party: unknown party 'SALLEM': did you mean SALEM? (decreg party list shows them all; add "
                + "a new one with decreg party add SALLEM --name …)\n")

        let show = try decreg.run("decision", "show", "FLEMINGSBERG-207")
        #expect(show.status == 2)
        #expect(show.stderr == "decreg: no decision 'FLEMINGSBERG-207': did you mean FLEMINGSBERG-2007?\n")

        let lower = try decreg.run("decision", "show", "flemingsberg-2009")
        #expect(lower.stderr == "decreg: no decision 'flemingsberg-2009': did you mean FLEMINGSBERG-2009?\n")

        let unlike = try decreg.run("decision", "show", "NOTHING-LIKE-IT")
        #expect(unlike.stderr == "decreg: no decision 'NOTHING-LIKE-IT' in the register\n")

        let label = try decreg.run("attach", "extract", "FLEMINGSBERG-2007", "bilaga 1", "--output", "b.txt")
        #expect(label.status == 2)
        #expect(label.stderr == "decreg: unknown attachment 'bilaga 1': did you mean Bilaga 1?\n")

        let totals = try decreg.run("totals", "--party", "huddinge")
        #expect(totals.status == 2)
        #expect(
            totals.stderr
                == "decreg: --party: unknown party 'huddinge': did you mean HUDDINGE? (decreg party list shows them "
                + "all; add a new one with decreg party add huddinge --name …)\n")
        #expect(try decreg.export() == before)
    }

    /// Problems of reading (a bad check digit, date or unit) and refusals of the register (a ref taken, unknown
    /// keys, a payment for a year not funded, checked after the first problem as before it) in six entities, in the order of the file's lines; a decision with a bad date is still checked for
    /// its parties. A party that cannot be read is still taken as declared: the body of it is not refused for that
    /// too.
    static let badImport = """
        parties:
          - {code: NACKA, name: Nacka kommun, kind: municipality, org_number: 212000-0168}
        bodies:
          - {code: NAC-KF, name: Kommunfullmäktige i Nacka, kind: assembly, parties: [NACKA]}
        decisions:
          - ref: FLEMINGSBERG-2007
            title: Samma igen
            date: 2007-07-06
            parties: [SLL, HUDINGE]
          - ref: NY-2010
            title: Nytt beslut
            date: 2010-02-30
            parties: [SLL, HUDDINGEE]
            funding:
              - year: 2010
                total: 2,5 Mkrr
                shares: {SLL: "2,5 MKr"}
            steps:
              - {body: NAC-KF, date: 2010-03-01, outcome: proposed}
        payments:
          - {decision: FLEMINGSBERG-207, party: SLL, year: 2008, date: 2008-03-01, amount: 1 MKr}
          - {decision: NY-2010, party: BOTKYKRA, year: 2010, date: 2010-03-01, amount: 1 MKr}
          - {decision: FLEMINGSBERG-2007, party: SLL, year: 2011, date: 2011-03-01, amount: 1 MKr}

        """

    @Test("An import file reports all its problems in one run, in the order of its lines, and records nothing")
    func allProblemsOfAnImport() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let export = try decreg.export()
        let trail = try decreg.run("audit", "log", "--format", "json").stdout
        let good = try decreg.write("good.yaml", "parties:\n  - {code: SALEM, name: Salems kommun}\n")
        let bad = try decreg.write("bad.yaml", Self.badImport)
        let result = try decreg.run("import", good, bad)
        #expect(result.status == 2)
        #expect(result.stdout.isEmpty)
        let expected = [
            "\(bad):2: parties[0].org_number: organisation number '212000-0168' has a wrong check digit (the last "
                + "digit should be 7)",
            "\(bad):6: decisions[0].ref: decision 'FLEMINGSBERG-2007' exists already",
            "\(bad):9: decisions[0].parties[1]: unknown party 'HUDINGE': did you mean HUDDINGE? (decreg party list "
                + "shows them all; add a new one with decreg party add HUDINGE --name …)",
            "\(bad):12: decisions[1].date: '2010-02-30' is not a day in the calendar",
            "\(bad):13: decisions[1].parties[1]: unknown party 'HUDDINGEE': did you mean HUDDINGE? (decreg party "
                + "list shows them all; add a new one with decreg party add HUDDINGEE --name …)",
            "\(bad):16: decisions[1].funding[0].total: \(Self.unitMessage)",
            "\(bad):21: payments[0].decision: no decision 'FLEMINGSBERG-207': did you mean FLEMINGSBERG-2007?",
            "\(bad):22: payments[1].party: unknown party 'BOTKYKRA': did you mean BOTKYRKA? (decreg party list shows "
                + "them all; add a new one with decreg party add BOTKYKRA --name …)",
            "\(bad):23: payments[2].year: FLEMINGSBERG-2007 does not fund 2011 (it funds 2008): pay towards a funded "
                + "year, or set the year's funding first (decreg funding set)",
        ]
        #expect(result.stderr == expected.map { "decreg: " + $0 + "\n" }.joined())
        #expect(try decreg.export() == export)
        #expect(try decreg.run("audit", "log", "--format", "json").stdout == trail)
        #expect(try decreg.run("audit", "verify").status == 0)
    }

    /// What the amount parser says of an unknown unit, as the import says it.
    static let unitMessage = "unknown unit 'Mkrr': use kr, tkr, MKr, mnkr, mdkr or a currency code such as SEK, MSEK, EUR"

    @Test("At most 50 problems are written, then how many more there are")
    func fiftyProblems() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let payments = (1...60).map {
            "  - {decision: FLEMINGSBERG-2007, party: SLL, year: 2008, date: 2008-03-01, amount: \($0)x}"
        }
        let file = try decreg.write("many.yaml", "payments:\n" + payments.joined(separator: "\n") + "\n")
        let result = try decreg.run("import", file)
        #expect(result.status == 2)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 51)
        #expect(lines.first?.hasPrefix("decreg: \(file):2: payments[0].amount: ") == true)
        #expect(lines[49].hasPrefix("decreg: \(file):51: payments[49].amount: "))
        #expect(lines.last == "decreg: … and 10 more")
    }

    @Test("An unknown command lists the valid ones, at the first level and the second")
    func unknownCommand() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        let top = try decreg.run(["decison", "list"], useDB: false)
        #expect(top.status == 2)
        #expect(
            top.stderr
                == "decreg: unknown command 'decison': did you mean decision? The commands are: init, import, export, "
                + "party, body, decision, step, funding, payment, signatory, attach, totals, reconcile, deadlines, appeal, audit, check, "
                + "backup, copy, grant, upgrade, summary, report, serve, account, log\n")
        let second = try decreg.run("decision", "lst")
        #expect(second.status == 2)
        #expect(
            second.stderr
                == "decreg: unknown command 'decision lst': did you mean list? The decision commands are: add, new, "
                + "show, list, correct, withdraw\n")
        let nothingNear = try decreg.run(["frobnicate"], useDB: false)
        #expect(nothingNear.stderr.hasPrefix("decreg: unknown command 'frobnicate': The commands are: init, "))
    }

    @Test("Global options may stand before the command: a read and a write give the same either way")
    func globalOptionsFirst() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        let created = try decreg.run(["--db", decreg.db, "init"], useDB: false)
        #expect(created.status == 0)
        #expect(try decreg.run(["--db=\(decreg.db)", "import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")], useDB: false).status == 0)

        for options in [["--lang", "sv"], ["--format", "json"], ["--lang=en"]] {
            let before = try decreg.run(["--db", decreg.db] + options + ["decision", "show", "FLEMINGSBERG-2007"], useDB: false)
            let after = try decreg.run(["decision", "show", "FLEMINGSBERG-2007"] + options)
            #expect(before.status == 0)
            #expect(before.stdout == after.stdout)
            #expect(!before.stdout.isEmpty)
        }
        let listBefore = try decreg.run(["--format", "json", "--db", decreg.db, "decision", "list"], useDB: false)
        #expect(listBefore.stdout == (try decreg.run("decision", "list", "--format", "json")).stdout)

        let step = [
            "step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-17", "--outcome", "adopted",
        ]
        let first = try decreg.run(["--actor", "anna", "--db", decreg.db] + step, useDB: false)
        #expect(first.status == 0)
        let second = try decreg.run(step + ["--actor", "anna"])
        #expect(second.status == 0)
        #expect(first.stdout == second.stdout)
        let log = try decreg.run("audit", "log", "--format", "csv").stdout.split(whereSeparator: \.isNewline)
        try #require(log.count >= 3)
        // The trail records the command as typed, the options where they were written.
        #expect(log[log.count - 2].contains(",anna,decreg --actor anna --db \(decreg.db) step add FLEMINGSBERG-2007 "))
        #expect(log[log.count - 1].contains(",anna,decreg step add FLEMINGSBERG-2007 --body HUD-KF "))
    }

    @Test("A global option before a command that does not take it is refused, saying so")
    func globalOptionNotTaken() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        let result = try decreg.run(["--format", "json", "--db", decreg.db, "backup", "copy.sqlite"], useDB: false)
        #expect(result.status == 2)
        #expect(
            result.stderr
                == "decreg: --format: decreg backup has no --format option; it was written before the command, where "
                + "only the commands that take it accept it\n")
        let nothing = try decreg.run(["--db", decreg.db], useDB: false)
        #expect(nothing.status == 2)
        #expect(nothing.stderr.hasPrefix("decreg: no command after --db: the commands are: init, import, export, "))
        let actor = try decreg.run(["--actor", "anna", "audit", "log"])
        #expect(actor.status == 2)
        #expect(
            actor.stderr
                == "decreg: --actor: before the command it names who acts, but audit log's --actor selects the entries "
                + "of one actor: write it after `audit log`\n")
    }
}
