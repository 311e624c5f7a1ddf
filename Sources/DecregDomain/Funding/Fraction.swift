/// Exact fraction arithmetic for split parts, wide enough that sums of parts cannot overflow silently.
enum Fraction {
    static func gcd<T: BinaryInteger>(_ a: T, _ b: T) -> T {
        var (x, y) = (a.magnitude, b.magnitude)
        while y != 0 { (x, y) = (y, x % y) }
        return T(x)
    }

    /// The sum of fractions as a reduced (numerator, denominator), or nil when it does not fit.
    static func sum(_ parts: [(Int64, Int64)]) -> (Int128, Int128)? {
        var numerator: Int128 = 0
        var denominator: Int128 = 1
        for (top, bottom) in parts {
            let (n, d) = (Int128(top), Int128(bottom))
            let (common, overflow) = (denominator / gcd(denominator, d)).multipliedReportingOverflow(by: d)
            guard !overflow else { return nil }
            let (scaledA, overflowA) = numerator.multipliedReportingOverflow(by: common / denominator)
            let (scaledB, overflowB) = n.multipliedReportingOverflow(by: common / d)
            guard !overflowA, !overflowB else { return nil }
            let (sum, overflowSum) = scaledA.addingReportingOverflow(scaledB)
            guard !overflowSum else { return nil }
            numerator = sum
            denominator = common
            let divisor = gcd(numerator, denominator)
            numerator /= divisor
            denominator /= divisor
        }
        return (numerator, denominator)
    }
}
