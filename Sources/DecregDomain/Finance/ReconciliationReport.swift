/// Reconciliation findings as text for a terminal, grouped by decision, one line per finding, its texts shown as
/// `TextRules.visible` shows them.
///
/// Written as the findings come (`lines(for:)`, then `closing()`), so that a whole register's millions of open
/// items are never held at once.
public struct ReconciliationReport {
    public let language: Language
    private var current: String?
    private var discrepancies = 0
    private var open = 0

    public init(language: Language) {
        self.language = language
    }

    /// The next finding's line, headed by its decision's ref when it is the first of that decision.
    public mutating func lines(for finding: Finding) -> String {
        var out = ""
        if finding.decision != current {
            if current != nil { out += "\n" }
            out += TextRules.visible(finding.decision) + "\n"
            current = finding.decision
        }
        if finding.kind.isDiscrepancy { discrepancies += 1 } else { open += 1 }
        let mark = finding.kind.isDiscrepancy ? "✗" : "·"
        let kind = Vocabulary.finding(finding.kind, language)
        out += "  \(mark) \(finding.year)  \(TextRules.visible(finding.sentence(language)))  [\(kind)]\n"
        return out
    }

    /// The verdict, with the counts of what came before.
    public func closing() -> String {
        var out = current == nil ? "" : "\n"
        switch language {
        case .en: out += discrepancies == 0 ? "Balanced: every split, adoption and payment adds up" : "Not balanced"
        case .sv:
            out += discrepancies == 0 ? "Balanserat: alla fördelningar, beslut och betalningar stämmer" : "Inte balanserat"
        }
        let counts = [Vocabulary.count(discrepancies, .discrepancy, language), Vocabulary.count(open, .openItem, language)]
        out += " — \(counts.joined(separator: ", "))\n"
        return out
    }
}

/// Reconciliation findings as one JSON object, `{"balanced", "discrepancies": […], "open": […]}`, pretty-printed
/// and written as the findings come. The findings must come discrepancies first: whether the register is balanced
/// is then known from the first one.
public struct ReconciliationJSON {
    private enum Place { case start, discrepancies, open }
    private var place = Place.start
    /// Whether the array being written holds a finding already.
    private var needsComma = false

    public init() {}

    /// The bytes that put `finding` in its array.
    public mutating func add(_ finding: Finding) -> [UInt8] {
        var out: [UInt8] = []
        switch (place, finding.kind.isDiscrepancy) {
        case (.start, true):
            out += Array("{\n  \"balanced\": false,\n  \"discrepancies\": [".utf8)
            place = .discrepancies
        case (.start, false):
            out += Array("{\n  \"balanced\": true,\n  \"discrepancies\": [],\n  \"open\": [".utf8)
            place = .open
        case (.discrepancies, false):
            out += Array("\n  ],\n  \"open\": [".utf8)
            place = .open
            needsComma = false
        case (.discrepancies, true), (.open, false):
            break
        case (.open, true):
            preconditionFailure("ReconciliationJSON: a discrepancy came after the open items")
        }
        if needsComma { out.append(UInt8(ascii: ",")) }
        needsComma = true
        out += Array("\n    ".utf8)
        out += finding.json.renderedBytes(pretty: true, indent: 2)
        return out
    }

    /// The bytes that close the object, and a line end.
    public func finish() -> [UInt8] {
        switch place {
        case .start: Array("{\n  \"balanced\": true,\n  \"discrepancies\": [],\n  \"open\": []\n}\n".utf8)
        case .discrepancies: Array("\n  ],\n  \"open\": []\n}\n".utf8)
        case .open: Array("\n  ]\n}\n".utf8)
        }
    }
}
