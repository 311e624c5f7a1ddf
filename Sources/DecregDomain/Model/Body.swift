/// A body that handles decisions: a board, an assembly, a committee. A joint body (the political steering
/// group of a joint programme) belongs to several parties.
public struct Body: Hashable, Sendable {
    public var code: String
    public var name: String
    public var kind: BodyKind
    /// The parties the body belongs to, in the order given; at least one.
    public var parties: [String]

    public init(code: String, name: String, kind: BodyKind = .other, parties: [String]) {
        self.code = code
        self.name = name
        self.kind = kind
        self.parties = parties
    }
}

/// What kind of body it is: `board` (styrelse), `assembly` (fullmäktige), …
public enum BodyKind: String, Sendable, CaseIterable {
    case board, assembly, committee
    case jointCommittee = "joint-committee"
    case other
}
