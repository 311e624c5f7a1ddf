import Foundation
import Testing

/// Golden files in `Fixtures/golden/`: outputs compared byte for byte. `DECREG_UPDATE_GOLDEN=1 swift test`
/// writes them afresh, to be reviewed in the diff before committing.
enum Golden {
    static let directory = Decreg.fixtures.appendingPathComponent("golden")

    /// Stands in for the audit head's hash, which covers the time of each entry and so differs on every run.
    static let headHash = "AUDIT-HEAD-HASH"

    /// `text` with the register's current head hash replaced by the placeholder.
    static func pinned(_ text: String, head: String) -> String {
        guard let hash = head.split(separator: " ").last, hash.count == 64 else { return text }
        return text.replacingOccurrences(of: String(hash), with: headHash)
    }

    static func check(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = directory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DECREG_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        guard text != expected else { return }
        let got = text.split(separator: "\n", omittingEmptySubsequences: false)
        let want = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line =
            zip(got, want).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(got.count, want.count)
        Issue.record(
            """
            \(name) differs from the output at line \(line + 1):
              golden: \(line < want.count ? String(want[line]) : "(end of file)")
              output: \(line < got.count ? String(got[line]) : "(end of output)")
            """, sourceLocation: sourceLocation)
    }
}
