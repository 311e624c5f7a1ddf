import Foundation

/// The rules for the texts people type: checked once, when a change is made, whatever way it comes in. Texts are
/// stored in Unicode's composed form (NFC), so "Å" typed as "A" and a combining ring is the same text as "Å".
/// Control characters and the bidirectional controls are refused: they can hide or reorder what a reader sees
/// ("Belopp \u{202E}0001 kr" shows as "Belopp rk 1000"), clear a terminal, or forge a table row.
public enum TextRules {
    /// A text of one line (a title, a name, a clause, a minutes paragraph, a reference), in NFC; refuses line
    /// breaks, other controls and bidirectional controls. `field` names where it was given.
    public static func singleLine(_ text: String, field: String?) throws(Refusal) -> String {
        if isPlain(text, lines: false) { return text }
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
        if isPlain(text, lines: true) { return text }
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

    /// Checks a one-line text as `singleLine` does, keeping a refusal in `refusals` (named by `field`, which is
    /// spelt out only then) and going on, so that one run names every problem of an entity.
    public static func singleLine(
        _ text: String, field: @autoclosure () -> String, into refusals: inout [Refusal]
    ) -> String {
        do { return try singleLine(text, field: nil) } catch {
            refusals.append(Refusal(error.phrase, field: field()))
            return text
        }
    }

    /// Checks a text of several lines as `freeText` does, keeping a refusal in `refusals` and going on.
    public static func freeText(
        _ text: String, field: @autoclosure () -> String, into refusals: inout [Refusal]
    ) -> String {
        do { return try freeText(text, field: nil) } catch {
            refusals.append(Refusal(error.phrase, field: field()))
            return text
        }
    }

    /// Whether a text is, as it is, one the rules take: printable ASCII and the letters of Latin-1 and Latin
    /// Extended (below U+0300, so in NFC already), without a control or a bidirectional control; a text of
    /// several `lines` may hold line feeds and tabs. One pass over the UTF-8, with nothing decoded, for the texts
    /// of an import of many decisions; the rest take the long way.
    static func isPlain(_ text: String, lines: Bool) -> Bool {
        let plain = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var afterC2 = false
            for byte in bytes {
                if byte >= 0x20 && byte < 0x7F { continue }
                if byte < 0x20 {
                    guard lines, byte == 0x0A || byte == 0x09 else { return false }
                    continue
                }
                switch byte {
                case 0x80...0xBF:
                    // A continuation byte: after 0xC2 it ends U+0080–U+00BF, of which U+0080–U+009F are the C1
                    // controls.
                    if afterC2 && byte < 0xA0 { return false }
                    afterC2 = false
                    continue
                case 0xC2:
                    afterC2 = true
                    continue
                case 0xC3...0xCB: continue
                default: return false  // DEL, and anything from U+0300 on
                }
            }
            return true
        }
        return plain ?? false
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

    /// The text with every control, line break and bidirectional control shown visibly, for messages and terminal
    /// output that must not be steered by what it shows: a line feed as `\n`, a carriage return as `\r`, a tab as
    /// `\t`, any other as `\u{HEX}` (ESC as `\u{1B}`, a right-to-left override as `\u{202E}`). The characters
    /// in `keeping` (such as "\n" for text that is several lines by design) are left as they are. A backslash is
    /// left as it is: the notation only has to keep a text from steering the terminal, not to be read back.
    public static func visible(_ text: String, keeping: String = "") -> String {
        guard mayHoldInvisible(text) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            guard isControl(scalar) || isLineBreak(scalar) || isBidiControl(scalar),
                !keeping.unicodeScalars.contains(scalar)
            else {
                out.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default: out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
            }
        }
        return out
    }

    /// Whether a text may hold what `visible` shows: a C0 control or DEL, a byte that starts U+0080–U+009F, or
    /// the first byte of U+061C or of U+2000–U+2FFF (the bidirectional controls and the line separators). One
    /// pass over the UTF-8, so the usual text of a table cell is written as it is.
    static func mayHoldInvisible(_ text: String) -> Bool {
        let found = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var afterC2 = false
            for byte in bytes {
                if afterC2 {
                    if byte < 0xA0 { return true }
                    afterC2 = false
                    continue
                }
                switch byte {
                case 0x00...0x1F, 0x7F, 0xD8, 0xE2: return true
                case 0xC2: afterC2 = true
                default: continue
                }
            }
            return false
        }
        return found ?? true
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

// The texts of each kind of item, as a change records them: composed, and refused when they hold what a reader
// cannot see. Applied once for every way in: by the operations (a command's change), and by the register when it
// adds a party, body, decision or payment (`party add`, `body add`, `decision add`, `decision new`, an import).
// `field` names a field where the item stands in its input: `--note` on the command line, `decisions[2].steps[0].note`
// in an import file; it is spelt out only for a problem. Every problem is kept, so one run names them all.

extension TextRules {
    /// A field named as its command-line option: `media_type` as `--media-type`.
    public static func option(_ field: String) -> String { "--" + field.replacingOccurrences(of: "_", with: "-") }

    /// Runs `check` on a list of refusals and throws the first, for a command that names one problem.
    public static func first<Checked>(_ check: (inout [Refusal]) -> Checked) throws(Refusal) -> Checked {
        var refusals: [Refusal] = []
        let checked = check(&refusals)
        if let first = refusals.first { throw first }
        return checked
    }
}

extension Optional<String> {
    /// The text checked as one line, when there is one.
    fileprivate func line(_ field: @autoclosure () -> String, _ refusals: inout [Refusal]) -> String? {
        map { TextRules.singleLine($0, field: field(), into: &refusals) }
    }
}

extension Party {
    /// The party with its name checked.
    public func checkedTexts(field: (String) -> String, refusals: inout [Refusal]) -> Party {
        var party = self
        party.name = TextRules.singleLine(name, field: field("name"), into: &refusals)
        return party
    }
}

extension Body {
    /// The body with its name checked.
    public func checkedTexts(field: (String) -> String, refusals: inout [Refusal]) -> Body {
        var body = self
        body.name = TextRules.singleLine(name, field: field("name"), into: &refusals)
        return body
    }
}

extension Payment {
    /// The payment with its reference and the reason it was withdrawn checked.
    public func checkedTexts(field: (String) -> String, refusals: inout [Refusal]) -> Payment {
        var payment = self
        payment.reference = reference.line(field("reference"), &refusals)
        payment.withdrawn = withdrawn.line(field("withdrawn"), &refusals)
        return payment
    }
}

extension Decision {
    /// The decision with every text it holds checked: its title, background, clauses, case numbers, and the
    /// texts of its funding, steps, signatories and attachments, with the reasons any of them was withdrawn.
    /// `field` names a field as an import file does: `title`, `clauses[2]`, `steps[0].note`.
    public func checkedTexts(field: (String) -> String, refusals: inout [Refusal]) -> Decision {
        var decision = self
        decision.title = TextRules.singleLine(title, field: field("title"), into: &refusals)
        decision.summary = summary.map { TextRules.freeText($0, field: field("summary"), into: &refusals) }
        decision.withdrawn = withdrawn.line(field("withdrawn"), &refusals)
        // A list is written only where a text changed (was composed), so the usual decision is not copied.
        for (index, clause) in clauses.enumerated() {
            let checked = TextRules.singleLine(clause, field: field("clauses[\(index)]"), into: &refusals)
            if checked != clause { decision.clauses[index] = checked }
        }
        for (index, number) in caseNumbers.enumerated() {
            let checked = TextRules.singleLine(
                number.number, field: field("case_numbers.\(number.party)"), into: &refusals)
            if checked != number.number { decision.caseNumbers[index].number = checked }
        }
        for (index, year) in funding.enumerated() where year.withdrawn != nil {
            let checked = year.withdrawn.line(field("funding[\(index)].withdrawn"), &refusals)
            if checked != year.withdrawn { decision.funding[index].withdrawn = checked }
        }
        for (index, step) in steps.enumerated() {
            let checked = step.checkedTexts(field: { field("steps[\(index)].\($0)") }, refusals: &refusals)
            if checked != step { decision.steps[index] = checked }
        }
        for (index, signatory) in signatories.enumerated() {
            let checked = signatory.checkedTexts(
                field: { field("signatories[\(index)].\($0)") }, refusals: &refusals)
            if checked != signatory { decision.signatories[index] = checked }
        }
        for (index, appeal) in appeals.enumerated() {
            let checked = appeal.checkedTexts(field: { field("appeals[\(index)].\($0)") }, refusals: &refusals)
            if checked != appeal { decision.appeals[index] = checked }
        }
        for (index, attachment) in attachments.enumerated() {
            let checked = attachment.checkedTexts(
                field: { field("attachments[\(index)].\($0)") }, refusals: &refusals)
            if checked.label != attachment.label || checked.title != attachment.title
                || checked.mediaType != attachment.mediaType || checked.withdrawn != attachment.withdrawn
            {
                decision.attachments[index] = checked
            }
        }
        return decision
    }
}

extension HandlingStep {
    /// The step with its texts checked, each named as its option (`--minutes`, `--note`).
    public func checkedTexts() throws(Refusal) -> HandlingStep {
        try TextRules.first { checkedTexts(field: TextRules.option, refusals: &$0) }
    }

    /// The step with its minutes paragraph, note and the reason it was withdrawn checked.
    public func checkedTexts(field: (String) -> String, refusals: inout [Refusal]) -> HandlingStep {
        var step = self
        step.minutes = minutes.line(field("minutes"), &refusals)
        step.note = note.map { TextRules.freeText($0, field: field("note"), into: &refusals) }
        step.withdrawn = withdrawn.line(field("withdrawn"), &refusals)
        return step
    }
}

extension Appeal {
    /// The appeal with its texts checked, each named as its option (`--court`, `--case`).
    public func checkedTexts() throws(Refusal) -> Appeal {
        try TextRules.first { checkedTexts(field: { TextRules.option($0 == "case_number" ? "case" : $0) }, refusals: &$0) }
    }

    /// The appeal with its court and case number checked.
    public func checkedTexts(field: (String) -> String, refusals: inout [Refusal]) -> Appeal {
        var appeal = self
        // An empty court or case number is none given.
        appeal.court = court.line(field("court"), &refusals).flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 }
        appeal.caseNumber = caseNumber.line(field("case_number"), &refusals)
            .flatMap { $0.trimmingSpaces().isEmpty ? nil : $0 }
        return appeal
    }
}

extension Signatory {
    /// The signatory with its texts checked, each named as its option (`--name`, `--title`).
    public func checkedTexts() throws(Refusal) -> Signatory {
        try TextRules.first { checkedTexts(field: TextRules.option, refusals: &$0) }
    }

    /// The signatory with its name, title and the reason it was withdrawn checked.
    public func checkedTexts(field: (String) -> String, refusals: inout [Refusal]) -> Signatory {
        var signatory = self
        signatory.name = TextRules.singleLine(name, field: field("name"), into: &refusals)
        signatory.title = title.line(field("title"), &refusals)
        signatory.withdrawn = withdrawn.line(field("withdrawn"), &refusals)
        return signatory
    }
}

extension Attachment {
    /// The attachment with its label and title checked, each named as its option (`--label`, `--title`).
    public func checkedTexts() throws(Refusal) -> Attachment {
        try TextRules.first { checkedTexts(field: TextRules.option, refusals: &$0) }
    }

    /// The attachment with its label, title, media type and the reason it was withdrawn checked.
    public func checkedTexts(field: (String) -> String, refusals: inout [Refusal]) -> Attachment {
        var attachment = self
        attachment.label = TextRules.singleLine(label, field: field("label"), into: &refusals)
        attachment.title = title.line(field("title"), &refusals)
        attachment.mediaType = TextRules.singleLine(mediaType, field: field("media_type"), into: &refusals)
        attachment.withdrawn = withdrawn.line(field("withdrawn"), &refusals)
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
