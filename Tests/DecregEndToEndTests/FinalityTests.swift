import Foundation
import Testing

/// A step's days of justering and anslag, and when each party's adoption of a joint decision becomes final.
@Suite("When an adoption becomes final (laga kraft)")
struct FinalityTests {
    static func finality(_ decreg: Decreg) throws -> (parties: [[String: Any]], final: Any?) {
        let text = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--format", "json").stdout
        let json = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        return (try #require(json["finality"] as? [[String: Any]]), json["final"])
    }

    @Test("Each party's status from not adopted to final, the joint decision final when the last party is")
    func partiesBecomeFinal() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        // Huddinge: adopted, checked, posted on Monday 17 September: three weeks is Monday 8 October.
        let huddinge = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "HUD-KF", "--date", "2007-09-10", "--outcome", "adopted",
            "--justified", "2007-09-14", "--posted", "2007-09-17")
        #expect(huddinge.status == 0, "\(huddinge.stderr)")
        // Botkyrka: adopted, not yet posted.
        _ = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "BOT-KF", "--date", "2007-09-20", "--outcome", "adopted")
        var (parties, final) = try Self.finality(decreg)
        #expect(parties.map { $0["status"] as? String } == ["not-adopted", "final", "not-posted"])
        #expect(parties[1]["appeal_deadline"] as? String == "2007-10-08" && parties[1]["final"] as? String == "2007-10-09")
        #expect(parties[2]["adopted"] as? String == "2007-09-20" && parties[2]["posted"] is NSNull)
        #expect(final is NSNull)

        // A posting before the checking, and a checking before the meeting, are refused naming the option.
        let early = try decreg.run(
            "step", "correct", "FLEMINGSBERG-2007", "6", "--justified", "2007-09-25", "--posted", "2007-09-24",
            "--reason", "anslaget")
        #expect(early.status != 0 && early.stderr.hasPrefix("decreg: --posted: posting on 2007-09-24 is before the checking"))
        let before = try decreg.run(
            "step", "correct", "FLEMINGSBERG-2007", "6", "--justified", "2007-09-19", "--reason", "justerat")
        #expect(before.status != 0 && before.stderr.contains("--justified"))

        // Botkyrka posts on 21 December 2007: three weeks is Friday 11 January 2008 (no holiday between moves it).
        let posted = try decreg.run(
            "step", "correct", "FLEMINGSBERG-2007", "6", "--justified", "2007-12-20", "--posted", "2007-12-21",
            "--reason", "anslaget")
        #expect(posted.status == 0, "\(posted.stderr)")
        // The county council adopts, posted on 30 November 2007: the deadline falls on 21 December, a Friday.
        _ = try decreg.run(
            "step", "add", "FLEMINGSBERG-2007", "--body", "SLL-LF", "--date", "2007-11-20", "--outcome", "adopted",
            "--justified", "2007-11-27", "--posted", "2007-11-30")
        (parties, final) = try Self.finality(decreg)
        #expect(parties.map { $0["status"] as? String } == ["final", "final", "final"])
        #expect(parties.map { $0["appeal_deadline"] as? String } == ["2007-12-21", "2007-10-08", "2008-01-11"])
        #expect(final as? String == "2008-01-12", "final when the last party's adoption is")

        // The days are in the record: the trail verifies, the export carries them, and an import of it keeps them.
        #expect(try decreg.run("audit", "verify").status == 0)
        let export = try decreg.export()
        #expect(export.contains("\"justified\": \"2007-12-20\"") || export.contains("justified: 2007-12-20"), "\(export.prefix(3000))")
        #expect(export.contains("\"posted\": \"2007-11-30\"") || export.contains("posted: 2007-11-30"))
        let copy = try Decreg()
        defer { copy.remove() }
        let file = copy.directory.appendingPathComponent("export.yaml")
        try Data(export.utf8).write(to: file)
        #expect(try copy.run("import", file.path).status == 0)
        #expect(try Self.finality(copy).final as? String == "2008-01-12")
    }

    @Test("A step's days from an import file: justified and posted, checked as the command line checks them")
    func importedDays() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        let fixture = try String(contentsOfFile: decreg.fixture("flemingsberg/flemingsberg-2007.yaml"), encoding: .utf8)
        let file = decreg.directory.appendingPathComponent("f.yaml")
        // The attachments the fixture names, beside the file as beside the fixture.
        let folder = URL(fileURLWithPath: decreg.fixture("flemingsberg"))
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("bilaga") {
            try FileManager.default.copyItem(
                at: folder.appendingPathComponent(name), to: decreg.directory.appendingPathComponent(name))
        }
        let withDays = fixture.replacingOccurrences(
            of: "outcome: proposed, note: Förslag till Kommunfullmäktige i Huddinge",
            with: "outcome: proposed, justified: 2007-07-10, posted: 2007-07-11, note: Förslag till Kommunfullmäktige i Huddinge")
        try Data(withDays.utf8).write(to: file)
        #expect(try decreg.run("import", file.path).status == 0)
        #expect(try decreg.run("step", "list", "FLEMINGSBERG-2007", "--format", "json").stdout.contains("\"posted\": \"2007-07-11\""))
        let wrong = fixture.replacingOccurrences(
            of: "outcome: proposed, note: Förslag till Kommunfullmäktige i Huddinge",
            with: "outcome: proposed, posted: 2007-07-01, note: Förslag till Kommunfullmäktige i Huddinge")
        try Data(wrong.utf8).write(to: file)
        let refused = try Decreg()
        defer { refused.remove() }
        let result = try refused.run("import", file.path)
        #expect(result.status != 0 && result.stderr.contains("posted"), "\(result.stderr)")
    }
}
