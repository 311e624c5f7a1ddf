/// The rules for the user's keys: party and body codes (`HUDDINGE`, `HUD-KF`) and decision refs
/// (`FLEMINGSBERG-2007`, `KS-2007-123`). Keys appear in commands, paths and web addresses, and people compare them
/// by eye, so they are kept to a small set in which no two keys can look alike: the Latin letters A–Z and a–z, the
/// Swedish Å, Ä, Ö, å, ä, ö as single composed characters, the digits 0–9, and a little punctuation. No other
/// script (a Cyrillic "А" looks like a Latin "A"), no combining marks (an "Å" written as "A" and a ring looks like
/// the composed one), no full-width or invisible characters, and no `/` (which a web address must escape).
public enum Identifiers {
    /// Letters, digits, `-` and `_`; 1 to 64 characters, starting with a letter or digit.
    public static func isValidCode(_ text: String) -> Bool { isKey(text, maximum: 64, also: "-_") }

    /// As a code, and also `.` and `:`; 1 to 100 characters.
    public static func isValidRef(_ text: String) -> Bool { isKey(text, maximum: 100, also: "-_.:") }

    /// 1 to `maximum` of the key characters and the `also` punctuation, starting with a letter or digit. Every
    /// allowed character is one Unicode scalar, so scalars are counted: "\r\n", one Character, is two refusals.
    private static func isKey(_ text: String, maximum: Int, also punctuation: StaticString) -> Bool {
        var count = 0
        for scalar in text.unicodeScalars {
            count += 1
            guard count <= maximum else { return false }
            if isLetterOrDigit(scalar) { continue }
            guard count > 1, scalar.isASCII else { return false }
            let byte = UInt8(scalar.value)
            guard punctuation.withUTF8Buffer({ $0.contains(byte) }) else { return false }
        }
        return count > 0
    }

    /// A–Z, a–z, 0–9, and Å Ä Ö å ä ö composed.
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        case 0xC4, 0xC5, 0xD6, 0xE4, 0xE5, 0xF6: true
        default: false
        }
    }

    /// A refused key as a message quotes it: every character outside printable ASCII and the Swedish letters
    /// shown as `\u{HEX}`, so that what makes it no key can be seen — `'HUDDING\u{415}'` (a Cyrillic Е),
    /// `'HUD\u{200D}DINGE'` (a zero-width joiner), `'A\u{30A}RSTA'` (a combining ring).
    static func shown(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if (scalar.value >= 0x20 && scalar.value < 0x7F) || isLetterOrDigit(scalar) {
                out.unicodeScalars.append(scalar)
            } else {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// What a code must be, quoting the refused `text`.
    public static func codeRule(_ text: String) -> Phrase {
        Phrase(
            sv: "'\(shown(text))' är ingen kod: använd bokstäverna A–Z och Å, Ä, Ö, siffror, - och _ "
                + "(högst 64), t.ex. HUDDINGE eller HUD-KF",
            en: "'\(shown(text))' is not a code: use the letters A–Z and Å, Ä, Ö, digits, - and _ "
                + "(at most 64), e.g. HUDDINGE or HUD-KF")
    }

    /// What a ref must be, quoting the refused `text`.
    public static func refRule(_ text: String) -> Phrase {
        Phrase(
            sv: "'\(shown(text))' är ingen beteckning: använd bokstäverna A–Z och Å, Ä, Ö, siffror och "
                + "- _ . : (högst 100), t.ex. FLEMINGSBERG-2007 eller KS-2007-123",
            en: "'\(shown(text))' is not a ref: use the letters A–Z and Å, Ä, Ö, digits and - _ . : "
                + "(at most 100), e.g. FLEMINGSBERG-2007 or KS-2007-123")
    }
}
