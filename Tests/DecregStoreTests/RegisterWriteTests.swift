import DecregDomain
import DecregStore
import Foundation
import Testing

@Suite("Writing to the register")
struct RegisterWriteTests {
    @Test("A decision reads back exactly as it was recorded, attachments by hash")
    func roundTrip() throws {
        let register = try Sample.register()
        let stored = try register.decision("FLEMINGSBERG-2007")
        var expected = Sample.decision()
        expected.attachments = expected.attachments.map { var a = $0; a.content = nil; return a }
        #expect(stored.decision == expected)
        #expect(stored.status == .approved)
        #expect(stored.payments.isEmpty)
    }

    @Test("Parties and bodies declared again identically are left as they are")
    func repeatedReferenceData() throws {
        let register = try Sample.register()
        let summary = try register.add(
            RegisterBatch(parties: Sample.parties, bodies: Sample.bodies), context: Sample.context)
        #expect(summary.partiesAdded == 0)
        #expect(summary.partiesUnchanged == 3)
        #expect(summary.bodiesUnchanged == 4)
        #expect(summary.auditEntries == 0)
    }

    @Test("A party declared differently is refused, naming the difference")
    func conflictingParty() throws {
        let register = try Sample.register()
        var renamed = Sample.parties[1]
        renamed.name = "Huddinge"
        #expect(throws: RegisterError.conflicting(
            kind: "party", key: "HUDDINGE",
            difference: Phrase(sv: "namn 'Huddinge kommun' ≠ 'Huddinge'", en: "name 'Huddinge kommun' ≠ 'Huddinge'"),
            field: "parties[0]"))
        {
            try register.add(RegisterBatch(parties: [renamed]), context: Sample.context)
        }
    }

    @Test("Into a register without decisions, a ref given twice or a payment for an unknown ref is refused by name")
    func refusalsIntoAnEmptyRegister() throws {
        let register = try TestEngine.emptyRegister()
        try register.add(RegisterBatch(parties: Sample.parties, bodies: Sample.bodies), context: Sample.context)
        let cases: [(RegisterBatch, RegisterError)] = [
            (RegisterBatch(decisions: [Sample.decision("NEW-1"), Sample.decision("NEW-1")]),
             .duplicate(kind: "decision", key: "NEW-1", field: "decisions[1].ref")),
            (RegisterBatch(
                decisions: [Sample.decision("NEW-2")],
                payments: [Payment(decision: "NOPE", party: "SLL", year: 2008, date: Sample.date("2008-01-01"),
                                   amount: Sample.money("1 kr"))]),
             .unknown(kind: "decision", key: "NOPE", field: "payments[0].decision")),
        ]
        for (batch, error) in cases {
            #expect(throws: error) { try register.add(batch, context: Sample.context) }
            #expect(try register.everything().decisions.isEmpty)
        }
    }

    @Test("Refused batches leave the register exactly as it was")
    func refusalsWriteNothing() throws {
        let register = try Sample.register()
        let before = try register.everything()
        var unknownParty = Sample.decision("NEW-1")
        unknownParty.parties.append("NACKA")
        var unknownShare = Sample.decision("NEW-2")
        unknownShare.funding[0].shares[0].party = "NACKA"
        var unknownBody = Sample.decision("NEW-3")
        unknownBody.steps[0].body = "NACKA-KF"
        let cases: [(RegisterBatch, RegisterError)] = [
            (RegisterBatch(decisions: [Sample.decision("NEW-0"), unknownParty]),
             .unknown(kind: "party", key: "NACKA", field: "decisions[1].parties[3]")),
            (RegisterBatch(decisions: [unknownShare]),
             .unknown(kind: "party", key: "NACKA", field: "decisions[0].funding[0].shares.NACKA")),
            (RegisterBatch(decisions: [unknownBody]),
             .unknown(kind: "body", key: "NACKA-KF", field: "decisions[0].steps[0].body")),
            (RegisterBatch(decisions: [Sample.decision()]),
             .duplicate(kind: "decision", key: "FLEMINGSBERG-2007", field: "decisions[0].ref")),
            (RegisterBatch(decisions: [Sample.decision("NEW-4"), Sample.decision("NEW-4")]),
             .duplicate(kind: "decision", key: "NEW-4", field: "decisions[1].ref")),
            (RegisterBatch(payments: [Payment(decision: "NOPE", party: "SLL", year: 2008, date: Sample.date("2008-01-01"),
                                              amount: Sample.money("1 kr"))]),
             .unknown(kind: "decision", key: "NOPE", field: "payments[0].decision")),
        ]
        for (batch, error) in cases {
            #expect(throws: error) { try register.add(batch, context: Sample.context) }
            let after = try register.everything()
            #expect(after.decisions == before.decisions)
            #expect(after.parties == before.parties)
            #expect(after.payments == before.payments)
        }
    }

    @Test("A split that misses its total is recorded: reconciliation reports it")
    func unbalancedSharesAreRecorded() throws {
        let register = try Sample.register()
        var decision = Sample.decision("UNBALANCED")
        decision.funding[0].shares[2].amount = Sample.money("0,4 MKr")
        try register.add(RegisterBatch(decisions: [decision]), context: Sample.context)
        #expect(try register.decision("UNBALANCED").decision.funding[0].shares[2].amount == Sample.money("400 tkr"))
    }

    @Test("The status follows the steps: partly adopted, then adopted")
    func statusFromSteps() throws {
        let register = try Sample.register()
        let first = try register.apply(
            .addStep(HandlingStep(body: "HUD-KF", date: Sample.date("2007-09-17"), outcome: .adopted, minutes: "§ 87",
                         amounts: [YearAmount(year: 2008, amount: Sample.money("1 MKr"))])),
            to: "FLEMINGSBERG-2007", context: Sample.context).status
        #expect(first == .partlyAdopted)
        try register.apply(
            .addStep(HandlingStep(body: "SLL-LF", date: Sample.date("2007-10-02"), outcome: .adopted)),
            to: "FLEMINGSBERG-2007", context: Sample.context)
        let last = try register.apply(
            .addStep(HandlingStep(body: "BOT-KF", date: Sample.date("2007-09-20"), outcome: .adopted)),
            to: "FLEMINGSBERG-2007", context: Sample.context).status
        #expect(last == .adopted)
        let stored = try register.decision("FLEMINGSBERG-2007")
        #expect(stored.status == .adopted)
        #expect(stored.decision.steps.count == 4)
        #expect(stored.decision.steps[1].amounts == [YearAmount(year: 2008, amount: Sample.money("1 MKr"))])
        #expect(try register.decisions(DecisionFilter(status: .adopted)).map(\.ref) == ["FLEMINGSBERG-2007"])
    }

    @Test("A step by an unknown body, or on an unknown decision, is refused")
    func stepRefusals() throws {
        let register = try Sample.register()
        let step = HandlingStep(body: "NOPE", date: Sample.date("2007-09-17"), outcome: .adopted)
        #expect(throws: RegisterError.invalid(
            RegisterError.unknown(kind: "body", key: "NOPE", field: nil).phrase, field: "--body")) {
            try register.apply(.addStep(step), to: "FLEMINGSBERG-2007", context: Sample.context)
        }
        #expect(throws: RegisterError.unknown(kind: "decision", key: "NOPE", field: nil)) {
            try register.apply(.addStep(step), to: "NOPE", context: Sample.context)
        }
        #expect(try register.decision("FLEMINGSBERG-2007").decision.steps.count == 1)
    }

    @Test("Funding set replaces a year (a correction, with its reason) and adds another, shares exact to the öre")
    func fundingSet() throws {
        let register = try Sample.register()
        let thirds = try FundingYear.split(
            year: 2009, total: Sample.money("1 000 000 kr"),
            [("SLL", SplitPart(parsing: "1/3")), ("HUDDINGE", SplitPart(parsing: "1/3")),
             ("BOTKYRKA", SplitPart(parsing: "1/3"))])
        try register.apply(.setFunding([thirds]), to: "FLEMINGSBERG-2007", context: Sample.context)
        let replaced = FundingYear.shares(year: 2008, total: Sample.money("3 MKr"), [("SLL", Sample.money("3 MKr"))])
        #expect(throws: RegisterError.invalid(
            Phrase(
                sv: "FLEMINGSBERG-2007 finansierar redan 2008: att ange den igen är en rättelse, ange skälet "
                    + "(--reason)",
                en: "FLEMINGSBERG-2007 funds 2008 already: setting it again is a correction, give the reason "
                    + "(--reason)"),
            field: "--reason")) {
            try register.apply(.setFunding([replaced]), to: "FLEMINGSBERG-2007", context: Sample.context)
        }
        var correcting = Sample.context
        correcting.reason = "fel belopp"
        try register.apply(.setFunding([replaced]), to: "FLEMINGSBERG-2007", context: correcting)
        let funding = try register.decision("FLEMINGSBERG-2007").decision.funding
        #expect(funding.map(\.year) == [2008, 2009])
        #expect(funding[0] == replaced)
        #expect(funding[1].shares.map(\.amount.minorUnits) == [33_333_334, 33_333_333, 33_333_333])
        #expect(funding[1].shares.map { $0.part?.text } == ["1/3", "1/3", "1/3"])
    }

    @Test("Attachments come back byte for byte; a label is used once")
    func attachments() throws {
        let register = try Sample.register()
        let bytes = Data((0..<2048).map { UInt8($0 % 251) })
        try register.apply(
            .addAttachment(
                Attachment(label: "Bilaga 2", title: "Principöverenskommelsen", mediaType: "application/pdf", content: bytes)),
            to: "FLEMINGSBERG-2007", context: Sample.context)
        let stored = try register.attachment("Bilaga 2", of: "FLEMINGSBERG-2007")
        #expect(stored.content == bytes)
        #expect(stored.sha256 == Attachment.sha256Hex(bytes))
        #expect(try register.attachments(of: "FLEMINGSBERG-2007").map(\.label) == ["Bilaga 1", "Bilaga 2"])
        #expect(throws: RegisterError.invalid(
            Phrase(
                sv: "FLEMINGSBERG-2007 har redan en bilaga 'Bilaga 2': ange en annan benämning, eller makulera den "
                    + "först (decreg attach withdraw)",
                en: "FLEMINGSBERG-2007 has an attachment 'Bilaga 2' already: give another label, or withdraw that one "
                    + "first (decreg attach withdraw)"), field: "--label")) {
            try register.apply(
                .addAttachment(Attachment(label: "Bilaga 2", mediaType: "text/plain", content: Data())),
                to: "FLEMINGSBERG-2007", context: Sample.context)
        }
    }

    @Test("Payments are recorded against a decision and a party")
    func payments() throws {
        let register = try Sample.register()
        try register.apply(
            .add(
                Payment(decision: "FLEMINGSBERG-2007", party: "HUDDINGE", year: 2008, date: Sample.date("2008-03-01"),
                        amount: Sample.money("1 MKr"), reference: "F-1"), again: false),
            context: Sample.context)
        let stored = try register.decision("FLEMINGSBERG-2007")
        #expect(stored.payments.map(\.reference) == ["F-1"])
        #expect(throws: RegisterError.unknown(kind: "party", key: "NACKA", field: "--party")) {
            try register.apply(
                .add(
                    Payment(decision: "FLEMINGSBERG-2007", party: "NACKA", year: 2008, date: Sample.date("2008-03-01"),
                            amount: Sample.money("1 kr")), again: false),
                context: Sample.context)
        }
    }
}
