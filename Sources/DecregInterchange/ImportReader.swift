import DecregDomain
import Foundation
import Yams

/// One entity read from an import file.
public enum ImportItem: Sendable {
    case party(Party)
    case body(Body)
    case decision(Decision)
    case payment(Payment)
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

    /// Reads the file at `path` and hands each entity to `handle` with its place in the file
    /// (`decisions[3]`). `displayName` is how errors name the file.
    public static func read(
        path: String, displayName: String? = nil, _ handle: (ImportItem, String) throws -> Void
    ) throws {
        let name = displayName ?? path
        let url = URL(fileURLWithPath: path)
        let reader = DocumentReader(baseDirectory: url.deletingLastPathComponent())
        if try isJSON(path: path, file: name) {
            var stream = try JSONStream(path: path, file: name)
            try stream.read(
                lists: DocumentReader.lists,
                element: { list, index, node in
                    let field = Field(node: node, path: FieldPath.root.key(list).index(index), file: name)
                    try handle(try reader.item(list, field), "\(list)[\(index)]")
                },
                member: { key, node in
                    let field = Field(node: node, path: FieldPath.root.key(key), file: name)
                    throw field.error("expected a list, found \(field.kindName)")
                })
            return
        }
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ImportError(file: name, line: nil, field: nil, message: "cannot read the file: \(reason(error))")
        }
        guard data.count <= maximumYAMLBytes else {
            throw ImportError(
                file: name, line: nil, field: nil,
                message: "a YAML file of more than \(maximumYAMLBytes >> 20) MB; write large registers as JSON")
        }
        try read(yaml: data, file: name, reader: reader, handle)
    }

    /// Reads import text (YAML, or JSON as YAML) whole into a batch; attachment paths are relative to
    /// `baseDirectory`.
    public static func read(data: Data, file: String, baseDirectory: URL) throws -> RegisterBatch {
        var batch = RegisterBatch()
        try read(yaml: data, file: file, reader: DocumentReader(baseDirectory: baseDirectory)) { item, _ in
            batch.append(item)
        }
        return batch
    }

    /// Reads JSON import text in memory into a batch, through the same streaming reader as JSON files.
    public static func read(json: [UInt8], file: String, baseDirectory: URL) throws -> RegisterBatch {
        var batch = RegisterBatch()
        let reader = DocumentReader(baseDirectory: baseDirectory)
        var stream = JSONStream(data: json, file: file)
        try stream.read(
            lists: DocumentReader.lists,
            element: { list, index, node in
                let field = Field(node: node, path: FieldPath.root.key(list).index(index), file: file)
                batch.append(try reader.item(list, field))
            },
            member: { key, node in
                throw Field(node: node, path: FieldPath.root.key(key), file: file).error("expected a list")
            })
        return batch
    }

    /// Reads the file at `path` whole into a batch.
    public static func read(path: String, displayName: String? = nil) throws -> RegisterBatch {
        var batch = RegisterBatch()
        try read(path: path, displayName: displayName) { item, _ in batch.append(item) }
        return batch
    }

    static func read(yaml data: Data, file: String, reader: DocumentReader, _ handle: (ImportItem, String) throws -> Void)
        throws
    {
        guard let root = try compose(data: data, file: file) else { return }
        let document = try root.record(DocumentReader.lists)
        for list in DocumentReader.lists {
            for (index, element) in try (document.optional(list)?.list() ?? []).enumerated() {
                try handle(try reader.item(list, element), "\(list)[\(index)]")
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
        guard var node = found else { return nil }
        var line = node.line
        for component in components.dropFirst(2) {
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
            throw ImportError(file: file, line: nil, field: nil, message: "cannot read the file: no such file")
        }
        defer { try? handle.close() }
        let start = (try? handle.read(upToCount: 4096)) ?? Data()
        return start.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) == UInt8(ascii: "{")
    }

    static func compose(data: Data, file: String) throws(ImportError) -> Field? {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError(file: file, line: nil, field: nil, message: "the file is not UTF-8 text: save it again as UTF-8")
        }
        if let line = YAMLNesting.lineExceeding(InputLimits.maximumDepth, in: data) {
            throw ImportError(
                file: file, line: line, field: nil,
                message: "nested more than \(InputLimits.maximumDepth) levels deep")
        }
        let node: Node?
        do { node = try Yams.compose(yaml: text) } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw ImportError(file: file, line: nil, field: nil, message: "cannot parse: \(error)")
        }
        guard let node else { return nil }
        // A document has at most about one value per byte; more means aliases expanding it ("billion laughs").
        let maximumNodes = max(100_000, data.count)
        var budget = maximumNodes
        guard let converted = ImportNode.from(node, budget: &budget) else {
            throw ImportError(
                file: file, line: nil, field: nil,
                message: "the document's aliases expand it to more than \(maximumNodes) values")
        }
        return Field(node: converted, path: .root, file: file)
    }

    static func syntaxError(_ error: YamlError, file: String) -> ImportError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let detail = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ", ")
            return ImportError(file: file, line: mark.line, field: nil, message: "syntax error: \(detail)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            return ImportError(
                file: file, line: context.mark.line, field: nil,
                message: "the key '\(duplicates.joined(separator: "', '"))' is given twice in one mapping")
        case .reader(let problem, _, _, _):
            return ImportError(file: file, line: nil, field: nil, message: "cannot read the text: \(problem)")
        default:
            return ImportError(file: file, line: nil, field: nil, message: "cannot parse: \(error)")
        }
    }

    /// Why a file could not be read, in a few words: `no such file`, `permission denied`.
    public static func reason(_ error: any Error) -> String {
        if let cocoa = error as? CocoaError, cocoa.code == .fileReadNoSuchFile { return "no such file" }
        if let cocoa = error as? CocoaError, cocoa.code == .fileReadNoPermission { return "permission denied" }
        return (error as NSError).localizedDescription
    }
}

extension RegisterBatch {
    /// Adds an entity read from a file to its list.
    public mutating func append(_ item: ImportItem) {
        switch item {
        case .party(let party): parties.append(party)
        case .body(let body): bodies.append(body)
        case .decision(let decision): decisions.append(decision)
        case .payment(let payment): payments.append(payment)
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
