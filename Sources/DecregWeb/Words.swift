import DecregDomain

/// The words of the web pages in Swedish and English.
enum Words {
    enum Key {
        case decisions, audit, search, party, year, status, any, show, ref, date, parties, title, found
        case previous, next, page, of, noneFound, withdrawn, committed, adopted, paid, perYear, total
        case auditHead, trailIntact, trailBroken, entries, problems, emptyRegister, download, size, mediaType
        case downloads, kind, orgNumber, back, notFound, badRequest, error, api, language
    }

    static func word(_ key: Key, _ language: Language) -> String {
        let (sv, en) = pair(key)
        return language == .sv ? sv : en
    }

    private static func pair(_ key: Key) -> (String, String) {
        switch key {
        case .decisions: ("Beslut", "Decisions")
        case .audit: ("Granskningsspår", "Audit trail")
        case .search: ("Sök", "Search")
        case .party: ("Part", "Party")
        case .year: ("År", "Year")
        case .status: ("Status", "Status")
        case .any: ("alla", "any")
        case .show: ("Visa", "Show")
        case .ref: ("Beteckning", "Ref")
        case .date: ("Datum", "Date")
        case .parties: ("Parter", "Parties")
        case .title: ("Rubrik", "Title")
        case .found: ("beslut", "decisions")
        case .previous: ("Föregående", "Previous")
        case .next: ("Nästa", "Next")
        case .page: ("sida", "page")
        case .of: ("av", "of")
        case .noneFound: ("Inga beslut motsvarar sökningen.", "No decisions match.")
        case .withdrawn: ("återkallat", "withdrawn")
        case .committed: ("Åtagande", "Committed")
        case .adopted: ("Beslutat", "Adopted")
        case .paid: ("Betalt", "Paid")
        case .perYear: ("Per år", "Per year")
        case .total: ("Totalt", "Total")
        case .auditHead: ("Granskningsspårets huvud", "Audit head")
        case .trailIntact: ("Granskningsspåret är obrutet och registret stämmer med det.", "The audit trail is intact and the register matches it.")
        case .trailBroken: ("Granskningen av spåret MISSLYCKADES.", "Audit verification FAILED.")
        case .entries: ("poster", "entries")
        case .problems: ("Problem", "Problems")
        case .emptyRegister: ("Registret är tomt.", "The register is empty.")
        case .download: ("Hämta", "Download")
        case .size: ("Storlek", "Size")
        case .mediaType: ("Mediatyp", "Media type")
        case .downloads: ("Hämta bilagor", "Download attachments")
        case .kind: ("Typ", "Kind")
        case .orgNumber: ("Organisationsnummer", "Organisation number")
        case .back: ("Alla beslut", "All decisions")
        case .notFound: ("Hittades inte", "Not found")
        case .badRequest: ("Felaktig begäran", "Bad request")
        case .error: ("Fel", "Error")
        case .api: ("JSON-API", "JSON API")
        case .language: ("In English", "På svenska")
        }
    }
}
