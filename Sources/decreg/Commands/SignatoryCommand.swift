import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct SignatoryCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "signatory", abstract: "Record and withdraw the people who signed a decision's proposal.",
            subcommands: [Add.self, Withdraw.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Record a signatory.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The person's name.") var name: String
            @Option(help: "The person's title, e.g. Kommundirektör.") var title: String?
            @Option(help: "The party the person signs for.") var party: String?

            func run() throws {
                let signatory = Signatory(
                    name: try ArgumentValues.nonEmpty(name, option: "--name"), title: title,
                    party: try party.map { try ArgumentValues.code($0, option: "--party") })
                let result = try global.open().apply(.addSignatory(signatory), to: ref, context: try global.context())
                Output.recorded("Recorded signatory of \(ref): \(name)", warnings: result.warnings)
            }
        }

        struct Withdraw: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "withdraw", abstract: "Mark a signatory recorded in error as withdrawn, with the reason.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The decision's ref.") var ref: String
            @Argument(help: "The signatory's number, in the order decision show lists them.") var number: Int
            @Option(help: "Why it is withdrawn (required).") var reason: String

            func run() throws {
                try global.open().apply(.withdrawSignatory(number), to: ref, context: try global.context(reason: reason))
                Output.confirmation("Withdrew signatory \(number) of \(ref): \(reason)")
            }
        }
    }
}
