/// A Swedish organisation number, `NNNNNN-NNNN`, whose last digit is a Luhn check digit over the other nine.
public struct OrganisationNumber: Hashable, Sendable, CustomStringConvertible {
    /// The number as written in the register: six digits, a hyphen, four digits.
    public let description: String

    /// Why a text is not an organisation number.
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case malformed(String)
        case badCheckDigit(String, expected: Int)

        public var phrase: Phrase {
            switch self {
            case .malformed(let text):
                Phrase(
                    sv: "'\(text)' är inget organisationsnummer: skriv NNNNNN-NNNN, t.ex. 212000-0142",
                    en: "'\(text)' is not an organisation number: write NNNNNN-NNNN, e.g. 212000-0142")
            case .badCheckDigit(let text, let expected):
                Phrase(
                    sv: "organisationsnumret '\(text)' har fel kontrollsiffra (den sista siffran ska vara \(expected))",
                    en: "organisation number '\(text)' has a wrong check digit (the last digit should be \(expected))")
            }
        }

        public var description: String { phrase.en }
    }

    /// Reads `NNNNNN-NNNN` or ten digits without the hyphen, and checks the check digit.
    public init(parsing text: String) throws(ParseError) {
        let digits = text.unicodeScalars.filter { $0 != "-" }
        let hyphens = text.unicodeScalars.count - digits.count
        guard digits.count == 10, digits.allSatisfy(\.isASCIIDigit),
            hyphens == 0 || (hyphens == 1 && Array(text.unicodeScalars)[6] == "-")
        else { throw .malformed(text) }
        let values = digits.map { Int($0.value) - 48 }
        let expected = OrganisationNumber.checkDigit(Array(values.prefix(9)))
        guard values[9] == expected else { throw .badCheckDigit(text, expected: expected) }
        let plain = String(String.UnicodeScalarView(digits))
        description = String(plain.prefix(6)) + "-" + String(plain.suffix(4))
    }

    /// The Luhn check digit for nine digits: double every other digit from the first, sum the digits.
    public static func checkDigit(_ nine: [Int]) -> Int {
        var sum = 0
        for (index, digit) in nine.enumerated() {
            let weighted = index % 2 == 0 ? digit * 2 : digit
            sum += weighted > 9 ? weighted - 9 : weighted
        }
        return (10 - sum % 10) % 10
    }
}
