/// The most an import file may hold, so that hostile or broken input is refused with a message rather than
/// exhausting memory or time. Documented in the README.
public enum InputLimits {
    /// The longest text, in characters, a field may hold, by the field's name.
    static func maximumCharacters(_ field: String) -> Int {
        switch field {
        case "summary": return 1_000_000
        case "content_base64": return maximumAttachmentBytes / 3 * 4 + 4
        case "clauses", "note": return 10_000
        case "code", "party", "parties", "body", "currency": return 64
        case "ref", "decision": return 100
        default: return 1_000
        }
    }

    /// The largest attachment, in bytes.
    public static let maximumAttachmentBytes = 100 << 20

    /// The deepest nesting of lists and mappings.
    public static let maximumDepth = 64
}
