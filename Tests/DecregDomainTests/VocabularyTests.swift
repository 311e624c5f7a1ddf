import DecregDomain
import Testing

@Suite("One vocabulary for the command line, the summaries and the web")
struct VocabularyTests {
    @Test("Statuses, outcomes and kinds in Swedish and English")
    func words() {
        #expect(DecisionStatus.allCases.map { Vocabulary.status($0, .sv) } == [
            "utkast", "föreslaget", "godkänt", "återremitterat", "delvis antaget", "antaget", "avslaget",
        ])
        #expect(Vocabulary.status(.partlyAdopted, .en) == "partly adopted")
        #expect(Vocabulary.status(.adopted, withdrawn: true, .sv) == "makulerad")
        #expect(Vocabulary.status(.adopted, withdrawn: true, .en) == "withdrawn")
        #expect(Outcome.allCases.map { Vocabulary.outcome($0, .sv) } == [
            "föreslog", "godkände", "antog", "avslog", "återremitterade", "ändrade",
        ])
        #expect(Outcome.allCases.map { Vocabulary.outcome($0, .en) } == [
            "proposed", "approved", "adopted", "rejected", "returned", "amended",
        ])
        #expect(PartyKind.allCases.map { Vocabulary.kind($0, .sv) } == [
            "region", "kommun", "bolag", "universitet/högskola", "statlig myndighet", "annan",
        ])
        #expect(BodyKind.allCases.map { Vocabulary.kind($0, .sv) } == [
            "styrelse", "fullmäktige", "nämnd", "gemensam nämnd", "annat",
        ])
        #expect(Vocabulary.kind(BodyKind.jointCommittee, .en) == "joint committee")
    }

    @Test("Counts take the right number of the noun", arguments: [
        (1, Vocabulary.Noun.decision, Language.sv, "1 beslut"), (2, .decision, .sv, "2 beslut"),
        (1, .decision, .en, "1 decision"), (2, .decision, .en, "2 decisions"), (0, .decision, .en, "0 decisions"),
        (1, .payment, .sv, "1 betalning"), (3, .payment, .sv, "3 betalningar"), (7, .body, .en, "7 bodies"),
        (1, .party, .en, "1 party"), (3, .party, .sv, "3 parter"), (1, .openItem, .sv, "1 öppen post"),
        (2, .openItem, .sv, "2 öppna poster"), (24, .entry, .en, "24 entries"),
    ] as [(Int, Vocabulary.Noun, Language, String)])
    func counts(number: Int, noun: Vocabulary.Noun, language: Language, expected: String) {
        #expect(Vocabulary.count(number, noun, language) == expected)
    }

    @Test("Outcome words are read back in either language, in the forms a registrar writes")
    func outcomeInput() {
        for outcome in Outcome.allCases {
            #expect(Vocabulary.outcome(parsing: outcome.rawValue) == outcome)
            #expect(Vocabulary.outcome(parsing: Vocabulary.outcome(outcome, .sv)) == outcome)
            for word in Vocabulary.swedishOutcomeWords(outcome) {
                #expect(Vocabulary.outcome(parsing: word) == outcome, "\(word)")
                #expect(Vocabulary.outcome(parsing: word.uppercased()) == outcome, "\(word)")
            }
        }
        #expect(Vocabulary.outcome(parsing: "antaget") == .adopted)
        #expect(Vocabulary.outcome(parsing: "Antog") == .adopted)
        #expect(Vocabulary.outcome(parsing: "godkänd") == .approved)
        #expect(Vocabulary.outcome(parsing: "återremitterat") == .returned)
        #expect(Vocabulary.outcome(parsing: "bordlagt") == nil)
        #expect(Vocabulary.outcome(parsing: "") == nil)
    }

    @Test("Status words are read back: codes, English and Swedish, with a space or a hyphen")
    func statusInput() {
        for status in DecisionStatus.allCases {
            #expect(Vocabulary.status(parsing: status.rawValue) == status)
            #expect(Vocabulary.status(parsing: Vocabulary.status(status, .sv)) == status)
            #expect(Vocabulary.status(parsing: Vocabulary.status(status, .en)) == status)
        }
        #expect(Vocabulary.status(parsing: "delvis-antaget") == .partlyAdopted)
        #expect(Vocabulary.status(parsing: "Delvis antaget") == .partlyAdopted)
        #expect(Vocabulary.status(parsing: "antagen") == nil)
    }

    @Test("Kinds are read back in either language")
    func kindInput() {
        for kind in PartyKind.allCases {
            #expect(Vocabulary.partyKind(parsing: kind.rawValue) == kind)
            #expect(Vocabulary.partyKind(parsing: Vocabulary.kind(kind, .sv)) == kind)
            #expect(Vocabulary.partyKind(parsing: Vocabulary.kind(kind, .en)) == kind)
        }
        for kind in BodyKind.allCases {
            #expect(Vocabulary.bodyKind(parsing: kind.rawValue) == kind)
            #expect(Vocabulary.bodyKind(parsing: Vocabulary.kind(kind, .sv)) == kind)
            #expect(Vocabulary.bodyKind(parsing: Vocabulary.kind(kind, .en)) == kind)
        }
        #expect(Vocabulary.partyKind(parsing: "Kommun") == .municipality)
        #expect(Vocabulary.partyKind(parsing: "högskola") == .university)
        #expect(Vocabulary.partyKind(parsing: "statlig-myndighet") == .stateAgency)
        #expect(Vocabulary.bodyKind(parsing: "gemensam nämnd") == .jointCommittee)
        #expect(Vocabulary.bodyKind(parsing: "kommun") == nil)
    }

    @Test("The locale names a language only when it is Swedish or English")
    func locale() {
        #expect(Language(locale: "sv_SE.UTF-8") == .sv)
        #expect(Language(locale: "sv_FI") == .sv)
        #expect(Language(locale: "en_GB.UTF-8") == .en)
        #expect(Language(locale: "C") == nil)
        #expect(Language(locale: "C.UTF-8") == nil)
        #expect(Language(locale: "POSIX") == nil)
        #expect(Language(locale: "de_DE.UTF-8") == nil)
    }

    @Test("--lang, else the locale, else the register's language, else English")
    func resolution() {
        #expect(Language.resolved(option: .en, locale: .sv) { .sv } == .en)
        #expect(Language.resolved(option: nil, locale: .en) { .sv } == .en)
        #expect(Language.resolved(option: nil, locale: nil) { .sv } == .sv)
        #expect(Language.resolved(option: nil, locale: nil) { nil } == .en)
    }
}
