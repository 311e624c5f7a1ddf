import ArgumentParser
import DecregDomain
import DecregStore


extension Decreg {
    struct StepCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "step", abstract: "Record, list, correct and withdraw a decision's handling steps.",
            subcommands: [Add.self, List.self, Correct.self, Withdraw.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "add", abstract: "Record that a body proposed, approved, adopted, … a decision.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The body's code.") var body: String
            @Option(help: "The date, YYYY-MM-DD.") var date: String
            @Option(help: "proposed, approved, adopted, rejected, returned or amended.") var outcome: Outcome
            @Option(help: "The minutes paragraph, e.g. \"§ 87\".") var minutes: String?
            @Option(help: "A note.") var note: String?
            @Option(
                help: "An adopted amount: YEAR=AMOUNT, or FROM..TO=AMOUNT for the same each year, e.g. 2008=1MKr.")
            var amount: [String] = []
            @Option(help: "The day the minutes were checked (justerade), YYYY-MM-DD.") var justified: String?
            @Option(help: "The day the checking was announced on the notice board (anslaget), YYYY-MM-DD.")
            var posted: String?

            func run() throws {
                let step = HandlingStep(
                    body: try ArgumentValues.code(body, option: "--body"),
                    date: try ArgumentValues.date(date, option: "--date"), outcome: outcome, minutes: minutes,
                    note: note, amounts: try ArgumentValues.yearAmounts(amount, option: "--amount"),
                    justified: try justified.map { try ArgumentValues.date($0, option: "--justified") },
                    posted: try posted.map { try ArgumentValues.date($0, option: "--posted") })
                let register = try global.open(.writing)
                let result = try register.apply(.addStep(step), to: ref, context: try global.context())
                try Output.recorded(
                    .stepRecorded(
                        body: step.body, outcome: outcome, ref: ref, date: step.date, status: result.status ?? .draft),
                    in: register, lang, warnings: result.warnings)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List a decision's handling steps, numbered as correct and withdraw name them.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions
            @Argument(help: "The decision's ref.") var ref: String

            func run() throws {
                let register = try global.open(.reading)
                let steps = try register.decision(ref).decision.steps
                switch output.format {
                case .json:
                    Output.line(
                        JSONValue.array(
                            steps.enumerated().map { index, step in
                                guard case .object(let members) = step.json else { return step.json }
                                return .object([("number", .int(Int64(index + 1)))] + members)
                            }
                        ).rendered())
                case .csv:
                    // Codes and exact amounts, for programs; the withdrawal's reason in its own column.
                    let rows = steps.enumerated().map { index, step in
                        [
                            String(index + 1), step.date.description, step.body, step.outcome.rawValue,
                            step.minutes ?? "",
                            step.amounts.map { "\($0.year)=\($0.amount.decimalString)" }.joined(separator: " "),
                            step.note ?? "", step.withdrawn ?? "",
                        ]
                    }
                    Output.write(try output.csv(headers: Vocabulary.stepColumns(.en), rows: rows))
                case .table:
                    let language = try output.language(register)
                    var table = TextTable(
                        headers: Vocabulary.stepColumns(language),
                        alignments: [.right] + Array(repeating: .left, count: 7))
                    for (index, step) in steps.enumerated() {
                        table.append([
                            String(index + 1), step.date.description, step.body,
                            Vocabulary.outcome(step.outcome, language), step.minutes ?? "",
                            step.amounts.map { "\($0.year): \($0.amount.formatted(language))" }.joined(separator: ", "),
                            step.note ?? "",
                            step.withdrawn.map { "\(Vocabulary.word(.withdrawnState, language)): \($0)" } ?? "",
                        ])
                    }
                    Output.write(table.rendered())
                }
            }
        }

        struct Correct: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "correct",
                abstract: "Correct a recorded step, with the reason; the trail keeps what it was.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Argument(help: "The step's number, as step list shows it.") var number: Int
            @Option(help: "The body's code.") var body: String?
            @Option(help: "The date, YYYY-MM-DD.") var date: String?
            @Option(help: "proposed, approved, adopted, rejected, returned or amended.") var outcome: Outcome?
            @Option(help: "The minutes paragraph, e.g. \"§ 98\"; an empty text removes it.") var minutes: String?
            @Option(help: "The note; an empty text removes it.") var note: String?
            @Option(help: "The adopted amounts, all of them: YEAR=AMOUNT or FROM..TO=AMOUNT; repeat per year.")
            var amount: [String] = []
            @Flag(name: .customLong("no-amounts"), help: "The step adopted no amounts: remove them.") var noAmounts = false
            @Option(help: "The day the minutes were checked (justerade), YYYY-MM-DD.") var justified: String?
            @Option(help: "The day the checking was announced on the notice board (anslaget), YYYY-MM-DD.")
            var posted: String?
            @Option(help: "Why the step is corrected (required).") var reason: String

            func run() throws {
                if noAmounts && !amount.isEmpty {
                    throw CommandFailure(
                        sv: "ange --amount eller --no-amounts, inte båda",
                        en: "give --amount or --no-amounts, not both")
                }
                let correction = StepCorrection(
                    body: try body.map { try ArgumentValues.code($0, option: "--body") },
                    date: try date.map { try ArgumentValues.date($0, option: "--date") }, outcome: outcome,
                    minutes: minutes, note: note,
                    amounts: noAmounts ? [] : amount.isEmpty ? nil : try ArgumentValues.yearAmounts(amount, option: "--amount"),
                    justified: try justified.map { try ArgumentValues.date($0, option: "--justified") },
                    posted: try posted.map { try ArgumentValues.date($0, option: "--posted") })
                let register = try global.open(.writing)
                let result = try register.apply(
                    .correctStep(number, correction), to: ref, context: try global.context(reason: reason))
                try Output.recorded(
                    .stepCorrected(number: number, ref: ref, reason: reason, status: result.status ?? .draft),
                    in: register, lang, warnings: result.warnings)
            }
        }

        struct Withdraw: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "withdraw",
                abstract: "Mark a step recorded in error as withdrawn, with the reason; it then counts for nothing.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Argument(help: "The step's number, as step list shows it.") var number: Int
            @Option(help: "Why it is withdrawn (required).") var reason: String

            func run() throws {
                let register = try global.open(.writing)
                let result = try register.apply(
                    .withdrawStep(number), to: ref, context: try global.context(reason: reason))
                try Output.recorded(
                    .stepWithdrawn(number: number, ref: ref, reason: reason, status: result.status ?? .draft),
                    in: register, lang, warnings: result.warnings)
            }
        }
    }
}
