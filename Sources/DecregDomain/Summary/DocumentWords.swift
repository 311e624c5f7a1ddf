/// The words of summaries and reports in Swedish and English, in one place.
enum DocumentWords {
    enum Word {
        case summaryKicker, reportKicker, addressedTo, parties, party, reference, date, caseNumbers, status
        case withdrawn, period, scope, scopeText, allYears, decisionsAndFunding
        case proposedDecision, background, funding, handling, reconciliation, signatories, attachments, decisions
        case byPartyAndYear, share, perCent, committed, adopted, paid, total, totalOf, body, outcome, minutes
        case amounts, note, label, title, size, bytes, noHandling, statusNow, discrepancies, openItems
        case allBalanced, noDiscrepancies, notReconciled, noDecisions, noFigures, printedFrom, auditHead
        case checkLater, emptyTrail, year

        var english: String {
            switch self {
            case .summaryKicker: "Decision summary"
            case .reportKicker: "Report"
            case .addressedTo: "To"
            case .parties: "Parties"
            case .party: "Party"
            case .reference: "Reference"
            case .date: "Date"
            case .caseNumbers: "Case numbers"
            case .status: "Status"
            case .withdrawn: "Withdrawn"
            case .period: "Period"
            case .scope: "Scope"
            case .scopeText: "decisions dated or funded in the period"
            case .allYears: "all years"
            case .decisionsAndFunding: "Decisions and funding"
            case .proposedDecision: "Proposed decision"
            case .background: "Background"
            case .funding: "Funding"
            case .handling: "Handling"
            case .reconciliation: "Reconciliation"
            case .signatories: "Signatories"
            case .attachments: "Attachments"
            case .decisions: "Decisions"
            case .byPartyAndYear: "By party and year"
            case .share: "Share"
            case .perCent: "Per cent"
            case .committed: "Committed"
            case .adopted: "Adopted"
            case .paid: "Paid"
            case .total: "Total"
            case .totalOf: "total"
            case .body: "Body"
            case .outcome: "Outcome"
            case .minutes: "Minutes"
            case .amounts: "Amounts"
            case .note: "Note"
            case .label: "Label"
            case .title: "Title"
            case .size: "Size"
            case .bytes: "bytes"
            case .noHandling: "No body has handled the decision yet."
            case .statusNow: "Status after the handling so far:"
            case .discrepancies: "Discrepancies"
            case .openItems: "Open items"
            case .allBalanced: "Everything adds up: no discrepancies and no open items."
            case .noDiscrepancies: "No discrepancies: every split, adoption and payment adds up."
            case .notReconciled: "A withdrawn decision is not reconciled."
            case .noDecisions: "No decisions in scope."
            case .noFigures: "No funding in scope."
            case .printedFrom: "Printed from the decreg register."
            case .auditHead: "Audit head at printing:"
            case .checkLater: "Check later that this state is still in the unbroken audit trail:"
            case .emptyTrail: "The audit trail is empty."
            case .year: "Year"
            }
        }

        var swedish: String {
            switch self {
            case .summaryKicker: "Beslutsunderlag"
            case .reportKicker: "Rapport"
            case .addressedTo: "Till"
            case .parties: "Parter"
            case .party: "Part"
            case .reference: "Beteckning"
            case .date: "Datum"
            case .caseNumbers: "Diarienummer"
            case .status: "Status"
            case .withdrawn: "Återkallat"
            case .period: "Period"
            case .scope: "Urval"
            case .scopeText: "beslut daterade eller finansierade under perioden"
            case .allYears: "alla år"
            case .decisionsAndFunding: "Beslut och finansiering"
            case .proposedDecision: "Förslag till beslut"
            case .background: "Ärendet"
            case .funding: "Finansiering"
            case .handling: "Beslutsgång"
            case .reconciliation: "Avstämning"
            case .signatories: "Undertecknare"
            case .attachments: "Bilagor"
            case .decisions: "Beslut"
            case .byPartyAndYear: "Per part och år"
            case .share: "Andel"
            case .perCent: "Procent"
            case .committed: "Åtagande"
            case .adopted: "Beslutat"
            case .paid: "Betalt"
            case .total: "Totalt"
            case .totalOf: "totalt"
            case .body: "Organ"
            case .outcome: "Beslut"
            case .minutes: "Paragraf"
            case .amounts: "Belopp"
            case .note: "Anteckning"
            case .label: "Bilaga"
            case .title: "Rubrik"
            case .size: "Storlek"
            case .bytes: "byte"
            case .noHandling: "Inget organ har behandlat beslutet ännu."
            case .statusNow: "Status efter beslutsgången hittills:"
            case .discrepancies: "Avvikelser"
            case .openItems: "Öppna poster"
            case .allBalanced: "Allt stämmer: inga avvikelser och inga öppna poster."
            case .noDiscrepancies: "Inga avvikelser: alla fördelningar, beslut och betalningar stämmer."
            case .notReconciled: "Ett återkallat beslut stäms inte av."
            case .noDecisions: "Inga beslut i urvalet."
            case .noFigures: "Ingen finansiering i urvalet."
            case .printedFrom: "Utskrift ur registret decreg."
            case .auditHead: "Granskningsspårets huvud vid utskriften:"
            case .checkLater: "Kontrollera senare att detta läge finns kvar i det obrutna granskningsspåret:"
            case .emptyTrail: "Granskningsspåret är tomt."
            case .year: "År"
            }
        }
    }

    static func word(_ key: Word, _ language: Language) -> String {
        language == .sv ? key.swedish : key.english
    }

    /// Where a decision stands, in words: `föreslaget`, `partly adopted`.
    static func status(_ status: DecisionStatus, _ language: Language) -> String {
        switch (status, language) {
        case (.draft, .sv): "utkast"
        case (.proposed, .sv): "föreslaget"
        case (.approved, .sv): "godkänt"
        case (.returned, .sv): "återremitterat"
        case (.partlyAdopted, .sv): "delvis antaget"
        case (.adopted, .sv): "antaget"
        case (.rejected, .sv): "avslaget"
        case (.partlyAdopted, .en): "partly adopted"
        case (_, .en): status.rawValue
        }
    }

    /// What a body did, as the minutes say it: `godkände`, `adopted`.
    static func outcome(_ outcome: Outcome, _ language: Language) -> String {
        switch (outcome, language) {
        case (.proposed, .sv): "föreslog"
        case (.approved, .sv): "godkände"
        case (.adopted, .sv): "antog"
        case (.rejected, .sv): "avslog"
        case (.returned, .sv): "återremitterade"
        case (.amended, .sv): "ändrade"
        case (_, .en): outcome.rawValue
        }
    }
}

extension DecisionStatus {
    /// Where a decision stands, in the reader's words (`delvis antaget`, `partly adopted`): the summaries' wording,
    /// also the web view's.
    public func label(_ language: Language) -> String { DocumentWords.status(self, language) }
}
