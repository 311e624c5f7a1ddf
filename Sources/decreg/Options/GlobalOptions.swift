import ArgumentParser
import DecregDomain
import DecregStore
import Foundation

/// Where the register is and who is acting: given to every command that touches the register.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The register file (else $DECREG_DB, else ./register.sqlite).")
    var db: String?

    @Option(name: .long, help: "Who makes the change, recorded in the audit trail (else $USER).")
    var actor: String?

    var path: String { RegisterLocation.path(db) }

    /// The register, opened for `access`: a command that only reads opens it so that it cannot write.
    func open(_ access: Register.Access) throws -> Register { try Register.open(path: path, for: access) }

    /// The change context for a command that writes: the actor and the command as the user typed it.
    func context(reason: String? = nil) throws -> ChangeContext {
        // $USER, else $LOGNAME, else the account's name: CI jobs and services often run without $USER.
        let who = actor ?? Environment.value("USER") ?? Environment.value("LOGNAME") ?? ProcessInfo.processInfo.userName
        guard !who.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw CommandFailure(
                option: "--actor", sv: "ange vem som gör ändringen",
                en: "say who is making the change")
        }
        // Who acts is recorded with every entry and shown by every history: one line, as any text typed.
        let checked: String
        do throws(Refusal) { checked = try TextRules.singleLine(who, field: nil) } catch {
            throw CommandFailure(option: actor == nil ? "$USER" : "--actor", error.phrase)
        }
        let arguments = CommandLine.arguments.dropFirst().joined(separator: " ")
        return ChangeContext(actor: checked, command: "decreg " + arguments, reason: reason)
    }
}

/// Only where the register is: for `audit log`, whose `--actor` filters entries rather than naming who acts.
struct RegisterLocation: ParsableArguments {
    @Option(name: .long, help: "The register file (else $DECREG_DB, else ./register.sqlite).")
    var db: String?

    /// The register, opened for `access`.
    func open(_ access: Register.Access) throws -> Register {
        try Register.open(path: RegisterLocation.path(db), for: access)
    }

    /// The register path: `--db`, else `$DECREG_DB`, else `register.sqlite` in the current directory.
    static func path(_ db: String?) -> String {
        db ?? Environment.value("DECREG_DB") ?? "register.sqlite"
    }
}
