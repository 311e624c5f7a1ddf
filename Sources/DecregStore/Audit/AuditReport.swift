import DecregDomain
import GRDB

/// What `audit verify` found: the trail's length and head, and every problem, each naming the entry, entity,
/// table or row concerned.
public struct AuditReport: Sendable {
    public var entries = 0
    public var head: AuditHead?
    /// How many entities of each kind the register holds and the trail accounts for.
    public var checked: [String: Int] = [:]
    public var problems: [AuditProblem] = []

    public var intact: Bool { problems.isEmpty }
}

/// The newest entry of the trail: what a registrar publishes, `SEQ HASH`.
public struct AuditHead: Sendable, Equatable, CustomStringConvertible {
    public var seq: Int64
    public var hash: String

    public init(seq: Int64, hash: String) {
        self.seq = seq
        self.hash = hash
    }

    /// Reads `SEQ:HASH` (or `SEQ HASH`), as `audit head` prints it.
    public init?(parsing text: String) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == " " })
        guard parts.count == 2, let seq = Int64(parts[0]), seq > 0, parts[1].count == 64,
            parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
        else { return nil }
        self.seq = seq
        self.hash = String(parts[1])
    }

    public var description: String { "\(seq) \(hash)" }
}

extension AuditHead {
    /// The trail's newest entry as this connection sees it, or nil for an empty trail.
    static func latest(_ db: Session) throws -> AuditHead? {
        try SQLRow.fetchOne(db, sql: "SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1").map {
            AuditHead(seq: $0[0], hash: $0[1])
        }
    }
}

/// One thing `audit verify` found wrong.
public enum AuditProblem: Sendable, Equatable, CustomStringConvertible {
    /// The trail itself is broken at this entry.
    case brokenChain(seq: Int64, reason: ChainBreak)
    /// The published head is not in the trail as published.
    case headMismatch(AuditHead, found: String?)
    /// An entity's content differs from its last audit entry: the first field that does (nil when the content
    /// could not be read at all).
    case differs(entity: String, key: String, seq: Int64, table: String, change: FieldChange?)
    /// An entity in the register that no audit entry records.
    case unrecorded(entity: String, key: String, table: String)
    /// An entity the trail records that is gone from the register.
    case missing(entity: String, key: String, seq: Int64, table: String)
    /// Derived or stored data inconsistent with the rest: a status, the search index, an attachment's bytes,
    /// a row whose reference leads nowhere.
    case inconsistent(table: String, Inconsistency)
    /// The log's stored tree disagrees with the trail at the subtree of `2^level` leaves numbered `index`.
    case tree(level: Int, index: Int64, TreeFault)
    /// A published checkpoint the tree of today does not extend (a proof of consistency fails).
    case checkpoint(size: Int64, reason: Phrase)

    /// How the stored tree disagrees with the trail.
    public enum TreeFault: Sendable, Equatable {
        case altered, missing, beyondTrail
    }

    /// How the trail is broken at an entry.
    public enum ChainBreak: Sendable, Equatable {
        /// Entries `from`…`to` are not there.
        case missingEntries(from: Int64, to: Int64)
        /// The entry comes after a later one.
        case outOfOrder(after: Int64)
        /// Its content does not hash to its hash.
        case altered
        /// Its predecessor's hash is not the one it seals.
        case notFollowing(Int64)
    }

    /// What does not agree with what it derives from.
    public enum Inconsistency: Sendable, Equatable {
        case status(ref: String, stored: String, derived: DecisionStatus)
        case searchText(ref: String)
        case strayIndexRows(Int)
        case attachmentBytes(label: String, ref: String)
        case danglingReference(row: Int64?, parent: String)
    }

    public var description: String { description(.en) }

    /// The problem in one sentence, in Swedish or English.
    public func description(_ language: Language) -> String {
        let sv = language == .sv
        func entity(_ name: String) -> String { Vocabulary.entity(name, language) }
        switch self {
        case .brokenChain(let seq, let reason):
            let why: String
            switch reason {
            case .missingEntries(let from, let to):
                why = sv
                    ? "posterna \(from)…\(to) saknas i spåret" : "entries \(from)…\(to) are missing from the trail"
            case .outOfOrder(let after):
                why = sv ? "den kommer i fel ordning efter post \(after)" : "it comes out of order after entry \(after)"
            case .altered:
                why = sv
                    ? "dess innehåll stämmer inte med dess hash: posten har ändrats"
                    : "its content does not match its hash: the entry was altered"
            case .notFollowing(let previous):
                why = sv
                    ? "den följer inte på post \(previous): spåret har skrivits om eller kastats om"
                    : "it does not follow entry \(previous): the trail was rewritten or reordered"
            }
            return sv ? "granskningspost \(seq): \(why)" : "audit entry \(seq): \(why)"
        case .tree(let level, let index, let fault):
            let node = sv ? "loggens delträd \(level)/\(index) (nivå/nummer)" : "the log's subtree \(level)/\(index) (level/index)"
            switch fault {
            case .altered:
                return sv
                    ? "\(node) har inte sina posters hash: trädet har ändrats" : "\(node) does not hash its entries: the tree was altered"
            case .missing:
                return sv ? "\(node) saknas" : "\(node) is missing"
            case .beyondTrail:
                return sv ? "\(node) går utöver spåret" : "\(node) lies beyond the trail"
            }
        case .checkpoint(let size, let reason):
            return sv
                ? "checkpointen för \(size) poster: \(reason.sv)" : "the checkpoint of \(size) entries: \(reason.en)"
        case .headMismatch(let head, let found):
            if let found {
                return sv
                    ? "granskningspost \(head.seq) har hashen \(found), inte den publicerade \(head.hash): "
                        + "spåret har skrivits om"
                    : "audit entry \(head.seq) has hash \(found), not the published \(head.hash): "
                        + "the trail was rewritten"
            }
            return sv
                ? "granskningspost \(head.seq) i det publicerade huvudet finns inte i spåret: spåret har kortats"
                : "audit entry \(head.seq) of the published head is not in the trail: the trail was truncated"
        case .differs(let name, let key, let seq, let table, let change):
            let detail: String
            if let change {
                let field = change.field.isEmpty ? (sv ? "posten" : "the record") : change.field
                let before = Self.shown(change.before, language)
                let after = Self.shown(change.after, language)
                detail = sv
                    ? "\(field): spåret har \(before), registret \(after)"
                    : "\(field): the trail has \(before), the register \(after)"
            } else {
                detail = sv
                    ? "innehållet är inte det som spåret registrerade" : "its content is not what the trail recorded"
            }
            return sv
                ? "\(entity(name)) \(key) skiljer sig från sin granskningspost \(seq) (tabell \(table)): \(detail)"
                : "\(name) \(key) differs from its audit entry \(seq) (table \(table)): \(detail)"
        case .unrecorded(let name, let key, let table):
            return sv
                ? "\(entity(name)) \(key) (tabell \(table)) finns inte i granskningsspåret: "
                    + "den har lagts till förbi decreg"
                : "\(name) \(key) (table \(table)) is not in the audit trail: it was added behind decreg's back"
        case .missing(let name, let key, let seq, let table):
            return sv
                ? "\(entity(name)) \(key) är registrerad i granskningspost \(seq) men saknas i tabellen \(table)"
                : "\(name) \(key) is recorded by audit entry \(seq) but is missing from table \(table)"
        case .inconsistent(let table, let what):
            let detail: String
            switch what {
            case .status(let ref, let stored, let derived):
                detail = sv
                    ? "\(ref) har status '\(stored)' men dess beslutssteg ger '\(derived.rawValue)'"
                    : "\(ref) has status '\(stored)' but its steps make it '\(derived.rawValue)'"
            case .searchText(let ref):
                detail = sv
                    ? "söktexten för \(ref) är inte dess rubrik, att-satser och ärendetext"
                    : "the search text of \(ref) is not its title, clauses and summary"
            case .strayIndexRows(let count):
                detail = sv ? "\(count) rader hör inte till något beslut" : "\(count) rows belong to no decision"
            case .attachmentBytes(let label, let ref):
                detail = sv
                    ? "byten i \(label) till \(ref) stämmer inte med dess registrerade SHA-256 och storlek"
                    : "the bytes of \(label) of \(ref) do not match its recorded SHA-256 and size"
            case .danglingReference(let row, let parent):
                let row = row.map(String.init) ?? "?"
                detail = sv
                    ? "rad \(row) hänvisar till en \(parent) som inte finns i registret"
                    : "row \(row) refers to a \(parent) that is not in the register"
            }
            return sv ? "tabell \(table): \(detail)" : "table \(table): \(detail)"
        }
    }

    /// A value of a record as a problem names it: a text in quotes, `nothing`, `an entry`, `"Bilaga 1"…`.
    private static func shown(_ value: JSONValue?, _ language: Language) -> String {
        let sv = language == .sv
        switch value ?? .null {
        case .null: return sv ? "ingenting" : "nothing"
        case .object(let members):
            let label = members.first { $0.0 == "label" }
            return label.map { "\(shown($0.1, language))…" } ?? (sv ? "en post" : "an entry")
        case .array: return sv ? "en lista" : "a list"
        case let leaf: return leaf.rendered(pretty: false)
        }
    }
}
