import Foundation

/// The audit trail's UTC times as people read them: in local time (`$TZ`, else the system's zone) with the offset
/// from UTC, `2026-12-02 10:15:03 +01:00`, so a time reads right and is still exact wherever it is read.
public enum LocalTime {
    /// `2026-12-02T09:15:03.123Z` as local time with its offset; the text unchanged when it is not such a time.
    public static func shown(utc text: String) -> String {
        let digits = Array(text.utf8)
        func number(_ range: Range<Int>) -> Int32? {
            guard range.upperBound <= digits.count else { return nil }
            var value: Int32 = 0
            for byte in digits[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int32(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard digits.count >= 20, digits.last == UInt8(ascii: "Z"), let year = number(0..<4),
            let month = number(5..<7), let day = number(8..<10), let hour = number(11..<13),
            let minute = number(14..<16), let second = number(17..<19)
        else { return text }
        var utc = tm()
        utc.tm_year = year - 1900
        utc.tm_mon = month - 1
        utc.tm_mday = day
        utc.tm_hour = hour
        utc.tm_min = minute
        utc.tm_sec = second
        var instant = timegm(&utc)
        var local = tm()
        tzset()
        guard localtime_r(&instant, &local) != nil else { return text }
        let offset = Int(local.tm_gmtoff)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        let date = "\(Int(local.tm_year) + 1900)-\(two(Int(local.tm_mon) + 1))-\(two(Int(local.tm_mday)))"
        let time = "\(two(Int(local.tm_hour))):\(two(Int(local.tm_min))):\(two(Int(local.tm_sec)))"
        let zone = "\(offset < 0 ? "-" : "+")\(two(abs(offset) / 3600)):\(two(abs(offset) % 3600 / 60))"
        return "\(date) \(time) \(zone)"
    }
}
