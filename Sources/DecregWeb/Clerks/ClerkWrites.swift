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
    }

    /// What was recorded, for the answer.
    struct Recorded: Sendable {
        var json: JSONValue
        var result: ChangeResult
    }

    /// Records a handling step of decision `ref`: the fields `body`, `date`, `outcome`, `minutes`, `note`, `amounts`.
    static func step(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let step = try WebFailure.refused { () throws(Refusal) in
            HandlingStep(
                body: try EntryValues.code(try fields.required("body"), field: "body"),
                date: try EntryValues.date(try fields.required("date"), field: "date"),
                outcome: try EntryValues.outcome(try fields.required("outcome"), field: "outcome"),
                minutes: fields["minutes"], note: fields["note"],
                amounts: try EntryValues.yearAmounts(fields.amounts, field: "amounts"))
        }
        let result = try WebFailure.applying {
            try writer.apply(.addStep(step), to: ref, context: .server(account: clerk.account, route: route))
        }
        // The step as recorded (its texts composed), numbered as `step list` numbers it.
        let steps = try writer.decision(ref).decision.steps
        var json = (steps.last ?? step).json
        if case .object(let members) = json {
            json = .object(
                [("number", .int(Int64(steps.count)))] + members
                    + [("status", .string((result.status ?? .draft).rawValue))])
        }
        return Recorded(json: json, result: result)
    }

    /// Records a payment towards decision `ref`: the fields `party`, `year`, `date`, `amount`, `reference`, and the
    /// flag `again` (the same payment a second time: an instalment).
    static func payment(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let payment = try WebFailure.refused { () throws(Refusal) in
            Payment(
                decision: ref, party: try EntryValues.code(try fields.required("party"), field: "party"),
                year: try EntryValues.year(try fields.required("year"), field: "year"),
                date: try EntryValues.date(try fields.required("date"), field: "date"),
                amount: try EntryValues.money(try fields.required("amount"), field: "amount"),
                reference: fields["reference"])
        }
        let result = try WebFailure.applying {
            try writer.apply(
                .add(payment, again: fields.flags.contains("again")),
                context: .server(account: clerk.account, route: route))
        }
        var recorded = payment
        recorded.number = result.payment
        var json = recorded.json
        if case .object(let members) = json {
            json = .object([("number", .int(result.payment ?? 0))] + members)
        }
        return Recorded(json: json, result: result)
    }
}

extension ClerkWrites {
    /// Sets a year's (or years') funding of decision `ref`: `years` (`2008` or `2027..2029`), `total`, and the
    /// shares as `shares` lines `CODE=AMOUNT` or `split` lines `CODE=PART`; `reason` when a funded year is set again.
    static func funding(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
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
        let result = try WebFailure.applying {
            try writer.apply(
                .setFunding(funding), to: ref,
                context: .server(account: clerk.account, route: route, reason: fields["reason"]))
        }
        return Recorded(json: .array(funding.map(\.json)), result: result)
    }

    /// Withdraws step `number` of decision `ref` (numbered as `decreg step list` numbers them), with `reason`.
    static func withdrawStep(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let number = try WebFailure.refused { () throws(Refusal) in
            try positive(try fields.required("number"), field: "number")
        }
        let result = try WebFailure.applying {
            try writer.apply(
                .withdrawStep(number), to: ref,
                context: .server(account: clerk.account, route: route, reason: fields["reason"]))
        }
        return Recorded(json: .object([("number", .int(Int64(number)))]), result: result)
    }

    /// Withdraws payment `number` (as `decreg payment list` numbers them) with `reason`.
    static func withdrawPayment(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let number = try WebFailure.refused { () throws(Refusal) in
            try positive(try fields.required("number"), field: "number")
        }
        guard try writer.payments(FundingFilter(decision: ref)).contains(where: { $0.number == Int64(number) }) else {
            throw WebError(
                .unprocessableContent, sv: "betalning \(number) är inte en stående betalning till \(ref)",
                en: "payment \(number) is not a standing payment towards \(ref)", field: "number")
        }
        let result = try WebFailure.applying {
            try writer.apply(
                .withdraw(number: Int64(number)),
                context: .server(account: clerk.account, route: route, reason: fields["reason"]))
        }
        return Recorded(json: .object([("number", .int(Int64(number)))]), result: result)
    }

    /// Adds a signatory of decision `ref`: `name`, `title`, `party`.
    static func signatory(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let signatory = try WebFailure.refused { () throws(Refusal) in
            Signatory(
                name: try fields.required("name"), title: fields["title"],
                party: try fields["party"].map { (code) throws(Refusal) in try EntryValues.code(code, field: "party") })
        }
        let result = try WebFailure.applying {
            try writer.apply(.addSignatory(signatory), to: ref, context: .server(account: clerk.account, route: route))
        }
        return Recorded(json: .object([("name", .string(signatory.name))]), result: result)
    }

    /// Corrects decision `ref`: `title`, `date`, `summary`, and `case_number` for `case_party`, with `reason`.
    static func correctDecision(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let correction = try WebFailure.refused { () throws(Refusal) in
            var correction = DecisionCorrection(
                title: fields["title"], date: try fields["date"].map { (text) throws(Refusal) in
                    try EntryValues.date(text, field: "date")
                }, summary: fields["summary"])
            if let number = fields["case_number"] {
                let party = try EntryValues.code(try fields.required("case_party"), field: "case_party")
                correction.caseNumbers = [CaseNumber(party: party, number: number)]
            }
            return correction
        }
        let result = try WebFailure.applying {
            try writer.apply(
                .correct(correction), to: ref,
                context: .server(account: clerk.account, route: route, reason: fields["reason"]))
        }
        return Recorded(json: .object([("ref", .string(ref))]), result: result)
    }

    /// Withdraws the funding of `year` of decision `ref`, with `reason`.
    static func withdrawFunding(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let year = try WebFailure.refused { () throws(Refusal) in
            try EntryValues.year(try fields.required("year"), field: "year")
        }
        let result = try WebFailure.applying {
            try writer.apply(
                .withdrawFunding(year: year), to: ref,
                context: .server(account: clerk.account, route: route, reason: fields["reason"]))
        }
        return Recorded(json: .object([("year", .int(Int64(year)))]), result: result)
    }

    /// Corrects step `number` of decision `ref`: `date`, `outcome`, `minutes`, `note`, `amounts` (each given one
    /// replaces what was recorded), with `reason`.
    static func correctStep(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let (number, correction) = try WebFailure.refused { () throws(Refusal) in
            let number = try positive(try fields.required("number"), field: "number")
            let correction = StepCorrection(
                date: try fields["date"].map { (text) throws(Refusal) in try EntryValues.date(text, field: "date") },
                outcome: try fields["outcome"].map { (text) throws(Refusal) in
                    try EntryValues.outcome(text, field: "outcome")
                },
                minutes: fields["minutes"], note: fields["note"],
                amounts: fields.amounts.isEmpty ? nil : try EntryValues.yearAmounts(fields.amounts, field: "amounts"))
            return (number, correction)
        }
        let result = try WebFailure.applying {
            try writer.apply(
                .correctStep(number, correction), to: ref,
                context: .server(account: clerk.account, route: route, reason: fields["reason"]))
        }
        return Recorded(json: .object([("number", .int(Int64(number)))]), result: result)
    }

    /// Corrects payment `number` towards decision `ref`: `date`, `amount`, `reference`, with `reason`.
    static func correctPayment(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
        let (number, correction) = try WebFailure.refused { () throws(Refusal) in
            let number = try positive(try fields.required("number"), field: "number")
            let correction = PaymentCorrection(
                date: try fields["date"].map { (text) throws(Refusal) in try EntryValues.date(text, field: "date") },
                amount: try fields["amount"].map { (text) throws(Refusal) in
                    try EntryValues.money(text, field: "amount")
                }, reference: fields["reference"])
            return (number, correction)
        }
        guard try writer.payments(FundingFilter(decision: ref)).contains(where: { $0.number == Int64(number) }) else {
            throw WebError(
                .unprocessableContent, sv: "betalning \(number) är ingen betalning till \(ref)",
                en: "payment \(number) is not a payment towards \(ref)", field: "number")
        }
        let result = try WebFailure.applying {
            try writer.apply(
                .correct(number: Int64(number), correction),
                context: .server(account: clerk.account, route: route, reason: fields["reason"]))
        }
        return Recorded(json: .object([("number", .int(Int64(number)))]), result: result)
    }

    /// Adds decision `ref`: `title`, `date`, the `parties` it binds (codes, separated by spaces or commas),
    /// `clauses` (one a line) and `summary`. It must bind one of the account's parties.
    static func addDecision(ref: String, _ fields: Fields, by clerk: Clerk, route: String, writer: Register) throws
        -> Recorded
    {
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
            try writer.add(RegisterBatch(decisions: [decision]), context: .server(account: clerk.account, route: route))
        }
        let status = try writer.decision(ref).status
        return Recorded(
            json: .object([("ref", .string(ref))]),
            result: ChangeResult(status: status, payment: nil, warnings: summary.warnings.map(\.message)))
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
