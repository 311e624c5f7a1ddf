import DecregDomain
import DecregStore
import Foundation
import Testing

/// What the register adds (a command's party, body or decision; an import's) meets the text rules in one place,
/// with every other rule: its texts composed, and each that holds a control named where it stands.
@Suite("The register's adds meet the text rules")
struct TextRulesStoreTests {
    @Test("A decision's hostile texts are refused beside its other problems, each at its field")
    func decisionTexts() throws {
        let register = try Sample.register()
        var decision = Sample.decision("NY-1")
        decision.title = "Rubrik\u{1B}[2J"
        decision.parties.append("NACKA")
        decision.steps[0].note = "klart\u{7}"
        do {
            try register.add(RegisterBatch(decisions: [decision]), context: Sample.context)
            Issue.record("recorded a decision with hostile texts")
        } catch let refusal as RegisterError {
            // A command names the first; an import, through the session, all of them.
            #expect(refusal.field == "decisions[0].title")
        }
        var found: [String?] = []
        struct RolledBack: Error {}
        do {
            _ = try register.importing(context: Sample.context) { session in
                do { try session.add(decision, at: "decisions[4]") } catch let refusals as RegisterRefusals {
                    found = refusals.refusals.map(\.field)
                }
                throw RolledBack()
            }
        } catch is RolledBack {}
        #expect(found == ["decisions[4].title", "decisions[4].steps[0].note", "decisions[4].parties[3]"])
    }

    @Test("A party's and a body's names, a payment's reference: refused with a control, stored composed")
    func catalogTexts() throws {
        let register = try Sample.register()
        #expect(throws: RegisterError.invalid(
            Phrase(
                sv: "texten innehåller ett dubbelriktat styrtecken U+202E, som inte är tillåtet på en rad: skriv om "
                    + "den utan det tecknet",
                en: "the text holds a bidirectional control U+202E, which is not allowed in one line: retype it "
                    + "without that character"), field: "parties[0].name")) {
            try register.add(
                RegisterBatch(parties: [Party(code: "NACKA", name: "Nacka \u{202E}nummok")]), context: Sample.context)
        }
        #expect(throws: RegisterError.self) {
            try register.add(
                RegisterBatch(bodies: [Body(code: "SLL-X", name: "Nämnd\r\nFAKE", parties: ["SLL"])]),
                context: Sample.context)
        }
        try register.add(
            RegisterBatch(
                parties: [Party(code: "ARSTA", name: "A\u{30A}rsta kommun")],
                bodies: [Body(code: "ARSTA-KF", name: "Kommunfullma\u{308}ktige", parties: ["ARSTA"])]),
            context: Sample.context)
        #expect(try register.parties().contains { $0.code == "ARSTA" && $0.name == "\u{C5}rsta kommun" })
        #expect(try register.bodies().contains { $0.code == "ARSTA-KF" && $0.name == "Kommunfullm\u{E4}ktige" })
        let payment = Payment(
            decision: "FLEMINGSBERG-2007", party: "SLL", year: 2008, date: Sample.date("2008-02-01"),
            amount: Sample.money("1 tkr"), reference: "F\u{1B}1")
        #expect(throws: RegisterError.invalid(
            Phrase(
                sv: "texten innehåller styrtecknet U+001B, som inte är tillåtet på en rad: skriv om den utan det "
                    + "tecknet",
                en: "the text holds the control character U+001B, which is not allowed in one line: retype it "
                    + "without that character"), field: "payments[0].reference")) {
            try register.add(RegisterBatch(payments: [payment]), context: Sample.context)
        }
    }

    @Test("A decision typed decomposed is stored composed")
    func composed() throws {
        let register = try Sample.register()
        var decision = Sample.decision("NY-1")
        decision.title = "A\u{30A}rsta"
        decision.clauses = ["att go\u{308}ra det"]
        decision.signatories = [Signatory(name: "O\u{308}sten")]
        try register.add(RegisterBatch(decisions: [decision]), context: Sample.context)
        let stored = try register.decision("NY-1").decision
        #expect(stored.title == "\u{C5}rsta")
        #expect(stored.clauses == ["att g\u{F6}ra det"])
        #expect(stored.signatories.map(\.name) == ["\u{D6}sten"])
    }
}
