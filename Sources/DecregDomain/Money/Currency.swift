/// An ISO 4217 currency and the number of decimals of its minor unit.
public struct Currency: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The three-letter code, upper case (`SEK`).
    public let code: String
    /// Decimals of the minor unit: 2 for SEK (öre) and EUR (cent), 0 for ISK and JPY.
    public let minorDigits: Int

    /// The currency of a register unless an amount says otherwise.
    public static let sek = Currency(code: "SEK", minorDigits: 2)

    private static let zeroDecimal: Set<String> = ["ISK", "JPY", "KRW", "CLP", "VND"]

    /// A currency from its code; any three ASCII letters, upper-cased.
    public init?(code: String) {
        let upper = code.uppercased()
        guard upper.utf8.count == 3, upper.utf8.allSatisfy({ $0 >= 65 && $0 <= 90 }) else { return nil }
        self.code = upper
        self.minorDigits = Currency.zeroDecimal.contains(upper) ? 0 : 2
    }

    private init(code: String, minorDigits: Int) {
        self.code = code
        self.minorDigits = minorDigits
    }

    /// 10 to the power of `minorDigits`: minor units per major unit.
    public var minorPerMajor: Int64 {
        var factor: Int64 = 1
        for _ in 0..<minorDigits { factor *= 10 }
        return factor
    }

    public var description: String { code }

    public static func < (lhs: Currency, rhs: Currency) -> Bool { lhs.code < rhs.code }
}
