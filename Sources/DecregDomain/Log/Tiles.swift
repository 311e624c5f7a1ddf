/// A tile of the log as c2sp.org/tlog-tiles names it: `tile/<L>/<N>[.p/<W>]` (Merkle tree hashes, 256 to a full
/// tile) or `tile/entries/<N>[.p/<W>]` (the entries themselves, each a big-endian uint16 length and its bytes).
public struct TilePath: Sendable, Equatable, CustomStringConvertible {
    /// The level of hashes, or nil for an entry bundle.
    public var level: Int?
    public var index: Int64
    /// 256 for a full tile, 1…255 for a partial one.
    public var width: Int

    public static let height = 8
    public static let fullWidth = 256

    public init(level: Int?, index: Int64, width: Int = TilePath.fullWidth) {
        self.level = level
        self.index = index
        self.width = width
    }

    /// The path after `tile/`, as segments: `["0", "x001", "x234", "067.p", "112"]`; nil when it is not one.
    public init?(segments: [Substring]) {
        guard let first = segments.first, segments.count >= 2 else { return nil }
        if first == "entries" {
            level = nil
        } else {
            guard let level = Int(first), (0...63).contains(level), String(level) == first else { return nil }
            self.level = level
        }
        var rest = Array(segments.dropFirst())
        width = Self.fullWidth
        if rest.count >= 2, rest[rest.count - 2].hasSuffix(".p") {
            guard let width = Int(rest[rest.count - 1]), (1...255).contains(width), String(width) == rest.last!
            else { return nil }
            self.width = width
            rest.removeLast()
            rest[rest.count - 1] = rest[rest.count - 1].dropLast(2)
        }
        var index: Int64 = 0
        for (position, element) in rest.enumerated() {
            let last = position == rest.count - 1
            let digits = last ? element : (element.hasPrefix("x") ? element.dropFirst() : "")
            guard digits.count == 3, digits.allSatisfy(\.isASCIIDigit), let group = Int64(digits),
                index <= (Int64.max - group) / 1000
            else { return nil }
            index = index * 1000 + group
        }
        // The shortest encoding only: no leading `x000/`.
        guard rest.count == 1 || rest.first != "x000" else { return nil }
        self.index = index
    }

    /// `0/x001/x234/067.p/112`, as the path after `tile/`.
    public var description: String {
        var groups: [String] = []
        var rest = index
        repeat {
            let group = String(rest % 1000)
            groups.insert(String(repeating: "0", count: 3 - group.count) + group, at: 0)
            rest /= 1000
        } while rest > 0
        let number = groups.dropLast().map { "x" + $0 }.joined(separator: "/") + (groups.count > 1 ? "/" : "")
            + groups.last!
        let suffix = width == Self.fullWidth ? "" : ".p/\(width)"
        return "\(level.map(String.init) ?? "entries")/\(number)\(suffix)"
    }

    /// The tree's level of this tile's hashes (`8 · L`) and the index of its first: the subtrees it holds.
    public var subtrees: (level: Int, first: Int64) {
        ((level ?? 0) * Self.height, index * Int64(Self.fullWidth))
    }

    /// Whether a tree of `size` leaves holds every hash (or entry) of this tile.
    public func isHeld(bySize size: Int64) -> Bool {
        let (level, first) = subtrees
        let complete = level >= 63 ? 0 : size >> level
        return first + Int64(width) <= complete
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
