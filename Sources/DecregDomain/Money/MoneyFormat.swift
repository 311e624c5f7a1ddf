/// The language an amount, a date or a heading is written in for people.
public enum Language: String, Sendable, CaseIterable {
    case sv, en
}

extension Money {
    /// The amount as people read it: `1 000 000 kr`, `1 500 000,50 kr`, `1 200 000 EUR` in Swedish;
    /// `SEK 1,000,000`, `SEK 1,500,000.50` in English. Decimals are shown only when there are some.
    public func formatted(_ language: Language) -> String {
        let negative = minorUnits < 0
        let magnitude = minorUnits.magnitude
        let factor = UInt64(currency.minorPerMajor)
        let whole = magnitude / factor
        let fraction = magnitude % factor
        let groupSeparator = language == .sv ? " " : ","
        var text = Money.grouped(whole, separator: groupSeparator)
        if fraction != 0 {
            let digits = String(fraction)
            text += (language == .sv ? "," : ".")
                + String(repeating: "0", count: currency.minorDigits - digits.count) + digits
        }
        if negative { text = "−" + text }
        switch language {
        case .sv: return text + " " + (currency == .sek ? "kr" : currency.code)
        case .en: return currency.code + " " + text
        }
    }

    /// `1234567` as `1 234 567` (or with another separator).
    public static func grouped(_ value: UInt64, separator: String) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out += separator }
            out.append(digit)
        }
        return out
    }
}
