import DecregDomain

/// A problem with an import file, located for the person who must fix it:
/// `flemingsberg.yaml:14: decisions[0].funding[0].total: unknown unit 'Mkrr' (…)`.
public struct ImportError: Error, Equatable, CustomStringConvertible, SpokenError {
    /// The file as the user named it.
    public var file: String
    /// The 1-based line, when known.
    public var line: Int?
    /// Where in the document: `decisions[0].funding[0].total`.
    public var field: String?
    /// What is wrong, in Swedish and English.
    public var phrase: Phrase

    public init(file: String, line: Int?, field: String?, phrase: Phrase) {
        self.file = file
        self.line = line
        self.field = field
        self.phrase = phrase
    }

    /// A problem whose message reads the same in both languages.
    public init(file: String, line: Int?, field: String?, message: String) {
        self.init(file: file, line: line, field: field, phrase: Phrase(verbatim: message))
    }

    /// What is wrong, in English.
    public var message: String { phrase.en }

    /// `file:line: field: message` in `language`.
    public func text(_ language: Language) -> String {
        var text = file
        if let line { text += ":\(line)" }
        if let field, !field.isEmpty { text += ": \(field)" }
        return text + ": " + phrase.text(language)
    }

    public func lines(_ language: Language) -> [String] { [text(language)] }

    public var description: String { text(.en) }
}

/// Every problem found in import files, in the order of the files and, within a file, of its lines: one run
/// reports them all, so that a file can be put right in one go.
public struct ImportProblems: Error, Equatable, CustomStringConvertible, SpokenError {
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
    public func lines(_ language: Language) -> [String] {
        var lines = problems.prefix(Self.shown).map { $0.text(language) }
        if problems.count > Self.shown {
            let more = problems.count - Self.shown
            lines.append(Phrase(sv: "… och \(more) till", en: "… and \(more) more").text(language))
        }
        return lines
    }

    /// The lines in English.
    public var lines: [String] { lines(.en) }

    public var description: String { lines.joined(separator: "\n") }
}
