import DecregDomain
import Foundation

/// Reads a JSON import file in pieces: each element of the top-level lists is built as a node and handed on by
/// itself, so a file of any size is read in little memory. Keeps line numbers for errors, keeps object keys in
/// the order written, and refuses duplicate keys, invalid UTF-8 and nesting deeper than `maximumDepth`.
struct JSONStream {
    static let maximumDepth = InputLimits.maximumDepth
    /// The longest text in quotes, in bytes: a base64 attachment at the attachment limit.
    static let maximumStringBytes = InputLimits.maximumAttachmentBytes / 3 * 4 + 4
    static let chunkSize = 1 << 20

    private let handle: FileHandle?
    private let file: String
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private(set) var line = 1

    init(path: String, file: String) throws(ImportError) {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: file, line: nil, field: nil, phrase: Phrase(
                sv: "kan inte läsa filen",
                en: "cannot read the file"))
        }
        self.handle = handle
        self.file = file
    }

    /// Reads JSON already in memory (for tests and fuzzing).
    init(data: [UInt8], file: String) {
        handle = nil
        buffer = data
        atEnd = true
        self.file = file
    }

    /// Reads the top-level object; for each member whose value is a list, hands each element to `element` with
    /// the member's name and the element's index. Other members are handed to `member` whole.
    mutating func read(
        lists: [String], element: (String, Int, ImportNode) throws -> Void, member: (String, ImportNode) throws -> Void
    ) throws {
        defer { try? handle?.close() }
        skipSpace()
        guard try next() == UInt8(ascii: "{") else { throw error(
            sv: "en JSON-importfil är ett objekt: { \"decisions\": [...] }",
            en: "a JSON import file is one object: { \"decisions\": [...] }") }
        skipSpace()
        if try peek() == UInt8(ascii: "}") { _ = try next(); return try expectEnd() }
        var seen = Set<String>()
        while true {
            skipSpace()
            let keyLine = line
            let key = try string()
            guard seen.insert(key).inserted else { throw error(
                sv: "nyckeln '\(key)' anges två gånger", en: "the key '\(key)' is given twice", line: keyLine) }
            guard lists.contains(key) else {
                throw ImportError(
                    file: file, line: keyLine, field: key,
                    phrase: Phrase(
                        sv: "okänt fält '\(key)'; tillåtna fält är: \(lists.joined(separator: ", "))",
                        en: "unknown field '\(key)'; expected one of: \(lists.joined(separator: ", "))"))
            }
            skipSpace()
            guard try next() == UInt8(ascii: ":") else { throw error(.expectedColon(after: key)) }
            skipSpace()
            if try peek() == UInt8(ascii: "[") {
                _ = try next()
                skipSpace()
                var index = 0
                if try peek() == UInt8(ascii: "]") {
                    _ = try next()
                } else {
                    while true {
                        try element(key, index, try value(depth: 2))
                        index += 1
                        skipSpace()
                        let separator = try next()
                        if separator == UInt8(ascii: "]") { break }
                        guard separator == UInt8(ascii: ",") else { throw error(
                            sv: "förväntade ',' eller ']' i listan \"\(key)\"",
                            en: "expected ',' or ']' in the list \"\(key)\"") }
                        skipSpace()
                    }
                }
            } else {
                try member(key, try value(depth: 1))
            }
            skipSpace()
            let separator = try next()
            if separator == UInt8(ascii: "}") { break }
            guard separator == UInt8(ascii: ",") else { throw error(
                sv: "förväntade ',' eller '}' efter värdet av \"\(key)\"",
                en: "expected ',' or '}' after the value of \"\(key)\"") }
        }
        try expectEnd()
    }

    // MARK: Values

    private mutating func value(depth: Int) throws(ImportError) -> ImportNode {
        guard depth <= JSONStream.maximumDepth else {
            throw error(.nestedTooDeep(JSONStream.maximumDepth))
        }
        skipSpace()
        let startLine = line
        switch try peek() {
        case UInt8(ascii: "{"):
            _ = try next()
            var pairs: [ImportNode.Member] = []
            skipSpace()
            if try peek() == UInt8(ascii: "}") { _ = try next(); return .mapping(pairs, line: startLine) }
            // Most objects have a few keys: compare with those before; hash them only in a large object.
            var seen: Set<String>?
            while true {
                skipSpace()
                let keyLine = line
                guard try peek() == UInt8(ascii: "\"") else {
                    throw error(sv: "förväntade en nyckel inom citattecken", en: "expected a key in quotes")
                }
                let key = try string()
                if seen == nil && pairs.count >= 16 { seen = Set(pairs.lazy.map(\.key)) }
                let isNew = seen != nil ? seen!.insert(key).inserted : !pairs.contains { $0.key == key }
                guard isNew else {
                    throw error(
                        sv: "nyckeln '\(key)' anges två gånger i samma objekt",
                        en: "the key '\(key)' is given twice in one object", line: keyLine)
                }
                skipSpace()
                guard try next() == UInt8(ascii: ":") else { throw error(.expectedColon(after: key)) }
                pairs.append(ImportNode.Member(key: key, keyLine: keyLine, value: try value(depth: depth + 1)))
                skipSpace()
                let separator = try next()
                if separator == UInt8(ascii: "}") { break }
                guard separator == UInt8(ascii: ",") else {
                    throw error(sv: "förväntade ',' eller '}' i ett objekt", en: "expected ',' or '}' in an object")
                }
            }
            return .mapping(pairs, line: startLine)
        case UInt8(ascii: "["):
            _ = try next()
            var items: [ImportNode] = []
            skipSpace()
            if try peek() == UInt8(ascii: "]") { _ = try next(); return .sequence(items, line: startLine) }
            while true {
                items.append(try value(depth: depth + 1))
                skipSpace()
                let separator = try next()
                if separator == UInt8(ascii: "]") { break }
                guard separator == UInt8(ascii: ",") else {
                    throw error(sv: "förväntade ',' eller ']' i en lista", en: "expected ',' or ']' in a list")
                }
            }
            return .sequence(items, line: startLine)
        case UInt8(ascii: "\""):
            return .scalar(try string(), plain: false, line: startLine)
        default:
            return .scalar(try literal(), plain: true, line: startLine)
        }
    }

    /// A number, `true`, `false` or `null`, as written.
    private mutating func literal() throws(ImportError) -> String {
        var bytes: [UInt8] = []
        while let byte = try? peek(), JSONStream.isLiteralByte(byte) {
            bytes.append(byte)
            position += 1
            guard bytes.count <= 400 else { throw error(
                sv: "ett tal eller ord på mer än 400 tecken", en: "a number or word of more than 400 characters") }
        }
        let text = String(decoding: bytes, as: UTF8.self)
        if text == "true" || text == "false" || text == "null" { return text }
        guard !text.isEmpty, text.utf8.allSatisfy({ JSONStream.isNumberByte($0) }) else {
            if text.isEmpty, let byte = try? peek() {
                throw error(
                    sv: "oväntat '\(String(decoding: [byte], as: UTF8.self))'",
                    en: "unexpected '\(String(decoding: [byte], as: UTF8.self))'")
            }
            throw error(
                text.isEmpty
                    ? Phrase(sv: "filen tar slut mitt i ett värde", en: "the file ends in the middle of a value")
                    : Phrase(sv: "'\(text)' är inget JSON-värde", en: "'\(text)' is not a JSON value"))
        }
        return text
    }

    private static func isLiteralByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z")) || isNumberByte(byte)
    }

    private static func isNumberByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e")
            || byte == UInt8(ascii: "E")
    }

    /// A quoted string with its escapes resolved; must be valid UTF-8.
    private mutating func string() throws(ImportError) -> String {
        let startLine = line
        guard try next() == UInt8(ascii: "\"") else {
            throw error(sv: "förväntade en text inom citattecken", en: "expected a text in quotes")
        }
        // Most texts have no escapes and lie within the buffer: take them in one slice.
        if let end = plainTextEnd() {
            guard let text = JSONStream.validUTF8(buffer[position..<end]) else {
                throw error(.notUTF8, line: startLine)
            }
            position = end + 1
            return text
        }
        var bytes: [UInt8] = []
        while true {
            guard let byte = try? next() else { throw error(
                sv: "en text inom citattecken avslutas inte", en: "a text in quotes is not closed", line: startLine) }
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = JSONStream.validUTF8(bytes[...]) else {
                    throw error(.notUTF8, line: startLine)
                }
                return text
            case UInt8(ascii: "\\"):
                let escape = try next()
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(escape)
                case UInt8(ascii: "b"): bytes.append(0x08)
                case UInt8(ascii: "f"): bytes.append(0x0C)
                case UInt8(ascii: "n"): bytes.append(0x0A)
                case UInt8(ascii: "r"): bytes.append(0x0D)
                case UInt8(ascii: "t"): bytes.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800..<0xDC00).contains(scalar) {
                        guard try next() == UInt8(ascii: "\\"), try next() == UInt8(ascii: "u") else {
                            throw error(
                                sv: "en \\u-sekvens börjar ett surrogatpar som inte fortsätter",
                                en: "a \\u escape starts a surrogate pair that does not continue")
                        }
                        let low = try hex4()
                        guard (0xDC00..<0xE000).contains(low) else {
                            throw error(sv: "ett brutet surrogatpar", en: "a broken surrogate pair")
                        }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let unicode = Unicode.Scalar(scalar), scalar != 0 else {
                        throw error(
                            sv: "\\u-sekvens för ett tecken som inte kan stå i en text",
                            en: "\\u escape of a character that cannot be in a text")
                    }
                    bytes.append(contentsOf: String(Character(unicode)).utf8)
                default:
                    throw error(
                        sv: "okänd escapesekvens '\\\(String(decoding: [escape], as: UTF8.self))'",
                        en: "unknown escape '\\\(String(decoding: [escape], as: UTF8.self))'")
                }
            case 0..<0x20:
                throw error(
                    sv: "ett styrtecken i en text inom citattecken (skriv \\n för en radbrytning)",
                    en: "a control character inside a text in quotes (write \\n for a line break)",
                    line: byte == UInt8(ascii: "\n") ? line - 1 : line)
            default:
                bytes.append(byte)
                if bytes.count > JSONStream.maximumStringBytes {
                    throw error(
                        sv: "en text på mer än \(JSONStream.maximumStringBytes >> 20) MB",
                        en: "a text of more than \(JSONStream.maximumStringBytes >> 20) MB", line: startLine)
                }
            }
        }
    }

    /// The text the bytes spell, or nil when they are not valid UTF-8. Decoding repairs invalid UTF-8 (with
    /// U+FFFD), so the bytes are valid exactly when the decoded text has the same bytes; this avoids
    /// `String(validating:)`, whose generic path looks up type metadata for every text.
    static func validUTF8(_ bytes: ArraySlice<UInt8>) -> String? {
        bytes.withUnsafeBufferPointer { bytes in
            guard let start = bytes.baseAddress, !bytes.isEmpty else { return "" }
            var text = String(decoding: bytes, as: UTF8.self)
            let same = text.withUTF8 { decoded in
                decoded.count == bytes.count && memcmp(decoded.baseAddress!, start, bytes.count) == 0
            }
            return same ? text : nil
        }
    }

    /// The index of the closing quote when the text from `position` has no escape or control character and
    /// ends within the buffer; nil otherwise.
    private func plainTextEnd() -> Int? {
        buffer.withUnsafeBufferPointer { bytes in
            var index = position
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { return index }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
                index += 1
            }
            return nil
        }
    }

    private mutating func hex4() throws(ImportError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = try next()
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error(
                sv: "\\u måste följas av fyra hexadecimala siffror", en: "\\u must be followed by four hex digits")
            }
            value = value << 4 | digit
        }
        return value
    }

    // MARK: Bytes

    private mutating func expectEnd() throws(ImportError) {
        skipSpace()
        if (try? peek()) != nil {
            throw error(sv: "text efter JSON-objektets slut", en: "text after the end of the JSON object")
        }
    }

    private mutating func skipSpace() {
        while let byte = try? peek() {
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"): position += 1
            case UInt8(ascii: "\n"):
                position += 1
                line += 1
            default: return
            }
        }
    }

    private mutating func peek() throws(ImportError) -> UInt8 {
        if position >= buffer.count { try refill() }
        return buffer[position]
    }

    private mutating func next() throws(ImportError) -> UInt8 {
        let byte = try peek()
        position += 1
        if byte == UInt8(ascii: "\n") { line += 1 }
        return byte
    }

    private mutating func refill() throws(ImportError) {
        guard !atEnd, let handle else { throw error(.endsInJSON) }
        let chunk: Data?
        do { chunk = try handle.read(upToCount: JSONStream.chunkSize) } catch {
            throw self.error(.cannotRead(ImportReader.reason(error)))
        }
        guard let chunk, !chunk.isEmpty else {
            atEnd = true
            throw error(.endsInJSON)
        }
        buffer = [UInt8](chunk)
        position = 0
    }

    private func error(_ phrase: Phrase, line: Int? = nil) -> ImportError {
        ImportError(file: file, line: line ?? self.line, field: nil, phrase: phrase)
    }

    private func error(sv: String, en: String, line: Int? = nil) -> ImportError {
        error(Phrase(sv: sv, en: en), line: line)
    }
}

extension Phrase {
    static let endsInJSON = Phrase(
        sv: "filen tar slut mitt i JSON-texten",
        en: "the file ends in the middle of the JSON")

    static func expectedColon(after key: String) -> Phrase {
        Phrase(sv: "förväntade ':' efter \"\(key)\"", en: "expected ':' after \"\(key)\"")
    }
}
