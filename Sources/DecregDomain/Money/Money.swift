/// An exact amount of money: whole minor units (öre, cent) of one currency. Never floating point.
public struct Money: Hashable, Sendable {
    /// The amount in minor units: 100 is 1,00 kr.
    public let minorUnits: Int64
    public let currency: Currency

    public init(minorUnits: Int64, currency: Currency = .sek) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// Zero in the given currency.
    public static func zero(_ currency: Currency = .sek) -> Money { Money(minorUnits: 0, currency: currency) }

    /// The exact decimal string used in JSON and exports: `"1000000.00"` (no separators, a point).
    public var decimalString: String {
        Money.decimalString(minorUnits, digits: currency.minorDigits)
    }

    /// Writes `minor` as a decimal with `digits` decimals and a point.
    public static func decimalString(_ minor: Int64, digits: Int) -> String {
        let negative = minor < 0
        let magnitude = minor.magnitude
        guard digits > 0 else { return (negative ? "-" : "") + String(magnitude) }
        var factor: UInt64 = 1
        for _ in 0..<digits { factor *= 10 }
        let whole = magnitude / factor
        let fraction = String(magnitude % factor)
        let padded = String(repeating: "0", count: digits - fraction.count) + fraction
        return (negative ? "-" : "") + String(whole) + "." + padded
    }

    /// The canonical text that the amount parser reads back to the same value: `1000000.00 SEK`.
    public var canonicalText: String { decimalString + " " + currency.code }
}

extension Money: CustomStringConvertible {
    public var description: String { canonicalText }
}
