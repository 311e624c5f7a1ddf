extension DecisionSummary {
    /// The summary laid out as a Swedish decision document (beslutsunderlag) reads: addressees and parties, the
    /// title, date and case numbers, the proposed decision, the background, then what the register adds —
    /// funding with adopted and paid, the handling so far, reconciliation — signatories, attachments, and the
    /// audit head it was printed at.
    public func document(_ language: Language) -> Document {
        let parts = DocumentParts(language: language, parties: parties, bodies: bodies)
        var document = Document(
            language: language, kicker: "\(parts.word(.summaryKicker)) · \(decision.ref)", title: decision.title,
            fields: fields(parts), footer: parts.footer(auditHead))
        document.sections.append(
            Document.Section(
                parts.word(.proposedDecision), keepTogether: true,
                [.orderedList(decision.clauses.map { [.text($0)] })]))
        if let summary = decision.summary, !summary.trimmingSpaces().isEmpty {
            document.sections.append(Document.Section(parts.word(.background), PlainText.blocks(summary)))
        }
        if !decision.funding.isEmpty {
            document.sections.append(Document.Section(parts.word(.funding), funding(parts)))
        }
        let short = Document.Section.shortRows
        document.sections.append(
            Document.Section(parts.word(.handling), keepTogether: decision.steps.count <= short, handling(parts)))
        if !finality.isEmpty && decision.withdrawn == nil {
            document.sections.append(Document.Section(parts.word(.finality), keepTogether: true, finalityBlocks(parts)))
        }
        let reconciliation: [Document.Block] =
            decision.withdrawn == nil
            ? parts.reconciliation(findings, withReference: false) : [.paragraph([.text(parts.word(.notReconciled))])]
        document.sections.append(
            Document.Section(parts.word(.reconciliation), keepTogether: findings.count <= short, reconciliation))
        if !decision.signatories.isEmpty {
            document.sections.append(
                Document.Section(
                    parts.word(.signatories), keepTogether: true,
                    [.bulletList(decision.signatories.map { [.text(signatory($0, parts))] })]))
        }
        if !decision.attachments.isEmpty {
            document.sections.append(
                Document.Section(
                    parts.word(.attachments), keepTogether: decision.attachments.count <= short,
                    [.table(attachments(parts))]))
        }
        document.sections.append(Document.Section(parts.word(.logProof), keepTogether: true, proofBlocks(parts)))
        return document
    }

    /// Each party's adoption and when it becomes final (laga kraft), and the decision's day when all are.
    private func finalityBlocks(_ parts: DocumentParts) -> [Document.Block] {
        let sv = parts.language == .sv
        var blocks: [Document.Block] = []
        if let final = finality.decisionFinal {
            blocks.append(.paragraph([.text(sv ? "Beslutet vann laga kraft \(final)." : "The decision became final on \(final).")]))
        }
        blocks.append(
            .bulletList(finality.map { item in [.strong(parts.party(item.party)), .text(": " + item.sentence(parts.language))] }))
        return blocks
    }

    /// The decision's proof in the log, to type or scan back in and check with no register; or what to do while
    /// no published checkpoint includes it.
    private func proofBlocks(_ parts: DocumentParts) -> [Document.Block] {
        let key = parts.language == .sv ? "NYCKEL" : "KEY"
        guard let proof else {
            return [
                .paragraph([
                    .text(parts.word(.logProofPending) + " "), .code("decreg log checkpoint --key \(key) --publish"),
                    .text("."),
                ])
            ]
        }
        return [
            .paragraph([
                .text(parts.word(.logProofIntro) + " "),
                .code("\(proof.checkpoint.origin) \(proof.checkpoint.size)"),
                .text(". " + parts.word(.logProofCheck) + " "),
                .code("decreg log verify-proof \(decision.ref).tlog-proof --log-key \(key) --witness \(key) …"),
            ]),
            .preformatted(proof.rendered),
        ]
    }

    private func fields(_ parts: DocumentParts) -> [Document.Field] {
        var fields: [Document.Field] = []
        let addressees = self.addressees
        if !addressees.isEmpty {
            fields.append(.init(parts.word(.addressedTo), [.text(addressees.map(parts.body).joined(separator: ", "))]))
        }
        fields.append(.init(parts.word(.parties), [.text(decision.parties.map(parts.party).joined(separator: ", "))]))
        fields.append(.init(parts.word(.date), [.text(decision.date.description)]))
        if !decision.caseNumbers.isEmpty {
            let numbers = decision.caseNumbers.map { "\($0.number) (\($0.party))" }.joined(separator: ", ")
            fields.append(.init(parts.word(.caseNumbers), [.text(numbers)]))
        }
        fields.append(.init(parts.word(.status), [.text(Vocabulary.status(status, parts.language))]))
        if let withdrawn = decision.withdrawn {
            fields.append(.init(parts.word(.withdrawn), [.strong(withdrawn)]))
        }
        return fields
    }

    /// Per year: the total as decided, and a table of the parties' shares, per cent of the total, adopted and
    /// paid, with their sums.
    private func funding(_ parts: DocumentParts) -> [Document.Block] {
        var blocks: [Document.Block] = []
        for year in decision.funding {
            let currency = year.total.currency
            blocks.append(.subheading("\(year.year): \(parts.word(.totalOf)) \(year.total.formatted(parts.language))"
                + withdrawnNote(year.withdrawn, parts)))
            // A withdrawn year commits nothing: its heading says so, and no shares are shown as due.
            if year.withdrawn != nil { continue }
            var table = Table(columns: [
                .init(parts.word(.party)), .init(parts.word(.share), .right), .init(parts.word(.perCent), .right),
                .init(parts.word(.adopted), .right), .init(parts.word(.paid), .right),
            ])
            let lines = fundingLines(year)
            for line in lines {
                table.rows.append([
                    [.text(parts.party(line.party))],
                    [.text(line.share.map { $0.formatted(parts.language) } ?? "–")],
                    [.text(line.share.flatMap { PerCent.text($0, of: year.total, parts.language) } ?? "–")],
                    [.text(parts.amounts(line.adopted, in: currency))],
                    [.text(parts.amounts(line.paid, in: currency))],
                ])
            }
            let shares = year.shares.map(\.amount)
            let shareSum = Money(
                minorUnits: shares.filter { $0.currency == currency }.reduce(0) { $0 &+ $1.minorUnits },
                currency: currency)
            table.totals.append([
                [.text(parts.word(.total))], [.text(parts.amounts(shares, in: currency))],
                [.text(PerCent.text(shareSum, of: year.total, parts.language) ?? "–")],
                [.text(parts.amounts(lines.flatMap { $0.adopted ?? [] }, in: currency))],
                [.text(parts.amounts(lines.flatMap { $0.paid ?? [] }, in: currency))],
            ])
            blocks.append(.table(table))
        }
        return blocks
    }

    /// The steps in the order recorded, then the status they add up to. Columns nothing fills are left out.
    private func handling(_ parts: DocumentParts) -> [Document.Block] {
        let statusLine: Document.Block = .paragraph([
            .text(parts.word(.statusNow) + " "), .strong(Vocabulary.status(status, parts.language)),
        ])
        guard !decision.steps.isEmpty else { return [.paragraph([.text(parts.word(.noHandling))]), statusLine] }
        let withMinutes = decision.steps.contains { $0.minutes != nil }
        let withAmounts = decision.steps.contains { !$0.amounts.isEmpty }
        let withNotes = decision.steps.contains { $0.note != nil }
        var columns: [Table.Column] = [
            .init(parts.word(.date)), .init(parts.word(.body)), .init(parts.word(.outcome)),
        ]
        if withMinutes { columns.append(.init(parts.word(.minutes))) }
        if withAmounts { columns.append(.init(parts.word(.amounts))) }
        if withNotes { columns.append(.init(parts.word(.note))) }
        var table = Table(columns: columns)
        for step in decision.steps {
            var row: [Inlines] = [
                [.unbroken(step.date.description)], [.text(parts.body(step.body))],
                [.text(Vocabulary.outcome(step.outcome, parts.language) + withdrawnNote(step.withdrawn, parts))],
            ]
            if withMinutes { row.append([.text(step.minutes ?? "")]) }
            if withAmounts {
                let amounts = step.amounts.map { Inline.unbroken("\($0.year): \($0.amount.formatted(parts.language))") }
                row.append(Array(amounts.map { [$0] }.joined(separator: [.text("; ")])))
            }
            if withNotes { row.append([.text(step.note ?? "")]) }
            table.rows.append(row)
        }
        return [.table(table), statusLine]
    }

    /// ` (makulerad: REASON)` after an item withdrawn: it stays in the record, and counts for nothing.
    private func withdrawnNote(_ reason: String?, _ parts: DocumentParts) -> String {
        reason.map { " (\(parts.word(.withdrawnState)): \($0))" } ?? ""
    }

    private func signatory(_ person: Signatory, _ parts: DocumentParts) -> String {
        let party = person.party.map { code in parties.first { $0.code == code }?.name ?? code }
        return [person.name, person.title, party].compactMap { $0 }.joined(separator: ", ")
            + withdrawnNote(person.withdrawn, parts)
    }

    private func attachments(_ parts: DocumentParts) -> Table {
        var table = Table(columns: [
            .init(parts.word(.label)), .init(parts.word(.title)), .init(parts.word(.size), .right), .init("SHA-256"),
        ])
        for attachment in decision.attachments {
            table.rows.append([
                [.text(attachment.label)], [.text((attachment.title ?? "") + withdrawnNote(attachment.withdrawn, parts))],
                [.text(parts.size(attachment.size))],
                [.code(String(attachment.sha256.prefix(12)))],
            ])
        }
        return table
    }
}
