import DecregDomain
import Foundation
import Testing

/// The audit trail hashes each entity's canonical record JSON, written straight from the model; it must be the
/// canonical form of the record shapes that `--format json` shows, byte for byte, or old trails stop verifying.
@Suite("Canonical records written from the model")
struct CanonicalRecordTests {
    static let day = try! LocalDate(parsing: "2009-01-31")

    /// Nothing optional given, every list empty.
    static let bare = Decision(ref: "R-1", title: "Titel", date: day, parties: ["A"])

    /// Every member given, case numbers out of code order, texts that need escapes, a currency without decimals.
    static func full() throws -> Decision {
        var decision = Decision(
            ref: "KS-2009/1:a", title: "\"Citat\" \\ och\tflik", date: day, parties: ["ÖSTRA", "BETA", "A"],
            caseNumbers: [
                CaseNumber(party: "ÖSTRA", number: "Ö 1"), CaseNumber(party: "BETA", number: "B\u{1}2"),
                CaseNumber(party: "A", number: "A 3"),
            ],
            summary: "rad ett\nrad två \u{2028} 😀", clauses: ["att a", "att b"],
            steps: [
                HandlingStep(body: "A-KF", date: day, outcome: .adopted, minutes: "§ 1", note: "not",
                    amounts: [YearAmount(year: 2010, amount: try AmountParser.parse("1 234,56 kr"))]),
                HandlingStep(body: "B-KS", date: day, outcome: .proposed),
            ],
            signatories: [Signatory(name: "N", title: "T", party: "A"), Signatory(name: "Utan")],
            attachments: [
                Attachment(label: "Bilaga 1", title: nil, mediaType: "text/plain", content: .init("x".utf8)),
                Attachment(
                    label: "Bilaga 2", title: "Karta", mediaType: "application/pdf", size: 3,
                    sha256: String(repeating: "a", count: 64)),
            ],
            withdrawn: "fel")
        decision.funding = [
            try .split(
                year: 2010, total: try AmountParser.parse("1 000 000 kr"),
                [("A", try SplitPart(parsing: "1/3")), ("BETA", try SplitPart(parsing: "2/3"))]),
            .shares(
                year: 2011, total: try AmountParser.parse("300 JPY"), [("ÖSTRA", try AmountParser.parse("300 JPY"))]),
        ]
        return decision
    }

    @Test("A decision's record, bare and full, is the canonical form of its record JSON")
    func decisions() throws {
        #expect(Self.bare.canonicalRecord == Self.bare.recordJSON.canonicalBytes)
        let full = try Self.full()
        #expect(String(decoding: full.canonicalRecord, as: UTF8.self) == full.recordJSON.canonical)
        #expect(
            String(decoding: full.canonicalRecord, as: UTF8.self)
                .contains(#""case_numbers":{"A":"A 3","BETA":"B\u00012","ÖSTRA":"Ö 1"}"#))
    }

    @Test("Parties, bodies and payments, with and without their optional members")
    func otherRecords() throws {
        let parties = [
            Party(code: "A", name: "Kommun \"A\"", kind: .municipality),
            Party(
                code: "B", name: "B AB", kind: .company,
                organisationNumber: try OrganisationNumber(parsing: "212000-0142")),
        ]
        for party in parties { #expect(party.canonicalRecord == party.json.canonicalBytes) }
        let body = Body(code: "A-KF", name: "Fullmäktige", kind: .assembly, parties: ["A", "B"])
        #expect(body.canonicalRecord == body.json.canonicalBytes)
        var payment = Payment(
            decision: "R-1", party: "A", year: 2010, date: Self.day, amount: try AmountParser.parse("0,05 kr"))
        #expect(payment.canonicalRecord == payment.json.canonicalBytes)
        payment.reference = "F-1"
        payment.withdrawn = "dubblett"
        payment.number = 7
        #expect(String(decoding: payment.canonicalRecord, as: UTF8.self) == payment.json.canonical)
    }
}
