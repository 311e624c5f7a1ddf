import Foundation

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
    /// window means the same on the times as they are published. Nil when the text is no such date-time.
    public static func bound(_ text: String, lower: Bool) -> String? {
        let plain = ISO8601DateFormatter()
        plain.formatOptions = [.withInternetDateTime]
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        guard text.count <= 40, let date = plain.date(from: text) ?? fractional.date(from: text) else { return nil }
        let seconds = date.timeIntervalSince1970
        let whole = lower ? seconds.rounded(.up) : seconds.rounded(.down)
        guard abs(whole) < 253_402_300_800 else { return nil }
        let utc = ISO8601DateFormatter()
        utc.formatOptions = [.withInternetDateTime]
        utc.timeZone = TimeZone(identifier: "UTC")
        return second(utc.string(from: Date(timeIntervalSince1970: whole)))
    }
}
