import DecregDomain
import DecregStore
import Foundation

/// Small decisions built in code, for store tests on a fresh in-memory register.
enum Sample {
    static let context = ChangeContext(actor: "registrar", command: "decreg test")

    static func money(_ text: String) -> Money { try! AmountParser.parse(text) }
    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    static let parties = [
        Party(code: "SLL", name: "Stockholms läns landsting", kind: .region,
              organisationNumber: try! OrganisationNumber(parsing: "232100-0016")),
        Party(code: "HUDDINGE", name: "Huddinge kommun", kind: .municipality),
        Party(code: "BOTKYRKA", name: "Botkyrka kommun", kind: .municipality),
    ]

    static let bodies = [
        Body(code: "FLEM-PS", name: "Politiska styrgruppen", kind: .jointCommittee,
             parties: ["SLL", "HUDDINGE", "BOTKYRKA"]),
        Body(code: "SLL-LF", name: "Landstingsfullmäktige", kind: .assembly, parties: ["SLL"]),
        Body(code: "HUD-KF", name: "Kommunfullmäktige i Huddinge", kind: .assembly, parties: ["HUDDINGE"]),
        Body(code: "BOT-KF", name: "Kommunfullmäktige i Botkyrka", kind: .assembly, parties: ["BOTKYRKA"]),
    ]

    static func decision(_ ref: String = "FLEMINGSBERG-2007") -> Decision {
        Decision(
            ref: ref, title: "Utvecklingsprogram för den regionala kärnan Flemingsberg", date: date("2007-07-06"),
            parties: ["SLL", "HUDDINGE", "BOTKYRKA"], caseNumbers: [CaseNumber(party: "HUDDINGE", number: "KS-2007/123")],
            summary: "Det fastare samarbetet om utveckling av den regionala kärnan Flemingsberg inleddes under 2005.",
            clauses: [
                "att godkänna förslaget till Utvecklingsprogram",
                "att anslå 2,5 MKr för 2008",
            ],
            funding: [
                .shares(
                    year: 2008, total: money("2,5 MKr"),
                    [("SLL", money("1 MKr")), ("HUDDINGE", money("1 MKr")), ("BOTKYRKA", money("0,5 MKr"))])
            ],
            steps: [HandlingStep(body: "FLEM-PS", date: date("2007-06-27"), outcome: .approved)],
            signatories: [Signatory(name: "Göran Stiernstedt", title: "Landstingsdirektör", party: "SLL")],
            attachments: [
                Attachment(label: "Bilaga 1", title: "Utvecklingsprogram", mediaType: "text/plain",
                           content: Data("Bilaga 1\n".utf8))
            ])
    }

    /// A register with the sample parties, bodies and decision.
    static func register() throws -> Register {
        let register = try TestEngine.emptyRegister()
        try register.add(RegisterBatch(parties: parties, bodies: bodies, decisions: [decision()]), context: context)
        return register
    }
}
