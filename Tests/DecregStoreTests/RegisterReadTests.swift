import DecregDomain
@testable import DecregStore
import Foundation
import GRDB
import Testing

@Suite("Reading the register")
struct RegisterReadTests {
    static func register() throws -> Register {
        let register = try Sample.register()
        var older = Sample.decision("SODERTORN-2005")
        older.title = "Samverkan om kollektivtrafik på Södertörn"
        older.date = Sample.date("2005-03-01")
        older.parties = ["HUDDINGE", "BOTKYRKA"]
        older.caseNumbers = []
        older.clauses = ["att inleda samverkan om busstrafik"]
        older.summary = nil
        older.funding = [.shares(year: 2006, total: Sample.money("200 tkr"), [("HUDDINGE", Sample.money("200 tkr"))])]
        older.steps = []
        older.signatories = []
        try register.add(RegisterBatch(decisions: [older]), context: Sample.context)
        return register
    }

    @Test("A page of the list is that slice of the whole list, with the count of all, for every filter")
    func pages() throws {
        let register = try Sample.register()
        // 23 decisions over a few dates (several on one day, ordered by ref), parties and statuses.
        let decisions = (1...23).map { number in
            var decision = Sample.decision(String(format: "D-%02d", number))
            decision.date = Sample.date(["2007-07-06", "2008-01-15", "2008-01-15", "2009-12-31"][number % 4])
            if number % 3 == 0 {
                // Without SLL, and so without what refers to it: its share, its signatory, its board's step.
                decision.parties = ["HUDDINGE", "BOTKYRKA"]
                decision.funding = []
                decision.signatories = []
                decision.steps = decision.steps.filter { $0.body == "FLEM-PS" }
            }
            decision.title = number % 2 == 0 ? "Klimatplan \(number)" : "Trafik \(number)"
            decision.steps = number % 5 == 0 ? [] : decision.steps
            return decision
        }
        try register.add(RegisterBatch(decisions: decisions), context: Sample.context)
        let filters = [
            DecisionFilter(), DecisionFilter(party: "SLL"), DecisionFilter(year: 2008), DecisionFilter(search: "klimatplan"),
            DecisionFilter(party: "BOTKYRKA", year: 2009), DecisionFilter(search: "ingenting"),
        ]
        for filter in filters {
            let all = try register.decisions(filter)
            for (offset, limit) in [(0, 5), (5, 5), (20, 5), (0, 100), (3, 1), (24, 5), (500, 10)] {
                let page = try register.decisions(filter, offset: offset, limit: limit)
                #expect(page.total == all.count)
                #expect(page.items == Array(all.dropFirst(offset).prefix(limit)), "\(filter) \(offset) \(limit)")
            }
        }
        #expect(try register.decisions(DecisionFilter(), offset: 0, limit: 100).total == 24)
        #expect(throws: RegisterError.unknown(kind: "party", key: "NACKA", field: "--party")) {
            try register.decisions(DecisionFilter(party: "NACKA"), offset: 0, limit: 10)
        }
    }

    @Test(
        "A page of the list is read in the list's order from an index, without sorting the register",
        .enabled(if: TestEngine.selected == .sqlite, "SQLite's query plan"))
    func pageNeedsNoSort() throws {
        let register = try Sample.register()
        // Unfiltered: the first view of the list, and any page of it. A filtered page is read from what the filter
        // selects, sorted; which index SQLite starts from then depends on what it knows of the data.
        for filter in [DecisionFilter()] {
            let plan = try register.read { db in
                let request = Register.listRequest(where: try Register.conditions(db, filter), page: (5000, 50))
                return try SQLRow.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + request.text, arguments: request.arguments)
                    .map { $0["detail"] as String }
            }
            #expect(plan.first == "SCAN d USING INDEX decision_newest_first", "\(filter)")
            #expect(!plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        }
    }

    @Test("A summary names the parties and bodies its decision names, and reads no others")
    func summaryCatalogue() throws {
        let register = try Sample.register()
        let nacka = Party(code: "NACKA", name: "Nacka kommun", kind: .municipality)
        let tyreso = Party(code: "TYRESO", name: "Tyresö kommun", kind: .municipality)
        let nackaKF = Body(code: "NACKA-KF", name: "Kommunfullmäktige i Nacka", kind: .assembly, parties: ["NACKA"])
        var other = Sample.decision("NACKA-2008")
        other.parties = ["NACKA"]
        other.caseNumbers = []
        other.funding = []
        other.signatories = []
        other.steps = [HandlingStep(body: "NACKA-KF", date: Sample.date("2008-01-10"), outcome: .approved)]
        try register.add(
            RegisterBatch(parties: [nacka, tyreso], bodies: [nackaKF], decisions: [other]), context: Sample.context)
        // A payment from a party the decision does not bind, as a register written before such payments were
        // refused at entry may hold: a finding that names it.
        try register.write { db in
            try db.execute(sql: """
                INSERT INTO payment (decision_id, party_id, year, date, amount_minor, currency)
                SELECT d.id, p.id, 2008, '2008-03-01', 1000000, 'SEK' FROM decision d, party p
                WHERE d.ref = 'FLEMINGSBERG-2007' AND p.code = 'TYRESO'
                """)
        }

        let summary = try register.summary(of: "FLEMINGSBERG-2007")
        #expect(summary.parties.map(\.code) == ["BOTKYRKA", "HUDDINGE", "SLL", "TYRESO"])
        #expect(summary.bodies == [Sample.bodies[0]])
        #expect(summary.findings.contains { $0.party == "TYRESO" })
        let nackaSummary = try register.summary(of: "NACKA-2008")
        #expect(nackaSummary.parties == [nacka])
        #expect(nackaSummary.bodies == [nackaKF])
    }

    @Test("Decisions are listed newest first, filtered by party, year and status")
    func filters() throws {
        let register = try Self.register()
        #expect(try register.decisions(DecisionFilter()).map(\.ref) == ["FLEMINGSBERG-2007", "SODERTORN-2005"])
        #expect(try register.decisions(DecisionFilter(party: "SLL")).map(\.ref) == ["FLEMINGSBERG-2007"])
        #expect(try register.decisions(DecisionFilter(year: 2006)).map(\.ref) == ["SODERTORN-2005"])
        #expect(try register.decisions(DecisionFilter(year: 2007)).map(\.ref) == ["FLEMINGSBERG-2007"])
        #expect(try register.decisions(DecisionFilter(status: .draft)).map(\.ref) == ["SODERTORN-2005"])
        #expect(throws: RegisterError.unknown(kind: "party", key: "NACKA", field: "--party")) {
            try register.decisions(DecisionFilter(party: "NACKA"))
        }
    }

    @Test("Full-text search covers titles, clauses and summaries; prefixes match; odd input is harmless")
    func search() throws {
        let register = try Self.register()
        #expect(try register.decisions(DecisionFilter(search: "kollektivtrafik")).map(\.ref) == ["SODERTORN-2005"])
        #expect(try register.decisions(DecisionFilter(search: "busstrafik")).map(\.ref) == ["SODERTORN-2005"])
        #expect(try register.decisions(DecisionFilter(search: "samarbetet 2005")).map(\.ref) == ["FLEMINGSBERG-2007"])
        #expect(try register.decisions(DecisionFilter(search: "Flemings")).map(\.ref) == ["FLEMINGSBERG-2007"])
        #expect(try register.decisions(DecisionFilter(search: "godkänna")).count == 1)
        #expect(try register.decisions(DecisionFilter(search: "\"AND OR NEAR( * ' ;DROP")).isEmpty)
    }

    @Test("Everything comes back in the order recorded, attachments with their bytes")
    func everything() throws {
        let register = try Self.register()
        let all = try register.everything()
        #expect(all.parties == Sample.parties)
        #expect(all.bodies == Sample.bodies)
        #expect(all.decisions.map(\.ref) == ["FLEMINGSBERG-2007", "SODERTORN-2005"])
        #expect(all.decisions[0].attachments[0].content == Data("Bilaga 1\n".utf8))
    }
}

@Suite("Two ways of reading a decision agree")
struct ReaderAgreementTests {
    /// `decision(_:)` reads one decision with a query per table; `everything()` scans every table once in
    /// order (DecisionScanner). A field added to one and not the other shows up here.
    @Test("Per-decision reads and the table-by-table scan give the same decisions and payments")
    func loaderAndScannerAgree() throws {
        let register = try RegisterReadTests.register()
        try register.apply(
            .addStep(HandlingStep(body: "HUD-KF", date: Sample.date("2007-09-17"), outcome: .adopted, minutes: "§ 87",
                         note: "Antogs", amounts: [YearAmount(year: 2008, amount: Sample.money("1 MKr"))])),
            to: "FLEMINGSBERG-2007", context: Sample.context)
        try register.apply(
            .add(
                Payment(decision: "FLEMINGSBERG-2007", party: "HUDDINGE", year: 2008, date: Sample.date("2008-03-01"),
                        amount: Sample.money("1 MKr"), reference: "F-1"), again: false),
            context: Sample.context)
        try register.apply(.withdraw, to: "SODERTORN-2005", context: ChangeContext(actor: "t", command: "t", reason: "Fel"))
        let scanned = try register.everything()
        #expect(scanned.decisions.count == 2)
        for decision in scanned.decisions {
            let loaded = try register.decision(decision.ref)
            var withoutBytes = decision
            withoutBytes.attachments = decision.attachments.map { var a = $0; a.content = nil; return a }
            #expect(loaded.decision == withoutBytes)
            #expect(loaded.payments.map { var p = $0; p.number = nil; return p }
                == scanned.payments.filter { $0.decision == decision.ref })
        }
    }
}
