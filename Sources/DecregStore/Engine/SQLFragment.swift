/// A piece of SQL and the values bound to its parameters, built by interpolation: `"d.ref = \(ref)"` binds `ref`
/// as a parameter (never spliced into the text), `\(sql: column)` splices trusted text (a column's name), another
/// fragment is embedded with its values, and a collection becomes `(?, ?, …)` for `IN`.
struct SQLFragment: Sendable, ExpressibleByStringInterpolation {
    private(set) var text: String
    private(set) var arguments: SQLArguments

    init(sql text: String, arguments: SQLArguments = []) {
        self.text = text
        self.arguments = arguments
    }

    init(stringLiteral value: String) {
        self.init(sql: value)
    }

    init(stringInterpolation: Interpolation) {
        self.init(sql: stringInterpolation.text, arguments: stringInterpolation.arguments)
    }

    struct Interpolation: StringInterpolationProtocol {
        var text = ""
        var arguments = SQLArguments()

        init(literalCapacity: Int, interpolationCount: Int) {
            text.reserveCapacity(literalCapacity + 2 * interpolationCount)
        }

        mutating func appendLiteral(_ literal: String) { text += literal }

        /// A value, bound as a parameter.
        mutating func appendInterpolation<T: SQLValueConvertible>(_ value: T) {
            text += "?"
            arguments.append(value)
        }

        /// Another fragment, its values kept.
        mutating func appendInterpolation(_ fragment: SQLFragment) {
            text += fragment.text
            arguments.append(contentsOf: fragment.arguments)
        }

        /// Trusted text spliced as it is: a column's or table's name chosen by the code, never a user's words.
        mutating func appendInterpolation(sql: String) { text += sql }

        /// A list of values for `IN`: `(?, ?, …)`, or a list that holds nothing when the collection is empty.
        mutating func appendInterpolation<C: Collection>(_ values: C) where C.Element: SQLValueConvertible {
            guard !values.isEmpty else {
                text += "(SELECT NULL WHERE 1 = 0)"
                return
            }
            text += "(" + Array(repeating: "?", count: values.count).joined(separator: ", ") + ")"
            for value in values { arguments.append(value) }
        }
    }

    static func + (left: SQLFragment, right: SQLFragment) -> SQLFragment {
        SQLFragment(sql: left.text + right.text, arguments: SQLArguments(left.arguments.values + right.arguments.values))
    }

    static func += (left: inout SQLFragment, right: SQLFragment) {
        left = left + right
    }

    var isEmpty: Bool { text.isEmpty }
}

extension Array where Element == SQLFragment {
    /// The fragments one after another with `separator` between them, their values in order.
    func joined(separator: String) -> SQLFragment {
        var text = ""
        var arguments = SQLArguments()
        for (index, fragment) in enumerated() {
            if index > 0 { text += separator }
            text += fragment.text
            arguments.append(contentsOf: fragment.arguments)
        }
        return SQLFragment(sql: text, arguments: arguments)
    }
}
