import ArgumentParser
import DecregDomain
import DecregStore

/// How data is printed: a table for people, or JSON or CSV for programs.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--format`, `--lang` and the CSV options, for every command that prints data.
struct OutputOptions: ParsableArguments {
    @Option(help: "table (default), json or csv.")
    var format: OutputFormat = .table

    @OptionGroup var lang: LanguageOption
    @OptionGroup var csv: CSVOptions

    /// A whole CSV table, with the chosen separator, cells neutralised unless `--csv-raw`.
    func csv(headers: [String], rows: [[String]]) throws -> String {
        CSV.render(headers: headers, rows: rows, separator: try csv.character(), raw: csv.raw)
    }

    /// One CSV record, for a table written a record at a time.
    func csvLine(_ fields: [String]) throws -> String {
        CSV.line(fields, separator: try csv.character(), raw: csv.raw)
    }

    /// `--lang`, else the locale's; nil when the register's language decides.
    var chosenLanguage: Language? { lang.chosen }

    /// The language to print in, given the register read.
    func language(_ register: Register) throws -> Language { try register.language(chosenLanguage) }

    /// The language to print in, for a command that has not opened the register: `--lang`, else the locale's, else
    /// English.
    var language: Language { chosenLanguage ?? .en }
}
