import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct AuditCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "audit", abstract: "The audit trail: its head, its verification, its log.",
            subcommands: [Head.self, Verify.self, Log.self])

        struct Head: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "head", abstract: "Print the newest entry as SEQ HASH: a checkpoint to publish or paste into the minutes.")
            @OptionGroup var global: GlobalOptions

            func run() throws {
                guard let head = try global.open(.reading).auditHead() else {
                    throw CommandFailure(
                        sv: "granskningsspåret är tomt: inget har registrerats ännu",
                        en: "the audit trail is empty: nothing has been recorded yet")
                }
                Output.line(head.description)
            }
        }

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify", abstract: "Prove the trail unbroken and the register exactly what the trail says (exit 1 if not).")
            @OptionGroup var global: GlobalOptions
            @Option(help: "A head published earlier, SEQ:HASH: prove it is still in the trail.") var head: String?
            @Option(help: "A checkpoint published earlier (a file): prove today's log consistent with it.")
            var checkpoint: String?
            @Option(name: .customLong("log-key"), help: "The log's verifier key, to check --checkpoint's signature.")
            var logKey: String?
            @OptionGroup var lang: LanguageOption

            func run() throws {
                var published: AuditHead?
                if let head {
                    guard let parsed = AuditHead(parsing: head) else {
                        throw CommandFailure(.notAHead(head))
                    }
                    published = parsed
                }
                var given: Checkpoint?
                if let checkpoint {
                    guard let logKey else {
                        throw CommandFailure(
                            option: "--log-key", sv: "ange loggens verifieringsnyckel för att pröva --checkpoint",
                            en: "give the log's verifier key to check --checkpoint")
                    }
                    let log = try KeyFile.verifier(logKey, option: "--log-key", kind: .log)
                    given = try LogFiles.checkpoint(checkpoint)
                    do { try given?.checkSignature(log) } catch {
                        throw CommandFailure(Phrase(verbatim: "\(checkpoint): ") + error.phrase, status: 1)
                    }
                }
                let register = try global.open(.reading)
                var report = try register.verifyAudit(published: published)
                if let given { report.problems += try register.checkConsistency(with: given) }
                Output.write(AuditText.report(report, try lang.language(register)))
                if !report.intact { throw ExitCode(1) }
            }
        }

        struct Log: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "log", abstract: "List audit entries, oldest first.")
            @OptionGroup var global: RegisterLocation
            @OptionGroup var output: OutputOptions
            @Option(help: "Only entries about this decision.") var decision: String?
            @Option(help: "Only entries by this actor.") var actor: String?
            @Option(help: "Only entries on or after this day, YYYY-MM-DD (UTC).") var since: String?

            func run() throws {
                let filter = AuditFilter(
                    decision: decision, actor: actor,
                    since: try since.map { try ArgumentValues.date($0, option: "--since") })
                let register = try global.open(.reading)
                let entries = try register.auditEntries(filter)
                switch output.format {
                case .json:
                    Output.line(HistoryOutput.json(entries))
                case .csv:
                    Output.write(try output.csv(
                        headers: ["seq", "at", "actor", "command", "entity", "key", "hash"],
                        rows: entries.map {
                            [String($0.seq), $0.at, $0.actor, $0.command, $0.entity, $0.key, $0.hash]
                        }))
                case .table:
                    Output.write(HistoryOutput.table(entries, language: try output.language(register), hashes: true))
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Check a register file (or a backup): SQLite's integrity check and the audit verification.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "A head published earlier, SEQ:HASH.") var head: String?
        @OptionGroup var lang: LanguageOption

        func run() throws {
            let register = try global.open(.reading)
            let language = try lang.language(register)
            let integrity = try register.integrityCheck()
            var failed = false
            if integrity == ["ok"] {
                Output.line(Vocabulary.word(.integrityOK, language))
            } else {
                failed = true
                Output.line(Vocabulary.word(.integrityProblems, language))
                // SQLite's messages quote what it read from a damaged page: bytes, NUL among them, shown escaped.
                integrity.prefix(20).forEach { Output.line("  " + TextRules.visible($0)) }
            }
            var published: AuditHead?
            if let head {
                guard let parsed = AuditHead(parsing: head) else {
                    throw CommandFailure(.notAHead(head))
                }
                published = parsed
            }
            let report = try register.verifyAudit(published: published)
            Output.write(AuditText.report(report, language))
            if failed || !report.intact { throw ExitCode(1) }
        }
    }
}

/// The verification report for people.
enum AuditText {
    static func report(_ report: AuditReport, _ language: Language) -> String {
        // Accounts are counted where there are any: a register kept by one clerk has none.
        let accounts: [Vocabulary.Noun] = (report.checked["account"] ?? 0) > 0 ? [.account] : []
        let counts = ([Vocabulary.Noun.decision, .payment, .party, .body] + accounts).map { noun in
            Vocabulary.count(report.checked[entity(noun)] ?? 0, noun, language)
        }.joined(separator: ", ")
        let entries = Vocabulary.count(report.entries, .entry, language)
        let head = report.head.map { "\(Vocabulary.word(.head, language)) \($0.seq) \($0.hash)" }
            ?? Vocabulary.word(.emptyHead, language)
        guard !report.intact else {
            return "\(Vocabulary.word(.trailIntactLine, language)): \(entries), \(head)\n"
                + "\(Vocabulary.word(.registerMatches, language)): \(counts)\n"
        }
        let problems = Vocabulary.count(report.problems.count, .problem, language)
        var out = "\(Vocabulary.word(.verificationFailed, language)): \(problems)\n"
        // A problem quotes what the register holds, which may be anything written behind decreg's back.
        for problem in report.problems.prefix(50) {
            out += "  " + TextRules.visible(problem.description(language)) + "\n"
        }
        if report.problems.count > 50 {
            let more = report.problems.count - 50
            out += "  … \(Vocabulary.word(.and, language)) \(more) \(Vocabulary.word(.more, language))\n"
        }
        out += "\(Vocabulary.word(.trail, language)): \(entries), \(head)\n"
        return out
    }

    /// The trail's name for the kind of record a noun counts.
    private static func entity(_ noun: Vocabulary.Noun) -> String {
        switch noun {
        case .party: "party"
        case .body: "body"
        case .payment: "payment"
        case .account: "account"
        default: "decision"
        }
    }
}

extension Phrase {
    static func notAHead(_ head: String) -> Phrase {
        Phrase(
            sv: "--head: '\(head)' är inte NR:HASH som `decreg audit head` skriver det",
            en: "--head: '\(head)' is not SEQ:HASH as `decreg audit head` prints it")
    }
}
