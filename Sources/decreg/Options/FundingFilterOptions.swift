import ArgumentParser
import DecregDomain
import DecregStore

/// `--party`, `--year` (or a range `2024..2026`), `--decision`, `--status`: which figures to sum or check.
struct FundingFilterOptions: ParsableArguments {
    @Option(help: "Only this party.") var party: String?
    @Option(help: "Only this year, or a range of years: 2024..2026.") var year: String?
    @Option(help: "Only this decision.") var decision: String?
    @Option(help: "Only decisions with this status.") var status: DecisionStatus?

    func filter(decision ref: String? = nil) throws -> FundingFilter {
        let years = try year.map { try ArgumentValues.yearRange($0, option: "--year") }
        return FundingFilter(party: party, years: years, decision: ref ?? decision, status: status)
    }
}

/// `--csv-sep`: the field separator of CSV output; `;` for Swedish spreadsheets.
struct CSVOptions: ParsableArguments {
    @Option(name: .customLong("csv-sep"), help: "The CSV field separator: , (default) or ; for Swedish spreadsheets.")
    var separator: String = ","

    @Flag(
        name: .customLong("csv-raw"),
        help: "Write each cell as it is (else a ' before = + - @ stops a formula; controls show as \\u{1B}).")
    var raw = false

    func character() throws -> Character {
        guard separator.count == 1, let character = separator.first, character != "\"", !character.isNewline else {
            throw CommandFailure(
                option: "--csv-sep", sv: "ange ett tecken, som , eller ;", en: "give one character such as , or ;")
        }
        return character
    }
}
