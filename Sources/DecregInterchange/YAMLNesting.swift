/// Measures how deeply YAML text nests before the parser sees it: the parser recurses once per level, and a file
/// of a hundred thousand `[` (or `- - - …`) would exhaust the stack. Flow nesting counts `[` and `{`; block
/// nesting counts the width of a line's indentation and leading `- `, allowed up to four columns a level.
enum YAMLNesting {
    /// The line where nesting first exceeds `limit`, or nil. Quoted texts and comments are passed over.
    static func lineExceeding(_ limit: Int, in data: some Collection<UInt8>) -> Int? {
        var depth = 0
        var line = 1
        var quote: UInt8? = nil
        var comment = false
        var previous: UInt8 = UInt8(ascii: " ")
        var indentation = 0
        var atLineStart = true
        for byte in data {
            if atLineStart {
                if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "\t") {
                    indentation += 1
                    if indentation > limit * 4 { return line }
                } else {
                    atLineStart = false
                }
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
                comment = false
                atLineStart = true
                indentation = 0
                if quote == UInt8(ascii: "'") { quote = nil }
            } else if comment {
            } else if let open = quote {
                if byte == open && previous != UInt8(ascii: "\\") { quote = nil }
            } else {
                switch byte {
                case UInt8(ascii: "#") where previous == UInt8(ascii: " ") || previous == UInt8(ascii: "\t"):
                    comment = true
                case UInt8(ascii: "\""), UInt8(ascii: "'"):
                    if [UInt8(ascii: " "), UInt8(ascii: "["), UInt8(ascii: "{"), UInt8(ascii: ","), UInt8(ascii: ":")]
                        .contains(previous)
                    {
                        quote = byte
                    }
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    depth += 1
                    if depth > limit { return line }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    depth = max(0, depth - 1)
                default: break
                }
            }
            previous = byte
        }
        return nil
    }
}
