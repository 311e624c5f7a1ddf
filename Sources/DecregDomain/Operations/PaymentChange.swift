/// What a correction changes in a payment; nil leaves a field as it is.
public struct PaymentCorrection: Sendable, Equatable {
    public var party: String?
    public var year: Int?
    public var date: LocalDate?
    public var amount: Money?
    /// The reference; an empty text removes it.
    public var reference: String?

    public init(
        party: String? = nil, year: Int? = nil, date: LocalDate? = nil, amount: Money? = nil, reference: String? = nil
    ) {
        self.party = party
        self.year = year
        self.date = date
        self.amount = amount
        self.reference = reference
    }

    public var isEmpty: Bool { party == nil && year == nil && date == nil && amount == nil && reference == nil }

    /// The payment as corrected; refused when the correction changes nothing.
    public func applied(to payment: Payment) throws(Refusal) -> Payment {
        guard !isEmpty else {
            throw Refusal(
                sv: "ange vad som ska rättas: --party, --year, --date, --amount eller --reference",
                en: "say what to correct: --party, --year, --date, --amount or --reference")
        }
        var corrected = payment
        if let party { corrected.party = party }
        if let year { corrected.year = year }
        if let date { corrected.date = date }
        if let amount { corrected.amount = amount }
        if let reference {
            corrected.reference = reference.isEmpty ? nil : try TextRules.singleLine(reference, field: "--reference")
        }
        return corrected
    }
}

/// One change to the register's payments, as the command line, imports and the web build it.
public enum PaymentChange: Sendable, Equatable {
    /// A new payment; `again` records one identical to a payment already recorded (a second instalment of the
    /// same amount on the same day, with the same reference).
    case add(Payment, again: Bool)
    case correct(number: Int64, PaymentCorrection)
    case withdraw(number: Int64)
}

/// What the register holds that a payment's rules look at: the decision it is paid towards, as far as it bears
/// on the payment's party and year. The store reads these few facts with indexed look-ups, so an import of many
/// payments does not load whole decisions.
public struct PaymentFacts: Sendable, Equatable {
    /// The ref of the decision paid towards.
    public var decision: String
    /// The parties the decision binds.
    public var parties: [String]
    /// The years the decision funds (withdrawn funding left out).
    public var fundedYears: [Int]
    /// The party's share of the year, when it has one.
    public var share: Money?
    /// What the party has paid for the year already, in the payment's currency (withdrawn payments and the
    /// payment corrected left out).
    public var paid: Money
    /// Whether a standing payment with the same party, year, date, amount and reference is recorded.
    public var identicalRecorded: Bool

    public init(
        decision: String, parties: [String], fundedYears: [Int], share: Money?, paid: Money, identicalRecorded: Bool
    ) {
        self.decision = decision
        self.parties = parties
        self.fundedYears = fundedYears
        self.share = share
        self.paid = paid
        self.identicalRecorded = identicalRecorded
    }
}

/// The rules a payment must meet when it is recorded or corrected.
public enum PaymentRules {
    /// Refuses a payment by a party the decision does not bind, towards a year it does not fund, or identical to
    /// one recorded (unless `again`); returns the warnings for what is recorded but worth a look: a payment that
    /// takes the party past its share, a date in the future. `field` names a field (`party`, `year`).
    public static func check(
        _ payment: Payment, facts: PaymentFacts, again: Bool, circumstances: ChangeCircumstances,
        field: (String) -> String
    ) throws(Refusal) -> [Phrase] {
        if let reference = payment.reference { _ = try TextRules.singleLine(reference, field: field("reference")) }
        guard facts.parties.contains(payment.party) else {
            let parties = facts.parties.joined(separator: ", ")
            throw Refusal(
                sv: "\(facts.decision) binder inte \(payment.party) (det binder \(parties)): "
                    + "en betalning görs av en av beslutets parter",
                en: "\(facts.decision) does not bind \(payment.party) (it binds \(parties)): "
                    + "a payment is made by one of its parties", field: field("party"))
        }
        guard facts.fundedYears.contains(payment.year) else {
            let years = facts.fundedYears.map(String.init).joined(separator: ", ")
            let funded = years.isEmpty
                ? Phrase(sv: "det finansierar inget år ännu", en: "it funds no year yet")
                : Phrase(sv: "det finansierar \(years)", en: "it funds \(years)")
            throw Refusal(
                sv: "\(facts.decision) finansierar inte \(payment.year) (\(funded.sv)): betala för ett finansierat år, "
                    + "eller ange årets finansiering först (decreg funding set)",
                en: "\(facts.decision) does not fund \(payment.year) (\(funded.en)): pay towards a funded year, or set "
                    + "the year's funding first (decreg funding set)", field: field("year"))
        }
        if facts.identicalRecorded && !again {
            let same =
                "\(payment.party), \(payment.year), \(payment.date), "
                + "\(payment.amount.formatted(.sv))\(payment.reference.map { ", \($0)" } ?? "")"
            // The command line's switch, or an import file's field.
            let place = field("again")
            let ask = place.hasPrefix("--") ? place : "again: true"
            throw Refusal(
                sv: "samma betalning (\(same)) är redan registrerad: ange \(ask) för att registrera den en gång till",
                en: "the same payment (\(same)) is recorded already: give \(ask) to record it a second time",
                field: place)
        }
        var warnings: [Phrase] = []
        if let share = facts.share, share.currency == payment.amount.currency {
            let total = facts.paid.minorUnits.addingReportingOverflow(payment.amount.minorUnits)
            if total.overflow || total.partialValue > share.minorUnits {
                let paid = Money(minorUnits: total.partialValue, currency: share.currency)
                warnings.append(
                    Phrase(
                        sv: "\(payment.party) har nu betalat \(paid.formatted(.sv)) för \(payment.year), mer än sin "
                            + "andel på \(share.formatted(.sv)); registrerat, och reconcile redovisar det",
                        en: "\(payment.party) has now paid \(paid.formatted(.sv)) for \(payment.year), more than its "
                            + "share of \(share.formatted(.sv)); recorded, and reconcile reports it"))
            }
        }
        if let future = circumstances.futureDateWarning(payment.date, what: .paymentDate) {
            warnings.append(future)
        }
        return warnings
    }
}

/// What a correction changes in a party; nil leaves a field as it is.
public struct PartyCorrection: Sendable, Equatable {
    public var name: String?
    public var kind: PartyKind?
    /// The organisation number: `.some(nil)` removes it.
    public var organisationNumber: OrganisationNumber??

    public init(name: String? = nil, kind: PartyKind? = nil, organisationNumber: OrganisationNumber?? = nil) {
        self.name = name
        self.kind = kind
        self.organisationNumber = organisationNumber
    }

    public var isEmpty: Bool { name == nil && kind == nil && organisationNumber == nil }

    /// The party as corrected; refused when the correction changes nothing.
    public func applied(to party: Party) throws(Refusal) -> Party {
        guard !isEmpty else {
            throw Refusal(
                sv: "ange vad som ska rättas: --name, --kind eller --org-number",
                en: "say what to correct: --name, --kind or --org-number")
        }
        var corrected = party
        if let name { corrected.name = try TextRules.singleLine(name, field: "--name") }
        if let kind { corrected.kind = kind }
        if let organisationNumber { corrected.organisationNumber = organisationNumber }
        return corrected
    }
}

/// What a correction changes in a body; nil leaves a field as it is.
public struct BodyCorrection: Sendable, Equatable {
    public var name: String?
    public var kind: BodyKind?
    /// The parties the body belongs to, all of them, in order.
    public var parties: [String]?

    public init(name: String? = nil, kind: BodyKind? = nil, parties: [String]? = nil) {
        self.name = name
        self.kind = kind
        self.parties = parties
    }

    public var isEmpty: Bool { name == nil && kind == nil && parties == nil }

    /// The body as corrected; refused when the correction changes nothing.
    public func applied(to body: Body) throws(Refusal) -> Body {
        guard !isEmpty else {
            throw Refusal(
                sv: "ange vad som ska rättas: --name, --kind eller --party",
                en: "say what to correct: --name, --kind or --party")
        }
        var corrected = body
        if let name { corrected.name = try TextRules.singleLine(name, field: "--name") }
        if let kind { corrected.kind = kind }
        if let parties { corrected.parties = parties }
        return corrected
    }
}

/// One change to the register's catalogue of parties and bodies.
public enum CatalogChange: Sendable, Equatable {
    case correctParty(String, PartyCorrection)
    case correctBody(String, BodyCorrection)
}

/// The rules of the catalogue.
public enum CatalogRules {
    /// Refuses an organisation number that another party has: one organisation is one party.
    public static func checkOrganisationNumber(
        _ party: Party, others: some Sequence<Party>, field: String
    ) throws(Refusal) {
        guard let number = party.organisationNumber else { return }
        if let other = others.first(where: { $0.code != party.code && $0.organisationNumber == number }) {
            throw Refusal(
                sv: "\(other.code) har redan organisationsnumret \(number): en organisation är en part; "
                    + "rätta numret, eller använd \(other.code)",
                en: "\(other.code) has the organisation number \(number) already: one organisation is one party; "
                    + "correct the number, or use \(other.code)", field: field)
        }
    }

    /// A body belongs to at least one party, each known, none twice.
    public static func checkBodyParties(
        _ body: Body, register: some PartiesAndBodies, field: String
    ) throws(Refusal) {
        guard !body.parties.isEmpty else { throw Refusal(.bodyNeedsParty, field: field) }
        var seen = Set<String>()
        for party in body.parties {
            guard register.party(party) != nil else {
                throw Refusal(register.unknownMessage("party", party), field: field)
            }
            guard seen.insert(party).inserted else { throw Refusal(.givenTwice(party), field: field) }
        }
    }
}

extension Phrase {
    public static let bodyNeedsParty = Phrase(
        sv: "ett organ hör till minst en part", en: "a body belongs to at least one party")
}
