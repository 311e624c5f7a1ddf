import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct FundingCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funding", abstract: "Set or withdraw a decision's funding for a year.",
            subcommands: [Set.self, Withdraw.self])

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Set a year's total and its shares (amounts) or split (parts: 25%, 1/3).",
                discussion: """
                    A split is turned into exact amounts by the largest remainder, ties to the party given first. \
                    --year 2027..2029 sets each of the years to the same total and split. Setting a year that is \
                    funded already is a correction: give --reason.
                    """)
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The year, or a range of years: 2027..2029.") var year: String
            @Option(help: "The total, e.g. 2,5MKr or \"2,5 MKr\".") var total: String
            @Option(help: "A party's share as an amount: CODE=AMOUNT; repeat per party.") var share: [String] = []
            @Option(help: "A party's part of the total: CODE=25% or CODE=1/3; repeat per party.") var split: [String] = []
            @Option(help: "Why a funded year is set again (required then).") var reason: String?

            func run() throws {
                let years = try ArgumentValues.years(self.year, option: "--year")
                let total = try ArgumentValues.money(self.total, option: "--total")
                let funding = try years.map { try fundingYear($0, total: total) }
                let register = try global.open(.writing)
                let result = try register.apply(.setFunding(funding), to: ref, context: try global.context(reason: reason))
                try Output.recorded(
                    .fundingSet(years: years, ref: ref, total: total, shares: funding[0].shares), in: register, lang,
                    warnings: result.warnings)
            }

            func fundingYear(_ year: Int, total: Money) throws -> FundingYear {
                let shares = try share.map { item in
                    let (code, amount) = try ArgumentValues.pair(item, option: "--share", example: "SLL=1MKr")
                    return (code: code, amount: amount)
                }
                let parts = try split.map { item in
                    let (code, part) = try ArgumentValues.pair(item, option: "--split", example: "SLL=40%")
                    return (code: code, part: part)
                }
                return try ArgumentValues.entry { () throws(Refusal) in
                    try EntryValues.fundingYear(
                        year, total: total, shares: shares, split: parts, shareField: "--share", splitField: "--split")
                }
            }
        }

        struct Withdraw: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "withdraw",
                abstract: "Mark a year's funding entered in error as withdrawn, with the reason; it then commits nothing.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The year.") var year: String
            @Option(help: "Why it is withdrawn (required).") var reason: String

            func run() throws {
                let year = try ArgumentValues.year(self.year, option: "--year")
                let register = try global.open(.writing)
                let result = try register.apply(
                    .withdrawFunding(year: year), to: ref, context: try global.context(reason: reason))
                try Output.recorded(
                    .fundingWithdrawn(year: year, ref: ref, reason: reason), in: register, lang,
                    warnings: result.warnings)
            }
        }
    }
}
