import Crypto
import DecregDomain
import DecregInterchange
import Foundation
import GRDB
import Testing

@testable import DecregStore

/// `audit verify` reads each decision back from the rows (`DecisionScanner`) and writes its canonical JSON again;
/// what it reads back must give, byte for byte, what the model gave when the trail recorded it — which is in turn
/// the canonical form (`JSONValue.canonical`) of the record shapes `recordJSON`/`json`.
@Suite("Canonical records read back from the rows")
struct CanonicalRoundTripTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    /// A decision whose texts need every kind of escape, with a split, two currencies (one without decimals),
    /// case numbers out of code order, a signatory without party or title, and a withdrawn payment.
    static func awkward() throws -> RegisterBatch {
        let date = try LocalDate(parsing: "2024-03-01")
        var decision = Decision(
            ref: "AWK-1", title: "Citat \"så\" och \\ snedstreck\tflik", date: date, parties: ["SLL", "BOTKYRKA", "HUDDINGE"],
            caseNumbers: [CaseNumber(party: "SLL", number: "LS 2024/1"), CaseNumber(party: "BOTKYRKA", number: "KS\u{1}2024")],
            summary: nil, clauses: ["att rad\nett", "att \u{2028}skilje och 😀"],
            steps: [
                HandlingStep(body: "FLEM-PS", date: date, outcome: .approved, note: "ny\r\nrad\u{8}\u{c}"),
                HandlingStep(body: "SLL-LF", date: date, outcome: .adopted, withdrawn: "fel organ"),
                HandlingStep(
                    body: "SLL-LF", date: try LocalDate(parsing: "2024-04-02"), outcome: .adopted, minutes: "§ 7",
                    amounts: [YearAmount(year: 2025, amount: try AmountParser.parse("12 345 678,90 EUR"))]),
            ],
            signatories: [Signatory(name: "Utan parti"), Signatory(name: "Fel", withdrawn: "fel person")],
            attachments: [
                Attachment(label: "Bilaga 1", mediaType: "text/plain", content: Data("x".utf8)),
                {
                    var wrong = Attachment(label: "Bilaga 2", mediaType: "text/plain", content: Data("y".utf8))
                    wrong.withdrawn = "fel fil"
                    return wrong
                }(),
            ])
        decision.funding = [
            try .split(
                year: 2025, total: try AmountParser.parse("1 000 000 EUR"),
                [("SLL", try SplitPart(parsing: "1/3")), ("BOTKYRKA", try SplitPart(parsing: "1/3")),
                 ("HUDDINGE", try SplitPart(parsing: "1/3"))]),
            .shares(
                year: 2026, total: try AmountParser.parse("300 JPY"),
                [("SLL", try AmountParser.parse("100 JPY")), ("BOTKYRKA", try AmountParser.parse("200 JPY"))]),
            FundingYear(year: 2027, total: try AmountParser.parse("5 kr"), shares: [], withdrawn: "fel år"),
        ]
        return RegisterBatch(
            parties: Sample.parties, bodies: Sample.bodies, decisions: [decision, Sample.decision()],
            payments: [
                Payment(
                    decision: "AWK-1", party: "SLL", year: 2025, date: date,
                    amount: try AmountParser.parse("0,01 EUR"), reference: "Ref \"1\""),
                Payment(decision: "FLEMINGSBERG-2007", party: "HUDDINGE", year: 2008, date: date,
                        amount: try AmountParser.parse("1 MKr")),
            ])
    }

    /// The decisions and payments as the model encodes them, and as the scan writes them.
    static func bothEncodings(_ register: Register) throws -> (model: [String: [UInt8]], rows: [String: [UInt8]]) {
        var model: [String: [UInt8]] = [:]
        let everything = try register.everything()
        for decision in everything.decisions {
            model["decision " + decision.ref] = decision.canonicalRecord
            #expect(decision.canonicalRecord == decision.recordJSON.canonicalBytes)
        }
        for payment in everything.payments { #expect(payment.canonicalRecord == payment.json.canonicalBytes) }
        for party in everything.parties { #expect(party.canonicalRecord == party.json.canonicalBytes) }
        for body in everything.bodies { #expect(body.canonicalRecord == body.json.canonicalBytes) }
        var rows: [String: [UInt8]] = [:]
        var paymentsInOrder: [[UInt8]] = []
        try register.read { db in
            let catalog = try Catalog(db)
            var scan = try DecisionScanner(db, attachmentContent: false)
            while let (_, stored) = try scan.next() {
                for payment in stored.payments {
                    rows["payment " + String(payment.number ?? 0)] = payment.canonicalRecord
                    paymentsInOrder.append(payment.canonicalRecord)
                }
                rows["decision " + stored.decision.ref] = stored.decision.canonicalRecord
                #expect(catalog.status(of: stored.decision) == stored.status)
            }
        }
        #expect(paymentsInOrder == everything.payments.map(\.canonicalRecord))
        for (key, canonical) in rows where key.hasPrefix("payment ") { model[key] = canonical }
        return (model, rows)
    }

    @Test("Every fixture decision and payment read back gives the model's canonical JSON")
    func fixtures() throws {
        let register = try TestEngine.emptyRegister()
        var batch = RegisterBatch()
        for folder in ["flemingsberg", "sodertorn", "flemingsberg-2009"] {
            let directory = Self.fixtures.appendingPathComponent(folder)
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
            where file.hasSuffix(".yaml") {
                let part = try ImportReader.read(path: directory.appendingPathComponent(file).path)
                batch.parties += part.parties
                batch.bodies += part.bodies
                batch.decisions += part.decisions
                batch.payments += part.payments
            }
        }
        try register.add(batch, context: Sample.context)
        let (model, rows) = try Self.bothEncodings(register)
        #expect(rows.keys.filter { $0.hasPrefix("decision ") }.count == batch.decisions.count)
        #expect(rows.keys.filter { $0.hasPrefix("payment ") }.count == batch.payments.count)
        for (key, bytes) in model where key.hasPrefix("decision ") {
            #expect(rows[key].map { String(decoding: $0, as: UTF8.self) } == String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test("The seed decision's record is the bytes trails have recorded for it since the first version")
    func pinnedSeedRecord() throws {
        // Items that were never withdrawn write no `withdrawn` member, so the records of trails written before
        // steps, funding, signatories and attachments could be withdrawn keep their bytes, and verify.
        let batch = try ImportReader.read(
            path: Self.fixtures.appendingPathComponent("flemingsberg/flemingsberg-2007.yaml").path)
        let decision = try #require(batch.decisions.first)
        #expect(
            Attachment.sha256Hex(Data(decision.canonicalRecord))
                == "8c1a0f2d76a8650021d565d65cf6ec872b7e36f72c334b90fa6e5166a3eabf4c")
    }

    @Test("Escapes, splits, currencies without decimals, case numbers, withdrawals: the same bytes")
    func awkwardDecision() throws {
        let register = try TestEngine.emptyRegister()
        // The texts of AWK-1 hold what the text rules now refuse at every way in (a tab in a title, controls in a
        // case number and a note): a register written before them still holds such texts, and verifies. So AWK-1
        // is written as a session writes a decision, without the rules; the rest through the register's adds.
        var batch = try Self.awkward()
        let legacy = batch.decisions.removeFirst()
        let payments = batch.payments
        batch.payments = []
        try register.add(batch, context: Sample.context)
        try register.write { db in
            _ = try DecisionRows(db).insert(legacy, catalog: try Catalog(db))
            var audit = try AuditTrail(db, context: Sample.context)
            try audit.record(
                entity: "decision", key: legacy.ref, decision: legacy.ref, before: nil, after: legacy.canonicalRecord)
        }
        try register.add(RegisterBatch(payments: payments), context: Sample.context)
        try register.apply(.withdraw(number: 1), context: ChangeContext(actor: "r", command: "t", reason: "fel belopp"))
        try register.apply(
            .withdraw, to: "FLEMINGSBERG-2007", context: ChangeContext(actor: "r", command: "t", reason: "dubblett"))
        let everything = try register.everything()
        let awkward = try #require(everything.decisions.first { $0.ref == "AWK-1" })
        let (_, rows) = try Self.bothEncodings(register)
        #expect(
            rows["decision AWK-1"].map { String(decoding: $0, as: UTF8.self) }
                == awkward.recordJSON.canonical)
        let withdrawn = try #require(everything.decisions.first { $0.ref == "FLEMINGSBERG-2007" })
        #expect(rows["decision FLEMINGSBERG-2007"].map { String(decoding: $0, as: UTF8.self) } == withdrawn.recordJSON.canonical)
        #expect(withdrawn.recordJSON.canonical.contains("\"withdrawn\":\"dubblett\""))
        // The escapes the canonical form makes, and the characters it leaves alone.
        let text = try #require(rows["decision AWK-1"].map { String(decoding: $0, as: UTF8.self) })
        #expect(text.contains(#""title":"Citat \"så\" och \\ snedstreck\tflik""#))
        #expect(text.contains(#""KS\u00012024""#))
        #expect(text.contains("\u{2028}skilje och 😀"))
        #expect(text.contains(#""total":"300","year":2026"#))
        #expect(text.contains(#""total":"5.00","withdrawn":"fel år","year":2027"#))
        #expect(text.contains(#""outcome":"adopted","withdrawn":"fel organ"}"#))
        #expect(text.contains(#""title":null,"withdrawn":"fel person"}"#))
        #expect(text.contains(#""title":null,"withdrawn":"fel fil"}"#))
        #expect(try register.verifyAudit().intact)
    }

    @Test("An entry's hash: SHA-256 of the domain line and the canonical JSON of its fields, as documented")
    func entryHashEncoding() {
        let before = "{\"a\":\"x\"}"
        let after = "{\"a\":\"y\\n\"}"
        let documented = JSONValue.object([
            ("seq", .int(42)), ("at", .string("2026-11-26T10:00:00.000Z")), ("actor", .string("reg\"istrar")),
            ("command", .string("decreg decision correct X --title \"ny\"\t")), ("entity", .string("decision")),
            ("key", .string("X")), ("decision", .string("X")), ("reason", .null),
            ("before_sha256", .string(Attachment.sha256Hex(Data(before.utf8)))),
            ("after_sha256", .string(Attachment.sha256Hex(Data(after.utf8)))),
            ("prev_hash", .string(String(repeating: "ab", count: 32))),
        ]).canonical
        let expected = Attachment.sha256Hex(Data(("decreg-audit-v1\n" + documented).utf8))
        #expect(
            AuditTrail.hash(
                seq: 42, at: "2026-11-26T10:00:00.000Z", actor: "reg\"istrar",
                command: "decreg decision correct X --title \"ny\"\t", entity: "decision", key: "X", decision: "X",
                reason: nil, before: before, after: after, previousHash: String(repeating: "ab", count: 32))
                == expected)
    }
}
