import ArgumentParser
import DecregDomain
import Foundation

extension DocumentFormat: ExpressibleByArgument {}

/// `--format md|html` and `--lang sv|en`, for the commands that write documents: summary and report.
struct DocumentOptions: ParsableArguments {
    @Option(help: "md (Markdown, default) or html (one self-contained page that prints on A4).")
    var format: DocumentFormat = .md

    @OptionGroup var lang: LanguageOption

    /// `--lang`, else the locale's; nil when the register's language decides.
    var chosenLanguage: Language? { lang.chosen }
}
