/// "Did you mean …?" for a key that names nothing: the known keys a typo or two away from it. Computed only when
/// a key is refused, but then over every key of its kind (a register of 100 000 decisions), so it compares code
/// points in buffers it reuses, and narrows its bound as nearer keys turn up.
public enum NearestKeys {
    /// The known keys nearest `key`, at most `limit`: the same key in another case, else the keys fewest edits from
    /// it (ignoring case) within `allowedDistance(for:)`. Ties go to the alphabetically first.
    public static func among(_ known: some Sequence<String>, nearest key: String, limit: Int = 3) -> [String] {
        var table = Table()
        let target = folded(key)
        var bound = allowedDistance(for: target.count)
        var found: [(key: String, exact: Int)] = []
        var candidate: [UInt32] = []
        for name in known where name != key {
            folded(name, into: &candidate)
            guard abs(candidate.count - target.count) <= bound else { continue }
            let distance = table.distance(target, candidate, atMost: bound)
            guard distance <= bound else { continue }
            // Only the nearest: a key a typo away hides those two typos away.
            if distance < bound {
                found.removeAll()
                bound = distance
            }
            // Among keys that differ only in case, the one closest as written first.
            let exact = distance == 0 ? table.distance(scalars(key), scalars(name), atMost: .max) : 0
            found.append((name, exact))
        }
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

    /// The Damerau–Levenshtein distance of two texts (the optimal string alignment form), in Unicode code points:
    /// the fewest insertions, deletions, substitutions and swaps of two neighbouring characters that turn one into
    /// the other.
    public static func distance(_ a: String, _ b: String) -> Int {
        var table = Table()
        return table.distance(scalars(a), scalars(b), atMost: .max)
    }

    static func scalars(_ text: String) -> [UInt32] { text.unicodeScalars.map(\.value) }

    static func folded(_ text: String) -> [UInt32] {
        var buffer: [UInt32] = []
        folded(text, into: &buffer)
        return buffer
    }

    /// The text's code points in upper case, without a String for each (keys are mostly ASCII).
    static func folded(_ text: String, into buffer: inout [UInt32]) {
        buffer.removeAll(keepingCapacity: true)
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                buffer.append(value >= 0x61 && value <= 0x7A ? value - 0x20 : value)
            } else {
                buffer.append(contentsOf: scalar.properties.uppercaseMapping.unicodeScalars.map(\.value))
            }
        }
    }

    /// Three rows of the distance table, kept from one comparison to the next.
    struct Table {
        private var before: [Int] = []
        private var previous: [Int] = []
        private var current: [Int] = []

        /// The distance, or some number above `limit` as soon as it is certain to exceed it: a row's least value
        /// never decreases further down.
        mutating func distance(_ a: [UInt32], _ b: [UInt32], atMost limit: Int) -> Int {
            if a.isEmpty { return b.count }
            if b.isEmpty { return a.count }
            if previous.count <= b.count {
                let row = [Int](repeating: 0, count: b.count + 1)
                (before, previous, current) = (row, row, row)
            }
            for j in 0...b.count { previous[j] = j }
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
                swap(&before, &previous)
                swap(&previous, &current)
            }
            return previous[b.count]
        }
    }
}
