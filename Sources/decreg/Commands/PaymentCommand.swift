import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct PaymentCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payment", abstract: "Record, list, correct and withdraw payments towards decisions' funding.",
            subcommands: [Add.self, List.self, Correct.self, Withdraw.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a party's payment for a year.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The paying party's code.") var party: String
            @Option(help: "The year the payment is for.") var year: String
            @Option(help: "The payment date, YYYY-MM-DD.") var date: String
            @Option(help: "The amount, e.g. \"1 MKr\".") var amount: String
            @Option(help: "The payment's reference (invoice, voucher).") var reference: String?
            @Flag(help: "Record it although an identical payment is recorded (a second instalment).") var again = false

            func run() throws {
                let payment = Payment(
                    decision: try ArgumentValues.ref(ref), party: try ArgumentValues.code(party, option: "--party"),
                    year: try ArgumentValues.year(year, option: "--year"),
                    date: try ArgumentValues.date(date, option: "--date"),
                    amount: try ArgumentValues.money(amount, option: "--amount"), reference: reference)
                let register = try global.open()
                let result = try register.apply(.add(payment, again: again), context: try global.context())
                try Output.recorded(
                    .paymentRecorded(
                        number: result.payment ?? 0, party: payment.party, amount: payment.amount, year: payment.year,
                        ref: ref), in: register, lang, warnings: result.warnings)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List payments with their numbers, as correct and withdraw name them.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions
            @Argument(help: "Only payments towards this decision.") var ref: String?
            @Option(help: "Only this party's payments.") var party: String?
            @Option(help: "Only payments for this year, or a range of years: 2024..2026.") var year: String?

            func run() throws {
                let years = try year.map { try ArgumentValues.yearRange($0, option: "--year") }
                let register = try global.open()
                let payments = try register.payments(FundingFilter(party: party, years: years, decision: ref, status: nil))
                switch output.format {
                case .json: Output.line(JSONValue.array(payments.map(\.listedJSON)).rendered())
                case .csv:
                    let rows = payments.map { payment in
                        [
                            String(payment.number ?? 0), payment.decision, payment.party, String(payment.year),
                            payment.date.description, payment.amount.decimalString, payment.reference ?? "",
                            payment.withdrawn ?? "",
                        ]
                    }
                    Output.write(try output.csv(headers: Vocabulary.paymentColumns(.en), rows: rows))
                case .table:
                    let language = try output.language(register)
                    var table = TextTable(
                        headers: Vocabulary.paymentColumns(language),
                        alignments: [.right, .left, .left, .left, .left, .right, .left, .left])
                    for payment in payments {
                        table.append([
                            String(payment.number ?? 0), payment.decision, payment.party, String(payment.year),
                            payment.date.description, payment.amount.formatted(language), payment.reference ?? "",
                            payment.withdrawn.map { "\(Vocabulary.word(.withdrawnState, language)): \($0)" } ?? "",
                        ])
                    }
                    Output.write(table.rendered())
                }
            }
        }

        struct Correct: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "correct", abstract: "Correct a recorded payment, with the reason; the trail keeps what it was.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The payment's number, as payment list shows it.") var number: Int64
            @Option(help: "The paying party's code.") var party: String?
            @Option(help: "The year the payment is for.") var year: String?
            @Option(help: "The payment date, YYYY-MM-DD.") var date: String?
            @Option(help: "The amount, e.g. \"1 MKr\".") var amount: String?
            @Option(help: "The reference; an empty text removes it.") var reference: String?
            @Option(help: "Why the payment is corrected (required).") var reason: String

            func run() throws {
                let correction = PaymentCorrection(
                    party: try party.map { try ArgumentValues.code($0, option: "--party") },
                    year: try year.map { try ArgumentValues.year($0, option: "--year") },
                    date: try date.map { try ArgumentValues.date($0, option: "--date") },
                    amount: try amount.map { try ArgumentValues.money($0, option: "--amount") }, reference: reference)
                let register = try global.open()
                let result = try register.apply(
                    .correct(number: number, correction), context: try global.context(reason: reason))
                try Output.recorded(
                    .paymentCorrected(number: number, reason: reason), in: register, lang, warnings: result.warnings)
            }
        }
    }
}

extension Decreg.PaymentCommand {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw", abstract: "Mark a payment entered in error as withdrawn, with the reason; it then counts for nothing.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption
        @Argument(help: "The payment's number, as payment list shows it.") var number: Int64
        @Option(help: "Why it is withdrawn (required).") var reason: String

        func run() throws {
            let register = try global.open()
            try register.apply(.withdraw(number: number), context: try global.context(reason: reason))
            try Output.recorded(.paymentWithdrawn(number: number, reason: reason), in: register, lang)
        }
    }
}
