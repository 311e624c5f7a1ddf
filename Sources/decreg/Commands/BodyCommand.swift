import ArgumentParser
import DecregDomain
import DecregStore


extension Decreg {
    struct BodyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "body", abstract: "Add and list bodies (boards, assemblies, joint committees, …).",
            subcommands: [Add.self, List.self, Correct.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a body of one party, or a joint body.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The body's code, e.g. HUD-KF.") var code: String
            @Option(help: "The body's name.") var name: String
            @Option(parsing: .upToNextOption, help: "The party or parties it belongs to.") var party: [String]
            @Option(help: "board, assembly, committee, joint-committee or other.") var kind: BodyKind = .other

            func run() throws {
                guard !party.isEmpty else { throw CommandFailure(
                        option: "--party", sv: "ange den part organet hör till",
                        en: "name the party the body belongs to")
                }
                let body = Body(
                    code: try ArgumentValues.code(code, option: "code"),
                    name: try ArgumentValues.nonEmpty(name, option: "--name"), kind: kind,
                    parties: try party.map { try ArgumentValues.code($0, option: "--party") })
                do {
                    let register = try global.open(.writing)
                    let summary = try register.add(RegisterBatch(bodies: [body]), context: try global.context())
                    try Output.recorded(.bodyAdded(code: code, new: summary.bodiesAdded == 1), in: register, lang)
                } catch let error as RegisterError {
                    throw CommandFailure(ArgumentValues.optionNamed(error))
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List the bodies.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let register = try global.open(.reading)
                let bodies = try register.bodies()
                let rows = bodies.map { [$0.code, $0.name, $0.kind.rawValue, $0.parties.joined(separator: " ")] }
                switch output.format {
                case .json: Output.line(JSONValue.array(bodies.map(\.json)).rendered())
                case .csv: Output.write(try output.csv(headers: ["code", "name", "kind", "parties"], rows: rows))
                case .table:
                    let language = try output.language(register)
                    var table = TextTable(headers: Vocabulary.bodyColumns(language))
                    for body in bodies {
                        table.append([
                            body.code, body.name, Vocabulary.kind(body.kind, language),
                            body.parties.joined(separator: " "),
                        ])
                    }
                    Output.write(table.rendered())
                }
            }
        }
    }
}

extension Decreg.BodyCommand {
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Correct a body's name, kind or parties, with the reason; the status of the decisions it handled follows.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption
        @Argument(help: "The body's code.") var code: String
        @Option(help: "The body's name.") var name: String?
        @Option(help: "board, assembly, committee, joint-committee or other.") var kind: BodyKind?
        @Option(parsing: .upToNextOption, help: "The party or parties it belongs to, all of them.") var party: [String] = []
        @Option(help: "Why the body is corrected (required).") var reason: String

        func run() throws {
            let correction = BodyCorrection(
                name: try name.map { try ArgumentValues.nonEmpty($0, option: "--name") }, kind: kind,
                parties: party.isEmpty ? nil : try party.map { try ArgumentValues.code($0, option: "--party") })
            let register = try global.open(.writing)
            try register.apply(.correctBody(code, correction), context: try global.context(reason: reason))
            try Output.recorded(.bodyCorrected(code: code, reason: reason), in: register, lang)
        }
    }
}
