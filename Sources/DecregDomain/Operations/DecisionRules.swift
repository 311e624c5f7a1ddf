/// The rules an item of a decision must meet when it is recorded, whether by a command, an import or the web:
/// it may refer only to what the decision binds and funds. What does not add up (a split missing its total, an
/// adopted amount other than the share) is recorded and reported by `reconcile`; what refers outside the
/// decision is refused. Each check throws the first problem, naming the field through `field`.
public struct DecisionRules<Register: PartiesAndBodies> {
    public let decision: Decision
    public let register: Register
    /// The payments recorded towards the decision.
    public let payments: [Payment]

    public init(decision: Decision, register: Register, payments: [Payment] = []) {
        self.decision = decision
        self.register = register
        self.payments = payments
    }

    /// The years the decision funds (withdrawn funding left out), in order.
    public var fundedYears: [Int] { decision.funding.filter { $0.withdrawn == nil }.map(\.year) }

    /// ` (it funds 2027, 2028)`, or ` (it funds no year yet)`, for a message about an unfunded year.
    var fundedYearsNote: Phrase {
        let years = fundedYears.map(String.init).joined(separator: ", ")
        return years.isEmpty
            ? Phrase(sv: " (det finansierar inget år ännu)", en: " (it funds no year yet)")
            : Phrase(sv: " (det finansierar \(years))", en: " (it funds \(years))")
    }

    /// A party the register knows.
    public func checkKnown(_ code: String, field: @autoclosure () -> String?) throws(Refusal) {
        guard register.party(code) != nil else {
            throw Refusal(register.unknownMessage("party", code), field: field())
        }
    }

    /// A party the register knows and the decision binds.
    public func checkBound(_ code: String, field: @autoclosure () -> String?) throws(Refusal) {
        try checkKnown(code, field: field())
        guard decision.parties.contains(code) else {
            let parties = decision.parties.joined(separator: ", ")
            throw Refusal(
                sv: "\(decision.ref) binder inte \(code) (det binder \(parties)); "
                    + "lägg först till parten i beslutet (decreg decision correct \(decision.ref) --party …)",
                en: "\(decision.ref) does not bind \(code) (it binds \(parties)); "
                    + "add the party to the decision first (decreg decision correct \(decision.ref) --party …)",
                field: field())
        }
    }

    /// The parties a decision binds: at least one, each known, none twice.
    public func checkParties(_ parties: [String], field: String) throws(Refusal) {
        guard !parties.isEmpty else {
            throw Refusal(
                sv: "ett beslut binder minst en part",
                en: "a decision binds at least one party", field: field)
        }
        var seen = Set<String>()
        for party in parties {
            try checkKnown(party, field: field)
            guard seen.insert(party).inserted else { throw Refusal(.givenTwice(party), field: field) }
        }
    }

    /// A new list of parties still binds every party that a standing share, step, signatory or payment names: a
    /// party is taken off a decision only once nothing recorded refers to it.
    public func checkStillBound(_ parties: [String]) throws(Refusal) {
        let kept = Set(parties)
        if let payment = payments.first(where: { $0.withdrawn == nil && !kept.contains($0.party) }) {
            throw Refusal(
                sv: "\(payment.party) har betalat för \(payment.year) (betalning \(payment.number ?? 0)): rätta eller "
                    + "makulera den betalningen först",
                en: "\(payment.party) has paid towards \(payment.year) (payment \(payment.number ?? 0)): correct or "
                    + "withdraw that payment first", field: "--party")
        }
        for year in decision.funding where year.withdrawn == nil {
            if let share = year.shares.first(where: { !kept.contains($0.party) }) {
                throw Refusal(
                    sv: "\(share.party) har en andel av \(year.year): rätta eller makulera den finansieringen först",
                    en: "\(share.party) has a share of \(year.year): correct or withdraw that funding first",
                    field: "--party")
            }
        }
        for (index, step) in decision.steps.enumerated() where step.withdrawn == nil {
            let bodyParties = register.body(step.body)?.parties ?? []
            if !bodyParties.isEmpty && !bodyParties.contains(where: kept.contains) {
                throw Refusal(
                    sv: "beslutssteg \(index + 1) är \(step.body)s, vars parter beslutet inte längre skulle binda: "
                        + "rätta eller makulera det först",
                    en: "step \(index + 1) is \(step.body)'s, whose parties the decision would no longer bind: correct "
                        + "or withdraw it first", field: "--party")
            }
        }
        for signatory in decision.signatories where signatory.withdrawn == nil {
            if let party = signatory.party, !kept.contains(party) {
                throw Refusal(
                    sv: "\(signatory.name) undertecknar för \(party): makulera undertecknaren först",
                    en: "\(signatory.name) signs for \(party): withdraw the signatory first", field: "--party")
            }
        }
    }

    /// A case number of a party the decision binds.
    public func checkCaseNumber(_ party: String, field: String) throws(Refusal) {
        try checkBound(party, field: field)
    }

    /// A step: of a body the register knows, which belongs to a party the decision binds; its amounts for years
    /// the decision funds, each year once. `field` names a field of the step (`body`, `amount`).
    public func checkStep(_ step: HandlingStep, field: (String) -> String) throws(Refusal) {
        // Minutes are checked after the meeting, and the checking announced after that.
        if let justified = step.justified, justified < step.date {
            throw Refusal(
                sv: "protokollet justerades \(justified), före sammanträdet \(step.date); ange justeringsdagen",
                en: "the minutes were checked on \(justified), before the meeting of \(step.date); give the day they "
                    + "were checked", field: field("justified"))
        }
        if let posted = step.posted, posted < (step.justified ?? step.date) {
            let earliest = step.justified ?? step.date
            throw Refusal(
                sv: "anslaget \(posted) är före \(step.justified == nil ? "sammanträdet" : "justeringen") \(earliest); "
                    + "ange dagen justeringen anslogs",
                en: "posting on \(posted) is before the \(step.justified == nil ? "meeting" : "checking") of \(earliest); "
                    + "give the day the checking was announced", field: field("posted"))
        }
        guard let body = register.body(step.body) else {
            throw Refusal(register.unknownMessage("body", step.body), field: field("body"))
        }
        guard body.parties.contains(where: decision.parties.contains) else {
            let owners = body.parties.joined(separator: ", ")
            let bound = decision.parties.joined(separator: ", ")
            throw Refusal(
                sv: "\(body.code) hör till \(owners), som \(decision.ref) inte binder (det binder \(bound))",
                en: "\(body.code) belongs to \(owners), which \(decision.ref) does not bind (it binds \(bound))",
                field: field("body"))
        }
        var years = Set<Int>()
        let funded = fundedYears
        for amount in step.amounts {
            guard years.insert(amount.year).inserted else {
                throw Refusal(.yearTwice(amount.year), field: field("amount"))
            }
            guard funded.contains(amount.year) else {
                let note = fundedYearsNote
                throw Refusal(
                    sv: "\(decision.ref) finansierar inte \(amount.year)\(note.sv): ange först finansieringen "
                        + "(decreg funding set \(decision.ref) --year \(amount.year) …)",
                    en: "\(decision.ref) does not fund \(amount.year)\(note.en): set its funding first "
                        + "(decreg funding set \(decision.ref) --year \(amount.year) …)", field: field("amount"))
            }
        }
    }

    /// A year's funding: shares of parties the decision binds, each once.
    public func checkFunding(_ year: FundingYear, field: String) throws(Refusal) {
        var sharing = Set<String>()
        for share in year.shares {
            try checkBound(share.party, field: field)
            guard sharing.insert(share.party).inserted else {
                throw Refusal(
                    sv: "\(share.party) har två andelar av \(year.year)",
                    en: "\(share.party) has two shares of \(year.year)",
                    field: field)
            }
        }
    }

    /// The index of standing item `number` (from 1) of a list, or a refusal saying what there is.
    func standing<Item: Withdrawable>(
        _ list: KeyPath<Decision, [Item]>, _ number: Int, what: NumberedItem, list command: String
    ) throws(Refusal) -> Int {
        let items = decision[keyPath: list]
        let ref = decision.ref
        // Swedish says "inget beslutssteg" but "ingen undertecknare": the noun's gender is the item's.
        let (sv, no, withdrawn) =
            what == .step ? ("beslutssteg", "inget", "makulerat") : ("undertecknare", "ingen", "makulerad")
        let en = what == .step ? "step" : "signatory"
        let ens = what == .step ? "steps" : "signatorys"
        guard (1...max(items.count, 1)).contains(number), number <= items.count else {
            throw Refusal(
                items.isEmpty
                    ? Phrase(sv: "\(ref) har \(no) \(sv) ännu", en: "\(ref) has no \(en) yet")
                    : Phrase(
                        sv: "\(ref) har \(no) \(sv) \(number): dess \(sv) är numrerade 1 till \(items.count) "
                            + "(decreg \(command) \(ref))",
                        en: "\(ref) has no \(en) \(number): its \(ens) are numbered 1 to \(items.count) "
                            + "(decreg \(command) \(ref))"))
        }
        if let earlier = items[number - 1].withdrawn {
            throw Refusal(
                sv: "\(sv) \(number) i \(ref) är redan \(withdrawn): \(earlier)",
                en: "\(en) \(number) of \(ref) was withdrawn already: \(earlier)")
        }
        return number - 1
    }

    /// The numbered items `standing` finds.
    enum NumberedItem { case step, signatory }
}

extension Phrase {
    static func yearTwice(_ year: Int) -> Phrase {
        Phrase(sv: "året \(year) anges två gånger", en: "the year \(year) is given twice")
    }

    static func givenTwice(_ code: String) -> Phrase {
        Phrase(sv: "\(code) anges två gånger", en: "\(code) is given twice")
    }
}

/// An item that can be withdrawn rather than erased.
protocol Withdrawable {
    var withdrawn: String? { get }
}

extension HandlingStep: Withdrawable {}
extension Signatory: Withdrawable {}
extension FundingYear: Withdrawable {}
extension Attachment: Withdrawable {}
