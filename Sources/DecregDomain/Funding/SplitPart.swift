import Foundation

/// A party's part of a total, as the decision writes it: a percentage (`25%`, `33,5 %`) or a fraction (`1/3`).
/// Held as an exact fraction so that parts can be summed and applied without rounding.
public struct SplitPart: Hashable, Sendable, CustomStringConvertible {
    /// The text as given, kept so the register shows and exports what the decision said.
    public let text: String
    /// The part as a reduced fraction of the total.
    public let numerator: Int64
    public let denominator: Int64

    /// Why a text is not a part of a total.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case notAPart(String)

        public var phrase: Phrase {
            switch self {
            case .malformed(let text):
                Phrase(
                    sv: "'\(text)' är ingen andel: skriv en procentsats (25%, 33,5 %) eller ett bråk (1/3)",
                    en: "'\(text)' is not a part: write a percentage (25%, 33,5 %) or a fraction (1/3)")
            case .notAPart(let text):
                Phrase(
                    sv: "'\(text)' är ingen del av en helhet: den måste vara mer än 0 och högst 100 %",
                    en: "'\(text)' is not a part of a whole: it must be more than 0 and at most 100 %")
            }
        }

        public var description: String { phrase.en }
    }

    /// Reads `25%`, `25 %`, `33,5 %`, `12.5%` or `1/3`.
    public init(parsing raw: String) throws(ParseError) {
        let text = raw.trimmingSpaces()
        var numerator: Int64
        var denominator: Int64
        if text.hasSuffix("%") {
            let number = String(text.dropLast()).trimmingSpaces()
            guard let (digits, decimals) = SplitPart.decimal(number) else { throw .malformed(raw) }
            numerator = digits
            denominator = 100
            for _ in 0..<decimals {
                guard denominator < Int64.max / 10 else { throw .malformed(raw) }
                denominator *= 10
            }
        } else {
            let pieces = text.split(separator: "/", omittingEmptySubsequences: false)
            guard pieces.count == 2,
                let top = Int64(pieces[0].trimmingCharacters(in: .whitespaces)),
                let bottom = Int64(pieces[1].trimmingCharacters(in: .whitespaces)),
                top >= 0, bottom > 0
            else { throw .malformed(raw) }
            numerator = top
            denominator = bottom
        }
        guard numerator > 0, numerator <= denominator else { throw .notAPart(raw) }
        let divisor = Fraction.gcd(numerator, denominator)
        self.text = text
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    /// `33,5` or `12.5` as (335, 1) or (125, 1); at most one decimal mark, digits only.
    private static func decimal(_ text: String) -> (Int64, Int)? {
        var digits = ""
        var decimals = -1
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
                if decimals >= 0 { decimals += 1 }
            } else if (character == "," || character == ".") && decimals < 0 && !digits.isEmpty {
                decimals = 0
            } else {
                return nil
            }
        }
        guard decimals != 0, digits.count <= 15, let value = Int64(digits) else { return nil }
        return (value, max(decimals, 0))
    }

    public var description: String { text }
}
