/// A change an account may not make: said as what it may not do and why, without telling what it may not see.
public struct NotPermitted: Error, Equatable, Sendable, CustomStringConvertible {
    public var phrase: Phrase

    public init(sv: String, en: String) { phrase = Phrase(sv: sv, en: en) }

    public var description: String { phrase.en }
}

/// What each role may change, decided once for every way a signed-in clerk comes in (the browser's forms and the
/// API): the store asks these rules inside the change's transaction, so a route that forgot to ask cannot write
/// what the account may not. The command line acts with every right: whoever runs it holds the register's file.
///
/// - registrar: a decision that binds one of its parties (add, correct, withdraw, its signatories and attachments),
///   and steps of a body of one of its parties (a joint body's steps: a registrar of any of its parties), and appeals
///   of its parties' adoptions;
/// - finance: the funding of a decision that binds one of its parties, and payments made by one of its parties;
/// - admin: everything, accounts, parties and bodies included.
public enum AccessRules {
    /// Whether `account` may make `change` to `decision` (as recorded before the change).
    public static func check(
        _ change: DecisionChange, to decision: Decision, by account: Account, register: some PartiesAndBodies
    ) throws(NotPermitted) {
        guard account.role != .admin else { return }
        switch change {
        case .setFunding, .withdrawFunding:
            try require(.finance, account, to: .changeFunding)
        default:
            try require(.registrar, account, to: .changeDecision)
        }
        try checkBinds(decision.parties, account)
        switch change {
        case .addStep(let step):
            try checkBody(step.body, account, register)
        case .correctStep(let number, let correction):
            if decision.steps.indices.contains(number - 1) {
                try checkBody(decision.steps[number - 1].body, account, register)
            }
            if let body = correction.body { try checkBody(body, account, register) }
        case .withdrawStep(let number):
            if decision.steps.indices.contains(number - 1) {
                try checkBody(decision.steps[number - 1].body, account, register)
            }
        case .correct(let correction):
            // A registrar may not hand the decision over to parties none of whose clerks it is.
            if let parties = correction.parties { try checkBinds(parties, account) }
        case .addAppeal(let appeal):
            try checkAppealed(appeal.party, account)
        case .decideAppeal(let number, _, _):
            if decision.appeals.indices.contains(number - 1) {
                try checkAppealed(decision.appeals[number - 1].party, account)
            }
        default:
            break
        }
    }

    /// Whether `account` may add `decision`.
    public static func checkAdd(_ decision: Decision, by account: Account) throws(NotPermitted) {
        guard account.role != .admin else { return }
        try require(.registrar, account, to: .changeDecision)
        try checkBinds(decision.parties, account)
    }

    /// Whether `account` may record, correct or withdraw a payment by `party` (for a correction, both the party
    /// recorded and the party it is corrected to).
    public static func checkPayment(by party: String, account: Account) throws(NotPermitted) {
        guard account.role != .admin else { return }
        try require(.finance, account, to: .changePayment)
        guard account.parties.contains(party) else {
            throw NotPermitted(
                sv: "kontot \(account.name) för inte betalningar för \(party), bara för \(list(account.parties))",
                en: "account \(account.name) does not record payments of \(party), only of \(list(account.parties))")
        }
    }

    /// Whether `account` may change accounts, parties and bodies: an administrator only.
    public static func checkAdministration(by account: Account) throws(NotPermitted) {
        guard account.role != .admin else { return }
        throw NotPermitted(
            sv: "bara en administratör ändrar konton, parter och organ", en: "only an administrator changes accounts, "
                + "parties and bodies")
    }

    /// What a role does, as its refusal names it.
    enum Work {
        case changeDecision, changeFunding, changePayment
    }

    private static func require(_ role: AccountRole, _ account: Account, to work: Work) throws(NotPermitted) {
        guard account.role != role else { return }
        let (sv, en) =
            switch work {
            case .changeDecision: ("beslut och beslutsgång förs av en registrator", "decisions and their handling are "
                + "recorded by a registrar")
            case .changeFunding: ("finansieringen förs av en ekonom", "funding is recorded by a finance officer")
            case .changePayment: ("betalningar förs av en ekonom", "payments are recorded by a finance officer")
            }
        throw NotPermitted(
            sv: "\(sv); kontot \(account.name) är \(account.role.word(.sv))",
            en: "\(en); account \(account.name) is a \(account.role.word(.en))")
    }

    private static func checkBinds(_ parties: [String], _ account: Account) throws(NotPermitted) {
        guard parties.contains(where: account.parties.contains) else {
            throw NotPermitted(
                sv: "beslutet binder inte någon av kontot \(account.name)s parter (\(list(account.parties)))",
                en: "the decision binds none of account \(account.name)'s parties (\(list(account.parties)))")
        }
    }

    /// An appeal of a party's adoption is that party's clerks' to record, as its adoption is.
    private static func checkAppealed(_ party: String, _ account: Account) throws(NotPermitted) {
        guard account.parties.contains(party) else {
            throw NotPermitted(
                sv: "överklaganden av \(party)s beslut förs av \(party)s registratorer, inte av kontot \(account.name) "
                    + "(\(list(account.parties)))",
                en: "appeals of \(party)'s adoption are recorded by \(party)'s registrars, not by account \(account.name) "
                    + "(\(list(account.parties)))")
        }
    }

    private static func checkBody(_ code: String, _ account: Account, _ register: some PartiesAndBodies)
        throws(NotPermitted)
    {
        // A body the register does not know is the operation's own refusal, said by its rules.
        guard let body = register.body(code) else { return }
        guard body.parties.contains(where: account.parties.contains) else {
            throw NotPermitted(
                sv: "\(code) är inte ett organ för kontot \(account.name)s parter (\(list(account.parties))); dess "
                    + "beslutsgång förs av \(list(body.parties))",
                en: "\(code) is not a body of account \(account.name)'s parties (\(list(account.parties))); its "
                    + "steps are recorded by \(list(body.parties))")
        }
    }

    private static func list(_ codes: [String]) -> String {
        codes.isEmpty ? "–" : codes.joined(separator: ", ")
    }
}
