import DecregDomain
import DecregStore
import Foundation
import Testing

/// An import session goes on after a refusal, so one run finds every problem; it records nothing once refused.
@Suite("Import session: every refusal in one run")
struct ImportSessionTests {
    /// Adds each item, collecting the refusals, and returns them once the session has been rolled back.
    func refusals(_ register: Register, _ add: (inout ImportSession, (() throws -> Void) -> Void) throws -> Void)
        throws -> [RegisterError]
    {
        var found: [RegisterError] = []
        struct RolledBack: Error {}
        do {
            _ = try register.importing(context: Sample.context) { session in
                try add(&session) { attempt in
                    do { try attempt() } catch let refusal as RegisterError {
                        found.append(refusal)
                    } catch let refusals as RegisterRefusals {
                        found += refusals.refusals
                    } catch {
                        Issue.record("unexpected \(error)")
                    }
                }
                throw RolledBack()
            }
        } catch is RolledBack {}
        return found
    }

    @Test("Every problem of a decision is found, in the order of its fields, with the nearest keys")
    func everyProblemOfADecision() throws {
        let register = try Sample.register()
        var decision = Sample.decision()
        decision.parties = ["SLL", "HUDINGE", "SLL"]
        decision.funding[0].shares[2].party = "BOTKYKRA"
        decision.steps[0].body = "FLEM-P"
        decision.signatories[0].party = "sll"
        let found = try refusals(register) { session, attempt in
            attempt { try session.add(decision, at: "decisions[0]") }
        }
        #expect(found == [
            .duplicate(kind: "decision", key: "FLEMINGSBERG-2007", field: "decisions[0].ref"),
            .unknown(kind: "party", key: "HUDINGE", field: "decisions[0].parties[1]", suggestions: ["HUDDINGE"]),
            .duplicate(kind: "party", key: "SLL", field: "decisions[0].parties[2]"),
            .invalid(
                Phrase(
                    sv: "diarienummer för 'HUDDINGE', som beslutet inte binder",
                    en: "case number for 'HUDDINGE', which the decision does not bind"),
                field: "decisions[0].case_numbers.HUDDINGE"),
            .unknown(
                kind: "party", key: "BOTKYKRA", field: "decisions[0].funding[0].shares.BOTKYKRA", suggestions: ["BOTKYRKA"]),
            .unknown(kind: "body", key: "FLEM-P", field: "decisions[0].steps[0].body", suggestions: ["FLEM-PS"]),
            .unknown(kind: "party", key: "sll", field: "decisions[0].signatories[0].party", suggestions: ["SLL"]),
        ])
        #expect(found[1].description == "decisions[0].parties[1]: unknown party 'HUDINGE': did you mean HUDDINGE? "
            + "(decreg party list shows them all; add a new one with decreg party add HUDINGE --name …)")
    }

    @Test("What was refused or could not be read counts as declared: what refers to it is not refused for that too")
    func refusedCountsAsDeclared() throws {
        let register = try Sample.register()
        let payment = Payment(
            decision: "NEW-1", party: "NACKA", year: 2008, date: Sample.date("2008-01-01"), amount: Sample.money("1 kr"))
        var refused = Sample.decision("NEW-1")
        refused.parties.append("NACKA")
        let found = try refusals(register) { session, attempt in
            session.unread(.party, key: "NACKA")
            attempt { try session.add(Body(code: "NAC-KF", name: "Nacka KF", parties: ["NACKA", "NACKA"]), at: "bodies[0]") }
            attempt { try session.add(refused, at: "decisions[0]") }
            attempt { try session.add(payment, at: "payments[0]") }
            attempt { try session.add(payment, at: "payments[1]") }
            #expect(!session.writing)
        }
        #expect(found == [.duplicate(kind: "party", key: "NACKA", field: "bodies[0].parties[1]")])
        #expect(try register.everything().decisions.map(\.ref) == ["FLEMINGSBERG-2007"])
    }

    @Test("A payment to an unknown decision suggests the refs nearest it, and names an unknown party too")
    func paymentToAnUnknownDecision() throws {
        let register = try Sample.register()
        let payment = Payment(
            decision: "FLEMINGSBERG-207", party: "SALEM", year: 2008, date: Sample.date("2008-01-01"),
            amount: Sample.money("1 kr"))
        let found = try refusals(register) { session, attempt in
            attempt { try session.add(payment, at: "payments[0]") }
        }
        #expect(found == [
            .unknown(
                kind: "decision", key: "FLEMINGSBERG-207", field: "payments[0].decision", suggestions: ["FLEMINGSBERG-2007"]),
            .unknown(kind: "party", key: "SALEM", field: "payments[0].party"),
        ])
        #expect(found[0].message == "no decision 'FLEMINGSBERG-207': did you mean FLEMINGSBERG-2007?")
    }

    /// The payments of one import, towards `ref`, and what the session says of them: the warnings and refusals.
    func paying(_ ref: String, in register: Register, addingFirst decision: Decision?) throws
        -> (warnings: [String], refused: [RegisterError])
    {
        func payment(_ party: String, _ year: Int, _ date: String, _ amount: String, _ reference: String?) -> Payment {
            Payment(
                decision: ref, party: party, year: year, date: Sample.date(date), amount: Sample.money(amount),
                reference: reference)
        }
        var warnings: [String] = []
        let refused = try refusals(register) { session, attempt in
            if let decision { try session.add(decision, at: "decisions[0]") }
            attempt { try session.add(payment("HUDDINGE", 2008, "2008-02-01", "600 000 kr", "F-1"), at: "payments[0]") }
            attempt { try session.add(payment("HUDDINGE", 2008, "2008-03-01", "500 000 kr", nil), at: "payments[1]") }
            warnings = session.summary.warnings.map { "\($0.field): \($0.message)" }
            attempt { try session.add(payment("HUDDINGE", 2008, "2008-02-01", "600 000 kr", "F-1"), at: "payments[2]") }
            attempt { try session.add(payment("SLL", 2009, "2009-02-01", "1 kr", nil), at: "payments[3]") }
            attempt { try session.add(payment("HUDDINGE", 2008, "2008-02-01", "600 000 kr", "F-2"), at: "payments[4]") }
        }
        return (warnings, refused)
    }

    @Test("Payments to a decision added in the same import meet the rules as payments to a recorded one")
    func paymentsToADecisionAddedInTheSameImport() throws {
        let recorded = try paying("FLEMINGSBERG-2007", in: try Sample.register(), addingFirst: nil)
        let added = try paying("NEW-1", in: try Sample.register(), addingFirst: Sample.decision("NEW-1"))
        #expect(recorded.warnings == [
            "payments[1]: HUDDINGE has now paid 1 100 000 kr for 2008, more than its share of 1 000 000 kr; recorded, "
                + "and reconcile reports it"
        ])
        #expect(recorded.refused.map(\.description) == [
            "payments[2].again: the same payment (HUDDINGE, 2008, 2008-02-01, 600 000 kr, F-1) is recorded already: "
                + "give again: true to record it a second time",
            "payments[3].year: FLEMINGSBERG-2007 does not fund 2009 (it funds 2008): pay towards a funded year, or set "
                + "the year's funding first (decreg funding set)",
        ])
        #expect(added.warnings == recorded.warnings)
        #expect(added.refused.map(\.description) == recorded.refused.map {
            $0.description.replacingOccurrences(of: "FLEMINGSBERG-2007", with: "NEW-1")
        })
    }
}
