import Crypto

/// Lower-case hexadecimal, the one way the register writes bytes as text: every SHA-256 it stores (attachments,
/// audit entries) and the `\u00XX` escapes of canonical JSON.
public enum Hex {
    /// The sixteen digits, by value.
    @usableFromInline
    static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the two digits of `byte`.
    @inlinable
    public static func append(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }

    /// Appends the 64 digits of `digest`.
    public static func append(_ digest: SHA256.Digest, to out: inout [UInt8]) {
        for byte in digest { append(byte, to: &out) }
    }

    /// The 64 digits of `digest`.
    public static func string(_ digest: SHA256.Digest) -> String {
        var text: [UInt8] = []
        text.reserveCapacity(2 * SHA256.Digest.byteCount)
        append(digest, to: &text)
        return String(decoding: text, as: UTF8.self)
    }

    /// Whether `hex` is exactly the 64 lower-case digits of `digest`, compared without building a string.
    public static func matches(_ digest: SHA256.Digest, _ hex: UnsafeRawBufferPointer) -> Bool {
        guard hex.count == 2 * SHA256.Digest.byteCount else { return false }
        var index = 0
        for byte in digest {
            guard hex[index] == digits[Int(byte >> 4)], hex[index + 1] == digits[Int(byte & 0x0F)] else {
                return false
            }
            index += 2
        }
        return true
    }
}
