import DecregDomain
import DecregStore
import Foundation

/// The query string of a request, parsed strictly: `application/x-www-form-urlencoded` (`+` is a space, `%XX`
/// escapes UTF-8), each parameter known to the route and given at most once, no control characters. Anything
/// else is a 400 that names the parameter, never a guess. Lengths count Unicode scalars of the value as sent, as
/// JSON Schema's `maxLength` does in `openapi.yaml`.
struct QueryParameters {
    private var values: [String: String] = [:]

    /// The longest query string accepted; a longer one is refused with 414 before any route sees it. Room for
    /// every parameter at its longest in four-byte characters, each sent as 12 bytes (`%F0%9F%98%80`).
    static let maximumLength = 4096
    /// The longest search text accepted.
    static let maximumSearchLength = 200
    /// The longest party or decision code accepted in a filter.
    static let maximumCodeLength = 64

    /// `allowsEmptyValues`: an empty value means "no filter", as an HTML form sends its unfilled fields; the API
    /// refuses it instead (a parameter is either given a value or left out).
    init(_ query: String?, allowed: Set<String>, allowsEmptyValues: Bool = true) throws(WebError) {
        guard let query, !query.isEmpty else { return }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else {
                throw .badParameter(
                    String(parts[0].prefix(40)), sv: "parameterns namn är inte giltig procentkodad UTF-8",
                    en: "the parameter name is not valid percent-encoded UTF-8")
            }
            guard allowed.contains(name) else {
                let known = allowed.sorted().joined(separator: ", ")
                throw .badParameter(
                    String(name.prefix(40)),
                    sv: "okänd parameter; denna adress tar \(known.isEmpty ? "ingen" : known)",
                    en: "unknown parameter; this address takes \(known.isEmpty ? "none" : known)")
            }
            guard let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw .badParameter(
                    name, sv: "värdet är inte giltig procentkodad UTF-8",
                    en: "the value is not valid percent-encoded UTF-8")
            }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .badParameter(
                    name, sv: "värdet har styrtecken; ange vanlig text",
                    en: "the value has control characters; give plain text")
            }
            guard allowsEmptyValues || !value.isEmpty else {
                throw .badParameter(
                    name, sv: "värdet är tomt; ange ett, eller utelämna parametern",
                    en: "the value is empty; give one, or leave the parameter out")
            }
            guard values[name] == nil else { throw .badParameter(name, sv: "angiven mer än en gång", en: "given more than once") }
            values[name] = value
        }
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// The value, or nil when absent or empty (an empty form field means no filter).
    func text(_ name: String) -> String? {
        guard let value = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else {
            return nil
        }
        return value
    }

    func integer(_ name: String, in range: ClosedRange<Int>) throws(WebError) -> Int? {
        guard let text = text(name) else { return nil }
        guard text.allSatisfy({ $0.isASCII && $0.isNumber }), text.count <= 9, let value = Int(text),
            range.contains(value)
        else { throw .badParameter(
                name, sv: "ange ett heltal från \(range.lowerBound) till \(range.upperBound)",
                en: "give a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return value
    }

    func language() throws(WebError) -> Language? {
        guard let text = text("lang") else { return nil }
        guard let language = Language(rawValue: text) else { throw .badParameter("lang", sv: "ange sv eller en", en: "give sv or en") }
        return language
    }

    func status() throws(WebError) -> DecisionStatus? {
        guard let text = text("status") else { return nil }
        guard let status = DecisionStatus(rawValue: text) else {
            let known = DecisionStatus.allCases.map(\.rawValue).joined(separator: ", ")
            throw .badParameter(
                "status", sv: "okänd status; ange en av \(known)", en: "unknown status; give one of \(known)")
        }
        return status
    }

    func code(_ name: String) throws(WebError) -> String? {
        guard let text = text(name) else { return nil }
        guard scalarCount(name) <= Self.maximumCodeLength else {
            throw .badParameter(
                name, sv: "en kod har högst \(Self.maximumCodeLength) tecken",
                en: "a code is at most \(Self.maximumCodeLength) characters")
        }
        return text
    }

    /// The length of the value as sent, before trimming.
    private func scalarCount(_ name: String) -> Int { values[name]?.unicodeScalars.count ?? 0 }

    func search() throws(WebError) -> String? {
        guard let text = text("q") else { return nil }
        guard scalarCount("q") <= Self.maximumSearchLength else {
            throw .badParameter(
                "q", sv: "sök med högst \(Self.maximumSearchLength) tecken",
                en: "search with at most \(Self.maximumSearchLength) characters")
        }
        guard text.contains(where: { $0.isLetter || $0.isNumber }) else {
            throw .badParameter("q", sv: "ange några ord att söka efter", en: "give some words to search for")
        }
        return text
    }

    /// `2024` or a range `2024..2026`.
    func years() throws(WebError) -> YearRange? {
        guard let text = text("year") else { return nil }
        guard let range = YearRange(parsing: text), (1000...9999).contains(range.from), (1000...9999).contains(range.to)
        else {
            throw .badParameter(
                "year", sv: "ange ett år som 2024 eller ett intervall som 2024..2026",
                en: "give a year such as 2024 or a range such as 2024..2026")
        }
        return range
    }

    func year() throws(WebError) -> Int? { try integer("year", in: 1000...9999) }

    /// The decision filter shared by the list page and the API.
    func decisionFilter() throws(WebError) -> DecisionFilter {
        DecisionFilter(party: try code("party"), year: try year(), status: try status(), search: try search())
    }

    static let decisionFilterNames: Set<String> = ["party", "year", "status", "q", "page"]
}
