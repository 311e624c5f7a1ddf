import DecregDomain
import Testing

/// Codes and refs are checked byte by byte when they are ASCII and character by character otherwise; each case
/// comes in both forms where it can, so the two paths are held to the same answers.
@Suite("Codes and refs")
struct IdentifiersTests {
    @Test("A code or ref is allowed exactly as the rules say, in ASCII and in Swedish letters", arguments: [
        // text, a valid code?, a valid ref?
        ("HUDDINGE", true, true), ("HÖGSKOLAN", true, true),
        ("HUD-KF", true, true), ("HÖG_1", true, true), ("9A", true, true), ("9Å", true, true),
        ("", false, false), ("-A", false, false), ("-Å", false, false), ("_A", false, false), ("_Å", false, false),
        ("A.B", false, true), ("Å.B", false, true), ("KS-2007/123", false, true), ("KS-2007/12:Å", false, true),
        ("A B", false, false), ("Å B", false, false), ("A+B", false, false), ("Å+B", false, false),
        ("A\r\nB", false, false), ("Å\r\nB", false, false), (".A", false, false), (".Å", false, false),
        ("a\u{301}", true, true),
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
