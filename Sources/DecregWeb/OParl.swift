import DecregDomain
import DecregStore
import Foundation
import HTTPTypes
import Synchronization

/// What `decreg serve` publishes about itself at `/oparl/v1/system`: the public address every `id` is built from
/// (`--public-url`; without it there is no OParl endpoint, since an OParl `id` must be an absolute URL that does not
/// change), and the operator's name, contacts and links where given.
public struct OParlSettings: Sendable, Equatable {
    public var publicURL: String?
    public var name: String?
    public var contactEmail: String?
    public var contactName: String?
    public var vendor: String?
    public var product: String?

    public init(
        publicURL: String? = nil, name: String? = nil, contactEmail: String? = nil, contactName: String? = nil,
        vendor: String? = nil, product: String? = nil
    ) {
        self.publicURL = publicURL
        self.name = name
        self.contactEmail = contactEmail
        self.contactName = contactName
        self.vendor = vendor
        self.product = product
    }
}

/// The register as an OParl 1.1 endpoint under `/oparl/v1/` (https://oparl.org/spezifikation/), for
/// council-information clients: a `Body` per party, an `Organization` per body, a `Paper` per decision with a
/// `Consultation` per handling step (the party's adoption is the authoritative one), a `File` per attachment and a
/// `Person` per signatory. What OParl has no field for — the split, shares, payments, finality — is in one
/// `decreg:`-prefixed member per object. `created` and `modified` are the audit trail's; a withdrawn object answers
/// as a tombstone. Addresses are built from names that never change (codes, refs, and the numbers of a
/// decision's items in the order recorded), so a URL once served keeps naming the same object.
struct OParl {
    let register: Register
    let settings: OParlSettings
    let checksums: Checksums
    /// The public address without a trailing slash.
    let site: String
    /// The register's language: OParl's texts (`paperType`, `role`, `classification`) are in the content's.
    let language: Language

    static let path = "/oparl/v1"
    static let version = "https://schema.oparl.org/1.1/"

    init(register: Register, settings: OParlSettings, checksums: Checksums) throws {
        guard let url = settings.publicURL else {
            throw WebError(
                .notFound,
                sv: "registret publiceras inte som OParl: starta decreg serve med --public-url https://…",
                en: "the register is not published as OParl: start decreg serve with --public-url https://…")
        }
        self.register = register
        self.settings = settings
        self.checksums = checksums
        site = url.hasSuffix("/") ? String(url.dropLast()) : url
        language = try register.language() ?? .sv
    }

    /// The lists every `Body` has, by the last segment of their address, with the `Body` field that names each.
    enum List: String, CaseIterable {
        case organizations, persons, meetings, papers, consultations, files, memberships, locations
        case agendaItems = "agenda-items"
        case legislativeTerms = "legislative-terms"

        var field: String {
            switch self {
            case .organizations: "organization"
            case .persons: "person"
            case .meetings: "meeting"
            case .papers: "paper"
            case .agendaItems: "agendaItem"
            case .consultations: "consultation"
            case .files: "file"
            case .memberships: "membership"
            case .locations: "locationList"
            case .legislativeTerms: "legislativeTermList"
            }
        }
    }

    // MARK: Addresses

    var base: String { site + Self.path }
    var systemURL: String { base + "/system" }
    var bodiesURL: String { base + "/bodies" }
    func bodyURL(_ code: String) -> String { base + "/bodies/" + Links.segment(code) }
    func listURL(_ code: String, _ list: List) -> String { bodyURL(code) + "/" + list.rawValue }
    func organizationURL(_ code: String) -> String { base + "/organizations/" + Links.segment(code) }
    func paperURL(_ ref: String) -> String { base + "/papers/" + Links.segment(ref) }
    func consultationURL(_ ref: String, _ number: Int) -> String { paperURL(ref) + "/consultations/\(number)" }
    func fileURL(_ ref: String, _ number: Int) -> String { paperURL(ref) + "/files/\(number)" }
    func personURL(_ ref: String, _ number: Int) -> String { paperURL(ref) + "/persons/\(number)" }

    /// An OParl type's URL (`https://schema.oparl.org/1.1/Paper`), as the JSON API names its objects' types too.
    static func type(_ name: String) -> JSONValue { .string(version + name) }

    // MARK: Objects

    func system() throws -> JSONValue {
        let span = try register.trailSpan()
        return Self.object([
            ("id", .string(systemURL)), ("type", Self.type("System")), ("oparlVersion", .string(Self.version)),
            ("body", .string(bodiesURL)),
            ("name", .string(settings.name ?? Vocabulary.word(.registerOfJointDecisions, language))),
            ("contactEmail", .optional(settings.contactEmail)), ("contactName", .optional(settings.contactName)),
            ("website", .string(site + "/")), ("vendor", .optional(settings.vendor)),
            ("product", .optional(settings.product)),
        ] + Self.times(span) + [("web", .string(site + "/"))])
    }

    func body(_ code: String, _ query: ListQuery) throws -> JSONValue {
        guard let party = try register.recordedParties().first(where: { $0.value.code == code }) else {
            throw Self.unknown("party", code)
        }
        return body(party, query)
    }

    func body(_ recorded: Recorded<Party>, _ query: ListQuery) -> JSONValue {
        let party = recorded.value
        let lists: (ArraySlice<List>) -> [(String, JSONValue?)] = { lists in
            lists.map { ($0.field, .string(listURL(party.code, $0))) }
        }
        var members: [(String, JSONValue?)] = [
            ("id", .string(bodyURL(party.code))), ("type", Self.type("Body")), ("system", .string(systemURL)),
            ("shortName", .string(party.code)), ("name", .string(party.name)),
        ]
        members += lists([.organizations, .persons, .meetings, .papers])
        // Required, and embedded: an empty list, since decreg keeps no legislative terms (left out on request).
        if !query.omitInternal { members.append(("legislativeTerm", .array([]))) }
        members += lists([.agendaItems, .consultations, .files, .locations, .legislativeTerms, .memberships])
        members += [
            ("classification", .string(Vocabulary.kind(party.kind, language))),
        ]
        members += Self.times(recorded.times) + [
            ("web", .string(site + Links.party(party.code, nil))),
            (
                "decreg:party",
                .object([
                    ("kind", .string(party.kind.rawValue)),
                    ("organisationNumber", .optional(party.organisationNumber?.description)),
                ])
            ),
        ]
        return Self.object(members, keeping: ["legislativeTerm"])
    }

    func organization(_ code: String) throws -> JSONValue {
        guard let body = try register.recordedBodies().first(where: { $0.value.code == code }) else {
            throw Self.unknown("body", code)
        }
        return organization(body)
    }

    func organization(_ recorded: Recorded<Body>) -> JSONValue {
        let body = recorded.value
        return Self.object(
            [
                ("id", .string(organizationURL(body.code))), ("type", Self.type("Organization")),
                // A joint body belongs to several parties: its Bodies are in decreg:organization.
                ("body", body.parties.count == 1 ? .string(bodyURL(body.parties[0])) : nil),
                ("name", .string(body.name)), ("shortName", .string(body.code)),
                ("organizationType", .string("Gremium")),
                ("classification", .string(Vocabulary.kind(body.kind, language))),
            ] + Self.times(recorded.times) + [
                (
                    "decreg:organization",
                    .object([
                        ("kind", .string(body.kind.rawValue)),
                        ("bodies", .array(body.parties.map { .string(bodyURL($0)) })),
                    ])
                )
            ])
    }

    func paper(_ ref: String, _ query: ListQuery) throws -> JSONValue {
        try paper(try recordedDecision(ref), bodies: try bodyMap(), query)
    }

    func paper(_ recorded: RecordedDecision, bodies: [String: Body], _ query: ListQuery) throws -> JSONValue {
        let (decision, times) = (recorded.stored.decision, recorded.times)
        let id = paperURL(decision.ref)
        if times.decision.withdrawn { return Self.tombstone(id, "Paper", times.decision) }
        let standing = decision.steps.filter { $0.withdrawn == nil }
        func unique(_ codes: [String]) -> [String] { codes.reduce(into: []) { if !$0.contains($1) { $0.append($1) } } }
        let proposers = unique(standing.filter { $0.outcome == .proposed }.map(\.body))
        let joint = unique(standing.map(\.body).filter { (bodies[$0]?.parties.count ?? 0) > 1 })
        let persons = decision.signatories.indices.filter { !itemTimes(times.signatories, $0, times).withdrawn }
        // Embedded objects are never withdrawn ones (OParl 1.1, 2.5).
        let consultations = decision.steps.indices.filter { !itemTimes(times.steps, $0, times).withdrawn }
        let files = decision.attachments.indices.filter { !itemTimes(times.attachments, $0, times).withdrawn }
        return Self.object(
            [
                ("id", .string(id)), ("type", Self.type("Paper")), ("name", .string(decision.title)),
                ("reference", .string(decision.ref)), ("date", .string(decision.date.description)),
                ("paperType", .string(Vocabulary.word(.jointDecision, language))),
                (
                    "auxiliaryFile",
                    query.omitInternal ? nil : .array(try files.map { try file(recorded, $0, embedded: true) })
                ),
                ("originatorPerson", .array(persons.map { .string(personURL(decision.ref, $0 + 1)) })),
                ("underDirectionOf", .array(joint.map { .string(organizationURL($0)) })),
                ("originatorOrganization", .array(proposers.map { .string(organizationURL($0)) })),
                ("consultation", .array(consultations.map { consultation(recorded, $0, embedded: true) })),
            ] + Self.times(times.decision) + [
                ("web", .string(site + Links.decision(decision.ref, nil))),
                ("decreg:decision", decisionFacts(recorded.stored, bodies: bodies)),
            ])
    }

    /// What decreg knows of a decision that OParl has no field for: the status derived from the steps, the parties
    /// it binds, their case numbers, the clauses and summary, the funding with its split, the payments, the
    /// appeals, and the days each party's adoption becomes final. Only facts of the record: whether a day has come
    /// is the reader's to compare, so the object does not change without an entry in the trail.
    private func decisionFacts(_ stored: StoredDecision, bodies: [String: Body]) -> JSONValue {
        let decision = stored.decision
        let finality = decision.finality(bodyParties: { bodies[$0]?.parties ?? [] }, today: .today())
        // `decision show`'s JSON, without what the Paper's own fields say and the items it embeds or links.
        let shown: Set<String> = ["status", "parties", "case_numbers", "summary", "clauses", "funding", "payments"]
        guard case .object(let members) = decision.json(status: stored.status, payments: stored.payments) else {
            return .null
        }
        return .object(
            members.filter { shown.contains($0.0) } + [
                ("appeals", .array(decision.appeals.map(\.json))),
                ("finality", .array(finality.map(\.recordJSON))),
                ("final", .optional(finality.recordedFinal?.description)),
            ])
    }

    func consultation(_ ref: String, _ number: Int) throws -> JSONValue {
        let recorded = try recordedDecision(ref)
        guard recorded.stored.decision.steps.indices.contains(number - 1) else {
            throw Self.noItem(sv: "steg", en: "step", number, ref)
        }
        return consultation(recorded, number - 1, embedded: false)
    }

    /// A handling step as a `Consultation`: embedded in its `Paper`, without the back-reference `paper`.
    func consultation(_ recorded: RecordedDecision, _ index: Int, embedded: Bool) -> JSONValue {
        let (decision, times) = (recorded.stored.decision, itemTimes(recorded.times.steps, index, recorded.times))
        let id = consultationURL(decision.ref, index + 1)
        if times.withdrawn { return Self.tombstone(id, "Consultation", times) }
        let step = decision.steps[index]
        var facts = step.json
        if case .object(let members) = facts { facts = .object(members.filter { $0.0 != "body" }) }
        return Self.object(
            [
                ("id", .string(id)), ("type", Self.type("Consultation")),
                ("paper", embedded ? nil : .string(paperURL(decision.ref))),
                ("organization", .array([.string(organizationURL(step.body))])),
                // The adopting step is the one that binds its party: the party's assembly adopting the decision.
                ("authoritative", .bool(step.outcome == .adopted)),
                ("role", .string(Vocabulary.outcome(step.outcome, language))),
            ] + Self.times(times) + [
                ("web", .string(site + Links.decision(decision.ref, nil))),
                ("decreg:step", Self.pruned(facts)),
            ])
    }

    func file(_ ref: String, _ number: Int) throws -> JSONValue {
        let recorded = try recordedDecision(ref)
        guard recorded.stored.decision.attachments.indices.contains(number - 1) else {
            throw Self.noItem(sv: "bilaga", en: "attachment", number, ref)
        }
        return try file(recorded, number - 1, embedded: false)
    }

    /// An attachment as a `File`: its bytes are served at the decision's attachment address, to be shown or saved.
    func file(_ recorded: RecordedDecision, _ index: Int, embedded: Bool) throws -> JSONValue {
        let (decision, times) = (recorded.stored.decision, itemTimes(recorded.times.attachments, index, recorded.times))
        let id = fileURL(decision.ref, index + 1)
        if times.withdrawn { return Self.tombstone(id, "File", times) }
        let attachment = decision.attachments[index]
        // Shown in the browser (`Content-Disposition: inline`), or saved (`attachment`), as OParl 1.1 (2.7) asks.
        let (shown, saved) = (
            site + Links.attachment(attachment.label, of: decision.ref, inline: true),
            site + Links.attachment(attachment.label, of: decision.ref)
        )
        return Self.object(
            [
                ("id", .string(id)), ("type", Self.type("File")), ("name", .string(attachment.title ?? attachment.label)),
                ("fileName", .string(WebServer.fileName(attachment))), ("mimeType", .string(attachment.mediaType)),
                ("size", .int(Int64(attachment.size))),
                ("sha512Checksum", .string(try checksums.sha512(attachment, of: decision.ref, in: register))),
                ("accessUrl", .string(shown)), ("downloadUrl", .string(saved)),
                ("paper", embedded ? nil : .array([.string(paperURL(decision.ref))])),
            ] + Self.times(times) + [
                ("web", .string(site + Links.decision(decision.ref, nil))),
                (
                    "decreg:attachment",
                    .object([("label", .string(attachment.label)), ("sha256", .string(attachment.sha256))])
                ),
            ])
    }

    func person(_ ref: String, _ number: Int) throws -> JSONValue {
        let recorded = try recordedDecision(ref)
        guard recorded.stored.decision.signatories.indices.contains(number - 1) else {
            throw Self.noItem(sv: "undertecknare", en: "signatory", number, ref)
        }
        return person(recorded, number - 1)
    }

    /// A signatory as a `Person`, with the title they signed under as their status.
    func person(_ recorded: RecordedDecision, _ index: Int) -> JSONValue {
        let (decision, times) = (recorded.stored.decision, itemTimes(recorded.times.signatories, index, recorded.times))
        let id = personURL(decision.ref, index + 1)
        if times.withdrawn { return Self.tombstone(id, "Person", times) }
        let signatory = decision.signatories[index]
        return Self.object(
            [
                ("id", .string(id)), ("type", Self.type("Person")), ("body", signatory.party.map { .string(bodyURL($0)) }),
                ("name", .string(signatory.name)), ("status", .array(signatory.title.map { [.string($0)] } ?? [])),
            ] + Self.times(times) + [
                ("web", .string(site + Links.decision(decision.ref, nil))),
                ("decreg:signatory", .object([("paper", .string(paperURL(decision.ref)))])),
            ])
    }

    // MARK: Lists

    /// The Bodies: every party.
    func bodies(_ query: ListQuery) throws -> JSONValue {
        let parties = try register.recordedParties().filter { query.window.contains(created: $0.times.created, modified: $0.times.modified) }
        return try Self.page(parties.map { body($0, query) }, at: bodiesURL, query)
    }

    func list(_ list: List, of code: String, _ query: ListQuery) throws -> JSONValue {
        guard try register.recordedParties().contains(where: { $0.value.code == code }) else {
            throw Self.unknown("party", code)
        }
        let url = listURL(code, list)
        switch list {
        case .meetings, .agendaItems, .memberships, .locations, .legislativeTerms:
            return try Self.page([], at: url, query)
        case .organizations:
            let bodies = try register.recordedBodies().filter {
                $0.value.parties.contains(code) && query.window.contains(created: $0.times.created, modified: $0.times.modified)
            }
            return try Self.page(bodies.map(organization), at: url, query)
        case .papers:
            let found = try register.recordedDecisions(
                party: code, window: query.window, withdrawn: query.withTombstones, offset: query.offset,
                limit: query.limit)
            let bodies = try bodyMap()
            return try Self.page(
                try found.items.map { try paper($0, bodies: bodies, query) }, total: found.total, at: url, query)
        case .consultations, .files, .persons:
            // A page holds the items of `limit` decisions: their times are read from each decision's entries.
            let found = try register.recordedDecisions(
                party: code, window: query.window.enclosingRecords, withdrawn: query.withTombstones,
                offset: query.offset, limit: query.limit)
            let bodies = try bodyMap()
            var items: [JSONValue] = []
            for recorded in found.items {
                let decision = recorded.stored.decision
                let times = recorded.times
                func wanted(_ item: RecordTimes) -> Bool {
                    (query.withTombstones || !item.withdrawn)
                        && query.window.contains(created: item.created, modified: item.modified)
                }
                switch list {
                case .consultations:
                    for index in decision.steps.indices
                    where (bodies[decision.steps[index].body]?.parties.contains(code) ?? false)
                        && wanted(itemTimes(times.steps, index, times))
                    {
                        items.append(consultation(recorded, index, embedded: false))
                    }
                case .files:
                    for index in decision.attachments.indices where wanted(itemTimes(times.attachments, index, times)) {
                        items.append(try file(recorded, index, embedded: false))
                    }
                default:
                    for index in decision.signatories.indices
                    where [nil, code].contains(decision.signatories[index].party)
                        && wanted(itemTimes(times.signatories, index, times))
                    {
                        items.append(person(recorded, index))
                    }
                }
            }
            return try Self.page(items, decisions: found.total, at: url, query)
        }
    }

    // MARK: Pieces

    private func recordedDecision(_ ref: String) throws -> RecordedDecision {
        // The register's own refusal: a 404 naming the nearest refs, as the API and the pages answer.
        do { return try register.recordedDecision(ref) } catch let error as RegisterError { throw WebError.from(error) }
    }

    private func bodyMap() throws -> [String: Body] {
        Dictionary(try register.bodies().map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// An item's times; a register whose trail lacks them (it cannot, once verified) gives the decision's.
    private func itemTimes(_ times: [RecordTimes], _ index: Int, _ decision: DecisionTimes) -> RecordTimes {
        times.indices.contains(index) ? times[index] : decision.decision
    }

    static func times(_ times: RecordTimes?) -> [(String, JSONValue?)] {
        guard let times else { return [] }
        return [
            ("created", .string(ChangeWindow.published(times.created))),
            ("modified", .string(ChangeWindow.published(times.modified))),
        ]
    }

    /// A withdrawn object as OParl keeps a deleted one: its address, type and times, and `deleted`.
    static func tombstone(_ id: String, _ type: String, _ times: RecordTimes) -> JSONValue {
        .object([("id", .string(id)), ("type", Self.type(type))] + Self.times(times).compactMap { key, value in value.map { (key, $0) } } + [("deleted", .bool(true))])
    }

    /// An object without the members it has no value for: OParl wants no `null`, `""` or `[]` where a field is not
    /// required (2.4); `keeping` names the required ones an empty list is given for.
    static func object(_ members: [(String, JSONValue?)], keeping: Set<String> = []) -> JSONValue {
        .object(
            members.compactMap { key, value in
                guard let value = value.map(pruned) else { return nil }
                return keeping.contains(key) || !isEmpty(value) ? (key, value) : nil
            })
    }

    /// A value with every empty member left out, at any depth.
    static func pruned(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            return .object(members.map { ($0.0, pruned($0.1)) }.filter { !isEmpty($0.1) })
        case .array(let items): return .array(items.map(pruned))
        default: return value
        }
    }

    private static func isEmpty(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .string(let text): text.isEmpty
        case .array(let items): items.isEmpty
        case .object(let members): members.isEmpty
        default: false
        }
    }

    static func unknown(_ kind: String, _ key: String) -> WebError {
        let (sv, en) =
            switch kind {
            case "party": ("ingen part", "no party")
            default: ("inget organ", "no body")
            }
        return WebError(.notFound, sv: "\(sv) '\(key)' i registret", en: "\(en) '\(key)' in the register")
    }

    static func noItem(sv: String, en: String, _ number: Int, _ ref: String) -> WebError {
        WebError(.notFound, sv: "\(ref) har inget \(sv) nummer \(number)", en: "\(ref) has no \(en) number \(number)")
    }

    // MARK: List pages

    /// One page of a list, with its pagination and links (OParl 1.1, 2.5): `next` on every page but the last, and
    /// the filters kept in every link. `total` is the number of objects in the list, when known; a list of a
    /// decision's items pages by `decisions` instead (how many decisions they come from), not knowing its length
    /// without reading every decision.
    static func page(_ items: [JSONValue], at url: String, _ query: ListQuery) throws -> JSONValue {
        let shown = Array(items.dropFirst(query.offset).prefix(query.limit))
        return try page(shown, total: items.count, at: url, query)
    }

    static func page(_ items: [JSONValue], total: Int, at url: String, _ query: ListQuery) throws -> JSONValue {
        try page(items, pages: max(1, (total + query.limit - 1) / query.limit), total: total, at: url, query)
    }

    static func page(_ items: [JSONValue], decisions: Int, at url: String, _ query: ListQuery) throws -> JSONValue {
        try page(items, pages: max(1, (decisions + query.limit - 1) / query.limit), total: nil, at: url, query)
    }

    private static func page(
        _ items: [JSONValue], pages: Int, total: Int?, at url: String, _ query: ListQuery
    ) throws -> JSONValue {
        guard query.page <= pages else {
            throw WebError(
                .notFound, sv: "listan har \(pages) sidor; sidan \(query.page) finns inte",
                en: "the list has \(pages) pages; there is no page \(query.page)", parameter: "page")
        }
        var pagination: [(String, JSONValue?)] = [("totalElements", total.map { .int(Int64($0)) })]
        if total != nil { pagination.append(("elementsPerPage", .int(Int64(query.limit)))) }
        pagination += [("currentPage", .int(Int64(query.page))), ("totalPages", .int(Int64(pages)))]
        let links = API.pageLinks(page: query.page, pages: pages, withSelf: true) { .string(query.link(url, page: $0)) }
        return .object([("data", .array(items)), ("pagination", object(pagination)), ("links", .object(links))])
    }
}

/// A list's parameters (OParl 1.1, 2.5): the change window, `omit_internal`, and the page with its length.
struct ListQuery {
    var window = ChangeWindow()
    var omitInternal = false
    var limit = ListQuery.defaultLimit
    var page = 1
    /// The filters as the client gave them, in one fixed order, carried into the list's links.
    private var carried: [(String, String)] = []

    static let defaultLimit = API.defaultPageSize
    static let maximumLimit = API.maximumPageSize
    static let filterNames = ["created_since", "created_until", "modified_since", "modified_until"]
    static let listNames = Set(filterNames + ["omit_internal", "limit", "page"])
    /// An object's address takes `omit_internal` too (a client may add it to every request) and nothing else.
    static let objectNames: Set<String> = ["omit_internal"]

    init() {}

    init(_ query: QueryParameters) throws(WebError) {
        for name in Self.filterNames {
            guard let text = query.text(name) else { continue }
            guard let bound = ChangeWindow.bound(text, lower: name.hasSuffix("_since")) else {
                throw .badParameter(
                    name, sv: "ange en tidpunkt som 2026-12-03T10:00:00+01:00",
                    en: "give a date-time such as 2026-12-03T10:00:00+01:00")
            }
            switch name {
            case "created_since": window.createdSince = bound
            case "created_until": window.createdUntil = bound
            case "modified_since": window.modifiedSince = bound
            default: window.modifiedUntil = bound
            }
            // One spelling of each bound in the links (OParl 1.1, 2.3): UTC, to the second.
            carried.append((name, bound + "+00:00"))
        }
        if let omit = query.text("omit_internal") {
            guard omit == "true" || omit == "false" else {
                throw .badParameter("omit_internal", sv: "ange true eller false", en: "give true or false")
            }
            omitInternal = omit == "true"
            carried.append(("omit_internal", omit))
        }
        // A client may not expect its limit kept (2.5): one out of range is brought into it rather than refused.
        if let limit = try query.integer("limit", in: Int.min...Int.max) {
            self.limit = min(max(limit, 1), Self.maximumLimit)
            carried.append(("limit", String(self.limit)))
        }
        page = try query.integer("page", in: 1...1_000_000) ?? 1
    }

    /// Withdrawn objects are listed, as tombstones, only to a client asking what changed (OParl 1.1, 2.5).
    var withTombstones: Bool { window.modifiedSince != nil }

    var offset: Int { (page - 1) * limit }

    func link(_ url: String, page: Int) -> String {
        let parameters = carried + (page > 1 ? [("page", String(page))] : [])
        guard !parameters.isEmpty else { return url }
        return url + "?" + parameters.map { "\(Links.segment($0.0))=\(Links.segment($0.1))" }.joined(separator: "&")
    }
}

/// The SHA-512 of attachments, by their SHA-256: an attachment's bytes never change, so each is hashed once per
/// process rather than on every request that lists it.
final class Checksums: Sendable {
    private let known = Mutex<[String: String]>([:])
    static let capacity = 100_000

    func sha512(_ attachment: Attachment, of ref: String, in register: Register) throws -> String {
        if let known = known.withLock({ $0[attachment.sha256] }) { return known }
        let content = try register.attachment(attachment.label, of: ref).content ?? Data()
        let hash = Attachment.sha512Hex(content)
        known.withLock { known in
            // Full: one remembered hash makes room (hashing again costs a read, never a wrong answer).
            if known.count >= Self.capacity { known.remove(at: known.startIndex) }
            known[attachment.sha256] = hash
        }
        return hash
    }
}
