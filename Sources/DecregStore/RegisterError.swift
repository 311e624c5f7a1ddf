import DecregDomain
import GRDB

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
    /// A key that names nothing in the register: an unknown party, body or decision, with the known keys nearest
    /// it, best first (`NearestKeys`).
    case unknown(kind: String, key: String, field: String?, suggestions: [String] = [])
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

    /// Runs rules of DecregDomain, turning their refusal into the register's error.
    static func checking<Result>(_ rules: () throws(Refusal) -> Result) throws(RegisterError) -> Result {
        do { return try rules() } catch { throw RegisterError(error) }
    }

    public var field: String? {
        switch self {
        case .unknown(_, _, let field, _), .duplicate(_, _, let field), .conflicting(_, _, _, let field),
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
        case .unknown(let kind, let key, _, let suggestions):
            let guess = suggestions.isEmpty ? nil : "did you mean \(Self.alternatives(suggestions))?"
            switch kind {
            case "party", "body":
                let add = "decreg \(kind) add \(key) --name …" + (kind == "body" ? " --party …" : "")
                guard let guess else { return "unknown \(kind) '\(key)': add it first (\(add))" }
                return
                    "unknown \(kind) '\(key)': \(guess) (decreg \(kind) list shows them all; add a new one with \(add))"
            case "decision":
                guard let guess else { return "no decision '\(key)' in the register" }
                return "no decision '\(key)': \(guess)"
            default:
                return "unknown \(kind) '\(key)'" + (guess.map { ": " + $0 } ?? "")
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

    /// `A`, `A or B`, `A, B or C`.
    static func alternatives(_ keys: [String]) -> String {
        guard let last = keys.last, keys.count > 1 else { return keys.first ?? "" }
        return keys.dropLast().joined(separator: ", ") + " or " + last
    }

    /// A party, body or decision that `key` names nothing among, with the keys nearest it in the register. Looks
    /// at every key of its kind, so it is only called once the key is known to be missing.
    static func unknown(_ kind: String, _ key: String, field: String?, in db: Database) throws -> RegisterError {
        let slack = NearestKeys.allowedDistance(for: key.count)
        let sql: String
        switch kind {
        case "party": sql = "SELECT code FROM party WHERE length(code) BETWEEN ? AND ?"
        case "body": sql = "SELECT code FROM body WHERE length(code) BETWEEN ? AND ?"
        default: sql = "SELECT ref FROM decision WHERE length(ref) BETWEEN ? AND ?"
        }
        let known = try String.fetchAll(db, sql: sql, arguments: [key.count - slack, key.count + slack])
        return .unknown(kind: kind, key: key, field: field, suggestions: NearestKeys.among(known, nearest: key))
    }
}
