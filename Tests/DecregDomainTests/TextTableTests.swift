import DecregDomain
import Testing

@Suite("Text tables and CSV")
struct TextTableTests {
    @Test("columns are padded to the widest cell, amounts right-aligned, no trailing spaces")
    func table() {
        var table = TextTable(headers: ["kod", "belopp"], alignments: [.left, .right])
        table.append(["SLL", "1 000 000 kr"])
        table.append(["BOTKYRKA", "500 000 kr"])
        #expect(
            table.rendered() == """
                kod             belopp
                ────────  ────────────
                SLL       1 000 000 kr
                BOTKYRKA    500 000 kr

                """)
    }

    @Test("without a header, only the rows; a short last cell leaves no trailing spaces")
    func withoutHeader() {
        var table = TextTable(headers: ["", ""])
        table.append(["Huddinge", "a"])
        table.append(["Å", "longer"])
        #expect(table.rendered(withHeader: false) == "Huddinge  a\nÅ         longer\n")
    }

    @Test("CSV quotes only fields that need it and ends lines with CRLF")
    func csv() {
        let text = CSV.render(
            headers: ["ref", "title"],
            rows: [["A-1", "plain"], ["A-2", "with, comma"], ["A-3", "say \"hi\""], ["A-4", "two\nlines"]])
        #expect(text == "ref,title\r\nA-1,plain\r\nA-2,\"with, comma\"\r\nA-3,\"say \"\"hi\"\"\"\r\nA-4,\"two\nlines\"\r\n")
    }

    @Test("CSV with another separator quotes that separator instead")
    func csvSeparator() {
        let text = CSV.render(headers: ["a", "b"], rows: [["1,5", "x;y"]], separator: ";")
        #expect(text == "a;b\r\n1,5;\"x;y\"\r\n")
    }

    @Test("A field with a CRLF line break is quoted too (one Character in Swift, neither \\r nor \\n)")
    func csvCRLF() {
        #expect(CSV.line(["note", "first\r\nsecond", "Å"]) == "note,\"first\r\nsecond\",Å\r\n")
        #expect(CSV.line(["a¦b", "first\r\nsecond", "c"], separator: "¦") == "\"a¦b\"¦\"first\r\nsecond\"¦c\r\n")
    }
}

@Suite("CSV for spreadsheets")
struct CSVInjectionTests {
    @Test("Cells a spreadsheet would run as formulas get a ' before them; numbers and raw output stay as they are")
    func formulas() {
        #expect(CSV.line(["=HYPERLINK(\"http://x\",\"y\")", "+1+1", "@SUM(A1)", "-2+3", "\tx", "ok"])
            == "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",'+1+1,'@SUM(A1),'-2+3,'\tx,ok\r\n")
        #expect(CSV.line(["-100000.00", "+5", "-3", "2024..2026"]) == "-100000.00,+5,-3,2024..2026\r\n")
        #expect(CSV.line(["=1+1"], raw: true) == "=1+1\r\n")
    }
}
