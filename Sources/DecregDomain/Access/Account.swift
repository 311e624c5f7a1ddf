import Foundation

/// What an account may do in the shared register (issue 17). The command line, run by someone with the register's
/// file in hand, acts with every right; an account is who acts through `decreg serve`.
public enum AccountRole: String, CaseIterable, Sendable, Codable {
    /// A decision's text and handling: add and correct decisions that bind one of its parties, their steps by its
    /// parties' bodies, signatories and attachments.
    case registrar
    /// Money: the funding of decisions that bind one of its parties, and the payments its parties make.
    case finance
    /// Accounts, parties and bodies; everything.
    case admin

    /// The role in the register's words.
    public func word(_ language: Language) -> String {
        switch (self, language) {
        case (.registrar, .sv): "registrator"
        case (.finance, .sv): "ekonom"
        case (.admin, .sv): "administratör"
        case (.registrar, .en): "registrar"
        case (.finance, .en): "finance officer"
        case (.admin, .en): "administrator"
        }
    }
}

/// A clerk's account: a name to sign in with, a role, and the parties it acts for. Its password and tokens are kept
/// by the register as hashes only and are no part of this value: what it holds may be shown, exported and written
/// to the audit trail.
public struct Account: Sendable, Equatable {
    /// The name signed in with: 1–64 of the letters a–z, digits, `.`, `_`, `-` and `@`.
    public var name: String
    public var role: AccountRole
    /// The codes of the parties it acts for, in the order given; an administrator's may be empty.
    public var parties: [String]
    /// Why it was disabled; nil while it may sign in.
    public var disabled: String?
    /// When its password was last set (UTC, as the audit trail writes times); nil when it has none.
    public var passwordSet: String?
    /// When its API token was last issued; nil when it has none.
    public var tokenIssued: String?

    public init(
        name: String, role: AccountRole, parties: [String], disabled: String? = nil, passwordSet: String? = nil,
        tokenIssued: String? = nil
    ) {
        self.name = name
        self.role = role
        self.parties = parties
        self.disabled = disabled
        self.passwordSet = passwordSet
        self.tokenIssued = tokenIssued
    }

    /// Whether `name` is one an account may have; else what is wrong with it.
    public static func checkName(_ name: String, field: String) throws(Refusal) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789._-@".unicodeScalars)
        guard (1...64).contains(name.unicodeScalars.count), name.unicodeScalars.allSatisfy(allowed.contains) else {
            throw Refusal(
                sv: "ett kontonamn är 1–64 tecken av a–z, siffror, '.', '_', '-' och '@' (gemener): '\(name)'",
                en: "an account name is 1–64 of a–z, digits, '.', '_', '-' and '@' (lower case): '\(name)'",
                field: field)
        }
    }
}

extension Account {
    /// The account's canonical record JSON, as the audit trail records it: never a secret, only when the password
    /// was set and the token issued.
    public var canonicalRecord: [UInt8] {
        var out = CanonicalJSONWriter(capacity: 160)
        out.raw("{\"disabled\":")
        out.string(orNull: disabled)
        out.raw(",\"name\":")
        out.string(name)
        out.raw(",\"parties\":")
        out.stringArray(parties)
        out.raw(",\"password_set\":")
        out.string(orNull: passwordSet)
        out.raw(",\"role\":")
        out.string(role.rawValue)
        out.raw(",\"token_issued\":")
        out.string(orNull: tokenIssued)
        out.byte(UInt8(ascii: "}"))
        return out.bytes
    }
}

/// A change to the register's accounts: the one typed value `decreg account …` builds.
public enum AccountChange: Sendable, Equatable {
    /// A new account; `passwordHash` is the bcrypt hash of its first password, if one was given.
    case add(Account, passwordHash: String?)
    /// Sets the account's password (its bcrypt hash); the sessions it has stay until they expire.
    case setPassword(name: String, passwordHash: String)
    /// Issues a new API token (its SHA-256, hex); the earlier ones stop working.
    case issueToken(name: String, tokenSHA256: String)
    /// Disables the account: it can no longer sign in, and its token no longer works. Needs a reason.
    case disable(name: String)
}
