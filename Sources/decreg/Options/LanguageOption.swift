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

extension LanguageOption {
    /// The language of the run's errors, chosen as its output is: `--lang` (as typed, so that it holds for a refusal
    /// of the words themselves), else the locale, else the language of the register the run names (`--db`, else
    /// `$DECREG_DB`, else ./register.sqlite), else English.
    static func forErrors(typed words: [String]) -> Language {
        let option = value("--lang", typed: words).flatMap(Language.init(rawValue:))
        return Language.resolved(option: option, locale: Language.fromLocale) {
            Register.recordedLanguage(path: registerPath(typed: words))
        }
    }

    /// The register the run names, as typed: `--db`, else `$DECREG_DB`, else ./register.sqlite.
    static func registerPath(typed words: [String]) -> String {
        RegisterLocation.path(value("--db", typed: words))
    }

    /// The last value given to the option `name` before any `--`, as typed.
    private static func value(_ name: String, typed words: [String]) -> String? {
        let options = words.prefix { $0 != "--" }
        var found: String?
        for (index, word) in options.enumerated() {
            if word == name, index + 1 < options.count {
                found = options[options.startIndex + index + 1]
            } else if word.hasPrefix(name + "=") {
                found = String(word.dropFirst(name.count + 1))
            }
        }
        return found
    }
}

extension Register {
    /// The language to print in when the command line and the locale have not chosen one: the register's, else
    /// English.
    func language(_ chosen: Language?) throws -> Language {
        try Language.resolved(option: chosen, locale: nil) { try self.language() }
    }
}

