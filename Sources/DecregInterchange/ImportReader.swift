import DecregDomain
import Foundation
import Yams

/// Reads an import file (YAML or JSON, one schema) into a batch for the register. Attachment files are read
/// relative to the import file. Every refusal names the file, the line and the field.
public enum ImportReader {
    /// Reads the file at `path`; `displayName` is how errors name it (the path as the user typed it).
    public static func read(path: String, displayName: String? = nil) throws(ImportError) -> RegisterBatch {
        let name = displayName ?? path
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ImportError(file: name, line: nil, field: nil, message: "cannot read the file: \(Self.reason(error))")
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        return try read(data: data, file: name, baseDirectory: directory)
    }

    /// Reads import text; attachment paths are relative to `baseDirectory`.
    public static func read(data: Data, file: String, baseDirectory: URL) throws(ImportError) -> RegisterBatch {
        let root = try compose(data: data, file: file)
        guard let root else { return RegisterBatch() }
        return try DocumentReader(baseDirectory: baseDirectory).batch(root)
    }

    /// The line of a path such as `decisions[3].funding[0].shares.SLL` in an import file, for errors found
    /// after reading (an unknown party, a duplicate ref). Nil when the path does not lead anywhere.
    public static func line(of path: String, inFile file: String) -> Int? {
        guard let data = try? Data(contentsOf: URL(fileURLWithPath: file)),
            let root = try? compose(data: data, file: file)
        else { return nil }
        var node = root.node
        var line = node.mark?.line
        for component in PathComponent.parse(path) {
            switch (component, node) {
            case (.key(let key), .mapping(let mapping)):
                guard let pair = mapping.first(where: { $0.key.string == key }) else { return line }
                node = pair.value
                line = pair.key.mark?.line ?? line
            case (.index(let index), .sequence(let sequence)) where index < sequence.count:
                node = sequence[index]
                line = node.mark?.line ?? line
            default:
                return line
            }
        }
        return line
    }

    static func compose(data: Data, file: String) throws(ImportError) -> Field? {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError(file: file, line: nil, field: nil, message: "the file is not UTF-8 text")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else { return nil }
            return Field(node: node, path: "", file: file)
        } catch let error as YamlError {
            throw Self.syntaxError(error, file: file)
        } catch {
            throw ImportError(file: file, line: nil, field: nil, message: "cannot parse: \(error)")
        }
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
