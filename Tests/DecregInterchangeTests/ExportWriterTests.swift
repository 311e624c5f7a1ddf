import DecregDomain
import DecregInterchange
import Foundation
import Testing

private func reRead(_ text: String) throws -> RegisterBatch {
    try ImportReader.read(data: Data(text.utf8), file: "export.json", baseDirectory: packageRoot)
}

@Suite("Export writer")
struct ExportWriterTests {
    @Test(
        "export, re-import, export: the same batch and the same text",
        arguments: [
            "flemingsberg/flemingsberg-2007.yaml", "flemingsberg-2009/flemingsberg-genomforande-2009.yaml",
            "sodertorn/sodertorn-trafik-2024.yaml",
        ])
    func roundTrip(file: String) throws {
        let batch = try ImportReader.read(path: fixture(file).path)
        let text = ExportWriter.json(batch)
        let again = try reRead(text)

        #expect(again.parties == batch.parties)
        #expect(again.bodies == batch.bodies)
        #expect(again.decisions == batch.decisions)
        #expect(again.payments == batch.payments)
        #expect(ExportWriter.json(again) == text)
    }

    @Test("attachments travel inline with their content")
    func attachmentsInline() throws {
        let batch = try ImportReader.read(path: fixture("flemingsberg/flemingsberg-2007.yaml").path)
        let text = ExportWriter.json(batch)
        let again = try reRead(text)
        let before = try #require(batch.decisions.first).attachments
        let after = try #require(again.decisions.first).attachments
        #expect(after.count == 4)
        #expect(after.map(\.content) == before.map(\.content))
        #expect(after.allSatisfy { $0.content?.isEmpty == false })
        #expect(after.map(\.sha256) == before.map(\.sha256))
        #expect(after.map(\.title) == before.map(\.title))
        let first = try #require(before.first?.content)
        #expect(text.contains("\"content_base64\": \"\(first.base64EncodedString())\""))
    }

    @Test("the export is JSON with amounts as exact decimal strings")
    func shape() throws {
        let batch = try ImportReader.read(path: fixture("flemingsberg/flemingsberg-2007.yaml").path)
        let text = ExportWriter.json(batch)
        #expect(text.hasSuffix("}\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["parties", "bodies", "decisions", "payments"])
        #expect(text.contains(#""total": "2500000.00""#))
        #expect(text.contains(#""BOTKYRKA": "500000.00""#))
        #expect(text.contains(#""org_number": "232100-0016""#))
        // The pretty rendering keeps the schema's order: parties first.
        #expect(text.hasPrefix("{\n  \"parties\": [\n"))
    }

    @Test("an empty batch exports and re-reads as empty")
    func emptyBatch() throws {
        let text = ExportWriter.json(RegisterBatch())
        #expect(text == "{\n  \"parties\": [],\n  \"bodies\": [],\n  \"decisions\": [],\n  \"payments\": []\n}\n")
        let again = try reRead(text)
        #expect(again.parties.isEmpty && again.decisions.isEmpty)
    }

    @Test("amounts in another currency than the entry's keep their code")
    func mixedCurrencies() throws {
        let eur = Currency(code: "EUR")!
        let decision = Decision(
            ref: "EU-1", title: "Euro", date: LocalDate(year: 2024, month: 3, day: 1)!, parties: ["A"],
            funding: [FundingYear.shares(year: 2024, total: Money(minorUnits: 150, currency: eur), [("A", Money(minorUnits: 150, currency: eur))])],
            steps: [
                HandlingStep(
                    body: "A-KF", date: LocalDate(year: 2024, month: 3, day: 2)!, outcome: .adopted,
                    amounts: [
                        YearAmount(year: 2024, amount: Money(minorUnits: 100)),
                        YearAmount(year: 2025, amount: Money(minorUnits: 250, currency: eur)),
                    ])
            ])
        let batch = RegisterBatch(
            parties: [Party(code: "A", name: "Alfa")],
            decisions: [decision],
            payments: [Payment(decision: "EU-1", party: "A", year: 2024, date: LocalDate(year: 2024, month: 4, day: 1)!, amount: Money(minorUnits: 150, currency: eur))])
        let text = ExportWriter.json(batch)
        #expect(text.contains(#""2025": "2.50 EUR""#))
        let again = try reRead(text)
        #expect(again.decisions == batch.decisions)
        #expect(again.payments == batch.payments)
        #expect(ExportWriter.json(again) == text)
    }

    @Test("texts with quotes, backslashes, tabs and line breaks survive the round trip")
    func escapedTexts() throws {
        let decision = Decision(
            ref: "T-1", title: "Ett \"citat\", en \\ och\ten tabb",
            date: LocalDate(year: 2024, month: 1, day: 1)!, parties: ["A"],
            summary: "Rad ett\nRad två\r\n\n  indraget  ", clauses: ["att: godkänna # inte en kommentar", "null", "2008-01-01"],
            signatories: [Signatory(name: "Ö. Åsa", title: "~", party: "A")])
        let batch = RegisterBatch(parties: [Party(code: "A", name: "yes")], decisions: [decision])
        let again = try reRead(ExportWriter.json(batch))
        #expect(again.decisions == batch.decisions)
        #expect(again.parties == batch.parties)
    }

    @Test("texts with Unicode line or paragraph separators survive the round trip")
    func unicodeSeparators() throws {
        // Text pasted from word processors may hold U+2028; the export writes it raw inside a JSON string.
        let decision = Decision(
            ref: "T-2", title: "Rubrik\u{2028}med radbrytning", date: LocalDate(year: 2024, month: 1, day: 1)!,
            parties: ["A"], summary: "Stycke\u{2029}nästa\u{85}NEL")
        let batch = RegisterBatch(parties: [Party(code: "A", name: "Alfa")], decisions: [decision])
                let again = try reRead(ExportWriter.json(batch))
        #expect(again.decisions == batch.decisions)
    }

    @Test("texts with control characters JSON does not escape survive the round trip")
    func deleteCharacter() throws {
        let decision = Decision(
            ref: "T-3", title: "Rubrik\u{7F}", date: LocalDate(year: 2024, month: 1, day: 1)!, parties: ["A"])
        let batch = RegisterBatch(parties: [Party(code: "A", name: "Alfa")], decisions: [decision])
                let again = try reRead(ExportWriter.json(batch))
        #expect(again.decisions == batch.decisions)
    }
}
