/// The values a person types to record something, read once for every way in: the command line's options, the
/// browser's forms and the API's JSON. Each refusal names the field as that way calls it (`--amount`, `amounts`),
/// so one reading says the same thing everywhere.
public enum EntryValues {
    /// A date, `YYYY-MM-DD`.
    public static func date(_ text: String, field: String) throws(Refusal) -> LocalDate {
        do { return try LocalDate(parsing: text) } catch { throw Refusal(error.phrase, field: field) }
    }

    /// An amount as people write it: `1,62 Mkr`, `540 tkr`, `1 000 000 kr`.
    public static func money(_ text: String, field: String) throws(Refusal) -> Money {
        do { return try AmountParser.parse(text) } catch { throw Refusal(error.phrase, field: field) }
    }

    /// A year, 1000–9999.
    public static func year(_ text: String, field: String) throws(Refusal) -> Int {
        guard let year = Int(text), (1000...9999).contains(year) else {
            throw Refusal(sv: "'\(text)' är inget år", en: "'\(text)' is not a year", field: field)
        }
        return year
    }

    /// A party's or body's code.
    public static func code(_ text: String, field: String) throws(Refusal) -> String {
        guard Identifiers.isValidCode(text) else { throw Refusal(Identifiers.codeRule(text), field: field) }
        return text
    }

    /// An outcome: the code or the Swedish word, as the tables show it (`adopted`, `antog`, `antaget`).
    public static func outcome(_ text: String, field: String) throws(Refusal) -> Outcome {
        guard let outcome = Vocabulary.outcome(parsing: text) else {
            let codes = Outcome.allCases.map(\.rawValue).joined(separator: ", ")
            throw Refusal(
                sv: "'\(text)' är inget utfall; ange ett av \(codes)",
                en: "'\(text)' is not an outcome; give one of \(codes)", field: field)
        }
        return outcome
    }

    /// A court's decision on an appeal: the code or the Swedish word (`annulled`, `upphävt`).
    public static func appealOutcome(_ text: String, field: String) throws(Refusal) -> AppealOutcome {
        guard let outcome = AppealOutcome(parsing: text) else {
            let words = AppealOutcome.allCases.map { "\($0.rawValue) (\($0.word(.sv)))" }.joined(separator: ", ")
            throw Refusal(
                sv: "'\(text)' är inget avgörande; ange ett av \(words)",
                en: "'\(text)' is not a court's decision; give one of \(words)", field: field)
        }
        return outcome
    }

    /// A year or a range of years, `2024..2026`.
    public static func yearRange(_ text: String, field: String) throws(Refusal) -> YearRange {
        guard let range = YearRange(parsing: text) else {
            throw Refusal(
                sv: "'\(text)' är inget år eller intervall av år som 2024..2026",
                en: "'\(text)' is not a year or a range of years such as 2024..2026", field: field)
        }
        return range
    }

    /// The years of a year or a range of years to record something for, in order; at most a century.
    public static func years(_ text: String, field: String) throws(Refusal) -> [Int] {
        let range = try yearRange(text, field: field)
        guard range.to - range.from < 100 else {
            throw Refusal(
                sv: "\(text) spänner över mer än 100 år; ange de år beslutet finansierar",
                en: "\(text) spans more than 100 years; give the years the decision funds", field: field)
        }
        return Array(range.from...range.to)
    }

    /// Adopted amounts from pairs of a year or range of years and an amount (the same amount each year), in the
    /// order of the years.
    public static func yearAmounts(_ pairs: [(years: String, amount: String)], field: String) throws(Refusal)
        -> [YearAmount]
    {
        var amounts: [YearAmount] = []
        for pair in pairs {
            let amount = try money(pair.amount, field: field)
            amounts += try years(pair.years, field: field).map { YearAmount(year: $0, amount: amount) }
        }
        return amounts.sorted { $0.year < $1.year }
    }
}

extension EntryValues {
    /// A year's funding: its total and each party's share, given either as amounts (`shares`: code and amount, in
    /// the total's currency) or as parts of the total (`split`: code and `25%` or `1/3`), not both. The fields name
    /// where each was given (`--share`, `shares`).
    public static func fundingYear(
        _ year: Int, total: Money, shares: [(code: String, amount: String)], split: [(code: String, part: String)],
        shareField: String, splitField: String
    ) throws(Refusal) -> FundingYear {
        switch (shares.isEmpty, split.isEmpty) {
        case (false, true):
            var amounts: [(party: String, amount: Money)] = []
            for share in shares {
                let amount = try money(share.amount, field: shareField)
                guard amount.currency == total.currency else {
                    throw Refusal(
                        sv: "\(share.code) är i \(amount.currency), totalen i \(total.currency)",
                        en: "\(share.code) is in \(amount.currency), the total in \(total.currency)", field: shareField)
                }
                amounts.append((try code(share.code, field: shareField), amount))
            }
            return .shares(year: year, total: total, amounts)
        case (true, false):
            var parts: [(party: String, part: SplitPart)] = []
            for item in split {
                let party = try code(item.code, field: splitField)
                do throws(SplitPart.ParseError) { parts.append((party, try SplitPart(parsing: item.part))) } catch {
                    throw Refusal(error.phrase, field: splitField)
                }
            }
            do throws(SplitError) { return try .split(year: year, total: total, parts) } catch {
                throw Refusal(error.phrase, field: splitField)
            }
        default:
            throw Refusal(
                sv: "ange andelarna som \(shareField) KOD=BELOPP eller som \(splitField) KOD=DEL, inte båda",
                en: "give the shares as \(shareField) CODE=AMOUNT or as \(splitField) CODE=PART, not both")
        }
    }
}

extension EntryValues {
    /// Codes of parties or bodies given in one text, separated by spaces, commas or lines: `SLL HUDDINGE`.
    public static func codes(_ text: String, field: String) throws(Refusal) -> [String] {
        var codes: [String] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," || $0.isNewline }) {
            codes.append(try code(String(word), field: field))
        }
        return codes
    }

    /// One of a kind's codes (a party's kind, a body's kind, an account's role), as its list says them.
    public static func choice<Kind: RawRepresentable & CaseIterable>(_ text: String, field: String) throws(Refusal)
        -> Kind where Kind.RawValue == String
    {
        guard let kind = Kind(rawValue: text) else {
            let codes = Kind.allCases.map(\.rawValue).joined(separator: ", ")
            throw Refusal(
                sv: "'\(text)' är inte ett av \(codes)", en: "'\(text)' is not one of \(codes)", field: field)
        }
        return kind
    }

    /// An organisation number `NNNNNN-NNNN`, its check digit verified.
    public static func organisationNumber(_ text: String, field: String) throws(Refusal) -> OrganisationNumber {
        do { return try OrganisationNumber(parsing: text) } catch { throw Refusal(error.phrase, field: field) }
    }
}
