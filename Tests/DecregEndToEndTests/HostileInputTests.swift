import Foundation
import Testing

/// The corpus in Fixtures/bad: every file is refused with exit 2, its exact one-line message, and no change.
@Suite("Hostile input is refused, clearly, without harm")
struct HostileInputTests {
    static let corpus = Decreg.fixtures.appendingPathComponent("bad")

    static var cases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? [])
            .filter { !$0.hasSuffix(".expected") && !$0.hasSuffix(".py") && !$0.hasSuffix(".md") }
            .sorted()
    }

    @Test("The corpus holds at least 40 cases, each with its expected message")
    func corpusIsComplete() {
        #expect(Self.cases.count >= 40)
        for name in Self.cases {
            let expected = Self.corpus.appendingPathComponent((name as NSString).deletingPathExtension + ".expected")
            #expect(FileManager.default.fileExists(atPath: expected.path), "\(name) has no .expected")
        }
    }

    @Test("Each bad file: exit 2, the exact message, nothing written", arguments: cases)
    func refused(_ name: String) throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let before = try decreg.export()
        let path = Self.corpus.appendingPathComponent(name).path
        let expected = try String(
            contentsOf: Self.corpus.appendingPathComponent((name as NSString).deletingPathExtension + ".expected"),
            encoding: .utf8)
        let started = Date()
        let result = try decreg.run("import", path)
        #expect(Date().timeIntervalSince(started) < 20, "\(name) took too long")
        #expect(result.status == 2)
        #expect(result.stderr == expected.replacingOccurrences(of: "decreg: FILE", with: "decreg: \(path)"))
        #expect(result.stdout.isEmpty)
        #expect(try decreg.export() == before)
    }
}
