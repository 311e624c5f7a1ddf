import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct Totals: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "totals", abstract: "What the parties committed, adopted and paid, summed by party, year, decision, body or status.",
            discussion: """
                committed: the parties' shares of the funding; adopted: what each party's own latest adopting step
                records for the year; paid: the payments. Totals are per currency; currencies are never added.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var filters: FundingFilterOptions

        @Option(help: "Group by any of party, year, decision, body, status, comma-separated: --by party,year.")
        var by: String = "party"

        func run() throws {
            var dimensions: [TotalsDimension] = []
            for name in by.split(separator: ",").map({ String($0).trimmingSpaces() }) {
                guard let dimension = TotalsDimension(rawValue: name) else {
                    throw CommandFailure(
                        option: "--by", sv: "'\(name)' är inte ett av party, year, decision, body, status",
                        en: "'\(name)' is not one of party, year, decision, body, status")
                }
                guard !dimensions.contains(dimension) else {
                    throw CommandFailure(
                        option: "--by", sv: "'\(name)' anges två gånger", en: "'\(name)' is given twice")
                }
                dimensions.append(dimension)
            }
            guard !dimensions.isEmpty else { throw CommandFailure(
                    option: "--by", sv: "ange minst ett av party, year, decision, body, status",
                    en: "name at least one of party, year, decision, body, status")
            }
            let register = try global.open()
            let rows = try register.totals(by: dimensions, filter: try filters.filter())
            switch output.format {
            case .json:
                Output.line(JSONValue.array(rows.map { row in
                    .object(row.keys.map { ($0.0.rawValue, key($0.0, $0.1)) } + [
                        ("currency", .string(row.currency.code)), ("committed", .string(row.committed.decimalString)),
                        ("adopted", .string(row.adopted.decimalString)), ("paid", .string(row.paid.decimalString)),
                    ])
                }).rendered())
            case .csv:
                Output.write(try output.csv(
                    headers: dimensions.map(\.rawValue) + ["currency", "committed", "adopted", "paid"],
                    rows: rows.map { row in
                        row.keys.map { $0.1 ?? "" } + [
                            row.currency.code, row.committed.decimalString, row.adopted.decimalString,
                            row.paid.decimalString,
                        ]
                    }))
            case .table:
                let language = try output.language(register)
                var table = TextTable(
                    headers: dimensions.map { Vocabulary.dimension($0, language) } + Vocabulary.figureColumns(language),
                    alignments: dimensions.map { $0 == .year ? .right : .left } + [.right, .right, .right])
                for row in rows {
                    table.append(row.keys.map { shown($0.0, $0.1, language) } + figures(row, language))
                }
                for total in TotalsRow.grandTotals(rows) {
                    table.append(
                        [Vocabulary.word(.total, language)] + Array(repeating: "", count: dimensions.count - 1)
                            + figures(total, language))
                }
                Output.write(table.rendered())
            }
        }

        /// A key as people read it: a status in words, `–` where there is none.
        func shown(_ dimension: TotalsDimension, _ value: String?, _ language: Language) -> String {
            guard let value else { return "–" }
            guard dimension == .status, let status = DecisionStatus(rawValue: value) else { return value }
            return Vocabulary.status(status, language)
        }

        func figures(_ row: TotalsRow, _ language: Language) -> [String] {
            [row.committed.formatted(language), row.adopted.formatted(language), row.paid.formatted(language)]
        }

        /// Years are numbers in JSON; other keys are texts, or null (a body where none adopted).
        func key(_ dimension: TotalsDimension, _ value: String?) -> JSONValue {
            guard let value else { return .null }
            if dimension == .year, let year = Int64(value) { return .int(year) }
            return .string(value)
        }
    }
}
