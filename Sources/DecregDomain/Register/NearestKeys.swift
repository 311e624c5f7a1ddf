/// "Did you mean …?" for a key that names nothing: the known keys a typo or two away from it. Computed only when
/// a key is refused, so it may look at every key the register holds.
public enum NearestKeys {
    /// The known keys nearest `key`, at most `limit`: the same key in another case, else the keys fewest edits from
    /// it (ignoring case) within `allowedDistance(for:)`. Ties go to the alphabetically first.
    public static func among(_ known: some Sequence<String>, nearest key: String, limit: Int = 3) -> [String] {
        let target = Array(key.uppercased())
        let allowed = allowedDistance(for: target.count)
        var found: [(key: String, folded: Int, exact: Int)] = []
        for candidate in known where candidate != key {
            let folded = Array(candidate.uppercased())
            guard abs(folded.count - target.count) <= allowed else { continue }
            let distance = Self.distance(target, folded, atMost: allowed)
            guard distance <= allowed else { continue }
            let exact = distance == 0 ? Self.distance(Array(key), Array(candidate), atMost: .max) : 0
            found.append((candidate, distance, exact))
        }
        // Only the nearest: a key a typo away hides those two typos away. Among keys that differ only in case, the
        // one closest as written first.
        let nearest = found.map(\.folded).min()
        found.removeAll { $0.folded != nearest }
        found.sort { ($0.exact, $0.key) < ($1.exact, $1.key) }
        return found.prefix(limit).map(\.key)
    }

    /// How many edits a key of `length` characters may be from a suggestion: none but case for one or two
    /// characters (any two-letter code is one edit from many), one up to five characters, two beyond.
    public static func allowedDistance(for length: Int) -> Int {
        switch length {
        case ...2: return 0
        case ...5: return 1
        default: return 2
        }
    }

    /// The Damerau–Levenshtein distance of two texts (the optimal string alignment form): the fewest insertions,
    /// deletions, substitutions and swaps of two neighbouring characters that turn one into the other.
    public static func distance(_ a: String, _ b: String) -> Int {
        distance(Array(a), Array(b), atMost: .max)
    }

    /// The distance, or some number above `limit` as soon as it is certain to exceed it.
    static func distance(_ a: [Character], _ b: [Character], atMost limit: Int) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        // Three rows of the table: two back (for swaps), the previous and the current.
        var before = [Int](repeating: 0, count: width)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: width)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    best = min(best, before[j - 2] + 1)
                }
                current[j] = best
                rowMinimum = min(rowMinimum, best)
            }
            if rowMinimum > limit { return rowMinimum }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
