@testable import DecregStore
import DecregDomain
import DecregInterchange
import DecregTestSupport
import Foundation
import GRDB
import PostgresNIO
import Testing

/// The register's schema for PostgreSQL (`Migrations/postgresql/`), on a real server the tests start: it has
/// SQLite's tables and columns name for name, and PostgreSQL keeps the same rules — append-only trail, log and
/// checkpoints (TRUNCATE too), checks on money, dates and kinds, full-text search over Swedish words.
@Suite("The PostgreSQL schema", .serialized, .enabled(if: PostgresServer.available || PostgresServer.required))
struct PostgresSchemaTests {
    /// A server with a database `register` brought up to date by decreg's own migration over PostgresNIO; stopped
    /// by the caller.
    static func server() throws -> PostgresServer {
        let server = try PostgresServer()
        do {
            try #require(try server.psql("CREATE DATABASE register").status == 0)
            let database = try PostgresDatabase.connect(server.location(database: "register"))
            defer { database.close() }
            #expect(try database.migrate() == ["0010_register"])
            #expect(try database.migrate() == [], "a register up to date is left alone")
        } catch {
            server.stop()
            throw error
        }
        return server
    }

    @Test("Every table and column of SQLite's schema, in the same order")
    func sameTablesAndColumns() throws {
        let server = try Self.server()
        defer { server.stop() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("register.sqlite").path
        _ = try Register.create(path: path)
        let queue = try DatabaseQueue(path: path)
        let sqlite: [String: [String]] = try queue.read { db in
            let tables = try String.fetchAll(
                db,
                sql: """
                    SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                    AND name NOT LIKE 'decision_search_%' AND name <> 'grdb_migrations'
                    """)
            return try Dictionary(
                uniqueKeysWithValues: tables.map { table in
                    (table, try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table]))
                })
        }
        let listed = try server.psql(
            """
            SELECT table_name || ' ' || string_agg(column_name, ',' ORDER BY ordinal_position)
            FROM information_schema.columns WHERE table_schema = 'public' GROUP BY table_name ORDER BY table_name
            """, database: "register")
        #expect(listed.status == 0, "\(listed.output)")
        var postgres: [String: [String]] = [:]
        for line in listed.output.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1)
            postgres[String(parts[0])] = parts.count > 1 ? parts[1].split(separator: ",").map(String.init) : []
        }
        // FTS5's table has the text columns and the decision as its rowid; PostgreSQL's names the decision and keeps
        // the words it indexes.
        #expect(sqlite["decision_search"] == ["title", "clauses", "summary"])
        #expect(postgres["decision_search"] == ["decision_id", "title", "clauses", "summary", "words"])
        postgres["decision_search"] = sqlite["decision_search"]
        // Each engine's list of the migrations applied (grdb_migrations in SQLite) is the engine's own.
        #expect(postgres.removeValue(forKey: "decreg_migration") == ["identifier"])
        #expect(postgres == sqlite)
        #expect(sqlite.count == 22)
    }

    @Test("The trail, the log's tree and the checkpoints refuse UPDATE, DELETE and TRUNCATE")
    func appendOnly() throws {
        let server = try Self.server()
        defer { server.stop() }
        let zeros = String(repeating: "0", count: 64)
        let inserts = [
            "INSERT INTO audit_entry VALUES (1, 't', 'a', 'c', 'e', 'k', NULL, NULL, NULL, NULL, '\(zeros)', '\(String(repeating: "1", count: 64))')",
            "INSERT INTO audit_tree VALUES (0, 0, decode(repeat('00', 32), 'hex'))",
            "INSERT INTO checkpoint VALUES (1, decode(repeat('00', 32), 'hex'), 'register.example.se', 'note', 't')",
            "INSERT INTO checkpoint_signature VALUES (1, '— witness AAAA', 't')",
        ]
        for insert in inserts { #expect(try server.psql(insert, database: "register").status == 0) }
        for (statement, message) in [
            ("UPDATE audit_entry SET actor = 'x'", "the audit trail is append-only: entries cannot be changed"),
            ("DELETE FROM audit_entry", "the audit trail is append-only: entries cannot be deleted"),
            ("TRUNCATE audit_entry", "the audit trail is append-only: entries cannot be deleted"),
            ("UPDATE audit_tree SET idx = 1", "the log is append-only: its hashes cannot be changed"),
            ("TRUNCATE audit_tree", "the log is append-only: its hashes cannot be deleted"),
            ("UPDATE checkpoint SET origin = 'x'", "a published checkpoint cannot be changed"),
            ("TRUNCATE checkpoint CASCADE", "a published checkpoint cannot be deleted"),
            ("DELETE FROM checkpoint_signature", "a recorded cosignature cannot be deleted"),
        ] {
            let refused = try server.psql(statement, database: "register")
            #expect(refused.status != 0 && refused.output.contains(message), "\(statement): \(refused.output)")
        }
        #expect(try server.psql("SELECT count(*) FROM audit_entry", database: "register").output == "1\n")
    }

    @Test("Checks on money, dates, kinds and outcomes hold as in SQLite; search finds Swedish words by prefix")
    func checksAndSearch() throws {
        let server = try Self.server()
        defer { server.stop() }
        let setup = """
            INSERT INTO party (code, name, kind) VALUES ('HUDDINGE', 'Huddinge kommun', 'municipality');
            INSERT INTO decision (ref, title, date, status) VALUES ('FLEM-1', 'Utvecklingsprogram för Flemingsberg', '2007-07-06', 'draft');
            INSERT INTO decision_search VALUES (1, 'Utvecklingsprogram för Flemingsberg', 'att anslå 2,5 MKr', 'Södertörns kärna');
            """
        #expect(try server.psql(setup, database: "register").status == 0)
        for bad in [
            "INSERT INTO party (code, name, kind) VALUES ('X', 'X', 'kingdom')",
            "INSERT INTO party (code, name, kind, org_number) VALUES ('Y', 'Y', 'other', '2120000142')",
            "INSERT INTO decision (ref, title, date, status) VALUES ('B', 'B', '7 juli 2007', 'draft')",
            "INSERT INTO funding (decision_id, year, total_minor, currency) VALUES (1, 2008, -1, 'SEK')",
            "INSERT INTO payment (decision_id, party_id, year, date, amount_minor, currency) VALUES (1, 1, 2008, '2008-01-01', 100, 'KRONOR')",
            "INSERT INTO decision (ref, title, date, status) VALUES ('', 'B', '2007-07-06', 'draft')",
        ] {
            #expect(try server.psql(bad, database: "register").status != 0, "\(bad)")
        }
        let found = try server.psql(
            "SELECT decision_id FROM decision_search WHERE words @@ to_tsquery('simple', 'södertö:* & ANSLÅ:*')",
            database: "register")
        #expect(found.output == "1\n", "\(found.output)")
        let none = try server.psql(
            "SELECT count(*) FROM decision_search WHERE words @@ to_tsquery('simple', 'sodertorn:*')", database: "register")
        #expect(none.output == "0\n", "diacritics are kept, as FTS5's unicode61 with remove_diacritics 0 keeps them")
    }
}

extension PostgresSchemaTests {
    @Test("PostgreSQL's full-text search finds what FTS5 finds in the bundled fixtures, word for word")
    func searchAsFTS5() throws {
        // The fixtures in SQLite, imported as decreg imports them.
        let register = try Register.inMemory()
        var batch = RegisterBatch()
        for file in [
            "flemingsberg/flemingsberg-2007.yaml", "sodertorn/sodertorn-trafik-2024.yaml",
            "flemingsberg-2009/flemingsberg-genomforande-2009.yaml",
        ] {
            let part = try ImportReader.read(path: CanonicalRoundTripTests.fixtures.appendingPathComponent(file).path)
            batch.parties += part.parties
            batch.bodies += part.bodies
            batch.decisions += part.decisions
        }
        try register.add(batch, context: Sample.context)
        // The same texts in PostgreSQL's search table, read from SQLite's.
        let rows: [(Int64, String, String, String, String)] = try register.read { db in
            try SQLRow.fetchAll(
                db,
                sql: """
                    SELECT s.rowid, d.ref, s.title, s.clauses, s.summary
                    FROM decision_search s JOIN decision d ON d.id = s.rowid ORDER BY s.rowid
                    """
            ).map { ($0[0], $0[1], $0[2], $0[3], $0[4]) }
        }
        #expect(rows.count == 3)
        let server = try Self.server()
        defer { server.stop() }
        let database = try PostgresDatabase.connect(server.location(database: "register"))
        defer { database.close() }
        for (id, ref, title, clauses, summary) in rows {
            _ = try database.run(
                "INSERT INTO decision (id, ref, title, date, status) VALUES (?, ?, ?, '2000-01-01', 'draft')",
                [id, ref, title])
            _ = try database.run(
                "INSERT INTO decision_search (decision_id, title, clauses, summary) VALUES (?, ?, ?, ?)",
                [id, title, clauses, summary])
        }
        let searches = [
            "Flemingsberg", "flem", "utvecklingsprogram", "KÄRNAN", "kärn", "Södertörn", "sodertorn", "2,5", "2,5 MKr",
            "att anslå", "trafik", "Huddinge Botkyrka", "genomförande 2009", "landstinget", "xyz", "att", "regionala kärnan",
            "kollektivtrafik", "samverkansorganisation", "Bilaga 1", "bussar",
        ]
        var matched = 0
        for words in searches {
            let sqlite = try register.decisions(DecisionFilter(search: words)).map(\.ref).sorted()
            let postgres = try database.run(
                "SELECT d.ref FROM decision_search s JOIN decision d ON d.id = s.decision_id WHERE s.words @@ to_tsquery('simple', ?) ORDER BY d.ref",
                [SearchQuery.postgres(words)]
            ).rows.map { $0[0] as String }
            #expect(postgres == sqlite, "'\(words)': FTS5 \(sqlite), PostgreSQL \(postgres)")
            if !sqlite.isEmpty { matched += 1 }
        }
        #expect(matched >= 15, "most searches find something")
    }
}

/// Schema N is the same register on either engine: each engine's newest migration is numbered alike, so `upgrade`
/// and a register that needs one say the same schema numbers on both.
@Test("Each engine's migrations end at the same schema number")
func migrationsNumberedAlike() {
    let sqlite = EmbeddedMigrations.all.map(\.name)
    let postgresql = EmbeddedMigrations.postgresql.map(\.name)
    #expect(Migrations.number(of: postgresql.last ?? "") == Migrations.current)
    #expect(Migrations.number(of: sqlite.last ?? "") == Migrations.current)
    #expect(Set(postgresql.map(Migrations.number(of:))).isSubset(of: Set(sqlite.map(Migrations.number(of:)))))
}

/// `.ci/run` sets DECREG_REQUIRE_PEERS=1: there, a machine without PostgreSQL is a failure, not a skipped suite.
@Test("PostgreSQL is installed where the tests require it")
func postgresInstalledWhereRequired() {
    #expect(!PostgresServer.required || PostgresServer.available, "install Debian's postgresql (apt-get install postgresql)")
}

/// Addresses of PostgreSQL registers, and their passwords, read as libpq reads them.
@Suite("PostgreSQL addresses")
struct PostgresLocationTests {
    @Test("A host, a port and a database; a socket folder; the default port")
    func addresses() throws {
        #expect(
            try PostgresLocation(address: "postgresql://decreg@db.example.se:6543/register")
                == PostgresLocation(user: "decreg", host: "db.example.se", port: 6543, database: "register"))
        #expect(
            try PostgresLocation(address: "postgres://decreg@/register?host=/run/postgresql")
                == PostgresLocation(user: "decreg", host: "/run/postgresql", port: 5432, database: "register"))
        #expect(!PostgresLocation.isAddress("register.sqlite"))
    }

    @Test("A password in the address, no user, no database or a port out of range is refused, saying what to write")
    func refusals() {
        for (address, words) in [
            ("postgresql://decreg:hemligt@db/register", "PGPASSWORD or ~/.pgpass"),
            ("postgresql://db.example.se/register", "the user is missing"),
            ("postgresql://decreg@db.example.se/", "the database's name is missing"),
            ("postgresql://decreg@db.example.se:70000/register", "postgresql://USER@HOST:PORT/DATABASE"),
        ] {
            #expect(throws: RegisterError.self, "\(address)") { try PostgresLocation(address: address) }
            do { _ = try PostgresLocation(address: address) } catch let error as RegisterError {
                #expect(error.phrase.en.contains(words), "\(address): \(error.phrase.en)")
            } catch {}
        }
    }

    @Test("The password from PGPASSWORD, else the first matching line of ~/.pgpass")
    func passwords() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-pgpass-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("pgpass").path
        try """
            # host:port:database:user:password
            other.example.se:5432:*:decreg:fel
            db.example.se:*:register:decreg:rätt\\:lösen
            *:*:*:*:sist
            """.write(toFile: file, atomically: true, encoding: .utf8)
        let location = PostgresLocation(user: "decreg", host: "db.example.se", port: 6543, database: "register")
        #expect(location.password(environment: ["PGPASSFILE": file]) == "rätt:lösen")
        #expect(location.password(environment: ["PGPASSFILE": file, "PGPASSWORD": "miljö"]) == "miljö")
        let elsewhere = PostgresLocation(user: "x", host: "/run/postgresql", database: "y")
        #expect(elsewhere.password(environment: ["PGPASSFILE": file]) == "sist")
        #expect(elsewhere.password(environment: ["PGPASSFILE": folder.appendingPathComponent("none").path]) == nil)
    }
}
