import Crypto
import DecregDomain
import Foundation
import GRDB

/// An account with what checks its credentials: for the server's sign-in only, never shown.
public struct StoredAccount: Sendable {
    public var account: Account
    /// The bcrypt hash of its password; nil when it has none (it signs in through the proxy, or not at all).
    public var passwordHash: String?
}

extension Register {
    /// Every account, by name.
    public func accounts() throws -> [Account] {
        try read { db in try AccountRows.all(db).map(\.account) }
    }

    /// The account named `name`, with its password's hash; nil when there is none.
    public func storedAccount(named name: String) throws -> StoredAccount? {
        try read { db in
            try AccountRows.all(db, where: "a.name = \(name)").first.map {
                StoredAccount(account: $0.account, passwordHash: $0.passwordHash)
            }
        }
    }

    /// The account whose current API token is `token`; nil for any other text. The token is looked up by its
    /// SHA-256 (an index on a hash of 256 random bits tells nothing of a token by its timing), and the hash found
    /// is compared with the one asked for in constant time.
    public func account(bearing token: String) throws -> Account? {
        let digest = Hex.string(SHA256.hash(data: Data(token.utf8)))
        return try read { db in
            guard let found = try AccountRows.all(db, where: "a.token_sha256 = \(digest)").first,
                let stored = found.tokenSHA256, AccountTokens.constantTimeEqual(stored, digest)
            else { return nil }
            return found.account
        }
    }

    /// Applies a change to the accounts, with its audit entry: an account's name, role, parties, whether it is
    /// disabled, and when its password was set and its token issued; never a secret. A change made through the
    /// server (`context.account`) is an administrator's only.
    public func apply(_ change: AccountChange, context: ChangeContext) throws {
        try write { db in
            try context.permitAdministration()
            let catalog = try Catalog(db)
            var audit = try AuditTrail(db, context: context)
            switch change {
            case .add(let given, let passwordHash):
                var account = given
                try RegisterError.checking { () throws(Refusal) in
                    try Account.checkName(account.name, field: "NAME")
                }
                if try AccountRows.id(db, name: account.name) != nil {
                    throw RegisterError.duplicate(kind: "account", key: account.name, field: nil)
                }
                guard account.role == .admin || !account.parties.isEmpty else {
                    throw RegisterError.invalid(
                        Phrase(
                            sv: "en \(account.role.word(.sv)) för minst en part: ange --party KOD",
                            en: "a \(account.role.word(.en)) acts for at least one party: give --party CODE"),
                        field: "--party")
                }
                var partyIDs: [Int64] = []
                for party in account.parties {
                    let id = try catalog.partyID(party, field: "--party")
                    if partyIDs.contains(id) {
                        throw RegisterError.duplicate(kind: "party", key: party, field: "--party")
                    }
                    partyIDs.append(id)
                }
                account.disabled = nil
                account.passwordSet = passwordHash == nil ? nil : context.timestamp
                account.tokenIssued = nil
                let id = try db.insert(
                    sql: "INSERT INTO account (name, role, password_hash, password_set) VALUES (?, ?, ?, ?)",
                    arguments: [account.name, account.role.rawValue, passwordHash, account.passwordSet])
                for (position, partyID) in partyIDs.enumerated() {
                    try db.execute(
                        sql: "INSERT INTO account_party (account_id, party_id, position) VALUES (?, ?, ?)",
                        arguments: [id, partyID, position])
                }
                try audit.record(
                    entity: "account", key: account.name, decision: nil, before: nil, after: account.canonicalRecord)
            case .setPassword(let name, let hash):
                try AccountRows.change(db, name, &audit) { id, account in
                    account.passwordSet = context.timestamp
                    try db.execute(
                        sql: "UPDATE account SET password_hash = ?, password_set = ? WHERE id = ?",
                        arguments: [hash, account.passwordSet, id])
                }
            case .issueToken(let name, let digest):
                try AccountRows.change(db, name, &audit) { id, account in
                    account.tokenIssued = context.timestamp
                    try db.execute(
                        sql: "UPDATE account SET token_sha256 = ?, token_issued = ? WHERE id = ?",
                        arguments: [digest, account.tokenIssued, id])
                }
            case .disable(let name):
                let reason = try RegisterError.checking { () throws(Refusal) in
                    try context.circumstances.requiredReason()
                }
                try AccountRows.change(db, name, &audit) { id, account in
                    account.disabled = reason
                    // A disabled account's token is let go with it: enabling it again would be a new token.
                    try db.execute(
                        sql: "UPDATE account SET disabled_reason = ?, token_sha256 = NULL WHERE id = ?",
                        arguments: [reason, id])
                }
            }
        }
    }
}

/// API tokens: 256 random bits, given once in base64url; the register keeps their SHA-256.
public enum AccountTokens {
    /// A new token and the hex SHA-256 to keep of it.
    public static func generate() -> (token: String, sha256: String) {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token = "decreg_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (token, Hex.string(SHA256.hash(data: Data(token.utf8))))
    }

    /// Whether two texts are equal, in a time that depends on their length only.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}

/// The account tables: read into the model.
enum AccountRows {
    struct Found {
        var id: Int64
        var account: Account
        var passwordHash: String?
        var tokenSHA256: String?
    }

    /// The accounts, by name, that `condition` (an SQL literal over `a`, the account table) keeps.
    static func all(_ db: Session, where condition: SQLFragment = "1 = 1") throws -> [Found] {
        let rows = try SQLRow.fetchAll(
            db,
            """
                SELECT a.id, a.name, a.role, a.password_hash, a.password_set, a.token_sha256, a.token_issued,
                       a.disabled_reason,
                       (SELECT \(sql: db.joinedText("code", separator: " ")) FROM (
                            SELECT p.code FROM account_party ap JOIN party p ON p.id = ap.party_id
                            WHERE ap.account_id = a.id ORDER BY ap.position) AS listed) AS parties
                FROM account a WHERE \(condition) ORDER BY a.name
                """)
        return try rows.map { row in
            let roleText: String = row["role"]
            guard let role = AccountRole(rawValue: roleText) else {
                throw RegisterError.invalid(
                    Phrase(verbatim: "account \(row["name"] as String): unknown role '\(roleText)'"), field: nil)
            }
            let parties = (row["parties"] as String?).map { $0.split(separator: " ").map(String.init) } ?? []
            return Found(
                id: row["id"],
                account: Account(
                    name: row["name"], role: role, parties: parties, disabled: row["disabled_reason"],
                    passwordSet: row["password_set"], tokenIssued: row["token_issued"]),
                passwordHash: row["password_hash"], tokenSHA256: row["token_sha256"])
        }
    }

    static func id(_ db: Session, name: String) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name])
    }

    /// Changes the standing account `name`: `update` writes its row and the account as it becomes; the audit entry
    /// records it before and after.
    static func change(
        _ db: Session, _ name: String, _ audit: inout AuditTrail, _ update: (Int64, inout Account) throws -> Void
    ) throws {
        let (id, before) = try standing(db, name: name)
        var after = before
        try update(id, &after)
        try audit.record(
            entity: "account", key: name, decision: nil, before: before.canonicalRecord, after: after.canonicalRecord)
    }

    /// The account named `name`, which must exist and not be disabled.
    static func standing(_ db: Session, name: String) throws -> (Int64, Account) {
        guard let found = try all(db, where: "a.name = \(name)").first else {
            throw RegisterError.unknown(
                kind: "account", key: name, field: nil,
                suggestions: NearestKeys.among(try String.fetchAll(db, sql: "SELECT name FROM account"), nearest: name))
        }
        if let reason = found.account.disabled {
            throw RegisterError.invalid(
                Phrase(
                    sv: "kontot \(name) är avstängt (\(reason)); lägg till ett nytt konto",
                    en: "account \(name) is disabled (\(reason)); add a new account"),
                field: nil)
        }
        return (found.id, found.account)
    }
}
