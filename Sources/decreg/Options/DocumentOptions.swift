import ArgumentParser
import DecregDomain
import Foundation

extension DocumentFormat: ExpressibleByArgument {}

/// `--format md|html` and `--lang sv|en`, for the commands that write documents: summary and report.
struct DocumentOptions: ParsableArguments {
    @Option(help: "md (Markdown, default) or html (one self-contained page that prints on A4).")
    var format: DocumentFormat = .md

    @Option(help: "Language of headings, words and amounts: sv or en (else sv when $LANG is Swedish).")
    var lang: Language?

    var language: Language { lang ?? .fromEnvironment }
}
