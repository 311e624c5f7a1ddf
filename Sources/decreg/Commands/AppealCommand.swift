import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct AppealCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "appeal",
            abstract: "Appeals of a party's adoption (laglighetsprövning): record, list and decide them.",
            subcommands: [Add.self, List.self, Decide.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add",
                abstract: "Record an appeal of a party's adoption; one lodged after the deadline is recorded with a warning.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The party whose adoption is appealed.") var party: String
            @Option(help: "The day the appeal was lodged, YYYY-MM-DD.") var lodged: String
            @Option(help: "The court, e.g. \"Förvaltningsrätten i Stockholm\".") var court: String?
            @Option(name: .customLong("case"), help: "The court's case number.") var caseNumber: String?

            func run() throws {
                let appeal = Appeal(
                    party: try ArgumentValues.code(party, option: "--party"),
                    lodged: try ArgumentValues.date(lodged, option: "--lodged"), court: court, caseNumber: caseNumber)
                let register = try global.open(.writing)
                let result = try register.apply(.addAppeal(appeal), to: ref, context: try global.context())
                let language = try lang.language(register)
                let number = try register.decision(ref).decision.appeals.count
                Output.recorded(
                    Phrase(
                        sv: "Registrerade överklagande \(number) av \(appeal.party)s antagande av \(ref), inkommet \(appeal.lodged)",
                        en: "Recorded appeal \(number) of \(appeal.party)'s adoption of \(ref), lodged \(appeal.lodged)"
                    ).text(language), warnings: result.warnings, language)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "A decision's appeals, numbered from 1 in the order lodged.")
            @OptionGroup var global: RegisterLocation
            @OptionGroup var output: OutputOptions
            @Argument(help: "The decision's ref.") var ref: String

            func run() throws {
                let register = try global.open(.reading)
                let appeals = try register.decision(ref).decision.appeals
                let language = try output.language(register)
                switch output.format {
                case .json:
                    Output.line(
                        JSONValue.array(appeals.enumerated().map { index, appeal in
                            guard case .object(let members) = appeal.json else { return appeal.json }
                            return .object([("number", .int(Int64(index + 1)))] + members)
                        }).rendered())
                case .csv, .table:
                    let headers =
                        language == .sv
                        ? ["nr", "part", "inkommet", "domstol", "mål", "utfall", "avgjort"]
                        : ["number", "party", "lodged", "court", "case", "outcome", "decided"]
                    let rows = appeals.enumerated().map { index, appeal in
                        [
                            String(index + 1), appeal.party, appeal.lodged.description, appeal.court ?? "",
                            appeal.caseNumber ?? "", appeal.outcome?.word(language) ?? "", appeal.decided?.description ?? "",
                        ]
                    }
                    if output.format == .csv {
                        Output.write(try output.csv(headers: headers, rows: rows))
                    } else {
                        var table = TextTable(headers: headers)
                        rows.forEach { table.append($0) }
                        Output.write(table.rendered())
                    }
                }
            }
        }

        struct Decide: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "decide", abstract: "Record the court's decision of an appeal: dismissed, rejected or annulled.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Argument(help: "The appeal's number (decreg appeal list).") var number: Int
            @Option(help: "dismissed (avvisat), rejected (avslaget) or annulled (upphävt).") var outcome: AppealOutcome
            @Option(help: "The day the court decided, YYYY-MM-DD.") var date: String

            func run() throws {
                let day = try ArgumentValues.date(date, option: "--date")
                let register = try global.open(.writing)
                let result = try register.apply(.decideAppeal(number, outcome, date: day), to: ref, context: try global.context())
                let language = try lang.language(register)
                Output.recorded(
                    Phrase(
                        sv: "Överklagande \(number) av \(ref): \(outcome.word(.sv)) \(day); status nu \(Vocabulary.status(result.status ?? .draft, .sv))",
                        en: "Appeal \(number) of \(ref): \(outcome.rawValue) on \(day); status now \(Vocabulary.status(result.status ?? .draft, .en))"
                    ).text(language), warnings: result.warnings, language)
            }
        }
    }
}
