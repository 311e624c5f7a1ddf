import DecregDomain
@testable import DecregStore
import Foundation
import GRDB
import Testing

@Suite("Totals and reconciliation")
struct FundingFiguresTests {
    static let parties = [
        Party(code: "A", name: "Alfa kommun", kind: .municipality),
        Party(code: "B", name: "Beta kommun", kind: .municipality),
        Party(code: "C", name: "Gamma region", kind: .region),
        Party(code: "X", name: "Utomstående", kind: .other),
    ]
    static let bodies = [
        Body(code: "A-KS", name: "Kommunstyrelsen Alfa", kind: .board, parties: ["A"]),
        Body(code: "A-KF", name: "Kommunfullmäktige Alfa", kind: .assembly, parties: ["A"]),
        Body(code: "B-KF", name: "Kommunfullmäktige Beta", kind: .assembly, parties: ["B"]),
        Body(code: "C-RF", name: "Regionfullmäktige Gamma", kind: .assembly, parties: ["C"]),
        Body(code: "ABC-PS", name: "Styrgrupp", kind: .jointCommittee, parties: ["A", "B", "C"]),
    ]

    static func money(_ text: String) -> Money { try! AmountParser.parse(text) }
    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    static func thirds(_ total: String, year: Int = 2024) -> FundingYear {
        try! FundingYear.split(
            year: year, total: money(total),
            [("A", SplitPart(parsing: "1/3")), ("B", SplitPart(parsing: "1/3")), ("C", SplitPart(parsing: "1/3"))])
    }

    static func decision(_ ref: String, funding: [FundingYear], steps: [HandlingStep] = []) -> Decision {
        Decision(ref: ref, title: "Beslut \(ref)", date: date("2023-12-01"), parties: ["A", "B", "C"], funding: funding,
                 steps: steps)
    }

    /// A register holding the decisions and payments. What the rules refuse at entry today — a share of a party
    /// the decision does not bind, payments (some towards years not funded, by parties not bound) — is written
    /// straight into the rows, as a register written before those checks may hold it: reconciliation must still
    /// find it.
    static func register(_ decisions: [Decision], payments: [Payment] = []) throws -> Register {
        let register = try TestEngine.emptyRegister()
        var strangerShares: [(ref: String, year: Int, share: FundingShare)] = []
        let bound = decisions.map { decision in
            var decision = decision
            for index in decision.funding.indices {
                let year = decision.funding[index]
                for share in year.shares where !decision.parties.contains(share.party) {
                    strangerShares.append((decision.ref, year.year, share))
                }
                decision.funding[index].shares.removeAll { !decision.parties.contains($0.party) }
            }
            return decision
        }
        try register.add(
            RegisterBatch(parties: parties, bodies: bodies, decisions: bound),
            context: ChangeContext(actor: "test", command: "test"))
        try register.write { db in
            for (ref, year, share) in strangerShares {
                try db.execute(
                    sql: """
                        INSERT INTO funding_share (funding_id, party_id, position, amount_minor, part)
                        SELECT f.id, p.id, 99, ?, NULL FROM funding f JOIN decision d ON d.id = f.decision_id, party p
                        WHERE d.ref = ? AND f.year = ? AND p.code = ?
                        """, arguments: [share.amount.minorUnits, ref, year, share.party])
            }
            for payment in payments {
                try db.execute(
                    sql: """
                        INSERT INTO payment (decision_id, party_id, year, date, amount_minor, currency, reference,
                                             withdrawn_reason)
                        SELECT d.id, p.id, ?, ?, ?, ?, ?, ? FROM decision d, party p WHERE d.ref = ? AND p.code = ?
                        """,
                    arguments: [
                        payment.year, payment.date.description, payment.amount.minorUnits, payment.amount.currency.code,
                        payment.reference, payment.withdrawn, payment.decision, payment.party,
                    ])
            }
        }
        return register
    }

    static func adopt(_ body: String, _ date: String, _ amounts: [Int: String]) -> HandlingStep {
        HandlingStep(
            body: body, date: Self.date(date), outcome: .adopted,
            amounts: amounts.sorted { $0.key < $1.key }.map { YearAmount(year: $0.key, amount: money($0.value)) })
    }

    static func pay(_ ref: String, _ party: String, _ year: Int, _ amount: String) -> Payment {
        Payment(decision: ref, party: party, year: year, date: date("\(year)-03-01"), amount: money(amount))
    }

    @Test("Thirds of 1 000 000 kr are committed to the öre and sum to the total")
    func thirdsOfAMillion() throws {
        let register = try Self.register([Self.decision("D", funding: [Self.thirds("1 000 000 kr")])])
        let rows = try register.totals(by: [.party])
        #expect(rows.map { $0.keys[0].1 } == ["A", "B", "C"])
        #expect(rows.map(\.committed.minorUnits) == [33_333_334, 33_333_333, 33_333_333])
        #expect(TotalsRow.grandTotals(rows).map(\.committed.minorUnits) == [100_000_000])
        #expect(try register.reconcile().filter(\.kind.isDiscrepancy).isEmpty)
    }

    @Test("One öre among three parties goes to the first listed")
    func oneOre() throws {
        let register = try Self.register([Self.decision("D", funding: [Self.thirds("0,01 kr")])])
        #expect(try register.totals(by: [.party]).map(\.committed.minorUnits) == [1, 0, 0])
    }

    @Test("Adopted is the party's latest adopting step, not the sum of its board's and assembly's")
    func latestAdoption() throws {
        let decision = Self.decision(
            "D", funding: [Self.thirds("3 MKr")],
            steps: [
                Self.adopt("A-KF", "2024-02-01", [2024: "1 MKr"]),
                Self.adopt("A-KS", "2024-01-10", [2024: "0,9 MKr"]),
                Self.adopt("ABC-PS", "2024-01-05", [2024: "3 MKr"]),
            ])
        let register = try Self.register([decision])
        let rows = try register.totals(by: [.party, .body])
        #expect(rows.map { $0.keys.map(\.1) } == [["A", "A-KF"], ["B", nil], ["C", nil]])
        #expect(rows.map(\.adopted.minorUnits) == [100_000_000, 0, 0])
    }

    @Test("Each discrepancy kind is found and named, with expected, actual and difference")
    func discrepancies() throws {
        var unbalanced = Self.decision("SPLIT", funding: [
            .shares(year: 2024, total: Self.money("1 MKr"), [("A", Self.money("400 tkr")), ("B", Self.money("500 tkr"))])
        ])
        unbalanced.parties = ["A", "B"]
        let adopted = Self.decision(
            "ADOPT", funding: [Self.thirds("3 MKr")],
            steps: [Self.adopt("B-KF", "2024-01-10", [2024: "0,9 MKr"])])
        let strangers = Self.decision("STRANGER", funding: [
            .shares(year: 2024, total: Self.money("2 MKr"), [("A", Self.money("1 MKr")), ("X", Self.money("1 MKr"))])
        ])
        let register = try Self.register(
            [unbalanced, adopted, strangers],
            payments: [
                Self.pay("ADOPT", "C", 2024, "1,5 MKr"), Self.pay("ADOPT", "A", 2030, "5 tkr"),
                Self.pay("STRANGER", "X", 2024, "10 tkr"),
            ])
        let found = try register.reconcile().filter(\.kind.isDiscrepancy)
        #expect(found == [
            Finding(decision: "ADOPT", year: 2024, party: "B", kind: .adoptedMismatch,
                    expected: Self.money("1 MKr"), actual: Self.money("900 tkr")),
            Finding(decision: "ADOPT", year: 2024, party: "C", kind: .overpaid,
                    expected: Self.money("1 MKr"), actual: Self.money("1,5 MKr")),
            Finding(decision: "ADOPT", year: 2030, party: "A", kind: .unfundedYear, actual: Self.money("5 tkr")),
            Finding(decision: "SPLIT", year: 2024, party: nil, kind: .splitSum,
                    expected: Self.money("1 MKr"), actual: Self.money("900 tkr")),
            Finding(decision: "STRANGER", year: 2024, party: "X", kind: .unknownParty, actual: Self.money("1 MKr")),
        ])
        #expect(found[0].difference == Money(minorUnits: -10_000_000))
        #expect(found[0].sentence(.en) == "B adopted SEK 900,000 for 2024; its share is SEK 1,000,000 (less by SEK 100,000)")
        #expect(found[3].sentence(.sv) == "andelarna för 2024 summerar till 900 000 kr, totalen är 1 000 000 kr (under med 100 000 kr)")
    }

    @Test("Open items: shares not adopted, shares not fully paid")
    func openItems() throws {
        let decision = Self.decision(
            "D", funding: [Self.thirds("3 MKr")], steps: [Self.adopt("A-KF", "2024-01-10", [2024: "1 MKr"])])
        let register = try Self.register([decision], payments: [Self.pay("D", "A", 2024, "400 tkr")])
        let open = try register.reconcile()
        #expect(open.allSatisfy { !$0.kind.isDiscrepancy })
        #expect(open.map { "\($0.kind.rawValue) \($0.party ?? "-") \($0.amount?.decimalString ?? "")" } == [
            "not-adopted B 1000000.00", "not-adopted C 1000000.00",
            "outstanding A 600000.00", "outstanding B 1000000.00", "outstanding C 1000000.00",
        ])
    }

    @Test("Streamed with discrepancies first: the same findings, discrepancies then open items, each in register order")
    func discrepanciesFirst() throws {
        let unbalanced = Self.decision(
            "SPLIT",
            funding: [.shares(year: 2024, total: Self.money("1 MKr"), [("A", Self.money("900 tkr"))])])
        let open = Self.decision(
            "OPEN", funding: [Self.thirds("3 MKr")],
            steps: [Self.adopt("A-KF", "2024-03-01", [2024: "900 tkr"])])
        let register = try Self.register([unbalanced, open], payments: [Self.pay("OPEN", "B", 2024, "4 MKr")])
        let all = try register.reconcile()
        #expect(all.contains(where: \.kind.isDiscrepancy) && all.contains(where: { !$0.kind.isDiscrepancy }))
        var streamed: [Finding] = []
        try register.reconcile(FundingFilter(), discrepanciesFirst: true) { streamed.append($0) }
        #expect(streamed == all.filter(\.kind.isDiscrepancy) + all.filter { !$0.kind.isDiscrepancy })
        #expect(streamed != all)
    }

    @Test("Currencies are never added together")
    func currencies() throws {
        let sek = Self.thirds("3 MKr", year: 2024)
        let eur = try FundingYear.split(
            year: 2025, total: Self.money("300 tEUR"),
            [("A", SplitPart(parsing: "1/3")), ("B", SplitPart(parsing: "1/3")), ("C", SplitPart(parsing: "1/3"))])
        let register = try Self.register([Self.decision("D", funding: [sek, eur])])
        let rows = try register.totals(by: [.party])
        #expect(rows.map { "\($0.keys[0].1!) \($0.committed)" } == [
            "A 100000.00 EUR", "A 1000000.00 SEK", "B 100000.00 EUR", "B 1000000.00 SEK",
            "C 100000.00 EUR", "C 1000000.00 SEK",
        ])
        #expect(TotalsRow.grandTotals(rows).map(\.committed.description) == ["300000.00 EUR", "3000000.00 SEK"])
    }

    @Test("A decision with no funding has no figures and no findings")
    func noFunding() throws {
        let register = try Self.register([Self.decision("D", funding: [])])
        #expect(try register.totals(by: [.party, .year]).isEmpty)
        #expect(try register.reconcile().isEmpty)
    }

    /// Two decisions that stand and one withdrawn; adoptions by each party's own bodies, a joint body, the same
    /// day twice and in another currency; a withdrawn payment, a payment for an unfunded year and one to a party
    /// the decision does not bind.
    static func mixedRegister() throws -> Register {
        var stranger = decision("D2", funding: [
            .shares(year: 2025, total: money("2 MKr"), [("A", money("1,5 MKr")), ("X", money("500 tkr"))])
        ])
        stranger.parties = ["A"]
        stranger.steps = [adopt("A-KF", "2025-01-15", [2025: "1,5 MKr"])]
        var withdrawn = decision(
            "D0", funding: [thirds("30 MKr", year: 2024)], steps: [adopt("B-KF", "2024-01-10", [2024: "10 MKr"])])
        withdrawn.withdrawn = "Inmatat av misstag"
        let eur = try FundingYear.split(
            year: 2025, total: money("300 tEUR"),
            [("A", SplitPart(parsing: "1/3")), ("B", SplitPart(parsing: "1/3")), ("C", SplitPart(parsing: "1/3"))])
        let mixed = decision(
            "D1", funding: [thirds("3 MKr"), eur],
            steps: [
                adopt("A-KF", "2024-02-01", [2024: "1 MKr", 2025: "100 tEUR"]),
                adopt("A-KS", "2024-01-10", [2024: "0,9 MKr"]),
                adopt("C-RF", "2024-03-01", [2024: "0,5 MKr"]),
                adopt("C-RF", "2024-03-01", [2024: "0,7 MKr"]),
                adopt("ABC-PS", "2024-01-05", [2024: "3 MKr"]),
            ])
        var withdrawnPayment = pay("D1", "B", 2024, "999 tkr")
        withdrawnPayment.withdrawn = "Dubbelregistrerad"
        return try register(
            [mixed, stranger, withdrawn],
            payments: [
                pay("D1", "A", 2024, "400 tkr"), pay("D1", "A", 2024, "100 tkr"), withdrawnPayment,
                pay("D1", "C", 2030, "5 tkr"), pay("D2", "X", 2025, "200 tkr"), pay("D0", "A", 2024, "1 MKr"),
            ])
    }

    @Test("Totals leave out withdrawn decisions and payments; adopted is each party's latest, the same day by order")
    func withdrawnAndLatest() throws {
        let register = try Self.mixedRegister()
        let rows = try register.totals(by: [.party, .year])
        #expect(rows.map { "\($0.keys.map { $0.1! }.joined(separator: " ")) \($0.currency) \($0.committed.decimalString) "
            + "\($0.adopted.decimalString) \($0.paid.decimalString)" } == [
            "A 2024 SEK 1000000.00 1000000.00 500000.00",
            "A 2025 EUR 100000.00 100000.00 0.00",
            "A 2025 SEK 1500000.00 1500000.00 0.00",
            "B 2024 SEK 1000000.00 0.00 0.00",
            "B 2025 EUR 100000.00 0.00 0.00",
            "C 2024 SEK 1000000.00 700000.00 0.00",
            "C 2025 EUR 100000.00 0.00 0.00",
            "C 2030 SEK 0.00 0.00 5000.00",
            "X 2025 SEK 500000.00 0.00 200000.00",
        ])
        #expect(try register.totals(by: [.party], filter: FundingFilter(decision: "D0")).isEmpty)
    }

    @Test("Totals by party, year, decision and status, in any order and filtered, add up to the totals by body")
    func everyGrouping() throws {
        let register = try Self.mixedRegister()
        let dimensions: [TotalsDimension] = [.party, .year, .decision, .status]
        var groupings: [[TotalsDimension]] = dimensions.map { [$0] }
        for _ in 1..<dimensions.count {
            groupings += groupings.filter { $0.count == groupings.last!.count }.flatMap { grouping in
                dimensions.filter { !grouping.contains($0) }.map { grouping + [$0] }
            }
        }
        #expect(groupings.count == 64)
        let filters = [
            FundingFilter(), FundingFilter(party: "A"), FundingFilter(years: YearRange(from: 2025, to: 2030)),
            FundingFilter(decision: "D1"), FundingFilter(status: .partlyAdopted), FundingFilter(party: "C", decision: "D1"),
        ]
        for filter in filters {
            for grouping in groupings {
                let rows = try register.totals(by: grouping, filter: filter)
                // The same figures by body as well, summed over the bodies here.
                var expected: [String: [Int64]] = [:]
                var order: [String] = []
                for row in try register.totals(by: grouping + [.body], filter: filter) {
                    let key = row.keys.dropLast().map { $0.1 ?? "-" }.joined(separator: " ")
                    if !order.contains(key) { order.append(key) }
                    expected["\(key) \(row.currency)", default: [0, 0, 0]] = zip(
                        expected["\(key) \(row.currency)", default: [0, 0, 0]],
                        [row.committed.minorUnits, row.adopted.minorUnits, row.paid.minorUnits]
                    ).map { $0 + $1 }
                }
                let found = Dictionary(uniqueKeysWithValues: rows.map { row in
                    ("\(row.keys.map { $0.1 ?? "-" }.joined(separator: " ")) \(row.currency)",
                     [row.committed.minorUnits, row.adopted.minorUnits, row.paid.minorUnits])
                })
                #expect(found == expected, "\(grouping) \(filter)")
                let keys = rows.map { $0.keys.map { $0.1 ?? "-" }.joined(separator: " ") }
                #expect(keys.reduce(into: [String]()) { if $0.last != $1 { $0.append($1) } } == order, "\(grouping)")
                #expect(zip(rows, rows.dropFirst()).allSatisfy { a, b in
                    a.keys.map(\.1) != b.keys.map(\.1) || a.currency.code < b.currency.code
                })
            }
        }
    }

    @Test("Totals by body, alone and with every other dimension, in any order and filtered, are what SQL over the figures gives")
    func byBody() throws {
        // Also a party whose latest adoption for a year is in another currency than its share: the share and the
        // payment then have no adopting body.
        let otherCurrency = try Self.register(
            [Self.decision("DC", funding: [Self.thirds("3 MKr", year: 2024)],
                           steps: [Self.adopt("A-KF", "2024-02-01", [2024: "100 tEUR"])])],
            payments: [Self.pay("DC", "A", 2024, "400 tkr")])
        let sek = try Self.totalsBySQL(otherCurrency, by: [.party, .body], filter: FundingFilter(party: "A"))
        #expect(sek.map { "\($0.keys[1].1 ?? "-") \($0.currency) \($0.committed.decimalString) \($0.paid.decimalString)" }
            == ["- SEK 1000000.00 400000.00", "A-KF EUR 0.00 0.00"])
        try Self.byBody(try Self.mixedRegister(), decision: "D1")
        try Self.byBody(otherCurrency, decision: "DC")
    }

    static func byBody(_ register: Register, decision: String) throws {
        let others: [TotalsDimension] = [.party, .year, .decision, .status]
        var groupings: [[TotalsDimension]] = [[.body]]
        for first in others {
            groupings += [[.body, first], [first, .body]]
            for second in others where second != first {
                groupings += [[first, second, .body], [first, .body, second], [.body, first, second]]
            }
        }
        groupings += [[.party, .year, .decision, .status, .body], [.body, .status, .decision, .year, .party]]
        let filters = [
            FundingFilter(), FundingFilter(party: "A"), FundingFilter(years: YearRange(from: 2025, to: 2030)),
            FundingFilter(decision: decision), FundingFilter(status: .partlyAdopted), FundingFilter(party: "C", decision: decision),
        ]
        var bodies: Set<String?> = []
        for filter in filters {
            for grouping in groupings {
                let rows = try register.totals(by: grouping, filter: filter)
                let expected = try Self.totalsBySQL(register, by: grouping, filter: filter)
                #expect(rows == expected, "\(grouping) \(filter)")
                let body = grouping.firstIndex(of: .body)!
                bodies.formUnion(rows.map { $0.keys[body].1 })
            }
        }
        // Adoptions by a party's own bodies, and figures no body adopted (a joint body's amounts are no party's).
        #expect(bodies.contains(nil) && bodies.contains("A-KF"))
    }

    /// `totals` as one GROUP BY over `FundingFigures.figures`, the SQL that answered by body until FundingSums did:
    /// kept here as the reference the sums are held to.
    static func totalsBySQL(
        _ register: Register, by dimensions: [TotalsDimension], filter: FundingFilter
    ) throws -> [TotalsRow] {
        try register.read { db in
            let decisionID = try register.checkReferences(db, filter).decision
            let columns: [TotalsDimension: String] = [
                .party: "p.code", .year: "CAST(fig.year AS TEXT)", .decision: "d.ref", .body: "b.code",
                .status: "d.status",
            ]
            let groupList = (dimensions.map { columns[$0]! } + ["fig.currency"]).joined(separator: ", ")
            // SQLite sorts NULL first, PostgreSQL last unless told; a year grouped as text sorts as a number.
            let order = (dimensions.map { $0 == .year ? "min(fig.year)" : columns[$0]! + " NULLS FIRST" } + ["fig.currency"])
                .joined(separator: ", ")
            let (whereClause, arguments) = register.conditions(filter)
            let sql = """
                WITH \(FundingFigures.figures(decision: decisionID))
                SELECT \(groupList), sum(fig.committed), sum(fig.adopted), sum(fig.paid)
                FROM figures fig
                JOIN decision d ON d.id = fig.decision_id
                JOIN party p ON p.id = fig.party_id
                LEFT JOIN body b ON b.id = fig.body_id
                \(whereClause)
                GROUP BY \(groupList)
                ORDER BY \(order)
                """
            return try SQLRow.fetchAll(db, sql: sql, arguments: arguments).map { row in
                let count = dimensions.count
                let currency = Currency(code: row[count])!
                return TotalsRow(
                    keys: dimensions.enumerated().map { ($1, row[$0] as String?) },
                    committed: Money(minorUnits: row[count + 1], currency: currency),
                    adopted: Money(minorUnits: row[count + 2], currency: currency),
                    paid: Money(minorUnits: row[count + 3], currency: currency))
            }
        }
    }

    @Test("Filters: party, a range of years, decision, status; unknown keys are refused")
    func filters() throws {
        let register = try Self.register([
            Self.decision("D1", funding: [Self.thirds("3 MKr", year: 2024), Self.thirds("6 MKr", year: 2026)]),
            Self.decision("D2", funding: [Self.thirds("30 MKr", year: 2025)],
                          steps: [Self.adopt("A-KF", "2024-01-10", [2025: "10 MKr"])]),
        ])
        let byYear = try register.totals(by: [.year], filter: FundingFilter(party: "A", years: YearRange(from: 2025, to: 2026)))
        #expect(byYear.map { "\($0.keys[0].1!) \($0.committed.decimalString)" } == ["2025 10000000.00", "2026 2000000.00"])
        let byDecision = try register.totals(by: [.decision, .status], filter: FundingFilter(status: .partlyAdopted))
        #expect(byDecision.map { $0.keys.map(\.1) } == [["D2", "partly-adopted"]])
        #expect(try register.reconcile(FundingFilter(decision: "D2")).allSatisfy { $0.decision == "D2" })
        #expect(throws: RegisterError.unknown(kind: "party", key: "Q", field: "--party")) {
            try register.totals(by: [.party], filter: FundingFilter(party: "Q"))
        }
        #expect(throws: RegisterError.unknown(kind: "decision", key: "NOPE", field: nil)) {
            try register.reconcile(FundingFilter(decision: "NOPE"))
        }
    }
}
