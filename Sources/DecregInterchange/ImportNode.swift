import Yams

/// A node of an import document and the line it starts on: what both the YAML reader and the streaming JSON
/// reader produce, so one set of field readers serves both formats. Not `indirect`: the lists of a mapping or a
/// sequence already hold their nodes out of line, and a box per scalar would cost an allocation per value read.
enum ImportNode {
    /// A text or a literal; `plain` when it was written without quotes (a YAML plain scalar, a JSON number,
    /// `true`, `false` or `null`), which is what decides whether `null` and `~` mean nothing.
    case scalar(String, plain: Bool, line: Int)
    case mapping([Member], line: Int)
    case sequence([ImportNode], line: Int)

    /// A key of a mapping, the line it is on, and its value.
    struct Member {
        var key: String
        var keyLine: Int
        var value: ImportNode
    }

    var line: Int {
        switch self {
        case .scalar(_, _, let line), .mapping(_, let line), .sequence(_, let line): return line
        }
    }

    /// Converts a composed YAML node; fails when it expands to more than `budget` nodes. Aliases let a small
    /// file expand to billions of nodes ("billion laughs").
    static func from(_ node: Node, budget: inout Int) -> ImportNode? {
        budget -= 1
        guard budget >= 0 else { return nil }
        let line = node.mark?.line ?? 0
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any, line: line)
        case .alias:
            return .scalar("", plain: true, line: line)
        case .sequence(let sequence):
            var items: [ImportNode] = []
            items.reserveCapacity(sequence.count)
            for item in sequence {
                guard let converted = from(item, budget: &budget) else { return nil }
                items.append(converted)
            }
            return .sequence(items, line: line)
        case .mapping(let mapping):
            var pairs: [Member] = []
            pairs.reserveCapacity(mapping.count)
            for (key, value) in mapping {
                guard let converted = from(value, budget: &budget) else { return nil }
                let keyText: String
                if case .scalar(let scalar) = key { keyText = scalar.string } else { keyText = "\u{FFFD}" }
                pairs.append(Member(key: keyText, keyLine: key.mark?.line ?? line, value: converted))
            }
            return .mapping(pairs, line: line)
        }
    }
}

/// Where a field stands in an import document: `decisions[3].funding[0].total`. Built as a chain, and written
/// out only when an error needs it.
final class FieldPath: CustomStringConvertible, Sendable {
    enum Component {
        case key(String)
        case index(Int)
    }

    let parent: FieldPath?
    let component: Component?

    init(parent: FieldPath?, component: Component?) {
        self.parent = parent
        self.component = component
    }

    static let root = FieldPath(parent: nil, component: nil)

    /// The name of the nearest key on the path: `clauses` for `decisions[0].clauses[2]`.
    var lastKey: String {
        var node: FieldPath? = self
        while let current = node {
            if case .key(let name)? = current.component { return name }
            node = current.parent
        }
        return ""
    }

    func key(_ name: String) -> FieldPath { FieldPath(parent: self, component: .key(name)) }
    func index(_ index: Int) -> FieldPath { FieldPath(parent: self, component: .index(index)) }

    var description: String {
        var components: [Component] = []
        var node: FieldPath? = self
        while let current = node {
            if let component = current.component { components.append(component) }
            node = current.parent
        }
        var text = ""
        for component in components.reversed() {
            switch component {
            case .key(let name): text += text.isEmpty ? name : "." + name
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}
