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
