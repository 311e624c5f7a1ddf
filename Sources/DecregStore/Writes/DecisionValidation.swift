import DecregDomain

/// What the register refuses in a decision beyond what the schema can say: references to nothing, keys given
/// twice, and — through the same `DecisionRules` that every change to a decision meets — standing items that
/// refer outside the decision (a share or signatory of a party it does not bind, a step by another party's body,
/// an adopted amount for a year it does not fund). Withdrawn items are history and are not held to them. A decision
/// that does not add up (a split missing its total) is recorded; reconciliation reports it.
///
/// Every problem of a decision is found, not only the first: each check adds to `problems` and the next runs.
struct DecisionValidation {
    let decision: Decision
    /// Where the decision stands in its input: `decisions[2]`, or empty for a command.
    let path: String
    let catalog: Catalog
    /// The rules of items, made once for the decision.
    let rules: DecisionRules<Catalog>
    /// Whether the register knows every party the decision binds: else whom an item may name is not known.
    let partiesKnown: Bool
    private(set) var problems: [RegisterError] = []

    private init(decision: Decision, path: String, catalog: Catalog) {
        self.decision = decision
        self.path = path
        self.catalog = catalog
        rules = DecisionRules(decision: decision, register: catalog)
        partiesKnown = decision.parties.allSatisfy { catalog.parties[$0] != nil }
    }

    /// Every problem of `decision`, in the order of its fields; none when the register can take it.
    static func check(_ decision: Decision, at path: String, catalog: Catalog) -> [RegisterError] {
        var validation = DecisionValidation(decision: decision, path: path, catalog: catalog)
        validation.checkParties()
        validation.checkCaseNumbers()
        validation.checkFunding()
        validation.checkSteps()
        validation.checkSignatories()
        validation.checkAttachments()
        return validation.problems
    }

    private func field(_ suffix: String) -> String { Self.field(path, suffix) }

    /// Where something of the decision stands in its input (`decisions[2].steps[0]`), spelt out only for a problem.
    private static func field(_ path: String, _ suffix: String) -> String {
        path.isEmpty ? suffix : path + "." + suffix
    }

    private mutating func refuse(_ problem: RegisterError) { problems.append(problem) }

    /// Runs one of the rules, refusing what it refuses.
    private mutating func apply(_ rule: () throws(Refusal) -> Void) {
        do throws(Refusal) { try rule() } catch { refuse(RegisterError(error)) }
    }

    /// Whether the register knows the party; refuses it where it stands when not.
    @discardableResult
    private mutating func known(party code: String, at place: @autoclosure () -> String) -> Bool {
        guard catalog.parties[code] == nil else { return true }
        do { _ = try catalog.partyID(code, field: place()) } catch {
            refuse(error)
            return false
        }
        return true
    }

    private mutating func checkParties() {
        guard !decision.parties.isEmpty else {
            return refuse(
                .invalid(
                    Phrase(sv: "ett beslut binder minst en part", en: "a decision binds at least one party"),
                    field: field("parties")))
        }
        var bound = Set<String>()
        let path = self.path
        for (index, party) in decision.parties.enumerated() {
            known(party: party, at: Self.field(path, "parties[\(index)]"))
            if !bound.insert(party).inserted {
                refuse(.duplicate(kind: "party", key: party, field: field("parties[\(index)]")))
            }
        }
    }

    private mutating func checkCaseNumbers() {
        var numbered = Set<String>()
        for number in decision.caseNumbers {
            let place = field("case_numbers.\(number.party)")
            guard known(party: number.party, at: place) else { continue }
            if !decision.parties.contains(number.party) {
                refuse(
                    .invalid(
                        Phrase(
                            sv: "diarienummer för '\(number.party)', som beslutet inte binder",
                            en: "case number for '\(number.party)', which the decision does not bind"), field: place))
            } else if !numbered.insert(number.party).inserted {
                refuse(.duplicate(kind: "case number for", key: number.party, field: place))
            }
        }
    }

    private mutating func checkFunding() {
        var years = Set<Int>()
        for (index, year) in decision.funding.enumerated() {
            let path = self.path
            let place = { Self.field(path, "funding[\(index)]") }
            if !years.insert(year.year).inserted {
                refuse(.duplicate(kind: "funding for year", key: String(year.year), field: place()))
            }
            var sharing = Set<String>()
            for share in year.shares {
                // Where the share stands, spelt out only for a problem.
                let sharePlace = { place() + (year.isSplit ? ".split." : ".shares.") + share.party }
                if known(party: share.party, at: sharePlace()), year.withdrawn == nil, partiesKnown {
                    let rules = self.rules
                    apply { () throws(Refusal) in try rules.checkBound(share.party, field: sharePlace()) }
                }
                if !sharing.insert(share.party).inserted {
                    refuse(.duplicate(kind: "share for", key: share.party, field: sharePlace()))
                }
            }
        }
    }

    private mutating func checkSteps() {
        for (index, step) in decision.steps.enumerated() {
            let bodyKnown = catalog.bodies[step.body] != nil
            if !bodyKnown {
                do { _ = try catalog.bodyID(step.body, field: field("steps[\(index)].body")) } catch { refuse(error) }
            }
            var stepYears = Set<Int>()
            var once = true
            for amount in step.amounts where !stepYears.insert(amount.year).inserted {
                let place = field("steps[\(index)].amounts")
                refuse(.duplicate(kind: "amount for year", key: String(amount.year), field: place))
                once = false
            }
            if bodyKnown, once, step.withdrawn == nil {
                let (rules, path) = (self.rules, self.path)
                apply { () throws(Refusal) in
                    try rules.checkStep(step) {
                        let place = Self.field(path, "steps[\(index)]")
                        return $0 == "amount" ? place + ".amounts" : place + "." + $0
                    }
                }
            }
        }
    }

    private mutating func checkSignatories() {
        for (index, signatory) in decision.signatories.enumerated() {
            let path = self.path
            let place = { Self.field(path, "signatories[\(index)].party") }
            if let party = signatory.party, known(party: party, at: place()), signatory.withdrawn == nil {
                let rules = self.rules
                apply { () throws(Refusal) in try rules.checkBound(party, field: place()) }
            }
        }
    }

    private mutating func checkAttachments() {
        var labels = Set<String>()
        for (index, attachment) in decision.attachments.enumerated() where !labels.insert(attachment.label).inserted {
            refuse(.duplicate(kind: "attachment", key: attachment.label, field: field("attachments[\(index)].label")))
        }
    }
}
