import ArgumentParser
import DecregDomain
import DecregStore

/// How data is printed: a table for people, or JSON or CSV for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--format` and `--lang`, for every command that prints data.
struct OutputOptions: ParsableArguments {
    @Option(help: "table (default), json or csv.")
    var format: OutputFormat = .table

    @OptionGroup var lang: LanguageOption

    /// `--lang`, else the locale's; nil when the register's language decides.
    var chosenLanguage: Language? { lang.chosen }

    /// The language to print in, given the register read.
    func language(_ register: Register) throws -> Language { try register.language(chosenLanguage) }

    /// The language to print in, for a command that has not opened the register: `--lang`, else the locale's, else
    /// English.
    var language: Language { chosenLanguage ?? .en }
}
