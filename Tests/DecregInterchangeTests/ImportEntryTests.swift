import DecregDomain
import DecregInterchange
import Foundation
import Testing

/// Reading goes on past a bad field and a bad entity: each entity comes with every problem found in it.
@Suite("Import reader: every problem of every entity")
struct ImportEntryTests {
    func entries(_ yaml: String) throws -> (entries: [ImportEntry], path: String, directory: TemporaryDirectory) {
        let directory = try TemporaryDirectory()
        let path = try directory.write(yaml, to: "import.yaml")
        var entries: [ImportEntry] = []
        try ImportReader.read(path: path, displayName: "import.yaml") { entries.append($0) }
        return (entries, path, directory)
    }

    @Test("A decision's bad fields are all reported, each with its line, and its ref is kept")
    func everyField() throws {
        let yaml = """
            decisions:
              - ref: NY-1
                title: ""
                date: 2010-02-30
                colour: red
                parties: [SLL, "bad code"]
                funding:
                  - {year: 2010, total: 2 Mkrr, shares: {SLL: 1 MKr}}
                  - {year: 20, total: 1 MKr, shares: {SLL: 1 MKr}}
                steps:
                  - {body: SLL-LS, date: 2010-01-01, outcome: maybe}
            payments:
              - {decision: NY-1, party: SLL, year: 2010, date: 2010-03-01, amount: 1 MKr}

            """
        let (entries, _, directory) = try entries(yaml)
        defer { directory.remove() }
        #expect(entries.map(\.path) == ["decisions[0]", "payments[0]"])
        guard case .failure(let unread) = entries[0].content else {
            Issue.record("the decision was read")
            return
        }
        #expect(unread.key == "NY-1")
        var problems = ImportProblems()
        problems.append(file: unread.problems)
        #expect(problems.lines == [
            "import.yaml:3: decisions[0].title: must not be empty",
            "import.yaml:4: decisions[0].date: '2010-02-30' is not a day in the calendar",
            "import.yaml:5: decisions[0].colour: unknown field 'colour'; expected one of: ref, title, date, parties, "
                + "case_numbers, summary, clauses, funding, steps, signatories, attachments, currency, withdrawn, appeals",
            "import.yaml:6: decisions[0].parties[1]: " + Identifiers.codeRule("bad code").en,
            "import.yaml:8: decisions[0].funding[0].total: unknown unit 'Mkrr': use kr, tkr, MKr, mnkr, mdkr or a currency code such as SEK, MSEK, EUR",
            "import.yaml:9: decisions[0].funding[1].year: '20' is not a year (1000–9999)",
            "import.yaml:11: decisions[0].steps[0].outcome: 'maybe' is not one of: proposed, approved, adopted, "
                + "rejected, returned, amended",
        ])
        guard case .success(.payment(let payment, again: false)) = entries[1].content else {
            Issue.record("the payment was not read")
            return
        }
        #expect(payment.decision == "NY-1")
        #expect(entries[1].problem(Phrase(verbatim: "no such thing"), field: "payments[0].party").description
            == "import.yaml:13: payments[0].party: no such thing")
    }

    @Test("A whole file read into a batch throws its first problem by line")
    func batchThrowsTheFirst() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            """
            parties:
              - {code: A, name: ""}
            bodies:
              - {code: "-B", name: B, parties: [A]}

            """, to: "import.yaml")
        let error = #expect(throws: ImportError.self) { try ImportReader.read(path: path, displayName: "import.yaml") }
        #expect(error?.description == "import.yaml:2: parties[0].name: must not be empty")
    }
}
