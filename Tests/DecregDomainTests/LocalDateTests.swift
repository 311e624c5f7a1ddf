import DecregDomain
import Testing

@Suite("Local dates")
struct LocalDateTests {
    @Test(
        "valid dates",
        arguments: [
            ("2007-07-06", 2007, 7, 6), ("2024-02-29", 2024, 2, 29), ("2000-02-29", 2000, 2, 29),
            ("1999-12-31", 1999, 12, 31), ("2023-04-30", 2023, 4, 30), ("2023-01-31", 2023, 1, 31),
        ])
    func valid(text: String, year: Int, month: Int, day: Int) throws {
        let date = try LocalDate(parsing: text)
        #expect((date.year, date.month, date.day) == (year, month, day))
        #expect(date.description == text)
    }

    @Test("impossible days", arguments: ["2023-02-29", "1900-02-29", "2007-13-01", "2007-04-31", "2007-00-10", "2007-01-00", "0999-01-01"])
    func impossible(text: String) {
        #expect(throws: LocalDate.ParseError.impossible(text)) { try LocalDate(parsing: text) }
    }

    @Test("malformed dates", arguments: ["2007-7-6", "07/06/2007", "", "2007-07-06 ", "2007/07/06", "2007-0a-06", "20070706", "2007–07-06"])
    func malformed(text: String) {
        #expect(throws: LocalDate.ParseError.malformed(text)) { try LocalDate(parsing: text) }
    }

    @Test("the memberwise initialiser refuses days not in the calendar")
    func memberwise() {
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2023, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2023, month: 6, day: 31) == nil)
    }

    @Test("dates order by year, month and day")
    func ordering() throws {
        let dates = try ["2008-01-01", "2007-12-31", "2007-07-06", "2007-06-27"].map { try LocalDate(parsing: $0) }
        #expect(dates.sorted().map(\.description) == ["2007-06-27", "2007-07-06", "2007-12-31", "2008-01-01"])
    }

    @Test("error messages")
    func messages() {
        #expect(LocalDate.ParseError.malformed("x").description.contains("YYYY-MM-DD"))
        #expect(LocalDate.ParseError.impossible("2007-04-31").description.contains("not a day in the calendar"))
    }
}
