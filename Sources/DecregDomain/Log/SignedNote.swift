import Crypto
import Foundation

/// An Ed25519 key of the signed-note format (c2sp.org/signed-note): the log's, which signs checkpoints (type
/// 0x01), or a witness's, which cosigns them (type 0x04, c2sp.org/tlog-cosignature). The private key is written as
/// Go's `golang.org/x/mod/sumdb/note` writes one (`PRIVATE+KEY+name+keyid+base64(type ‖ seed)`), the verifier key
/// as `name+keyid+base64(type ‖ public key)`.
public struct NoteKey: Sendable {
    public enum Kind: UInt8, Sendable {
        case log = 0x01
        case witness = 0x04
    }

    public let name: String
    public let kind: Kind
    let privateKey: Curve25519.Signing.PrivateKey

    /// A new key.
    public init(name: String, kind: Kind) throws(NoteError) {
        try NoteKey.checkName(name)
        self.name = name
        self.kind = kind
        privateKey = Curve25519.Signing.PrivateKey()
    }

    /// A key read from its private text.
    public init(parsing text: String) throws(NoteError) {
        // The key's base64 may itself hold `+`: only the first four separate fields.
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "+", maxSplits: 4, omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0] == "PRIVATE", parts[1] == "KEY",
            let material = Data(base64Encoded: String(parts[4])), material.count == 33,
            let kind = Kind(rawValue: material[material.startIndex]),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: material.dropFirst())
        else {
            throw NoteError(
                sv: "ingen privat nyckel (väntade PRIVATE+KEY+NAMN+ID+NYCKEL, som decreg log key generate skriver)",
                en: "not a private key (expected PRIVATE+KEY+NAME+ID+KEY, as decreg log key generate writes)")
        }
        name = String(parts[2])
        self.kind = kind
        privateKey = key
        guard parts[3] == Hex.string(bytes: keyID) else {
            throw NoteError(
                sv: "den privata nyckelns id stämmer inte med nyckeln", en: "the private key's id does not match the key")
        }
    }

    /// The private key's text, to keep secret.
    public var privateText: String {
        "PRIVATE+KEY+\(name)+\(Hex.string(bytes: keyID))+"
            + Data([kind.rawValue] + privateKey.rawRepresentation).base64EncodedString()
    }

    /// The verifier key, to publish.
    public var verifier: NoteVerifier {
        NoteVerifier(name: name, kind: kind, publicKey: Array(privateKey.publicKey.rawRepresentation))
    }

    var keyID: [UInt8] { verifier.keyID }

    /// The note signature line's signature over `message`, with `prefix` bytes before the signature (a
    /// cosignature's timestamp).
    func signature(_ message: [UInt8], prefix: [UInt8] = []) throws -> String {
        let signature = try privateKey.signature(for: message)
        return Data(keyID + prefix + signature).base64EncodedString()
    }

    /// A key name: non-empty, no spaces, no `+`.
    static func checkName(_ name: String) throws(NoteError) {
        guard !name.isEmpty, !name.contains("+"),
            !name.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 })
        else {
            throw NoteError(
                sv: "'\(name)' går inte som nyckelnamn: inte tomt, inga mellanslag och inga +, t.ex. register.example.se/flemingsberg",
                en: "'\(name)' cannot be a key name: not empty, no spaces and no +, e.g. register.example.se/flemingsberg")
        }
    }
}

/// A verifier key: name, key id and Ed25519 public key, in the signed-note form `name+keyid+base64`.
public struct NoteVerifier: Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public let kind: NoteKey.Kind
    public let publicKey: [UInt8]

    public init(name: String, kind: NoteKey.Kind, publicKey: [UInt8]) {
        self.name = name
        self.kind = kind
        self.publicKey = publicKey
    }

    public init(parsing text: String) throws(NoteError) {
        // The key's base64 may itself hold `+`: only the first two separate fields.
        let parts = text.trimmingCharacters(in: .whitespacesAndNewlines)
            .split(separator: "+", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count == 3, let material = Data(base64Encoded: String(parts[2])), material.count == 33,
            let kind = NoteKey.Kind(rawValue: material[material.startIndex])
        else {
            throw NoteError(
                sv: "'\(text.prefix(80))' är ingen verifieringsnyckel (NAMN+ID+NYCKEL, som decreg log key generate skriver)",
                en: "'\(text.prefix(80))' is not a verifier key (NAME+ID+KEY, as decreg log key generate prints)")
        }
        self.init(name: String(parts[0]), kind: kind, publicKey: Array(material.dropFirst()))
        guard parts[1] == Hex.string(bytes: keyID) else {
            throw NoteError(
                sv: "verifieringsnyckelns id stämmer inte med nyckeln", en: "the verifier key's id does not match the key")
        }
    }

    /// SHA-256(name ‖ 0x0A ‖ type ‖ public key)[:4].
    public var keyID: [UInt8] {
        Array(SHA256.hash(data: Array(name.utf8) + [0x0A, kind.rawValue] + publicKey).prefix(4))
    }

    public var description: String {
        "\(name)+\(Hex.string(bytes: keyID))+" + Data([kind.rawValue] + publicKey).base64EncodedString()
    }

    /// Whether `signature` (after `prefixLength` bytes that are signed as part of `message`) is this key's over it.
    func verifies(_ signature: [UInt8], message: [UInt8]) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

/// A signed note: its text (ending in a newline) and its signature lines.
public struct SignedNote: Sendable, Equatable {
    public var text: String
    public var signatures: [Signature]

    public struct Signature: Sendable, Equatable {
        public var name: String
        /// The signature's bytes: key id, then what the key type signs (a cosignature's timestamp and signature).
        public var bytes: [UInt8]

        public var line: String { "— \(name) \(Data(bytes).base64EncodedString())" }
    }

    public init(text: String, signatures: [Signature] = []) {
        self.text = text
        self.signatures = signatures
    }

    /// A note read from its text: the text up to the last blank line, then signature lines.
    public init(parsing note: String) throws(NoteError) {
        guard note.hasSuffix("\n"), let split = note.range(of: "\n\n", options: .backwards) else {
            throw NoteError(
                sv: "ingen signerad anteckning: text, en tom rad och signaturrader", en: "not a signed note: text, a blank "
                    + "line and signature lines")
        }
        guard !note.unicodeScalars.contains(where: { $0.value < 0x20 && $0 != "\n" }) else {
            throw NoteError(sv: "anteckningen innehåller styrtecken", en: "the note holds control characters")
        }
        text = String(note[..<note.index(after: split.lowerBound)])
        signatures = []
        for line in note[split.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            guard fields.count == 3, fields[0] == "—", let bytes = Data(base64Encoded: String(fields[2])), bytes.count > 4
            else {
                throw NoteError(
                    sv: "'\(line.prefix(80))' är ingen signaturrad (— NAMN SIGNATUR)",
                    en: "'\(line.prefix(80))' is not a signature line (— NAME SIGNATURE)")
            }
            signatures.append(Signature(name: String(fields[1]), bytes: Array(bytes)))
        }
        guard !signatures.isEmpty else {
            throw NoteError(sv: "anteckningen har ingen signatur", en: "the note has no signature")
        }
    }

    /// The note as text: its text, a blank line, one line a signature.
    public var rendered: String {
        text + "\n" + signatures.map { $0.line + "\n" }.joined()
    }

    /// Adds the log key's signature.
    public mutating func sign(with key: NoteKey) throws {
        precondition(key.kind == .log)
        let line = try key.signature(Array(text.utf8))
        signatures.append(Signature(name: key.name, bytes: Array(Data(base64Encoded: line)!)))
    }

    /// Adds a witness's cosignature (c2sp.org/tlog-cosignature, Ed25519), made at `time` (POSIX seconds).
    public mutating func cosign(with key: NoteKey, time: UInt64) throws {
        precondition(key.kind == .witness)
        var stamp: [UInt8] = []
        for shift in stride(from: 56, through: 0, by: -8) { stamp.append(UInt8(truncatingIfNeeded: time >> UInt64(shift))) }
        let line = try key.signature(Self.cosignedMessage(text, time: time), prefix: stamp)
        signatures.removeAll { $0.name == key.name && Array($0.bytes.prefix(4)) == key.keyID }
        signatures.append(Signature(name: key.name, bytes: Array(Data(base64Encoded: line)!)))
    }

    /// Whether the note carries a valid signature of `verifier` (a log key's, or a witness's cosignature); nil when
    /// it carries none by that key.
    public func verified(by verifier: NoteVerifier) -> Bool? {
        let mine = signatures.filter { $0.name == verifier.name && Array($0.bytes.prefix(4)) == verifier.keyID }
        guard !mine.isEmpty else { return nil }
        return mine.allSatisfy { signature in
            let body = Array(signature.bytes.dropFirst(4))
            switch verifier.kind {
            case .log:
                return body.count == 64 && verifier.verifies(body, message: Array(text.utf8))
            case .witness:
                guard body.count == 72 else { return false }
                let time = body.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                return time < 1 << 63
                    && verifier.verifies(Array(body.dropFirst(8)), message: Self.cosignedMessage(text, time: time))
            }
        }
    }

    /// A cosignature's timestamp, when the note carries one of `verifier`.
    public func cosignatureTime(_ verifier: NoteVerifier) -> UInt64? {
        signatures.first { $0.name == verifier.name && Array($0.bytes.prefix(4)) == verifier.keyID && $0.bytes.count == 76 }
            .map { $0.bytes.dropFirst(4).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } }
    }

    static func cosignedMessage(_ text: String, time: UInt64) -> [UInt8] {
        Array("cosignature/v1\ntime \(time)\n\(text)".utf8)
    }
}

/// A signed-note format's refusal: a key, a note or a checkpoint that cannot be read.
public struct NoteError: Error, Equatable, Sendable {
    public var phrase: Phrase

    public init(sv: String, en: String) { phrase = Phrase(sv: sv, en: en) }
}

extension Hex {
    /// The lower-case digits of some bytes.
    public static func string(bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes { append(byte, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }
}
