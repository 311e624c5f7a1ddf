/// Reads a decision's background text (ÄRENDET) as it is typed into a YAML file: paragraphs separated by blank
/// lines, lines wrapped anywhere, and lists whose lines start with `- `, `• ` or `* `.
enum PlainText {
    static func blocks(_ text: String) -> [Document.Block] {
        var blocks: [Document.Block] = []
        var paragraph: [String] = []
        var items: [String] = []

        func flush() {
            if !paragraph.isEmpty { blocks.append(.paragraph([.text(paragraph.joined(separator: " "))])) }
            if !items.isEmpty { blocks.append(.bulletList(items.map { [.text($0)] })) }
            paragraph = []
            items = []
        }

        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine).trimmingSpaces()
            if line.isEmpty {
                flush()
            } else if let item = listItem(line) {
                if !paragraph.isEmpty { flush() }
                items.append(item)
            } else if !items.isEmpty, rawLine.first?.isWhitespace == true {
                // An indented line continues the list item above it.
                items[items.count - 1] += " " + line
            } else {
                if !items.isEmpty { flush() }
                paragraph.append(line)
            }
        }
        flush()
        return blocks
    }

    private static func listItem(_ line: String) -> String? {
        for mark in ["- ", "• ", "* ", "– "] where line.hasPrefix(mark) {
            let item = String(line.dropFirst(mark.count)).trimmingSpaces()
            return item.isEmpty ? nil : item
        }
        return nil
    }
}
