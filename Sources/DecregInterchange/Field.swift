import DecregDomain

/// A node of an import document with where it stands (file, line, path), so that every value read from it
/// can be refused with a message that names the place.
struct Field {
    let node: ImportNode
    /// The path of the field's container, and the field's own step from it: the field's path is built only
    /// when an error or a nested field asks for it, so reading a record's scalars allocates no paths.
    private let base: FieldPath
    private let last: FieldPath.Component?
    let file: String

    init(node: ImportNode, path: FieldPath, file: String) {
        self.init(node: node, base: path, last: nil, file: file)
    }

    private init(node: ImportNode, base: FieldPath, last: FieldPath.Component?, file: String) {
        self.node = node
        self.base = base
        self.last = last
        self.file = file
    }

    /// Where the field stands: `decisions[3].funding[0].total`.
    var path: FieldPath {
        guard let last else { return base }
        return FieldPath(parent: base, component: last)
    }

    func error(_ phrase: Phrase) -> ImportError {
        ImportError(file: file, line: node.line, field: path.description, phrase: phrase)
    }

    func error(sv: String, en: String) -> ImportError { error(Phrase(sv: sv, en: en)) }

    func element(_ node: ImportNode, _ index: Int) -> Field {
        Field(node: node, base: path, last: .index(index), file: file)
    }

    /// The name of the nearest key on the field's path: `clauses` for `decisions[0].clauses[2]`.
    private var lastKey: String {
        if case .key(let name)? = last { return name }
        return base.lastKey
    }

    var isNull: Bool {
        guard case .scalar(let text, let plain, _) = node else { return false }
        return plain && (text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL")
    }

    /// A scalar as text, exactly as written (a YAML date or number is not reinterpreted), no longer than the
    /// field's limit.
    func string() throws(ImportError) -> String {
        guard case .scalar(let text, _, _) = node, !isNull else { throw error(.expected(.text, found: kind)) }
        let limit = InputLimits.maximumCharacters(lastKey)
        if text.utf8.count > limit && text.count > limit {
            throw error(
                sv: "längre än gränsen på \(limit) tecken (\(text.count))",
                en: "longer than the limit of \(limit) characters (\(text.count))")
        }
        return text
    }

    /// `true` or `false`, unquoted.
    func flag() throws(ImportError) -> Bool {
        if case .scalar(let text, true, _) = node {
            if text == "true" { return true }
            if text == "false" { return false }
        }
        throw error(sv: "ska vara true eller false", en: "must be true or false")
    }

    /// A scalar that must not be empty.
    func nonEmptyString() throws(ImportError) -> String {
        let text = try string()
        guard !text.trimmingSpaces().isEmpty else { throw error(sv: "får inte vara tom", en: "must not be empty") }
        return text
    }

    func year() throws(ImportError) -> Int {
        let text = try string()
        guard let value = Int(text), (1000...9999).contains(value) else {
            throw error(sv: "'\(text)' är inget år (1000–9999)", en: "'\(text)' is not a year (1000–9999)")
        }
        return value
    }

    func date() throws(ImportError) -> LocalDate {
        let text = try string()
        do { return try LocalDate(parsing: text) } catch { throw self.error(error.phrase) }
    }

    func money(defaultCurrency: Currency) throws(ImportError) -> Money {
        let text = try string()
        do { return try AmountParser.parse(text, defaultCurrency: defaultCurrency) } catch {
            throw self.error(error.phrase)
        }
    }

    func list() throws(ImportError) -> [Field] {
        guard case .sequence(let items, _) = node else { throw error(.expected(.list, found: kind)) }
        let here = path
        return items.enumerated().map { Field(node: $1, base: here, last: .index($0), file: file) }
    }

    /// A list of texts; a single text stands for a list of one.
    func stringList() throws(ImportError) -> [String] {
        if case .scalar = node { return [try nonEmptyString()] }
        var texts: [String] = []
        for item in try list() { texts.append(try item.nonEmptyString()) }
        return texts
    }

    /// The entries of a mapping in the order written; keys are texts.
    func entries() throws(ImportError) -> [Record.Named] {
        guard case .mapping(let pairs, _) = node else { throw error(.expected(.mapping, found: kind)) }
        var result: [Record.Named] = []
        result.reserveCapacity(pairs.count)
        let here = path
        for pair in pairs {
            let entry = Field(node: pair.value, base: here, last: .key(pair.key), file: file)
            if entry.isNull { throw entry.error(Field.nullHint(pair.key)) }
            result.append(Record.Named(name: pair.key, field: entry))
        }
        return result
    }

    /// The mapping's fields by name, refusing names that are not in `allowed`.
    func record(_ allowed: [String]) throws(ImportError) -> Record {
        var problems = Problems()
        let record = try record(allowed, problems: &problems)
        if let first = problems.found.first { throw first }
        return record
    }

    /// The mapping's fields by name; each name not in `allowed` is a problem, and reading goes on without it.
    func record(_ allowed: [String], problems: inout Problems) throws(ImportError) -> Record {
        guard case .mapping(let pairs, _) = node else { throw error(.expected(.mapping, found: kind)) }
        var fields: [Record.Named] = []
        fields.reserveCapacity(pairs.count)
        let here = path
        for pair in pairs {
            let name = pair.key
            let field = Field(node: pair.value, base: here, last: .key(name), file: file)
            guard allowed.contains(name) else {
                if name.first?.isNumber == true {
                    problems.add(field.error(Field.nullHint(name)))
                } else {
                    let expected = allowed.joined(separator: ", ")
                    problems.add(
                        field.error(
                            sv: "okänt fält '\(name)'; tillåtna fält är: \(expected)",
                            en: "unknown field '\(name)'; expected one of: \(expected)"))
                }
                continue
            }
            fields.append(Record.Named(name: name, field: field))
        }
        return Record(owner: self, fields: fields)
    }

    /// A decimal comma inside `{ … }` ends the entry in YAML, so `{total: 2,5 MKr}` reads as `total: 2` and a key
    /// `5 MKr`. Say so, rather than "unknown field".
    static func nullHint(_ key: String) -> Phrase {
        if key.first?.isNumber == true {
            return Phrase(
                sv: "'\(key)' saknar värde: inom { } skiljer ett kommatecken posterna åt, så ett decimalkomma delar"
                    + " ett belopp som 2,5 MKr i två; citera det (\"2,5 MKr\") eller skriv det på en egen rad",
                en: "'\(key)' has no value: inside { } a comma separates entries, so a decimal comma splits"
                    + " an amount such as 2,5 MKr in two; quote it (\"2,5 MKr\") or write it on its own line")
        }
        return Phrase(sv: "'\(key)' saknar värde", en: "'\(key)' has no value")
    }

    /// What the node is, as a message names it.
    var kind: NodeKind {
        switch node {
        case .scalar: return isNull ? .nothing : .text
        case .mapping: return .mapping
        case .sequence: return .list
        }
    }

    /// The kinds of value a document holds: `a text`, `en text`.
    enum NodeKind {
        case nothing, text, mapping, list

        var phrase: Phrase {
            switch self {
            case .nothing: Phrase(sv: "ingenting", en: "nothing")
            case .text: Phrase(sv: "en text", en: "a text")
            case .mapping: Phrase(sv: "en mappning", en: "a mapping")
            case .list: Phrase(sv: "en lista", en: "a list")
            }
        }
    }
}

/// The named fields of one mapping, in the order written (a mapping has a dozen at most, and no key twice).
struct Record {
    /// A field and its name.
    struct Named {
        let name: String
        let field: Field
    }

    let owner: Field
    let fields: [Named]

    private func named(_ name: String) -> Field? {
        fields.first { $0.name == name }?.field
    }

    func required(_ name: String) throws(ImportError) -> Field {
        guard let field = named(name), !field.isNull else {
            throw owner.error(sv: "fältet '\(name)' saknas", en: "missing field '\(name)'")
        }
        return field
    }

    /// The field, or nil when absent or null.
    func optional(_ name: String) -> Field? {
        guard let field = named(name), !field.isNull else { return nil }
        return field
    }

    func optionalString(_ name: String) throws(ImportError) -> String? {
        guard let field = optional(name) else { return nil }
        let text = try field.string()
        return text.isEmpty ? nil : text
    }

    /// The currency that amounts without a unit are in: the record's `currency` field, else `inherited`.
    func currency(inherited: Currency) throws(ImportError) -> Currency {
        guard let field = optional("currency") else { return inherited }
        let code = try field.string()
        guard let currency = Currency(code: code) else {
            throw field.error(sv: "'\(code)' är ingen valutakod", en: "'\(code)' is not a currency code")
        }
        return currency
    }
}

/// The problems of one entity, gathered so that reading goes on past a bad field and reports them all.
struct Problems {
    private(set) var found: [ImportError] = []

    var isEmpty: Bool { found.isEmpty }

    mutating func add(_ problem: ImportError) { found.append(problem) }

    /// What `read` gives, or nil when it fails, keeping its problem.
    mutating func read<Value>(_ read: () throws(ImportError) -> Value) -> Value? {
        do { return try read() } catch {
            found.append(error)
            return nil
        }
    }
}

extension Phrase {
    /// `expected a list, found a text`.
    static func expected(_ wanted: Field.NodeKind, found: Field.NodeKind) -> Phrase {
        Phrase(
            sv: "förväntade \(wanted.phrase.sv), fann \(found.phrase.sv)",
            en: "expected \(wanted.phrase.en), found \(found.phrase.en)")
    }
}
