/// One field a change touched, with its value before and after: `steps[2].minutes`, `"§ 87"` → `"§ 88"`.
public struct FieldChange: Sendable, Equatable {
    /// The field's path in the record: `title`, `steps[2].minutes`, `funding[0].shares[1].amount`.
    public var field: String
    /// The value before the change and after it; nil where the field did not exist (or no longer does).
    public var before: JSONValue?
    public var after: JSONValue?

    public init(field: String, before: JSONValue?, after: JSONValue?) {
        self.field = field
        self.before = before
        self.after = after
    }

    /// `{"field": …, "before": …, "after": …}`, the values as JSON (null where there is none).
    public var json: JSONValue {
        .object([("field", .string(field)), ("before", before ?? .null), ("after", after ?? .null)])
    }

    /// The change in one line for people: `date: 2007-07-06 → 2007-07-07`. A whole entry added or removed (a step,
    /// a year's funding) is shown with its fields, those it fills only: `steps[3]: – → {body: HUD-KF, date: …}`.
    /// Swedish names the fields and codes in Swedish (`beslutsgång[3]: – → {organ: HUD-KF, …, beslut: antog}`).
    public func line(_ language: Language = .en) -> String {
        let shown = [before, after].map { Self.shown($0, field: field, language) }
        return "\(Vocabulary.field(field, language)): \(shown[0]) → \(shown[1])"
    }

    /// A value as people read it: a text as it is (a code in words), a number in digits, `–` for none; an entry as
    /// `{name: value, …}` and a list as `[…, …]`, without the fields it leaves empty.
    static func shown(_ value: JSONValue?, field: String, _ language: Language) -> String {
        switch value ?? .null {
        case .null: return "–"
        case .string(let text): return Vocabulary.value(text, field: field, language)
        case .int(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .array(let items):
            let shown = items.enumerated().map { Self.shown($1, field: field + "[\($0)]", language) }
            return "[" + shown.joined(separator: ", ") + "]"
        case .object(let members):
            let shown = members.filter { $0.1 != .null && $0.1 != .array([]) }.map { key, value in
                let path = field + "." + key
                let name = Vocabulary.field(path, language).split(separator: ".").last.map(String.init) ?? key
                return "\(name): \(Self.shown(value, field: path, language))"
            }
            return "{" + shown.joined(separator: ", ") + "}"
        }
    }
}

/// The fields that differ between two versions of a record, as the audit trail stores them (canonical JSON):
/// the one comparison behind `decision show --history`, `audit log` and `audit verify`'s account of a record
/// changed behind decreg's back.
public enum RecordChanges {
    /// Every field whose value differs, in the records' key order (objects compared key by key, lists item by
    /// item); an item or key present on one side only is one change of the whole value. Empty when either is
    /// missing (a creation) or cannot be read as JSON.
    public static func between(before: String?, after: String?) -> [FieldChange] {
        guard let before, let after, let old = try? JSONValue(parsing: before),
            let new = try? JSONValue(parsing: after)
        else { return [] }
        return between(old, new)
    }

    /// Every field whose value differs between two JSON values.
    public static func between(_ old: JSONValue, _ new: JSONValue) -> [FieldChange] {
        var changes: [FieldChange] = []
        compare(old, new, path: "", into: &changes)
        return changes
    }

    /// The top-level fields a list of changes touched, once each, in order: `title`, `steps`.
    public static func topFields(_ changes: [FieldChange]) -> [String] {
        var fields: [String] = []
        for change in changes {
            let top = String(change.field.prefix { $0 != "." && $0 != "[" })
            if fields.last != top && !fields.contains(top) { fields.append(top) }
        }
        return fields
    }

    private static func compare(_ old: JSONValue?, _ new: JSONValue?, path: String, into changes: inout [FieldChange]) {
        switch (old, new) {
        case (.object(let a)?, .object(let b)?):
            let keys = (a.map(\.0) + b.map(\.0).filter { key in !a.contains { $0.0 == key } })
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for key in keys {
                compare(
                    a.first { $0.0 == key }?.1, b.first { $0.0 == key }?.1, path: path.isEmpty ? key : path + "." + key,
                    into: &changes)
            }
        case (.array(let a)?, .array(let b)?):
            for index in 0..<max(a.count, b.count) {
                compare(
                    index < a.count ? a[index] : nil, index < b.count ? b[index] : nil, path: path + "[\(index)]",
                    into: &changes)
            }
        default:
            if old != new { changes.append(FieldChange(field: path, before: old, after: new)) }
        }
    }
}

extension JSONValue {
    /// Reads JSON text: objects keep their keys in the order written. Numbers must be integers, as every number
    /// decreg writes is (amounts travel as decimal strings).
    public init(parsing text: String) throws(JSONParseError) {
        var reader = JSONReader(bytes: Array(text.utf8))
        self = try reader.value()
        reader.skipSpace()
        guard reader.index == reader.bytes.count else { throw JSONParseError(offset: reader.index) }
    }
}

/// JSON that `JSONValue(parsing:)` cannot read, and where.
public struct JSONParseError: Error, Equatable {
    public var offset: Int
}

private struct JSONReader {
    let bytes: [UInt8]
    var index = 0

    mutating func skipSpace() {
        while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
    }

    mutating func value() throws(JSONParseError) -> JSONValue {
        skipSpace()
        guard index < bytes.count else { throw JSONParseError(offset: index) }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(String, JSONValue)] = []
            skipSpace()
            if peek(UInt8(ascii: "}")) { return .object(members) }
            repeat {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                members.append((key, try value()))
                skipSpace()
            } while peek(UInt8(ascii: ","))
            try expect(UInt8(ascii: "}"))
            return .object(members)
        case UInt8(ascii: "["):
            index += 1
            var items: [JSONValue] = []
            skipSpace()
            if peek(UInt8(ascii: "]")) { return .array(items) }
            repeat {
                items.append(try value())
                skipSpace()
            } while peek(UInt8(ascii: ","))
            try expect(UInt8(ascii: "]"))
            return .array(items)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        default:
            let start = index
            _ = peek(UInt8(ascii: "-"))
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard let number = Int64(String(decoding: bytes[start..<index], as: UTF8.self)) else {
                throw JSONParseError(offset: start)
            }
            return .int(number)
        }
    }

    /// Consumes `byte` when it comes next.
    mutating func peek(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    mutating func expect(_ byte: UInt8) throws(JSONParseError) {
        guard peek(byte) else { throw JSONParseError(offset: index) }
    }

    mutating func literal(_ word: String) throws(JSONParseError) {
        for byte in word.utf8 { try expect(byte) }
    }

    mutating func string() throws(JSONParseError) -> String {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard index < bytes.count else { throw JSONParseError(offset: index) }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(escape)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), peek(UInt8(ascii: "\\")) {
                        try expect(UInt8(ascii: "u"))
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else { throw JSONParseError(offset: index) }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw JSONParseError(offset: index) }
                    UTF8.encode(scalar) { out.append($0) }
                default:
                    throw JSONParseError(offset: index - 1)
                }
            default:
                out.append(byte)
            }
        }
        throw JSONParseError(offset: index)
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw JSONParseError(offset: index) }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw JSONParseError(offset: index)
            }
            value = value << 4 | UInt32(digit)
        }
        index += 4
        return value
    }
}

/// What an audit entry did to its record, in a word: what `audit log` and `--history` show beside the changes.
public enum AuditAction: String, Sendable, CaseIterable {
    case recorded, corrected, withdrawn
    case stepAdded = "step-added"
    case fundingSet = "funding-set"
    case attachmentAdded = "attachment-added"
    case signatoryAdded = "signatory-added"
    case changed

    /// A record that did not exist before was recorded; a change with a reason is a correction, unless all it did
    /// was withdraw the record or one of its items (a step, a year's funding); without one, what was added.
    public init(before: String?, changes: [FieldChange], reason: String?) {
        let fields = RecordChanges.topFields(changes)
        if before == nil {
            self = .recorded
        } else if !changes.isEmpty, changes.allSatisfy({ $0.field.hasSuffix("withdrawn") && $0.before == nil }) {
            self = .withdrawn
        } else if reason != nil {
            self = .corrected
        } else if fields == ["steps"] {
            self = .stepAdded
        } else if fields == ["funding"] {
            self = .fundingSet
        } else if fields == ["attachments"] {
            self = .attachmentAdded
        } else if fields == ["signatories"] {
            self = .signatoryAdded
        } else {
            self = .changed
        }
    }
}
