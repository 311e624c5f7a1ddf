import DecregDomain
import DecregInterchange
import Foundation
import Testing

/// The package root, found from this file: Tests/DecregInterchangeTests/Support.swift.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

let fixtures = packageRoot.appendingPathComponent("Fixtures")

func fixture(_ relative: String) -> URL { fixtures.appendingPathComponent(relative) }

/// A fresh directory under the system's temporary directory, removed by `remove()`.
struct TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` in the directory and returns its path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try Data(text.utf8).write(to: file)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// The 1-based line of the first line of `text` that contains `marker`.
func line(containing marker: String, in text: String, sourceLocation: SourceLocation = #_sourceLocation) -> Int? {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard let index = lines.firstIndex(where: { $0.contains(marker) }) else {
        Issue.record("no line contains \(marker)", sourceLocation: sourceLocation)
        return nil
    }
    return index + 1
}

/// Reads `yaml` as the file `import.yaml` in a fresh directory (with `files` beside it) and returns the error.
func importError(
    _ yaml: String, files: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
) throws -> ImportError? {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for (name, content) in files { try directory.write(content, to: name) }
    let path = try directory.write(yaml, to: "import.yaml")
    return #expect(throws: ImportError.self, sourceLocation: sourceLocation) {
        try ImportReader.read(path: path, displayName: "import.yaml")
    }
}

/// Reads `yaml` as the file `import.yaml` in a fresh directory and returns the batch.
func importBatch(_ yaml: String, files: [String: String] = [:]) throws -> RegisterBatch {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    for (name, content) in files { try directory.write(content, to: name) }
    let path = try directory.write(yaml, to: "import.yaml")
    return try ImportReader.read(path: path, displayName: "import.yaml")
}
