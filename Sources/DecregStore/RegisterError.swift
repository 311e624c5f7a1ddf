import DecregDomain
import GRDB

/// Why the register refused a change or could not answer. `field` says where the offending value stands in the
/// input: an import file path (`decisions[2].funding[0].shares.SLL`) or a command-line option (`--party`).
public enum RegisterError: Error, Equatable, CustomStringConvertible, SpokenError {
    /// There is no register at the path.
    case noRegister(path: String)
    /// `init` on a path that already holds a file.
    case alreadyExists(path: String)
    /// The register was made by a newer decreg.
    case newerSchema(path: String, migration: String)
    /// The file is not a decreg register.
    case notARegister(path: String, reason: Phrase)
    /// A key that names nothing in the register: an unknown party, body or decision, with the known keys nearest
    /// it, best first (`NearestKeys`).
    case unknown(kind: String, key: String, field: String?, suggestions: [String] = [])
    /// A key that exists already, or is given twice.
    case duplicate(kind: String, key: String, field: String?)
    /// A party or body declared again, differently.
    case conflicting(kind: String, key: String, difference: Phrase, field: String?)
    /// Any other refusal, with its reason.
    case invalid(Phrase, field: String?)

    /// The register's word for a refusal of the rules.
    public init(_ refusal: Refusal) {
        self = .invalid(refusal.phrase, field: refusal.field)
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

    /// The message without the field, in English.
    public var message: String { phrase.en }

    /// The message without the field, in both languages.
    public var phrase: Phrase {
        switch self {
        case .noRegister(let path):
            return Phrase(
                sv: "inget register i \(path): skapa ett med `decreg init`, eller ange det med --db eller DECREG_DB",
                en: "no register at \(path): create one with `decreg init`, or name it with --db or DECREG_DB")
        case .alreadyExists(let path):
            return Phrase(
                sv: "\(path) finns redan; decreg init skriver inte över en fil",
                en: "\(path) exists already; decreg init does not overwrite a file")
        case .newerSchema(let path, let migration):
            return Phrase(
                sv: "\(path) är skrivet av en nyare decreg (schema \(migration)); uppgradera decreg för att öppna det",
                en: "\(path) was written by a newer decreg (schema \(migration)); upgrade decreg to open it")
        case .notARegister(let path, let reason):
            return Phrase(
                sv: "\(path) är inget decreg-register: \(reason.sv)",
                en: "\(path) is not a decreg register: \(reason.en)")
        case .unknown(let kind, let key, _, let suggestions):
            let options = Phrase.alternatives(suggestions)
            let guess = suggestions.isEmpty ? nil : Phrase(
                sv: "menade du \(options.sv)?",
                en: "did you mean \(options.en)?")
            switch kind {
            case "party", "body":
                let add = "decreg \(kind) add \(key) --name …" + (kind == "body" ? " --party …" : "")
                let (unknown, it) = kind == "party" ? ("okänd part", "den") : ("okänt organ", "det")
                guard let guess else {
                    return Phrase(
                        sv: "\(unknown) '\(key)': lägg till \(it) först (\(add))",
                        en: "unknown \(kind) '\(key)': add it first (\(add))")
                }
                return Phrase(
                    sv: "\(unknown) '\(key)': \(guess.sv) (decreg \(kind) list visar alla; lägg till en ny med \(add))",
                    en: "unknown \(kind) '\(key)': \(guess.en) (decreg \(kind) list shows them all; add a new one with "
                        + "\(add))")
            case "decision":
                guard let guess else {
                    return Phrase(sv: "inget beslut '\(key)' i registret", en: "no decision '\(key)' in the register")
                }
                return Phrase(sv: "inget beslut '\(key)': \(guess.sv)", en: "no decision '\(key)': \(guess.en)")
            default:
                return Phrase(
                    sv: "okänd \(Self.noun(kind).sv) '\(key)'" + (guess.map { ": " + $0.sv } ?? ""),
                    en: "unknown \(kind) '\(key)'" + (guess.map { ": " + $0.en } ?? ""))
            }
        case .duplicate(let kind, let key, _):
            return Phrase(sv: "\(Self.noun(kind).sv) '\(key)' finns redan", en: "\(kind) '\(key)' exists already")
        case .conflicting(let kind, let key, let difference, _):
            return Phrase(
                sv: "\(Self.noun(kind).sv) '\(key)' finns redan med andra uppgifter (\(difference.sv))",
                en: "\(kind) '\(key)' exists already with other details (\(difference.en))")
        case .invalid(let message, _):
            return message
        }
    }

    /// `field: message` in `language`.
    public func text(_ language: Language) -> String {
        guard let field else { return phrase.text(language) }
        return "\(field): \(phrase.text(language))"
    }

    public func lines(_ language: Language) -> [String] { [text(language)] }

    public var description: String { text(.en) }

    /// The kinds of things the register names (`party`, `case number for`), in Swedish.
    static func noun(_ kind: String) -> Phrase {
        let swedish: String
        switch kind {
        case "party": swedish = "part"
        case "body": swedish = "organ"
        case "decision": swedish = "beslut"
        case "payment": swedish = "betalning"
        case "attachment": swedish = "bilaga"
        case "case number for": swedish = "diarienummer för"
        case "funding for year": swedish = "finansiering för året"
        case "share for": swedish = "andel för"
        case "amount for year": swedish = "belopp för året"
        default: swedish = kind
        }
        return Phrase(sv: swedish, en: kind)
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

extension Phrase {
    public static let notSQLite = Phrase(sv: "filen är ingen SQLite-databas", en: "the file is not an SQLite database")
}
