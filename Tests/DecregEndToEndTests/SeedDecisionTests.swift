import Foundation
import Testing

@Suite("The seed decision, end to end")
struct SeedDecisionTests {
    @Test("Importing the Flemingsberg fixture records everything the document says")
    func flemingsberg() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        let imported = try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml"))
        #expect(imported.status == 0)
        #expect(imported.stdout == "Imported 1 decision, 0 payments, 3 parties and 7 bodies\n")

        let shown = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--format", "json")
        #expect(shown.status == 0)
        let object = try #require(try decreg.json(shown.stdout) as? [String: Any])
        #expect(Array(object.keys).sorted() == [
            "attachments", "case_numbers", "clauses", "date", "final", "finality", "funding", "parties", "payments", "ref",
            "signatories", "status", "steps", "summary", "title",
        ])
        #expect(object["date"] as? String == "2007-07-06")
        #expect(object["status"] as? String == "proposed")
        #expect(object["parties"] as? [String] == ["SLL", "HUDDINGE", "BOTKYRKA"])
        let clauses = try #require(object["clauses"] as? [String])
        #expect(clauses.count == 3)
        #expect(clauses[2].hasPrefix("att anslå 2,5 MKr för 2008"))
        let funding = try #require((object["funding"] as? [[String: Any]])?.first)
        #expect(funding["year"] as? Int == 2008)
        #expect(funding["total"] as? String == "2500000.00")
        #expect(funding["currency"] as? String == "SEK")
        let shares = try #require(funding["shares"] as? [[String: Any]])
        #expect(shares.map { $0["party"] as? String } == ["SLL", "HUDDINGE", "BOTKYRKA"])
        #expect(shares.map { $0["amount"] as? String } == ["1000000.00", "1000000.00", "500000.00"])
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["body"] as? String } == ["FLEM-PS", "SLL-LS", "HUD-KS", "BOT-KS"])
        #expect(steps[0]["date"] as? String == "2007-06-27")
        #expect(steps[0]["outcome"] as? String == "approved")
        let signatories = try #require(object["signatories"] as? [[String: Any]])
        #expect(signatories.map { $0["name"] as? String } == ["Göran Stiernstedt", "Olof Ohman", "Palle Lundberg"])
        let attachments = try #require(object["attachments"] as? [[String: Any]])
        #expect(attachments.map { $0["label"] as? String } == ["Bilaga 1", "Bilaga 2", "Bilaga 3", "Bilaga 4"])
        #expect(Set(attachments.flatMap { $0.keys }) == ["label", "title", "sha256", "size", "media_type"])
        #expect((object["summary"] as? String)?.contains("Vid sitt sammanträde 27 juni") == true)

        let table = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--lang", "sv")
        #expect(table.stdout.contains("  2008  totalt 2 500 000 kr (andelar)"))
        #expect(table.stdout.contains("SLL       1 000 000 kr"))
        #expect(table.stdout.contains("BOTKYRKA    500 000 kr"))
    }

    @Test("Attachments are extracted byte for byte, and never over an existing file without --force")
    func extract() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml"))
        let original = try Data(contentsOf: URL(fileURLWithPath: decreg.fixture("flemingsberg/bilaga-2-principoverenskommelse.txt")))
        let target = decreg.directory.appendingPathComponent("out.txt").path
        let first = try decreg.run("attach", "extract", "FLEMINGSBERG-2007", "Bilaga 2", "--output", target)
        #expect(first.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: target)) == original)
        let again = try decreg.run("attach", "extract", "FLEMINGSBERG-2007", "Bilaga 2", "--output", target)
        #expect(again.status == 2)
        #expect(again.stderr == "decreg: \(target) exists; add --force to overwrite it\n")
        let forced = try decreg.run("attach", "extract", "FLEMINGSBERG-2007", "Bilaga 2", "--output", target, "--force")
        #expect(forced.status == 0)

        let list = try decreg.run("attach", "list", "FLEMINGSBERG-2007", "--format", "csv")
        #expect(list.stdout.hasPrefix("label,title,size,sha256,media_type\r\nBilaga 1,"))
        #expect(list.stdout.components(separatedBy: "\r\n").count == 6)
    }

    @Test("Export, import into an empty register, export again: identical bytes")
    func exportRoundTrip() throws {
        let first = try Decreg()
        defer { first.remove() }
        #expect(try first.run(["import"] + first.allFixtures).status == 0)
        try first.run("step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-17", "--outcome",
                      "adopted", "--minutes", "§ 87", "--amount", "2008=1 MKr")
        let exported = try first.export()
        let file = try first.write("export.json", exported)

        let second = try Decreg()
        defer { second.remove() }
        let imported = try second.run("import", file)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try second.export() == exported)
    }
}
