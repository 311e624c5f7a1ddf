import Foundation
import Testing

@Suite("Totals and reconcile, as a finance officer runs them")
struct FundingCommandTests {
    @Test("totals --by party,year: a pivot with a grand total, in table, CSV with ; and JSON")
    func totals() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)

        let table = try decreg.run("totals", "--by", "party,year", "--party", "BOTKYRKA", "--lang", "sv")
        #expect(table.status == 0)
        #expect(table.stdout == """
            part        år         åtagande         beslutat      betalt
            ────────  ────  ───────────────  ───────────────  ──────────
            BOTKYRKA  2008       500 000 kr             0 kr        0 kr
            BOTKYRKA  2009       600 000 kr       500 000 kr  500 000 kr
            BOTKYRKA  2024       360 000 kr       360 000 kr        0 kr
            BOTKYRKA  2025    370 370,10 kr    370 370,10 kr        0 kr
            BOTKYRKA  2026       270 000 kr       270 000 kr        0 kr
            Totalt          2 100 370,10 kr  1 500 370,10 kr  500 000 kr

            """)

        let csv = try decreg.run("totals", "--by", "year", "--year", "2024..2025", "--format", "csv", "--csv-sep", ";")
        #expect(csv.stdout == "year;currency;committed;adopted;paid\r\n"
            + "2024;SEK;1200000.00;1080000.00;0.00\r\n2025;SEK;1234567.00;1111110.30;0.00\r\n")

        let json = try decreg.run("totals", "--by", "party,year", "--decision", "FLEMINGSBERG-2009", "--format", "json")
        let rows = try #require(try decreg.json(json.stdout) as? [[String: Any]])
        #expect(rows.count == 3)
        #expect(rows[0]["party"] as? String == "BOTKYRKA")
        #expect(rows[0]["year"] as? Int == 2009)
        #expect(rows[0]["currency"] as? String == "SEK")
        #expect(rows[0]["committed"] as? String == "600000.00")
        #expect(rows[0]["adopted"] as? String == "500000.00")
        #expect(rows[0]["paid"] as? String == "500000.00")

        let bad = try decreg.run("totals", "--by", "party,month")
        #expect(bad.status == 2)
        #expect(bad.stderr == "decreg: --by: 'month' is not one of party, year, decision, body, status\n")
    }

    @Test("reconcile: a real discrepancy fails with exit 1 and is said plainly; a balanced decision exits 0")
    func reconcile() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)

        let table = try decreg.run("reconcile", "FLEMINGSBERG-2009", "--lang", "en")
        #expect(table.status == 1)
        #expect(table.stdout == """
            FLEMINGSBERG-2009
              ✗ 2009  BOTKYRKA adopted SEK 500,000 for 2009; its share is SEK 600,000 (less by SEK 100,000)  [adopted-mismatch]
              · 2009  HUDDINGE has SEK 600,000 still to pay for 2009  [outstanding]
              · 2009  BOTKYRKA has SEK 100,000 still to pay for 2009  [outstanding]

            Not balanced — 1 discrepancy, 2 open items

            """)

        let json = try decreg.run("reconcile", "FLEMINGSBERG-2009", "--format", "json")
        #expect(json.status == 1)
        let object = try #require(try decreg.json(json.stdout) as? [String: Any])
        #expect(object["balanced"] as? Bool == false)
        let discrepancy = try #require((object["discrepancies"] as? [[String: Any]])?.first)
        #expect(discrepancy["kind"] as? String == "adopted-mismatch")
        #expect(discrepancy["expected"] as? String == "600000.00")
        #expect(discrepancy["actual"] as? String == "500000.00")
        #expect(discrepancy["difference"] as? String == "-100000.00")
        #expect((object["open"] as? [[String: Any]])?.count == 2)

        let balanced = try decreg.run("reconcile", "SODERTORN-TRAFIK-2024", "--format", "json")
        #expect(balanced.status == 0)
        #expect((try decreg.json(balanced.stdout) as? [String: Any])?["balanced"] as? Bool == true)

        let missing = try decreg.run("reconcile", "NOPE")
        #expect(missing.status == 2)
        #expect(missing.stderr == "decreg: no decision 'NOPE' in the register\n")
        #expect(missing.stdout.isEmpty)
        // Written as read, but nothing at all (not even the CSV header) when the filter names what is not there.
        let stranger = try decreg.run("reconcile", "--party", "NACKA", "--format", "csv")
        #expect(stranger.status == 2)
        #expect(stranger.stdout.isEmpty)
        #expect(stranger.stderr.contains("unknown party 'NACKA'"))
        // Nor a file, nor a temporary file beside it, with --output.
        let before = try FileManager.default.contentsOfDirectory(atPath: decreg.directory.path)
        let refused = try decreg.run(
            "reconcile", "--party", "NACKA", "--format", "csv", "--output",
            decreg.directory.appendingPathComponent("refused.csv").path)
        #expect(refused.status == 2)
        #expect(try FileManager.default.contentsOfDirectory(atPath: decreg.directory.path) == before)

        // --output: the same report in a file, nothing on standard output.
        let file = decreg.directory.appendingPathComponent("reconcile.csv").path
        let written = try decreg.run("reconcile", "FLEMINGSBERG-2009", "--format", "csv", "--output", file)
        #expect(written.status == 1)
        #expect(written.stdout.isEmpty)
        let csv = try decreg.run("reconcile", "FLEMINGSBERG-2009", "--format", "csv")
        #expect(try String(contentsOfFile: file, encoding: .utf8) == csv.stdout)
        #expect(csv.stdout.hasPrefix("decision,year,party,kind,currency,expected,actual,difference,amount\r\n"))
    }
}
