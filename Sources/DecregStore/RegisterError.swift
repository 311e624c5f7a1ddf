import DecregDomain

/// Why the register refused a change or could not answer. `field` says where the offending value stands in the
/// input: an import file path (`decisions[2].funding[0].shares.SLL`) or a command-line option (`--party`).
public enum RegisterError: Error, Equatable, CustomStringConvertible {
    /// There is no register at the path.
    case noRegister(path: String)
    /// `init` on a path that already holds a file.
    case alreadyExists(path: String)
    /// The register was made by a newer decreg.
    case newerSchema(path: String, migration: String)
    /// The file is not a decreg register.
    case notARegister(path: String, reason: String)
    /// A key that names nothing in the register: an unknown party, body or decision.
    case unknown(kind: String, key: String, field: String?)
    /// A key that exists already, or is given twice.
    case duplicate(kind: String, key: String, field: String?)
    /// A party or body declared again, differently.
    case conflicting(kind: String, key: String, difference: String, field: String?)
    /// Any other refusal, with its reason.
    case invalid(String, field: String?)

    /// The register's word for a refusal of the rules.
    public init(_ refusal: Refusal) {
        self = .invalid(refusal.message, field: refusal.field)
    }

    public var field: String? {
        switch self {
        case .unknown(_, _, let field), .duplicate(_, _, let field), .conflicting(_, _, _, let field),
            .invalid(_, let field):
            return field
        default: return nil
        }
    }

    /// The message without the field.
    public var message: String {
        switch self {
        case .noRegister(let path):
            return "no register at \(path): create one with `decreg init`, or name it with --db or DECREG_DB"
        case .alreadyExists(let path):
            return "\(path) exists already; decreg init does not overwrite a file"
        case .newerSchema(let path, let migration):
            return "\(path) was written by a newer decreg (schema \(migration)); upgrade decreg to open it"
        case .notARegister(let path, let reason):
            return "\(path) is not a decreg register: \(reason)"
        case .unknown(let kind, let key, _):
            switch kind {
            case "party": return "unknown party '\(key)': add it first (decreg party add \(key) --name …)"
            case "body": return "unknown body '\(key)': add it first (decreg body add \(key) --name … --party …)"
            case "decision": return "no decision '\(key)' in the register"
            default: return "unknown \(kind) '\(key)'"
            }
        case .duplicate(let kind, let key, _):
            return "\(kind) '\(key)' exists already"
        case .conflicting(let kind, let key, let difference, _):
            return "\(kind) '\(key)' exists already with other details (\(difference))"
        case .invalid(let message, _):
            return message
        }
    }

    public var description: String {
        guard let field else { return message }
        return "\(field): \(message)"
    }
}
