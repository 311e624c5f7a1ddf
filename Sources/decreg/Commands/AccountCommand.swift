import ArgumentParser
import DecregDomain
import DecregStore
import DecregWeb
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension AccountRole: ExpressibleByArgument {}

extension Decreg {
    struct AccountCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "account",
            abstract: "Add, list and disable the clerks' accounts of the shared register; set passwords and tokens.",
            discussion: """
                Accounts sign in to `decreg serve` to record their parties' part: a registrar their decisions and \
                steps, a finance officer their funding and payments, an administrator everything. Passwords and \
                tokens are kept as hashes only; the audit trail records when they were set.
                """,
            subcommands: [Add.self, List.self, Disable.self, Password.self, Token.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an account.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The name it signs in with: a–z, digits, '.', '_', '-', '@'.") var name: String
            @Option(help: "registrar, finance or admin.") var role: AccountRole
            @Option(help: "A party it acts for (repeat for several; an admin may have none).") var party: [String] = []
            @Flag(help: "Read its first password from standard input (one line).") var passwordStdin = false

            func run() throws {
                let parties = try party.map { try ArgumentValues.code($0, option: "--party") }
                let hash = try passwordStdin ? Passwords.hash(Secret.fromStandardInput()) : nil
                let register = try global.open(.writing)
                try register.apply(
                    .add(Account(name: name, role: role, parties: parties), passwordHash: hash),
                    context: try global.context())
                try Output.recorded(.accountAdded(name: name, role: role, parties: parties), in: register, lang)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "list", abstract: "List the accounts: role, parties, password and token, disabled.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions

            func run() throws {
                let register = try global.open(.reading)
                let accounts = try register.accounts()
                let rows = accounts.map { account in
                    [
                        account.name, account.role.rawValue, account.parties.joined(separator: " "),
                        account.passwordSet ?? "", account.tokenIssued ?? "", account.disabled ?? "",
                    ]
                }
                let headers = ["name", "role", "parties", "password_set", "token_issued", "disabled"]
                switch output.format {
                case .json:
                    Output.line(
                        JSONValue.array(
                            accounts.map { account in
                                .object([
                                    ("name", .string(account.name)), ("role", .string(account.role.rawValue)),
                                    ("parties", .array(account.parties.map(JSONValue.string))),
                                    ("password_set", account.passwordSet.map(JSONValue.string) ?? .null),
                                    ("token_issued", account.tokenIssued.map(JSONValue.string) ?? .null),
                                    ("disabled", account.disabled.map(JSONValue.string) ?? .null),
                                ])
                            }
                        ).rendered())
                case .csv: Output.write(try output.csv(headers: headers, rows: rows))
                case .table:
                    let language = try output.language(register)
                    let sv = language == .sv
                    var table = TextTable(
                        headers: sv
                            ? ["namn", "roll", "parter", "lösenord satt", "token utfärdad", "avstängt"]
                            : ["name", "role", "parties", "password set", "token issued", "disabled"])
                    for account in accounts {
                        table.append([
                            account.name, account.role.word(language), account.parties.joined(separator: ", "),
                            account.passwordSet.map { LocalTime.shown(utc: $0) } ?? "",
                            account.tokenIssued.map { LocalTime.shown(utc: $0) } ?? "", account.disabled ?? "",
                        ])
                    }
                    Output.write(table.rendered())
                }
            }
        }

        struct Disable: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "disable",
                abstract: "Disable an account: it can no longer sign in, and its token stops working.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The account's name.") var name: String
            @Option(help: "Why it is disabled (required).") var reason: String

            func run() throws {
                let register = try global.open(.writing)
                try register.apply(.disable(name: name), context: try global.context(reason: reason))
                try Output.recorded(.accountDisabled(name: name, reason: reason), in: register, lang)
            }
        }

        struct Password: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "password",
                abstract: "Set an account's password: asked twice without echo, or read from standard input.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The account's name.") var name: String
            @Flag(help: "Read the password from standard input (one line), not from the terminal.")
            var passwordStdin = false

            func run() throws {
                let password = try passwordStdin ? Secret.fromStandardInput() : Secret.fromTerminal()
                let register = try global.open(.writing)
                try register.apply(
                    .setPassword(name: name, passwordHash: Passwords.hash(password)), context: try global.context())
                try Output.recorded(.passwordSet(name: name), in: register, lang)
            }
        }

        struct Token: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "token",
                abstract: "Issue a new API token for an account and print it once; its earlier token stops working.")
            @OptionGroup var global: GlobalOptions
            @Argument(help: "The account's name.") var name: String

            func run() throws {
                let (token, digest) = AccountTokens.generate()
                let register = try global.open(.writing)
                try register.apply(.issueToken(name: name, tokenSHA256: digest), context: try global.context())
                // The token itself, alone on standard output, for a script to keep; it is shown only this once.
                Output.line(token)
            }
        }
    }
}

/// A password typed by a person or given by a script; checked against the password rules.
enum Secret {
    /// One line of standard input, without its line break.
    static func fromStandardInput() throws -> String {
        guard let line = readLine(strippingNewline: true) else {
            throw CommandFailure(
                option: "--password-stdin", sv: "inget lösenord på standard in", en: "no password on standard input")
        }
        return try checked(line)
    }

    /// Asked twice on the terminal without echo; the two must agree.
    static func fromTerminal() throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure(
                sv: "standard in är ingen terminal: ange lösenordet på standard in med --password-stdin",
                en: "standard input is not a terminal: give the password on standard input with --password-stdin")
        }
        let first = try prompt(Phrase(sv: "Nytt lösenord: ", en: "New password: ").text(Output.errorLanguage))
        let second = try prompt(Phrase(sv: "Igen: ", en: "Again: ").text(Output.errorLanguage))
        guard first == second else {
            throw CommandFailure(sv: "lösenorden var olika; inget ändrades", en: "the passwords differed; nothing changed")
        }
        return try checked(first)
    }

    private static func prompt(_ text: String) throws -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var saved = termios()
        tcgetattr(STDIN_FILENO, &saved)
        var silent = saved
        silent.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
        defer {
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        return readLine(strippingNewline: true) ?? ""
    }

    private static func checked(_ password: String) throws -> String {
        do { try Passwords.check(password) } catch { throw CommandFailure(error.phrase) }
        return password
    }
}
