/// The audit trail's newest entry when a document was read from the register: what its footer prints, so a
/// printed page can later be checked with `decreg audit verify --head SEQ:HASH`.
public struct AuditStamp: Sendable, Equatable {
    public var seq: Int64
    /// Lower-case hex SHA-256 of the entry.
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }
}
