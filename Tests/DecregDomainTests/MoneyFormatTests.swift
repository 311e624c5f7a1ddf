import DecregDomain
import Testing

private let eur = Currency(code: "EUR")!
private let isk = Currency(code: "ISK")!

@Suite("Money formatting")
struct MoneyFormatTests {
    @Test(
        "Swedish",
        arguments: [
            (Money(minorUnits: 100_000_000), "1 000 000 kr"),
            (Money(minorUnits: 150_000_050), "1 500 000,50 kr"),
            (Money(minorUnits: 120_000_000, currency: eur), "1 200 000 EUR"),
            (Money(minorUnits: 33_333_334), "333 333,34 kr"),
            (Money(minorUnits: 5), "0,05 kr"),
            (Money(minorUnits: 0), "0 kr"),
            (Money(minorUnits: 99_900), "999 kr"),
            (Money(minorUnits: 123_456, currency: isk), "123 456 ISK"),
        ])
    func swedish(money: Money, text: String) {
        #expect(money.formatted(.sv) == text)
    }

    @Test(
        "English",
        arguments: [
            (Money(minorUnits: 100_000_000), "SEK 1,000,000"),
            (Money(minorUnits: 150_000_050), "SEK 1,500,000.50"),
            (Money(minorUnits: 120_000_000, currency: eur), "EUR 1,200,000"),
            (Money(minorUnits: 7), "SEK 0.07"),
        ])
    func english(money: Money, text: String) {
        #expect(money.formatted(.en) == text)
    }

    @Test(
        "decimal strings are exact, with a point and no separators",
        arguments: [
            (Money(minorUnits: 100_000_000), "1000000.00"),
            (Money(minorUnits: 150_000_050), "1500000.50"),
            (Money(minorUnits: 5), "0.05"),
            (Money(minorUnits: 0), "0.00"),
            (Money(minorUnits: -5), "-0.05"),
            (Money(minorUnits: 1_000, currency: isk), "1000"),
        ])
    func decimalString(money: Money, text: String) {
        #expect(money.decimalString == text)
    }

    @Test("the canonical text names the currency")
    func canonicalText() {
        #expect(Money(minorUnits: 120_000_000, currency: eur).canonicalText == "1200000.00 EUR")
        #expect(Money(minorUnits: 100).description == "1.00 SEK")
    }

    @Test("thousands are grouped from the right")
    func grouped() {
        #expect(Money.grouped(1_234_567, separator: " ") == "1 234 567")
        #expect(Money.grouped(123, separator: ",") == "123")
        #expect(Money.grouped(1_000, separator: ",") == "1,000")
        #expect(Money.grouped(0, separator: " ") == "0")
    }

    @Test("negative amounts carry a minus sign")
    func negative() {
        #expect(Money(minorUnits: -150_000_050).formatted(.sv) == "−1 500 000,50 kr")
        #expect(Money(minorUnits: -100).formatted(.en) == "SEK −1")
    }
}
