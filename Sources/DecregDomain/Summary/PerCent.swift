/// A part of a whole as people write it: `40 %`, `33,33 %` in Swedish; `40%`, `33.33%` in English. Computed
/// exactly on minor units and rounded half up to two decimals, which are shown only when there are some.
public enum PerCent {
    /// `part` as per cent of `whole`; nil when they are in different currencies or the whole is not positive.
    public static func text(_ part: Money, of whole: Money, _ language: Language) -> String? {
        guard part.currency == whole.currency, whole.minorUnits > 0, part.minorUnits >= 0 else { return nil }
        let divisor = UInt64(whole.minorUnits)
        // Hundredths of a per cent: part × 10 000 ÷ whole, in 128 bits so no amount can overflow.
        let product = UInt64(part.minorUnits).multipliedFullWidth(by: 10_000)
        guard product.high < divisor else { return nil }
        let (quotient, remainder) = divisor.dividingFullWidth(product)
        let hundredths = quotient + (remainder >= divisor - remainder ? 1 : 0)
        var text = Money.grouped(hundredths / 100, separator: language == .sv ? " " : ",")
        let fraction = hundredths % 100
        if fraction != 0 {
            let digits = fraction < 10 ? "0\(fraction)" : String(fraction)
            text += (language == .sv ? "," : ".") + (digits.hasSuffix("0") ? String(digits.dropLast()) : digits)
        }
        return language == .sv ? text + " %" : text + "%"
    }
}
