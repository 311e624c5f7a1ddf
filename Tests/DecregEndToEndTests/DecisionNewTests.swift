import DecregDomain
@testable import decreg
import Foundation
import Testing

/// `decision new` driven by a scripted `$EDITOR`, through the real binary.
@Suite("Guided entry: decision new")
struct DecisionNewTests {
    /// A register holding the seed decision's parties and bodies, and an editor script that keeps each text it is
    /// given (`seen-1.yaml`, `seen-2.yaml`, …) and then runs `action` on the file (`$1`).
    static func setUp(action: String) throws -> (Decreg, environment: [String: String?]) {
        let decreg = try Decreg()
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let script = try decreg.write(
            "editor.sh",
            """
            #!/bin/sh
            n=$(cat "\(decreg.directory.path)/count" 2>/dev/null || echo 0)
            n=$((n + 1))
            echo $n > "\(decreg.directory.path)/count"
            cp "$1" "\(decreg.directory.path)/seen-$n.yaml"
            \(action)

            """)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
        return (decreg, ["EDITOR": script, "VISUAL": nil])
    }

    func seen(_ decreg: Decreg, _ round: Int) throws -> String {
        try String(contentsOf: decreg.directory.appendingPathComponent("seen-\(round).yaml"), encoding: .utf8)
    }

    static let good = """
        decisions:
          - ref: NY-2010
            title: Marknadsföring av Flemingsberg 2010
            date: 2009-11-20
            parties: [SLL, HUDDINGE, BOTKYRKA]
            case_numbers: {SLL: LS 0911-0101, HUDDINGE: KS-2009/55}
            summary: Parterna ger ut magasinet Fokus Flemingsberg.
            clauses:
              - att ge ut magasinet Fokus Flemingsberg
            funding:
              - year: 2010
                total: 1 000 000 kr
                split: {SLL: 1/3, HUDDINGE: 1/3, BOTKYRKA: 1/3}
            steps:
              - {body: FLEM-PS, date: 2009-11-20, outcome: approved}
            signatories:
              - {name: Göran Stiernstedt, title: Landstingsdirektör, party: SLL}
            attachments:
              - {label: Bilaga 1, title: Plan, file: plan.txt}

        """

    static let bad = """
        decisions:
          - ref: NY-2010
            title: Marknadsföring av Flemingsberg 2010
            date: 2009-13-20
            parties: [SLL, HUDDINGE, BOTKYRKA]
            funding:
              - year: 2010
                total: 1 Mkrr
                split: {SLL: 1/3, HUDDINGE: 1/3, BOTKYRKA: 1/3}

        """

    @Test("The template is written, filled in, checked and recorded; what was added is shown")
    func success() throws {
        let (decreg, environment) = try Self.setUp(action: "cat good.yaml > \"$1\"")
        defer { decreg.remove() }
        _ = try decreg.write("good.yaml", Self.good)
        _ = try decreg.write("plan.txt", "Planen.\n")
        let trail = try decreg.run("audit", "log", "--format", "csv").stdout
        let result = try decreg.run(["decision", "new", "NY-2010"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty)
        #expect(try seen(decreg, 1) == DecisionTemplate.text(ref: "NY-2010", language: .en))
        let show = try decreg.run("decision", "show", "NY-2010")
        #expect(result.stdout == "Added decision NY-2010\n" + show.stdout)
        #expect(show.stdout.contains("Bilaga 1"))
        // One entry more in the trail, for the decision.
        let after = try decreg.run("audit", "log", "--format", "csv").stdout
        #expect(after.hasPrefix(trail))
        #expect(after.dropFirst(trail.count).split(whereSeparator: \.isNewline).count == 1)
        #expect(after.contains(",decreg decision new NY-2010 --db \(decreg.db),decision,NY-2010,"))
    }

    @Test("A file with problems is opened again with them at the top, the text kept below, until it is right")
    func reopened() throws {
        let (decreg, environment) = try Self.setUp(
            action: "if [ $n = 1 ]; then cat bad.yaml > \"$1\"; else cat good.yaml > \"$1\"; fi")
        defer { decreg.remove() }
        _ = try decreg.write("good.yaml", Self.good)
        _ = try decreg.write("bad.yaml", Self.bad)
        _ = try decreg.write("plan.txt", "Planen.\n")
        let result = try decreg.run(["decision", "new", "--lang", "en"], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try seen(decreg, 1) == DecisionTemplate.text(ref: nil, language: .en))
        // Three lines are put at the top, so the date (line 4 of the text) stands on line 7.
        #expect(
            try seen(decreg, 2) == """
                #! Not recorded: put right what is below and save again (empty the file to cancel).
                #! line 7: decisions[0].date: '2009-13-20' is not a day in the calendar
                #! line 11: decisions[0].funding[0].total: unknown unit 'Mkrr': use kr, tkr, MKr, mnkr, mdkr or a currency code such as SEK, MSEK, EUR

                """ + Self.bad)
        #expect(result.stdout.hasPrefix("Added decision NY-2010\n"))
        #expect(try decreg.run("decision", "show", "NY-2010").status == 0)
    }

    @Test(
        "An emptied file, the template or a file with its problems left as it was cancels and records nothing",
        arguments: [
            (": > \"$1\"", "the template was emptied"), ("true", "the template was left unchanged"),
            ("if [ $n = 1 ]; then cat bad.yaml > \"$1\"; fi", "the file was left unchanged after its problems were shown"),
        ])
    func cancelled(action: String, how: String) throws {
        let (decreg, environment) = try Self.setUp(action: action)
        defer { decreg.remove() }
        _ = try decreg.write("bad.yaml", Self.bad)
        let before = try decreg.export()
        let result = try decreg.run(["decision", "new", "NY-2010"], environment: environment)
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "decreg: cancelled: \(how); nothing was recorded\n")
        #expect(try decreg.export() == before)
    }

    @Test("The template speaks the language asked for")
    func swedish() throws {
        let (decreg, environment) = try Self.setUp(action: "true")
        defer { decreg.remove() }
        let result = try decreg.run(["decision", "new", "--lang", "sv"], environment: environment)
        #expect(result.status == 1)
        let template = try seen(decreg, 1)
        #expect(template == DecisionTemplate.text(ref: nil, language: .sv))
        #expect(template.hasPrefix("# Ett nytt beslut i registret."))
        let swedishByLocale = try decreg.run(["decision", "new"], environment: environment.merging(["LANG": "sv_SE.UTF-8"]) { $1 })
        #expect(swedishByLocale.status == 1)
        #expect(try seen(decreg, 2) == template)
    }

    /// The examples in the template's comments, taken in as written, make a decision the register takes: the
    /// template cannot drift from the import format.
    @Test("The template's examples, uncommented, are a decision the register takes", arguments: Language.allCases)
    func examplesImport(language: Language) throws {
        let fill = #"""
            sed -e '/^    #    (/d' -e '/^    #     /d' -e 's/^\(    [a-z_]*:\) *\[\] *#.*/\1/' \
                -e 's/^\(    case_numbers:\) *{} *#.*/\1 {SLL: LS 0706-0594, HUDDINGE: KS-2007\/123}/' \
                -e 's/^    #  /    /' -e 's/^\(    title:\).*/\1 Test/' -e 's/^\(    date:\).*/\1 2007-07-06/' \
                -e 's/^\(    parties:\).*/\1 [SLL, HUDDINGE, BOTKYRKA]/' -e 's/^\(    summary:\).*/\1 Bakgrund./' \
                "$1" > "$1.new" && mv "$1.new" "$1"
            """#
        let (decreg, environment) = try Self.setUp(action: fill)
        defer { decreg.remove() }
        _ = try decreg.write("bilaga-1.txt", "Utvecklingsprogram\n")
        let result = try decreg.run(["decision", "new", "EXEMPEL-1", "--lang", language.rawValue], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try decreg.json(try decreg.run("decision", "show", "EXEMPEL-1", "--format", "json").stdout)
        let decision = try #require(json as? [String: Any])
        for field in ["case_numbers", "clauses", "funding", "steps", "signatories", "attachments"] {
            let value = decision[field]
            let count = (value as? [Any])?.count ?? (value as? [String: Any])?.count ?? 0
            #expect(count > 0, "\(field) is empty")
        }
    }
}
