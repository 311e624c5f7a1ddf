import DecregDomain
import Testing

@Suite("Nearest keys")
struct NearestKeysTests {
    @Test("The distance counts insertions, deletions, substitutions and swaps of neighbours", arguments: [
        ("", "", 0), ("", "SALEM", 5), ("SALEM", "", 5), ("SALEM", "SALEM", 0),
        ("SALLEM", "SALEM", 1), ("SALEM", "SALLEM", 1), ("SALEM", "SALEN", 1), ("SAELM", "SALEM", 1),
        ("FLEMINGSBERG-207", "FLEMINGSBERG-2007", 1), ("HUD-KF", "HDU-KS", 2), ("kitten", "sitting", 3),
        ("CA", "ABC", 3), ("ÖREBRO", "OREBRO", 1),
    ])
    func distance(a: String, b: String, expected: Int) {
        #expect(NearestKeys.distance(a, b) == expected)
    }

    @Test("Suggestions: the same key in another case, else the nearest within a typo or two, at most three")
    func suggestions() {
        let parties = ["SALEM", "SALA", "SLL", "HUDDINGE", "BOTKYRKA", "NACKA", "SALEN", "SALEMS", "SALT"]
        #expect(NearestKeys.among(parties, nearest: "SALLEM") == ["SALEM"])
        #expect(NearestKeys.among(parties, nearest: "salem") == ["SALEM"])
        #expect(NearestKeys.among(parties, nearest: "SALE") == ["SALA", "SALEM", "SALEN"])
        #expect(NearestKeys.among(parties, nearest: "SALE", limit: 5) == ["SALA", "SALEM", "SALEN", "SALT"])
        #expect(NearestKeys.among(parties, nearest: "HUDINGE") == ["HUDDINGE"])
        #expect(NearestKeys.among(parties, nearest: "HUDINGEE") == ["HUDDINGE"])
        #expect(NearestKeys.among(parties, nearest: "BOTKYKRA") == ["BOTKYRKA"])
        #expect(NearestKeys.among(parties, nearest: "STOCKHOLM") == [])
        #expect(NearestKeys.among(["Huddinge", "HUDDINGE"], nearest: "huddinge") == ["Huddinge", "HUDDINGE"])
        #expect(NearestKeys.among(["FLEMINGSBERG-2007", "FLEMINGSBERG-2009"], nearest: "FLEMINGSBERG-207")
            == ["FLEMINGSBERG-2007"])
    }

    @Test("Short keys are matched more strictly: two characters only by case, up to five by one edit")
    func shortKeys() {
        #expect(NearestKeys.among(["SL", "SLL", "AB"], nearest: "sl") == ["SL"])
        #expect(NearestKeys.among(["SLL", "AB"], nearest: "SX") == [])
        #expect(NearestKeys.among(["SLL", "SKL", "SLLL"], nearest: "SL") == [])
        #expect(NearestKeys.among(["SALA", "SALEM"], nearest: "SLA") == ["SALA"])
        #expect(NearestKeys.among(["SALEM"], nearest: "SLAM") == [])
        #expect(NearestKeys.allowedDistance(for: 2) == 0)
        #expect(NearestKeys.allowedDistance(for: 5) == 1)
        #expect(NearestKeys.allowedDistance(for: 6) == 2)
    }

    @Test("The key itself is not suggested")
    func notItself() {
        #expect(NearestKeys.among(["SALEM"], nearest: "SALEM") == [])
    }
}
