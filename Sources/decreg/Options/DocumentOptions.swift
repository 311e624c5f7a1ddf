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

    var language: Language {
        if let lang { return lang }
        let environment = ProcessInfo.processInfo.environment
        let locale = environment["LC_ALL"] ?? environment["LANG"] ?? ""
        return locale.hasPrefix("sv") ? .sv : .en
    }
}
