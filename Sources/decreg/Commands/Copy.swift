import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct Copy: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy a whole register into a new one, in the same engine or the other (SQLite ↔ PostgreSQL).",
            discussion: """
                Every record, attachment, audit entry, the log's tree, checkpoints, cosignatures, accounts and \
                settings are copied row for row: the copy exports the same bytes and has the same audit head and \
                checkpoint root, and `audit verify` passes on it. The target must be new: a file that does not \
                exist, or an empty PostgreSQL database (createdb). The source is read in one transaction, so \
                others may go on writing it; what they write after that is not in the copy.
                  decreg copy --from register.sqlite --to postgresql://decreg@db.example.se:5432/register
                  decreg copy --from postgresql://decreg@db.example.se/register --to register.sqlite
                """)

        @OptionGroup var lang: LanguageOption
        @Option(help: "The register to copy: a file or a PostgreSQL address (postgresql://USER@HOST:PORT/DATABASE).")
        var from: String
        @Option(help: "The new register: a file that does not exist, or an empty PostgreSQL database.")
        var to: String

        func run() throws {
            let report = try Register.copy(from: from, to: to)
            let language = try lang.language(Register.open(path: to, for: .reading))
            let head = report.head.map { "\($0)" } ?? "–"
            guard let verified = report.verified, verified.intact else {
                throw CommandFailure(
                    Phrase(
                        sv: "kopierade \(from) till \(to), men granskningsspåret är brutet i kopian som i källan: kör decreg audit verify --db \(from)",
                        en: "copied \(from) to \(to), but the audit trail is broken in the copy as in the source: run decreg audit verify --db \(from)"),
                    status: 1)
            }
            let checkpoint = report.checkpoint.map { " checkpoint \($0.size)," } ?? ""
            Output.confirmation(
                Phrase(
                    sv: "Kopierade \(from) till \(to): \(report.decisions) beslut, \(report.entries) poster i granskningsspåret;"
                        + "\(checkpoint) huvud \(head) i båda; granskningsspåret är obrutet i kopian",
                    en: "Copied \(from) to \(to): \(report.decisions) decisions, \(report.entries) audit entries;"
                        + "\(checkpoint) head \(head) in both; the audit trail is unbroken in the copy"
                ).text(language))
        }
    }
}
