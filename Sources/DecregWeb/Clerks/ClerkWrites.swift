import DecregDomain
import DecregStore
import Foundation
import HTTPTypes

/// What a clerk records through the server, read from a form or from the API's JSON into the register's typed
/// operations, and applied by the store in its one transaction with the audit entry. The account's rights are
/// the store's to check (`ChangeContext.server`), like every other rule: nothing here decides who may do what.
enum ClerkWrites {
    /// A form's or a JSON object's fields, by the API's names; `amounts` as pairs of year (or range) and amount.
    struct Fields: Sendable {
        var values: [String: String] = [:]
        var amounts: [(years: String, amount: String)] = []
        var flags: Set<String> = []
        /// The file a form uploads, with the name and media type the browser gave.
        var file: (name: String, content: Data)?

        /// Sets a field as a form gives it: `amounts` as lines of `YEAR=AMOUNT`, `again` as a box ticked.
        mutating func set(_ name: String, _ value: String) {
            switch name {
            case "amounts": amounts = ClerkWrites.pairs(value).map { (years: $0.0, amount: $0.1) }
            case "again": if value == "true" || value == "on" { flags.insert("again") }
            default: values[name] = value
            }
        }

        subscript(_ name: String) -> String? {
            guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return value
        }

        func required(_ name: String) throws(Refusal) -> String {
            guard let value = self[name] else {
                throw Refusal(sv: "fältet saknas; fyll i det", en: "the field is missing; fill it in", field: name)
            }
            return value
        }

        /// A field read by one of `EntryValues`' rules, when it is given.
        func optional<Value>(_ name: String, _ read: (String, String) throws(Refusal) -> Value) throws(Refusal)
            -> Value?
        {
            guard let text = self[name] else { return nil }
            return try read(text, name)
        }
    }

    /// One write asked of the server: the decision it concerns, the fields given, who asks and by which address.
    struct Write: Sendable {
        var ref: String
        var fields: Fields
        var clerk: Clerk
        /// The address as the audit trail records it: `POST /clerk/steps`.
        var route: String
        var writer: Register

        /// The change's circumstances: the account (whose rights the store checks), the route, the reason given.
        var context: ChangeContext { .server(account: clerk.account, route: route, reason: fields["reason"]) }

        /// Applies a change to the decision, its refusals said as HTTP does.
        func apply(_ change: DecisionChange) throws -> ChangeResult {
            try WebFailure.applying { try writer.apply(change, to: ref, context: context) }
        }

        /// Applies a change to a payment, its refusals said as HTTP does.
        func apply(_ change: PaymentChange) throws -> ChangeResult {
            try WebFailure.applying { try writer.apply(change, context: context) }
        }

        /// The payment numbered by the field `number`, which must be one towards this decision.
        func payment() throws -> Payment {
            let number = try WebFailure.refused { () throws(Refusal) in
                try ClerkWrites.positive(try fields.required("number"), field: "number")
            }
            guard let payment = try writer.payments(FundingFilter(decision: ref)).first(where: {
                $0.number == Int64(number)
            }) else {
                throw WebError(
                    .unprocessableContent, sv: "betalning \(number) är ingen betalning till \(ref)",
                    en: "payment \(number) is not a payment towards \(ref)", field: "number")
            }
            return payment
        }

        /// Applies a change to the register's parties and bodies.
        func apply(_ change: CatalogChange, json: JSONValue) throws -> Recorded {
            try WebFailure.applying { try writer.apply(change, context: context) }
            return Recorded(json: json, result: ChangeResult(status: nil, payment: nil, warnings: []))
        }

        /// Applies a change to the accounts.
        func apply(_ change: AccountChange, json: JSONValue) throws -> Recorded {
            try WebFailure.applying { try writer.apply(change, context: context) }
            return Recorded(json: json, result: ChangeResult(status: nil, payment: nil, warnings: []))
        }

        /// Adds parties or bodies.
        func add(_ batch: RegisterBatch, json: JSONValue) throws -> Recorded {
            let summary = try WebFailure.applying { try writer.add(batch, context: context) }
            return Recorded(
                json: json, result: ChangeResult(status: nil, payment: nil, warnings: summary.warnings.map(\.message)))
        }

        /// The field `password`, typed twice (`password_again`) and by the password rules.
        func password() throws(Refusal) -> String {
            let password = fields.values["password"] ?? ""
            guard password == fields.values["password_again"] ?? "" else {
                throw Refusal(sv: "lösenorden var olika", en: "the passwords differed", field: "password_again")
            }
            do { try Passwords.check(password) } catch { throw Refusal(error.phrase, field: "password") }
            return password
        }

        /// The step numbered by the field `number` (as `decreg step list` numbers them).
        func stepNumber() throws -> Int { try number() }

        /// The item numbered by the field `number`, from 1 in the order recorded.
        func number() throws -> Int {
            try WebFailure.refused { () throws(Refusal) in
                try ClerkWrites.positive(try fields.required("number"), field: "number")
            }
        }
    }

    /// What was recorded, for the answer.
    struct Recorded: Sendable {
        var json: JSONValue
        var result: ChangeResult
    }

    /// Records a handling step: the fields `body`, `date`, `outcome`, `minutes`, `note`, `amounts`.
    static func step(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let step = try WebFailure.refused { () throws(Refusal) in
            HandlingStep(
                body: try EntryValues.code(try fields.required("body"), field: "body"),
                date: try EntryValues.date(try fields.required("date"), field: "date"),
                outcome: try EntryValues.outcome(try fields.required("outcome"), field: "outcome"),
                minutes: fields["minutes"], note: fields["note"],
                amounts: try EntryValues.yearAmounts(fields.amounts, field: "amounts"),
                justified: try fields.optional("justified", EntryValues.date),
                posted: try fields.optional("posted", EntryValues.date))
        }
        let result = try write.apply(.addStep(step))
        // The step as recorded (its texts composed), numbered as `step list` numbers it.
        let steps = try write.writer.decision(write.ref).decision.steps
        return Recorded(
            json: numbered(Int64(steps.count), (steps.last ?? step).json)
                .adding(("status", .string((result.status ?? .draft).rawValue))),
            result: result)
    }

    /// Records an appeal of a party's adoption: the fields `party`, `lodged`, `court`, `case` (the court's case
    /// number). One lodged after the appeal deadline is recorded, with a warning, and does not hold the adoption.
    static func appeal(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let appeal = try WebFailure.refused { () throws(Refusal) in
            Appeal(
                party: try EntryValues.code(try fields.required("party"), field: "party"),
                lodged: try EntryValues.date(try fields.required("lodged"), field: "lodged"), court: fields["court"],
                caseNumber: fields["case"])
        }
        let result = try write.apply(.addAppeal(appeal))
        // The appeal as recorded (its texts composed), numbered as `appeal list` numbers it.
        let appeals = try write.writer.decision(write.ref).decision.appeals
        return Recorded(
            json: numbered(Int64(appeals.count), (appeals.last ?? appeal).json)
                .adding(("status", .string((result.status ?? .draft).rawValue))),
            result: result)
    }

    /// Records how the court decided appeal `number`: the fields `outcome` (dismissed, rejected, annulled, or the
    /// Swedish words) and `date`.
    static func decideAppeal(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let number = try write.number()
        let (outcome, date) = try WebFailure.refused { () throws(Refusal) in
            (
                try EntryValues.appealOutcome(try fields.required("outcome"), field: "outcome"),
                try EntryValues.date(try fields.required("date"), field: "date")
            )
        }
        let result = try write.apply(.decideAppeal(number, outcome, date: date))
        return Recorded(
            json: .object([
                ("number", .int(Int64(number))), ("outcome", .string(outcome.rawValue)),
                ("status", .string((result.status ?? .draft).rawValue)),
            ]), result: result)
    }

    /// Records a payment: the fields `party`, `year`, `date`, `amount`, `reference`, and the flag `again` (the same
    /// payment a second time: an instalment).
    static func payment(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let payment = try WebFailure.refused { () throws(Refusal) in
            Payment(
                decision: write.ref, party: try EntryValues.code(try fields.required("party"), field: "party"),
                year: try EntryValues.year(try fields.required("year"), field: "year"),
                date: try EntryValues.date(try fields.required("date"), field: "date"),
                amount: try EntryValues.money(try fields.required("amount"), field: "amount"),
                reference: fields["reference"])
        }
        let result = try write.apply(.add(payment, again: fields.flags.contains("again")))
        // The payment as recorded (its reference composed).
        let recorded = try write.writer.payments(FundingFilter(decision: write.ref))
            .first { $0.number == result.payment } ?? payment
        return Recorded(json: numbered(result.payment ?? 0, recorded.json), result: result)
    }

    /// Sets a year's (or years') funding: `years` (`2008` or `2027..2029`), `total`, and the shares as `shares`
    /// lines `CODE=AMOUNT` or `split` lines `CODE=PART`; `reason` when a funded year is set again.
    static func funding(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let funding = try WebFailure.refused { () throws(Refusal) in
            let years = try EntryValues.years(try fields.required("years"), field: "years")
            let total = try EntryValues.money(try fields.required("total"), field: "total")
            let shares = pairs(fields["shares"]).map { (code: $0.0, amount: $0.1) }
            let split = pairs(fields["split"]).map { (code: $0.0, part: $0.1) }
            var funding: [FundingYear] = []
            for year in years {
                funding.append(
                    try EntryValues.fundingYear(
                        year, total: total, shares: shares, split: split, shareField: "shares", splitField: "split"))
            }
            return funding
        }
        return Recorded(json: .array(funding.map(\.json)), result: try write.apply(.setFunding(funding)))
    }

    /// Withdraws the funding of `year`, with `reason`.
    static func withdrawFunding(_ write: Write) throws -> Recorded {
        let year = try WebFailure.refused { () throws(Refusal) in
            try EntryValues.year(try write.fields.required("year"), field: "year")
        }
        return Recorded(
            json: .object([("year", .int(Int64(year)))]), result: try write.apply(.withdrawFunding(year: year)))
    }

    /// Corrects step `number`: `date`, `outcome`, `minutes`, `note`, `amounts` (each given replaces what was
    /// recorded), with `reason`.
    static func correctStep(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let number = try write.stepNumber()
        let correction = try WebFailure.refused { () throws(Refusal) in
            StepCorrection(
                date: try fields.optional("date", EntryValues.date), outcome: try fields.optional("outcome", EntryValues.outcome),
                minutes: fields["minutes"], note: fields["note"],
                amounts: fields.amounts.isEmpty ? nil : try EntryValues.yearAmounts(fields.amounts, field: "amounts"),
                justified: try fields.optional("justified", EntryValues.date),
                posted: try fields.optional("posted", EntryValues.date))
        }
        let result = try write.apply(.correctStep(number, correction))
        return Recorded(json: .object([("number", .int(Int64(number)))]), result: result)
    }

    /// Withdraws step `number`, with `reason`.
    static func withdrawStep(_ write: Write) throws -> Recorded {
        let number = try write.stepNumber()
        return Recorded(
            json: .object([("number", .int(Int64(number)))]), result: try write.apply(.withdrawStep(number)))
    }

    /// Corrects payment `number` towards the decision: `date`, `amount`, `reference`, with `reason`.
    static func correctPayment(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let correction = try WebFailure.refused { () throws(Refusal) in
            PaymentCorrection(
                date: try fields.optional("date", EntryValues.date), amount: try fields.optional("amount", EntryValues.money),
                reference: fields["reference"])
        }
        let number = try write.payment().number ?? 0
        let result = try write.apply(.correct(number: number, correction))
        return Recorded(json: .object([("number", .int(number))]), result: result)
    }

    /// Withdraws payment `number` towards the decision, with `reason`.
    static func withdrawPayment(_ write: Write) throws -> Recorded {
        let number = try write.payment().number ?? 0
        return Recorded(json: .object([("number", .int(number))]), result: try write.apply(.withdraw(number: number)))
    }

    /// Adds a signatory: `name`, `title`, `party`.
    static func signatory(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let signatory = try WebFailure.refused { () throws(Refusal) in
            Signatory(
                name: try fields.required("name"), title: fields["title"],
                party: try fields.optional("party", EntryValues.code))
        }
        return Recorded(json: .object([("name", .string(signatory.name))]), result: try write.apply(.addSignatory(signatory)))
    }

    /// Corrects the decision: `title`, `date`, `summary`, and `case_number` for `case_party`, with `reason`.
    static func correctDecision(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let correction = try WebFailure.refused { () throws(Refusal) in
            var correction = DecisionCorrection(
                title: fields["title"], date: try fields.optional("date", EntryValues.date), summary: fields["summary"])
            if let number = fields["case_number"] {
                let party = try EntryValues.code(try fields.required("case_party"), field: "case_party")
                correction.caseNumbers = [CaseNumber(party: party, number: number)]
            }
            return correction
        }
        return Recorded(json: .object([("ref", .string(write.ref))]), result: try write.apply(.correct(correction)))
    }

    /// Adds the decision: `title`, `date`, the `parties` it binds (codes, separated by spaces or commas), `clauses`
    /// (one a line) and `summary`. It must bind one of the account's parties.
    static func addDecision(_ write: Write) throws -> Recorded {
        let (ref, fields) = (write.ref, write.fields)
        let decision = try WebFailure.refused { () throws(Refusal) in
            guard Identifiers.isValidRef(ref) else { throw Refusal(Identifiers.refRule(ref), field: "decision") }
            let codes = (fields["parties"] ?? "").split { $0 == " " || $0 == "," || $0.isNewline }.map(String.init)
            guard !codes.isEmpty else {
                throw Refusal(
                    sv: "ange de parter beslutet binder", en: "name the parties the decision binds", field: "parties")
            }
            var parties: [String] = []
            for code in codes { parties.append(try EntryValues.code(code, field: "parties")) }
            return Decision(
                ref: ref, title: try fields.required("title"),
                date: try EntryValues.date(try fields.required("date"), field: "date"), parties: parties,
                summary: fields["summary"],
                clauses: (fields["clauses"] ?? "").split(whereSeparator: \.isNewline)
                    .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        let summary = try WebFailure.applying {
            try write.writer.add(RegisterBatch(decisions: [decision]), context: write.context)
        }
        let status = try write.writer.decision(ref).status
        return Recorded(
            json: .object([("ref", .string(ref))]),
            result: ChangeResult(status: status, payment: nil, warnings: summary.warnings.map(\.message)))
    }

    /// Withdraws signatory `number` (in the order recorded), with `reason`.
    static func withdrawSignatory(_ write: Write) throws -> Recorded {
        let number = try write.number()
        return Recorded(
            json: .object([("number", .int(Int64(number)))]), result: try write.apply(.withdrawSignatory(number)))
    }

    /// Stores the uploaded `file` as an attachment: `label` (as the decision cites it), `title`; its media type
    /// from the file's name, as `decreg attach add` takes it. Its size is bounded by the form's (25 MiB).
    static func attachment(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let attachment = try WebFailure.refused { () throws(Refusal) in
            let label = try fields.required("label")
            guard let file = fields.file else {
                throw Refusal(sv: "välj filen att lagra", en: "choose the file to store", field: "file")
            }
            return Attachment(
                label: label, title: fields["title"], mediaType: Attachment.mediaType(forFileName: file.name),
                content: file.content)
        }
        let result = try write.apply(.addAttachment(attachment))
        return Recorded(
            json: .object([
                ("label", .string(attachment.label)), ("size", .int(Int64(attachment.size))),
                ("sha256", .string(attachment.sha256)),
            ]), result: result)
    }

    /// Withdraws the attachment `label`, with `reason`; its bytes stay in the register.
    static func withdrawAttachment(_ write: Write) throws -> Recorded {
        let label = try WebFailure.refused { () throws(Refusal) in try write.fields.required("label") }
        return Recorded(
            json: .object([("label", .string(label))]), result: try write.apply(.withdrawAttachment(label: label)))
    }

    // MARK: An administrator's: parties, bodies, accounts

    /// Adds a party: `code`, `name`, `kind`, `org_number`.
    static func addParty(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let party = try WebFailure.refused { () throws(Refusal) in
            Party(
                code: try EntryValues.code(try fields.required("code"), field: "code"),
                name: try fields.required("name"),
                kind: try fields.optional("kind", EntryValues.choice) ?? .other,
                organisationNumber: try fields.optional("org_number", EntryValues.organisationNumber))
        }
        return try write.add(RegisterBatch(parties: [party]), json: .object([("code", .string(party.code))]))
    }

    /// Corrects party `code`: `name`, `kind`, `org_number` (`-` removes it), with `reason`.
    static func correctParty(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let (code, correction) = try WebFailure.refused { () throws(Refusal) in
            let number: OrganisationNumber?? =
                fields["org_number"] == "-"
                ? .some(nil) : try fields.optional("org_number", EntryValues.organisationNumber).map { .some($0) }
            return (
                try fields.required("code"),
                PartyCorrection(
                    name: fields["name"], kind: try fields.optional("kind", EntryValues.choice),
                    organisationNumber: number)
            )
        }
        return try write.apply(.correctParty(code, correction), json: .object([("code", .string(code))]))
    }

    /// Adds a body: `code`, `name`, `kind`, and the `parties` it belongs to (codes).
    static func addBody(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let body = try WebFailure.refused { () throws(Refusal) in
            let parties = try EntryValues.codes(try fields.required("parties"), field: "parties")
            return Body(
                code: try EntryValues.code(try fields.required("code"), field: "code"),
                name: try fields.required("name"),
                kind: try fields.optional("kind", EntryValues.choice) ?? .other, parties: parties)
        }
        return try write.add(RegisterBatch(bodies: [body]), json: .object([("code", .string(body.code))]))
    }

    /// Corrects body `code`: `name`, `kind`, `parties` (all of them), with `reason`.
    static func correctBody(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let (code, correction) = try WebFailure.refused { () throws(Refusal) in
            (
                try fields.required("code"),
                BodyCorrection(
                    name: fields["name"], kind: try fields.optional("kind", EntryValues.choice),
                    parties: try fields.optional("parties", EntryValues.codes))
            )
        }
        return try write.apply(.correctBody(code, correction), json: .object([("code", .string(code))]))
    }

    /// Adds an account: `name`, `role`, the `parties` it acts for, and its first `password`.
    static func addAccount(_ write: Write) throws -> Recorded {
        let fields = write.fields
        let (account, password) = try WebFailure.refused { () throws(Refusal) in
            let account = Account(
                name: try fields.required("name"),
                role: try EntryValues.choice(try fields.required("role"), field: "role"),
                parties: try fields.optional("parties", EntryValues.codes) ?? [])
            return (account, try write.password())
        }
        return try write.apply(
            .add(account, passwordHash: Passwords.hash(password)), json: .object([("name", .string(account.name))]))
    }

    /// Disables account `name`, with `reason`: it can no longer sign in, and its token stops working.
    static func disableAccount(_ write: Write) throws -> Recorded {
        let name = try WebFailure.refused { () throws(Refusal) in try write.fields.required("name") }
        return try write.apply(.disable(name: name), json: .object([("name", .string(name))]))
    }

    /// Sets account `name`'s `password`.
    static func setPassword(_ write: Write) throws -> Recorded {
        let (name, password) = try WebFailure.refused { () throws(Refusal) in
            (try write.fields.required("name"), try write.password())
        }
        return try write.apply(
            .setPassword(name: name, passwordHash: Passwords.hash(password)), json: .object([("name", .string(name))]))
    }

    /// A recorded object with its number first.
    private static func numbered(_ number: Int64, _ json: JSONValue) -> JSONValue {
        guard case .object(let members) = json else { return json }
        return .object([("number", .int(number))] + members)
    }

    /// `CODE=VALUE` lines of a text area, trimmed; blank lines left out.
    static func pairs(_ text: String?) -> [(String, String)] {
        (text ?? "").split(whereSeparator: \.isNewline).compactMap { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            let halves = trimmed.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (
                halves[0].trimmingCharacters(in: .whitespaces),
                halves.count > 1 ? halves[1].trimmingCharacters(in: .whitespaces) : ""
            )
        }
    }

    static func positive(_ text: String, field: String) throws(Refusal) -> Int {
        guard let number = Int(text), number >= 1 else {
            throw Refusal(sv: "'\(text)' är inget nummer från 1", en: "'\(text)' is not a number from 1", field: field)
        }
        return number
    }
}

extension JSONValue {
    /// The object with one more member at its end.
    fileprivate func adding(_ member: (String, JSONValue)) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members + [member])
    }
}

/// Why a clerk's write was not recorded, as HTTP says it: 403 outside the account's rights, 404 for an unknown
/// decision, 409 for a conflict (the same payment recorded already, a key that exists), 422 for input the command
/// line would refuse, with the field it concerns (named as the API and the forms name it: `amounts`, `party`).
enum WebFailure {
    /// Runs the reading of a form or JSON by the rules of `EntryValues`.
    static func refused<Value>(_ read: () throws(Refusal) -> Value) throws(WebError) -> Value {
        do { return try read() } catch {
            throw WebError(.unprocessableContent, error.phrase, field: error.field.map(name))
        }
    }

    /// Runs a write, saying its refusals as HTTP does.
    static func applying<Value>(_ write: () throws -> Value) throws -> Value {
        do { return try write() } catch let error as RegisterError {
            switch error {
            case .notPermitted(let phrase):
                throw WebError(.forbidden, phrase)
            case .unknown(let kind, _, let field, _) where kind == "decision" && field == nil:
                throw WebError(.notFound, error.phrase)
            case .duplicate, .conflicting:
                throw WebError(.conflict, error.phrase, field: error.field.map(name))
            case .invalid(let phrase, let field) where field == "again" || field == "--again":
                throw WebError(.conflict, phrase, field: "again")
            case .unknown, .invalid:
                throw WebError(.unprocessableContent, error.phrase, field: error.field.map(name))
            default:
                throw error
            }
        }
    }

    /// A field as the command line's rules name it (`--case-number`) in the web's words (`case_number`).
    static func name(_ field: String) -> String {
        // A decision added through a form is the first of a batch: `decisions[0].title` is the form's `title`.
        let field = field.hasPrefix("decisions[0].") ? String(field.dropFirst("decisions[0].".count)) : field
        if field == "ref" { return "decision" }
        if field.hasPrefix("clauses[") { return "clauses" }
        return (field.hasPrefix("--") ? String(field.dropFirst(2)) : field).replacingOccurrences(of: "-", with: "_")
    }
}
