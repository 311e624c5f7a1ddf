import Foundation
import Testing

@Suite("Refused input leaves the register unchanged")
struct RefusalTests {
    /// An import file with one flaw, and the one line decreg must print for it (`FILE` stands for the path).
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var yaml: String
        var message: String
        var testDescription: String { name }
    }

    static let base = """
        parties:
          - {code: SLL, name: Stockholms läns landsting, kind: region, org_number: 232100-0016}
          - {code: HUDDINGE, name: Huddinge kommun, kind: municipality, org_number: 212000-0142}
        bodies:
          - {code: HUD-KF, name: Kommunfullmäktige i Huddinge, kind: assembly, parties: [HUDDINGE]}

        """

    static func decision(ref: String = "NEW-2008", date: String = "2008-01-15", parties: String = "[SLL, HUDDINGE]",
                         total: String = "2 MKr", share: String = "1 MKr", extra: String = "") -> String {
        """
        decisions:
          - ref: \(ref)
            title: Ny gemensam satsning
            date: \(date)
            parties: \(parties)
            clauses: [att anslå medel]
            funding:
              - year: 2008
                total: \(total)
                shares:
                  SLL: \(share)
                  HUDDINGE: 1 MKr
        \(extra)
        """
    }

    static let cases: [Case] = [
        Case(name: "unknown unit", yaml: base + decision(total: "2 Mkrr"),
             message: "FILE:14: decisions[0].funding[0].total: unknown unit 'Mkrr': use kr, tkr, MKr, mnkr, mdkr or a currency code such as SEK, MSEK, EUR"),
        Case(name: "impossible date", yaml: base + decision(date: "2008-02-30"),
             message: "FILE:9: decisions[0].date: '2008-02-30' is not a day in the calendar"),
        Case(name: "unknown party", yaml: base + decision(parties: "[SLL, NACKA]"),
             message: "FILE:10: decisions[0].parties[1]: unknown party 'NACKA': add it first (decreg party add NACKA --name …)"),
        Case(name: "negative amount", yaml: base + decision(share: "-1 MKr"),
             message: "FILE:16: decisions[0].funding[0].shares.SLL: negative amount '-1 MKr': amounts are recorded as positive sums"),
        Case(name: "bad check digit",
             yaml: "parties:\n  - {code: SLL, name: Stockholms läns landsting, org_number: 232100-0017}\n",
             message: "FILE:2: parties[0].org_number: organisation number '232100-0017' has a wrong check digit (the last digit should be 6)"),
        Case(name: "missing attachment file",
             yaml: base + decision(extra: "    attachments:\n      - {label: Bilaga 1, file: bilagor/saknas.pdf}"),
             message: "FILE:19: decisions[0].attachments[0].file: cannot read attachment file 'bilagor/saknas.pdf': no such file"),
        Case(name: "YAML syntax error", yaml: base + "decisions:\n  - ref: X\n    title: [unclosed\n",
             message: "FILE:9: syntax error: while parsing a flow sequence, did not find expected ',' or ']'"),
        Case(name: "duplicate ref", yaml: base + decision(ref: "FLEMINGSBERG-2007"),
             message: "FILE:7: decisions[0].ref: decision 'FLEMINGSBERG-2007' exists already"),
        Case(name: "party declared differently",
             yaml: "parties:\n  - {code: SLL, name: Region Stockholm, kind: region, org_number: 232100-0016}\n",
             message: "FILE:2: parties[0]: party 'SLL' exists already with other details (name 'Stockholms läns landsting' ≠ 'Region Stockholm')"),
        Case(name: "decimal comma inside braces", yaml: base + "decisions:\n  - {ref: X, title: T, date: 2008-01-01, parties: [SLL], funding: [{year: 2008, total: 2,5 MKr, shares: {SLL: 1 kr}}]}\n",
             message: "FILE:7: decisions[0].funding[0].5 MKr: '5 MKr' has no value: inside { } a comma separates entries, so a decimal comma splits an amount such as 2,5 MKr in two; quote it (\"2,5 MKr\") or write it on its own line"),
        Case(name: "unknown field", yaml: base + decision(extra: "    budget: 5"),
             message: "FILE:18: decisions[0].budget: unknown field 'budget'; expected one of: ref, title, date, parties, case_numbers, summary, clauses, funding, steps, signatories, attachments, currency, withdrawn, appeals"),
        Case(name: "split not summing to 100 %",
             yaml: base + "decisions:\n  - ref: X\n    title: T\n    date: 2008-01-01\n    parties: [SLL, HUDDINGE]\n    funding:\n      - year: 2008\n        total: 1 MKr\n        split: {SLL: 60 %, HUDDINGE: 30 %}\n",
             message: "FILE:14: decisions[0].funding[0].split: the parts of the split sum to 90 %, not to the whole (100 % or 1)"),
    ]

    @Test("Each flaw is refused with exit 2, one line naming file, line and field, and nothing written",
          arguments: cases)
    func refused(_ flaw: Case) throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let before = try decreg.export()
        let file = try decreg.write("flaw.yaml", flaw.yaml)
        // A good file first in the same call: all or nothing means it is not recorded either.
        let good = try decreg.write("good.yaml", Self.base + "  - {code: HUD-SN, name: Socialnämnden i Huddinge, kind: committee, parties: [HUDDINGE]}\n")
        let result = try decreg.run("import", good, file)
        #expect(result.status == 2)
        #expect(result.stderr == "decreg: " + flaw.message.replacingOccurrences(of: "FILE", with: file) + "\n")
        #expect(result.stdout.isEmpty)
        #expect(try decreg.export() == before)
    }

    @Test("Commands refuse bad values, naming the option, and write nothing")
    func commandRefusals() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let before = try decreg.export()
        let cases: [([String], String)] = [
            (["party", "add", "NACKA", "--name", "Nacka kommun", "--org-number", "212000-0168"],
             "decreg: --org-number: organisation number '212000-0168' has a wrong check digit (the last digit should be 7)\n"),
            (["decision", "add", "D-1", "--title", "T", "--date", "2007-13-01", "--party", "SLL"],
             "decreg: --date: '2007-13-01' is not a day in the calendar\n"),
            (["decision", "add", "D-1", "--title", "T", "--date", "2007-12-01", "--party", "SLL", "NACKA"],
             "decreg: --party: unknown party 'NACKA': add it first (decreg party add NACKA --name …)\n"),
            (["decision", "add", "FLEMINGSBERG-2007", "--title", "T", "--date", "2007-12-01", "--party", "SLL"],
             "decreg: ref: decision 'FLEMINGSBERG-2007' exists already\n"),
            (["step", "add", "FLEMINGSBERG-2007", "--body", "NACKA-KF", "--date", "2007-09-17", "--outcome", "adopted"],
             "decreg: --body: unknown body 'NACKA-KF': add it first (decreg body add NACKA-KF --name … --party …)\n"),
            (["step", "add", "NOPE", "--body", "HUD-KS", "--date", "2007-09-17", "--outcome", "adopted"],
             "decreg: no decision 'NOPE' in the register\n"),
            (["funding", "set", "FLEMINGSBERG-2007", "--year", "2009", "--total", "1 MKr", "--split", "SLL=50%",
              "--split", "HUDDINGE=40%"],
             "decreg: --split: the parts of the split sum to 90 %, not to the whole (100 % or 1)\n"),
            (["funding", "set", "FLEMINGSBERG-2007", "--year", "2009", "--total", "1 Mkrr", "--share", "SLL=1MKr"],
             "decreg: --total: unknown unit 'Mkrr': use kr, tkr, MKr, mnkr, mdkr or a currency code such as SEK, MSEK, EUR\n"),
            (["payment", "add", "FLEMINGSBERG-2007", "--party", "SLL", "--year", "2008", "--date", "2008-03-01",
              "--amount=-5 kr"],
             "decreg: --amount: negative amount '-5 kr': amounts are recorded as positive sums\n"),
            (["attach", "add", "FLEMINGSBERG-2007", "missing.pdf", "--label", "Bilaga 5"],
             "decreg: cannot read missing.pdf: no such file\n"),
        ]
        for (arguments, message) in cases {
            let result = try decreg.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr == message)
        }
        #expect(try decreg.export() == before)
    }

    @Test("Commands on a missing register say how to make one")
    func missingRegister() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        let result = try decreg.run("decision", "list")
        #expect(result.status == 2)
        #expect(result.stderr == "decreg: no register at \(decreg.db): create one with `decreg init`, or name it with --db or DECREG_DB\n")
        #expect(!FileManager.default.fileExists(atPath: decreg.db))
        #expect(try decreg.run("init").status == 0)
        #expect(try decreg.run("init").status == 2)
    }

    /// Output cut short must not look like success: a full disk is said, with status 2.
    @Test("Output that cannot be written ends the command with status 2 and says why", arguments: [
        ["decision", "show", "FLEMINGSBERG-2007"], ["summary", "FLEMINGSBERG-2007"], ["decision", "list"], ["export"],
    ])
    func unwritableOutput(arguments: [String]) throws {
        let decreg = try Decreg()
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let result = try decreg.run(arguments, output: try #require(FileHandle(forWritingAtPath: "/dev/full")))
        #expect(result.status == 2)
        #expect(result.stderr == "decreg: cannot write the output: the disk is full\n")
    }

    /// A change that is committed stays a success when its confirmation cannot be printed: a script that retried
    /// on failure would otherwise record it twice.
    @Test("A recorded change whose confirmation cannot be printed exits 0 and says so on stderr")
    func unwritableConfirmation() throws {
        let decreg = try Decreg()
        let result = try decreg.run(
            ["party", "add", "NACKA", "--name", "Nacka kommun", "--kind", "municipality"],
            output: try #require(FileHandle(forWritingAtPath: "/dev/full")))
        #expect(result.status == 0)
        #expect(result.stderr == "decreg: the change is recorded, but its confirmation could not be written: the disk is full\n")
        #expect(try decreg.run("party", "list").stdout.contains("NACKA"))
    }

    /// `decreg export | head`: the reader went away. With SIGPIPE ignored by the caller (as here, by the shell's
    /// trap) decreg sees EPIPE and ends as SIGPIPE would have ended it, without a message.
    @Test("A closed pipe ends the output quietly with status 141")
    func closedPipe() throws {
        let decreg = try Decreg()
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        // An export far larger than a pipe holds, so that decreg is still writing when the reader has gone.
        let big = try decreg.write("bilaga.txt", String(repeating: "Utvecklingsprogram för Flemingsberg. ", count: 40_000))
        #expect(try decreg.run("attach", "add", "FLEMINGSBERG-2007", big, "--label", "Bilaga 9").status == 0)
        let script = #"trap "" PIPE; "$0" export --db "$1" 2>"$2" | head -c 1 >/dev/null; echo "${PIPESTATUS[0]}""#
        let result = try decreg.shell(script, arguments: [Decreg.binary.path, decreg.db, decreg.directory.path + "/err"])
        #expect(result == "141\n")
        #expect(try String(contentsOfFile: decreg.directory.path + "/err", encoding: .utf8) == "")
    }
}
