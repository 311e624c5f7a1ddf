/// Reconciliation findings as text for a terminal, grouped by decision, one line per finding.
public struct ReconciliationReport {
    public var findings: [Finding]
    public var language: Language

    public init(findings: [Finding], language: Language) {
        self.findings = findings
        self.language = language
    }

    public func rendered() -> String {
        let discrepancies = findings.filter(\.kind.isDiscrepancy).count
        let open = findings.count - discrepancies
        var out = ""
        var current: String?
        for finding in findings {
            if finding.decision != current {
                if current != nil { out += "\n" }
                out += finding.decision + "\n"
                current = finding.decision
            }
            let mark = finding.kind.isDiscrepancy ? "✗" : "·"
            out += "  \(mark) \(finding.year)  \(finding.sentence(language))  [\(finding.kind.rawValue)]\n"
        }
        if !findings.isEmpty { out += "\n" }
        switch language {
        case .en:
            out += discrepancies == 0 ? "Balanced: every split, adoption and payment adds up" : "Not balanced"
            out += " — \(discrepancies) \(discrepancies == 1 ? "discrepancy" : "discrepancies"), \(open) open \(open == 1 ? "item" : "items")\n"
        case .sv:
            out += discrepancies == 0 ? "Balanserat: alla fördelningar, beslut och betalningar stämmer" : "Inte balanserat"
            out += " — \(discrepancies) \(discrepancies == 1 ? "avvikelse" : "avvikelser"), \(open) \(open == 1 ? "öppen post" : "öppna poster")\n"
        }
        return out
    }
}
