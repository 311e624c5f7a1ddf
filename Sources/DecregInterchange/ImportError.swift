/// A problem with an import file, located for the person who must fix it:
/// `flemingsberg.yaml:14: decisions[0].funding[0].total: unknown unit 'Mkrr' (…)`.
public struct ImportError: Error, Equatable, CustomStringConvertible {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// Where in the document: `decisions[0].funding[0].total`.
    public var field: String?
    public var message: String

    public init(file: String, line: Int?, field: String?, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let field, !field.isEmpty { text += ": \(field)" }
        return text + ": " + message
    }
}

/// Every problem found in import files, in the order of the files and, within a file, of its lines: one run
/// reports them all, so that a file can be put right in one go.
public struct ImportProblems: Error, Equatable, CustomStringConvertible {
    public var problems: [ImportError]

    /// The most problems written out; the rest are counted.
    public static let shown = 50

    public init(_ problems: [ImportError] = []) {
        self.problems = problems
    }

    public var isEmpty: Bool { problems.isEmpty }

    /// Adds the problems of one file, putting them in the order of its lines (a problem of the whole file first).
    public mutating func append(file problems: [ImportError]) {
        self.problems += problems.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }

    /// One line a problem, at most `shown`, then how many more there are.
    public var lines: [String] {
        var lines = problems.prefix(Self.shown).map(\.description)
        if problems.count > Self.shown { lines.append("… and \(problems.count - Self.shown) more") }
        return lines
    }

    public var description: String { lines.joined(separator: "\n") }
}
