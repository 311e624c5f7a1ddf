import ArgumentParser
import DecregDomain
import DecregStore

/// `--lang sv|en`, for every command that prints words. Which language is printed is decided in one place,
/// `Language.resolved`: `--lang`, else a Swedish or English locale, else the register's language, else English.
struct LanguageOption: ParsableArguments {
    @Option(
        help: "Language of words and amounts: sv or en (else $LC_ALL or $LANG when Swedish or English, else the register's).")
    var lang: Language?

    /// `--lang`, else the locale's; nil when the register's language decides.
    var chosen: Language? { Language.chosen(lang) }

    /// The language to print in, the register's when neither `--lang` nor the locale chooses.
    func language(_ register: Register) throws -> Language { try register.language(chosen) }
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

