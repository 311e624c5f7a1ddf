import Foundation
import Testing

@Suite("Decision summaries and period reports, end to end")
struct SummaryTests {
    /// A register with the seed decision only, as `Fixtures/golden/summary-*` show it.
    static func seed() throws -> Decreg {
        let decreg = try Decreg()
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        return decreg
    }

    /// All fixtures, and the README's tour: Huddinge's assembly adopts its share of 2008 and pays it.
    static func tour() throws -> Decreg {
        let decreg = try Decreg()
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        #expect(try decreg.run("step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-17",
                               "--outcome", "adopted", "--minutes", "§ 87", "--amount", "2008=1 MKr").status == 0)
        #expect(try decreg.run("payment", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--year", "2008",
                               "--date", "2008-03-01", "--amount", "1 MKr", "--reference", "F-1").status == 0)
        return decreg
    }

    static func head(_ decreg: Decreg) throws -> String {
        try decreg.run("audit", "head").stdout.trimmingCharacters(in: .newlines)
    }

    /// Golden outputs hold no clock time and no path of this machine.
    static func expectPortable(_ text: String, _ decreg: Decreg) {
        #expect(!text.contains(decreg.directory.path))
        #expect(!text.contains(NSTemporaryDirectory()))
        #expect(text.range(of: #"\d\d:\d\d:\d\d"#, options: .regularExpression) == nil)
    }

    @Test(
        "The seed decision's summary, in Swedish and English, as Markdown and HTML",
        arguments: [("sv", "md"), ("sv", "html"), ("en", "md"), ("en", "html")])
    func seedSummary(lang: String, format: String) throws {
        let decreg = try Self.seed()
        defer { decreg.remove() }
        let summary = try decreg.run("summary", "FLEMINGSBERG-2007", "--lang", lang, "--format", format)
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stderr.isEmpty)
        let head = try Self.head(decreg)
        // The footer names the register's current audit head, and how to check it later.
        let (seq, hash) = (head.split(separator: " ")[0], head.split(separator: " ")[1])
        #expect(summary.stdout.contains("\(seq) \(hash)"))
        #expect(summary.stdout.contains("decreg audit verify --head \(seq):\(hash)"))
        Self.expectPortable(summary.stdout, decreg)
        try Golden.check(Golden.pinned(summary.stdout, head: head), "summary-flemingsberg-2007.\(lang).\(format)")
    }

    @Test("A report of 2008–2009 and one of Botkyrka's 2025, against their golden files")
    func reports() throws {
        let decreg = try Self.tour()
        defer { decreg.remove() }
        let head = try Self.head(decreg)
        let period = try decreg.run("report", "--from", "2008", "--to", "2009", "--lang", "sv")
        #expect(period.status == 0, "\(period.stderr)")
        Self.expectPortable(period.stdout, decreg)
        try Golden.check(Golden.pinned(period.stdout, head: head), "report-2008-2009.sv.md")

        let party = try decreg.run(
            "report", "--year", "2025", "--party", "BOTKYRKA", "--lang", "en", "--format", "html")
        #expect(party.status == 0, "\(party.stderr)")
        #expect(party.stdout.contains(head.split(separator: " ")[1]))
        try Golden.check(Golden.pinned(party.stdout, head: head), "report-2025-botkyrka.en.html")
    }

    @Test("A summary follows the register: a payment shows as paid, and the footer moves to the new head")
    func followsRegister() throws {
        let decreg = try Self.seed()
        defer { decreg.remove() }
        let before = try decreg.run("summary", "FLEMINGSBERG-2007", "--lang", "sv").stdout
        #expect(before.contains("| Huddinge kommun (HUDDINGE) | 1 000 000 kr | 40 % | – | 0 kr |"))
        let oldHead = try Self.head(decreg)
        #expect(try decreg.run("payment", "add", "FLEMINGSBERG-2007", "--party", "HUDDINGE", "--year", "2008",
                               "--date", "2008-03-01", "--amount", "250 tkr").status == 0)
        let after = try decreg.run("summary", "FLEMINGSBERG-2007", "--lang", "sv").stdout
        let newHead = try Self.head(decreg)
        #expect(newHead != oldHead)
        #expect(after.contains("| Huddinge kommun (HUDDINGE) | 1 000 000 kr | 40 % | – | 250 000 kr |"))
        #expect(after.contains("- HUDDINGE har 750 000 kr kvar att betala för 2008."))
        #expect(after.contains(newHead) && !after.contains(oldHead))
    }

    @Test("--output writes the file, and overwrites it only with --force")
    func outputFile() throws {
        let decreg = try Self.seed()
        defer { decreg.remove() }
        let path = decreg.directory.appendingPathComponent("summary.html").path
        let written = try decreg.run("summary", "FLEMINGSBERG-2007", "--format", "html", "--output", path)
        #expect(written.status == 0 && written.stdout.isEmpty)
        let page = try String(contentsOfFile: path, encoding: .utf8)
        #expect(page.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        #expect(page.hasSuffix("</html>\n"))

        let again = try decreg.run("report", "--output", path)
        #expect(again.status == 2)
        #expect(again.stderr == "decreg: \(path) exists; add --force to overwrite it\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == page)
        let forced = try decreg.run("report", "--output", path, "--force")
        #expect(forced.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("# Decisions and funding, all years"))
    }

    @Test("A hostile title typed on the command line is escaped in HTML and harmless in Markdown")
    func hostileTitle() throws {
        let decreg = try Self.seed()
        defer { decreg.remove() }
        let title = #"<script>alert("x")</script> & 'quotes'"#
        #expect(try decreg.run("decision", "add", "EVIL-1", "--title", title, "--date", "2024-01-01",
                               "--party", "SLL", "--clause", "<img src=x onerror=alert(1)>").status == 0)
        let html = try decreg.run("summary", "EVIL-1", "--format", "html").stdout
        #expect(!html.contains("<script") && !html.contains("<img"))
        #expect(html.contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</h1>"))
        #expect(html.contains("<li>&lt;img src=x onerror=alert(1)&gt;</li>"))
        let markdown = try decreg.run("summary", "EVIL-1", "--format", "md").stdout
        #expect(markdown.hasPrefix(#"# \<script\>alert("x")\</script\> \& 'quotes'"# + "\n"))
        #expect(markdown.contains(#"1. \<img src=x onerror=alert(1)\>"#))
    }

    @Test("A report covers decisions dated or funded in its period, binding its party, and leaves withdrawn ones out")
    func reportScope() throws {
        let decreg = try Self.tour()
        defer { decreg.remove() }
        func refs(_ arguments: String...) throws -> [String] {
            let report = try decreg.run(["report", "--format", "md"] + arguments)
            #expect(report.status == 0, "\(report.stderr)")
            let table = report.stdout.components(separatedBy: "## Reconciliation")[0]
            return ["FLEMINGSBERG-2007", "FLEMINGSBERG-2009", "SODERTORN-TRAFIK-2024"].filter {
                table.contains("| \($0) |")
            }
        }
        #expect(try refs() == ["FLEMINGSBERG-2007", "FLEMINGSBERG-2009", "SODERTORN-TRAFIK-2024"])
        #expect(try refs("--year", "2008") == ["FLEMINGSBERG-2007", "FLEMINGSBERG-2009"])
        #expect(try refs("--year", "2023") == ["SODERTORN-TRAFIK-2024"])
        #expect(try refs("--from", "2025", "--to", "2026") == ["SODERTORN-TRAFIK-2024"])
        #expect(try refs("--party", "SALEM") == ["SODERTORN-TRAFIK-2024"])
        #expect(try refs("--party", "SLL", "--year", "2024").isEmpty)

        let withdrawn = try decreg.run("decision", "withdraw", "FLEMINGSBERG-2009", "--reason", "Inmatat av misstag")
        #expect(withdrawn.status == 0)
        #expect(try refs("--year", "2008") == ["FLEMINGSBERG-2007"])
        let summary = try decreg.run("summary", "FLEMINGSBERG-2009", "--lang", "en").stdout
        #expect(summary.contains("**Withdrawn:** **Inmatat av misstag**"))
        #expect(summary.contains("A withdrawn decision is not reconciled."))
    }

    @Test(
        "Refusals: one line on stderr, exit status 2",
        arguments: [
            (["summary", "NOPE"], "decreg: no decision 'NOPE' in the register\n"),
            (["report", "--year", "2008", "--from", "2008", "--to", "2009"],
             "decreg: --year: give --year, or --from and --to, not both\n"),
            (["report", "--from", "2008"], "decreg: --to: give both --from and --to\n"),
            (["report", "--from", "2009", "--to", "2008"], "decreg: --to: 2008 is before --from 2009\n"),
            (["report", "--year", "20x8"], "decreg: --year: '20x8' is not a year\n"),
            (["report", "--party", "NACKA"],
             "decreg: --party: unknown party 'NACKA': add it first (decreg party add NACKA --name …)\n"),
        ])
    func refusals(arguments: [String], message: String) throws {
        let decreg = try Self.seed()
        defer { decreg.remove() }
        let result = try decreg.run(arguments)
        #expect(result.status == 2)
        #expect(result.stderr == message)
        #expect(result.stdout.isEmpty)
    }
}
