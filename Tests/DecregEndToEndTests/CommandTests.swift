import Foundation
import Testing

@Suite("Every command, as a registrar uses it")
struct CommandTests {
    @Test("Parties and bodies: add, list, and a repeated identical add changes nothing")
    func partiesAndBodies() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("party", "add", "HUDDINGE", "--name", "Huddinge kommun", "--kind", "municipality",
                               "--org-number", "2120000142").stdout == "Added party HUDDINGE\n")
        #expect(try decreg.run("party", "add", "BOTKYRKA", "--name", "Botkyrka kommun", "--kind", "municipality")
            .status == 0)
        #expect(try decreg.run("party", "add", "HUDDINGE", "--name", "Huddinge kommun", "--kind", "municipality",
                               "--org-number", "212000-0142").stdout == "Party HUDDINGE is already recorded, unchanged\n")
        #expect(try decreg.run("body", "add", "SDT-PS", "--name", "Styrgruppen", "--kind", "joint-committee",
                               "--party", "HUDDINGE", "BOTKYRKA").stdout == "Added body SDT-PS\n")
        let parties = try decreg.run("party", "list", "--format", "csv")
        #expect(parties.stdout == "code,name,kind,org_number\r\nBOTKYRKA,Botkyrka kommun,municipality,\r\n"
            + "HUDDINGE,Huddinge kommun,municipality,212000-0142\r\n")
        let bodies = try decreg.run("body", "list", "--format", "json")
        let list = try #require(try decreg.json(bodies.stdout) as? [[String: Any]])
        #expect(list.first?["parties"] as? [String] == ["HUDDINGE", "BOTKYRKA"])
        let table = try decreg.run("party", "list", "--lang", "sv")
        #expect(table.stdout.hasPrefix("kod       namn             typ     organisationsnummer\n"))
        #expect(table.stdout.contains("BOTKYRKA  Botkyrka kommun  kommun"))
    }

    @Test("A decision entered by hand: add, fund by split, steps, payment, attachment, list and search")
    func decisionByHand() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let added = try decreg.run(
            "decision", "add", "FLEM-MARKNAD-2010", "--title", "Marknadsföring av Flemingsberg 2010", "--date",
            "2009-11-20", "--party", "SLL", "HUDDINGE", "BOTKYRKA", "--clause", "att ge ut magasinet Fokus Flemingsberg",
            "--clause", "att anslå 1 000 000 kr för 2010")
        #expect(added.stdout == "Added decision FLEM-MARKNAD-2010\n")
        let funded = try decreg.run(
            "funding", "set", "FLEM-MARKNAD-2010", "--year", "2010", "--total", "1 000 000 kr", "--split", "SLL=1/3",
            "--split", "HUDDINGE=1/3", "--split", "BOTKYRKA=1/3")
        #expect(funded.stdout
            == "Funding 2010 of FLEM-MARKNAD-2010: SEK 1,000,000 — SLL SEK 333,333.34, HUDDINGE SEK 333,333.33, BOTKYRKA SEK 333,333.33\n")
        #expect(try decreg.run("step", "add", "FLEM-MARKNAD-2010", "--body", "FLEM-PS", "--date", "2009-11-12",
                               "--outcome", "approved").stdout
            == "Recorded: FLEM-PS approved FLEM-MARKNAD-2010 on 2009-11-12; status now approved\n")
        #expect(try decreg.run("step", "add", "FLEM-MARKNAD-2010", "--body", "HUD-KS", "--date", "2009-12-01",
                               "--outcome", "adopted", "--minutes", "§ 201", "--amount", "2010=333 333,33 kr").stdout
            == "Recorded: HUD-KS adopted FLEM-MARKNAD-2010 on 2009-12-01; status now partly adopted\n")
        #expect(try decreg.run("payment", "add", "FLEM-MARKNAD-2010", "--party", "HUDDINGE", "--year", "2010", "--date",
                               "2010-02-01", "--amount", "333 333,33 kr", "--reference", "HUD-2010-7").status == 0)
        let bilaga = try decreg.write("program.pdf", "%PDF-1.4 stand-in")
        let attached = try decreg.run("attach", "add", "FLEM-MARKNAD-2010", bilaga, "--label", "Bilaga 1", "--title",
                                      "Marknadsplan")
        #expect(attached.stdout.hasPrefix("Stored Bilaga 1 with FLEM-MARKNAD-2010: 17 bytes, sha256 "))

        let shown = try decreg.run("decision", "show", "FLEM-MARKNAD-2010", "--format", "json")
        let object = try #require(try decreg.json(shown.stdout) as? [String: Any])
        #expect(object["status"] as? String == "partly-adopted")
        let share = try #require((object["funding"] as? [[String: Any]])?.first?["shares"] as? [[String: Any]])
        #expect(share.map { $0["part"] as? String } == ["1/3", "1/3", "1/3"])
        #expect(share.map { $0["amount"] as? String } == ["333333.34", "333333.33", "333333.33"])
        let payments = try #require(object["payments"] as? [[String: Any]])
        #expect(payments.first?["amount"] as? String == "333333.33")
        #expect(payments.first?["reference"] as? String == "HUD-2010-7")
        let attachment = try #require((object["attachments"] as? [[String: Any]])?.first)
        #expect(attachment["media_type"] as? String == "application/pdf")
        #expect(attachment["size"] as? Int == 17)

        let search = try decreg.run("decision", "list", "--search", "fokus 2010", "--format", "json")
        let found = try #require(try decreg.json(search.stdout) as? [[String: Any]])
        #expect(found.map { $0["ref"] as? String } == ["FLEM-MARKNAD-2010"])
        let byYear = try decreg.run("decision", "list", "--year", "2008", "--format", "csv")
        #expect(byYear.stdout.components(separatedBy: "\r\n").dropFirst().first?.hasPrefix("FLEMINGSBERG-2007,") == true)
        let byStatus = try decreg.run("decision", "list", "--status", "partly-adopted")
        #expect(byStatus.stdout.contains("FLEM-MARKNAD-2010"))
        #expect(!byStatus.stdout.contains("FLEMINGSBERG-2007"))
    }

    @Test("The main job: all bundled fixtures import in one call and list")
    func allFixtures() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        let imported = try decreg.run(["import"] + decreg.allFixtures)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout
            == "Imported 3 decisions, 4 payments, 5 parties and 10 bodies (13 already recorded, unchanged)\n")
        let list = try decreg.run("decision", "list", "--format", "csv")
        #expect(list.stdout.components(separatedBy: "\r\n").dropFirst().compactMap { $0.split(separator: ",").first }
            == ["SODERTORN-TRAFIK-2024", "FLEMINGSBERG-2009", "FLEMINGSBERG-2007"])
        let byParty = try decreg.run("decision", "list", "--party", "SALEM", "--format", "json")
        #expect((try decreg.json(byParty.stdout) as? [Any])?.count == 1)
    }
}
