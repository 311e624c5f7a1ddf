/// What a correction changes in a decision; nil leaves a field as it is.
public struct DecisionCorrection: Sendable, Equatable {
    public var title: String?
    public var date: LocalDate?
    /// The background text; an empty text removes it.
    public var summary: String?
    /// The clauses, all of them, in order.
    public var clauses: [String]?
    /// The parties the decision binds, all of them, in order.
    public var parties: [String]?
    /// Case numbers to set, per party; an empty number removes that party's.
    public var caseNumbers: [CaseNumber]

    public init(
        title: String? = nil, date: LocalDate? = nil, summary: String? = nil, clauses: [String]? = nil,
        parties: [String]? = nil, caseNumbers: [CaseNumber] = []
    ) {
        self.title = title
        self.date = date
        self.summary = summary
        self.clauses = clauses
        self.parties = parties
        self.caseNumbers = caseNumbers
    }

    public var isEmpty: Bool {
        title == nil && date == nil && summary == nil && clauses == nil && parties == nil && caseNumbers.isEmpty
    }
}

/// What a correction changes in a handling step; nil leaves a field as it is.
public struct StepCorrection: Sendable, Equatable {
    public var body: String?
    public var date: LocalDate?
    public var outcome: Outcome?
    /// The minutes paragraph; an empty text removes it.
    public var minutes: String?
    /// The note; an empty text removes it.
    public var note: String?
    /// The adopted amounts, all of them; an empty list removes them.
    public var amounts: [YearAmount]?
    /// The day the minutes were checked (justerade).
    public var justified: LocalDate?
    /// The day the checking was announced on the notice board.
    public var posted: LocalDate?

    public init(
        body: String? = nil, date: LocalDate? = nil, outcome: Outcome? = nil, minutes: String? = nil,
        note: String? = nil, amounts: [YearAmount]? = nil, justified: LocalDate? = nil, posted: LocalDate? = nil
    ) {
        self.justified = justified
        self.posted = posted
        self.body = body
        self.date = date
        self.outcome = outcome
        self.minutes = minutes
        self.note = note
        self.amounts = amounts
    }

    public var isEmpty: Bool {
        body == nil && date == nil && outcome == nil && minutes == nil && note == nil && amounts == nil
            && justified == nil && posted == nil
    }
}

/// One change to a decision in the register: the one typed value that the command line, imports and the web
/// build for it. `apply` is its validation and its effect on the model, defined once; the store executes it in one
/// transaction with its audit entry. Items are numbered from 1 in the order recorded, as `step list` shows them;
/// nothing is removed, so the numbers stay.
public enum DecisionChange: Sendable, Equatable {
    case correct(DecisionCorrection)
    case withdraw
    case addStep(HandlingStep)
    case correctStep(Int, StepCorrection)
    case withdrawStep(Int)
    /// Sets years' total and shares. A year funded already is a correction and needs a reason; a withdrawn
    /// year's funding is set anew.
    case setFunding([FundingYear])
    case withdrawFunding(year: Int)
    case addSignatory(Signatory)
    case withdrawSignatory(Int)
    case addAttachment(Attachment)
    case withdrawAttachment(label: String)
    /// Records an appeal of a party's adoption; one lodged after the appeal deadline is recorded with a warning.
    case addAppeal(Appeal)
    /// Records how the court decided appeal `number` (from 1, in the order lodged).
    case decideAppeal(Int, AppealOutcome, date: LocalDate)

    /// Whether the change corrects or withdraws what was recorded, and so must say why.
    public var needsReason: Bool {
        switch self {
        case .addStep, .addSignatory, .addAttachment, .setFunding, .addAppeal, .decideAppeal: false
        default: true
        }
    }

    /// Applies the change to `decision`, or refuses it before anything changes. Returns the warnings to show:
    /// what is recorded but worth a second look (a date in the future).
    public func apply(
        to decision: inout Decision, payments: [Payment] = [], register: some PartiesAndBodies,
        circumstances: ChangeCircumstances
    ) throws(Refusal) -> [Phrase] {
        let rules = DecisionRules(decision: decision, register: register, payments: payments)
        if needsReason { _ = try circumstances.requiredReason() }
        if let withdrawn = decision.withdrawn {
            throw Refusal(
                sv: "\(decision.ref) är makulerat (\(withdrawn)): ett makulerat beslut ändras inte",
                en: "\(decision.ref) was withdrawn (\(withdrawn)): a withdrawn decision is not changed")
        }
        var warnings: [Phrase] = []
        switch self {
        case .correct(let given):
            let correction = try given.checkedTexts()
            guard !correction.isEmpty else {
                throw Refusal(
                    sv: "ange vad som ska rättas: --title, --date, --summary, --clause, --party eller --case-number",
                    en: "say what to correct: --title, --date, --summary, --clause, --party or --case-number")
            }
            if let title = correction.title { decision.title = title }
            if let date = correction.date {
                decision.date = date
                warnings += [circumstances.futureDateWarning(date, what: .decisionDate)].compactMap { $0 }
            }
            if let summary = correction.summary { decision.summary = summary.isEmpty ? nil : summary }
            if let clauses = correction.clauses { decision.clauses = clauses }
            if let parties = correction.parties {
                try rules.checkParties(parties, field: "--party")
                try rules.checkStillBound(parties)
                decision.parties = parties
                decision.caseNumbers.removeAll { !parties.contains($0.party) }
            }
            for number in correction.caseNumbers {
                try DecisionRules(decision: decision, register: register).checkCaseNumber(
                    number.party, field: "--case-number")
                if let index = decision.caseNumbers.firstIndex(where: { $0.party == number.party }) {
                    if number.number.isEmpty {
                        decision.caseNumbers.remove(at: index)
                    } else {
                        decision.caseNumbers[index].number = number.number
                    }
                } else if !number.number.isEmpty {
                    decision.caseNumbers.append(number)
                }
            }
        case .withdraw:
            decision.withdrawn = try circumstances.requiredReason()
        case .addStep(let given):
            let step = try given.checkedTexts()
            try rules.checkStep(step, field: { "--" + $0 })
            warnings += [circumstances.futureDateWarning(step.date, what: .stepDate)].compactMap { $0 }
            decision.steps.append(step)
        case .correctStep(let number, let correction):
            let index = try rules.standing(\.steps, number, what: .step, list: "step list")
            guard !correction.isEmpty else {
                throw Refusal(
                    sv: "ange vad som ska rättas: --body, --date, --outcome, --minutes, --note, --amount, --justified "
                        + "eller --posted",
                    en: "say what to correct: --body, --date, --outcome, --minutes, --note, --amount, --justified "
                        + "or --posted")
            }
            var step = decision.steps[index]
            if let body = correction.body { step.body = body }
            if let date = correction.date { step.date = date }
            if let outcome = correction.outcome { step.outcome = outcome }
            if let minutes = correction.minutes { step.minutes = minutes.isEmpty ? nil : minutes }
            if let note = correction.note { step.note = note.isEmpty ? nil : note }
            if let amounts = correction.amounts { step.amounts = amounts.sorted { $0.year < $1.year } }
            if let justified = correction.justified { step.justified = justified }
            if let posted = correction.posted { step.posted = posted }
            step = try step.checkedTexts()
            try rules.checkStep(step, field: { "--" + $0 })
            if let date = correction.date {
                warnings += [circumstances.futureDateWarning(date, what: .stepDate)].compactMap { $0 }
            }
            decision.steps[index] = step
        case .withdrawStep(let number):
            let index = try rules.standing(\.steps, number, what: .step, list: "step list")
            decision.steps[index].withdrawn = try circumstances.requiredReason()
        case .setFunding(let years):
            var seen = Set<Int>()
            for year in years {
                guard seen.insert(year.year).inserted else {
                    throw Refusal(.yearTwice(year.year), field: "--year")
                }
                try rules.checkFunding(year, field: year.isSplit ? "--split" : "--share")
                if let index = decision.funding.firstIndex(where: { $0.year == year.year }) {
                    if decision.funding[index].withdrawn == nil {
                        guard circumstances.reason.map({ !$0.trimmingSpaces().isEmpty }) == true else {
                            throw Refusal(
                                sv: "\(decision.ref) finansierar redan \(year.year): att ange den igen är en rättelse, "
                                    + "ange skälet (--reason)",
                                en: "\(decision.ref) funds \(year.year) already: setting it again is a correction, "
                                    + "give the reason (--reason)", field: "--reason")
                        }
                    }
                    decision.funding[index] = year
                } else {
                    decision.funding.append(year)
                }
            }
            decision.funding.sort { $0.year < $1.year }
        case .withdrawFunding(let year):
            guard let index = decision.funding.firstIndex(where: { $0.year == year }) else {
                let note = rules.fundedYearsNote
                throw Refusal(
                    sv: "\(decision.ref) har ingen finansiering för \(year)\(note.sv)",
                    en: "\(decision.ref) has no funding for \(year)\(note.en)", field: "--year")
            }
            if let earlier = decision.funding[index].withdrawn {
                throw Refusal(
                    sv: "finansieringen för \(year) är redan makulerad: \(earlier)",
                    en: "the funding for \(year) was withdrawn already: \(earlier)", field: "--year")
            }
            decision.funding[index].withdrawn = try circumstances.requiredReason()
        case .addSignatory(let given):
            let signatory = try given.checkedTexts()
            guard !signatory.name.trimmingSpaces().isEmpty else {
                throw Refusal(sv: "ange namnet", en: "give the name", field: "--name")
            }
            if let party = signatory.party { try rules.checkBound(party, field: "--party") }
            decision.signatories.append(signatory)
        case .withdrawSignatory(let number):
            let index = try rules.standing(\.signatories, number, what: .signatory, list: "decision show")
            decision.signatories[index].withdrawn = try circumstances.requiredReason()
        case .addAttachment(let given):
            let attachment = try given.checkedTexts()
            guard !decision.attachments.contains(where: { $0.label == attachment.label }) else {
                throw Refusal(
                    sv: "\(decision.ref) har redan en bilaga '\(attachment.label)': ange en annan benämning, eller "
                        + "makulera den först (decreg attach withdraw)",
                    en: "\(decision.ref) has an attachment '\(attachment.label)' already: give another label, or "
                        + "withdraw that one first (decreg attach withdraw)", field: "--label")
            }
            decision.attachments.append(attachment)
        case .withdrawAttachment(let label):
            guard let index = decision.attachments.firstIndex(where: { $0.label == label }) else {
                let labels = decision.attachments.map(\.label).joined(separator: ", ")
                throw Refusal(
                    sv: "\(decision.ref) har ingen bilaga '\(label)'" + (labels.isEmpty ? "" : " (det har: \(labels))"),
                    en: "\(decision.ref) has no attachment '\(label)'" + (labels.isEmpty ? "" : " (it has: \(labels))"))
            }
            if let earlier = decision.attachments[index].withdrawn {
                throw Refusal(
                    sv: "'\(label)' är redan makulerad: \(earlier)",
                    en: "'\(label)' was withdrawn already: \(earlier)")
            }
            decision.attachments[index].withdrawn = try circumstances.requiredReason()
        case .addAppeal(let given):
            let appeal = try given.checkedTexts()
            guard decision.parties.contains(appeal.party) else {
                throw Refusal(
                    sv: "\(decision.ref) binder inte \(appeal.party) (det binder \(decision.parties.joined(separator: ", ")))",
                    en: "\(decision.ref) does not bind \(appeal.party) (it binds \(decision.parties.joined(separator: ", ")))",
                    field: "--party")
            }
            let finality = decision.finality(bodyParties: { register.body($0)?.parties ?? [] }, today: circumstances.today)
            if let deadline = finality.first(where: { $0.party == appeal.party })?.appealDeadline, appeal.lodged > deadline {
                warnings.append(
                    Phrase(
                        sv: "överklagandet kom in \(appeal.lodged), efter sista dagen \(deadline): det hindrar inte laga kraft",
                        en: "the appeal was lodged on \(appeal.lodged), after the last day \(deadline): it does not hold the "
                            + "adoption from becoming final"))
            }
            decision.appeals.append(appeal)
        case .decideAppeal(let number, let outcome, let date):
            guard decision.appeals.indices.contains(number - 1) else {
                throw Refusal(
                    sv: "\(decision.ref) har inget överklagande \(number) (decreg appeal list \(decision.ref))",
                    en: "\(decision.ref) has no appeal \(number) (decreg appeal list \(decision.ref))", field: "N")
            }
            let appeal = decision.appeals[number - 1]
            if let earlier = appeal.outcome {
                throw Refusal(
                    sv: "överklagande \(number) är redan avgjort: \(earlier.word(.sv)) \(appeal.decided?.description ?? "")",
                    en: "appeal \(number) was decided already: \(earlier.rawValue) \(appeal.decided?.description ?? "")")
            }
            guard date >= appeal.lodged else {
                throw Refusal(
                    sv: "avgörandet \(date) är före överklagandet \(appeal.lodged)",
                    en: "the decision of \(date) is before the appeal of \(appeal.lodged)", field: "--date")
            }
            decision.appeals[number - 1].outcome = outcome
            decision.appeals[number - 1].decided = date
        }
        return warnings
    }
}
