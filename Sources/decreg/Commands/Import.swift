import ArgumentParser
import DecregDomain
import DecregInterchange
import DecregStore
import Foundation

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

        @Flag(help: "Store attachment files from system folders (/etc, /proc, /sys, /dev, /run): they are published.")
        var allowSystemFile = false

        /// How many warnings an import prints before it only counts the rest.
        static let warningsShown = 50

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
        }

        func run() throws {
            let register = try global.open(.writing)
            let outcome = try Self.record(
                files.map { Source(path: $0, allowSystemFiles: allowSystemFile) }, into: register,
                context: try global.context())
            let language = try lang.language(register)
            Self.warn(outcome.warnings, language)
            let summary = outcome.summary
            let unchanged = summary.partiesUnchanged + summary.bodiesUnchanged
            func count(_ number: Int, _ noun: Vocabulary.Noun) -> String { Vocabulary.count(number, noun, language) }
            Output.confirmation(
                "\(Vocabulary.word(.imported, language)) \(count(summary.decisionsAdded, .decision)), "
                    + "\(count(summary.paymentsAdded, .payment)), \(count(summary.partiesAdded, .party)) "
                    + "\(Vocabulary.word(.and, language)) \(count(summary.bodiesAdded, .body))"
                    + (unchanged > 0 ? " (\(unchanged) \(Vocabulary.word(.alreadyRecorded, language)))" : ""))
        }

        /// An import file: its path, the name problems give it, and where its attachment files are found (else
        /// beside it).
        struct Source {
            var path: String
            var name: String
            var baseDirectory: URL?
            /// Whether its attachment files may be system files (`--allow-system-file`).
            var allowSystemFiles = false

            init(path: String, name: String? = nil, baseDirectory: URL? = nil, allowSystemFiles: Bool = false) {
                self.path = path
                self.name = name ?? path
                self.baseDirectory = baseDirectory
                self.allowSystemFiles = allowSystemFiles
            }
        }

        /// What an import recorded, and its warnings, each with the file it is about.
        struct Outcome {
            var summary: BatchSummary
            var warnings: [(file: String, field: String, message: Phrase)] = []
        }

        /// Records what the files hold in one write, or nothing. When anything is wrong, throws every problem
        /// found (`ImportProblems`) — what cannot be read and what the register refuses — in the order of the files
        /// and of their lines.
        static func record(_ files: [Source], into register: Register, context: ChangeContext) throws -> Outcome {
            var warnings: [(file: String, field: String, message: Phrase)] = []
            let summary = try register.importing(context: context) { session in
                var problems = ImportProblems()
                for file in files {
                    var found: [ImportError] = []
                    let earlier = session.summary.warnings.count
                    do {
                        try ImportReader.read(
                            path: file.path, displayName: file.name, baseDirectory: file.baseDirectory,
                            allowSystemFiles: file.allowSystemFiles
                        ) { entry in
                            found += try add(entry, to: &session)
                        }
                    } catch let problem as ImportError {
                        found.append(problem)
                    }
                    problems.append(file: found)
                    warnings += session.summary.warnings.dropFirst(earlier).map { (file.name, $0.field, $0.message) }
                }
                if !problems.isEmpty { throw problems }
            }
            return Outcome(summary: summary, warnings: warnings)
        }

        /// Warnings say what was recorded but is worth a look; a long file's first ones tell the pattern.
        static func warn(_ warnings: [(file: String, field: String, message: Phrase)], _ language: Language) {
            for (file, field, message) in warnings.prefix(Self.warningsShown) {
                Output.warning("\(file): \(field): \(message.text(language))", language)
            }
            if warnings.count > Self.warningsShown {
                let more = warnings.count - Self.warningsShown
                Output.warning(Phrase(
                    sv: "… och \(more) till av samma slag",
                    en: "… and \(more) more like these").text(language), language)
            }
        }

        /// Adds one entity of a file to the session; its problems, when it could not be read or was refused.
        private static func add(_ entry: ImportEntry, to session: inout ImportSession) throws -> [ImportError] {
            let item: ImportItem
            switch entry.content {
            case .success(let read): item = read
            case .failure(let unread):
                if let partial = unread.partial {
                    // What could be read is checked too: a bad date does not hide an unknown party beside it.
                    session.stopWriting()
                    return unread.problems + (try add(partial, at: entry, to: &session))
                }
                switch entry.list {
                case "parties": session.unread(.party, key: unread.key)
                case "bodies": session.unread(.body, key: unread.key)
                case "decisions": session.unread(.decision, key: unread.key)
                default: session.unread(.payment, key: nil)
                }
                return unread.problems
            }
            return try add(item, at: entry, to: &session)
        }

        /// Adds an entity read from `entry`; the register's refusals of it.
        private static func add(_ item: ImportItem, at entry: ImportEntry, to session: inout ImportSession) throws
            -> [ImportError]
        {
            do {
                switch item {
                case .party(let party): try session.add(party, at: entry.path)
                case .body(let body): try session.add(body, at: entry.path)
                case .decision(let decision): try session.add(decision, at: entry.path)
                case .payment(let payment, let again): try session.add(payment, again: again, at: entry.path)
                }
            } catch let refusal as RegisterError {
                // The register itself failing (a full disk, a lost connection) is no refusal of the input.
                if case .file = refusal { throw refusal }
                return [entry.problem(refusal.phrase, field: refusal.field)]
            } catch let refusals as RegisterRefusals {
                return refusals.refusals.map { entry.problem($0.phrase, field: $0.field) }
            }
            return []
        }
    }
}
