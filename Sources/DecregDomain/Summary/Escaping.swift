/// The one place where text becomes markup. Every text a document shows passes through one of these, so a
/// title such as `<script>alert("x")</script> & 'quotes'` is shown as written and never becomes markup.
public enum Escaping {
    /// Text for HTML element content and attribute values: `&`, `<`, `>`, `"` and `'` as character references;
    /// control characters (which HTML forbids) dropped, except tab and line breaks; a bidirectional control shown
    /// as `\u{202E}`, as on a terminal, so that it cannot reorder what the reader sees ("Belopp \u{202E}0001 kr").
    public static func html(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": break
            default:
                if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) { continue }
                if TextRules.isBidiControl(scalar) {
                    out += TextRules.visible(String(scalar))
                    continue
                }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text as a quoted CSS string: anything but letters, digits, spaces and harmless punctuation as a hex
    /// escape, so it can neither end the string nor the `<style>` element.
    public static func cssString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || plainInCSS.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\" + String(scalar.value, radix: 16) + " "
            }
        }
        return out + "\""
    }

    private static let plainInCSS = Set(" -_.,:/·()".unicodeScalars)

    /// Text for one line of Markdown (a heading, a list item, a table cell, a paragraph): line breaks and runs of
    /// white space become one space; every character CommonMark or GitHub's extensions would read as markup is
    /// backslash-escaped, so the text can neither open HTML, a link, emphasis, code, a table cell or
    /// strike-through, nor start a heading, list, quote or rule. A bidirectional control is shown as `\u{202E}`
    /// (its backslash escaped), so that it cannot reorder what the reader sees.
    public static func markdown(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var atStart = true
        var pendingSpace = false
        for character in text {
            let blank = character.asciiValue.map { $0 <= 0x20 || $0 == 0x7F }
                ?? (character.isWhitespace || character.unicodeScalars.allSatisfy(isControl))
            if blank {
                pendingSpace = true
                continue
            }
            if pendingSpace {
                out += " "
                pendingSpace = false
            }
            if let first = character.unicodeScalars.first, TextRules.isBidiControl(first) {
                // Shown, not obeyed, as `\u{202E}` with its backslash escaped. A bidirectional control is a
                // Character of its own (it breaks graphemes as a control does).
                out += "\\" + TextRules.visible(String(character))
                atStart = false
                continue
            }
            // Every mark Markdown reads is an ASCII scalar, and it reads one wherever it stands in a Character: after
            // a prepended U+0600 as before a combining U+0301. Each is escaped, scalar by scalar.
            if let byte = character.asciiValue {
                if isInlineMarkup(byte) || (atStart && isBlockStart(byte)) { out += "\\" }
                out.append(character)
            } else {
                for (index, scalar) in character.unicodeScalars.enumerated() {
                    if scalar.isASCII, isInlineMarkup(UInt8(scalar.value))
                        || (atStart && index == 0 && isBlockStart(UInt8(scalar.value)))
                    {
                        out += "\\"
                    }
                    out.unicodeScalars.append(scalar)
                }
            }
            atStart = false
        }
        if pendingSpace { out += " " }
        return escapingOrderedListStart(out)
    }

    /// A code span holding `text` as written: fenced with more backticks than any run inside it; a control or a
    /// bidirectional control shown as `TextRules.visible` shows it (a backslash is plain text in a code span).
    public static func markdownCode(_ text: String) -> String {
        let flat = TextRules.visible(text.split(whereSeparator: \.isNewline).joined(separator: " "))
        var longest = 0
        var run = 0
        for character in flat {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
        return fence + padding + flat + padding + fence
    }

    /// Characters that open inline markup anywhere: HTML and entities, links and images, emphasis, code, table
    /// cells, strike-through, math (GitHub's `$`), a heading's closing `#`, and the escape itself.
    private static func isInlineMarkup(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "["),
            UInt8(ascii: "]"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "`"), UInt8(ascii: "|"),
            UInt8(ascii: "~"), UInt8(ascii: "$"), UInt8(ascii: "#"):
            true
        default: false
        }
    }

    /// Characters that start a block when they open a line: lists, rules, setext underlines.
    private static func isBlockStart(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "=")
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// `2007. …` or `1) …` at the start would open an ordered list: escape the mark after the digits.
    private static func escapingOrderedListStart(_ text: String) -> String {
        let space = text.prefix(while: { $0 == " " })
        let digits = text.dropFirst(space.count).prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, digits.count <= 9 else { return text }
        let rest = text.dropFirst(space.count + digits.count)
        guard let mark = rest.first, mark == "." || mark == ")" else { return text }
        return space + digits + "\\" + rest
    }
}
