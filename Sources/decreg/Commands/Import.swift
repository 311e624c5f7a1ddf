import ArgumentParser
import DecregDomain
import DecregInterchange
import DecregStore

extension Decreg {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import", abstract: "Import parties, bodies, decisions and payments from YAML or JSON files.",
            discussion: """
                All or nothing: when any file has a problem, nothing from any file is recorded.
                JSON files are streamed, one decision at a time; their lists are read in the order written,
                so parties and bodies must come before the decisions that name them (exports write them so).
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption

        @Argument(help: "Import files (YAML or JSON, one schema; see the README).")
        var files: [String]

        /// How many warnings an import prints before it only counts the rest.
        static let warningsShown = 50

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
        }

        func run() throws {
            let register = try global.open()
            var current = ""
            let summary: BatchSummary
            var warnings: [(file: String, field: String, message: String)] = []
            do {
                summary = try register.importing(context: try global.context()) { session in
                    for file in files {
                        current = file
                        let earlier = session.summary.warnings.count
                        try ImportReader.read(path: file) { item, path in
                            switch item {
                            case .party(let party): try session.add(party, at: path)
                            case .body(let body): try session.add(body, at: path)
                            case .decision(let decision): try session.add(decision, at: path)
                            case .payment(let payment): try session.add(payment, at: path)
                            }
                        }
                        warnings += session.summary.warnings.dropFirst(earlier).map { (file, $0.field, $0.message) }
                    }
                }
            } catch let error as RegisterError {
                // A refusal about `decisions[12].…` of the file being read, told as its file and line.
                guard let field = error.field else { throw error }
                throw ImportError(
                    file: current, line: ImportReader.line(of: field, inFile: current), field: field,
                    message: error.message)
            }
            // Warnings say what was recorded but is worth a look; a long file's first ones tell the pattern.
            // Named by file and path: finding each one's line would read a large file again per warning.
            for (file, field, message) in warnings.prefix(Self.warningsShown) {
                Output.message("decreg: warning: \(file): \(field): \(message)")
            }
            if warnings.count > Self.warningsShown {
                Output.message("decreg: warning: … and \(warnings.count - Self.warningsShown) more like these")
            }
            let unchanged = summary.partiesUnchanged + summary.bodiesUnchanged
            let language = try lang.language(register)
            func count(_ number: Int, _ noun: Vocabulary.Noun) -> String { Vocabulary.count(number, noun, language) }
            Output.confirmation(
                "\(Vocabulary.word(.imported, language)) \(count(summary.decisionsAdded, .decision)), "
                    + "\(count(summary.paymentsAdded, .payment)), \(count(summary.partiesAdded, .party)) "
                    + "\(Vocabulary.word(.and, language)) \(count(summary.bodiesAdded, .body))"
                    + (unchanged > 0 ? " (\(unchanged) \(Vocabulary.word(.alreadyRecorded, language)))" : ""))
        }
    }
}
