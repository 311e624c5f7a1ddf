import ArgumentParser
import DecregDomain
import DecregStore


extension Decreg {
    struct PartyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "party", abstract: "Add and list parties (regions, municipalities, …).",
            subcommands: [Add.self, List.self, Correct.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a party.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The party's code, e.g. HUDDINGE.") var code: String
            @Option(help: "The party's name.") var name: String
            @Option(help: "region, municipality, company, university, state-agency or other.")
            var kind: PartyKind = .other
            @Option(name: .customLong("org-number"), help: "Organisation number NNNNNN-NNNN (check digit verified).")
            var organisationNumber: String?

            func run() throws {
                var party = Party(
                    code: try ArgumentValues.code(code, option: "code"),
                    name: try ArgumentValues.nonEmpty(name, option: "--name"), kind: kind)
                if let organisationNumber {
                    do { party.organisationNumber = try OrganisationNumber(parsing: organisationNumber) } catch {
                        throw CommandFailure(option: "--org-number", error.phrase)
                    }
                }
                let summary: BatchSummary
                let register = try global.open(.writing)
                do { summary = try register.add(RegisterBatch(parties: [party]), context: try global.context()) }
                catch let error as RegisterError {
                    throw CommandFailure(ArgumentValues.optionNamed(error))
                }
                try Output.recorded(.partyAdded(code: code, new: summary.partiesAdded == 1), in: register, lang)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the parties.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let register = try global.open(.reading)
                let parties = try register.parties()
                let rows = parties.map { [$0.code, $0.name, $0.kind.rawValue, $0.organisationNumber?.description ?? ""] }
                let headers = ["code", "name", "kind", "org_number"]
                switch output.format {
                case .json: Output.line(JSONValue.array(parties.map(\.json)).rendered())
                case .csv: Output.write(try output.csv(headers: headers, rows: rows))
                case .table:
                    let language = try output.language(register)
                    var table = TextTable(headers: Vocabulary.partyColumns(language))
                    for party in parties {
                        table.append([
                            party.code, party.name, Vocabulary.kind(party.kind, language),
                            party.organisationNumber?.description ?? "",
                        ])
                    }
                    Output.write(table.rendered())
                }
            }
        }
    }
}

extension Decreg.PartyCommand {
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct", abstract: "Correct a party's name, kind or organisation number, with the reason.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption
        @Argument(help: "The party's code.") var code: String
        @Option(help: "The party's name.") var name: String?
        @Option(help: "region, municipality, company, university, state-agency or other.") var kind: PartyKind?
        @Option(
            name: .customLong("org-number"),
            help: "Organisation number NNNNNN-NNNN (check digit verified); an empty text removes it.")
        var organisationNumber: String?
        @Option(help: "Why the party is corrected (required).") var reason: String

        func run() throws {
            var number: OrganisationNumber??
            if let organisationNumber {
                if organisationNumber.trimmingSpaces().isEmpty {
                    number = .some(nil)
                } else {
                    do { number = try OrganisationNumber(parsing: organisationNumber) } catch {
                        throw CommandFailure(option: "--org-number", error.phrase)
                    }
                }
            }
            let correction = PartyCorrection(
                name: try name.map { try ArgumentValues.nonEmpty($0, option: "--name") }, kind: kind,
                organisationNumber: number)
            let register = try global.open(.writing)
            try register.apply(.correctParty(code, correction), context: try global.context(reason: reason))
            try Output.recorded(.partyCorrected(code: code, reason: reason), in: register, lang)
        }
    }
}
