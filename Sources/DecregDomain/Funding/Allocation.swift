/// Why a split cannot be turned into amounts.
public enum SplitError: Error, Equatable, CustomStringConvertible {
    case empty
    case doesNotSumToWhole(String)
    case tooFine

    public var phrase: Phrase {
        switch self {
        case .empty: Phrase(sv: "fördelningen nämner inga parter", en: "a split names no parties")
        case .doesNotSumToWhole(let sum):
            Phrase(
                sv: "fördelningens delar summerar till \(sum), inte till helheten (100 % eller 1)",
                en: "the parts of the split sum to \(sum), not to the whole (100 % or 1)")
        case .tooFine:
            Phrase(
                sv: "fördelningens delar är för fina för att gå jämnt ut",
                en: "the parts of the split are too fine to add up exactly")
        }
    }

    public var description: String { phrase.en }
}

/// Turns a total and exact parts into amounts by the largest-remainder method, to the minor unit:
/// everyone gets the floor of their exact quota, and the minor units left over go one each to the largest
/// remainders, ties to the part listed first. The amounts always sum exactly to the total.
public enum Allocation {
    public static func allocate(_ total: Money, parts: [SplitPart]) throws(SplitError) -> [Money] {
        guard !parts.isEmpty else { throw .empty }
        guard let (sumTop, sumBottom) = Fraction.sum(parts.map { ($0.numerator, $0.denominator) }) else {
            throw .tooFine
        }
        guard sumTop == sumBottom else {
            throw .doesNotSumToWhole(SplitError.describe(sumTop, sumBottom))
        }
        let amount = Int128(total.minorUnits)
        var floors: [Int128] = []
        var remainders: [(numerator: Int128, denominator: Int128)] = []
        for part in parts {
            let (product, overflow) = amount.multipliedReportingOverflow(by: Int128(part.numerator))
            guard !overflow else { throw .tooFine }
            let denominator = Int128(part.denominator)
            floors.append(product / denominator)
            remainders.append((product % denominator, denominator))
        }
        var leftover = amount - floors.reduce(0, +)
        // Largest remainder first; compare a/b with c/d as a·d with c·b; ties keep the order listed.
        let order = parts.indices.sorted { a, b in
            let left = remainders[a].numerator * remainders[b].denominator
            let right = remainders[b].numerator * remainders[a].denominator
            return left != right ? left > right : a < b
        }
        for index in order where leftover > 0 {
            floors[index] += 1
            leftover -= 1
        }
        return floors.map { Money(minorUnits: Int64($0), currency: total.currency) }
    }
}

extension SplitError {
    /// A sum of parts for people: `95 %` when it is a whole percentage, otherwise a fraction.
    static func describe(_ numerator: Int128, _ denominator: Int128) -> String {
        let hundred = numerator * 100
        if hundred % denominator == 0 { return "\(hundred / denominator) %" }
        return "\(numerator)/\(denominator)"
    }
}
