import ArgumentParser
import DecregDomain
import DecregStore


extension Decreg {
    struct StepCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "step", abstract: "Record handling steps.", subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", abstract: "Record that a body proposed, approved, adopted, … a decision.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The body's code.") var body: String
            @Option(help: "The date, YYYY-MM-DD.") var date: String
            @Option(help: "proposed, approved, adopted, rejected, returned or amended.") var outcome: Outcome
            @Option(help: "The minutes paragraph, e.g. \"§ 87\".") var minutes: String?
            @Option(help: "A note.") var note: String?
            @Option(help: "An adopted amount for a year: YEAR=AMOUNT, e.g. 2008=1MKr; repeat per year.")
            var amount: [String] = []

            func run() throws {
                var step = HandlingStep(
                    body: try ArgumentValues.code(body, option: "--body"),
                    date: try ArgumentValues.date(date, option: "--date"), outcome: outcome, minutes: minutes, note: note)
                for item in amount {
                    let (year, value) = try ArgumentValues.pair(item, option: "--amount", example: "2008=1MKr")
                    step.amounts.append(
                        YearAmount(
                            year: try ArgumentValues.year(year, option: "--amount"),
                            amount: try ArgumentValues.money(value, option: "--amount")))
                }
                let status = try global.open().addStep(step, to: ref, context: try global.context())
                Output.confirmation("Recorded: \(body) \(outcome.rawValue) \(ref) on \(date); status now \(status.rawValue)")
            }
        }
    }
}
