import DecregDomain
import Foundation
import Testing

/// The Swedish calendar of time limits: the law's examples, Easter, and every holiday and eve of 2000–2100 against
/// an independent source, the PyPI package `holidays` (Tests/calendar/swedish-holidays.py).
@Suite("The Swedish calendar of time limits")
struct SwedishCalendarTests {
    static func date(_ text: String) -> LocalDate { try! LocalDate(parsing: text) }

    @Test(
        "An appeal deadline three weeks after posting, moved past weekends, holidays and the eves",
        arguments: [
            ("2026-12-04", "2026-12-28"),  // 25 and 26 December are holidays, then a Sunday
            ("2027-03-05", "2027-03-30"),  // Good Friday to Easter Monday
            ("2027-06-04", "2027-06-28"),  // midsommarafton, midsommardagen, a Sunday
            ("2026-12-10", "2027-01-04"),  // nyårsafton, New Year's Day, a weekend
            ("2026-11-02", "2026-11-23"),  // a Monday: nothing to move
            ("2025-05-09", "2025-05-30"),  // Friday after Ascension Day (29 May): the 30th is a weekday
            ("2026-05-15", "2026-06-05"),  // the day before the National Day
            ("2027-05-15", "2027-06-07"),  // the National Day on a Sunday: the 5th Saturday, 6th Sunday
        ])
    func appealDeadlines(posted: String, deadline: String) {
        #expect(SwedishCalendar.appealDeadline(posted: Self.date(posted)).description == deadline)
    }

    @Test("Easter by the Gregorian computus, and the days counted from it")
    func easter() {
        for (year, day) in [(2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2027, "2027-03-28"),
                            (2038, "2038-04-25"), (2100, "2100-03-28")] {
            #expect(SwedishCalendar.easter(year).description == day, "\(year)")
        }
        #expect(SwedishCalendar.closed(Self.date("2027-03-26")) == .goodFriday)
        #expect(SwedishCalendar.closed(Self.date("2027-05-06")) == .ascensionDay)
        #expect(SwedishCalendar.closed(Self.date("2004-05-31")) == .whitMonday)
        #expect(SwedishCalendar.closed(Self.date("2005-05-16")) == nil, "no longer a holiday in 2005")
        #expect(SwedishCalendar.closed(Self.date("2004-06-06")) == .sunday, "not yet the National Day, but a Sunday")
        #expect(SwedishCalendar.closed(Self.date("2027-11-06")) == .allSaintsDay)
        #expect(Self.date("2007-07-06").weekday == 4, "the seed decision was taken on a Friday")
        #expect(Self.date("1999-12-31").adding(days: 1).description == "2000-01-01")
        #expect(Self.date("2024-02-28").adding(days: 2).description == "2024-03-01")
    }

    /// Whether Python has the package `holidays`; `.ci/run` sets DECREG_REQUIRE_PEERS=1, where a missing one fails.
    static var hasHolidays: Bool {
        ProcessInfo.processInfo.environment["DECREG_REQUIRE_PEERS"] == "1"
            || (try? Process.run(URL(fileURLWithPath: "/usr/bin/env"), arguments: ["python3", "-c", "import holidays"]))
                .map { process in
                    process.waitUntilExit()
                    return process.terminationStatus == 0
                } ?? false
    }

    @Test(
        "Every public holiday and eve of 2000–2100 agrees with the PyPI package holidays (SE)",
        .enabled(if: hasHolidays))
    func againstPythonHolidays() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("calendar/swedish-holidays.py")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, "2000", "2100"]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "\(problem)")
        var theirs = Set<String>()
        for line in text.split(separator: "\n") { theirs.insert(String(line)) }
        var ours = Set<String>()
        for year in 2000...2100 {
            for day in SwedishCalendar.days(of: year) {
                ours.insert("\(day.date) \(day.day.isPublicHoliday ? "public" : "eve")")
            }
        }
        #expect(theirs.count > 1500)
        #expect(ours.subtracting(theirs).sorted() == [], "in decreg's calendar only")
        #expect(theirs.subtracting(ours).sorted() == [], "in the holidays package only")
    }
}
