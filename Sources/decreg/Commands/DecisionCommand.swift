import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct DecisionCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "decision", abstract: "Add, show and list decisions.",
            subcommands: [Add.self, New.self, Show.self, List.self, Correct.self, Withdraw.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add a decision.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's unique ref, e.g. FLEMINGSBERG-2007.") var ref: String
            @Option(help: "The title.") var title: String
            @Option(help: "The date, YYYY-MM-DD.") var date: String
            @Option(parsing: .upToNextOption, help: "The parties the decision binds.") var party: [String]
            @Option(help: "A clause (\"att godkänna …\"); repeat for each, in order.") var clause: [String] = []
            @Option(help: "The background text (ÄRENDET).") var summary: String?
            @Option(name: .customLong("summary-file"), help: "A file holding the background text (UTF-8).")
            var summaryFile: String?
            @Option(
                name: .customLong("case-number"),
                help: "A party's case number (diarienummer): PARTY=NUMBER, e.g. HUDDINGE=KS-2007/123; repeat per party.")
            var caseNumber: [String] = []

            func run() throws {
                guard !party.isEmpty else { throw CommandFailure(
                        option: "--party", sv: "ange de parter beslutet binder",
                        en: "name the parties the decision binds")
                }
                let decision = Decision(
                    ref: try ArgumentValues.ref(ref), title: try ArgumentValues.nonEmpty(title, option: "--title"),
                    date: try ArgumentValues.date(date, option: "--date"),
                    parties: try party.map { try ArgumentValues.code($0, option: "--party") },
                    caseNumbers: try ArgumentValues.caseNumbers(caseNumber, option: "--case-number")
                        .filter { !$0.number.isEmpty },
                    summary: try ArgumentValues.summary(summary, file: summaryFile),
                    clauses: try clause.map { try ArgumentValues.nonEmpty($0, option: "--clause") })
                let register = try global.open(.writing)
                do {
                    try register.add(RegisterBatch(decisions: [decision]), context: try global.context())
                } catch let error as RegisterError {
                    throw CommandFailure(ArgumentValues.optionNamed(error))
                }
                Output.confirmation("\(Vocabulary.word(.addedDecision, try lang.language(register))) \(ref)")
            }
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: "Show one decision in full.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions
            @Argument(help: "The decision's ref.") var ref: String
            @Flag(help: "Show every revision of the decision: who changed what, when and why.") var history = false

            /// What the parsed words ask for.
            var request: ShowDecision {
                ShowDecision(
                    path: global.path, ref: ref, format: output.format, language: output.chosenLanguage, history: history)
            }

            func run() throws { try request.run() }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List decisions, newest first.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions
            @Option(help: "Only decisions binding this party.") var party: String?
            @Option(help: "Only decisions dated in or funding this year.") var year: String?
            @Option(help: "Only decisions with this status: \(Vocabulary.statusChoices).") var status: DecisionStatus?
            @Option(help: "Only decisions whose title, clauses or summary hold all these words.") var search: String?

            func run() throws {
                let filter = DecisionFilter(
                    party: party, year: try year.map { try ArgumentValues.year($0, option: "--year") }, status: status,
                    search: search)
                let register = try global.open(.reading)
                let items = try register.decisions(filter)
                switch output.format {
                case .json:
                    Output.line(
                        JSONValue.array(
                            items.map {
                                .object([
                                    ("ref", .string($0.ref)), ("title", .string($0.title)),
                                    ("date", .string($0.date.description)), ("status", .string($0.status.rawValue)),
                                    ("parties", .array($0.parties.map(JSONValue.string))),
                                    ("withdrawn", .optional($0.withdrawn)),
                                ])
                            }
                        ).rendered())
                case .csv:
                    // A withdrawn decision says so where its status stands.
                    let rows = items.map {
                        [$0.ref, $0.date.description, $0.withdrawn == nil ? $0.status.rawValue : "withdrawn",
                         $0.parties.joined(separator: " "), $0.title]
                    }
                    Output.write(try output.csv(headers: ["ref", "date", "status", "parties", "title"], rows: rows))
                case .table:
                    let language = try output.language(register)
                    var table = TextTable(headers: Vocabulary.decisionColumns(language))
                    for item in items {
                        table.append([
                            item.ref, item.date.description,
                            Vocabulary.status(item.status, withdrawn: item.withdrawn != nil, language),
                            item.parties.joined(separator: " "), item.title,
                        ])
                    }
                    Output.write(table.rendered())
                }
            }
        }
    }
}

/// What `decision show` does once its words are read.
struct ShowDecision: Equatable {
    let path: String
    let ref: String
    let format: OutputFormat
    /// `--lang`, else the locale's; nil: the register's, read with the decision.
    let language: Language?
    let history: Bool

    func run() throws {
        let register = try Register.open(path: path, for: .reading)
        let (stored, registerLanguage) = try register.decision(ref, withLanguage: language == nil)
        let language = Language.resolved(option: language, locale: nil) { registerLanguage }
        if history { return try showHistory(register, language) }
        switch format {
        case .json:
            // When each party's adoption becomes final, and the decision's: today's reading of the law's days.
            let bodies = Dictionary(try register.bodies().map { ($0.code, $0.parties) }, uniquingKeysWith: { a, _ in a })
            let finality = stored.decision.finality(bodyParties: { bodies[$0] ?? [] }, today: .today())
            var json = stored.decision.json(status: stored.status, payments: stored.payments)
            if case .object(let members) = json {
                json = .object(
                    members + [
                        ("finality", .array(finality.map(\.json))),
                        ("final", .optional(finality.decisionFinal?.description)),
                    ])
            }
            Output.line(json.rendered())
        case .table:
            var sheet = DecisionSheet(
                decision: stored.decision, status: stored.status, payments: stored.payments, language: language)
            let bodies = Dictionary(try register.bodies().map { ($0.code, $0.parties) }, uniquingKeysWith: { a, _ in a })
            sheet.finality = stored.decision.finality(bodyParties: { bodies[$0] ?? [] }, today: .today())
            Output.write(sheet.rendered())
        case .csv:
            throw CommandFailure(
                option: "--format", sv: "decision show skriver table eller json; använd decision list för csv",
                en: "decision show prints table or json; use decision list for csv")
        }
    }

    func showHistory(_ register: Register, _ language: Language) throws {
        let entries = try register.auditEntries(decision: ref)
        switch format {
        case .json: Output.line(HistoryOutput.json(entries))
        case .table, .csv: Output.write(HistoryOutput.table(entries, language: language, decision: ref))
        }
    }
}

extension Decreg.DecisionCommand {
    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct", abstract: "Record a corrected revision of a decision, with the reason; the earlier one stays in the trail.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption
        @Argument(help: "The decision's ref.") var ref: String
        @Option(help: "The corrected title.") var title: String?
        @Option(help: "The corrected date, YYYY-MM-DD.") var date: String?
        @Option(help: "The corrected background text (ÄRENDET); an empty text removes it.") var summary: String?
        @Option(name: .customLong("summary-file"), help: "A file holding the corrected background text (UTF-8).")
        var summaryFile: String?
        @Option(help: "The corrected clauses, all of them, in order; repeat for each.") var clause: [String] = []
        @Option(parsing: .upToNextOption, help: "The parties the decision binds, all of them, in order.")
        var party: [String] = []
        @Option(
            name: .customLong("case-number"),
            help: "A party's case number: PARTY=NUMBER; PARTY= removes it; repeat per party.")
        var caseNumber: [String] = []
        @Option(help: "Why the decision is corrected (required).") var reason: String

        func run() throws {
            let correction = DecisionCorrection(
                title: try title.map { try ArgumentValues.nonEmpty($0, option: "--title") },
                date: try date.map { try ArgumentValues.date($0, option: "--date") },
                summary: try ArgumentValues.summary(summary, file: summaryFile),
                clauses: clause.isEmpty ? nil : try clause.map { try ArgumentValues.nonEmpty($0, option: "--clause") },
                parties: party.isEmpty ? nil : try party.map { try ArgumentValues.code($0, option: "--party") },
                caseNumbers: try ArgumentValues.caseNumbers(caseNumber, option: "--case-number"))
            let register = try global.open(.writing)
            let result = try register.apply(.correct(correction), to: ref, context: try global.context(reason: reason))
            let language = try lang.language(register)
            Output.recorded(
                "\(Vocabulary.word(.correctedDecision, language)) \(ref): \(reason)", warnings: result.warnings,
                language)
        }
    }

    struct Withdraw: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "withdraw", abstract: "Mark a decision entered in error as withdrawn, with the reason. Nothing is deleted.")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption
        @Argument(help: "The decision's ref.") var ref: String
        @Option(help: "Why it is withdrawn (required).") var reason: String

        func run() throws {
            let register = try global.open(.writing)
            try register.apply(.withdraw, to: ref, context: try global.context(reason: reason))
            let language = try lang.language(register)
            Output.confirmation("\(Vocabulary.word(.withdrewDecision, language)) \(ref): \(reason)")
        }
    }
}
