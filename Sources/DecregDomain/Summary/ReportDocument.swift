extension PeriodReport {
    /// The report: the decisions in scope with status and figures, the totals per party and year, and what
    /// reconciliation found, so a board sees a year at a glance.
    public func document(_ language: Language) -> Document {
        let parts = DocumentParts(language: language, parties: parties)
        var fields = [Document.Field(parts.word(.period), [.text(period(parts))])]
        if let party = scope.party { fields.append(.init(parts.word(.party), [.text(parts.party(party))])) }
        fields.append(.init(parts.word(.scope), [.text(parts.word(.scopeText))]))
        var document = Document(
            language: language, kicker: "\(parts.word(.reportKicker)) · \(period(parts))",
            title: parts.word(.decisionsAndFunding) + (scope.years == nil ? ", " : " ") + period(parts), fields: fields,
            footer: parts.footer(auditHead))
        document.sections.append(Document.Section(parts.word(.decisions), decisionBlocks(parts)))
        document.sections.append(
            Document.Section(
                parts.word(.byPartyAndYear), keepTogether: totals.count <= Document.Section.shortRows,
                totalBlocks(parts)))
        document.sections.append(
            Document.Section(parts.word(.reconciliation), parts.reconciliation(findings, withReference: true)))
        return document
    }

    /// `2009`, `2024–2026`, `alla år`.
    private func period(_ parts: DocumentParts) -> String {
        guard let years = scope.years else { return parts.word(.allYears) }
        return years.from == years.to ? String(years.from) : "\(years.from)–\(years.to)"
    }

    private func figureColumns(_ parts: DocumentParts) -> [Table.Column] {
        [.init(parts.word(.committed), .right), .init(parts.word(.adopted), .right), .init(parts.word(.paid), .right)]
    }

    /// Committed, adopted and paid of some rows in one currency each; `–` for none.
    private func figures(_ rows: [TotalsRow], _ parts: DocumentParts) -> [Inlines] {
        guard let currency = rows.first?.currency else { return [[.text("–")], [.text("–")], [.text("–")]] }
        return [
            [.text(parts.amounts(rows.map(\.committed), in: currency))],
            [.text(parts.amounts(rows.map(\.adopted), in: currency))],
            [.text(parts.amounts(rows.map(\.paid), in: currency))],
        ]
    }

    private func decisionBlocks(_ parts: DocumentParts) -> [Document.Block] {
        guard !decisions.isEmpty else { return [.paragraph([.text(parts.word(.noDecisions))])] }
        var table = Table(
            columns: [
                .init(parts.word(.reference)), .init(parts.word(.date)), .init(parts.word(.title)),
                .init(parts.word(.status)),
            ] + figureColumns(parts))
        for decision in decisions {
            table.rows.append(
                [
                    [.unbroken(decision.ref)], [.unbroken(decision.date.description)], [.text(decision.title)],
                    [
                        .text(
                            Vocabulary.status(decision.status, parts.language)
                                + (decision.final.map { parts.language == .sv ? ", laga kraft \($0)" : ", final \($0)" } ?? ""))
                    ],
                ] + figures(decision.figures, parts))
        }
        return [.table(table)]
    }

    private func totalBlocks(_ parts: DocumentParts) -> [Document.Block] {
        guard !totals.isEmpty else { return [.paragraph([.text(parts.word(.noFigures))])] }
        var table = Table(
            columns: [.init(parts.word(.party)), .init(parts.word(.year), .right)] + figureColumns(parts))
        for row in totals {
            table.rows.append(
                [[.text(row.key(.party).map(parts.party) ?? "–")], [.text(row.key(.year) ?? "–")]]
                    + figures([row], parts))
        }
        for total in TotalsRow.grandTotals(totals) {
            table.totals.append([[.text(parts.word(.total))], []] + figures([total], parts))
        }
        return [.table(table)]
    }
}
