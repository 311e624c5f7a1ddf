import Foundation

/// The rules for the texts people type: checked once, when a change is made, whatever way it comes in. Texts are
/// stored in Unicode's composed form (NFC), so "Å" typed as "A" and a combining ring is the same text as "Å".
/// Control characters and the bidirectional controls are refused: they can hide or reorder what a reader sees
/// ("Belopp \u{202E}0001 kr" shows as "Belopp rk 1000"), clear a terminal, or forge a table row.
public enum TextRules {
    /// A text of one line (a title, a name, a clause, a minutes paragraph, a reference), in NFC; refuses line
    /// breaks, other controls and bidirectional controls. `field` names where it was given.
    public static func singleLine(_ text: String, field: String?) throws(Refusal) -> String {
        let composed = self.composed(text)
        if let bad = composed.unicodeScalars.first(where: { isControl($0) || isLineBreak($0) || isBidiControl($0) }) {
            let character = name(bad)
            throw Refusal(
                sv: "texten innehåller \(character.sv), som inte är tillåtet på en rad: skriv om den utan det tecknet",
                en: "the text holds \(character.en), which is not allowed in one line: retype it without that "
                    + "character",
                field: field)
        }
        return composed
    }

    /// A text of several lines (a summary, a note), in NFC with line breaks as "\n"; refuses other controls
    /// (a tab is allowed) and bidirectional controls.
    public static func freeText(_ text: String, field: String?) throws(Refusal) -> String {
        let composed = self.composed(text.contains("\r\n") ? text.replacingOccurrences(of: "\r\n", with: "\n") : text)
        if let bad = composed.unicodeScalars.first(where: {
            ($0 != "\n" && $0 != "\t" && isControl($0)) || $0 == "\r" || isBidiControl($0)
        }) {
            let character = name(bad)
            throw Refusal(
                sv: "texten innehåller \(character.sv), som inte är tillåtet: skriv om den utan det tecknet",
                en: "the text holds \(character.en), which is not allowed: retype it without that character",
                field: field)
        }
        return composed
    }

    /// The text in NFC. A text of characters below U+0300 (Latin, with Å, Ä, Ö and the other precomposed letters
    /// of Latin-1 and Latin Extended) is in NFC as it is: composition begins with the combining marks at U+0300. So
    /// the usual Swedish or English text is taken as it is, without the cost of normalising it.
    static func composed(_ text: String) -> String {
        text.unicodeScalars.allSatisfy { $0.value < 0x300 } ? text : text.precomposedStringWithCanonicalMapping
    }

    /// C0 and C1 controls and DEL.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0x85
    }

    /// The bidirectional formatting characters: marks, embeddings, overrides and isolates.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A character named so a person can find it: `U+202E (a right-to-left override)`, `a line break`.
    static func name(_ scalar: Unicode.Scalar) -> Phrase {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        if scalar == "\n" || scalar == "\r" {
            return Phrase(sv: "en radbrytning (\(code))", en: "a line break (\(code))")
        }
        if scalar == "\t" { return Phrase(sv: "en tabb (\(code))", en: "a tab (\(code))") }
        if isBidiControl(scalar) {
            return Phrase(sv: "ett dubbelriktat styrtecken \(code)", en: "a bidirectional control \(code)")
        }
        return Phrase(sv: "styrtecknet \(code)", en: "the control character \(code)")
    }

    /// The text with every control, line break and bidirectional control shown as `\u{…}`, for messages and
    /// terminal output that must not be steered by what it shows.
    public static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) || isLineBreak(scalar) || isBidiControl(scalar) {
                out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

// The texts of each kind of item, as a change records them: composed, and refused when they hold what a reader
// cannot see. Applied by the operations, so every way in that builds one meets them.

extension HandlingStep {
    /// The step with its texts checked.
    public func checkedTexts() throws(Refusal) -> HandlingStep {
        var step = self
        step.minutes = try minutes.map { (text) throws(Refusal) in try TextRules.singleLine(text, field: "--minutes") }
        step.note = try note.map { (text) throws(Refusal) in try TextRules.freeText(text, field: "--note") }
        return step
    }
}

extension Signatory {
    /// The signatory with its texts checked.
    public func checkedTexts() throws(Refusal) -> Signatory {
        var signatory = self
        signatory.name = try TextRules.singleLine(name, field: "--name")
        signatory.title = try title.map { (text) throws(Refusal) in try TextRules.singleLine(text, field: "--title") }
        return signatory
    }
}

extension Attachment {
    /// The attachment with its label and title checked.
    public func checkedTexts() throws(Refusal) -> Attachment {
        var attachment = self
        attachment.label = try TextRules.singleLine(label, field: "--label")
        attachment.title = try title.map { (text) throws(Refusal) in try TextRules.singleLine(text, field: "--title") }
        return attachment
    }
}

extension DecisionCorrection {
    /// The correction with its texts checked.
    public func checkedTexts() throws(Refusal) -> DecisionCorrection {
        var correction = self
        correction.title = try title.map { (text) throws(Refusal) in try TextRules.singleLine(text, field: "--title") }
        correction.summary = try summary.map { (text) throws(Refusal) in try TextRules.freeText(text, field: "--summary") }
        correction.clauses = try clauses.map { (clauses) throws(Refusal) in
            var checked: [String] = []
            for clause in clauses { checked.append(try TextRules.singleLine(clause, field: "--clause")) }
            return checked
        }
        var numbers: [CaseNumber] = []
        for number in caseNumbers {
            numbers.append(
                CaseNumber(party: number.party, number: try TextRules.singleLine(number.number, field: "--case-number")))
        }
        correction.caseNumbers = numbers
        return correction
    }
}
