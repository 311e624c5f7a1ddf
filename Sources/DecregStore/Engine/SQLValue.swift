import Foundation

/// A value as both engines hold it: what the store binds to a statement and reads from a row. Money is an
/// integer of minor units and dates are ISO texts in either engine, so these few kinds are all the register needs.
enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    /// Only what an engine computes (an average); the register never stores one.
    case real(Double)
    case text(String)
    case blob(Data)

    var isNull: Bool { if case .null = self { true } else { false } }

    /// About how many bytes the value takes to send.
    var size: Int {
        switch self {
        case .null: 0
        case .integer, .real: 8
        case .text(let text): text.utf8.count
        case .blob(let data): data.count
        }
    }
}

/// A Swift type the store binds and reads as one column's value.
protocol SQLValueConvertible {
    var sqlValue: SQLValue { get }
    /// The value read from a column, or nil when the column holds something else (a NULL, or another kind).
    init?(sqlValue: SQLValue)
}

extension Int64: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .integer(let value): self = value
        // PostgreSQL sums BIGINTs as NUMERIC, read as its decimal text: an integer sum is a whole number.
        case .text(let text): guard let value = Int64(text) else { return nil }; self = value
        default: return nil
        }
    }
}

extension Int: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue), let int = Int(exactly: value) else { return nil }
        self = int
    }
}

extension Int32: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(Int64(self)) }
    init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue), let int = Int32(exactly: value) else { return nil }
        self = int
    }
}

extension Bool: SQLValueConvertible {
    var sqlValue: SQLValue { .integer(self ? 1 : 0) }
    init?(sqlValue: SQLValue) {
        guard let value = Int64(sqlValue: sqlValue) else { return nil }
        self = value != 0
    }
}

extension String: SQLValueConvertible {
    var sqlValue: SQLValue { .text(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .text(let text): self = text
        case .integer(let value): self = String(value)
        default: return nil
        }
    }
}

extension Data: SQLValueConvertible {
    var sqlValue: SQLValue { .blob(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .blob(let data): self = data
        case .text(let text): self = Data(text.utf8)
        default: return nil
        }
    }
}

extension Double: SQLValueConvertible {
    var sqlValue: SQLValue { .real(self) }
    init?(sqlValue: SQLValue) {
        switch sqlValue {
        case .real(let value): self = value
        case .integer(let value): self = Double(value)
        default: return nil
        }
    }
}

extension SQLValue: SQLValueConvertible {
    var sqlValue: SQLValue { self }
    init?(sqlValue: SQLValue) { self = sqlValue }
}

/// A column that may hold NULL: read as nil, bound as NULL.
extension Optional: SQLValueConvertible where Wrapped: SQLValueConvertible {
    var sqlValue: SQLValue { self?.sqlValue ?? .null }
    init?(sqlValue: SQLValue) {
        if sqlValue.isNull {
            self = .none
        } else if let value = Wrapped(sqlValue: sqlValue) {
            self = .some(value)
        } else {
            return nil
        }
    }
}

/// The values bound to a statement's parameters, in order.
struct SQLArguments: Sendable, ExpressibleByArrayLiteral {
    var values: [SQLValue]

    init(_ values: [SQLValue] = []) { self.values = values }

    init(arrayLiteral elements: (any SQLValueConvertible)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }

    mutating func append(_ value: (any SQLValueConvertible)?) {
        values.append(value?.sqlValue ?? .null)
    }

    mutating func append(contentsOf other: SQLArguments) {
        values.append(contentsOf: other.values)
    }

    var isEmpty: Bool { values.isEmpty }
}

/// One row of a query's answer, its columns read by position or by name (as written in the query, or in lower
/// case: PostgreSQL folds unquoted names). A row handed out by an SQLite cursor is SQLite's own, read in place and
/// valid until the cursor's next step (`copy()` keeps it); every other row holds its values.
struct SQLRow: @unchecked Sendable {
    /// The names of the columns, shared by the rows of one query.
    let columns: [String]
    private let storage: Storage

    enum Storage {
        case values([SQLValue])
        /// SQLite's row at a cursor's step, read in place (`Session.value(_:)` turns a column into a value).
        case sqlite(AnyObject, (AnyObject, Int) -> SQLValue, count: Int)
    }

    init(columns: [String], values: [SQLValue]) {
        self.columns = columns
        self.storage = .values(values)
    }

    init(columns: [String], borrowing row: AnyObject, count: Int, read: @escaping (AnyObject, Int) -> SQLValue) {
        self.columns = columns
        self.storage = .sqlite(row, read, count: count)
    }

    var count: Int {
        switch storage {
        case .values(let values): values.count
        case .sqlite(_, _, let count): count
        }
    }

    var values: [SQLValue] { (0..<count).map(value(at:)) }

    func value(at index: Int) -> SQLValue {
        switch storage {
        case .values(let values): values[index]
        case .sqlite(let row, let read, _): read(row, index)
        }
    }

    /// The row with its values of its own, to keep past the cursor's next step.
    func copy() -> SQLRow {
        if case .values = storage { return self }
        return SQLRow(columns: columns, values: values)
    }

    /// The index of the column `name`, or nil.
    func index(of name: String) -> Int? {
        if let index = columns.firstIndex(of: name) { return index }
        let lower = name.lowercased()
        return columns.firstIndex { $0.lowercased() == lower }
    }

    /// Whether the row has a column named `name`.
    func has(_ name: String) -> Bool { index(of: name) != nil }

    subscript<T: SQLValueConvertible>(_ index: Int) -> T {
        Self.convert(value(at: index), column: columns[index])
    }

    subscript<T: SQLValueConvertible>(_ name: String) -> T {
        guard let index = index(of: name) else { fatalError("no column \(name) among \(columns)") }
        return Self.convert(value(at: index), column: name)
    }

    /// A column's value as the type asked: a mismatch is a fault of the query, not of the register's content.
    private static func convert<T: SQLValueConvertible>(_ value: SQLValue, column: String) -> T {
        guard let converted = T(sqlValue: value) else {
            fatalError("column \(column) holds \(value), not a \(T.self)")
        }
        return converted
    }
}
