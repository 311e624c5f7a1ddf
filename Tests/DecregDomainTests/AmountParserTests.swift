import DecregDomain
import Testing

private let eur = Currency(code: "EUR")!

@Suite("Amount parser")
struct AmountParserTests {
    @Test(
        "each notation parses to the exact minor units and currency",
        arguments: [
            ("2,5 MKr", 250_000_000, "SEK"),
            ("0,5 Mkr", 50_000_000, "SEK"),
            ("2.5 MSEK", 250_000_000, "SEK"),
            ("1,5 mnkr", 150_000_000, "SEK"),
            ("500 tkr", 50_000_000, "SEK"),
            ("1 000 000 kr", 100_000_000, "SEK"),
            ("1 500 000,50 kr", 150_000_050, "SEK"),
            ("250 000 SEK", 25_000_000, "SEK"),
            ("1,2 MEUR", 120_000_000, "EUR"),
            ("1000000", 100_000_000, "SEK"),
            ("1.0 MKr", 100_000_000, "SEK"),
            ("1\u{00A0}000\u{00A0}000 kr", 100_000_000, "SEK"),
            ("1000000.00 SEK", 100_000_000, "SEK"),
            ("3 mdkr", 300_000_000_000, "SEK"),
            ("0,05 kr", 5, "SEK"),
            ("  42 kr  ", 4_200, "SEK"),
        ] as [(String, Int64, String)])
    func parses(text: String, minorUnits: Int64, code: String) throws {
        let money = try AmountParser.parse(text)
        #expect(money.minorUnits == minorUnits)
        #expect(money.currency.code == code)
    }

    @Test("a plain number is in the default currency")
    func plainNumberTakesDefaultCurrency() throws {
        let money = try AmountParser.parse("1 000", defaultCurrency: eur)
        #expect(money == Money(minorUnits: 100_000, currency: eur))
    }

    @Test("a krona unit is SEK even when the default currency is another")
    func kronaUnitIsAlwaysSEK() throws {
        let money = try AmountParser.parse("2 tkr", defaultCurrency: eur)
        #expect(money == Money(minorUnits: 200_000, currency: .sek))
    }

    @Test("the canonical text reads back to the same amount", arguments: [0, 5, 100, 150_000_050, 999_999_999_999] as [Int64])
    func canonicalTextRoundTrips(minorUnits: Int64) throws {
        let money = Money(minorUnits: minorUnits)
        #expect(try AmountParser.parse(money.canonicalText) == money)
    }

    @Test("empty input", arguments: ["", "   ", "\u{00A0}"])
    func empty(text: String) {
        #expect(throws: AmountError.empty) { try AmountParser.parse(text) }
    }

    @Test("negative amounts are refused")
    func negative() {
        #expect(throws: AmountError.negative("-5 kr")) { try AmountParser.parse("-5 kr") }
        #expect(throws: AmountError.negative("−5 kr")) { try AmountParser.parse("−5 kr") }
    }

    @Test("unknown units are named", arguments: [("5 Mkrr", "Mkrr"), ("5 parsecs", "parsecs"), ("5 MXYZ", "MXYZ")])
    func unknownUnit(text: String, unit: String) {
        #expect(throws: AmountError.unknownUnit(unit)) { try AmountParser.parse(text) }
    }

    @Test("malformed numbers", arguments: ["1,2,3 kr", "kr", "1 000,", ",5 kr", "1.2.3"])
    func malformed(text: String) {
        #expect(throws: AmountError.malformedNumber(text)) { try AmountParser.parse(text) }
    }

    @Test("a single mark before three digits of kronor is ambiguous", arguments: ["1.000 kr", "1,000 kr", "12.345"])
    func ambiguous(text: String) {
        #expect(throws: AmountError.ambiguousSeparator(text)) { try AmountParser.parse(text) }
    }

    @Test("three decimals on a scaled unit are not ambiguous")
    func threeDecimalsOnScaledUnit() throws {
        #expect(try AmountParser.parse("1.250 MKr").minorUnits == 125_000_000)
    }

    @Test("amounts finer than an öre are refused", arguments: ["0,001 kr", "0,0001 kr", "1,0051 kr", "2,500001 tkr"])
    func finerThanMinorUnit(text: String) {
        #expect(throws: AmountError.finerThanMinorUnit(text, .sek)) { try AmountParser.parse(text) }
    }

    @Test("trailing zero decimals beyond the öre are exact, not finer")
    func trailingZeroDecimals() throws {
        #expect(try AmountParser.parse("10,5000 kr").minorUnits == 1_050)
    }

    @Test("amounts that do not fit are too large")
    func tooLarge() {
        #expect(throws: AmountError.tooLarge("99999999999999999999 MKr")) {
            try AmountParser.parse("99999999999999999999 MKr")
        }
        let huge = "9" + String(repeating: "0", count: 299)
        #expect(huge.count == 300)
        #expect(throws: AmountError.tooLarge(huge)) { try AmountParser.parse(huge) }
        // One öre beyond Int64.max öre.
        #expect(throws: AmountError.tooLarge("92233720368547758.08 kr")) {
            try AmountParser.parse("92233720368547758.08 kr")
        }
    }

    @Test("the largest recordable amount still parses")
    func largestAmount() throws {
        #expect(try AmountParser.parse("92233720368547758.07 kr").minorUnits == Int64.max)
    }

    @Test("error messages say what was wrong")
    func messages() {
        #expect(AmountError.unknownUnit("Mkrr").description.contains("unknown unit 'Mkrr'"))
        #expect(AmountError.negative("-5 kr").description.contains("negative amount '-5 kr'"))
        #expect(AmountError.finerThanMinorUnit("0,001 kr", .sek).description.contains("SEK"))
    }
}
