import ArgumentParser
import DecregDomain
import DecregStore
import Foundation

/// How data is printed: a table for people, or JSON or CSV for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension Language: ExpressibleByArgument {
    /// What the locale says: `$LC_ALL` when set, else `$LANG`; nil when it is neither Swedish nor English (`C`).
    static var fromLocale: Language? {
        (Environment.value("LC_ALL") ?? Environment.value("LANG")).flatMap(Language.init(locale:))
    }

    /// `--lang`, else the locale; nil leaves the choice to the register's language (see `Language.resolved`).
    static func chosen(_ option: Language?) -> Language? { option ?? fromLocale }
}

extension Register {
    /// The language to print in when the command line and the locale have not chosen one: the register's, else
    /// English.
    func language(_ chosen: Language?) throws -> Language {
        try Language.resolved(option: chosen, locale: nil) { try self.language() }
    }
}

/// `--format` and `--lang`, for every command that prints data.
struct OutputOptions: ParsableArguments {
    @Option(help: "table (default), json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Language of words and amounts: sv or en (else $LC_ALL or $LANG when Swedish or English, else the register's).")
    var lang: Language?

    /// `--lang`, else the locale's; nil when the register's language decides.
    var chosenLanguage: Language? { Language.chosen(lang) }

    /// The language to print in, given the register read.
    func language(_ register: Register) throws -> Language { try register.language(chosenLanguage) }

    /// The language to print in, for a command that has not opened the register: `--lang`, else the locale's, else
    /// English.
    var language: Language { chosenLanguage ?? .en }
}
