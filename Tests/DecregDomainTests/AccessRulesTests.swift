import DecregDomain
import Foundation
import Testing

/// What each role may change, decided by `AccessRules` before the store writes anything.
@Suite("Who may change what")
struct AccessRulesTests {
    struct Register: PartiesAndBodies {
        let bodies: [String: Body] = [
            "BOT-KF": Body(code: "BOT-KF", name: "Kommunfullmäktige i Botkyrka", kind: .assembly, parties: ["BOTKYRKA"]),
            "HUD-KF": Body(code: "HUD-KF", name: "Kommunfullmäktige i Huddinge", kind: .assembly, parties: ["HUDDINGE"]),
            "FLEM-PS": Body(
                code: "FLEM-PS", name: "Styrgruppen", kind: .jointCommittee, parties: ["SLL", "HUDDINGE", "BOTKYRKA"]),
        ]
        func party(_ code: String) -> Party? { Party(code: code, name: code) }
        func body(_ code: String) -> Body? { bodies[code] }
        func unknownMessage(_ kind: String, _ code: String) -> Phrase { Phrase(verbatim: "unknown \(code)") }
    }

    static let decision = Decision(
        ref: "FLEMINGSBERG-2007", title: "Utvecklingsprogram", date: LocalDate(year: 2007, month: 7, day: 6)!,
        parties: ["SLL", "HUDDINGE", "BOTKYRKA"],
        steps: [HandlingStep(body: "HUD-KF", date: LocalDate(year: 2007, month: 9, day: 1)!, outcome: .adopted)])
    static let otherDecision = Decision(
        ref: "SLL-ONLY", title: "Landstingets eget", date: LocalDate(year: 2007, month: 7, day: 6)!, parties: ["SLL"])

    static let registrar = Account(name: "bot.reg", role: .registrar, parties: ["BOTKYRKA"])
    static let finance = Account(name: "bot.fin", role: .finance, parties: ["BOTKYRKA"])
    static let admin = Account(name: "admin", role: .admin, parties: [])

    static func step(_ body: String) -> DecisionChange {
        .addStep(HandlingStep(body: body, date: LocalDate(year: 2007, month: 9, day: 10)!, outcome: .adopted))
    }

    static func allowed(_ change: DecisionChange, _ decision: Decision = decision, by account: Account) -> Bool {
        do {
            try AccessRules.check(change, to: decision, by: account, register: Register())
            return true
        } catch { return false }
    }

    @Test("A registrar records steps of its parties' bodies, a joint body's included, and no other party's")
    func registrarSteps() {
        #expect(Self.allowed(Self.step("BOT-KF"), by: Self.registrar))
        #expect(Self.allowed(Self.step("FLEM-PS"), by: Self.registrar))
        #expect(!Self.allowed(Self.step("HUD-KF"), by: Self.registrar))
        // Step 1 is Huddinge's assembly's: Botkyrka's registrar may neither correct nor withdraw it.
        #expect(!Self.allowed(.withdrawStep(1), by: Self.registrar))
        #expect(!Self.allowed(.correctStep(1, StepCorrection(minutes: "§ 1")), by: Self.registrar))
        // Nor move a step of its own to another party's body.
        #expect(!Self.allowed(.correctStep(1, StepCorrection(body: "BOT-KF")), by: Self.registrar))
        #expect(!Self.allowed(Self.step("BOT-KF"), Self.otherDecision, by: Self.registrar))
    }

    @Test("A registrar corrects only decisions that bind its parties, and does not hand them to others")
    func registrarCorrections() {
        #expect(Self.allowed(.correct(DecisionCorrection(title: "Ny rubrik")), by: Self.registrar))
        #expect(!Self.allowed(.correct(DecisionCorrection(title: "Ny rubrik")), Self.otherDecision, by: Self.registrar))
        #expect(!Self.allowed(.correct(DecisionCorrection(parties: ["SLL", "HUDDINGE"])), by: Self.registrar))
        #expect(!Self.allowed(.setFunding([]), by: Self.registrar), "funding is a finance officer's")
    }

    @Test("A finance officer sets funding and records its parties' payments, nothing else")
    func finance() {
        #expect(Self.allowed(.setFunding([]), by: Self.finance))
        #expect(Self.allowed(.withdrawFunding(year: 2008), by: Self.finance))
        #expect(!Self.allowed(Self.step("BOT-KF"), by: Self.finance))
        #expect(!Self.allowed(.setFunding([]), Self.otherDecision, by: Self.finance))
        #expect(throws: Never.self) { try AccessRules.checkPayment(by: "BOTKYRKA", account: Self.finance) }
        #expect(throws: NotPermitted.self) { try AccessRules.checkPayment(by: "HUDDINGE", account: Self.finance) }
        #expect(throws: NotPermitted.self) { try AccessRules.checkPayment(by: "BOTKYRKA", account: Self.registrar) }
    }

    @Test("An administrator may do everything; only an administrator changes accounts, parties and bodies")
    func administrator() {
        #expect(Self.allowed(Self.step("HUD-KF"), Self.otherDecision, by: Self.admin))
        #expect(Self.allowed(.setFunding([]), by: Self.admin))
        #expect(throws: Never.self) { try AccessRules.checkAdministration(by: Self.admin) }
        #expect(throws: NotPermitted.self) { try AccessRules.checkAdministration(by: Self.registrar) }
        #expect(throws: NotPermitted.self) { try AccessRules.checkAdd(Self.otherDecision, by: Self.registrar) }
        #expect(throws: Never.self) { try AccessRules.checkAdd(Self.decision, by: Self.registrar) }
    }

    @Test("A refusal says what the account is and what it may do, in Swedish and English")
    func refusalWords() {
        do {
            try AccessRules.checkPayment(by: "HUDDINGE", account: Self.finance)
            Issue.record("not refused")
        } catch {
            #expect(error.phrase.en == "account bot.fin does not record payments of HUDDINGE, only of BOTKYRKA")
            #expect(error.phrase.sv == "kontot bot.fin för inte betalningar för HUDDINGE, bara för BOTKYRKA")
        }
    }

    @Test("Account names: lower-case letters, digits and . _ - @, 1–64; the record holds no secret")
    func accountNames() throws {
        for name in ["anna.lind", "a", "lena_bot-2@botkyrka.se"] {
            #expect(throws: Never.self) { try Account.checkName(name, field: "NAME") }
        }
        for name in ["", "Anna", "anna lind", String(repeating: "a", count: 65), "anna\u{202E}"] {
            #expect(throws: Refusal.self) { try Account.checkName(name, field: "NAME") }
        }
        let account = Account(
            name: "bot.fin", role: .finance, parties: ["BOTKYRKA"], passwordSet: "2026-12-02T10:00:00.000Z")
        #expect(
            String(decoding: account.canonicalRecord, as: UTF8.self)
                == #"{"disabled":null,"name":"bot.fin","parties":["BOTKYRKA"],"password_set":"2026-12-02T10:00:00.000Z","role":"finance","token_issued":null}"#)
    }
}
