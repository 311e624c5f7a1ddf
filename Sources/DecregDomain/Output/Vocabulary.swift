/// Every word decreg shows people, in Swedish and English: the command line's tables and messages, the summaries and
/// reports, and the web pages all take their words from here, so a status or a heading reads the same everywhere.
/// Programs get the codes instead (`partly-adopted`, `state-agency`), in JSON and CSV.
///
/// It also reads the Swedish words back: `--outcome antog` is `adopted`, as the table shows it.
public enum Vocabulary {
    /// A word or phrase, in the language asked for.
    public static func word(_ key: Word, _ language: Language) -> String {
        let (swedish, english) = key.pair
        return language == .sv ? swedish : english
    }

    /// Where a decision stands, in words: `delvis antaget`, `partly adopted`.
    public static func status(_ status: DecisionStatus, _ language: Language) -> String {
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

    /// A decision's status where it is shown: `makulerad`/`withdrawn` once withdrawn, else what its steps make it.
    public static func status(_ status: DecisionStatus, withdrawn: Bool, _ language: Language) -> String {
        withdrawn ? word(.withdrawnState, language) : self.status(status, language)
    }

    /// What a body did, as the minutes say it: `godkände`, `approved`.
    public static func outcome(_ outcome: Outcome, _ language: Language) -> String {
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

    /// What kind of organisation a party is: `kommun`, `municipality`.
    public static func kind(_ kind: PartyKind, _ language: Language) -> String {
        switch (kind, language) {
        case (.region, .sv): "region"
        case (.municipality, .sv): "kommun"
        case (.company, .sv): "bolag"
        case (.university, .sv): "universitet/högskola"
        case (.stateAgency, .sv): "statlig myndighet"
        case (.other, .sv): "annan"
        case (.stateAgency, .en): "state agency"
        case (_, .en): kind.rawValue
        }
    }

    /// What kind of body it is: `fullmäktige`, `assembly`.
    public static func kind(_ kind: BodyKind, _ language: Language) -> String {
        switch (kind, language) {
        case (.board, .sv): "styrelse"
        case (.assembly, .sv): "fullmäktige"
        case (.committee, .sv): "nämnd"
        case (.jointCommittee, .sv): "gemensam nämnd"
        case (.other, .sv): "annat"
        case (.jointCommittee, .en): "joint committee"
        case (_, .en): kind.rawValue
        }
    }

    /// A reconciliation finding's kind, as the table tags it: `[beslutat-avviker]`, `[adopted-mismatch]`.
    public static func finding(_ kind: Finding.Kind, _ language: Language) -> String {
        switch (kind, language) {
        case (.splitSum, .sv): "fördelningssumma"
        case (.adoptedMismatch, .sv): "beslutat-avviker"
        case (.overpaid, .sv): "överbetalt"
        case (.unknownParty, .sv): "okänd-part"
        case (.unfundedYear, .sv): "ofinansierat-år"
        case (.notAdopted, .sv): "ej-beslutat"
        case (.outstanding, .sv): "obetalt"
        case (.paidBeforeFinal, .sv): "betalt-före-laga-kraft"
        case (_, .en): kind.rawValue
        }
    }

    /// What an audit entry did: `rättad`, `corrected`.
    public static func action(_ action: AuditAction, _ language: Language) -> String {
        switch action {
        case .recorded: word(.recorded, language)
        case .corrected: word(.corrected, language)
        case .withdrawn: word(.withdrawnState, language)
        case .stepAdded: word(.stepAdded, language)
        case .fundingSet: word(.fundingSet, language)
        case .attachmentAdded: word(.attachmentAdded, language)
        case .signatoryAdded: word(.signatoryAdded, language)
        case .changed: word(.changed, language)
        }
    }

    /// A kind of record as the audit trail names it (`party`, `body`, `decision`, `payment`), in words: `betalning`.
    public static func entity(_ entity: String, _ language: Language) -> String {
        let noun: Noun
        switch entity {
        case "party": noun = .party
        case "body": noun = .body
        case "decision": noun = .decision
        case "payment": noun = .payment
        case "account": noun = .account
        default: return entity
        }
        return language == .sv ? noun.forms.sv.one : noun.forms.en.one
    }

    /// A field of a record as history shows it: `steps[4].minutes`, in Swedish `beslutsgång[4].paragraf`. The
    /// names are the record's own (as JSON gives them) in English.
    public static func field(_ path: String, _ language: Language) -> String {
        guard language == .sv else { return path }
        var out = ""
        var name = ""
        func flush() {
            guard !name.isEmpty else { return }
            out += swedishFieldName(name, in: out)
            name = ""
        }
        for character in path {
            if character.isLetter || character.isNumber || character == "_", !out.hasSuffix("[") {
                name.append(character)
            } else {
                flush()
                out.append(character)
            }
        }
        flush()
        return out
    }

    private static func swedishFieldName(_ name: String, in path: String) -> String {
        switch name {
        case "amount", "amounts": "belopp"
        case "attachments": "bilagor"
        case "body": "organ"
        case "case_numbers": "diarienummer"
        case "clauses": "att-satser"
        case "code": "kod"
        case "currency": "valuta"
        case "date": "datum"
        case "decision": "beslut"
        case "funding": "finansiering"
        case "kind": "typ"
        case "label": "bilaga"
        case "media_type": "mediatyp"
        case "method": "metod"
        case "minutes": "paragraf"
        case "name": "namn"
        case "note": "anteckning"
        case "number": "nummer"
        case "org_number": "organisationsnummer"
        case "outcome": "beslut"
        case "part": "del"
        case "parties": "parter"
        case "party": "part"
        case "ref": "beteckning"
        case "reference": "referens"
        case "shares": "andelar"
        case "signatories": "undertecknare"
        case "size": "storlek"
        case "steps": "beslutsgång"
        case "summary": "ärendet"
        case "title": path.hasPrefix("undertecknare") ? "titel" : "rubrik"
        case "total": "totalt"
        case "withdrawn": "makulerad"
        case "year": "år"
        default: name
        }
    }

    /// A field's value as history shows it: codes in words (`adopted` → `antog`, `municipality` → `kommun`), other
    /// values as they are. `field` is the field's path in the record.
    public static func value(_ text: String, field: String, _ language: Language) -> String {
        let name = field.split(whereSeparator: { $0 == "." }).last.map { String($0.prefix { $0 != "[" }) } ?? field
        switch name {
        case "outcome": return Outcome(rawValue: text).map { outcome($0, language) } ?? text
        case "kind":
            if let kind = PartyKind(rawValue: text) { return self.kind(kind, language) }
            return BodyKind(rawValue: text).map { self.kind($0, language) } ?? text
        case "method":
            return text == "split" ? word(.split, language) : text == "shares" ? word(.shares, language) : text
        default: return text
        }
    }

    /// A number of things with the noun in the right number: `1 beslut`, `2 decisions`, `1 öppen post`.
    public static func count(_ number: Int, _ noun: Noun, _ language: Language) -> String {
        let (swedish, english) = noun.forms
        let forms = language == .sv ? swedish : english
        return "\(number) \(number == 1 ? forms.one : forms.many)"
    }

    /// Things counted in messages and reports.
    public enum Noun: Sendable {
        case decision, payment, party, body, entry, problem, discrepancy, openItem, change, account

        var forms: (sv: (one: String, many: String), en: (one: String, many: String)) {
            switch self {
            case .decision: (("beslut", "beslut"), ("decision", "decisions"))
            case .payment: (("betalning", "betalningar"), ("payment", "payments"))
            case .party: (("part", "parter"), ("party", "parties"))
            case .body: (("organ", "organ"), ("body", "bodies"))
            case .entry: (("post", "poster"), ("entry", "entries"))
            case .problem: (("problem", "problem"), ("problem", "problems"))
            case .discrepancy: (("avvikelse", "avvikelser"), ("discrepancy", "discrepancies"))
            case .openItem: (("öppen post", "öppna poster"), ("open item", "open items"))
            case .change: (("ändring", "ändringar"), ("change", "changes"))
            case .account: (("konto", "konton"), ("account", "accounts"))
            }
        }
    }

    // MARK: Column headings of the command line's tables (lower case, as the codes in them)

    public static func partyColumns(_ language: Language) -> [String] {
        language == .sv ? ["kod", "namn", "typ", "organisationsnummer"] : ["code", "name", "kind", "org number"]
    }

    public static func bodyColumns(_ language: Language) -> [String] {
        language == .sv ? ["kod", "namn", "typ", "parter"] : ["code", "name", "kind", "parties"]
    }

    public static func decisionColumns(_ language: Language) -> [String] {
        language == .sv
            ? ["ref", "datum", "status", "parter", "rubrik"] : ["ref", "date", "status", "parties", "title"]
    }

    public static func attachmentColumns(_ language: Language) -> [String] {
        language == .sv
            ? ["bilaga", "rubrik", "storlek", "sha256", "mediatyp"]
            : ["label", "title", "size", "sha256", "media type"]
    }

    public static func figureColumns(_ language: Language) -> [String] {
        language == .sv ? ["åtagande", "beslutat", "betalt"] : ["committed", "adopted", "paid"]
    }

    /// The audit trail's entries as `audit log` and `decision show --history` list them (each entry's changes
    /// follow its row).
    public static func historyColumns(_ language: Language) -> [String] {
        language == .sv
            ? ["nr", "tid", "av", "vad", "skäl"] : ["seq", "at", "actor", "what", "reason"]
    }

    /// The columns of `step list`: number, date, body, outcome, minutes, amounts, note, withdrawn.
    public static func stepColumns(_ language: Language) -> [String] {
        language == .sv
            ? ["nr", "datum", "organ", "beslut", "paragraf", "belopp", "anteckning", "makulerad"]
            : ["number", "date", "body", "outcome", "minutes", "amounts", "note", "withdrawn"]
    }

    /// The columns of `payment list`: number, decision, party, year, date, amount, reference, withdrawn.
    public static func paymentColumns(_ language: Language) -> [String] {
        language == .sv
            ? ["nr", "beslut", "part", "år", "datum", "belopp", "referens", "makulerad"]
            : ["number", "decision", "party", "year", "date", "amount", "reference", "withdrawn"]
    }

    public static func dimension(_ dimension: TotalsDimension, _ language: Language) -> String {
        guard language == .sv else { return dimension.rawValue }
        switch dimension {
        case .party: return "part"
        case .year: return "år"
        case .decision: return "beslut"
        case .body: return "organ"
        case .status: return "status"
        }
    }

    // MARK: Reading the words back

    /// The outcome a word names: the code (`adopted`), or the Swedish word as shown (`antog`), its participle
    /// (`antaget`, `antagen`), infinitive (`anta`) or present (`antar`); any case. Nil for another word.
    public static func outcome(parsing text: String) -> Outcome? {
        let word = text.lowercased()
        if let outcome = Outcome(rawValue: word) { return outcome }
        return Outcome.allCases.first { swedishOutcomeWords($0).contains(word) }
    }

    /// The Swedish words read as `outcome`: the form shown first.
    public static func swedishOutcomeWords(_ outcome: Outcome) -> [String] {
        switch outcome {
        case .proposed: ["föreslog", "föreslaget", "föreslagen", "föreslagna", "föreslå", "föreslår"]
        case .approved: ["godkände", "godkänt", "godkänd", "godkända", "godkänna", "godkänner"]
        case .adopted: ["antog", "antaget", "antagen", "antagna", "anta", "antaga", "antar"]
        case .rejected: ["avslog", "avslaget", "avslagen", "avslagna", "avslå", "avslår"]
        case .returned: ["återremitterade", "återremitterat", "återremitterad", "återremittera", "återremitterar"]
        case .amended: ["ändrade", "ändrat", "ändrad", "ändra", "ändrar"]
        }
    }

    /// The status a word names: the code (`partly-adopted`), the English or Swedish word as shown (`partly adopted`,
    /// `delvis antaget`, also with a hyphen); any case. Nil for another word.
    public static func status(parsing text: String) -> DecisionStatus? {
        let word = text.lowercased()
        if let status = DecisionStatus(rawValue: word) { return status }
        return DecisionStatus.allCases.first { status in
            [Language.sv, .en].contains { names(word, self.status(status, $0)) }
        }
    }

    /// The party kind a word names: the code (`municipality`), or the word as shown in either language (`kommun`,
    /// `state agency`, `statlig myndighet`, also with a hyphen; `universitet` and `högskola` each); any case.
    public static func partyKind(parsing text: String) -> PartyKind? {
        let word = text.lowercased()
        if let kind = PartyKind(rawValue: word) { return kind }
        if word == "universitet" || word == "högskola" || word == "lärosäte" { return .university }
        return PartyKind.allCases.first { kind in [Language.sv, .en].contains { names(word, self.kind(kind, $0)) } }
    }

    /// The body kind a word names: the code (`assembly`), or the word as shown in either language (`fullmäktige`,
    /// `gemensam nämnd`, also with a hyphen); any case.
    public static func bodyKind(parsing text: String) -> BodyKind? {
        let word = text.lowercased()
        if let kind = BodyKind(rawValue: word) { return kind }
        return BodyKind.allCases.first { kind in [Language.sv, .en].contains { names(word, self.kind(kind, $0)) } }
    }

    /// Whether a word typed in (lower case) is a shown word, its spaces written as spaces or hyphens.
    private static func names(_ word: String, _ shown: String) -> Bool {
        word == shown || word == String(shown.map { $0 == " " ? "-" : $0 })
    }

    /// The words `outcome(parsing:)` takes, for help and error messages: `proposed (föreslog), approved (godkände), …`.
    public static var outcomeChoices: String {
        Outcome.allCases.map { "\($0.rawValue) (\(outcome($0, .sv)))" }.joined(separator: ", ")
    }

    /// The words `status(parsing:)` takes, for help and error messages.
    public static var statusChoices: String {
        DecisionStatus.allCases.map { "\($0.rawValue) (\(status($0, .sv)))" }.joined(separator: ", ")
    }

    /// The words and phrases of headings, labels and sentences.
    public enum Word: Sendable {
        // A decision and its parts
        case reference, title, date, status, parties, party, caseNumbers, proposedDecision, background, funding
        case handling, payments, signatories, attachments, decisions, withdrawn, withdrawnState, addressedTo
        case totalOf, shares, split, noneYet, bytes, body, outcome, minutes, amounts, note, label, size, year, kind
        case orgNumber, mediaType
        // Figures
        case committed, adopted, paid, total, share, perCent, perYear, byPartyAndYear
        // Summaries and reports
        case summaryKicker, reportKicker, period, scope, scopeText, allYears, decisionsAndFunding, reconciliation
        case noHandling, statusNow, discrepancies, openItems, allBalanced, noDiscrepancies, notReconciled
        case noDecisions, noFigures, printedFrom, auditHeadAtPrinting, checkLater, emptyTrail
        case logProof, logProofPending, logProofIntro, logProofCheck, finality
        // The audit trail and its history
        case audit, auditHead, trailIntact, trailBroken, entries, problems, trail, registerMatches
        case createdRegister, imported, alreadyRecorded, addedDecision, correctedDecision, withdrewDecision, backedUp,
            to, trailIntactLine, head, verificationFailed, and, more, emptyHead, integrityOK, integrityProblems
        case recorded, corrected, stepAdded, fundingSet, attachmentAdded, signatoryAdded, changed, nothing
        // The web pages
        case search, any, show, previous, next, page, of, noneFound, emptyRegister, download, downloads, back
        case notFound, badRequest, error, api, otherLanguage
        // OParl
        case jointDecision, registerOfJointDecisions

        var pair: (sv: String, en: String) {
            switch self {
            case .jointDecision: ("Likalydande beslut", "Joint decision")
            case .registerOfJointDecisions: ("Register över gemensamma beslut", "Register of joint decisions")
            case .reference: ("Beteckning", "Reference")
            case .title: ("Rubrik", "Title")
            case .date: ("Datum", "Date")
            case .status: ("Status", "Status")
            case .parties: ("Parter", "Parties")
            case .party: ("Part", "Party")
            case .caseNumbers: ("Diarienummer", "Case numbers")
            case .proposedDecision: ("Förslag till beslut", "Proposed decision")
            case .background: ("Ärendet", "Background")
            case .funding: ("Finansiering", "Funding")
            case .handling: ("Beslutsgång", "Handling")
            case .payments: ("Betalningar", "Payments")
            case .signatories: ("Undertecknare", "Signatories")
            case .attachments: ("Bilagor", "Attachments")
            case .decisions: ("Beslut", "Decisions")
            case .withdrawn: ("Makulerad", "Withdrawn")
            case .withdrawnState: ("makulerad", "withdrawn")
            case .addressedTo: ("Till", "To")
            case .totalOf: ("totalt", "total")
            case .shares: ("andelar", "shares")
            case .split: ("fördelning", "split")
            case .noneYet: ("inga ännu", "none yet")
            case .bytes: ("byte", "bytes")
            case .body: ("Organ", "Body")
            case .outcome: ("Beslut", "Outcome")
            case .minutes: ("Paragraf", "Minutes")
            case .amounts: ("Belopp", "Amounts")
            case .note: ("Anteckning", "Note")
            case .label: ("Bilaga", "Label")
            case .size: ("Storlek", "Size")
            case .year: ("År", "Year")
            case .kind: ("Typ", "Kind")
            case .orgNumber: ("Organisationsnummer", "Organisation number")
            case .mediaType: ("Mediatyp", "Media type")
            case .committed: ("Åtagande", "Committed")
            case .adopted: ("Beslutat", "Adopted")
            case .paid: ("Betalt", "Paid")
            case .total: ("Totalt", "Total")
            case .share: ("Andel", "Share")
            case .perCent: ("Procent", "Per cent")
            case .perYear: ("Per år", "Per year")
            case .byPartyAndYear: ("Per part och år", "By party and year")
            case .summaryKicker: ("Beslutsunderlag", "Decision summary")
            case .reportKicker: ("Rapport", "Report")
            case .period: ("Period", "Period")
            case .scope: ("Urval", "Scope")
            case .scopeText:
                ("beslut daterade eller finansierade under perioden", "decisions dated or funded in the period")
            case .allYears: ("alla år", "all years")
            case .decisionsAndFunding: ("Beslut och finansiering", "Decisions and funding")
            case .reconciliation: ("Avstämning", "Reconciliation")
            case .noHandling: ("Inget organ har behandlat beslutet ännu.", "No body has handled the decision yet.")
            case .statusNow: ("Status efter beslutsgången hittills:", "Status after the handling so far:")
            case .discrepancies: ("Avvikelser", "Discrepancies")
            case .openItems: ("Öppna poster", "Open items")
            case .allBalanced:
                (
                    "Allt stämmer: inga avvikelser och inga öppna poster.",
                    "Everything adds up: no discrepancies and no open items."
                )
            case .noDiscrepancies:
                (
                    "Inga avvikelser: alla fördelningar, beslut och betalningar stämmer.",
                    "No discrepancies: every split, adoption and payment adds up."
                )
            case .notReconciled: ("Ett makulerat beslut stäms inte av.", "A withdrawn decision is not reconciled.")
            case .noDecisions: ("Inga beslut i urvalet.", "No decisions in scope.")
            case .noFigures: ("Ingen finansiering i urvalet.", "No funding in scope.")
            case .printedFrom: ("Utskrift ur registret decreg.", "Printed from the decreg register.")
            case .logProof: ("Bevis i loggen", "Proof in the log")
            case .finality: ("Laga kraft", "Finality")
            case .logProofPending:
                (
                    "Ingen publicerad checkpoint omfattar ännu beslutets senaste post; registratorn publicerar en med",
                    "No published checkpoint includes the decision's latest entry yet; the registrar publishes one with"
                )
            case .logProofIntro:
                (
                    "Beslutets senaste post finns i registrets logg enligt checkpointen",
                    "The decision's latest entry is in the register's log by the checkpoint"
                )
            case .logProofCheck:
                (
                    "Spara beviset nedan som fil och pröva det utan registret, med registrets och parternas nycklar:",
                    "Save the proof below as a file and check it without the register, with the register's and the "
                        + "parties' keys:"
                )
            case .auditHeadAtPrinting: ("Granskningsspårets huvud vid utskriften:", "Audit head at printing:")
            case .checkLater:
                (
                    "Kontrollera senare att detta läge finns kvar i det obrutna granskningsspåret:",
                    "Check later that this state is still in the unbroken audit trail:"
                )
            case .emptyTrail: ("Granskningsspåret är tomt.", "The audit trail is empty.")
            case .audit: ("Granskningsspår", "Audit trail")
            case .auditHead: ("Granskningsspårets huvud", "Audit head")
            case .trailIntact:
                (
                    "Granskningsspåret är obrutet och registret stämmer med det.",
                    "The audit trail is intact and the register matches it."
                )
            case .trailBroken: ("Granskningen av spåret MISSLYCKADES.", "Audit verification FAILED.")
            case .entries: ("Poster", "Entries")
            case .problems: ("Problem", "Problems")
            case .trail: ("Spår", "Trail")
            case .registerMatches: ("Registret stämmer med det", "The register matches it")
            case .verificationFailed: ("Granskningen MISSLYCKADES", "Audit verification FAILED")
            case .createdRegister: ("Skapade registret", "Created register")
            case .imported: ("Importerade", "Imported")
            case .addedDecision: ("Lade till beslutet", "Added decision")
            case .correctedDecision: ("Rättade", "Corrected")
            case .withdrewDecision: ("Makulerade", "Withdrew")
            case .backedUp: ("Säkerhetskopierade", "Backed up")
            case .to: ("till", "to")
            case .alreadyRecorded: ("fanns redan, oförändrade", "already recorded, unchanged")
            case .trailIntactLine: ("Granskningsspåret är obrutet", "Audit trail intact")
            case .head: ("huvud", "head")
            case .and: ("och", "and")
            case .more: ("till", "more")
            case .emptyHead: ("tomt", "empty")
            case .integrityOK: ("SQLites integritetskontroll: ok", "SQLite integrity check: ok")
            case .integrityProblems:
                ("SQLites integritetskontroll fann problem:", "SQLite integrity check found problems:")
            case .recorded: ("registrerad", "recorded")
            case .corrected: ("rättad", "corrected")
            case .stepAdded: ("beslutssteg tillagt", "step added")
            case .fundingSet: ("finansiering angiven", "funding set")
            case .attachmentAdded: ("bilaga tillagd", "attachment added")
            case .signatoryAdded: ("undertecknare tillagd", "signatory added")
            case .changed: ("ändrad", "changed")
            case .nothing: ("–", "–")
            case .search: ("Sök", "Search")
            case .any: ("alla", "any")
            case .show: ("Visa", "Show")
            case .previous: ("Föregående", "Previous")
            case .next: ("Nästa", "Next")
            case .page: ("sida", "page")
            case .of: ("av", "of")
            case .noneFound: ("Inga beslut motsvarar sökningen.", "No decisions match.")
            case .emptyRegister: ("Registret är tomt.", "The register is empty.")
            case .download: ("Hämta", "Download")
            case .downloads: ("Hämta bilagor", "Download attachments")
            case .back: ("Alla beslut", "All decisions")
            case .notFound: ("Hittades inte", "Not found")
            case .badRequest: ("Felaktig begäran", "Bad request")
            case .error: ("Fel", "Error")
            case .api: ("JSON-API", "JSON API")
            case .otherLanguage: ("In English", "På svenska")
            }
        }
    }
}
