import DecregDomain
import Foundation

/// Turns a composed import document into a batch, field by field.
struct DocumentReader {
    let baseDirectory: URL

    /// The top-level lists of an import document, in the order they are recorded: reference data first.
    static let lists = ["parties", "bodies", "decisions", "payments"]

    /// Reads one element of a top-level list.
    func item(_ list: String, _ field: Field) throws(ImportError) -> ImportItem {
        switch list {
        case "parties": return .party(try party(field))
        case "bodies": return .body(try body(field))
        case "decisions": return .decision(try decision(field))
        default: return .payment(try payment(field, inherited: .sek))
        }
    }

    func party(_ field: Field) throws(ImportError) -> Party {
        let record = try field.record(["code", "name", "kind", "org_number"])
        var party = Party(code: try code(record.required("code")), name: try record.required("name").nonEmptyString())
        if let kind = record.optional("kind") { party.kind = try choice(kind, PartyKind.self) }
        if let number = record.optional("org_number") {
            let text = try number.string()
            do { party.organisationNumber = try OrganisationNumber(parsing: text) } catch {
                throw number.error(error.description)
            }
        }
        return party
    }

    func body(_ field: Field) throws(ImportError) -> Body {
        let record = try field.record(["code", "name", "kind", "parties", "party"])
        let partiesField: Field
        if let given = record.optional("parties") { partiesField = given } else { partiesField = try record.required("party") }
        var parties: [String] = []
        for (index, text) in try partiesField.stringList().enumerated() {
            parties.append(try code(partiesField, text, index: index))
        }
        var body = Body(
            code: try code(record.required("code")), name: try record.required("name").nonEmptyString(),
            parties: parties)
        if let kind = record.optional("kind") { body.kind = try choice(kind, BodyKind.self) }
        return body
    }

    func decision(_ field: Field) throws(ImportError) -> Decision {
        let record = try field.record([
            "ref", "title", "date", "parties", "case_numbers", "summary", "clauses", "funding", "steps",
            "signatories", "attachments", "currency", "withdrawn",
        ])
        let currency = try record.currency(inherited: .sek)
        let partiesField = try record.required("parties")
        var parties: [String] = []
        for (index, text) in try partiesField.stringList().enumerated() {
            parties.append(try code(partiesField, text, index: index))
        }
        var decision = Decision(
            ref: try ref(record.required("ref")),
            title: try record.required("title").nonEmptyString(),
            date: try record.required("date").date(),
            parties: parties,
            summary: try record.optionalString("summary"))
        decision.withdrawn = try record.optionalString("withdrawn")
        for entry in try record.optional("case_numbers")?.entries() ?? [] {
            let (party, number) = (entry.name, entry.field)
            decision.caseNumbers.append(CaseNumber(party: try code(number, party), number: try number.nonEmptyString()))
        }
        if let clauses = record.optional("clauses") { decision.clauses = try clauses.stringList() }
        for item in try record.optional("funding")?.list() ?? [] {
            decision.funding.append(try funding(item, inherited: currency))
        }
        for item in try record.optional("steps")?.list() ?? [] {
            decision.steps.append(try step(item, inherited: currency, funding: decision.funding))
        }
        for item in try record.optional("signatories")?.list() ?? [] {
            decision.signatories.append(try signatory(item))
        }
        for item in try record.optional("attachments")?.list() ?? [] {
            decision.attachments.append(try attachment(item))
        }
        return decision
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
                    throw value.error("the share is in \(amount.currency.code) but the total in \(total.currency.code)")
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
                do { part = try SplitPart(parsing: text) } catch { throw value.error(error.description) }
                parts.append((try code(value, party), part))
            }
            do { return try .split(year: year, total: total, parts) } catch { throw split.error(error.description) }
        case (nil, nil):
            throw field.error("give the parties' shares as amounts (shares) or as parts of the total (split)")
        case (_?, _?):
            throw field.error("give either shares or split, not both")
        }
    }

    func step(_ field: Field, inherited: Currency, funding: [FundingYear]) throws(ImportError) -> HandlingStep {
        let record = try field.record(
            ["body", "date", "outcome", "minutes", "note", "amounts", "amount", "currency", "withdrawn"])
        let currency = try record.currency(inherited: inherited)
        var step = HandlingStep(
            body: try code(record.required("body")), date: try record.required("date").date(),
            outcome: try choice(record.required("outcome"), Outcome.self),
            minutes: try record.optionalString("minutes"), note: try record.optionalString("note"),
            withdrawn: try record.optionalString("withdrawn"))
        if let amounts = record.optional("amounts") {
            if let amount = record.optional("amount") {
                throw amount.error("give either amount (the one funded year) or amounts (per year), not both")
            }
            for entry in try amounts.entries() {
                let (yearText, value) = (entry.name, entry.field)
                guard let year = Int(yearText), (1000...9999).contains(year) else {
                    throw value.error("'\(yearText)' is not a year")
                }
                step.amounts.append(YearAmount(year: year, amount: try value.money(defaultCurrency: currency)))
            }
        } else if let amount = record.optional("amount") {
            // `amount:` stands for `amounts:` when the decision funds one year.
            guard funding.count == 1 else {
                throw amount.error(
                    "the decision funds \(funding.count) years: write amounts: {YEAR: AMOUNT} to say which")
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
                    "attachment file '\(relative)' is outside the import file's folder; copy it beside the import file")
            }
            let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            guard size <= InputLimits.maximumAttachmentBytes else {
                throw file.error(
                    "attachment file '\(relative)' is larger than the limit of \(InputLimits.maximumAttachmentBytes >> 20) MB")
            }
            do { content = try Data(contentsOf: url) } catch {
                throw file.error("cannot read attachment file '\(relative)': \(ImportReader.reason(error))")
            }
            mediaType = mediaType ?? Attachment.mediaType(forFileName: relative)
        case (nil, let encoded?):
            guard let data = Data(base64Encoded: try encoded.string()) else {
                throw encoded.error("not valid base64")
            }
            guard data.count <= InputLimits.maximumAttachmentBytes else {
                throw encoded.error("an attachment larger than the limit of \(InputLimits.maximumAttachmentBytes >> 20) MB")
            }
            content = data
        case (nil, nil):
            throw field.error("give the attachment's file (a path relative to this file) or its content_base64")
        case (_?, _?):
            throw field.error("give either file or content_base64, not both")
        }
        var attachment = Attachment(
            label: label, title: try record.optionalString("title"),
            mediaType: mediaType ?? "application/octet-stream", content: content)
        attachment.withdrawn = try record.optionalString("withdrawn")
        return attachment
    }

    func payment(_ field: Field, inherited: Currency) throws(ImportError) -> Payment {
        let record = try field.record([
            "decision", "party", "year", "date", "amount", "reference", "currency", "withdrawn",
        ])
        let currency = try record.currency(inherited: inherited)
        return Payment(
            decision: try ref(record.required("decision")), party: try code(record.required("party")),
            year: try record.required("year").year(), date: try record.required("date").date(),
            amount: try record.required("amount").money(defaultCurrency: currency),
            reference: try record.optionalString("reference"), withdrawn: try record.optionalString("withdrawn"))
    }

    // MARK: Keys

    func code(_ field: Field) throws(ImportError) -> String { try code(field, try field.string()) }

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
            throw field.error(
                "'\(text)' is not one of: \(Choice.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
