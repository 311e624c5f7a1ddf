import DecregDomain

/// Reads option values, refusing each with a message that names the option.
enum ArgumentValues {
    static func date(_ text: String, option: String) throws -> LocalDate {
        do { return try LocalDate(parsing: text) } catch { throw CommandFailure("\(option): \(error.description)") }
    }

    static func money(_ text: String, option: String) throws -> Money {
        do { return try AmountParser.parse(text) } catch { throw CommandFailure("\(option): \(error.description)") }
    }

    static func year(_ text: String, option: String) throws -> Int {
        guard let year = Int(text), (1000...9999).contains(year) else {
            throw CommandFailure("\(option): '\(text)' is not a year")
        }
        return year
    }

    static func code(_ text: String, option: String) throws -> String {
        guard Identifiers.isValidCode(text) else { throw CommandFailure("\(option): \(Identifiers.codeRule(text))") }
        return text
    }

    static func ref(_ text: String) throws -> String {
        guard Identifiers.isValidRef(text) else { throw CommandFailure(Identifiers.refRule(text)) }
        return text
    }

    /// `KEY=VALUE`, split at the first `=`.
    static func pair(_ text: String, option: String, example: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw CommandFailure("\(option): '\(text)' should read KEY=VALUE, e.g. \(example)")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    static func nonEmpty(_ text: String, option: String) throws -> String {
        guard !text.trimmingSpaces().isEmpty else { throw CommandFailure("\(option) must not be empty") }
        return text
    }
}
