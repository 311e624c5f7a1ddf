import DecregDomain
import Foundation
import HummingbirdBcrypt

/// Account passwords: bcrypt (HummingbirdBcrypt), of cost 12 unless `DECREG_BCRYPT_COST` (10–16) says otherwise.
/// The one place a password is hashed or checked, for `decreg account` and the server's sign-in alike.
public enum Passwords {
    /// bcrypt's work factor: 2^cost rounds. 12 takes about a quarter of a second on this project's machines.
    public static let cost: UInt8 = {
        if let text = ProcessInfo.processInfo.environment["DECREG_BCRYPT_COST"], let cost = UInt8(text),
            (10...16).contains(cost)
        {
            return cost
        }
        return 12
    }()

    /// A password's rules: at least 10 characters, at most 72 bytes (all bcrypt reads), one line.
    public static func check(_ password: String) throws(Refusal) {
        guard password.count >= 10 else {
            throw Refusal(sv: "ett lösenord har minst 10 tecken", en: "a password has at least 10 characters")
        }
        guard password.utf8.count <= 72 else {
            throw Refusal(sv: "ett lösenord har högst 72 byte", en: "a password has at most 72 bytes")
        }
        guard !password.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw Refusal(
                sv: "ett lösenord innehåller inga styrtecken", en: "a password holds no control characters")
        }
    }

    /// The password's bcrypt hash, to keep in the register; `cost` for a test that signs in many times.
    public static func hash(_ password: String, cost: UInt8 = Passwords.cost) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    /// Whether `password` is the one `hash` was made of. With no hash (an unknown name, an account without a
    /// password) it checks against a hash of its own and answers false, so that the answer takes as long.
    public static func verify(_ password: String, hash: String?) -> Bool {
        guard let hash else {
            _ = Bcrypt.verify(password, hash: placeholder)
            return false
        }
        return Bcrypt.verify(password, hash: hash)
    }

    private static let placeholder = Bcrypt.hash("no account has this password", cost: cost)
}
