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
                guard let head = try global.open().auditHead() else {
                    throw CommandFailure("the audit trail is empty: nothing has been recorded yet")
                }
                Output.line(head.description)
            }
        }

        struct Verify: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "verify", abstract: "Prove the trail unbroken and the register exactly what the trail says (exit 1 if not).")
            @OptionGroup var global: GlobalOptions
            @Option(help: "A head published earlier, SEQ:HASH: prove it is still in the trail.") var head: String?

            func run() throws {
                var published: AuditHead?
                if let head {
                    guard let parsed = AuditHead(parsing: head) else {
                        throw CommandFailure("--head: '\(head)' is not SEQ:HASH as `decreg audit head` prints it")
                    }
                    published = parsed
                }
                let report = try global.open().verifyAudit(published: published)
                Output.write(AuditText.report(report))
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
                let entries = try global.open().auditEntries(filter)
                switch output.format {
                case .json:
                    Output.line(JSONValue.array(entries.map { entry in
                        .object([
                            ("seq", .int(entry.seq)), ("at", .string(entry.at)), ("actor", .string(entry.actor)),
                            ("command", .string(entry.command)), ("entity", .string(entry.entity)),
                            ("key", .string(entry.key)), ("hash", .string(entry.hash)),
                        ])
                    }).rendered())
                case .csv:
                    Output.write(CSV.render(
                        headers: ["seq", "at", "actor", "command", "entity", "key", "hash"],
                        rows: entries.map {
                            [String($0.seq), $0.at, $0.actor, $0.command, $0.entity, $0.key, $0.hash]
                        }))
                case .table:
                    var table = TextTable(
                        headers: ["seq", "at", "actor", "entity", "key", "what", "hash"],
                        alignments: [.right, .left, .left, .left, .left, .left, .left])
                    for entry in entries {
                        table.append([
                            String(entry.seq), entry.at, entry.actor, entry.entity, entry.key, entry.summary,
                            String(entry.hash.prefix(12)),
                        ])
                    }
                    Output.write(table.rendered())
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check", abstract: "Check a register file (or a backup): SQLite's integrity check and the audit verification.")
        @OptionGroup var global: GlobalOptions
        @Option(help: "A head published earlier, SEQ:HASH.") var head: String?

        func run() throws {
            let register = try global.open()
            let integrity = try register.integrityCheck()
            var failed = false
            if integrity == ["ok"] {
                Output.line("SQLite integrity check: ok")
            } else {
                failed = true
                Output.line("SQLite integrity check found problems:")
                integrity.prefix(20).forEach { Output.line("  \($0)") }
            }
            var published: AuditHead?
            if let head {
                guard let parsed = AuditHead(parsing: head) else {
                    throw CommandFailure("--head: '\(head)' is not SEQ:HASH as `decreg audit head` prints it")
                }
                published = parsed
            }
            let report = try register.verifyAudit(published: published)
            Output.write(AuditText.report(report))
            if failed || !report.intact { throw ExitCode(1) }
        }
    }
}

/// The verification report for people.
enum AuditText {
    static func report(_ report: AuditReport) -> String {
        let counts = ["decision", "payment", "party", "body"].map { "\(report.checked[$0] ?? 0) \(plural($0))" }
            .joined(separator: ", ")
        let head = report.head.map { "head \($0.seq) \($0.hash)" } ?? "empty"
        guard !report.intact else {
            return "Audit trail intact: \(report.entries) entries, \(head)\n"
                + "The register matches it: \(counts)\n"
        }
        var out = "Audit verification FAILED: \(report.problems.count) problem\(report.problems.count == 1 ? "" : "s")\n"
        for problem in report.problems.prefix(50) { out += "  \(problem)\n" }
        if report.problems.count > 50 { out += "  … and \(report.problems.count - 50) more\n" }
        out += "Trail: \(report.entries) entries, \(head)\n"
        return out
    }

    static func plural(_ entity: String) -> String {
        switch entity {
        case "party": return "parties"
        case "body": return "bodies"
        default: return entity + "s"
        }
    }
}
