import DecregTestSupport
import Foundation
import Testing

/// The register on PostgreSQL from the command line (`--db postgresql://…`): the same answers as a file, and
/// `decreg copy` between the engines row for row.
@Suite("The register on PostgreSQL", .enabled(if: PostgresServer.available || PostgresServer.required))
struct PostgresCommandTests {
    /// What the fixtures give on a register, command by command: everything but the audit heads (whose hashes
    /// cover the moment each entry was written).
    static func answers(_ decreg: Decreg) throws -> [String: String] {
        var answers: [String: String] = [:]
        let commands: [[String]] = [
            ["export"], ["totals"], ["totals", "--by", "party,year,body"], ["reconcile"], ["decision", "list"],
            ["decision", "list", "--search", "flemingsberg utveckl"], ["decision", "list", "--party", "HUDDINGE"],
            ["decision", "show", "FLEMINGSBERG-2009"], ["decision", "show", "FLEMINGSBERG-2008"],
            ["deadlines"], ["party", "list"], ["body", "list"], ["payment", "list"],
            ["funding", "show", "SODERTORN-TRAFIK-2024"],
        ]
        for command in commands {
            let result = try decreg.run(command, environment: ["DECREG_TODAY": "2026-12-03"])
            answers[command.joined(separator: " ")] = "\(result.status)\n\(result.stdout)\n\(result.stderr)"
        }
        return answers
    }

    @Test("The fixtures imported into a file and into PostgreSQL: the same export, totals, lists and refusals")
    func sameAnswers() throws {
        let file = try Decreg(file: true)
        let postgres = try Decreg(database: PostgresServer.sharedDatabase())
        #expect(postgres.db.hasPrefix("postgresql://"))
        for decreg in [file, postgres] {
            for fixture in decreg.allFixtures {
                let imported = try decreg.run("import", fixture)
                #expect(imported.status == 0, "\(decreg.db): \(imported.stderr)")
            }
        }
        let onFile = try Self.answers(file)
        let onPostgres = try Self.answers(postgres)
        for (command, answer) in onFile.sorted(by: { $0.key < $1.key }) {
            #expect(onPostgres[command] == answer, "decreg \(command)")
        }
        #expect(onFile["export"]?.contains("FLEMINGSBERG-2007") == true)
        #expect(onFile["decision show FLEMINGSBERG-2008"]?.hasPrefix("2\n") == true, "an unknown decision is refused")
        let verified = try postgres.run("audit", "verify")
        #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
        #expect(verified.stdout.contains("Audit trail intact: 22 entries"))
        // decreg draws the ids of decisions, funding years, steps and payments itself; each table's identity is
        // moved on past them, so a row inserted leaving its id to the table (by hand) takes none of them.
        let database = PostgresServer.database(of: postgres.db)
        for table in ["decision", "funding", "step", "payment"] {
            let next = try PostgresServer.shared().psql(
                "SELECT nextval(pg_get_serial_sequence('\(table)', 'id')) > (SELECT max(id) FROM \(table))",
                database: database)
            #expect(next.status == 0 && next.output.trimmingCharacters(in: .whitespacesAndNewlines) == "t", "\(table): \(next.output)")
        }
    }

    @Test("copy moves a register file → PostgreSQL → file: the same export, audit head and checkpoint root")
    func copyBothWays() throws {
        let source = try Decreg(file: true)
        for fixture in source.allFixtures { _ = try source.run("import", fixture) }
        let dir = source.directory.path
        _ = try source.run(
            ["log", "key", "generate", "--name", "register.example.se/test", "--output", "\(dir)/log.key"], useDB: false)
        let checkpoint = try source.run("log", "checkpoint", "--key", "\(dir)/log.key", "--publish")
        #expect(checkpoint.status == 0, "\(checkpoint.stderr)")
        // One more change after the checkpoint: the trail is longer than the published log.
        #expect(try source.run("party", "add", "NACKA", "--name", "Nacka kommun", "--kind", "municipality").status == 0)

        let target = try PostgresServer.sharedDatabase()
        let copied = try source.run(["copy", "--from", source.db, "--to", target], useDB: false)
        #expect(copied.status == 0, "\(copied.stderr)")
        #expect(copied.stdout.contains("3 decisions"), "\(copied.stdout)")
        let back = "\(dir)/back.sqlite"
        let returned = try source.run(["copy", "--from", target, "--to", back], useDB: false)
        #expect(returned.status == 0, "\(returned.stderr)")

        let onPostgres = try Decreg(initialise: false, database: target)
        let onFileAgain = try Decreg(initialise: false, database: back)
        for decreg in [onPostgres, onFileAgain] {
            for command in [["export"], ["audit", "head"], ["log", "checkpoint", "--key", "\(dir)/log.key"]] {
                let original = try source.run(command)
                let copy = try decreg.run(command)
                #expect(copy.status == 0 && copy.stdout == original.stdout, "\(decreg.db): \(command) \(copy.stderr)")
            }
            let verified = try decreg.run("audit", "verify")
            #expect(verified.status == 0, "\(decreg.db): \(verified.stdout)\(verified.stderr)")
        }

        // A target that holds a register is refused, and left as it was.
        let again = try source.run(["copy", "--from", source.db, "--to", target], useDB: false)
        #expect(again.status == 2)
        #expect(again.stderr.contains("is not empty"), "\(again.stderr)")
        let overFile = try source.run(["copy", "--from", target, "--to", back], useDB: false)
        #expect(overFile.status == 2)
        #expect(
            overFile.stderr == "decreg: --to: \(back) exists already; decreg copy writes only a new register: give a path where no file is\n",
            "\(overFile.stderr)")
        #expect(try onPostgres.run("export").stdout == (try source.run("export").stdout))
    }

    @Test("A password in the address is refused before anything is sent; a server not there is named")
    func addresses() throws {
        let decreg = try Decreg(initialise: false)
        let withPassword = try decreg.run(["export", "--db", "postgresql://decreg:secret@localhost/register"], useDB: false)
        #expect(withPassword.status == 2)
        #expect(withPassword.stderr.contains("PGPASSWORD"), "\(withPassword.stderr)")
        #expect(!withPassword.stderr.contains("secret"))
        let nowhere = try decreg.run(["export", "--db", "postgresql://decreg@127.0.0.1:1/register"], useDB: false)
        #expect(nowhere.status != 0)
        #expect(nowhere.stderr.contains("cannot reach postgresql://decreg@127.0.0.1:1/register"), "\(nowhere.stderr)")
        #expect(nowhere.stderr.split(separator: "\n").count == 1, "\(nowhere.stderr)")
    }
}
