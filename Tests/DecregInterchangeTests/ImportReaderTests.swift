import DecregDomain
import DecregInterchange
import Foundation
import Testing

/// A small valid document; each error test changes one thing in it.
private let base = """
    parties:
      - {code: A, name: Alfa kommun, kind: municipality}
      - {code: B, name: Beta kommun, kind: municipality}
    bodies:
      - {code: A-KF, name: Kommunfullmäktige i Alfa, kind: assembly, parties: [A]}
    decisions:
      - ref: D-1
        title: Gemensamt beslut
        date: 2008-01-15
        parties: [A, B]
        funding:
          - year: 2008
            total: 2 tkr
            shares: {A: 1 tkr, B: 1 tkr}
        steps:
          - {body: A-KF, date: 2008-02-01, outcome: adopted, amount: 1 tkr}

    """

/// `base` with the line holding `old` replaced by `new` (which may be several lines).
private func variant(replacing old: String, with new: String) -> String {
    precondition(base.contains(old), "base has no \(old)")
    return base.replacingOccurrences(of: old, with: new)
}

@Suite("Import reader: the Flemingsberg fixture")
struct ImportFixtureTests {
    let path = fixture("flemingsberg/flemingsberg-2007.yaml").path

    @Test("parties and bodies")
    func partiesAndBodies() throws {
        let batch = try ImportReader.read(path: path)
        #expect(batch.parties.map(\.code) == ["SLL", "HUDDINGE", "BOTKYRKA"])
        #expect(batch.parties.map { $0.organisationNumber?.description } == ["232100-0016", "212000-0142", "212000-2882"])
        #expect(batch.parties.map(\.kind) == [.region, .municipality, .municipality])
        #expect(batch.parties[1].name == "Huddinge kommun")
        #expect(batch.bodies.count == 7)
        let steering = try #require(batch.bodies.last)
        #expect(steering.code == "FLEM-PS")
        #expect(steering.kind == .jointCommittee)
        #expect(steering.parties == ["SLL", "HUDDINGE", "BOTKYRKA"])
        #expect(batch.payments.isEmpty)
    }

    @Test("the decision, its clauses and funding")
    func decision() throws {
        let batch = try ImportReader.read(path: path)
        #expect(batch.decisions.count == 1)
        let decision = try #require(batch.decisions.first)
        #expect(decision.ref == "FLEMINGSBERG-2007")
        #expect(decision.date == LocalDate(year: 2007, month: 7, day: 6))
        #expect(decision.parties == ["SLL", "HUDDINGE", "BOTKYRKA"])
        #expect(decision.clauses.count == 3)
        #expect(decision.clauses[2].hasPrefix("att anslå 2,5 MKr för 2008"))
        let summary = try #require(decision.summary)
        #expect(summary.hasPrefix("Det fastare samarbetet"))
        #expect(summary.contains("\n\n- Dra fördel av"))

        #expect(decision.funding.count == 1)
        let funding = try #require(decision.funding.first)
        #expect(funding.year == 2008)
        #expect(funding.total == Money(minorUnits: 250_000_000, currency: .sek))
        #expect(!funding.isSplit)
        #expect(funding.shares.map(\.party) == ["SLL", "HUDDINGE", "BOTKYRKA"])
        #expect(funding.shares.map(\.amount.minorUnits) == [100_000_000, 100_000_000, 50_000_000])
    }

    @Test("steps, signatories and the derived status")
    func stepsAndSignatories() throws {
        let batch = try ImportReader.read(path: path)
        let decision = try #require(batch.decisions.first)
        #expect(decision.steps.count == 4)
        #expect(decision.steps.map(\.body) == ["FLEM-PS", "SLL-LS", "HUD-KS", "BOT-KS"])
        #expect(decision.steps.map(\.outcome) == [.approved, .proposed, .proposed, .proposed])
        #expect(decision.steps[0].date == LocalDate(year: 2007, month: 6, day: 27))
        #expect(decision.steps[1].note == "Förslag till Landstingsfullmäktige")
        #expect(decision.steps.allSatisfy { $0.amounts.isEmpty && $0.minutes == nil })

        #expect(decision.signatories.count == 3)
        #expect(decision.signatories[0] == Signatory(name: "Göran Stiernstedt", title: "Landstingsdirektör", party: "SLL"))
        #expect(decision.signatories.map(\.party) == ["SLL", "HUDDINGE", "BOTKYRKA"])

        let bodies = Dictionary(uniqueKeysWithValues: batch.bodies.map { ($0.code, $0.parties) })
        let status = DecisionStatus.derive(
            parties: decision.parties,
            steps: decision.steps.map { ($0.date, $0.outcome, bodies[$0.body] ?? []) })
        #expect(status == .proposed)
    }

    @Test("attachments hold the bytes of the files beside the import file")
    func attachments() throws {
        let batch = try ImportReader.read(path: path)
        let attachments = try #require(batch.decisions.first).attachments
        #expect(attachments.map(\.label) == ["Bilaga 1", "Bilaga 2", "Bilaga 3", "Bilaga 4"])
        #expect(attachments[1].title == "Principöverenskommelsen")
        let files = [
            "bilaga-1-utvecklingsprogram.txt", "bilaga-2-principoverenskommelse.txt",
            "bilaga-3-remissammanstallning.txt", "bilaga-4-organisation-och-genomforande.txt",
        ]
        #expect(attachments.count == files.count)
        for (attachment, file) in zip(attachments, files) {
            let bytes = try Data(contentsOf: fixture("flemingsberg/" + file))
            #expect(!bytes.isEmpty)
            #expect(attachment.content == bytes, "\(file)")
            #expect(attachment.size == bytes.count)
            #expect(attachment.sha256 == Attachment.sha256Hex(bytes))
            #expect(attachment.mediaType == "text/plain")
        }
    }

    @Test("errors name the file as the user typed it")
    func displayName() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let missing = directory.url.appendingPathComponent("saknas.yaml").path
        let error = #expect(throws: ImportError.self) { try ImportReader.read(path: missing, displayName: "saknas.yaml") }
        #expect(error?.file == "saknas.yaml")
        #expect(error?.line == nil)
        #expect(error?.field == nil)
        #expect(error?.message == "cannot read the file: no such file")
        let unnamed = #expect(throws: ImportError.self) { try ImportReader.read(path: missing) }
        #expect(unnamed?.file == missing)
    }

    @Test("a split funding and payments (Flemingsberg 2009)")
    func splitAndPayments() throws {
        let batch = try ImportReader.read(path: fixture("flemingsberg-2009/flemingsberg-genomforande-2009.yaml").path)
        let decision = try #require(batch.decisions.first)
        #expect(decision.caseNumbers.map(\.number) == ["LS 0810-0733", "KS-2008/412", "KS/2008:290"])
        let funding = try #require(decision.funding.first)
        #expect(funding.isSplit)
        #expect(funding.total.minorUnits == 300_000_000)
        #expect(funding.shares.map(\.amount.minorUnits) == [120_000_000, 120_000_000, 60_000_000])
        #expect(funding.shares.map { $0.part?.text } == ["40%", "40%", "20%"])
        // `amount:` on a step stands for the one funded year.
        #expect(decision.steps[1].amounts == [YearAmount(year: 2009, amount: Money(minorUnits: 120_000_000))])
        #expect(decision.steps[3].minutes == "§ 97")
        #expect(batch.payments.count == 4)
        #expect(batch.payments.map(\.amount.minorUnits) == [60_000_000, 60_000_000, 60_000_000, 50_000_000])
        #expect(batch.payments[0].reference == "SLL-F-2009-0117")
    }

    @Test("several years with a percentage split (Södertörn 2024)")
    func multiYearSplit() throws {
        let batch = try ImportReader.read(path: fixture("sodertorn/sodertorn-trafik-2024.yaml").path)
        let decision = try #require(batch.decisions.first)
        #expect(decision.funding.map(\.year) == [2024, 2025, 2026])
        #expect(decision.funding.map(\.total.minorUnits) == [120_000_000, 123_456_700, 90_000_000])
        #expect(decision.funding[1].shares.map(\.amount.minorUnits) == [43_209_845, 37_037_010, 30_864_175, 12_345_670])
        #expect(decision.steps[1].amounts.map(\.year) == [2024, 2025, 2026])
        #expect(decision.steps[1].amounts[1].amount.minorUnits == 43_209_845)
    }
}

@Suite("Import reader: errors name file, line and field")
struct ImportErrorTests {
    @Test("the base document of these tests reads")
    func baseReads() throws {
        let batch = try importBatch(base)
        #expect(batch.parties.count == 2)
        #expect(batch.decisions.first?.steps.first?.amounts == [YearAmount(year: 2008, amount: Money(minorUnits: 100_000))])
    }

    @Test("a YAML syntax error gives its line")
    func syntaxError() throws {
        let yaml = variant(replacing: "title: Gemensamt beslut", with: "title: Gemensamt: beslut: igen")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "title: Gemensamt", in: yaml))
        #expect(error.field == nil)
        #expect(error.message.hasPrefix("syntax error"))
        #expect(error.message.contains("mapping values are not allowed"))
    }

    @Test("an unclosed flow mapping is a syntax error")
    func unclosedFlowMapping() throws {
        let yaml = variant(replacing: "shares: {A: 1 tkr, B: 1 tkr}", with: "shares: {A: 1 tkr, B: 1 tkr")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.field == nil)
        #expect(error.message.contains("did not find expected ',' or '}'"))
        // The parser notices at the next line, where the mapping should have been closed.
        let opening = try #require(line(containing: "shares: {A: 1 tkr, B: 1 tkr", in: yaml))
        #expect(error.line == opening || error.line == opening + 1)
    }

    @Test("an unknown field")
    func unknownField() throws {
        let yaml = variant(
            replacing: "{code: B, name: Beta kommun, kind: municipality}",
            with: "{code: B, name: Beta kommun, kind: municipality, colour: red}")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "colour: red", in: yaml))
        #expect(error.field == "parties[1].colour")
        #expect(error.message.hasPrefix("unknown field 'colour'"))
        #expect(error.message.contains("code, name, kind, org_number"))
    }

    @Test("a missing required field is reported on its record")
    func missingField() throws {
        let yaml = variant(replacing: "    title: Gemensamt beslut\n", with: "")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "- ref: D-1", in: yaml))
        #expect(error.field == "decisions[0]")
        #expect(error.message == "missing field 'title'")
    }

    @Test("an impossible date")
    func impossibleDate() throws {
        let yaml = variant(replacing: "date: 2008-01-15", with: "date: 2007-02-30")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "date: 2007-02-30", in: yaml))
        #expect(error.field == "decisions[0].date")
        #expect(error.message == "'2007-02-30' is not a day in the calendar")
    }

    @Test("an unknown unit")
    func unknownUnit() throws {
        let yaml = variant(replacing: "total: 2 tkr", with: "total: 5 Mkrr")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "total: 5 Mkrr", in: yaml))
        #expect(error.field == "decisions[0].funding[0].total")
        #expect(error.message.hasPrefix("unknown unit 'Mkrr'"))
    }

    @Test("a negative amount")
    func negativeAmount() throws {
        let yaml = variant(replacing: "shares: {A: 1 tkr, B: 1 tkr}", with: "shares: {A: 1 tkr, B: -5 kr}")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "B: -5 kr", in: yaml))
        #expect(error.field == "decisions[0].funding[0].shares.B")
        #expect(error.message.hasPrefix("negative amount '-5 kr'"))
    }

    @Test("an organisation number with a wrong check digit")
    func badCheckDigit() throws {
        let yaml = variant(
            replacing: "{code: A, name: Alfa kommun, kind: municipality}",
            with: "{code: A, name: Alfa kommun, kind: municipality, org_number: 232100-0017}")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "232100-0017", in: yaml))
        #expect(error.field == "parties[0].org_number")
        #expect(error.message.contains("'232100-0017' has a wrong check digit"))
        #expect(error.message.contains("should be 6"))
    }

    @Test("a missing attachment file")
    func missingAttachment() throws {
        let yaml = base + """
                attachments:
                  - {label: Bilaga 1, file: finns.txt}
                  - {label: Bilaga 2, file: saknas.txt}

            """
        let error = try #require(try importError(yaml, files: ["finns.txt": "Bilaga 1"]))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "saknas.txt", in: yaml))
        #expect(error.field == "decisions[0].attachments[1].file")
        #expect(error.message == "cannot read attachment file 'saknas.txt': no such file")
    }

    @Test("an attachment file relative to the import file is read")
    func attachmentBesideImport() throws {
        let yaml = base + """
                attachments:
                  - {label: Bilaga 1, file: finns.pdf}
                  - {label: Bilaga 2, content_base64: SGVqIQ==, media_type: text/plain}

            """
        let batch = try importBatch(yaml, files: ["finns.pdf": "innehåll"])
        let attachments = try #require(batch.decisions.first).attachments
        #expect(attachments[0].content == Data("innehåll".utf8))
        #expect(attachments[0].mediaType == "application/pdf")
        #expect(attachments[1].content == Data("Hej!".utf8))
        #expect(attachments[1].mediaType == "text/plain")
    }

    @Test("a decimal comma inside { } splits the amount: the error says to quote it")
    func flowMappingDecimalComma() throws {
        let yaml = variant(
            replacing: """
                      - year: 2008
                        total: 2 tkr
                        shares: {A: 1 tkr, B: 1 tkr}
                """,
            with: """
                      - {year: 2008, total: 2,5 MKr, shares: {A: 1 kr}}
                """)
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "total: 2,5 MKr", in: yaml))
        #expect(error.field == "decisions[0].funding[0].5 MKr")
        #expect(error.message.hasPrefix("'5 MKr' has no value"))
        #expect(error.message.contains("quote it (\"2,5 MKr\")"))
    }

    @Test("a decimal comma inside the shares mapping is caught too")
    func flowMappingDecimalCommaInShares() throws {
        let yaml = variant(replacing: "shares: {A: 1 tkr, B: 1 tkr}", with: "shares: {A: 1,5 tkr, B: 500 kr}")
        let error = try #require(try importError(yaml))
        #expect(error.line == line(containing: "shares: {A: 1,5 tkr", in: yaml))
        #expect(error.field == "decisions[0].funding[0].shares.5 tkr")
        #expect(error.message.contains("quote it"))
    }

    @Test("a quoted decimal comma inside { } reads")
    func quotedDecimalComma() throws {
        let yaml = variant(replacing: "shares: {A: 1 tkr, B: 1 tkr}", with: "shares: {A: \"1,5 tkr\", B: 500 kr}")
        let batch = try importBatch(yaml)
        #expect(batch.decisions.first?.funding.first?.shares.map(\.amount.minorUnits) == [150_000, 50_000])
    }

    @Test("a key given twice")
    func duplicateKeys() throws {
        let yaml = variant(replacing: "    date: 2008-01-15\n", with: "    date: 2008-01-15\n    date: 2008-01-16\n")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "date: 2008-01-15", in: yaml))
        #expect(error.field == nil)
        #expect(error.message == "the key 'date' is given twice in one mapping")
    }

    @Test("a split that does not sum to 100 %")
    func splitNotWhole() throws {
        let yaml = variant(replacing: "shares: {A: 1 tkr, B: 1 tkr}", with: "split: {A: 40%, B: 40 %}")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "split: {A: 40%", in: yaml))
        #expect(error.field == "decisions[0].funding[0].split")
        #expect(error.message == "the parts of the split sum to 80 %, not to the whole (100 % or 1)")
    }

    @Test("a split part that is not a part")
    func splitPartMalformed() throws {
        let yaml = variant(replacing: "shares: {A: 1 tkr, B: 1 tkr}", with: "split: {A: hälften, B: 1/2}")
        let error = try #require(try importError(yaml))
        #expect(error.line == line(containing: "split: {A: hälften", in: yaml))
        #expect(error.field == "decisions[0].funding[0].split.A")
        #expect(error.message.hasPrefix("'hälften' is not a part"))
    }

    @Test("both shares and split")
    func sharesAndSplit() throws {
        let yaml = variant(
            replacing: "shares: {A: 1 tkr, B: 1 tkr}",
            with: "shares: {A: 1 tkr, B: 1 tkr}\n        split: {A: 50%, B: 50%}")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "- year: 2008", in: yaml))
        #expect(error.field == "decisions[0].funding[0]")
        #expect(error.message == "give either shares or split, not both")
    }

    @Test("`amount:` on a step when the decision funds two years")
    func amountWithTwoYears() throws {
        let yaml = variant(
            replacing: "        shares: {A: 1 tkr, B: 1 tkr}\n",
            with: "        shares: {A: 1 tkr, B: 1 tkr}\n      - {year: 2009, total: 2 tkr, shares: {A: 1 tkr, B: 1 tkr}}\n")
        let error = try #require(try importError(yaml))
        #expect(error.file == "import.yaml")
        #expect(error.line == line(containing: "amount: 1 tkr", in: yaml))
        #expect(error.field == "decisions[0].steps[0].amount")
        #expect(error.message.hasPrefix("the decision funds 2 years"))
        #expect(error.message.contains("amounts: {YEAR: AMOUNT}"))
    }

    @Test("a choice outside the list names the choices")
    func unknownChoice() throws {
        let yaml = variant(replacing: "outcome: adopted", with: "outcome: antaget")
        let error = try #require(try importError(yaml))
        #expect(error.line == line(containing: "outcome: antaget", in: yaml))
        #expect(error.field == "decisions[0].steps[0].outcome")
        #expect(error.message == "'antaget' is not one of: proposed, approved, adopted, rejected, returned, amended")
    }

    @Test("a code with a space")
    func badCode() throws {
        let yaml = variant(replacing: "{code: B, name: Beta", with: "{code: B B, name: Beta")
        let error = try #require(try importError(yaml))
        #expect(error.line == line(containing: "code: B B", in: yaml))
        #expect(error.field == "parties[1].code")
        #expect(error.message.hasPrefix("'B B' is not a code"))
    }

    @Test("a decision's currency applies to its funding; a share in another currency is refused")
    func currencies() throws {
        // Amounts without a unit are in the decision's currency (tkr would be kronor whatever the currency).
        let eurYAML = variant(replacing: "    parties: [A, B]\n", with: "    parties: [A, B]\n    currency: EUR\n")
            .replacingOccurrences(of: "total: 2 tkr", with: "total: 2 000")
            .replacingOccurrences(of: "shares: {A: 1 tkr, B: 1 tkr}", with: "shares: {A: 1000, B: 1 000.00}")
        let funding = try #require(try importBatch(eurYAML).decisions.first?.funding.first)
        let eur = Currency(code: "EUR")!
        #expect(funding.total == Money(minorUnits: 200_000, currency: eur))
        #expect(funding.shares.map(\.amount) == [Money(minorUnits: 100_000, currency: eur), Money(minorUnits: 100_000, currency: eur)])

        let mixed = variant(replacing: "shares: {A: 1 tkr, B: 1 tkr}", with: "shares: {A: 1 tkr, B: 1 TEUR}")
        let error = try #require(try importError(mixed))
        #expect(error.line == line(containing: "B: 1 TEUR", in: mixed))
        #expect(error.field == "decisions[0].funding[0].shares.B")
        #expect(error.message == "the share is in EUR but the total in SEK")
    }

    @Test("a step with both amounts and amount is refused rather than one being dropped")
    func stepAmountsAndAmount() throws {
        let yaml = variant(
            replacing: "outcome: adopted, amount: 1 tkr}",
            with: "outcome: adopted, amounts: {2008: 1 tkr}, amount: 5 tkr}")
        let error = try #require(try importError(yaml))
        #expect(error.line == line(containing: "amount: 5 tkr", in: yaml))
        #expect(error.field == "decisions[0].steps[0].amount")
    }

    @Test("a file that is not UTF-8")
    func notUTF8() {
        let error = #expect(throws: ImportError.self) {
            try ImportReader.read(data: Data([0x70, 0x3A, 0x20, 0xC3, 0x28]), file: "latin.yaml", baseDirectory: packageRoot)
        }
        #expect(error?.description == "latin.yaml: the file is not UTF-8 text: save it again as UTF-8")
        #expect(error?.text(.sv) == "latin.yaml: filen är inte UTF-8-text: spara den igen som UTF-8")
    }

    @Test("the description reads file:line: field: message")
    func description() {
        let error = ImportError(file: "f.yaml", line: 14, field: "decisions[0].funding[0].total", message: "bad")
        #expect(error.description == "f.yaml:14: decisions[0].funding[0].total: bad")
        #expect(ImportError(file: "f.yaml", line: nil, field: nil, message: "bad").description == "f.yaml: bad")
    }

    @Test("JSON reads with the same schema")
    func json() throws {
        let text = #"{"parties": [{"code": "A", "name": "Alfa", "org_number": "2120000142"}]}"#
        let batch = try ImportReader.read(
            data: Data(text.utf8), file: "in.json", baseDirectory: FileManager.default.temporaryDirectory)
        #expect(batch.parties.first?.organisationNumber?.description == "212000-0142")
    }

    @Test("an empty file is an empty batch")
    func emptyFile() throws {
        let batch = try ImportReader.read(data: Data(), file: "empty.yaml", baseDirectory: packageRoot)
        #expect(batch.parties.isEmpty && batch.bodies.isEmpty && batch.decisions.isEmpty && batch.payments.isEmpty)
    }
}

@Suite("Import reader: the line of a path")
struct ImportLineTests {
    let path = fixture("flemingsberg/flemingsberg-2007.yaml").path

    @Test("the line of a share in the fixture")
    func shareLine() throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let expected = try #require(line(containing: "BOTKYRKA: 0,5 Mkr", in: text))
        #expect(ImportReader.line(of: "decisions[0].funding[0].shares.BOTKYRKA", inFile: path) == expected)
    }

    @Test("the line of a list element and of a field in a flow mapping")
    func otherLines() throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(ImportReader.line(of: "decisions[0]", inFile: path) == line(containing: "- ref: FLEMINGSBERG-2007", in: text))
        #expect(ImportReader.line(of: "parties[2].org_number", inFile: path) == line(containing: "212000-2882", in: text))
        #expect(ImportReader.line(of: "decisions[0].steps[3]", inFile: path) == line(containing: "body: BOT-KS", in: text))
    }

    @Test("no line for a file that cannot be read")
    func missingFile() {
        #expect(ImportReader.line(of: "decisions[0]", inFile: "/nonexistent/decreg/import.yaml") == nil)
    }
}
