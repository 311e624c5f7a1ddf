import DecregDomain
import DecregInterchange
import Foundation
import Testing

/// JSON files are streamed by decreg's own reader; these check that it reads what the YAML path reads and
/// refuses what it must, with lines.
@Suite("Import reader: streamed JSON")
struct JSONImportTests {
    /// Reads `json` as `import.json` and returns the batch or the error.
    func read(_ json: String) throws -> Result<RegisterBatch, ImportError> {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(json, to: "import.json")
        do { return .success(try ImportReader.read(path: path, displayName: "import.json")) } catch let error as ImportError {
            return .failure(error)
        }
    }

    func error(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> ImportError? {
        guard case .failure(let error) = try read(json) else {
            Issue.record("expected an error", sourceLocation: sourceLocation)
            return nil
        }
        return error
    }

    @Test("The fixture exported as JSON reads back equal, in order, with attachments")
    func fixtureAsJSON() throws {
        let yaml = try ImportReader.read(path: fixture("flemingsberg/flemingsberg-2007.yaml").path)
        let json = try #require(try read(ExportWriter.json(yaml)).get())
        #expect(json.parties == yaml.parties)
        #expect(json.bodies == yaml.bodies)
        #expect(json.decisions == yaml.decisions)
    }

    @Test("Escapes, surrogate pairs, numbers and null read as written")
    func values() throws {
        let json = #"""
            {"parties": [{"code": "A", "name": "Ett \"citat\" \u00e5\u00e4\u00f6 \ud83d\ude00\n\/", "kind": "other",
             "org_number": null}],
             "decisions": [{"ref": "D-1", "title": "T", "date": "2024-01-01", "parties": ["A"],
               "funding": [{"year": 2024, "total": 1000000, "shares": {"A": "1000000.00"}}]}]}
            """#
        let batch = try #require(try read(json).get())
        #expect(batch.parties[0].name == "Ett \"citat\" åäö 😀\n/")
        #expect(batch.parties[0].organisationNumber == nil)
        #expect(batch.decisions[0].funding[0].total.minorUnits == 100_000_000)
    }

    @Test(
        "Malformed JSON is refused with the line where it goes wrong",
        arguments: [
            ("{\n\"parties\": [\n{\"code\": \"A\",\n\"name\": \"x\"\n]\n}", 5, "expected ',' or '}' in an object"),
            ("{\"parties\": [{\"code\": \"A\", \"code\": \"B\", \"name\": \"x\"}]}", 1,
             "the key 'code' is given twice in one object"),
            // Beyond 16 keys an object checks its keys with a set: the same refusal.
            ("{\"parties\": [{" + (1...20).map { "\"k\($0)\": 1, " }.joined() + "\"k3\": 2}]}", 1,
             "the key 'k3' is given twice in one object"),
            ("{\"parties\": []}\n\n{", 3, "text after the end of the JSON object"),
            ("{\"parties\": [{\"code\": \"A\",\n \"name\": \"x\n\"}]}", 2,
             "a control character inside a text in quotes (write \\n for a line break)"),
            ("{\"parties\": [{\"code\": \"A\", \"name\": \"\\q\"}]}", 1, "unknown escape '\\q'"),
            ("{\"parties\": [{\"code\": \"A\", \"name\": tru}]}", 1, "'tru' is not a JSON value"),
            ("{\"parties\": [", 1, "the file ends in the middle of the JSON"),
            ("[]", 1, "a JSON import file is one object: { \"decisions\": [...] }"),
            ("{\"partys\": []}", 1, "unknown field 'partys'; expected one of: parties, bodies, decisions, payments"),
        ] as [(String, Int, String)])
    func malformed(json: String, line: Int, message: String) throws {
        let error = try #require(try error(json))
        #expect(error.line == line)
        #expect(error.message == message)
        #expect(error.file == "import.json")
    }

    @Test("Nesting deeper than the limit is refused without exhausting the stack")
    func deepNesting() throws {
        let depth = 100_000
        let json = "{\"parties\": [" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "]}"
        let error = try #require(try error(json))
        #expect(error.message == "nested more than 64 levels deep")
    }

    @Test("Invalid UTF-8 inside a text is refused")
    func invalidUTF8() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.url.appendingPathComponent("import.json").path
        try Data("{\"parties\": [{\"code\": \"A\", \"name\": \"".utf8 + [0xC3, 0x28] + "\"}]}".utf8)
            .write(to: URL(fileURLWithPath: path))
        let error = #expect(throws: ImportError.self) { try ImportReader.read(path: path, displayName: "import.json") }
        #expect(error?.message == "the file is not UTF-8 text: save it again as UTF-8")
    }

    @Test(
        "Every kind of invalid UTF-8 is refused, with and without escapes in the text; valid texts read as written",
        arguments: [
            [0xC3, 0x28], [0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF],
            [0xE2, 0x82], [0x80],
        ] as [[UInt8]])
    func invalidUTF8Kinds(bytes: [UInt8]) throws {
        for tail in [[], Array("\\n".utf8)] as [[UInt8]] {
            let json = Array("{\"parties\": [{\"code\": \"A\", \"name\": \"x".utf8) + bytes + tail + Array("\"}]}".utf8)
            let error = #expect(throws: ImportError.self) {
                try ImportReader.read(json: json, file: "import.json", baseDirectory: URL(fileURLWithPath: "/"))
            }
            #expect(error?.message == "the file is not UTF-8 text: save it again as UTF-8")
        }
        for name in ["Söderström 😀 \u{FFFD}", "x"] {
            let json = Array("{\"parties\": [{\"code\": \"A\", \"name\": \"\(name)\"}]}".utf8)
            let batch = try ImportReader.read(json: json, file: "import.json", baseDirectory: URL(fileURLWithPath: "/"))
            #expect(batch.parties.first?.name == name)
        }
        // An empty text is valid UTF-8: it reaches the field's own rule.
        let empty = Array("{\"parties\": [{\"code\": \"A\", \"name\": \"\"}]}".utf8)
        let error = #expect(throws: ImportError.self) {
            try ImportReader.read(json: empty, file: "import.json", baseDirectory: URL(fileURLWithPath: "/"))
        }
        #expect(error?.message == "must not be empty")
    }

    @Test("Field errors inside a streamed decision name the field and its line")
    func fieldErrors() throws {
        let json = """
            {"parties": [{"code": "A", "name": "Alfa"}],
             "decisions": [
              {"ref": "D-1", "title": "T", "date": "2024-01-01", "parties": ["A"]},
              {"ref": "D-2", "title": "T", "date": "2024-02-30", "parties": ["A"]}
             ]}
            """
        let error = try #require(try error(json))
        #expect(error.line == 4)
        #expect(error.field == "decisions[1].date")
        #expect(error.message == "'2024-02-30' is not a day in the calendar")
    }

    @Test("The line of a path is found in a JSON file too")
    func lineOfPath() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let path = try directory.write(
            """
            {"decisions": [
              {"ref": "D-1"},
              {"ref": "D-2",
               "funding": [{"year": 2024,
                 "shares": {"A": "1", "B": "2"}}]}
            ]}
            """, to: "import.json")
        #expect(ImportReader.line(of: "decisions[1].ref", inFile: path) == 3)
        #expect(ImportReader.line(of: "decisions[1].funding[0].shares.B", inFile: path) == 5)
    }
}
