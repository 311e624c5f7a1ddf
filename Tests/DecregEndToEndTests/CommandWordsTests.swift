@testable import decreg
import Testing

/// Global options before the command are moved after it, once, before the quick path and the parser see them.
@Suite("Command words")
struct CommandWordsTests {
    @Test("Global options before the command are read as if written after it", arguments: [
        (["--db", "F", "init"], ["init", "--db", "F"]),
        (["--db=F", "--lang", "sv", "decision", "show", "R"], ["decision", "show", "R", "--db=F", "--lang", "sv"]),
        (["--actor", "anna", "import", "a.yaml", "--", "-b.yaml"], ["import", "a.yaml", "--actor", "anna", "--", "-b.yaml"]),
        (["--format", "json", "decision", "list"], ["decision", "list", "--format", "json"]),
        (["decision", "show", "R", "--db", "F"], ["decision", "show", "R", "--db", "F"]),
        (["--version"], ["--version"]),
        (["--db"], ["--db"]),
        ([], []),
    ])
    func normalised(typed: [String], expected: [String]) {
        #expect(CommandWords.normalised(typed).words == expected)
    }
}
