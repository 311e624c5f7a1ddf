/// A JSON value whose objects keep their keys in the order given, so that output is stable byte for byte.
/// Numbers are integers only: amounts travel as exact decimal strings, never as floating point.
public indirect enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    /// A string, or null when absent.
    public static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    /// The value as JSON text: pretty (two-space indent, a space after colons) or compact.
    public func rendered(pretty: Bool = true) -> String {
        String(decoding: renderedBytes(pretty: pretty), as: UTF8.self)
    }

    /// The value as UTF-8 JSON, pretty-printed as if nested `indent` levels deep (for writing a large document
    /// piece by piece).
    public func renderedBytes(pretty: Bool = true, indent: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out, pretty: pretty, sorted: false, indent: indent)
        return out
    }

    /// The canonical encoding for hashing: compact, object keys sorted by their UTF-8 bytes (Unicode code point
    /// order), strings escaped minimally (`"`, `\\` and control characters only), integers in plain decimal.
    public var canonical: String { String(decoding: canonicalBytes, as: UTF8.self) }

    /// The canonical encoding as UTF-8 bytes.
    public var canonicalBytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out, pretty: false, sorted: true, indent: 0)
        return out
    }

    private func write(to out: inout [UInt8], pretty: Bool, sorted: Bool, indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let value): out.append(contentsOf: (value ? "true" : "false").utf8)
        case .int(let value): out.append(contentsOf: String(value).utf8)
        case .string(let value): JSONValue.writeString(value, to: &out, escapeSeparators: !sorted)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(&out, indent + 1) }
                item.write(to: &out, pretty: pretty, sorted: sorted, indent: indent + 1)
            }
            if pretty { JSONValue.newline(&out, indent) }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            guard !members.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            let ordered = sorted ? members.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) } : members
            for (index, (key, value)) in ordered.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                if pretty { JSONValue.newline(&out, indent + 1) }
                JSONValue.writeString(key, to: &out, escapeSeparators: !sorted)
                out.append(UInt8(ascii: ":"))
                if pretty { out.append(UInt8(ascii: " ")) }
                value.write(to: &out, pretty: pretty, sorted: sorted, indent: indent + 1)
            }
            if pretty { JSONValue.newline(&out, indent) }
            out.append(UInt8(ascii: "}"))
        }
    }

    private static func newline(_ out: inout [UInt8], _ indent: Int) {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent * 2))
    }

    /// Writes a quoted string. For people and other programs (`escapeSeparators`), DEL, the C1 controls, the line
    /// and paragraph separators and the bidirectional controls are escaped too: some readers take U+2028 for a line
    /// break, and a right-to-left override would reorder the text around it on a terminal.
    private static func writeString(_ value: String, to out: inout [UInt8], escapeSeparators: Bool) {
        out.append(UInt8(ascii: "\""))
        if escapeSeparators {
            for scalar in value.unicodeScalars {
                let code = scalar.value
                if (0x7F...0x9F).contains(code) || code == 0x2028 || code == 0x2029 || TextRules.isBidiControl(scalar) {
                    out.append(contentsOf: "\\u".utf8)
                    Hex.append(UInt8(code >> 8), to: &out)
                    Hex.append(UInt8(code & 0xFF), to: &out)
                } else if code >= 0x20 && code < 0x80 && code != 0x22 && code != 0x5C {
                    out.append(UInt8(code))
                } else if code < 0x80 {
                    CanonicalJSONWriter.appendEscaped(CollectionOfOne(UInt8(code)), to: &out)
                } else {
                    UTF8.encode(scalar) { out.append($0) }
                }
            }
        } else {
            CanonicalJSONWriter.appendEscaped(value.utf8, to: &out)
        }
        out.append(UInt8(ascii: "\""))
    }

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.canonical == rhs.canonical }
    public func hash(into hasher: inout Hasher) { hasher.combine(canonical) }
}
