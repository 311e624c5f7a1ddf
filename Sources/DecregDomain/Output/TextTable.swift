import Foundation

/// A plain-text table for terminals: columns padded to their widest cell, amounts right-aligned.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.map { _ in .left }
    }

    public mutating func append(_ row: [String]) { rows.append(row) }

    /// The table with a header line and a rule beneath it (or the rows alone); no trailing spaces. Widths count
    /// Unicode scalars, which is what a terminal shows for Swedish text (å, ä, ö are one scalar each). Every cell
    /// is written through `TextRules.visible`: a control in a text (ESC, a line break, a right-to-left override)
    /// is shown as `\u{1B}`, `\n`, `\u{202E}`, so it can neither steer the terminal nor forge a row.
    public func rendered(withHeader: Bool = true) -> String {
        let headers = self.headers.map { TextRules.visible($0) }
        let rows = self.rows.map { $0.map { TextRules.visible($0) } }
        var widths = headers.map(\.unicodeScalars.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.unicodeScalars.count)
            }
        }
        var out: [UInt8] = []
        func line(_ cells: [String]) {
            let start = out.count
            for (index, cell) in cells.enumerated() {
                if index > 0 { out.append(contentsOf: [0x20, 0x20]) }
                let padding = repeatElement(UInt8(0x20), count: max(0, widths[index] - cell.unicodeScalars.count))
                if alignments[index] == .right { out.append(contentsOf: padding) }
                out.append(contentsOf: cell.utf8)
                if alignments[index] == .left { out.append(contentsOf: padding) }
            }
            while out.count > start, out.last == 0x20 { out.removeLast() }
            out.append(0x0A)
        }
        if withHeader {
            line(headers)
            out.append(contentsOf: widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ").utf8)
            out.append(0x0A)
        }
        for row in rows { line(row) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// RFC 4180 CSV: fields quoted when they hold the separator, a quote or a line break; CRLF line ends.
///
/// A spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula
/// (`=HYPERLINK(…)` in a title). Such a cell is written with a `'` before it, as OWASP's rule for CSV injection
/// says, unless it is a plain number (`-100000.00`, a difference). A control other than a tab or a line break
/// (ESC, BEL) and a bidirectional control are shown as `TextRules.visible` shows them, so CSV printed on a terminal
/// cannot steer it; line breaks stay, in a quoted field. `raw` writes every cell as it is.
public enum CSV {
    public static func render(
        headers: [String], rows: [[String]], separator: Character = ",", raw: Bool = false
    ) -> String {
        ([headers] + rows).map { line($0, separator: separator, raw: raw) }.joined()
    }

    /// One record and its CRLF, for writing a large table a record at a time.
    public static func line(_ fields: [String], separator: Character = ",", raw: Bool = false) -> String {
        fields.map { field in
            let field = raw ? field : neutralised(field)
            guard needsQuotes(field, separator: separator) else { return field }
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: String(separator)) + "\r\n"
    }

    /// The cell with its controls shown, and with a `'` before it when a spreadsheet would take it for a formula.
    static func neutralised(_ field: String) -> String {
        let field = TextRules.visible(field, keeping: "\t\r\n")
        guard let first = field.utf8.first,
            [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first)
        else { return field }
        if isPlainNumber(field) { return field }
        return "'" + field
    }

    /// `-12`, `+3.50`: a sign, digits, at most one point and digits after it.
    private static func isPlainNumber(_ field: String) -> Bool {
        let bytes = Array(field.utf8.dropFirst())
        guard let first = bytes.first, first >= UInt8(ascii: "0") && first <= UInt8(ascii: "9") else { return false }
        var point = false
        for byte in bytes {
            if byte == UInt8(ascii: ".") && !point { point = true; continue }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return false }
        }
        return bytes.last != UInt8(ascii: ".")
    }

    /// Whether a field holds the separator, a quote or a line break. Byte by byte: a CR LF is one Character in
    /// Swift, neither "\r" nor "\n", and a million-row table is spared the grapheme breaking of `String.contains`.
    private static func needsQuotes(_ field: String, separator: Character) -> Bool {
        if field.utf8.contains(where: { $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }) { return true }
        guard let byte = separator.asciiValue else { return field.contains(separator) }
        return field.utf8.contains(byte)
    }
}
