/// A party to joint decisions: a region, a municipality, a company, …
public struct Party: Hashable, Sendable {
    /// The register's short key, chosen by the user: `HUDDINGE`.
    public var code: String
    public var name: String
    public var kind: PartyKind
    public var organisationNumber: OrganisationNumber?

    public init(code: String, name: String, kind: PartyKind = .other, organisationNumber: OrganisationNumber? = nil) {
        self.code = code
        self.name = name
        self.kind = kind
        self.organisationNumber = organisationNumber
    }
}

/// What kind of organisation a party is.
public enum PartyKind: String, Sendable, CaseIterable {
    case region, municipality, company, university
    case stateAgency = "state-agency"
    case other
}
