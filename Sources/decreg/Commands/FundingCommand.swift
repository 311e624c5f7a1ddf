import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct FundingCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "funding", abstract: "Set a decision's funding for a year.", subcommands: [Set.self])

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set", abstract: "Set a year's total and its shares (amounts) or split (parts: 25%, 1/3).",
                discussion: "A split is turned into exact amounts by the largest remainder, ties to the party given first.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The year.") var year: String
            @Option(help: "The total, e.g. 2,5MKr or \"2,5 MKr\".") var total: String
            @Option(help: "A party's share as an amount: CODE=AMOUNT; repeat per party.") var share: [String] = []
            @Option(help: "A party's part of the total: CODE=25% or CODE=1/3; repeat per party.") var split: [String] = []

            func run() throws {
                let year = try ArgumentValues.year(self.year, option: "--year")
                let total = try ArgumentValues.money(self.total, option: "--total")
                let funding: FundingYear
                switch (share.isEmpty, split.isEmpty) {
                case (false, true):
                    funding = .shares(
                        year: year, total: total,
                        try share.map { item in
                            let (code, value) = try ArgumentValues.pair(item, option: "--share", example: "SLL=1MKr")
                            let amount = try ArgumentValues.money(value, option: "--share")
                            guard amount.currency == total.currency else {
                                throw CommandFailure("--share: \(code) is in \(amount.currency), the total in \(total.currency)")
                            }
                            return (try ArgumentValues.code(code, option: "--share"), amount)
                        })
                case (true, false):
                    let parts = try split.map { item in
                        let (code, value) = try ArgumentValues.pair(item, option: "--split", example: "SLL=40%")
                        do { return (try ArgumentValues.code(code, option: "--split"), try SplitPart(parsing: value)) }
                        catch let error as SplitPart.ParseError { throw CommandFailure("--split: \(error.description)") }
                    }
                    do { funding = try .split(year: year, total: total, parts) } catch {
                        throw CommandFailure("--split: \(error.description)")
                    }
                default:
                    throw CommandFailure("give the shares as --share CODE=AMOUNT or as --split CODE=PART, not both")
                }
                _ = try global.open().setFunding(funding, for: ref, context: try global.context())
                let amounts = funding.shares.map { "\($0.party) \($0.amount.formatted(.sv))" }.joined(separator: ", ")
                Output.confirmation("Funding \(year) of \(ref): \(total.formatted(.sv)) — \(amounts)")
            }
        }
    }
}
