import DecregTestSupport
import Foundation
import Testing

/// Tampering through another client (the sqlite3 shell on a file, psql on PostgreSQL), as someone with the register
/// but not decreg would do it.
@Suite("The audit trail proves the record was not altered")
struct AuditTests {
    /// A register with the fixtures, a correction and a withdrawn payment; `head` is its published head.
    static func prepared() throws -> (Decreg, head: String) {
        let decreg = try Decreg()
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        #expect(try decreg.run("decision", "correct", "FLEMINGSBERG-2007", "--title", "Utvecklingsprogram för Flemingsberg",
                               "--reason", "Rubriken förkortad", "--actor", "anna").status == 0)
        #expect(try decreg.run("payment", "withdraw", "2", "--reason", "Dubbelregistrerad", "--actor", "bertil").status == 0)
        let head = try decreg.run("audit", "head")
        #expect(head.status == 0)
        return (decreg, head.stdout.trimmingCharacters(in: .newlines))
    }

    /// Runs SQL on the register with the sqlite3 shell, behind decreg's back.
    static func tamper(_ decreg: Decreg, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [decreg.db, sql]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "sqlite3 refused: \(sql)")
    }

    /// Alters the register as `route` says, in its engine's SQL: through the sqlite3 shell on a file; on
    /// PostgreSQL through psql as its superuser, with the triggers off (`session_replication_role`).
    static func tamper(_ decreg: Decreg, _ route: TamperingRoute) throws {
        guard PostgresServer.selectedForTests else { return try tamper(decreg, route.sqlite) }
        let tampered = try PostgresServer.shared().psql(
            "SET session_replication_role = replica; \(route.postgres)", database: PostgresServer.database(of: decreg.db))
        #expect(tampered.status == 0, "\(route.route): \(tampered.output)")
    }

    @Test("An untouched register verifies, and its head is SEQ HASH")
    func intact() throws {
        let (decreg, head) = try Self.prepared()
        defer { decreg.remove() }
        #expect(head.range(of: #"^24 [0-9a-f]{64}$"#, options: .regularExpression) != nil)
        let verified = try decreg.run("audit", "verify", "--head", head.replacingOccurrences(of: " ", with: ":"))
        #expect(verified.status == 0)
        #expect(verified.stdout == """
            Audit trail intact: 24 entries, head \(head)
            The register matches it: 3 decisions, 4 payments, 5 parties, 10 bodies

            """)
        let check = try decreg.run("check")
        #expect(check.status == 0)
        #expect(check.stdout.hasPrefix("SQLite integrity check: ok\nAudit trail intact: 24 entries"))
    }

    @Test("Each tampering route is caught and named, on either engine", arguments: TamperingRoute.all)
    func tampering(route: TamperingRoute) throws {
        let (decreg, _) = try Self.prepared()
        defer { decreg.remove() }
        try Self.tamper(decreg, route)
        let verified = try decreg.run("audit", "verify")
        #expect(verified.status == 1, "\(route.route)")
        #expect(verified.stdout.contains("\n  \(route.problem)\n"), "\(route.route): \(verified.stdout)")
        #expect(verified.stdout.hasPrefix("Audit verification FAILED"))
        #expect(try decreg.run("check").status == 1)
    }

    @Test("A truncated trail whose data was rolled back too is caught against the published head", .sqliteFile)
    func truncation() throws {
        let (decreg, head) = try Self.prepared()
        defer { decreg.remove() }
        // Remove the last two entries and undo what they recorded: the rest of the trail is consistent.
        try Self.tamper(decreg, """
            DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE seq >= 23;
            DROP TRIGGER audit_tree_no_delete; DELETE FROM audit_tree WHERE (idx + 1) << level > 22;
            UPDATE payment SET withdrawn_reason = NULL;
            UPDATE decision SET title = 'Utvecklingsprogram, Organisation och Genomförande avseende den Regionala Kärnan Flemingsberg' WHERE ref = 'FLEMINGSBERG-2007';
            UPDATE decision_search SET title = (SELECT title FROM decision WHERE decision.id = decision_search.rowid);
            """)
        #expect(try decreg.run("audit", "verify").status == 0)
        let verified = try decreg.run("audit", "verify", "--head", head.replacingOccurrences(of: " ", with: ":"))
        #expect(verified.status == 1)
        #expect(verified.stdout.contains(
            "  audit entry 24 of the published head is not in the trail: the trail was truncated\n"))
    }

    @Test("Corrections need a reason and appear in the history with who, when and why")
    func history() throws {
        let (decreg, _) = try Self.prepared()
        defer { decreg.remove() }
        let noReason = try decreg.run("decision", "correct", "FLEMINGSBERG-2007", "--title", "X")
        #expect(noReason.status == 2)
        #expect(noReason.stderr.contains("Missing expected argument '--reason <reason>'"))
        let history = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--history", "--format", "json")
        let entries = try #require(try decreg.json(history.stdout) as? [[String: Any]])
        #expect(entries.map { $0["what"] as? String } == ["recorded", "corrected"])
        let changes = try #require(entries[1]["changes"] as? [[String: Any]])
        #expect(changes.map { $0["field"] as? String } == ["title"])
        #expect(changes[0]["after"] as? String == "Utvecklingsprogram för Flemingsberg")
        #expect(entries[1]["actor"] as? String == "anna")
        #expect(entries[1]["reason"] as? String == "Rubriken förkortad")
        let shown = try decreg.run("decision", "show", "FLEMINGSBERG-2007", "--format", "json")
        #expect((try decreg.json(shown.stdout) as? [String: Any])?["title"] as? String == "Utvecklingsprogram för Flemingsberg")
    }

    @Test("A withdrawn payment stays recorded but counts for nothing; withdrawing twice is refused")
    func withdrawnPayment() throws {
        let (decreg, _) = try Self.prepared()
        defer { decreg.remove() }
        let totals = try decreg.run("totals", "--by", "party", "--decision", "FLEMINGSBERG-2009", "--format", "csv")
        #expect(totals.stdout.contains("SLL,SEK,1200000.00,1200000.00,600000.00\r\n"))
        let shown = try decreg.run("decision", "show", "FLEMINGSBERG-2009", "--format", "json")
        let payments = try #require((try decreg.json(shown.stdout) as? [String: Any])?["payments"] as? [[String: Any]])
        #expect(payments.count == 4)
        #expect(payments[1]["number"] as? Int == 2)
        #expect(payments[1]["withdrawn"] as? String == "Dubbelregistrerad")
        let again = try decreg.run("payment", "withdraw", "2", "--reason", "igen")
        #expect(again.status == 2)
        #expect(again.stderr == "decreg: payment 2 was withdrawn already: Dubbelregistrerad\n")
    }

    @Test("audit log filters by decision, actor and day, and prints JSON entries")
    func log() throws {
        let (decreg, _) = try Self.prepared()
        defer { decreg.remove() }
        let byActor = try decreg.run("audit", "log", "--actor", "bertil", "--format", "json")
        let entries = try #require(try decreg.json(byActor.stdout) as? [[String: Any]])
        #expect(entries.count == 1)
        #expect(Set(entries[0].keys) == [
            "seq", "at", "actor", "command", "entity", "key", "what", "changes", "reason", "hash",
        ])
        #expect(entries[0]["what"] as? String == "withdrawn")
        #expect(entries[0]["reason"] as? String == "Dubbelregistrerad")
        #expect(entries[0]["command"] as? String == "decreg payment withdraw 2 --reason Dubbelregistrerad --actor bertil --db \(decreg.db)")
        let byDecision = try decreg.run("audit", "log", "--decision", "FLEMINGSBERG-2009", "--format", "csv")
        #expect(byDecision.stdout.components(separatedBy: "\r\n").count == 8, "header, 6 entries, end")
        let future = try decreg.run("audit", "log", "--since", "2999-01-01", "--format", "json")
        #expect(future.stdout == "[]\n")
    }
}

/// One way of altering a register behind decreg's back, in each engine's SQL, and the line `audit verify` names it
/// with (the same on both).
struct TamperingRoute: Sendable, CustomTestStringConvertible {
    let route: String
    let sqlite: String
    let postgres: String
    let problem: String

    var testDescription: String { route }

    static let all = [
        TamperingRoute(
            route: "an amount edited",
            sqlite: "UPDATE funding_share SET amount_minor = 50000000 WHERE amount_minor = 60000000",
            postgres: "UPDATE funding_share SET amount_minor = 50000000 WHERE amount_minor = 60000000",
            problem: "decision FLEMINGSBERG-2009 differs from its audit entry 18 (table funding_share): funding[0].shares[2].amount: the trail has \"600000.00\", the register \"500000.00\""),
        TamperingRoute(
            route: "a row deleted", sqlite: "DELETE FROM payment WHERE id = 3", postgres: "DELETE FROM payment WHERE id = 3",
            problem: "payment 3 is recorded by audit entry 21 but is missing from table payment"),
        TamperingRoute(
            route: "a row added",
            sqlite: "INSERT INTO clause (decision_id, position, text) SELECT id, 9, 'att dessutom' FROM decision WHERE ref = 'FLEMINGSBERG-2009'",
            postgres: "INSERT INTO clause (decision_id, position, text) SELECT id, 9, 'att dessutom' FROM decision WHERE ref = 'FLEMINGSBERG-2009'",
            problem: "decision FLEMINGSBERG-2009 differs from its audit entry 18 (table clause): clauses[1]: the trail has nothing, the register \"att dessutom\""),
        TamperingRoute(
            route: "an audit entry edited with its trigger out of the way",
            sqlite: "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET actor = 'mallory' WHERE seq = 5",
            postgres: "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 5",
            problem: "audit entry 5: its content does not match its hash: the entry was altered"),
        TamperingRoute(
            route: "entries reordered",
            sqlite: "DROP TRIGGER audit_entry_no_update; UPDATE audit_entry SET seq = -seq WHERE seq IN (3, 4); UPDATE audit_entry SET seq = 4 WHERE seq = -3; UPDATE audit_entry SET seq = 3 WHERE seq = -4",
            postgres: "UPDATE audit_entry SET seq = seq + 1000 WHERE seq IN (3, 4); UPDATE audit_entry SET seq = 4 WHERE seq = 1003; UPDATE audit_entry SET seq = 3 WHERE seq = 1004",
            problem: "audit entry 3: its content does not match its hash: the entry was altered"),
        TamperingRoute(
            route: "an entry removed from the middle",
            sqlite: "DROP TRIGGER audit_entry_no_delete; DELETE FROM audit_entry WHERE seq = 12",
            postgres: "DELETE FROM audit_entry WHERE seq = 12",
            problem: "audit entry 13: entries 12…12 are missing from the trail"),
        TamperingRoute(
            route: "a status typed in",
            sqlite: "UPDATE decision SET status = 'adopted' WHERE ref = 'FLEMINGSBERG-2007'",
            postgres: "UPDATE decision SET status = 'adopted' WHERE ref = 'FLEMINGSBERG-2007'",
            problem: "table decision: FLEMINGSBERG-2007 has status 'adopted' but its steps make it 'proposed'"),
        TamperingRoute(
            route: "an attachment's bytes replaced",
            sqlite: "UPDATE attachment SET content = CAST('forged' AS BLOB) WHERE label = 'Bilaga 1'",
            postgres: "UPDATE attachment SET content = 'forged'::bytea WHERE label = 'Bilaga 1'",
            problem: "table attachment: the bytes of Bilaga 1 of FLEMINGSBERG-2007 do not match its recorded SHA-256 and size"),
        TamperingRoute(
            route: "a search text edited",
            sqlite: "UPDATE decision_search SET title = 'något annat' WHERE rowid = 1",
            postgres: "UPDATE decision_search SET title = 'något annat' WHERE decision_id = 1",
            problem: "table decision_search: the search text of FLEMINGSBERG-2007 is not its title, clauses and summary"),
    ]
}
