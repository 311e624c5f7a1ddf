import DecregDomain
import DecregStore
import Foundation
import Testing

/// A write of many rows: on PostgreSQL the rows wait to be sent many to an INSERT, and a row must still reach the
/// server after the row it refers to, whichever came first into the waiting rows.
@Suite("A large write lands whole, on either engine")
struct LargeWriteTests {
    @Test("1 500 decisions, each followed by a payment, in one import: every row recorded, payments numbered in order")
    func decisionsAndPaymentsInterleaved() throws {
        let register = try TestEngine.emptyRegister()
        let count = 1_500
        let refs = (0..<count).map { String(format: "D-%04d", $0) }
        let summary = try register.importing(context: Sample.context) { session in
            for (index, party) in Sample.parties.enumerated() {
                try session.add(party, at: RegisterBatch.path("parties", index))
            }
            for (index, body) in Sample.bodies.enumerated() {
                try session.add(body, at: RegisterBatch.path("bodies", index))
            }
            for (index, ref) in refs.enumerated() {
                // Rows of a decision, then a payment referring to it: past the first few hundred, the waiting
                // payments were first given before the next decision's row.
                try session.add(Sample.decision(ref), at: RegisterBatch.path("decisions", index))
                try session.add(
                    Payment(
                        decision: ref, party: index.isMultiple(of: 2) ? "HUDDINGE" : "BOTKYRKA", year: 2008,
                        date: Sample.date("2008-03-01"), amount: Sample.money("\(index + 1) kr"), reference: "P-\(index)"),
                    at: RegisterBatch.path("payments", index))
            }
        }
        #expect(summary.decisionsAdded == count)
        #expect(summary.paymentsAdded == count)

        let payments = try register.payments(FundingFilter()).sorted { ($0.number ?? 0) < ($1.number ?? 0) }
        #expect(payments.map(\.number) == (1...Int64(count)).map { $0 })
        #expect(payments.map(\.decision) == refs)
        #expect(payments.map(\.reference) == (0..<count).map { "P-\($0)" })

        // Read back as entered (an attachment is read without its bytes; they are fetched on their own).
        var entered = Sample.decision(refs[count - 1])
        entered.attachments[0].content = nil
        #expect(try register.decision(refs[count - 1]).decision == entered)
        #expect(try register.decisions(DecisionFilter(search: "Flemingsberg")).count == count)
        // A walk over every share and payment (6 000 rows: more than PostgreSQL sends in one batch of a cursor).
        let byParty = try register.totals(by: [.party]).map {
            ($0.keys[0].1 ?? "", $0.committed.minorUnits, $0.paid.minorUnits)
        }
        #expect(byParty.map(\.0) == ["BOTKYRKA", "HUDDINGE", "SLL"])
        #expect(byParty.map(\.1) == [750_000_000_00, 1_500_000_000_00, 1_500_000_000_00])
        // Odd payments to Huddinge (1 + 3 + … + 1 499 kr), even ones to Botkyrka (2 + 4 + … + 1 500 kr).
        #expect(byParty.map(\.2) == [563_250_00, 562_500_00, 0])
        let report = try register.verifyAudit()
        #expect(report.problems.isEmpty)
    }
}
