/// A decision as plain text for a terminal: `decreg decision show`. Each line is written through
/// `TextRules.visible`, so a text that holds a control (one planted behind decreg's back, or recorded by a version
/// before the text rules) is shown escaped: it can neither steer the terminal nor begin a line of its own.
public struct DecisionSheet {
    public var decision: Decision
    public var status: DecisionStatus
    public var payments: [Payment]
    public var language: Language

    /// When each party's adoption becomes final; shown once a party has adopted.
    public var finality: [PartyFinality] = []

    public init(decision: Decision, status: DecisionStatus, payments: [Payment], language: Language) {
        self.decision = decision
        self.status = status
        self.payments = payments
        self.language = language
    }

    private func word(_ key: Vocabulary.Word) -> String { Vocabulary.word(key, language) }

    public func rendered() -> String {
        var out = ""
        // Adds one line of the sheet.
        func add(_ line: String) { out += TextRules.visible(line) + "\n" }
        add("\(decision.ref)  \(decision.title)")
        let numbers = Dictionary(decision.caseNumbers.map { ($0.party, $0.number) }, uniquingKeysWith: { a, _ in a })
        let parties = decision.parties.map { party in numbers[party].map { "\(party) (\($0))" } ?? party }
        add(field(word(.date), decision.date.description))
        add(field(word(.status), Vocabulary.status(status, language)))
        if let withdrawn = decision.withdrawn { add(field(word(.withdrawn), withdrawn)) }
        add(field(word(.parties), parties.joined(separator: ", ")))

        out += "\n\(word(.proposedDecision))\n"
        for (index, clause) in decision.clauses.enumerated() { add("  \(index + 1). \(clause)") }
        if decision.clauses.isEmpty { out += "  –\n" }

        if !decision.funding.isEmpty {
            out += "\n\(word(.funding))\n"
            for year in decision.funding {
                let method = year.isSplit ? word(.split) : word(.shares)
                add(
                    "  \(year.year)  \(word(.totalOf)) \(year.total.formatted(language)) (\(method))"
                        + withdrawnNote(year.withdrawn))
                // The parts as given (1/3, 25 %) beside the amounts, when the funding is a split.
                var table = TextTable(
                    headers: year.isSplit ? ["", "", ""] : ["", ""],
                    alignments: year.isSplit ? [.left, .right, .right] : [.left, .right])
                for share in year.shares {
                    let amount = share.amount.formatted(language)
                    table.append(year.isSplit ? [share.party, share.part?.text ?? "", amount] : [share.party, amount])
                }
                for line in table.rendered(withHeader: false).split(separator: "\n") { out += "        \(line)\n" }
            }
        }

        out += "\n\(word(.handling))\n"
        for step in decision.steps {
            var line = "  \(step.date)  \(step.body)  \(Vocabulary.outcome(step.outcome, language))"
            if let minutes = step.minutes { line += "  \(minutes)" }
            for amount in step.amounts { line += "  \(amount.year): \(amount.amount.formatted(language))" }
            if let note = step.note { line += "  – \(note)" }
            add(line + withdrawnNote(step.withdrawn))
        }
        if decision.steps.isEmpty { out += "  \(word(.noneYet))\n" }

        if finality.contains(where: { $0.status != .notAdopted }) {
            out += "\n\(word(.finality))\n"
            let width = finality.map(\.party.count).max() ?? 0
            for item in finality {
                add("  " + item.party + String(repeating: " ", count: width - item.party.count) + "  " + item.sentence(language))
            }
        }

        if !payments.isEmpty {
            out += "\n\(word(.payments))\n"
            var table = TextTable(
                headers: ["", "", "", "", "", ""], alignments: [.right, .left, .left, .left, .right, .left])
            for payment in payments {
                let reference = payment.reference ?? ""
                table.append([
                    payment.number.map { "#\($0)" } ?? "", payment.date.description, payment.party, String(payment.year),
                    payment.amount.formatted(language),
                    payment.withdrawn.map { "\(reference) (\(word(.withdrawnState)): \($0))" } ?? reference,
                ])
            }
            for line in table.rendered(withHeader: false).split(separator: "\n") { out += "  \(line)\n" }
        }

        if !decision.signatories.isEmpty {
            out += "\n\(word(.signatories))\n"
            for person in decision.signatories {
                add(
                    "  " + ([person.name, person.title, person.party].compactMap { $0 }.joined(separator: ", "))
                        + withdrawnNote(person.withdrawn))
            }
        }

        if !decision.attachments.isEmpty {
            out += "\n\(word(.attachments))\n"
            for attachment in decision.attachments {
                add(
                    "  \(attachment.label)  \(attachment.title ?? "")  \(attachment.size) \(word(.bytes))"
                        + "  sha256 \(attachment.sha256.prefix(12))" + withdrawnNote(attachment.withdrawn))
            }
        }
        return out
    }

    /// `  (makulerad: REASON)` after an item withdrawn; nothing after one that stands.
    private func withdrawnNote(_ reason: String?) -> String {
        reason.map { "  (\(Vocabulary.word(.withdrawnState, language)): \($0))" } ?? ""
    }

    private func field(_ label: String, _ value: String) -> String {
        let padded = label + ":" + String(repeating: " ", count: max(1, 10 - label.count))
        return padded + value
    }
}
