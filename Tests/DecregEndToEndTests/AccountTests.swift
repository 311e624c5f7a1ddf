import Foundation
import Testing

/// `decreg account`: the shared register's clerks, added, listed, given passwords and tokens, and disabled, with
/// every change in the audit trail and no secret ever printed, exported or logged.
@Suite("Accounts on the command line")
struct AccountTests {
    @Test("add, list, password from standard input, token, disable: each recorded, no secret shown or exported")
    func accountLifecycle() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let added = try decreg.run("account", "add", "lena.bot", "--role", "registrar", "--party", "BOTKYRKA")
        #expect(added.stdout == "Added account lena.bot: registrar for BOTKYRKA\n", "\(added.stderr)")
        let swedish = try decreg.run(
            ["account", "add", "omar.bot", "--role", "finance", "--party", "BOTKYRKA", "--lang", "sv"])
        #expect(swedish.stdout == "La till kontot omar.bot: ekonom för BOTKYRKA\n")
        // A password from standard input; its hash never leaves the register.
        let password = "ett långt lösenord"
        _ = try decreg.shell(
            "printf '%s\\n' \"$2\" | \"$0\" account password lena.bot --password-stdin --db \"$1\"",
            arguments: [Decreg.binary.path, decreg.db, password])
        let token = try decreg.run("account", "token", "omar.bot").stdout.trimmingCharacters(in: .newlines)
        #expect(token.hasPrefix("decreg_") && token.count >= 40)
        let list = try decreg.run("account", "list", "--format", "json").stdout
        #expect(list.contains("\"password_set\": \"20"))
        #expect(list.contains("\"token_issued\": \"20"))
        let disabled = try decreg.run("account", "disable", "lena.bot", "--reason", "slutat")
        #expect(disabled.stdout == "Disabled account lena.bot: slutat\n")
        // Nothing printed, exported or in the trail holds a password, its hash or the token.
        let everything = [
            list, try decreg.export(), try decreg.run("audit", "log").stdout,
            try decreg.run("audit", "log", "--format", "json").stdout, try decreg.run("account", "list").stdout,
        ].joined(separator: "\n")
        #expect(!everything.contains(password))
        #expect(!everything.contains("$2b$") && !everything.contains("$2y$") && !everything.contains("$2a$"))
        #expect(!everything.contains(token))
        #expect(!everything.contains(String(token.dropFirst(7).prefix(20))))
        // Every change is an audit entry of the account; the trail verifies and counts the accounts.
        let verified = try decreg.run("audit", "verify")
        #expect(verified.status == 0)
        #expect(verified.stdout.hasSuffix("The register matches it: 1 decision, 0 payments, 3 parties, 7 bodies, 2 accounts\n"))
        let log = try decreg.run("audit", "log", "--format", "csv").stdout
        #expect(log.components(separatedBy: ",account,").count - 1 == 5, "\(log)")
    }

    @Test("Each refusal is one line naming what to do, and writes nothing")
    func refusals() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        #expect(try decreg.run("account", "add", "lena.bot", "--role", "registrar", "--party", "BOTKYRKA").status == 0)
        let head = try decreg.run("audit", "head").stdout
        let cases: [([String], String)] = [
            (["account", "add", "Lena", "--role", "registrar", "--party", "BOTKYRKA"],
             "decreg: NAME: an account name is 1–64 of a–z, digits, '.', '_', '-' and '@' (lower case): 'Lena'\n"),
            (["account", "add", "lena.bot", "--role", "finance", "--party", "BOTKYRKA"],
             "decreg: account 'lena.bot' exists already\n"),
            (["account", "add", "x", "--role", "registrar"],
             "decreg: --party: a registrar acts for at least one party: give --party CODE\n"),
            (["account", "add", "x", "--role", "finance", "--party", "BOTKYKRA"],
             "decreg: --party: unknown party 'BOTKYKRA': did you mean BOTKYRKA? (decreg party list shows them all; "
                + "add a new one with decreg party add BOTKYKRA --name …)\n"),
            (["account", "disable", "lena.bot"], "decreg: Missing expected argument '--reason <reason>'\n"),
            (["account", "token", "lena.bo"], "decreg: unknown account 'lena.bo': did you mean lena.bot?\n"),
            (["account", "password", "lena.bot"],
             "decreg: standard input is not a terminal: give the password on standard input with --password-stdin\n"),
        ]
        for (arguments, message) in cases {
            let result = try decreg.run(arguments)
            #expect(result.status == 2, "\(arguments)")
            #expect(result.stderr.hasPrefix(message.components(separatedBy: "\n")[0]), "\(arguments): \(result.stderr)")
        }
        let short = try decreg.shell(
            "printf 'kort\\n' | \"$0\" account password lena.bot --password-stdin --db \"$1\" 2>&1; echo \"status $?\"",
            arguments: [Decreg.binary.path, decreg.db])
        #expect(short == "decreg: a password has at least 10 characters\nstatus 2\n")
        #expect(try decreg.run("audit", "head").stdout == head, "nothing was written")
    }
}
