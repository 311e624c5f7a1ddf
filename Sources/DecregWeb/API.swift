import DecregDomain
import DecregStore
import Foundation

/// The JSON API under `/api/v1/`. Field names follow OParl 1.1 where OParl has the concept — a decision is a
/// `Paper`, a handling step a `Consultation`, a party a `Body`, a decreg body (board, assembly) an
/// `Organization`, an attachment a `File`, a list an OParl list with `data`, `pagination` and `links` — and
/// decreg's own names elsewhere. Amounts are exact decimal strings with their currency, never numbers.
/// `id` and `web` are the object's paths on this server (OParl asks for absolute URLs; a registrar's proxy
/// knows its public address better than the server does).
struct API {
    let register: Register
    let reads: CachedReads
    static let base = "/api/v1"
    static let defaultPageSize = 50
    static let maximumPageSize = 500

    static func oparl(_ type: String) -> JSONValue { OParl.type(type) }

    /// A list page's links as OParl's lists have them (`first`, `prev`, `self`, `next` on every page but the last,
    /// `last`), for the API's lists and the OParl endpoint's alike; `link` makes a page's address.
    static func pageLinks(
        page: Int, pages: Int, withSelf: Bool, _ link: (Int) -> JSONValue
    ) -> [(String, JSONValue)] {
        var links: [(String, JSONValue)] = [("first", link(1))]
        if page > 1 { links.append(("prev", link(min(page - 1, pages)))) }
        if withSelf { links.append(("self", link(page))) }
        if page < pages { links.append(("next", link(page + 1))) }
        links.append(("last", link(pages)))
        return links
    }

    // MARK: Decisions

    func decisions(_ query: QueryParameters) throws -> JSONValue {
        let filter = try query.decisionFilter()
        let page = try query.integer("page", in: 1...1_000_000) ?? 1
        let perPage = try query.integer("per_page", in: 1...Self.maximumPageSize) ?? Self.defaultPageSize
        let found: DecisionPage
        do { found = try reads.decisions(filter, offset: (page - 1) * perPage, limit: perPage) } catch let error as RegisterError {
            throw WebError.from(error, parameter: error.isUnknown ? "party" : "q")
        }
        let pages = max(1, (found.total + perPage - 1) / perPage)
        let shown = found.items
        var parameters: [(String, String)] = []
        if let q = filter.search { parameters.append(("q", q)) }
        if let party = filter.party { parameters.append(("party", party)) }
        if let year = filter.year { parameters.append(("year", String(year))) }
        if let status = filter.status { parameters.append(("status", status.rawValue)) }
        if perPage != Self.defaultPageSize { parameters.append(("per_page", String(perPage))) }
        func link(_ page: Int) -> JSONValue {
            let query = (parameters + [("page", String(page))]).map { "\(Links.segment($0.0))=\(Links.segment($0.1))" }
            return .string("\(Self.base)/decisions?" + query.joined(separator: "&"))
        }
        let links = Self.pageLinks(page: page, pages: pages, withSelf: false, link)
        return .object([
            ("data", .array(shown.map(listed))),
            (
                "pagination",
                .object([
                    ("totalElements", .int(Int64(found.total))), ("elementsPerPage", .int(Int64(perPage))),
                    ("currentPage", .int(Int64(page))), ("totalPages", .int(Int64(pages))),
                ])
            ),
            ("links", .object(links)),
        ])
    }

    private func listed(_ item: DecisionListItem) -> JSONValue {
        .object([
            ("id", .string("\(Self.base)/decisions/\(Links.segment(item.ref))")), ("type", Self.oparl("Paper")),
            ("reference", .string(item.ref)), ("name", .string(item.title)), ("date", .string(item.date.description)),
            ("status", .string(item.status.rawValue)), ("parties", .array(item.parties.map(JSONValue.string))),
            ("withdrawn", .optional(item.withdrawn)), ("web", .string(Links.decision(item.ref, nil))),
        ])
    }

    func decision(_ ref: String) throws -> JSONValue {
        let stored: StoredDecision
        do { stored = try register.decision(ref) } catch let error as RegisterError { throw WebError.from(error) }
        let decision = stored.decision
        let id = "\(Self.base)/decisions/\(Links.segment(ref))"
        let consultations: [JSONValue] = decision.steps.map { step in
            .object(withdrawable: step.withdrawn, [
                ("type", Self.oparl("Consultation")), ("paper", .string(id)),
                ("organization", .array([.string("\(Self.base)/bodies/\(Links.segment(step.body))")])),
                ("body", .string(step.body)), ("date", .string(step.date.description)),
                ("role", .string(step.outcome.rawValue)),
                ("authoritative", .bool(step.outcome == .adopted && step.withdrawn == nil)),
                ("minutes", .optional(step.minutes)), ("note", .optional(step.note)),
                ("amounts", .array(step.amounts.map { .object([("year", .int(Int64($0.year)))] + $0.amount.jsonMembers) })),
            ])
        }
        let files: [JSONValue] = decision.attachments.map { attachment in
            let url = Links.attachment(attachment.label, of: ref)
            return .object(withdrawable: attachment.withdrawn, [
                ("type", Self.oparl("File")), ("name", .optional(attachment.title)),
                ("fileName", .string(attachment.label)), ("mimeType", .string(attachment.mediaType)),
                ("size", .int(Int64(attachment.size))), ("sha256", .string(attachment.sha256)),
                ("accessUrl", .string(url)), ("downloadUrl", .string(url)),
            ])
        }
        return .object([
            ("id", .string(id)), ("type", Self.oparl("Paper")), ("reference", .string(decision.ref)),
            ("name", .string(decision.title)), ("date", .string(decision.date.description)),
            ("status", .string(stored.status.rawValue)), ("parties", .array(decision.parties.map(JSONValue.string))),
            ("case_numbers", .object(decision.caseNumbers.map { ($0.party, .string($0.number)) })),
            ("summary", .optional(decision.summary)), ("clauses", .array(decision.clauses.map(JSONValue.string))),
            ("funding", .array(decision.funding.map(\.json))), ("consultation", .array(consultations)),
            ("payments", .array(stored.payments.map(\.listedJSON))),
            (
                "signatories",
                .array(
                    decision.signatories.map {
                        .object(
                            withdrawable: $0.withdrawn,
                            [("name", .string($0.name)), ("title", .optional($0.title)), ("party", .optional($0.party))])
                    })
            ),
            ("auxiliaryFile", .array(files)), ("withdrawn", .optional(decision.withdrawn)),
            ("web", .string(Links.decision(ref, nil))),
        ])
    }

    // MARK: Parties, bodies, totals, audit

    func parties() throws -> JSONValue {
        .object([
            (
                "data",
                .array(
                    try register.parties().map { party in
                        .object([
                            ("id", .string("\(Self.base)/parties/\(Links.segment(party.code))")), ("type", Self.oparl("Body")),
                            ("shortName", .string(party.code)), ("name", .string(party.name)),
                            ("classification", .string(party.kind.rawValue)),
                            ("org_number", .optional(party.organisationNumber?.description)),
                            ("web", .string(Links.party(party.code, nil))),
                        ])
                    })
            )
        ])
    }

    func bodies() throws -> JSONValue {
        .object([
            (
                "data",
                .array(
                    try register.bodies().map { body in
                        .object([
                            ("id", .string("\(Self.base)/bodies/\(Links.segment(body.code))")),
                            ("type", Self.oparl("Organization")), ("shortName", .string(body.code)),
                            ("name", .string(body.name)), ("classification", .string(body.kind.rawValue)),
                            ("parties", .array(body.parties.map(JSONValue.string))),
                        ])
                    })
            )
        ])
    }

    func totals(_ query: QueryParameters) throws -> JSONValue {
        var dimensions: [TotalsDimension] = [.party, .year]
        if let by = query.text("by") {
            dimensions = []
            for name in by.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let dimension = TotalsDimension(rawValue: name), !dimensions.contains(dimension) else {
                    let known = TotalsDimension.allCases.map(\.rawValue).joined(separator: ", ")
                    throw WebError.badParameter(
                        "by", sv: "ange skilda dimensioner, åtskilda av kommatecken, bland \(known)",
                        en: "give distinct dimensions, separated by commas, from \(known)")
                }
                dimensions.append(dimension)
            }
        }
        let filter = FundingFilter(
            party: try query.code("party"), years: try query.years(), decision: try query.code("decision"),
            status: try query.status())
        if let party = filter.party, try !register.parties().contains(where: { $0.code == party }) {
            throw WebError.badParameter(
                "party", sv: "ingen part '\(party)' i registret", en: "no party '\(party)' in the register")
        }
        let rows: [TotalsRow]
        do { rows = try reads.totals(by: dimensions, filter: filter) } catch let error as RegisterError {
            throw WebError.from(error, parameter: "decision")
        }
        func json(_ row: TotalsRow) -> JSONValue {
            let keys: [(String, JSONValue)] = row.keys.map { dimension, value in
                if dimension == .year, let value, let year = Int64(value) { return (dimension.rawValue, .int(year)) }
                return (dimension.rawValue, .optional(value))
            }
            return .object(
                keys + [
                    ("currency", .string(row.currency.code)), ("committed", .string(row.committed.decimalString)),
                    ("adopted", .string(row.adopted.decimalString)), ("paid", .string(row.paid.decimalString)),
                ])
        }
        return .object([
            ("by", .array(dimensions.map { .string($0.rawValue) })), ("data", .array(rows.map(json))),
            ("totals", .array(TotalsRow.grandTotals(rows).map(json))),
        ])
    }

    func audit() throws -> JSONValue {
        guard let head = try register.auditHead() else { return .object([("head", .null)]) }
        return .object([("head", .object([("seq", .int(head.seq)), ("hash", .string(head.hash))]))])
    }
}
