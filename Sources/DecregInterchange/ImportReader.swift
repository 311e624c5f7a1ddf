import DecregDomain
import Foundation
import Yams

/// One entity read from an import file.
public enum ImportItem: Sendable {
    case party(Party)
    case body(Body)
    case decision(Decision)
    /// A payment, and whether it is recorded although the same payment is (`again: true`).
    case payment(Payment, again: Bool)
}

/// One entity of an import file as read, and where it stands.
public struct ImportEntry {
    /// The top-level list it is in: `decisions`.
    public let list: String
    /// Its place in the file: `decisions[3]`.
    public let path: String
    /// The entity, or every problem that kept it from being read.
    public let content: Result<ImportItem, UnreadEntity>
    private let node: ImportNode
    private let file: String

    init(list: String, index: Int, node: ImportNode, file: String, reader: DocumentReader) {
        self.list = list
        path = "\(list)[\(index)]"
        self.node = node
        self.file = file
        let field = Field(node: node, path: FieldPath.root.key(list).index(index), file: file)
        do { content = .success(try reader.item(list, field)) } catch { content = .failure(error) }
    }

    /// A refusal of the entity found after reading it (an unknown party, a ref taken), at the line of `field`, a
    /// path in the file such as `decisions[3].funding[0].shares.SLL` (the entity's own line when nil).
    public func problem(_ message: Phrase, field: String?) -> ImportError {
        let components = PathComponent.parse(field ?? "")
        let line = ImportReader.line(of: components.dropFirst(min(2, components.count)), in: node)
        return ImportError(file: file, line: line, field: field, phrase: message)
    }
}

/// Reads import files (YAML or JSON, one schema) entity by entity. Attachment files are read relative to the
/// import file. Every refusal names the file, the line and the field.
///
/// JSON files are read as a stream, one decision at a time, so their size does not bound memory; their lists
/// are read in the order written (exports write parties and bodies first). YAML files, written by hand, are read
/// whole and their lists are handed on as parties, bodies, decisions, payments whatever their order.
public enum ImportReader {
    /// The largest YAML file decreg reads whole; larger registers travel as JSON, which is streamed.
    public static let maximumYAMLBytes = 64 << 20

    /// Reads the file at `path` and hands each entity to `handle` with its place in the file (`decisions[3]`),
    /// or, when an entity cannot be read, its problems; reading goes on to the end of the file. Throws only for a
    /// problem that stops the file being read at all (a syntax error, an unreadable file). `displayName` is how
    /// errors name the file.
    /// Attachment files are read relative to `baseDirectory`, else to the file's folder; system files among them
    /// only when `allowSystemFiles` (`AttachmentFile`).
    public static func read(
        path: String, displayName: String? = nil, baseDirectory: URL? = nil, allowSystemFiles: Bool = false,
        _ handle: (ImportEntry) throws -> Void
    ) throws {
        let name = displayName ?? path
        let url = URL(fileURLWithPath: path)
        let reader = DocumentReader(
            baseDirectory: baseDirectory ?? url.deletingLastPathComponent(), allowSystemFiles: allowSystemFiles)
        if try isJSON(path: path, file: name) {
            var stream = try JSONStream(path: path, file: name)
            try stream.read(
                lists: DocumentReader.lists,
                element: { list, index, node in
                    try handle(ImportEntry(list: list, index: index, node: node, file: name, reader: reader))
                },
                member: { key, node in
                    let field = Field(node: node, path: FieldPath.root.key(key), file: name)
                    throw field.error(.expected(.list, found: field.kind))
                })
            return
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: name, line: nil, field: nil, phrase: .cannotRead(reason(error)))
        }
        guard data.count <= maximumYAMLBytes else {
            let limit = maximumYAMLBytes >> 20
            throw ImportError(
                file: name, line: nil, field: nil,
                phrase: Phrase(
                    sv: "en YAML-fil på mer än \(limit) MB; skriv stora register som JSON",
                    en: "a YAML file of more than \(limit) MB; write large registers as JSON"))
        }
        try read(yaml: data, file: name, reader: reader, handle)
    }

    /// Reads import text (YAML, or JSON as YAML) whole into a batch; attachment paths are relative to
    /// `baseDirectory`. Throws the file's first problem.
    public static func read(data: Data, file: String, baseDirectory: URL) throws -> RegisterBatch {
        let reader = DocumentReader(baseDirectory: baseDirectory)
        return try batch { handle in try read(yaml: data, file: file, reader: reader, handle) }
    }

    /// Reads JSON import text in memory into a batch, through the same streaming reader as JSON files.
    public static func read(json: [UInt8], file: String, baseDirectory: URL) throws -> RegisterBatch {
        let reader = DocumentReader(baseDirectory: baseDirectory)
        return try batch { handle in
            var stream = JSONStream(data: json, file: file)
            try stream.read(
                lists: DocumentReader.lists,
                element: { list, index, node in
                    try handle(ImportEntry(list: list, index: index, node: node, file: file, reader: reader))
                },
                member: { key, node in
                    throw Field(node: node, path: FieldPath.root.key(key), file: file).error(Phrase(
                        sv: "förväntade en lista",
                        en: "expected a list"))
                })
        }
    }

    /// Reads the file at `path` whole into a batch. Throws the file's first problem.
    public static func read(path: String, displayName: String? = nil) throws -> RegisterBatch {
        try batch { handle in try read(path: path, displayName: displayName, handle) }
    }

    /// The entities `read` hands on, in a batch; the first problem of the file (by its line) when there is one.
    private static func batch(_ read: ((ImportEntry) throws -> Void) throws -> Void) throws -> RegisterBatch {
        var batch = RegisterBatch()
        var problems: [ImportError] = []
        do {
            try read { entry in
                switch entry.content {
                case .success(let item): batch.append(item)
                case .failure(let unread): problems += unread.problems
                }
            }
        } catch let error as ImportError {
            problems.append(error)
        }
        var all = ImportProblems()
        all.append(file: problems)
        if let first = all.problems.first { throw first }
        return batch
    }

    static func read(yaml data: Data, file: String, reader: DocumentReader, _ handle: (ImportEntry) throws -> Void)
        throws
    {
        guard let root = try compose(data: data, file: file) else { return }
        let document = try root.record(DocumentReader.lists)
        for list in DocumentReader.lists {
            for (index, element) in try (document.optional(list)?.list() ?? []).enumerated() {
                try handle(ImportEntry(list: list, index: index, node: element.node, file: file, reader: reader))
            }
        }
    }

    /// The line of a path such as `decisions[3].funding[0].shares.SLL` in an import file, for errors found
    /// after reading (an unknown party, a duplicate ref): the line of the deepest part of the path that exists,
    /// or nil when the file cannot be read.
    public static func line(of path: String, inFile file: String) -> Int? {
        let components = PathComponent.parse(path)
        guard case .key(let list)? = components.first, components.count >= 2, case .index(let index) = components[1]
        else { return nil }
        var found: ImportNode?
        if (try? isJSON(path: file, file: file)) == true {
            var stream = try? JSONStream(path: file, file: file)
            struct Found: Error {}
            do {
                try stream?.read(
                    lists: DocumentReader.lists,
                    element: { name, position, node in
                        if name == list && position == index {
                            found = node
                            throw Found()
                        }
                    }, member: { _, _ in })
            } catch {}
        } else if let data = try? Data(contentsOf: URL(fileURLWithPath: file)),
            let root = try? compose(data: data, file: file),
            let document = try? root.record(DocumentReader.lists),
            let elements = try? document.optional(list)?.list(), index < elements.count
        {
            found = elements[index].node
        }
        guard let node = found else { return nil }
        return line(of: components.dropFirst(2), in: node)
    }

    /// The line of the deepest part of `components` that exists below `node`.
    static func line(of components: ArraySlice<PathComponent>, in node: ImportNode) -> Int {
        var node = node
        var line = node.line
        for component in components {
            switch (component, node) {
            case (.key(let key), .mapping(let pairs, _)):
                guard let pair = pairs.first(where: { $0.key == key }) else { return line }
                node = pair.value
                line = pair.keyLine
            case (.index(let position), .sequence(let items, _)) where position < items.count:
                node = items[position]
                line = node.line
            default:
                return line
            }
        }
        return line
    }

    /// Whether a file is JSON: by its name, else by its first character.
    static func isJSON(path: String, file: String) throws(ImportError) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        if ext == "json" { return true }
        if ext == "yaml" || ext == "yml" { return false }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw ImportError(file: file, line: nil, field: nil, phrase: .cannotRead(.noSuchFile))
        }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 4096)) ?? Data()
        return start.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
    }

    static func compose(data: Data, file: String) throws(ImportError) -> Field? {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError(file: file, line: nil, field: nil, phrase: .notUTF8)
        }
        if let line = YAMLNesting.lineExceeding(InputLimits.maximumDepth, in: data) {
            throw ImportError(file: file, line: line, field: nil, phrase: .nestedTooDeep(InputLimits.maximumDepth))
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw ImportError(file: file, line: nil, field: nil, phrase: .cannotParse("\(error)"))
        }
        guard let node else { return nil }
        // A document has at most about one value per byte; more means aliases expanding it ("billion laughs").
        let maximumNodes = max(100_000, data.count)
        var budget = maximumNodes
        guard let converted = ImportNode.from(node, budget: &budget) else {
            throw ImportError(
                file: file, line: nil, field: nil,
                phrase: Phrase(
                    sv: "dokumentets alias utvidgar det till mer än \(maximumNodes) värden",
                    en: "the document's aliases expand it to more than \(maximumNodes) values"))
        }
        return Field(node: converted, path: .root, file: file)
    }

    static func syntaxError(_ error: YamlError, file: String) -> ImportError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return ImportError(
                file: file, line: mark.line, field: nil, phrase: Phrase(
                    sv: "syntaxfel: \(detail)",
                    en: "syntax error: \(detail)"))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.joined(separator: "', '")
            return ImportError(
                file: file, line: context.mark.line, field: nil,
                phrase: Phrase(
                    sv: "nyckeln '\(keys)' anges två gånger i samma mappning",
                    en: "the key '\(keys)' is given twice in one mapping"))
        case .reader(let problem, _, _, _):
            return ImportError(
                file: file, line: nil, field: nil,
                phrase: Phrase(sv: "kan inte läsa texten: \(problem)", en: "cannot read the text: \(problem)"))
        default:
            return ImportError(file: file, line: nil, field: nil, phrase: .cannotParse("\(error)"))
        }
    }

    /// Why a file could not be read, in a few words: `no such file`, `permission denied`.
    public static func reason(_ error: any Error) -> Phrase {
        if let cocoa = error as? CocoaError, cocoa.code == .fileReadNoSuchFile { return .noSuchFile }
        if let cocoa = error as? CocoaError, cocoa.code == .fileReadNoPermission { return .system(EACCES) }
        return Phrase(verbatim: (error as NSError).localizedDescription)
    }
}

extension RegisterBatch {
    /// Adds an entity read from a file to its list.
    public mutating func append(_ item: ImportItem) {
        switch item {
        case .party(let party): parties.append(party)
        case .body(let body): bodies.append(body)
        case .decision(let decision): decisions.append(decision)
        case .payment(let payment, _): payments.append(payment)
        }
    }
}

/// One step of a path such as `decisions[3].funding[0].shares.SLL`.
enum PathComponent: Equatable {
    case key(String)
    case index(Int)

    static func parse(_ path: String) -> [PathComponent] {
        var components: [PathComponent] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { components.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                        components.append(.index(index))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                components.append(.key(String(rest)))
            }
        }
        return components
    }
}

extension Phrase {
    public static let noSuchFile = Phrase.system(ENOENT)
    static let notUTF8 = Phrase(
        sv: "filen är inte UTF-8-text: spara den igen som UTF-8",
        en: "the file is not UTF-8 text: save it again as UTF-8")

    /// `cannot read the file: no such file`.
    public static func cannotRead(_ reason: Phrase) -> Phrase {
        Phrase(sv: "kan inte läsa filen: \(reason.sv)", en: "cannot read the file: \(reason.en)")
    }

    static func cannotParse(_ detail: String) -> Phrase {
        Phrase(sv: "kan inte tolka: \(detail)", en: "cannot parse: \(detail)")
    }

    static func nestedTooDeep(_ depth: Int) -> Phrase {
        Phrase(sv: "nästlad djupare än \(depth) nivåer", en: "nested more than \(depth) levels deep")
    }
}
