/// A calendar date without time or zone, as decisions are dated: `2007-07-06`.
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Why a text is not a date.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case impossible(String)

        public var phrase: Phrase {
            switch self {
            case .malformed(let text):
                Phrase(
                    sv: "'\(text)' är inget datum: skriv ÅÅÅÅ-MM-DD, t.ex. 2007-07-06",
                    en: "'\(text)' is not a date: write YYYY-MM-DD, e.g. 2007-07-06")
            case .impossible(let text):
                Phrase(sv: "'\(text)' är ingen dag i kalendern", en: "'\(text)' is not a day in the calendar")
            }
        }

        public var description: String { phrase.en }
    }

    /// A date that exists in the Gregorian calendar, or nil.
    public init?(year: Int, month: Int, day: Int) {
        guard (1000...9999).contains(year), (1...12).contains(month),
            (1...LocalDate.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads exactly `YYYY-MM-DD`.
    public init(parsing text: String) throws(ParseError) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            throw .malformed(text)
        }
        func number(_ range: Range<Int>) throws(ParseError) -> Int {
            var value = 0
            for byte in bytes[range] {
                guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { throw .malformed(text) }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let date = LocalDate(year: try number(0..<4), month: try number(5..<7), day: try number(8..<10))
        else { throw .impossible(text) }
        self = date
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        // Ten ASCII bytes, written in place: a String this short needs no allocation.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 10) { text in
            func put(_ value: Int, at end: Int, width: Int) {
                var rest = value
                for index in stride(from: end - 1, through: end - width, by: -1) {
                    text[index] = UInt8(ascii: "0") + UInt8(rest % 10)
                    rest /= 10
                }
            }
            put(year, at: 4, width: 4)
            text[4] = UInt8(ascii: "-")
            put(month, at: 7, width: 2)
            text[7] = UInt8(ascii: "-")
            put(day, at: 10, width: 2)
            return String(decoding: UnsafeBufferPointer(text), as: UTF8.self)
        }
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}
