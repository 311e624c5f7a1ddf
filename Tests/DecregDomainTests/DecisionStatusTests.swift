import DecregDomain
import Testing

private typealias Step = (date: LocalDate, outcome: Outcome, bodyParties: [String])

private func step(_ date: String, _ outcome: Outcome, _ parties: String...) -> Step {
    (try! LocalDate(parsing: date), outcome, parties)
}

private let three = ["SLL", "HUDDINGE", "BOTKYRKA"]

@Suite("Decision status")
struct DecisionStatusTests {
    @Test("no steps: a draft")
    func draft() {
        #expect(DecisionStatus.derive(parties: three, steps: [] as [(date: LocalDate, outcome: Outcome, bodyParties: [String])]) == .draft)
    }

    @Test("the boards propose: proposed")
    func proposed() {
        let steps = [
            step("2007-07-06", .proposed, "SLL"), step("2007-07-06", .proposed, "HUDDINGE"),
            step("2007-07-06", .proposed, "BOTKYRKA"),
        ]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .proposed)
    }

    @Test("an amendment as the latest step: proposed")
    func amended() {
        let steps = [step("2007-06-27", .approved, "SLL", "HUDDINGE", "BOTKYRKA"), step("2007-07-06", .amended, "SLL")]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .proposed)
    }

    @Test("the steering group approves after the proposals: approved")
    func approved() {
        let steps = [step("2007-06-20", .proposed, "SLL"), step("2007-06-27", .approved, "SLL", "HUDDINGE", "BOTKYRKA")]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .approved)
    }

    @Test("sent back: returned")
    func returned() {
        let steps = [step("2007-06-27", .approved, "SLL", "HUDDINGE", "BOTKYRKA"), step("2007-07-06", .returned, "SLL")]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .returned)
    }

    @Test("some parties have adopted it: partly adopted")
    func partlyAdopted() {
        let steps = [
            step("2007-06-27", .approved, "SLL", "HUDDINGE", "BOTKYRKA"), step("2007-09-10", .adopted, "SLL"),
            step("2007-09-17", .adopted, "HUDDINGE"),
        ]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .partlyAdopted)
    }

    @Test("every party's latest word is adopted: adopted")
    func adopted() {
        let steps = [
            step("2007-07-06", .proposed, "SLL"), step("2007-09-10", .adopted, "SLL"),
            step("2007-09-17", .adopted, "HUDDINGE"), step("2007-09-20", .adopted, "BOTKYRKA"),
        ]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .adopted)
    }

    @Test("a party that amends after adopting has not adopted: partly adopted")
    func laterWordReplacesAdoption() {
        let steps = [
            step("2007-09-10", .adopted, "SLL"), step("2007-09-17", .adopted, "HUDDINGE"),
            step("2007-09-20", .adopted, "BOTKYRKA"), step("2007-10-01", .amended, "BOTKYRKA"),
        ]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .partlyAdopted)
    }

    @Test("a party's latest word is rejected: rejected, even when others adopted")
    func rejected() {
        let steps = [
            step("2007-09-10", .adopted, "SLL"), step("2007-09-17", .adopted, "HUDDINGE"),
            step("2007-09-20", .rejected, "BOTKYRKA"),
        ]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .rejected)
    }

    @Test("a rejection overturned later by the same party no longer counts")
    func rejectionOverturned() {
        let steps = [
            step("2007-09-10", .rejected, "SLL"), step("2007-09-17", .adopted, "HUDDINGE"),
            step("2007-09-20", .adopted, "BOTKYRKA"), step("2007-10-15", .adopted, "SLL"),
        ]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .adopted)
    }

    @Test("a joint body's step counts for each of its parties")
    func jointBody() {
        #expect(DecisionStatus.derive(parties: three, steps: [step("2008-01-10", .adopted, "SLL", "HUDDINGE", "BOTKYRKA")])
            == .adopted)
        #expect(DecisionStatus.derive(parties: three, steps: [step("2008-01-10", .rejected, "SLL", "HUDDINGE", "BOTKYRKA")])
            == .rejected)
        // Two parties adopt, then the joint body approves again: its word is the latest for all three.
        let steps = [
            step("2008-01-10", .adopted, "SLL"), step("2008-01-11", .adopted, "HUDDINGE"),
            step("2008-02-01", .approved, "SLL", "HUDDINGE", "BOTKYRKA"),
        ]
        #expect(DecisionStatus.derive(parties: three, steps: steps) == .approved)
        // A joint body of two, and the third party's own assembly.
        let joint = [step("2008-01-10", .adopted, "SLL", "HUDDINGE"), step("2008-01-12", .adopted, "BOTKYRKA")]
        #expect(DecisionStatus.derive(parties: three, steps: joint) == .adopted)
    }

    @Test("the latest step by date wins, even when recorded out of order")
    func latestByDate() {
        let adoptedLast = [step("2008-11-20", .adopted, "SLL"), step("2008-11-01", .rejected, "SLL")]
        #expect(DecisionStatus.derive(parties: ["SLL"], steps: adoptedLast) == .adopted)
        let rejectedLast = [step("2008-11-20", .rejected, "SLL"), step("2008-11-01", .adopted, "SLL")]
        #expect(DecisionStatus.derive(parties: ["SLL"], steps: rejectedLast) == .rejected)
        // Before anyone adopts, the latest step by date sets the status.
        let approvedLast = [step("2008-09-24", .approved, "SLL", "HUDDINGE"), step("2008-09-01", .proposed, "SLL")]
        #expect(DecisionStatus.derive(parties: ["SLL", "HUDDINGE"], steps: approvedLast) == .approved)
        let proposedLast = [step("2008-09-01", .approved, "SLL", "HUDDINGE"), step("2008-09-24", .proposed, "SLL")]
        #expect(DecisionStatus.derive(parties: ["SLL", "HUDDINGE"], steps: proposedLast) == .proposed)
    }

    @Test("on the same day, the step recorded later wins")
    func sameDayLaterRecordedWins() {
        let steps = [step("2008-11-20", .rejected, "SLL"), step("2008-11-20", .adopted, "SLL")]
        #expect(DecisionStatus.derive(parties: ["SLL"], steps: steps) == .adopted)
        let reversed = [step("2008-11-20", .adopted, "SLL"), step("2008-11-20", .rejected, "SLL")]
        #expect(DecisionStatus.derive(parties: ["SLL"], steps: reversed) == .rejected)
    }

    @Test("the raw values are what the register and exports show")
    func rawValues() {
        #expect(DecisionStatus.partlyAdopted.rawValue == "partly-adopted")
        #expect(DecisionStatus.allCases.sorted().first == .draft)
    }
}
