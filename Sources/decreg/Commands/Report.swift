import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report", abstract: "Write a report of a year or a period: decisions, totals per party and year, reconciliation.",
            discussion: """
                Covers the decisions dated or funded in the period (all years when none is given), binding --party \
                when given; figures and findings are those of `decreg totals` and `decreg reconcile`.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var document: DocumentOptions
        @OptionGroup var file: OutputFileOptions

        @Option(help: "Only this year.") var year: String?
        @Option(help: "The first year of a period (with --to).") var from: String?
        @Option(help: "The last year of a period (with --from).") var to: String?
        @Option(help: "Only decisions binding this party, and its figures.") var party: String?

        func run() throws {
            if year != nil && (from != nil || to != nil) {
                throw CommandFailure(
                    option: "--year", sv: "ange --year, eller --from och --to, inte båda",
                    en: "give --year, or --from and --to, not both")
            }
            if (from == nil) != (to == nil) {
                throw CommandFailure(
                    option: "--\(from == nil ? "from" : "to")", sv: "ange både --from och --to",
                    en: "give both --from and --to")
            }
            var years: YearRange?
            if let year {
                let single = try ArgumentValues.year(year, option: "--year")
                years = YearRange(from: single, to: single)
            } else if let from, let to {
                let first = try ArgumentValues.year(from, option: "--from")
                let last = try ArgumentValues.year(to, option: "--to")
                guard first <= last else { throw CommandFailure(
                    option: "--to", sv: "\(last) ligger före --from \(first)", en: "\(last) is before --from \(first)")
                }
                years = YearRange(from: first, to: last)
            }
            let register = try global.open(.reading)
            let report = try register.report(ReportScope(years: years, party: party))
            try file.write(document.format.render(report.document(try register.language(document.chosenLanguage))))
        }
    }
}
