/// The rules for the user's keys: party and body codes (`HUDDINGE`, `HUD-KF`) and decision refs
/// (`FLEMINGSBERG-2007`, `KS-2007/123`). Keys appear in commands, paths and web addresses, so they are kept plain.
public enum Identifiers {
    /// Letters (also å, ä, ö), digits, `-` and `_`; 1 to 64 characters, starting with a letter or digit.
    public static func isValidCode(_ text: String) -> Bool { isKey(text, maximum: 64, also: "-_") }

    /// As a code, and also `.`, `/` and `:`; 1 to 100 characters.
    public static func isValidRef(_ text: String) -> Bool { isKey(text, maximum: 100, also: "-_./:") }

    /// 1 to `maximum` characters, letters and digits and the `also` punctuation, starting with a letter or digit.
    private static func isKey(_ text: String, maximum: Int, also punctuation: StaticString) -> Bool {
        if let plain = asciiKey(text, maximum: maximum, also: punctuation) { return plain }
        guard (1...maximum).contains(text.count), let first = text.first, first.isLetter || first.isNumber else {
            return false
        }
        let allowed = punctuation.description
        return text.allSatisfy { $0.isLetter || $0.isNumber || allowed.contains($0) }
    }

    /// The same rule for an ASCII text, byte by byte (nil when the text is not ASCII): most keys are, and
    /// asking each character for its Unicode properties costs more than the rest of reading them.
    private static func asciiKey(_ text: String, maximum: Int, also punctuation: StaticString) -> Bool? {
        let utf8 = text.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        func isAlphanumeric(_ byte: UInt8) -> Bool {
            (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
                || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
                || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
        }
        // "\r\n" is one character, but neither a letter nor a digit: refused either way.
        guard (1...maximum).contains(utf8.count), let first = utf8.first, isAlphanumeric(first) else { return false }
        return punctuation.withUTF8Buffer { allowed in
            utf8.allSatisfy { isAlphanumeric($0) || allowed.contains($0) }
        }
    }

    public static func codeRule(_ text: String) -> String {
        "'\(text)' is not a code: use letters, digits, - and _ (at most 64), e.g. HUDDINGE or HUD-KF"
    }

    public static func refRule(_ text: String) -> String {
        "'\(text)' is not a ref: use letters, digits and - _ . / : (at most 100), e.g. FLEMINGSBERG-2007"
    }
}
