import ArgumentParser
import DecregDomain
import DecregInterchange
import DecregStore
import Foundation

/// The `decreg` command: a register of joint decisions in one SQLite file.
///
/// Every command names itself (`commandName:`): without it, ArgumentParser derives each name from the type at
/// start-up by scanning the binary's protocol conformances, which took about half of `decreg --version`'s time.
@main
struct Decreg: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decreg",
        abstract: "A register of joint decisions: parties, bodies, clauses, handling, funding, payments.",
        discussion: """
            The register is one SQLite file: --db PATH, else $DECREG_DB, else ./register.sqlite.
            Every change is recorded with its actor (--actor, else $USER) in the register's audit trail.
            Exit status: 0 success; 1 a check found problems; 2 a usage, input or not-found error, a register \
            file that cannot be used (not a register, needing `decreg upgrade`, read-only, damaged, busy, a full \
            disk), or output that could not be written; 141 when the reader of the output went away.
            """,
        version: "0.1.0",
        subcommands: [
            Init.self, Import.self, Export.self, PartyCommand.self, BodyCommand.self, DecisionCommand.self,
            StepCommand.self, FundingCommand.self, PaymentCommand.self, SignatoryCommand.self, AttachCommand.self,
            Totals.self,
            Reconcile.self, Deadlines.self, AppealCommand.self, AuditCommand.self, Check.self, Backup.self, Copy.self, Grant.self, Upgrade.self, Summary.self, Report.self,
            Serve.self, AccountCommand.self, LogCommand.self,
        ]
    )

    /// Runs the command and maps every failure to one line on stderr and exit status 2, as the README promises.
    /// Global options written before the command are read as if written after it (`CommandWords`).
    static func main() {
        let typed = Array(CommandLine.arguments.dropFirst())
        let (words, moved) = CommandWords.normalised(typed)
        do {
            if !moved.isEmpty { try CommandWords.checkMeaning(typed: typed) }
            var command: any ParsableCommand
            do { command = try parseAsRoot(words) } catch {
                if exitCode(for: error) != .success, let refusal = CommandWords.refusal(typed: typed) { throw refusal }
                throw error
            }
            try command.run()
        } catch {
            // An SQLite failure that reached this far still says the file and the cause, never SQL text.
            let error = RegisterError.from(error, path: LanguageOption.registerPath(typed: typed))
            exit(with: error, language: { LanguageOption.forErrors(typed: typed) })
        }
    }

    /// Prints the error and ends the run with its status. `language` is asked only for an error decreg words itself.
    static func exit(with error: any Error, language: () -> Language) -> Never {
        let status: Int32
        switch error {
        case let error as ExitCode:
            Foundation.exit(error.rawValue)
        case let error as CommandFailure:
            error.lines(language()).forEach(printLine)
            status = error.status
        case let error as any SpokenError:
            error.lines(language()).forEach(printLine)
            status = 2
        default:
            let code = exitCode(for: error)
            if code == .success {
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            let message = fullMessage(for: error)
            let unprefixed = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
            printError(language() == .sv ? ParserWords.swedish(unprefixed) : unprefixed)
            status = code == .validationFailure ? 2 : code.rawValue
        }
        Foundation.exit(status)
    }

    /// Prints one line of an error decreg words itself: a line break in what it quotes is shown, not followed.
    static func printLine(_ message: String) { printError(TextRules.visible(message)) }

    static func printError(_ message: String) {
        let line = message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message
        Output.message("decreg: " + line)
    }
}
