/// Which objects a list asks for by when they were recorded: OParl's `created_since`, `created_until`,
/// `modified_since` and `modified_until`. Times are compared to the second in UTC, as they are published
/// (`2026-12-03T09:05:47+00:00`): the trail's milliseconds are not shown, so they do not decide either.
public struct ChangeWindow: Sendable, Equatable {
    /// Each bound as `YYYY-MM-DDTHH:MM:SS` in UTC, inclusive; nil for none.
    public var createdSince: String?
    public var createdUntil: String?
    public var modifiedSince: String?
    public var modifiedUntil: String?

    public init(
        createdSince: String? = nil, createdUntil: String? = nil, modifiedSince: String? = nil,
        modifiedUntil: String? = nil
    ) {
        self.createdSince = createdSince
        self.createdUntil = createdUntil
        self.modifiedSince = modifiedSince
        self.modifiedUntil = modifiedUntil
    }

    /// Whether an object first recorded at `created` and last changed at `modified` (trail times) is in the window.
    public func contains(created: String, modified: String) -> Bool {
        let (created, modified) = (Self.second(created), Self.second(modified))
        if let createdSince, created < createdSince { return false }
        if let createdUntil, created > createdUntil { return false }
        if let modifiedSince, modified < modifiedSince { return false }
        if let modifiedUntil, modified > modifiedUntil { return false }
        return true
    }

    /// The window a record must be in for any of its parts to be in this one: a part is recorded no earlier than
    /// its record was first, and changed no later than its record last was.
    public var enclosingRecords: ChangeWindow {
        ChangeWindow(
            createdUntil: [createdUntil, modifiedUntil].compactMap { $0 }.min(),
            modifiedSince: [createdSince, modifiedSince].compactMap { $0 }.max())
    }

    /// A trail time (`2026-12-03T09:05:47.214Z`) to the second: `2026-12-03T09:05:47`.
    public static func second(_ at: String) -> String { String(at.prefix(19)) }

    /// A trail time as OParl writes a date-time: `2026-12-03T09:05:47+00:00`.
    public static func published(_ at: String) -> String { second(at) + "+00:00" }

    /// A date-time as a client gives it (`2014-01-01T00:00:00+01:00`, `…Z`, with or without fractions of a second)
    /// as a bound in UTC to the second; a fraction moves a lower bound up and an upper bound down, so that the
    /// window means the same on the times as they are published. Nil when the text is no such date-time. Read with
    /// the calendar's own arithmetic (`LocalDate`), not a formatter: the same answer on every thread.
    public static func bound(_ text: String, lower: Bool) -> String? {
        let bytes = Array(text.utf8)
        guard (20...40).contains(bytes.count) else { return nil }
        func number(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[start..<start + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        func at(_ index: Int, _ character: Character) -> Bool {
            index < bytes.count && bytes[index] == character.asciiValue
        }
        guard let year = number(0, 4), at(4, "-"), let month = number(5, 2), at(7, "-"), let day = number(8, 2),
            at(10, "T"), let hour = number(11, 2), at(13, ":"), let minute = number(14, 2), at(16, ":"),
            let second = number(17, 2), let date = LocalDate(year: year, month: month, day: day),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var index = 19
        var fraction = false
        if at(index, ".") {
            index += 1
            let digits = index
            while index < bytes.count, (0x30...0x39).contains(bytes[index]) {
                if bytes[index] != 0x30 { fraction = true }
                index += 1
            }
            guard index > digits else { return nil }
        }
        var offset = 0
        if at(index, "Z") {
            index += 1
        } else if at(index, "+") || at(index, "-") {
            guard let hours = number(index + 1, 2), at(index + 3, ":"), let minutes = number(index + 4, 2),
                hours < 24, minutes < 60
            else { return nil }
            offset = (at(index, "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
            index += 6
        } else {
            return nil
        }
        guard index == bytes.count else { return nil }
        var seconds = hour * 3600 + minute * 60 + second - offset + (fraction && lower ? 1 : 0)
        let days = seconds >= 0 ? seconds / 86_400 : -((-seconds + 86_399) / 86_400)
        seconds -= days * 86_400
        guard let utc = LocalDate(dayNumber: date.dayNumber + days), (1000...9999).contains(utc.year) else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : String(value) }
        return "\(utc)T\(two(seconds / 3600)):\(two(seconds % 3600 / 60)):\(two(seconds % 60))"
    }
}
