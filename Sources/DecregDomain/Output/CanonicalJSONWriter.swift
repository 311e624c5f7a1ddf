import Crypto

/// Writes the canonical JSON encoding (see `JSONValue.canonical`) piece by piece into a byte buffer, for code
/// that produces it straight from stored bytes without building a `JSONValue` first: `audit verify` re-derives
/// the canonical record of every entity in the register this way. The caller writes object keys in their
/// sorted order; the writer escapes strings exactly as `JSONValue.canonical` does.
public struct CanonicalJSONWriter {
    /// The bytes written so far.
    public var bytes: [UInt8] { storage }
    @usableFromInline
    var storage: [UInt8] = []

    public init(capacity: Int = 4096) {
        storage.reserveCapacity(capacity)
    }

    /// Empties the buffer, keeping its capacity.
    public mutating func reset() {
        storage.removeAll(keepingCapacity: true)
    }

    /// Punctuation and keys, written as they are: `{"label":`.
    @inlinable
    public mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { storage.append(contentsOf: $0) }
    }

    /// Appends what another writer wrote.
    public mutating func append(contentsOf other: CanonicalJSONWriter) {
        storage.append(contentsOf: other.storage)
    }

    public mutating func byte(_ value: UInt8) {
        storage.append(value)
    }

    @inlinable
    public mutating func null() {
        raw("null")
    }

    /// A quoted string from its UTF-8 storage.
    @inlinable
    public mutating func string<UTF8Bytes: Collection<UInt8>>(_ utf8: UTF8Bytes) {
        storage.append(UInt8(ascii: "\""))
        CanonicalJSONWriter.appendEscaped(utf8, to: &storage)
        storage.append(UInt8(ascii: "\""))
    }

    /// A quoted string from its UTF-8 bytes, or null.
    @inlinable
    public mutating func string<UTF8Bytes: Collection<UInt8>>(orNull utf8: UTF8Bytes?) {
        if let utf8 { string(utf8) } else { null() }
    }

    /// A quoted string.
    public mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { string($0) }
    }

    /// A quoted string, or null.
    public mutating func string(orNull text: String?) {
        if let text { string(text) } else { null() }
    }

    /// A digest as a quoted lower-case hex string, or null.
    public mutating func hex(orNull digest: SHA256.Digest?) {
        guard let digest else { return null() }
        storage.append(UInt8(ascii: "\""))
        Hex.append(digest, to: &storage)
        storage.append(UInt8(ascii: "\""))
    }

    /// An integer in plain decimal.
    public mutating func int(_ value: Int64) {
        if value < 0 { storage.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumCount: 1)
    }

    /// Opens an object with its amount and currency, `{"amount":"…","currency":"…"`: in every record that holds
    /// money these two come first, as the keys sort.
    @inlinable
    public mutating func openWithMoney<Code: Collection<UInt8>>(_ minor: Int64, digits: Int, currency: Code) {
        raw("{\"amount\":")
        amount(minor, digits: digits)
        raw(",\"currency\":")
        string(currency)
    }

    /// Opens an object with `money`'s amount and currency.
    public mutating func openWithMoney(_ money: Money) {
        openWithMoney(money.minorUnits, digits: money.currency.minorDigits, currency: money.currency.code.utf8)
    }

    /// An amount of minor units as a quoted exact decimal with `digits` decimals, as `Money.decimalString`.
    public mutating func amount(_ minor: Int64, digits: Int) {
        storage.append(UInt8(ascii: "\""))
        if minor < 0 { storage.append(UInt8(ascii: "-")) }
        let magnitude = minor.magnitude
        if digits <= 0 {
            appendDigits(magnitude, minimumCount: 1)
        } else {
            var factor: UInt64 = 1
            for _ in 0..<digits { factor *= 10 }
            appendDigits(magnitude / factor, minimumCount: 1)
            storage.append(UInt8(ascii: "."))
            appendDigits(magnitude % factor, minimumCount: digits)
        }
        storage.append(UInt8(ascii: "\""))
    }

    private mutating func appendDigits(_ value: UInt64, minimumCount: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // room for 24 digits, filled from the end
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                count += 1
                buffer[24 - count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || count < minimumCount
            storage.append(contentsOf: buffer[(24 - count)...])
        }
    }

    /// Appends UTF-8 string content escaped minimally: `"`, `\` and the control characters below U+0020, with
    /// the short forms JSON has for some of them. Everything else is copied as it is.
    @inlinable
    public static func appendEscaped<UTF8Bytes: Collection<UInt8>>(_ utf8: UTF8Bytes, to out: inout [UInt8]) {
        var clean = utf8.startIndex
        var index = utf8.startIndex
        while index != utf8.endIndex {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
                utf8.formIndex(after: &index)
                continue
            }
            out.append(contentsOf: utf8[clean..<index])
            utf8.formIndex(after: &index)
            clean = index
            out.append(UInt8(ascii: "\\"))
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(byte)
            case 0x0A: out.append(UInt8(ascii: "n"))
            case 0x0D: out.append(UInt8(ascii: "r"))
            case 0x09: out.append(UInt8(ascii: "t"))
            case 0x08: out.append(UInt8(ascii: "b"))
            case 0x0C: out.append(UInt8(ascii: "f"))
            default:
                out.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                Hex.append(byte, to: &out)
            }
        }
        out.append(contentsOf: utf8[clean...])
    }
}
