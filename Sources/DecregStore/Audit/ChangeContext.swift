import DecregDomain
import Foundation

/// Who makes a change, through which command, and why: recorded with every audit entry.
public struct ChangeContext: Sendable {
    public var actor: String
    /// The command as the user gave it: `import flemingsberg.yaml`, `step add FLEMINGSBERG-2007`.
    public var command: String
    public var reason: String?
    public var time: Date
    /// The account signed in to the server that makes the change, whose rights the change must be within; nil for
    /// the command line, which acts with every right.
    public var account: Account?

    public init(actor: String, command: String, reason: String? = nil, time: Date = Date(), account: Account? = nil) {
        self.actor = actor
        self.command = command
        self.reason = reason
        self.time = time
        self.account = account
    }

    /// A change by `account` through the server: the account is the actor, and `route` (`POST
    /// /api/v1/decisions/{ref}/steps`) the command.
    public static func server(account: Account, route: String, reason: String? = nil) -> ChangeContext {
        ChangeContext(actor: account.name, command: route, reason: reason, account: account)
    }

    /// What the rules see of the change: its reason, and the day in the local time zone that a date "in the
    /// future" is after.
    public var circumstances: ChangeCircumstances {
        let day = Calendar.current.dateComponents([.year, .month, .day], from: time)
        let today = LocalDate(year: day.year ?? 1970, month: day.month ?? 1, day: day.day ?? 1)
        return ChangeCircumstances(reason: reason, today: today ?? LocalDate(year: 2000, month: 1, day: 1)!)
    }

    /// The time as the audit trail writes it: UTC, milliseconds, `2026-11-26T20:35:12.123Z`.
    public var timestamp: String {
        time.formatted(.iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
            .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
