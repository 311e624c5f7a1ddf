import DecregDomain
import Foundation

/// An entity of an import file that could not be read: every problem found in it, and the code or ref it gives
/// when that much can be read, so that what refers to it is not refused for that too.
public struct UnreadEntity: Error {
    public var problems: [ImportError]
    public var key: String?
    /// What could be read of it, for the register's checks, when that is enough to check: a decision whose ref and
    /// parties were read, without the lists that could not be read whole (nor its steps, when its funding could not).
    public var partial: ImportItem?
}

/// Turns a composed import document into a batch, field by field.
struct DocumentReader {
    let baseDirectory: URL
    /// Whether attachment files may be system files (`--allow-system-file`).
    var allowSystemFiles = false

    /// The top-level lists of an import document, in the order they are recorded: reference data first.
    static let lists = ["parties", "bodies", "decisions", "payments"]

    /// Reads one element of a top-level list; refuses it with every problem found in it.
    func item(_ list: String, _ field: Field) throws(UnreadEntity) -> ImportItem {
        var problems = Problems()
        let item: ImportItem?
        switch list {
        case "parties": item = party(field, &problems).map(ImportItem.party)
        case "bodies": item = body(field, &problems).map(ImportItem.body)
        case "decisions": item = decision(field, &problems).map(ImportItem.decision)
        default: item = payment(field, &problems, inherited: .sek).map { ImportItem.payment($0.0, again: $0.again) }
        }
        guard let item, problems.isEmpty else {
            throw UnreadEntity(problems: problems.found, key: Self.key(list, field), partial: item)
        }
        return item
    }

    /// The code or ref an entity gives, when that much of it can be read.
    static func key(_ list: String, _ field: Field) -> String? {
        let name: String
        switch list {
        case "parties", "bodies": name = "code"
        case "decisions": name = "ref"
        default: return nil
        }
        guard case .mapping(let pairs, _) = field.node, let pair = pairs.first(where: { $0.key == name }),
            case .scalar(let text, _, _) = pair.value, Identifiers.isValidRef(text)
        else { return nil }
        return text
    }

    /// The record of an entity's fields; nil when the entity is not a mapping.
    private func record(_ field: Field, _ allowed: [String], _ problems: inout Problems) -> Record? {
        do { return try field.record(allowed, problems: &problems) } catch {
            problems.add(error)
            return nil
        }
    }

    func party(_ field: Field, _ problems: inout Problems) -> Party? {
        guard let record = record(field, ["code", "name", "kind", "org_number"], &problems) else { return nil }
        let partyCode = problems.read { () throws(ImportError) in try code(record.required("code")) }
        let name = problems.read { () throws(ImportError) in try record.required("name").nonEmptyString() }
        let kind = problems.read { () throws(ImportError) -> PartyKind? in
            guard let kind = record.optional("kind") else { return nil }
            return try choice(kind, PartyKind.self)
        }
        let number = problems.read { () throws(ImportError) -> OrganisationNumber? in
            guard let number = record.optional("org_number") else { return nil }
            let text = try number.string()
            do throws(OrganisationNumber.ParseError) { return try OrganisationNumber(parsing: text) } catch {
                throw number.error(error.phrase)
            }
        }
        guard let partyCode, let name, let kind, let number else { return nil }
        var party = Party(code: partyCode, name: name)
        if let kind { party.kind = kind }
        party.organisationNumber = number
        return party
    }

    func body(_ field: Field, _ problems: inout Problems) -> Body? {
        guard let record = record(field, ["code", "name", "kind", "parties", "party"], &problems) else { return nil }
        let bodyCode = problems.read { () throws(ImportError) in try code(record.required("code")) }
        let name = problems.read { () throws(ImportError) in try record.required("name").nonEmptyString() }
        let parties = problems.read { () throws(ImportError) in
            if let parties = record.optional("parties") { return try codes(parties) }
            return try codes(record.required("party"))
        }
        let kind = problems.read { () throws(ImportError) -> BodyKind? in
            guard let kind = record.optional("kind") else { return nil }
            return try choice(kind, BodyKind.self)
        }
        guard let bodyCode, let name, let parties, let kind else { return nil }
        var body = Body(code: bodyCode, name: name, parties: parties)
        if let kind { body.kind = kind }
        return body
    }

    /// Each of a decision's fields, and each item of its lists, is read on its own: one bad amount does not hide
    /// a bad date beside it. With problems, what could be read is still given when the register can check it (see
    /// `UnreadEntity.partial`).
    func decision(_ field: Field, _ problems: inout Problems) -> Decision? {
        let fields = [
            "ref", "title", "date", "parties", "case_numbers", "summary", "clauses", "funding", "steps",
            "signatories", "attachments", "currency", "withdrawn", "appeals",
        ]
        guard let record = record(field, fields, &problems) else { return nil }
        let currency = problems.read { () throws(ImportError) in try record.currency(inherited: .sek) } ?? .sek
        let ref = problems.read { () throws(ImportError) in try self.ref(record.required("ref")) }
        let title = problems.read { () throws(ImportError) in try record.required("title").nonEmptyString() }
        let date = problems.read { () throws(ImportError) in try record.required("date").date() }
        let parties = problems.read { () throws(ImportError) in try codes(record.required("parties")) }
        let summary = problems.read { () throws(ImportError) in try record.optionalString("summary") }
        let withdrawn = problems.read { () throws(ImportError) in try record.optionalString("withdrawn") }
        let caseNumbers = problems.read { () throws(ImportError) in
            var numbers: [CaseNumber] = []
            for entry in try record.optional("case_numbers")?.entries() ?? [] {
                let (party, number) = (entry.name, entry.field)
                numbers.append(CaseNumber(party: try code(number, party), number: try number.nonEmptyString()))
            }
            return numbers
        }
        let clauses = problems.read { () throws(ImportError) in try record.optional("clauses")?.stringList() ?? [] }
        let funding = items(record, "funding", &problems) { item throws(ImportError) in
            try self.funding(item, inherited: currency)
        }
        // A step's `amount:` names the one funded year; with funding unread, which year that is cannot be known.
        let steps = items(record, "steps", &problems) { item throws(ImportError) in
            try step(item, inherited: currency, funding: funding)
        }
        let signatories = items(record, "signatories", &problems) { item throws(ImportError) in try signatory(item) }
        let attachments = items(record, "attachments", &problems) { item throws(ImportError) in try attachment(item) }
        let appeals = items(record, "appeals", &problems) { item throws(ImportError) in
            try appeal(item, parties: parties ?? [])
        }
        guard let ref, let title, let date, let parties, let summary, let withdrawn, let caseNumbers, let clauses,
            let funding, let steps, let signatories, let attachments, let appeals
        else {
            guard let ref, let parties else { return nil }
            let unread = LocalDate(year: 1000, month: 1, day: 1)!
            var partial = Decision(ref: ref, title: title ?? "", date: date ?? unread, parties: parties)
            partial.caseNumbers = caseNumbers ?? []
            partial.funding = funding ?? []
            partial.steps = funding == nil ? [] : steps ?? []
            partial.signatories = signatories ?? []
            partial.attachments = attachments ?? []
            return partial
        }
        var decision = Decision(ref: ref, title: title, date: date, parties: parties, summary: summary)
        decision.withdrawn = withdrawn
        decision.caseNumbers = caseNumbers
        decision.clauses = clauses
        decision.funding = funding
        decision.steps = steps
        decision.signatories = signatories
        decision.attachments = attachments
        decision.appeals = appeals
        return decision
    }

    /// An appeal of a party's adoption: `party`, `lodged`, `court`, `case`, and when decided `outcome` and `decided`.
    func appeal(_ field: Field, parties: [String]) throws(ImportError) -> Appeal {
        let record = try field.record(["party", "lodged", "court", "case", "outcome", "decided"])
        let partyField = try record.required("party")
        let party = try code(partyField)
        guard parties.isEmpty || parties.contains(party) else {
            throw partyField.error(
                sv: "beslutet binder inte \(party)", en: "the decision does not bind \(party)")
        }
        var appeal = Appeal(
            party: party, lodged: try record.required("lodged").date(), court: try record.optionalString("court"),
            caseNumber: try record.optionalString("case"))
        if let outcome = record.optional("outcome") { appeal.outcome = try choice(outcome, AppealOutcome.self) }
        if let decided = record.optional("decided") { appeal.decided = try decided.date() }
        guard (appeal.outcome == nil) == (appeal.decided == nil) else {
            throw field.error(
                sv: "ange både outcome och decided för ett avgjort överklagande, eller ingen av dem",
                en: "give both outcome and decided for a decided appeal, or neither")
        }
        return appeal
    }

    /// The items of an optional list, each read on its own; nil when any of them (or the list) has a problem.
    private func items<Item>(
        _ record: Record, _ name: String, _ problems: inout Problems, _ read: (Field) throws(ImportError) -> Item
    ) -> [Item]? {
        guard let list = problems.read({ () throws(ImportError) in try record.optional(name)?.list() ?? [] }) else {
            return nil
        }
        var items: [Item] = []
        var complete = true
        for field in list {
            if let item = problems.read({ () throws(ImportError) in try read(field) }) {
                items.append(item)
            } else {
                complete = false
            }
        }
        return complete ? items : nil
    }

    func funding(_ field: Field, inherited: Currency) throws(ImportError) -> FundingYear {
        let record = try field.record(["year", "total", "shares", "split", "currency", "withdrawn"])
        var year = try fundingYear(record, field, inherited: inherited)
        year.withdrawn = try record.optionalString("withdrawn")
        return year
    }

    private func fundingYear(_ record: Record, _ field: Field, inherited: Currency) throws(ImportError) -> FundingYear {
        let currency = try record.currency(inherited: inherited)
        let year = try record.required("year").year()
        let totalField = try record.required("total")
        let total = try totalField.money(defaultCurrency: currency)
        switch (record.optional("shares"), record.optional("split")) {
        case (let shares?, nil):
            var amounts: [(party: String, amount: Money)] = []
            for entry in try shares.entries() {
                let (party, value) = (entry.name, entry.field)
                let amount = try value.money(defaultCurrency: total.currency)
                guard amount.currency == total.currency else {
                    throw value.error(
                        sv: "andelen är i \(amount.currency.code) men totalen i \(total.currency.code)",
                        en: "the share is in \(amount.currency.code) but the total in \(total.currency.code)")
                }
                amounts.append((try code(value, party), amount))
            }
            return .shares(year: year, total: total, amounts)
        case (nil, let split?):
            var parts: [(party: String, part: SplitPart)] = []
            for entry in try split.entries() {
                let (party, value) = (entry.name, entry.field)
                let text = try value.string()
                let part: SplitPart
                do { part = try SplitPart(parsing: text) } catch { throw value.error(error.phrase) }
                parts.append((try code(value, party), part))
            }
            do { return try .split(year: year, total: total, parts) } catch { throw split.error(error.phrase) }
        case (nil, nil):
            throw field.error(
                sv: "ange parternas andelar som belopp (shares) eller som delar av totalen (split)",
                en: "give the parties' shares as amounts (shares) or as parts of the total (split)")
        case (_?, _?):
            throw field.error(
                sv: "ange antingen shares eller split, inte båda",
                en: "give either shares or split, not both")
        }
    }

    /// `funding` is nil when the decision's funding could not be read.
    func step(_ field: Field, inherited: Currency, funding: [FundingYear]?) throws(ImportError) -> HandlingStep {
        let record = try field.record(
            ["body", "date", "outcome", "minutes", "note", "amounts", "amount", "currency", "withdrawn", "justified", "posted"])
        let currency = try record.currency(inherited: inherited)
        var step = HandlingStep(
            body: try code(record.required("body")), date: try record.required("date").date(),
            outcome: try choice(record.required("outcome"), Outcome.self),
            minutes: try record.optionalString("minutes"), note: try record.optionalString("note"),
            withdrawn: try record.optionalString("withdrawn"),
            justified: try record.optional("justified")?.date(), posted: try record.optional("posted")?.date())
        if let amounts = record.optional("amounts") {
            if let amount = record.optional("amount") {
                throw amount.error(
                    sv: "ange antingen amount (det enda finansierade året) eller amounts (per år), inte båda",
                    en: "give either amount (the one funded year) or amounts (per year), not both")
            }
            for entry in try amounts.entries() {
                let (yearText, value) = (entry.name, entry.field)
                guard let year = Int(yearText), (1000...9999).contains(year) else {
                    throw value.error(sv: "'\(yearText)' är inget år", en: "'\(yearText)' is not a year")
                }
                step.amounts.append(YearAmount(year: year, amount: try value.money(defaultCurrency: currency)))
            }
        } else if let amount = record.optional("amount") {
            // `amount:` stands for `amounts:` when the decision funds one year.
            guard let funding else {
                // The decision is refused for its funding; the amount is still read, for its own problems.
                _ = try amount.money(defaultCurrency: currency)
                return step
            }
            guard funding.count == 1 else {
                throw amount.error(
                    sv: "beslutet finansierar \(funding.count) år: skriv amounts: {ÅR: BELOPP} för att säga vilket",
                    en: "the decision funds \(funding.count) years: write amounts: {YEAR: AMOUNT} to say which")
            }
            step.amounts.append(YearAmount(year: funding[0].year, amount: try amount.money(defaultCurrency: currency)))
        }
        return step
    }

    func signatory(_ field: Field) throws(ImportError) -> Signatory {
        let record = try field.record(["name", "title", "party", "withdrawn"])
        var signatory = Signatory(
            name: try record.required("name").nonEmptyString(), withdrawn: try record.optionalString("withdrawn"))
        signatory.title = try record.optionalString("title")
        if let party = record.optional("party") { signatory.party = try code(party) }
        return signatory
    }

    func attachment(_ field: Field) throws(ImportError) -> Attachment {
        let record = try field.record(["label", "title", "file", "content_base64", "media_type", "withdrawn"])
        let label = try record.required("label").nonEmptyString()
        let content: Data
        var mediaType = try record.optionalString("media_type")
        switch (record.optional("file"), record.optional("content_base64")) {
        case (let file?, nil):
            let relative = try file.nonEmptyString()
            // An import file names attachments beside it or below it, never elsewhere on the machine.
            let folder = baseDirectory.standardizedFileURL.resolvingSymlinksInPath().path
            let url = baseDirectory.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
            guard !relative.hasPrefix("/"), url.path.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/") else {
                throw file.error(
                    sv: "bilagefilen '\(relative)' ligger utanför importfilens mapp; kopiera den till importfilens "
                        + "mapp",
                    en: "attachment file '\(relative)' is outside the import file's folder; copy it beside the import "
                        + "file")
            }
            let name = Phrase(sv: "bilagefilen '\(relative)'", en: "attachment file '\(relative)'")
            do {
                content = try AttachmentFile.read(url.path, name: name, allowSystemFile: allowSystemFiles)
            } catch {
                throw file.error(error.phrase)
            }
            mediaType = mediaType ?? Attachment.mediaType(forFileName: relative)
        case (nil, let encoded?):
            guard let data = Data(base64Encoded: try encoded.string()) else {
                throw encoded.error(sv: "inte giltig base64", en: "not valid base64")
            }
            guard data.count <= InputLimits.maximumAttachmentBytes else {
                let limit = InputLimits.maximumAttachmentBytes >> 20
                throw encoded.error(
                    sv: "en bilaga större än gränsen på \(limit) MB",
                    en: "an attachment larger than the limit of \(limit) MB")
            }
            content = data
        case (nil, nil):
            throw field.error(
                sv: "ange bilagans fil (en sökväg relativt till denna fil) eller dess content_base64",
                en: "give the attachment's file (a path relative to this file) or its content_base64")
        case (_?, _?):
            throw field.error(
                sv: "ange antingen file eller content_base64, inte båda",
                en: "give either file or content_base64, not both")
        }
        var attachment = Attachment(
            label: label, title: try record.optionalString("title"),
            mediaType: mediaType ?? "application/octet-stream", content: content)
        attachment.withdrawn = try record.optionalString("withdrawn")
        return attachment
    }

    /// A payment, and whether it is asked for again (`again: true`) when the same payment is recorded.
    func payment(_ field: Field, _ problems: inout Problems, inherited: Currency) -> (Payment, again: Bool)? {
        let fields = ["decision", "party", "year", "date", "amount", "reference", "currency", "withdrawn", "again"]
        guard let record = record(field, fields, &problems) else { return nil }
        let currency =
            problems.read { () throws(ImportError) in try record.currency(inherited: inherited) } ?? inherited
        let decision = problems.read { () throws(ImportError) in try ref(record.required("decision")) }
        let party = problems.read { () throws(ImportError) in try code(record.required("party")) }
        let year = problems.read { () throws(ImportError) in try record.required("year").year() }
        let date = problems.read { () throws(ImportError) in try record.required("date").date() }
        let amount = problems.read { () throws(ImportError) in
            try record.required("amount").money(defaultCurrency: currency)
        }
        let reference = problems.read { () throws(ImportError) in try record.optionalString("reference") }
        let withdrawn = problems.read { () throws(ImportError) in try record.optionalString("withdrawn") }
        let again = problems.read { () throws(ImportError) in try record.optional("again")?.flag() ?? false }
        guard let decision, let party, let year, let date, let amount, let reference, let withdrawn, let again else {
            return nil
        }
        let payment = Payment(
            decision: decision, party: party, year: year, date: date, amount: amount, reference: reference,
            withdrawn: withdrawn)
        return (payment, again)
    }

    // MARK: Keys

    func code(_ field: Field) throws(ImportError) -> String { try code(field, try field.string()) }

    /// A list of codes; a single code stands for a list of one.
    func codes(_ field: Field) throws(ImportError) -> [String] {
        var codes: [String] = []
        for (index, text) in try field.stringList().enumerated() { codes.append(try code(field, text, index: index)) }
        return codes
    }

    func code(_ field: Field, _ text: String, index: Int? = nil) throws(ImportError) -> String {
        guard Identifiers.isValidCode(text) else {
            let place = index.map { field.element(field.node, $0) } ?? field
            throw place.error(Identifiers.codeRule(text))
        }
        return text
    }

    func ref(_ field: Field) throws(ImportError) -> String {
        let text = try field.string()
        guard Identifiers.isValidRef(text) else { throw field.error(Identifiers.refRule(text)) }
        return text
    }

    func choice<Choice: RawRepresentable & CaseIterable>(_ field: Field, _ type: Choice.Type) throws(ImportError)
        -> Choice where Choice.RawValue == String
    {
        let text = try field.string()
        guard let value = Choice(rawValue: text) else {
            let choices = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw field.error(sv: "'\(text)' är inte ett av: \(choices)", en: "'\(text)' is not one of: \(choices)")
        }
        return value
    }
}
