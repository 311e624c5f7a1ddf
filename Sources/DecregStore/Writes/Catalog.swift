import DecregDomain
import GRDB

/// The register's parties and bodies by code, loaded once per write so that a large import resolves its
/// references without a query per reference.
struct Catalog: PartiesAndBodies {
    var parties: [String: (id: Int64, party: Party)] = [:]
    var bodies: [String: (id: Int64, body: Body)] = [:]

    init(_ db: Session) throws {
        for row in try SQLRow.fetchAll(db, sql: "SELECT id, code, name, kind, org_number FROM party") {
            let party = try PartyRow.party(row)
            parties[party.code] = (row["id"], party)
        }
        var members: [Int64: [String]] = [:]
        for row in try SQLRow.fetchAll(
            db,
            sql: """
                SELECT bp.body_id, p.code FROM body_party bp JOIN party p ON p.id = bp.party_id
                ORDER BY bp.body_id, bp.position
                """)
        {
            members[row[0], default: []].append(row[1])
        }
        for row in try SQLRow.fetchAll(db, sql: "SELECT id, code, name, kind FROM body") {
            let id: Int64 = row["id"]
            let body = BodyRow.body(row, parties: members[id] ?? [])
            bodies[body.code] = (id, body)
        }
    }

    func party(_ code: String) -> Party? { parties[code]?.party }

    func body(_ code: String) -> Body? { bodies[code]?.body }

    func unknownMessage(_ kind: String, _ code: String) -> Phrase {
        let known = kind == "party" ? Array(parties.keys) : kind == "body" ? Array(bodies.keys) : []
        return RegisterError.unknown(
            kind: kind, key: code, field: nil, suggestions: NearestKeys.among(known, nearest: code)
        ).phrase
    }

    func partyID(_ code: String, field: String?) throws(RegisterError) -> Int64 {
        guard let entry = parties[code] else {
            throw RegisterError.unknown(
                kind: "party", key: code, field: field, suggestions: NearestKeys.among(parties.keys, nearest: code))
        }
        return entry.id
    }

    func bodyID(_ code: String, field: String?) throws(RegisterError) -> Int64 {
        guard let entry = bodies[code] else {
            throw RegisterError.unknown(
                kind: "body", key: code, field: field, suggestions: NearestKeys.among(bodies.keys, nearest: code))
        }
        return entry.id
    }

    /// The status of a decision from its steps and the parties each step's body belongs to.
    func status(of decision: Decision) -> DecisionStatus {
        decision.status { bodies[$0]?.body.parties ?? [] }
    }
}

/// A body from a row holding its `code`, `name` and `kind`, with its member parties' codes.
enum BodyRow {
    static func body(_ row: SQLRow, parties: [String]) -> Body {
        Body(code: row["code"], name: row["name"], kind: BodyKind(rawValue: row["kind"]) ?? .other, parties: parties)
    }
}

/// Reading a party from a row.
enum PartyRow {
    static func party(_ row: SQLRow) throws -> Party {
        let number: String? = row["org_number"]
        return Party(
            code: row["code"], name: row["name"], kind: PartyKind(rawValue: row["kind"]) ?? .other,
            organisationNumber: try number.map { try OrganisationNumber(parsing: $0) })
    }
}
