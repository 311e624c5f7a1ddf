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

    /// The table with a header line and a rule beneath it (or the rows alone); no trailing spaces.
    public func rendered(withHeader: Bool = true) -> String {
        var widths = headers.map(\.count)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], cell.count)
            }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let padding = String(repeating: " ", count: max(0, widths[index] - cell.count))
                parts.append(alignments[index] == .right ? padding + cell : cell + padding)
            }
            return String(parts.joined(separator: "  ").reversed().drop(while: { $0 == " " }).reversed())
        }
        var out = ""
        if withHeader {
            out += line(headers) + "\n"
            out += widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ") + "\n"
        }
        for row in rows { out += line(row) + "\n" }
        return out
    }
}

/// RFC 4180 CSV: fields quoted when they hold the separator, a quote or a line break; CRLF line ends.
public enum CSV {
    public static func render(headers: [String], rows: [[String]], separator: Character = ",") -> String {
        ([headers] + rows).map { row in
            row.map { field in
                guard field.contains(separator) || field.contains("\"") || field.contains("\n") || field.contains("\r")
                else { return field }
                return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }.joined(separator: String(separator))
        }.joined(separator: "\r\n") + "\r\n"
    }
}
