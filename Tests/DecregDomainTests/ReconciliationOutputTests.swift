import DecregDomain
import Testing

@Suite("Reconciliation output, written as the findings come")
struct ReconciliationOutputTests {
    static let mismatch = Finding(
        decision: "FLEMINGSBERG-2009", year: 2009, party: "BOTKYRKA", kind: .adoptedMismatch,
        expected: Money(minorUnits: 60_000_000), actual: Money(minorUnits: 50_000_000))
    static let split = Finding(
        decision: "SPLIT", year: 2024, party: nil, kind: .splitSum,
        expected: Money(minorUnits: 100_000_000), actual: Money(minorUnits: 90_000_000))
    static let outstanding = Finding(
        decision: "FLEMINGSBERG-2009", year: 2009, party: "HUDDINGE", kind: .outstanding,
        amount: Money(minorUnits: 60_000_000))
    static let notAdopted = Finding(
        decision: "SPLIT", year: 2024, party: "A", kind: .notAdopted, amount: Money(minorUnits: 90_000_000))

    /// The object as it was built whole before streaming: what every reader of `reconcile --format json` expects.
    static func whole(_ findings: [Finding]) -> String {
        let discrepancies = findings.filter(\.kind.isDiscrepancy)
        let open = findings.filter { !$0.kind.isDiscrepancy }
        return JSONValue.object([
            ("balanced", .bool(discrepancies.isEmpty)),
            ("discrepancies", .array(discrepancies.map(\.json))), ("open", .array(open.map(\.json))),
        ]).rendered() + "\n"
    }

    @Test(
        "JSON streamed discrepancies first is byte for byte the whole object",
        arguments: [
            [], [mismatch], [mismatch, split], [outstanding], [outstanding, notAdopted],
            [mismatch, outstanding, split, notAdopted],
        ] as [[Finding]])
    func json(findings: [Finding]) {
        var json = ReconciliationJSON()
        var streamed: [UInt8] = []
        for finding in findings.filter(\.kind.isDiscrepancy) + findings.filter({ !$0.kind.isDiscrepancy }) {
            streamed += json.add(finding)
        }
        streamed += json.finish()
        #expect(String(decoding: streamed, as: UTF8.self) == Self.whole(findings))
    }

    @Test("The terminal report: grouped by decision, the verdict and counts last")
    func table() {
        var report = ReconciliationReport(language: .en)
        let first = report.lines(for: Self.mismatch)
        let second = report.lines(for: Self.outstanding)
        let third = report.lines(for: Self.split)
        #expect(first.hasPrefix("FLEMINGSBERG-2009\n  ✗ 2009  BOTKYRKA adopted"))
        #expect(!second.contains("FLEMINGSBERG-2009\n"))
        #expect(third.hasPrefix("\nSPLIT\n  ✗ 2024"))
        #expect(report.closing() == "\nNot balanced — 2 discrepancies, 1 open item\n")
        #expect(ReconciliationReport(language: .sv).closing()
            == "Balanserat: alla fördelningar, beslut och betalningar stämmer — 0 avvikelser, 0 öppna poster\n")
    }
}
