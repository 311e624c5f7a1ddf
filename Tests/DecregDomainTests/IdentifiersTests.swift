import DecregDomain
import Testing

/// Codes and refs: the Latin letters with Swedish Å, Ä, Ö composed, digits and a little punctuation, so that no two
/// keys can look alike.
@Suite("Codes and refs")
struct IdentifiersTests {
    @Test("A code or ref is allowed exactly as the rules say, in ASCII and in Swedish letters", arguments: [
        // text, a valid code?, a valid ref?
        ("HUDDINGE", true, true), ("HÖGSKOLAN", true, true),
        ("HUD-KF", true, true), ("HÖG_1", true, true), ("9A", true, true), ("9Å", true, true),
        ("", false, false), ("-A", false, false), ("-Å", false, false), ("_A", false, false), ("_Å", false, false),
        ("A.B", false, true), ("Å.B", false, true), ("KS-2007-123", true, true), ("KS-2007-12:Å", false, true),
        // A slash needs escaping in a web address; look-alikes from other scripts, decomposed letters, full-width
        // and invisible characters are refused.
        ("KS-2007/123", false, false), ("HUDDING\u{415}", false, false), ("A\u{30A}", false, false),
        ("\u{FF28}UDDINGE", false, false), ("HUD\u{200D}DINGE", false, false), ("É", false, false),
        ("a/../b", false, false), ("A\u{202E}B", false, false),
        ("A B", false, false), ("Å B", false, false), ("A+B", false, false), ("Å+B", false, false),
        ("A\r\nB", false, false), ("Å\r\nB", false, false), (".A", false, false), (".Å", false, false),
        ("a\u{301}", false, false), ("\u{C5}", true, true),
        (String(repeating: "A", count: 64), true, true), (String(repeating: "Å", count: 64), true, true),
        (String(repeating: "A", count: 65), false, true), (String(repeating: "Å", count: 65), false, true),
        (String(repeating: "A", count: 100), false, true), (String(repeating: "Å", count: 100), false, true),
        (String(repeating: "A", count: 101), false, false), (String(repeating: "Å", count: 101), false, false),
    ])
    func rules(text: String, code: Bool, ref: Bool) {
        #expect(Identifiers.isValidCode(text) == code)
        #expect(Identifiers.isValidRef(text) == ref)
    }
}

@Suite("Texts people type")
struct TextRulesTests {
    @Test("One-line texts are composed and refuse line breaks, controls and bidi controls, naming the character")
    func singleLine() throws {
        #expect(try TextRules.singleLine("A\u{30A}rsta", field: nil) == "\u{C5}rsta")
        #expect(try TextRules.singleLine("Älvsjö, Åre och Ærø", field: nil) == "Älvsjö, Åre och Ærø")
        // Above U+0300 the text is normalised: a ring after Å's own letter, Hangul jamo, a Greek tonos.
        #expect(try TextRules.singleLine("Ö\u{308}", field: nil) == "Ö\u{308}")
        #expect(try TextRules.singleLine("\u{1100}\u{1161}", field: nil) == "\u{AC00}")
        #expect(try TextRules.freeText("\u{3B1}\u{301}\r\nA\u{30A}", field: nil) == "\u{3AC}\nÅ")
        #expect(throws: Refusal(
            sv: "texten innehåller ett dubbelriktat styrtecken U+202E, som inte är tillåtet på en rad: skriv om den "
                + "utan det tecknet",
            en: "the text holds a bidirectional control U+202E, which is not allowed in one line: retype it without "
                + "that character", field: "--title")) {
            try TextRules.singleLine("Belopp \u{202E}0001 kr", field: "--title")
        }
        for bad in ["a\nb", "a\rb", "\u{1B}[2J", "a\u{7}", "a\u{85}b", "a\u{9B}b", "a\u{2028}b", "\u{2066}x"] {
            #expect(throws: Refusal.self) { try TextRules.singleLine(bad, field: nil) }
        }
    }

    @Test("Free texts keep their lines and tabs, turn CR LF into LF, and refuse other controls")
    func freeText() throws {
        #expect(try TextRules.freeText("rad ett\r\nrad\ttvå", field: nil) == "rad ett\nrad\ttvå")
        for bad in ["a\rb", "\u{1B}]0;x\u{7}", "a\u{0}b", "\u{202D}x"] {
            #expect(throws: Refusal.self) { try TextRules.freeText(bad, field: nil) }
        }
    }

    @Test("Controls are shown as escapes, so a message cannot steer a terminal")
    func visible() {
        #expect(TextRules.visible("A\u{1B}[2J\nB\u{202E}") == "A\\u{1B}[2J\\nB\\u{202E}")
    }
}
