/// Days as Swedish law counts them: the public holidays of lag (1989:253) om allmänna helgdagar, computed for any
/// year, and the days on which a time limit cannot end (lag 1930:173 om beräkning av lagstadgad tid): a Saturday, a
/// Sunday, a public holiday, midsommarafton, julafton or nyårsafton — a limit that falls on one ends the next day
/// that is none of them.
public enum SwedishCalendar {
    /// A day on which no time limit ends, and why.
    public enum Closed: String, Sendable, CaseIterable {
        case newYearsDay, epiphany, goodFriday, easterSunday, easterMonday, mayDay, ascensionDay, whitSunday
        case whitMonday, nationalDay, midsummerEve, midsummerDay, allSaintsDay, christmasEve, christmasDay
        case boxingDay, newYearsEve, saturday, sunday

        /// The day's Swedish name, as the calendar prints it.
        public var swedish: String {
            switch self {
            case .newYearsDay: "nyårsdagen"
            case .epiphany: "trettondedag jul"
            case .goodFriday: "långfredagen"
            case .easterSunday: "påskdagen"
            case .easterMonday: "annandag påsk"
            case .mayDay: "första maj"
            case .ascensionDay: "Kristi himmelsfärdsdag"
            case .whitSunday: "pingstdagen"
            case .whitMonday: "annandag pingst"
            case .nationalDay: "Sveriges nationaldag"
            case .midsummerEve: "midsommarafton"
            case .midsummerDay: "midsommardagen"
            case .allSaintsDay: "alla helgons dag"
            case .christmasEve: "julafton"
            case .christmasDay: "juldagen"
            case .boxingDay: "annandag jul"
            case .newYearsEve: "nyårsafton"
            case .saturday: "lördag"
            case .sunday: "söndag"
            }
        }

        /// Whether it is a public holiday of lag (1989:253) (the eves and weekends are not).
        public var isPublicHoliday: Bool {
            ![.midsummerEve, .christmasEve, .newYearsEve, .saturday, .sunday].contains(self)
        }
    }

    /// Easter Sunday of `year` by the Gregorian computus (the anonymous algorithm of 1876).
    public static func easter(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// The public holidays and the three eves of `year`, in date order.
    public static func days(of year: Int) -> [(date: LocalDate, day: Closed)] {
        let easter = easter(year)
        func date(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }
        /// The day of `weekday` (0 Monday … 6 Sunday) in the seven days from `month`-`from`.
        func first(_ weekday: Int, _ month: Int, from: Int) -> LocalDate {
            let start = date(month, from)
            return start.adding(days: (weekday - start.weekday + 7) % 7)
        }
        var days: [(LocalDate, Closed)] = [
            (date(1, 1), .newYearsDay), (date(1, 6), .epiphany), (easter.adding(days: -2), .goodFriday),
            (easter, .easterSunday), (easter.adding(days: 1), .easterMonday), (date(5, 1), .mayDay),
            (easter.adding(days: 39), .ascensionDay), (easter.adding(days: 49), .whitSunday),
            (first(4, 6, from: 19), .midsummerEve), (first(5, 6, from: 20), .midsummerDay),
            // Alla helgons dag: the Saturday from 31 October to 6 November.
            (first(5, 10, from: 31), .allSaintsDay), (date(12, 24), .christmasEve), (date(12, 25), .christmasDay),
            (date(12, 26), .boxingDay), (date(12, 31), .newYearsEve),
        ]
        // Annandag pingst was a holiday until 2004; the National Day has been one since 2005.
        if year <= 2004 { days.append((easter.adding(days: 50), .whitMonday)) }
        if year >= 2005 { days.append((date(6, 6), .nationalDay)) }
        return days.sorted { $0.0 < $1.0 }
    }

    /// Why no time limit ends on `date`, or nil when one can.
    public static func closed(_ date: LocalDate) -> Closed? {
        if let day = days(of: date.year).first(where: { $0.date == date }) { return day.day }
        switch date.weekday {
        case 5: return .saturday
        case 6: return .sunday
        default: return nil
        }
    }

    /// The last day of a time limit counted from `date`: the day `days` later, or the next day on which a limit
    /// can end.
    public static func deadline(from date: LocalDate, days: Int) -> LocalDate {
        var day = date.adding(days: days)
        while closed(day) != nil { day = day.adding(days: 1) }
        return day
    }

    /// The last day to appeal a decision whose checked minutes were announced on `posted`: three weeks later
    /// (Kommunallagen 13 kap. 5 §), moved as lag 1930:173 says.
    public static func appealDeadline(posted: LocalDate) -> LocalDate { deadline(from: posted, days: 21) }
}

extension LocalDate {
    /// The days since 1970-01-01 (negative before), by the proleptic Gregorian calendar.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number (see `dayNumber`).
    public init?(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
    }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> LocalDate { LocalDate(dayNumber: dayNumber + days)! }

    /// The day of the week: 0 Monday … 6 Sunday.
    public var weekday: Int { ((dayNumber % 7) + 7 + 3) % 7 }
}
