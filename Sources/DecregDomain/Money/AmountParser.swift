import Foundation

/// Why a text is not an amount. Each message says what was expected.
public enum AmountError: Error, Equatable, CustomStringConvertible {
    case empty
    case negative(String)
    case malformedNumber(String)
    case unknownUnit(String)
    case ambiguousSeparator(String)
    case finerThanMinorUnit(String, Currency)
    case tooLarge(String)

    public var phrase: Phrase {
        switch self.shortened {
        case .empty:
            Phrase(sv: "inget belopp angivet", en: "no amount given")
        case .negative(let text):
            Phrase(
                sv: "negativt belopp '\(text)': belopp registreras som positiva summor",
                en: "negative amount '\(text)': amounts are recorded as positive sums")
        case .malformedNumber(let text):
            Phrase(
                sv: "'\(text)' är inget belopp: skriv t.ex. 2,5 MKr, 500 tkr eller 1 000 000 kr",
                en: "'\(text)' is not an amount: write e.g. 2,5 MKr, 500 tkr or 1 000 000 kr")
        case .unknownUnit(let unit):
            Phrase(
                sv: "okänd enhet '\(unit)': använd kr, tkr, MKr, mnkr, mdkr eller en valutakod som SEK, MSEK, EUR",
                en: "unknown unit '\(unit)': use kr, tkr, MKr, mnkr, mdkr or a currency code such as SEK, MSEK, EUR")
        case .ambiguousSeparator(let text):
            Phrase(
                sv: "'\(text)' är tvetydigt: skriv 1 000 kr för tusen, eller 1,00 kr med två decimaler",
                en: "'\(text)' is ambiguous: write 1 000 kr for a thousand, or 1,00 kr with two decimals")
        case .finerThanMinorUnit(let text, let currency):
            Phrase(
                sv: "'\(text)' är finare än den minsta enheten i \(currency.code)",
                en: "'\(text)' is finer than the smallest unit of \(currency.code)")
        case .tooLarge(let text):
            Phrase(sv: "'\(text)' är för stort för att registreras", en: "'\(text)' is too large to record")
        }
    }

    public var description: String { phrase.en }
}

extension AmountError {
    /// The error with its echoed text cut to a readable length: a hostile amount may have hundreds of digits.
    var shortened: AmountError {
        func cut(_ text: String) -> String { text.count > 40 ? String(text.prefix(37)) + "…" : text }
        switch self {
        case .empty: return self
        case .negative(let text): return .negative(cut(text))
        case .malformedNumber(let text): return .malformedNumber(cut(text))
        case .unknownUnit(let text): return .unknownUnit(cut(text))
        case .ambiguousSeparator(let text): return .ambiguousSeparator(cut(text))
        case .finerThanMinorUnit(let text, let currency): return .finerThanMinorUnit(cut(text), currency)
        case .tooLarge(let text): return .tooLarge(cut(text))
        }
    }
}

/// Reads amounts as Swedish documents write them: `2,5 MKr`, `0,5 Mkr`, `2.5 MSEK`, `1,5 mnkr`, `500 tkr`,
/// `1 000 000 kr`, `1 500 000,50 kr`, `250 000 SEK`, `1,2 MEUR`, and plain numbers (kronor).
///
/// Spaces (also no-break spaces) group thousands; a comma or a point is the decimal mark. A single mark followed
/// by exactly three digits on a plain kronor amount (`1.000 kr`) is refused as ambiguous rather than guessed.
public enum AmountParser {
    /// Parses `text`; amounts without a currency are in `defaultCurrency`.
    public static func parse(_ text: String, defaultCurrency: Currency = .sek) throws(AmountError) -> Money {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty else { throw .empty }
        if trimmed.hasPrefix("-") || trimmed.hasPrefix("−") { throw .negative(trimmed) }

        // Split into the number (digits, spaces, one decimal mark) and the unit (the rest).
        let scalars = Array(trimmed.unicodeScalars)
        var index = 0
        var digits = ""  // all digits, without separators
        var decimals = -1  // digits after the decimal mark; -1 when there is none
        var sawDigit = false
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.isASCIIDigit {  // the ASCII decimal digits, without asking for Unicode properties
                digits.unicodeScalars.append(scalar)
                if decimals >= 0 { decimals += 1 }
                sawDigit = true
            } else if scalar == "," || scalar == "." {
                guard sawDigit, decimals < 0 else { throw .malformedNumber(trimmed) }
                decimals = 0
            } else if scalar.isSpaceSeparator {
                // A space groups thousands only between digits; otherwise it ends the number.
                let next = index + 1 < scalars.count ? scalars[index + 1] : " "
                guard sawDigit, decimals < 0, next.isASCIIDigit else { break }
            } else {
                break
            }
            index += 1
        }
        guard sawDigit, decimals != 0 else { throw .malformedNumber(trimmed) }
        let unitText = String(String.UnicodeScalarView(scalars[index...])).trimmingSpaces()
        let (currency, scale) = try unit(unitText, defaultCurrency: defaultCurrency)

        if decimals == 3 && scale == 0 && currency.minorDigits < 3 && !digits.hasPrefix("0") {
            throw .ambiguousSeparator(trimmed)
        }
        // value = digits × 10^(scale − decimals) major units = digits × 10^(scale − decimals + minorDigits) minor.
        let exponent = scale - max(decimals, 0) + currency.minorDigits
        var significant = Substring(digits)
        while significant.count > 1 && significant.first == "0" { significant = significant.dropFirst() }
        var value: Int64 = 0
        if exponent >= 0 {
            guard let base = Int64(significant) else { throw .tooLarge(trimmed) }
            value = base
            for _ in 0..<exponent {
                let (product, overflow) = value.multipliedReportingOverflow(by: 10)
                if overflow { throw .tooLarge(trimmed) }
                value = product
            }
        } else {
            let dropped = significant.suffix(-exponent)
            guard dropped.allSatisfy({ $0 == "0" }) else { throw .finerThanMinorUnit(trimmed, currency) }
            let kept = significant.dropLast(-exponent)
            guard let base = Int64(kept.isEmpty ? "0" : kept) else { throw .tooLarge(trimmed) }
            value = base
        }
        return Money(minorUnits: value, currency: currency)
    }

    /// The currency and power of ten that a unit word stands for.
    static func unit(_ word: String, defaultCurrency: Currency) throws(AmountError) -> (Currency, Int) {
        if word.isEmpty { return (defaultCurrency, 0) }
        let lower = word.lowercased().replacingOccurrences(of: " ", with: "")
        if let scale = kronaUnits[lower] { return (.sek, scale) }
        // A currency code with an optional scale prefix: EUR, TEUR, kEUR, MEUR, mnEUR, MdEUR.
        for (prefix, scale) in codePrefixes where lower.hasPrefix(prefix) {
            let code = String(lower.dropFirst(prefix.count))
            if code.count == 3, knownCodes.contains(code.uppercased()), let currency = Currency(code: code) {
                return (currency, scale)
            }
        }
        throw .unknownUnit(word)
    }

    private static let kronaUnits: [String: Int] = [
        "kr": 0, "kr.": 0, "kronor": 0, "krona": 0, ":-": 0,
        "tkr": 3, "tkr.": 3, "tusenkronor": 3,
        "mkr": 6, "mnkr": 6, "milj.kr": 6, "miljkr": 6, "miljonerkronor": 6, "mkr.": 6,
        "mdkr": 9, "mdrkr": 9, "mdkr.": 9, "miljarderkronor": 9,
    ]

    /// Longest first, so `mn` is tried before `m`.
    private static let codePrefixes: [(String, Int)] = [
        ("md", 9), ("bn", 9), ("mn", 6), ("m", 6), ("t", 3), ("k", 3), ("", 0),
    ]

    /// Currency codes the parser accepts with a scale prefix; SEK and its neighbours and the usual others.
    private static let knownCodes: Set<String> = [
        "SEK", "EUR", "NOK", "DKK", "ISK", "USD", "GBP", "CHF", "JPY", "PLN",
    ]
}

extension Unicode.Scalar {
    var isSpaceSeparator: Bool { self == " " || self == "\u{00A0}" || self == "\u{202F}" || self == "\u{2009}" }
    var isASCIIDigit: Bool { self >= "0" && self <= "9" }
}

extension String {
    /// The text without leading and trailing spaces, tabs, newlines and no-break spaces.
    public func trimmingSpaces() -> String {
        // Most texts start and end with an ASCII character that is not white space: nothing to trim.
        func isPlainASCII(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte < 0x80 && byte != 0x20 && !(0x09...0x0D).contains(byte)
        }
        if isPlainASCII(utf8.first) && isPlainASCII(utf8.last) { return self }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
