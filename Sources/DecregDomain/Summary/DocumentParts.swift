/// Pieces both summaries and reports are made of: names, amounts, reconciliation findings, the audit footer.
struct DocumentParts {
    var language: Language
    private var partyNames: [String: String]
    private var bodyNames: [String: String]

    init(language: Language, parties: [Party], bodies: [Body] = []) {
        self.language = language
        partyNames = Dictionary(parties.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        bodyNames = Dictionary(bodies.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }

    func word(_ key: Vocabulary.Word) -> String { Vocabulary.word(key, language) }

    /// `Huddinge kommun (HUDDINGE)`, or the code alone when the register has no name for it.
    func party(_ code: String) -> String {
        partyNames[code].map { "\($0) (\(code))" } ?? code
    }

    /// The body's name: `Kommunfullmäktige i Huddinge`.
    func body(_ code: String) -> String { bodyNames[code] ?? code }

    /// Amounts summed per currency, `1 000 kr; EUR 20` style, the given currency first; zero amounts in other
    /// currencies left out. Never adds currencies together.
    func amounts(_ values: [Money], in currency: Currency) -> String {
        var sums: [Currency: Int64] = [currency: 0]
        for value in values { sums[value.currency, default: 0] &+= value.minorUnits }
        let others = sums.keys.filter { $0 != currency && sums[$0] != 0 }.sorted()
        return ([currency] + others).map { Money(minorUnits: sums[$0]!, currency: $0).formatted(language) }
            .joined(separator: "; ")
    }

    /// `–` where there is no figure.
    func amounts(_ values: [Money]?, in currency: Currency) -> String {
        values.map { amounts($0, in: currency) } ?? "–"
    }

    /// Discrepancies, then open items, each stated as a sentence; `withReference` names the decision of each.
    func reconciliation(_ findings: [Finding], withReference: Bool) -> [Document.Block] {
        guard !findings.isEmpty else { return [.paragraph([.text(word(.allBalanced))])] }
        func item(_ finding: Finding) -> Inlines {
            let sentence = Self.capitalised(finding.sentence(language)) + "."
            return withReference ? [.strong(finding.decision), .text(": " + sentence)] : [.text(sentence)]
        }
        let discrepancies = findings.filter(\.kind.isDiscrepancy)
        let open = findings.filter { !$0.kind.isDiscrepancy }
        var blocks: [Document.Block] = []
        if discrepancies.isEmpty {
            blocks.append(.paragraph([.text(word(.noDiscrepancies))]))
        } else {
            blocks.append(.notice([.text(notBalanced(discrepancies.count))]))
            blocks.append(.subheading(word(.discrepancies)))
            blocks.append(.bulletList(discrepancies.map(item)))
        }
        if !open.isEmpty {
            blocks.append(.subheading(word(.openItems)))
            blocks.append(.bulletList(open.map(item)))
        }
        return blocks
    }

    /// `Inte balanserat: 1 avvikelse.`
    private func notBalanced(_ count: Int) -> String {
        switch language {
        case .sv: "Inte balanserat: \(count) \(count == 1 ? "avvikelse" : "avvikelser")."
        case .en: "Not balanced: \(count) \(count == 1 ? "discrepancy" : "discrepancies")."
        }
    }

    /// The audit head the document was read at, and the command that later proves the state is still on record.
    func footer(_ head: AuditStamp?) -> [Inlines] {
        guard let head else { return [[.text(word(.printedFrom) + " " + word(.emptyTrail))]] }
        return [
            [.text(word(.printedFrom) + " " + word(.auditHeadAtPrinting) + " "), .code("\(head.seq) \(head.hash)")],
            [.text(word(.checkLater) + " "), .code("decreg audit verify --head \(head.seq):\(head.hash)")],
        ]
    }

    /// `1 234 byte`, `1,234 bytes`.
    func size(_ bytes: Int) -> String {
        Money.grouped(UInt64(max(0, bytes)), separator: language == .sv ? " " : ",") + " " + word(.bytes)
    }

    static func capitalised(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst()
    }
}
