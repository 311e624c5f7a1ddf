import DecregDomain
import DecregStore
import Foundation

/// Reads option values, refusing each with a message that names the option.
enum ArgumentValues {
    static func date(_ text: String, option: String) throws -> LocalDate {
        try entry { () throws(Refusal) in try EntryValues.date(text, field: option) }
    }

    static func money(_ text: String, option: String) throws -> Money {
        try entry { () throws(Refusal) in try EntryValues.money(text, field: option) }
    }

    static func year(_ text: String, option: String) throws -> Int {
        try entry { () throws(Refusal) in try EntryValues.year(text, field: option) }
    }

    static func code(_ text: String, option: String) throws -> String {
        try entry { () throws(Refusal) in try EntryValues.code(text, field: option) }
    }

    /// Reads a value by the rules of `EntryValues`, its refusal said as the option's.
    static func entry<Value>(_ read: () throws(Refusal) -> Value) throws -> Value {
        do { return try read() } catch {
            throw error.field.map { CommandFailure(option: $0, error.phrase) } ?? CommandFailure(error.phrase)
        }
    }

    static func ref(_ text: String) throws -> String {
        guard Identifiers.isValidRef(text) else { throw CommandFailure(Identifiers.refRule(text)) }
        return text
    }

    /// `KEY=VALUE`, split at the first `=`.
    static func pair(_ text: String, option: String, example: String) throws -> (String, String) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw CommandFailure(
                option: option, sv: "'\(text)' ska lyda NYCKEL=VÄRDE, t.ex. \(example)",
                en: "'\(text)' should read KEY=VALUE, e.g. \(example)")
        }
        return (String(text[..<equals]), String(text[text.index(after: equals)...]))
    }

    static func nonEmpty(_ text: String, option: String) throws -> String {
        guard !text.trimmingSpaces().isEmpty else {
            throw CommandFailure(sv: "\(option) får inte vara tom", en: "\(option) must not be empty")
        }
        return text
    }
}

extension ArgumentValues {
    /// A year or a range of years, `2024..2026`.
    static func yearRange(_ text: String, option: String) throws -> YearRange {
        try entry { () throws(Refusal) in try EntryValues.yearRange(text, field: option) }
    }

    /// The years of a year or a range of years to record something for, in order; at most a century.
    static func years(_ text: String, option: String) throws -> [Int] {
        try entry { () throws(Refusal) in try EntryValues.years(text, field: option) }
    }

    /// `YEAR=AMOUNT` or `FROM..TO=AMOUNT` (the same amount each year), for an adopted amount.
    static func yearAmounts(_ items: [String], option: String) throws -> [YearAmount] {
        let pairs = try items.map { item in
            let (years, amount) = try pair(item, option: option, example: "2008=1MKr or 2027..2029=1,62 MKr")
            return (years: years, amount: amount)
        }
        return try entry { () throws(Refusal) in try EntryValues.yearAmounts(pairs, field: option) }
    }

    /// `PARTY=NUMBER`, for a case number; an empty number removes it.
    static func caseNumbers(_ items: [String], option: String) throws -> [CaseNumber] {
        try items.map { item in
            let (party, number) = try pair(item, option: option, example: "HUDDINGE=KS-2007/123")
            return CaseNumber(party: try code(party, option: option), number: number.trimmingSpaces())
        }
    }

    /// The text of `--summary` or of the file `--summary-file` names, not both.
    static func summary(_ text: String?, file: String?) throws -> String? {
        switch (text, file) {
        case (let text?, nil): return text
        case (nil, let file?):
            do { return try String(contentsOfFile: file, encoding: .utf8) } catch {
                throw CommandFailure(
                    option: "--summary-file", sv: "kan inte läsa \(file) som UTF-8-text: \(error.localizedDescription)",
                    en: "cannot read \(file) as UTF-8 text: \(error.localizedDescription)")
            }
        case (nil, nil): return nil
        case (_?, _?): throw CommandFailure(
            sv: "ange sammanfattningen som --summary TEXT eller --summary-file FIL, inte båda",
            en: "give the summary as --summary TEXT or --summary-file FILE, not both")
        }
    }
}

extension ArgumentValues {
    /// The register's refusal of what a command adds, said about the option the value came from: a refusal of
    /// `decisions[0].parties[1]` as `--party: …`, of `parties[0].name` as `--name: …`.
    static func optionNamed(_ error: RegisterError) -> Phrase {
        guard let field = error.field else { return error.phrase }
        let options = [
            (".parties", "--party"), (".case_numbers", "--case-number"), (".clauses", "--clause"),
            (".title", "--title"), (".summary", "--summary"), (".name", "--name"), (".org_number", "--org-number"),
        ]
        // A path that names no option (`bodies[0]`, a body declared differently) means nothing on the command line.
        guard let option = field.hasSuffix(".ref") ? "ref" : options.first(where: { field.contains($0.0) })?.1 else {
            return error.phrase
        }
        return Phrase(verbatim: "\(option): ") + error.phrase
    }
}
