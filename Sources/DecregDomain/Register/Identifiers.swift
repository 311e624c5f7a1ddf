/// The rules for the user's keys: party and body codes (`HUDDINGE`, `HUD-KF`) and decision refs
/// (`FLEMINGSBERG-2007`, `KS-2007/123`). Keys appear in commands, paths and web addresses, so they are kept plain.
public enum Identifiers {
    /// Letters (also å, ä, ö), digits, `-` and `_`; 1 to 64 characters, starting with a letter or digit.
    public static func isValidCode(_ text: String) -> Bool {
        guard (1...64).contains(text.count), let first = text.first, first.isLetter || first.isNumber else {
            return false
        }
        return text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    }

    /// As a code, and also `.`, `/` and `:`; 1 to 100 characters.
    public static func isValidRef(_ text: String) -> Bool {
        guard (1...100).contains(text.count), let first = text.first, first.isLetter || first.isNumber else {
            return false
        }
        return text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:".contains($0) }
    }

    public static func codeRule(_ text: String) -> String {
        "'\(text)' is not a code: use letters, digits, - and _ (at most 64), e.g. HUDDINGE or HUD-KF"
    }

    public static func refRule(_ text: String) -> String {
        "'\(text)' is not a ref: use letters, digits and - _ . / : (at most 100), e.g. FLEMINGSBERG-2007"
    }
}
