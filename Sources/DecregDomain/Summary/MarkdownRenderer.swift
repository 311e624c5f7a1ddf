/// Writes a document as CommonMark with GitHub's tables, so it reads cleanly on common forges and as plain text.
public enum MarkdownRenderer {
    public static func render(_ document: Document) -> String {
        var out = "# \(Escaping.markdown(document.title))\n\n"
        out += "*\(Escaping.markdown(document.kicker))*\n"
        if !document.fields.isEmpty {
            out += "\n"
            // One field per line: a backslash at the end of a line is a hard line break.
            out += document.fields.map { "**\(Escaping.markdown($0.label)):** \(inlines($0.value))" }
                .joined(separator: "\\\n") + "\n"
        }
        for section in document.sections {
            out += "\n## \(Escaping.markdown(section.heading))\n"
            for block in section.blocks { out += "\n" + render(block) }
        }
        if !document.footer.isEmpty {
            out += "\n---\n\n" + document.footer.map(inlines).joined(separator: "\\\n") + "\n"
        }
        return out
    }

    static func render(_ block: Document.Block) -> String {
        switch block {
        case .paragraph(let content):
            return inlines(content) + "\n"
        case .subheading(let text):
            return "### \(Escaping.markdown(text))\n"
        case .orderedList(let items):
            return items.enumerated().map { "\($0.offset + 1). \(inlines($0.element))\n" }.joined()
        case .bulletList(let items):
            return items.map { "- \(inlines($0))\n" }.joined()
        case .notice(let content):
            return "> **\(inlines(content))**\n"
        case .preformatted(let text):
            // A fence longer than any run of backticks in the text, so nothing in it ends the block.
            var longest = 0
            var run = 0
            for character in text {
                run = character == "`" ? run + 1 : 0
                longest = max(longest, run)
            }
            let fence = String(repeating: "`", count: max(3, longest + 1))
            return fence + "text\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence + "\n"
        case .table(let table):
            return render(table)
        }
    }

    static func render(_ table: Table) -> String {
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |\n" }
        var out = row(table.columns.map { Escaping.markdown($0.title) })
        out += "|" + table.columns.map { $0.alignment == .right ? " --: |" : " :-- |" }.joined() + "\n"
        for cells in table.rows { out += row(cells.map(inlines)) }
        for cells in table.totals { out += row(cells.map { strong(inlines($0)) }) }
        return out
    }

    /// Text in bold; empty text stays empty rather than `****`.
    private static func strong(_ markdown: String) -> String {
        markdown.isEmpty ? "" : "**" + markdown + "**"
    }

    /// Pieces of text on one line, without white space at either end (where it could start a code block or
    /// end a hard break).
    static func inlines(_ content: Inlines) -> String {
        let line = content.map { piece in
            switch piece {
            case .text(let text), .unbroken(let text): return Escaping.markdown(text)
            case .strong(let text): return strong(Escaping.markdown(text.trimmingSpaces()))
            case .code(let text): return Escaping.markdownCode(text)
            }
        }.joined()
        return line.trimmingSpaces()
    }
}
