import Foundation

/// swift-argument-parser's own refusals of the words typed, in Swedish: the few it says most often, found by how
/// their lines begin and by their joining words, each beside its English. What is not here (the options' help
/// texts, rarer refusals) stays as the parser wrote it.
enum ParserWords {
    /// How the parser's lines begin, in English and in Swedish.
    static let beginnings: [(en: String, sv: String)] = [
        ("Missing expected argument ", "Argument saknas: "),
        ("Missing value for ", "Värde saknas för "),
        ("Missing one of: ", "Ett av dessa saknas: "),
        ("Unknown option ", "Okänt alternativ "),
        ("Unexpected argument ", "Oväntat argument "),
        ("The value ", "Värdet "),
        ("Help: ", "Hjälp: "),
        ("Usage: ", "Användning: "),
        ("  See ", "  Se "),
        // decreg's own refusals in `validate()`, which the parser prints with the usage.
        ("name at least one file to import", "ange minst en fil att importera"),
        ("--port: give a port from 0 to 65535", "--port: ange en port från 0 till 65535"),
        ("--max-connections: give 1 or more", "--max-connections: ange 1 eller fler"),
        ("--max-connections-per-address: give 1 or more", "--max-connections-per-address: ange 1 eller fler"),
    ]

    /// The words that join the parts of a line.
    static let joins: [(en: String, sv: String)] = [
        (". Did you mean ", ". Menade du "),
        (" is invalid for ", " är ogiltigt för "),
        (". Please provide one of the following:", ". Ange ett av följande:"),
        (". Please provide one of ", ". Ange ett av "),
        (" for more information.", " för mer information."),
    ]

    /// The parser's message with the lines it knows in Swedish.
    static func swedish(_ message: String) -> String {
        message.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            var text = String(line)
            if let (en, sv) = beginnings.first(where: { text.hasPrefix($0.en) }) {
                text = sv + text.dropFirst(en.count)
            }
            for (en, sv) in joins { text = text.replacingOccurrences(of: en, with: sv) }
            return text
        }.joined(separator: "\n")
    }
}
