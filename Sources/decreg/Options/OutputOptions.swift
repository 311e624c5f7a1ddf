import ArgumentParser
import DecregDomain
import Foundation

/// How data is printed: a table for people, or JSON or CSV for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension Language: ExpressibleByArgument {
    /// Swedish when the locale ($LC_ALL, else $LANG) is Swedish, otherwise English.
    static var fromEnvironment: Language {
        let locale = Environment.value("LC_ALL") ?? Environment.value("LANG") ?? ""
        return locale.hasPrefix("sv") ? .sv : .en
    }
}

/// `--format` and `--lang`, for every command that prints data.
struct OutputOptions: ParsableArguments {
    @Option(help: "table (default), json or csv.")
    var format: OutputFormat = .table

    @Option(help: "Language of headings and amounts in tables: sv or en (else sv when $LANG is Swedish).")
    var lang: Language?

    var language: Language { lang ?? .fromEnvironment }
}
