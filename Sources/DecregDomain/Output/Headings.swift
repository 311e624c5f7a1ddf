/// Headings and labels in Swedish and English, in one place so every output says things the same way.
public enum Headings {
    public static func partyColumns(_ language: Language) -> [String] {
        language == .sv ? ["kod", "namn", "typ", "organisationsnummer"] : ["code", "name", "kind", "org number"]
    }

    public static func bodyColumns(_ language: Language) -> [String] {
        language == .sv ? ["kod", "namn", "typ", "parter"] : ["code", "name", "kind", "parties"]
    }

    public static func decisionColumns(_ language: Language) -> [String] {
        language == .sv ? ["ref", "datum", "status", "parter", "rubrik"] : ["ref", "date", "status", "parties", "title"]
    }

    public static func attachmentColumns(_ language: Language) -> [String] {
        language == .sv
            ? ["bilaga", "rubrik", "storlek", "sha256", "mediatyp"] : ["label", "title", "size", "sha256", "media type"]
    }

    public static func figureColumns(_ language: Language) -> [String] {
        language == .sv ? ["åtagande", "beslutat", "betalt"] : ["committed", "adopted", "paid"]
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

    /// A word of the decision sheet.
    public static func word(_ key: Word, _ language: Language) -> String {
        switch language {
        case .en: return key.english
        case .sv: return key.swedish
        }
    }

    public enum Word {
        case date, status, parties, caseNumbers, clauses, funding, total, shares, split, handling, payments
        case signatories, attachments, summary, noneYet, bytes, grandTotal, withdrawn

        var english: String {
            switch self {
            case .date: "Date"
            case .status: "Status"
            case .parties: "Parties"
            case .caseNumbers: "Case numbers"
            case .clauses: "Proposed decision"
            case .funding: "Funding"
            case .total: "total"
            case .shares: "shares"
            case .split: "split"
            case .handling: "Handling"
            case .payments: "Payments"
            case .signatories: "Signatories"
            case .attachments: "Attachments"
            case .summary: "Background"
            case .noneYet: "none yet"
            case .bytes: "bytes"
            case .grandTotal: "Total"
            case .withdrawn: "Withdrawn"
            }
        }

        var swedish: String {
            switch self {
            case .date: "Datum"
            case .status: "Status"
            case .parties: "Parter"
            case .caseNumbers: "Diarienummer"
            case .clauses: "Förslag till beslut"
            case .funding: "Finansiering"
            case .total: "totalt"
            case .shares: "andelar"
            case .split: "fördelning"
            case .handling: "Beslutsgång"
            case .payments: "Utbetalningar"
            case .signatories: "Undertecknare"
            case .attachments: "Bilagor"
            case .summary: "Ärendet"
            case .noneYet: "inga ännu"
            case .bytes: "byte"
            case .grandTotal: "Totalt"
            case .withdrawn: "Återkallat"
            }
        }
    }
}
