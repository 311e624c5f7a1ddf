import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct PaymentCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "payment", abstract: "Record payments towards a decision's funding.", subcommands: [Add.self, Withdraw.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a party's payment for a year.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The paying party's code.") var party: String
            @Option(help: "The year the payment is for.") var year: String
            @Option(help: "The payment date, YYYY-MM-DD.") var date: String
            @Option(help: "The amount, e.g. \"1 MKr\".") var amount: String
            @Option(help: "The payment's reference (invoice, voucher).") var reference: String?

            func run() throws {
                let payment = Payment(
                    decision: try ArgumentValues.ref(ref), party: try ArgumentValues.code(party, option: "--party"),
                    year: try ArgumentValues.year(year, option: "--year"),
                    date: try ArgumentValues.date(date, option: "--date"),
                    amount: try ArgumentValues.money(amount, option: "--amount"), reference: reference)
                do { try global.open().addPayment(payment, context: try global.context()) } catch let error as RegisterError {
                    throw CommandFailure(error.message)
                }
                Output.confirmation("Recorded payment: \(party) \(payment.amount.formatted(.sv)) for \(year) to \(ref)")
            }
        }
    }
}

extension Decreg.PaymentCommand {
    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw", abstract: "Mark a payment entered in error as withdrawn, with the reason; it then counts for nothing.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The payment's number, as decision show lists it.") var number: Int64
        @Option(help: "Why it is withdrawn (required).") var reason: String

        func run() throws {
            try global.open().withdraw(payment: number, context: try global.context(reason: reason))
            Output.confirmation("Withdrew payment \(number): \(reason)")
        }
    }
}
