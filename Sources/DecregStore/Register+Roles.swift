import DecregDomain
import Foundation

extension Register {
    /// The tables `decreg serve` changes rows of (the records and accounts its clerks write); every other table
    /// it only reads, but the trail and the log's tree, which it appends to.
    static let servedRecordTables = [
        "party", "body", "body_party", "decision", "decision_party", "clause", "funding", "funding_share", "step",
        "step_amount", "payment", "signatory", "attachment", "appeal", "decision_search", "account", "account_party",
    ]

    /// Gives the PostgreSQL role `role` (made by the database's administrator, `createuser`) what `decreg serve`
    /// does, and nothing more: to read every table, to write the records and accounts its clerks change, to
    /// append to the audit trail and the log's tree. It cannot change or remove an entry of the trail, the tree,
    /// a checkpoint or a cosignature (no UPDATE, DELETE or TRUNCATE on them, and not owning the tables it cannot
    /// drop their triggers), nor publish checkpoints, change the register's settings or its schema. Run by the
    /// register's owner; what the role had before on these tables is taken back first. Not in the audit trail:
    /// it changes who may write, not what is written.
    public func grantServing(to role: String) throws {
        guard case .postgres = store else {
            throw RegisterError.invalid(
                Phrase(
                    sv: "roller finns bara i PostgreSQL; en fils rättigheter är filsystemets (chmod, chown)",
                    en: "roles exist only in PostgreSQL; a file's rights are the file system's (chmod, chown)"),
                field: "--db")
        }
        guard role.range(of: #"^[a-z_][a-z0-9_]{0,62}$"#, options: .regularExpression) != nil else {
            throw RegisterError.invalid(
                Phrase(
                    sv: "\(role) är inget rollnamn decreg tar: små bokstäver a–z, siffror och _, högst 63",
                    en: "\(role) is not a role name decreg takes: lower-case a–z, digits and _, at most 63"),
                field: "ROLE")
        }
        let all = RegisterTables.all.map(\.name) + [RegisterTables.search, "decreg_migration"]
        try write { db in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?)", arguments: [role])
                == true
            else {
                throw RegisterError.invalid(
                    Phrase(
                        sv: "rollen \(role) finns inte; skapa den med createuser \(role)",
                        en: "there is no role \(role); make it with createuser \(role)"),
                    field: "ROLE")
            }
            let schema = try String.fetchOne(db, sql: "SELECT current_schema()") ?? "public"
            try db.execute(sql: "REVOKE ALL ON \(all.joined(separator: ", ")) FROM \(role)")
            try db.execute(sql: "GRANT USAGE ON SCHEMA \(schema) TO \(role)")
            try db.execute(sql: "GRANT SELECT ON \(all.joined(separator: ", ")) TO \(role)")
            try db.execute(
                sql: "GRANT INSERT, UPDATE, DELETE ON \(Self.servedRecordTables.joined(separator: ", ")) TO \(role)")
            try db.execute(sql: "GRANT INSERT ON audit_entry, audit_tree TO \(role)")
            try db.execute(sql: "GRANT USAGE, UPDATE ON ALL SEQUENCES IN SCHEMA \(schema) TO \(role)")
        }
    }
}

extension Register {
    /// How far this register, a PostgreSQL standby, has replayed its primary: the age of the last change it
    /// replayed, in milliseconds (nil before it replayed any). Nil for a file or for a primary.
    public func replayAge() throws -> Int64?? {
        guard case .postgres = store else { return nil }
        return try read { db -> Int64?? in
            guard try Bool.fetchOne(db, sql: "SELECT pg_is_in_recovery()") == true else { return nil }
            return .some(
                try Int64.fetchOne(
                    db,
                    sql: "SELECT CAST(EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp())) * 1000 AS BIGINT)"))
        }
    }
}
