import Foundation
import Testing

/// The README's examples are what the binary prints: every `$ decreg …` line of its ```text blocks is run, in the
/// order they appear, on one fresh register, and must print the lines that follow it.
@Suite("The README's examples")
struct ReadmeTests {
    static let readme = Decreg.packageRoot.appendingPathComponent("README.md")

    /// A path in a README command is relative to the package root; the harness runs in a temporary directory.
    static func resolve(_ argument: String) -> String {
        guard argument.hasPrefix("Fixtures/") || argument.hasPrefix("docs/") else { return argument }
        return Decreg.packageRoot.appendingPathComponent(argument).path
    }

    @Test("Each `$ decreg` line of the README, run in order on one register, prints what the README shows", .sqliteFile)
    func examplesPrintWhatTheReadmeShows() throws {
        let examples = try ReadmeExample.examples(in: try String(contentsOf: Self.readme, encoding: .utf8))
        try #require(examples.count >= 20, "README.md holds only \(examples.count) examples: its tour is missing")
        let decreg = try Decreg()
        defer { decreg.remove() }
        var lastStatus: Int32?
        for (position, example) in examples.enumerated() {
            let place = "README.md:\(example.line): $ \(example.text)"
            switch example.command {
            case .exitStatus:
                guard let status = lastStatus else {
                    Issue.record("\(place): `echo $?` with no command before it")
                    continue
                }
                #expect(
                    example.expectedStdout == ["\(status)"] && example.expectedStderr.isEmpty,
                    "\(place): the README says \(example.expectedStdout), the command before exited with \(status)")
            case .decreg(let words):
                let result = try decreg.run(words.map(Self.resolve), environment: ["USER": "anna.lind"])
                lastStatus = result.status
                // A command must succeed unless the README shows its status with `echo $?`.
                let statusShown =
                    examples.indices.contains(position + 1) && examples[position + 1].command == .exitStatus
                if !statusShown {
                    #expect(result.status == 0, "\(place): exit status \(result.status)\n\(result.stderr)")
                }
                let stdout = ReadmeExample.outputLines(result.stdout)
                let stderr = ReadmeExample.outputLines(result.stderr)
                #expect(
                    ReadmeExample.compare(expected: example.expectedStdout, actual: stdout),
                    """
                    \(place)
                    the README shows:
                    \(example.expectedStdout.joined(separator: "\n"))
                    decreg printed:
                    \(stdout.joined(separator: "\n"))
                    """)
                #expect(
                    ReadmeExample.compare(expected: example.expectedStderr, actual: stderr),
                    """
                    \(place)
                    the README shows on standard error:
                    \(example.expectedStderr.joined(separator: "\n"))
                    decreg wrote to standard error:
                    \(stderr.joined(separator: "\n"))
                    """)
            }
        }
    }

    @Test("Commands are split into words as a shell splits them: quotes, backslashes, continued lines")
    func wordsAsAShellSplitsThem() throws {
        #expect(
            try ReadmeExample.words(#"funding set X --total "1,62 MKr" --csv-sep ';' --reason "a \"b\"" c\ d"#, line: 1)
                == ["funding", "set", "X", "--total", "1,62 MKr", "--csv-sep", ";", "--reason", #"a "b""#, "c d"])
        #expect(
            try ReadmeExample.words(#"x --minutes "§ 98" --note """#, line: 1) == [
                "x", "--minutes", "§ 98", "--note", "",
            ])
        #expect(throws: ReadmeExample.ParseError.self) { try ReadmeExample.words("export | head", line: 1) }
        #expect(throws: ReadmeExample.ParseError.self) { try ReadmeExample.words("import Fixtures/*.yaml", line: 1) }
        #expect(throws: ReadmeExample.ParseError.self) { try ReadmeExample.words("show \"open", line: 1) }

        let examples = try ReadmeExample.examples(
            in:
                "text\n```text\n$ decreg a \\\n    --b \"c d\"\nout\ndecreg: warning\n\n$ echo $?\n0\n```\n"
                + "```text\nno commands\n```\n"
        )
        #expect(examples.map(\.command) == [.decreg(["a", "--b", "c d"]), .exitStatus])
        #expect(examples.map(\.line) == [3, 8])
        #expect(examples.first?.expectedStdout == ["out"])
        #expect(examples.first?.expectedStderr == ["decreg: warning"])
        #expect(examples.last?.expectedStdout == ["0"])
        #expect(throws: ReadmeExample.ParseError.self) {
            try ReadmeExample.examples(in: "```text\n$ sqlite3 register.sqlite\n```\n")
        }
    }

    @Test("An expected line matches exactly, or around a `…`; any other difference fails")
    func matching() {
        #expect(ReadmeExample.matches(expected: "Imported 3 decisions", actual: "Imported 3 decisions"))
        #expect(!ReadmeExample.matches(expected: "Imported 3 decisions", actual: "Imported 4 decisions"))
        #expect(!ReadmeExample.matches(expected: "Imported 3 decisions", actual: "Imported 3 decisions, 4 payments"))
        #expect(ReadmeExample.matches(expected: "34 …", actual: "34 55b93e314433164d66ae6af9"))
        #expect(!ReadmeExample.matches(expected: "34 …", actual: "35 55b93e314433164d66ae6af9"))
        #expect(
            ReadmeExample.matches(
                expected: " 23  …                         anna.lind  recorded",
                actual: " 23  2026-12-02T01:21:34.346Z  anna.lind  recorded"))
        #expect(
            !ReadmeExample.matches(
                expected: " 23  …                         anna.lind  recorded",
                actual: " 23  2026-12-02T01:21:34.346Z  anna.lind  corrected"))
        #expect(
            ReadmeExample.matches(
                expected: "Backed up … to kopia.sqlite (audit head 34 …",
                actual: "Backed up /tmp/x/register.sqlite to kopia.sqlite (audit head 34 55b93e31)"))
        #expect(ReadmeExample.matches(expected: "2008;SEK;2500000.00", actual: "2008;SEK;2500000.00  "))
        #expect(ReadmeExample.compare(expected: [], actual: []))
        #expect(!ReadmeExample.compare(expected: ["a"], actual: ["a", "b"]))
        #expect(!ReadmeExample.compare(expected: [], actual: ["a"]))
        #expect(ReadmeExample.outputLines("a;b\r\nc;d\r\n") == ["a;b", "c;d"])
        #expect(ReadmeExample.outputLines("") == [])
    }
}

/// One `$ …` line of a README text block (with its continuation lines) and the lines shown after it, up to the
/// next `$ ` line or the end of the block. Lines starting `decreg:` are expected on standard error, the others on
/// standard output. Trailing blank lines are left out.
struct ReadmeExample {
    enum Command: Equatable {
        /// `$ decreg WORDS…`, split as a shell would.
        case decreg([String])
        /// `$ echo $?`: the exit status of the command before.
        case exitStatus
    }

    struct ParseError: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "README.md:\(line): \(message)" }
    }

    /// The README line (from 1) of the `$` line.
    var line: Int
    /// The command after `$ `, continuation lines joined.
    var text: String
    var command: Command
    var expectedStdout: [String]
    var expectedStderr: [String]

    /// The examples of every ```text block that holds a `$ ` line, in order. A block without one is output shown
    /// on its own, not an example.
    static func examples(in readme: String) throws -> [ReadmeExample] {
        let lines = readme.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var examples: [ReadmeExample] = []
        var index = 0
        while index < lines.count {
            guard lines[index] == "```text" else {
                index += 1
                continue
            }
            var end = index + 1
            while end < lines.count && lines[end] != "```" { end += 1 }
            guard end < lines.count else { throw ParseError(line: index + 1, message: "a text block is never closed") }
            examples += try block(lines, from: index + 1, to: end)
            index = end + 1
        }
        return examples
    }

    private static func block(_ lines: [String], from start: Int, to end: Int) throws -> [ReadmeExample] {
        guard lines[start..<end].contains(where: { $0.hasPrefix("$ ") }) else { return [] }
        guard lines[start].hasPrefix("$ ") else {
            throw ParseError(line: start + 1, message: "a text block with commands must begin with one")
        }
        var examples: [ReadmeExample] = []
        var index = start
        while index < end {
            let first = index
            var text = String(lines[index].dropFirst(2))
            while text.hasSuffix("\\") {
                index += 1
                guard index < end else {
                    throw ParseError(line: first + 1, message: "a command continues past the end of its block")
                }
                text = String(text.dropLast()) + " " + lines[index].trimmingCharacters(in: .whitespaces)
            }
            index += 1
            var expected: [String] = []
            while index < end && !lines[index].hasPrefix("$ ") {
                expected.append(lines[index])
                index += 1
            }
            while let last = expected.last, last.allSatisfy(\.isWhitespace) { expected.removeLast() }

            let command: Command
            if text == "echo $?" {
                command = .exitStatus
            } else if text.hasPrefix("decreg ") {
                command = .decreg(try words(String(text.dropFirst("decreg ".count)), line: first + 1))
            } else {
                throw ParseError(
                    line: first + 1, message: "only `$ decreg …` and `$ echo $?` can be checked: \(text)")
            }
            examples.append(
                ReadmeExample(
                    line: first + 1, text: text, command: command,
                    expectedStdout: expected.filter { !$0.hasPrefix("decreg:") },
                    expectedStderr: expected.filter { $0.hasPrefix("decreg:") }))
        }
        return examples
    }

    /// Splits a command into words as a shell does for plain words, '…' and "…" quotes and backslashes; anything a
    /// shell would expand or redirect is refused, so the README shows only commands this test runs faithfully.
    static func words(_ text: String, line: Int) throws -> [String] {
        let characters = Array(text)
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var index = 0
        while index < characters.count {
            let character = characters[index]
            index += 1
            if let open = quote {
                if character == open {
                    quote = nil
                } else if open == "\"", character == "\\", index < characters.count,
                    "\"\\$`".contains(characters[index])
                {
                    current.append(characters[index])
                    index += 1
                } else if open == "\"", character == "$" || character == "`" {
                    throw ParseError(line: line, message: "'\(character)' inside \"…\" would be expanded by a shell")
                } else {
                    current.append(character)
                }
                continue
            }
            switch character {
            case " ", "\t":
                if inWord {
                    words.append(current)
                    current = ""
                    inWord = false
                }
            case "'", "\"":
                quote = character
                inWord = true
            case "\\":
                guard index < characters.count else {
                    throw ParseError(line: line, message: "a backslash at the end of a command")
                }
                current.append(characters[index])
                index += 1
                inWord = true
            case "$", "`", "|", "&", ";", "<", ">", "(", ")", "{", "}", "*", "?", "[", "]":
                throw ParseError(
                    line: line, message: "'\(character)' outside quotes: a shell would expand or redirect it")
            case "#" where !inWord, "~" where !inWord:
                throw ParseError(line: line, message: "'\(character)' begins a word: a shell would read it otherwise")
            default:
                current.append(character)
                inWord = true
            }
        }
        guard quote == nil else { throw ParseError(line: line, message: "a quote is never closed") }
        if inWord { words.append(current) }
        return words
    }

    /// The lines of a command's output, CSV's CR LF read as a line end, without the blank lines at the end.
    static func outputLines(_ output: String) -> [String] {
        var lines = output.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while let last = lines.last, last.allSatisfy(\.isWhitespace) { lines.removeLast() }
        return lines
    }

    /// Whether every expected line matches its printed line, and there are as many of each.
    static func compare(expected: [String], actual: [String]) -> Bool {
        expected.count == actual.count && zip(expected, actual).allSatisfy { matches(expected: $0, actual: $1) }
    }

    /// An expected line matches a printed one exactly, trailing spaces aside. A `…` in the expected line (with the
    /// spaces around it) stands for any text: a time or a hash, which differ from run to run. A `…` that decreg
    /// prints itself is matched by the same rule.
    static func matches(expected: String, actual: String) -> Bool {
        let expected = trimmingEnd(expected)
        let actual = trimmingEnd(actual)
        let pieces = expected.components(separatedBy: "…")
        guard pieces.count > 1 else { return expected == actual }
        let segments = pieces.indices.map { index -> String in
            var piece = Substring(pieces[index])
            if index > 0 { piece = piece.drop(while: { $0 == " " }) }
            if index < pieces.count - 1 {
                while piece.last == " " { piece = piece.dropLast() }
            }
            return String(piece)
        }
        guard let first = segments.first, let last = segments.last, actual.hasPrefix(first) else { return false }
        var rest = actual.dropFirst(first.count)
        for segment in segments.dropFirst().dropLast() where !segment.isEmpty {
            guard let found = rest.range(of: segment) else { return false }
            rest = rest[found.upperBound...]
        }
        return rest.hasSuffix(last)
    }

    private static func trimmingEnd(_ text: String) -> String {
        var trimmed = Substring(text)
        while let last = trimmed.last, last.isWhitespace { trimmed = trimmed.dropLast() }
        return String(trimmed)
    }
}
