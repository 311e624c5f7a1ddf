import Foundation
import Testing

/// Refusals, errors and warnings in the language of the run (issue 15 item 6): `--lang`, else a Swedish or English
/// locale, else the register's own language; each case worded exactly, in Swedish and still in English.
@Suite("Refusals, errors and warnings in Swedish and English")
struct SwedishErrorsTests {
    /// A command that fails, and what it prints on standard error in each language.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var arguments: [String]
        var sv: String
        var en: String
        var status: Int32 = 2
        var testDescription: String { name }
    }

    static let payment = ["payment", "add", "FLEMINGSBERG-2007", "--year", "2008", "--date", "2008-02-01"]

    static let cases: [Case] = [
        Case(
            name: "an unknown party, with a suggestion",
            arguments: payment + ["--party", "HUDINGE", "--amount", "1 MKr"],
            sv: "decreg: --party: okänd part 'HUDINGE': menade du HUDDINGE? (decreg party list visar alla; lägg till "
                + "en ny med decreg party add HUDINGE --name …)",
            en: "decreg: --party: unknown party 'HUDINGE': did you mean HUDDINGE? (decreg party list shows them all; "
                + "add a new one with decreg party add HUDINGE --name …)"),
        Case(
            name: "a payment from a party the decision does not bind",
            arguments: payment + ["--party", "NACKA", "--amount", "1 MKr"],
            sv: "decreg: --party: FLEMINGSBERG-2007 binder inte NACKA (det binder SLL, HUDDINGE, BOTKYRKA): en "
                + "betalning görs av en av beslutets parter",
            en: "decreg: --party: FLEMINGSBERG-2007 does not bind NACKA (it binds SLL, HUDDINGE, BOTKYRKA): a payment "
                + "is made by one of its parties"),
        Case(
            name: "a withdrawal without a reason",
            arguments: ["decision", "withdraw", "FLEMINGSBERG-2007", "--reason", " "],
            sv: "decreg: --reason: ange skälet (--reason): en rättelse är själv en daterad, signerad post",
            en: "decreg: --reason: give the reason (--reason): a correction is itself a dated, signed entry"),
        Case(
            name: "an identical payment without --again",
            arguments: payment + ["--party", "SLL", "--amount", "2 MKr", "--reference", "F-1"],
            sv: "decreg: --again: samma betalning (SLL, 2008, 2008-02-01, 2 000 000 kr, F-1) är redan registrerad: "
                + "ange --again för att registrera den en gång till",
            en: "decreg: --again: the same payment (SLL, 2008, 2008-02-01, 2 000 000 kr, F-1) is recorded already: "
                + "give --again to record it a second time"),
        Case(
            name: "a bad amount",
            arguments: payment + ["--party", "SLL", "--amount", "2 Mkrr"],
            sv: "decreg: --amount: okänd enhet 'Mkrr': använd kr, tkr, MKr, mnkr, mdkr eller en valutakod som SEK, "
                + "MSEK, EUR",
            en: "decreg: --amount: unknown unit 'Mkrr': use kr, tkr, MKr, mnkr, mdkr or a currency code such as SEK, "
                + "MSEK, EUR"),
        Case(
            name: "an unknown decision",
            arguments: ["decision", "show", "FLEMINGSBERG-2070"],
            sv: "decreg: inget beslut 'FLEMINGSBERG-2070': menade du FLEMINGSBERG-2007?",
            en: "decreg: no decision 'FLEMINGSBERG-2070': did you mean FLEMINGSBERG-2007?"),
        Case(
            name: "an unknown command",
            arguments: ["decison", "list"],
            sv: "decreg: okänt kommando 'decison': menade du decision? Kommandona är: init, import, export, party, "
                + "body, decision, step, funding, payment, signatory, attach, totals, reconcile, deadlines, appeal, audit, check, backup, "
                + "copy, grant, upgrade, summary, report, serve, account, log",
            en: "decreg: unknown command 'decison': did you mean decision? The commands are: init, import, export, "
                + "party, body, decision, step, funding, payment, signatory, attach, totals, reconcile, deadlines, appeal, audit, check, "
                + "backup, copy, grant, upgrade, summary, report, serve, account, log"),
    ]

    /// A register holding the seed decision, a party it does not bind, and SLL's payment `F-1`.
    static func prepared() throws -> Decreg {
        let decreg = try Decreg()
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        #expect(try decreg.run("party", "add", "NACKA", "--name", "Nacka kommun", "--kind", "municipality").status == 0)
        let paid = try decreg.run(payment + ["--party", "SLL", "--amount", "2 MKr", "--reference", "F-1"])
        #expect(paid.status == 0, "\(paid.stderr)")
        return decreg
    }

    @Test("Each refusal is one exact line: Swedish under --lang sv or a Swedish locale, English under --lang en",
          arguments: cases)
    func refusal(_ refused: Case) throws {
        let decreg = try Self.prepared()
        defer { decreg.remove() }
        let before = try decreg.export()
        for (language, environment, expected) in [
            ("sv", [:], refused.sv), ("en", [:], refused.en), (nil, ["LANG": "sv_SE.UTF-8"], refused.sv),
            (nil, ["LANG": "C"], refused.en), ("en", ["LC_ALL": "sv_SE.UTF-8"], refused.en),
        ] as [(String?, [String: String?], String)] {
            let result = try decreg.run(
                refused.arguments + (language.map { ["--lang", $0] } ?? []), environment: environment)
            #expect(result.status == refused.status, "\(language ?? "") \(environment)")
            #expect(result.stderr == expected + "\n", "\(language ?? "") \(environment)")
            #expect(result.stdout == "")
        }
        #expect(try decreg.export() == before)
    }

    @Test("A warning is recorded and said in the language of the run: a payment dated in the future")
    func futureDateWarning() throws {
        let decreg = try Self.prepared()
        defer { decreg.remove() }
        let future = ["payment", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--year", "2008", "--date",
                      "2099-03-01", "--amount", "1 kr"]
        let swedish = try decreg.run(future + ["--lang", "sv"])
        #expect(swedish.status == 0)
        #expect(swedish.stdout == "Registrerade betalning 2: HUDDINGE 1 kr för 2008 till FLEMINGSBERG-2007\n")
        #expect(
            swedish.stderr.hasPrefix(
                "decreg: varning: betalningens datum 2099-03-01 ligger i framtiden (i dag är det "))
        #expect(swedish.stderr.hasSuffix("); registrerat som angivet\n"))
        let english = try decreg.run(future + ["--again", "--lang", "en"])
        #expect(english.status == 0)
        #expect(english.stdout == "Recorded payment 3: HUDDINGE SEK 1 for 2008 to FLEMINGSBERG-2007\n")
        #expect(english.stderr.hasPrefix("decreg: warning: the payment's date 2099-03-01 is in the future (today is "))
        #expect(english.stderr.hasSuffix("); recorded as given\n"))
    }

    @Test("An import file's problems are said in Swedish, one line each in the order of the file")
    func importProblems() throws {
        let decreg = try Self.prepared()
        defer { decreg.remove() }
        let file = try decreg.write(
            "tva-fel.yaml",
            RefusalTests.base + RefusalTests.decision(date: "2008-02-30", total: "2 Mkrr", extra: "    budget: 5"))
        let swedish = try decreg.run(["import", file, "--lang", "sv"])
        #expect(swedish.status == 2)
        #expect(swedish.stderr == """
            decreg: \(file):9: decisions[0].date: '2008-02-30' är ingen dag i kalendern
            decreg: \(file):14: decisions[0].funding[0].total: okänd enhet 'Mkrr': använd kr, tkr, MKr, mnkr, mdkr \
            eller en valutakod som SEK, MSEK, EUR
            decreg: \(file):18: decisions[0].budget: okänt fält 'budget'; tillåtna fält är: ref, title, date, parties, \
            case_numbers, summary, clauses, funding, steps, signatories, attachments, currency, withdrawn, appeals

            """)
        let english = try decreg.run(["import", file, "--lang", "en"])
        #expect(english.status == 2)
        #expect(english.stderr == """
            decreg: \(file):9: decisions[0].date: '2008-02-30' is not a day in the calendar
            decreg: \(file):14: decisions[0].funding[0].total: unknown unit 'Mkrr': use kr, tkr, MKr, mnkr, mdkr or \
            a currency code such as SEK, MSEK, EUR
            decreg: \(file):18: decisions[0].budget: unknown field 'budget'; expected one of: ref, title, date, \
            parties, case_numbers, summary, clauses, funding, steps, signatories, attachments, currency, withdrawn, appeals

            """)
        // What the register refuses is located and worded the same way.
        let unbound = try decreg.write(
            "obunden.yaml", RefusalTests.base + RefusalTests.decision(parties: "[SLL, NACKA, HUDINGE]"))
        let refused = try decreg.run(["import", unbound, "--lang", "sv"])
        #expect(refused.stderr == """
            decreg: \(unbound):10: decisions[0].parties[2]: okänd part 'HUDINGE': menade du HUDDINGE? (decreg party \
            list visar alla; lägg till en ny med decreg party add HUDINGE --name …)

            """)
    }

    @Test("The argument parser's common refusals are in Swedish too; its help texts stay as written")
    func parserRefusals() throws {
        let decreg = try Self.prepared()
        defer { decreg.remove() }
        let missing = ["decision", "withdraw", "FLEMINGSBERG-2007"]
        let swedish = try decreg.run(missing + ["--lang", "sv"])
        #expect(swedish.status == 2)
        #expect(swedish.stderr.hasPrefix("decreg: Argument saknas: '--reason <reason>'\n"))
        #expect(swedish.stderr.contains("\nAnvändning: decreg decision withdraw "))
        #expect(swedish.stderr.hasSuffix("  Se 'decreg decision withdraw --help' för mer information.\n"))
        let english = try decreg.run(missing + ["--lang", "en"])
        #expect(english.status == 2)
        #expect(english.stderr.hasPrefix("decreg: Missing expected argument '--reason <reason>'\n"))
        #expect(try decreg.run(missing + ["--reason", "x", "--bogus"], environment: ["LANG": "sv_SE.UTF-8"]).stderr
            .hasPrefix("decreg: Okänt alternativ '--bogus'\n"))
    }

    @Test("A full disk is said in Swedish, for output and for a recorded change's confirmation")
    func unwritable() throws {
        let decreg = try Self.prepared()
        defer { decreg.remove() }
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let list = try decreg.run(["decision", "list", "--lang", "sv"], output: full)
        #expect(list.status == 2)
        #expect(list.stderr == "decreg: kan inte skriva utdata: disken är full\n")
        let added = try decreg.run(
            ["party", "add", "TYRESO", "--name", "Tyresö kommun", "--lang", "sv"], output: full)
        #expect(added.status == 0)
        #expect(added.stderr
            == "decreg: ändringen är registrerad, men dess bekräftelse kunde inte skrivas: disken är full\n")
    }

    @Test("A register set up with init --lang sv gives Swedish errors under LANG=C, before and after it is opened")
    func registerLanguage() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        #expect(try decreg.run("init", "--lang", "sv").status == 0)
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let unknown = try decreg.run(Self.payment + ["--party", "HUDINGE", "--amount", "1 MKr"])
        #expect(unknown.stderr.hasPrefix("decreg: --party: okänd part 'HUDINGE': menade du HUDDINGE?"))
        let amount = try decreg.run(Self.payment + ["--party", "SLL", "--amount", "1 Mkrr"])
        #expect(amount.stderr.hasPrefix("decreg: --amount: okänd enhet 'Mkrr'"))
        #expect(try decreg.run("decison").stderr.hasPrefix("decreg: okänt kommando 'decison'"))
        #expect(try decreg.run(["decison", "--lang", "en"]).stderr.hasPrefix("decreg: unknown command 'decison'"))

        // Without a register only --lang and the locale choose.
        let none = try Decreg(initialise: false)
        defer { none.remove() }
        #expect(try none.run("decision", "list").stderr.hasPrefix("decreg: no register at "))
        let swedish = try none.run(["decision", "list"], environment: ["LANG": "sv_SE.UTF-8"])
        #expect(swedish.status == 2)
        #expect(swedish.stderr == "decreg: inget register i \(none.db): skapa ett med `decreg init`, eller ange det "
            + "med --db eller DECREG_DB\n")
        #expect(try none.run(Self.payment + ["--party", "SLL", "--amount", "1.000 kr", "--lang", "sv"]).stderr
            == "decreg: --amount: '1.000 kr' är tvetydigt: skriv 1 000 kr för tusen, eller 1,00 kr med två decimaler\n")
    }
}
