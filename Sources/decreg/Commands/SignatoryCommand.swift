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
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The person's name.") var name: String
            @Option(help: "The person's title, e.g. Kommundirektör.") var title: String?
            @Option(help: "The party the person signs for.") var party: String?

            func run() throws {
                let signatory = Signatory(
                    name: try ArgumentValues.nonEmpty(name, option: "--name"), title: title,
                    party: try party.map { try ArgumentValues.code($0, option: "--party") })
                let register = try global.open(.writing)
                let result = try register.apply(.addSignatory(signatory), to: ref, context: try global.context())
                try Output.recorded(
                    .signatoryRecorded(ref: ref, name: signatory.name), in: register, lang, warnings: result.warnings)
            }
        }

        struct Withdraw: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "withdraw", abstract: "Mark a signatory recorded in error as withdrawn, with the reason.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Argument(help: "The signatory's number, in the order decision show lists them.") var number: Int
            @Option(help: "Why it is withdrawn (required).") var reason: String

            func run() throws {
                let register = try global.open(.writing)
                try register.apply(.withdrawSignatory(number), to: ref, context: try global.context(reason: reason))
                try Output.recorded(.signatoryWithdrawn(number: number, ref: ref, reason: reason), in: register, lang)
            }
        }
    }
}
