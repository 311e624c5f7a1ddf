/// Writes a document as one self-contained HTML page: inline CSS, no scripts, no external references (its
/// Content-Security-Policy forbids them), every text escaped. The markup is also well-formed XML, so a test
/// can parse it. Reads on screen; prints on A4 through its print stylesheet.
public enum HTMLRenderer {
    public static func render(_ document: Document) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="\(document.language.rawValue)">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/>
            <title>\(Escaping.html(document.title))</title>
            <style>
            \(HTMLStyle.css)\(HTMLStyle.pageMargins(document))</style>
            </head>
            <body>
            <article>
            <header>
            <p class="kicker">\(Escaping.html(document.kicker))</p>
            <h1>\(Escaping.html(document.title))</h1>

            """
        if !document.fields.isEmpty {
            out += "<dl class=\"fields\">\n"
            for field in document.fields {
                out += "<dt>\(Escaping.html(field.label))</dt><dd>\(inlines(field.value))</dd>\n"
            }
            out += "</dl>\n"
        }
        out += "</header>\n"
        for section in document.sections {
            out += section.keepTogether ? "<section class=\"keep\">\n" : "<section>\n"
            out += "<h2>\(Escaping.html(section.heading))</h2>\n"
            for block in section.blocks { out += render(block) }
            out += "</section>\n"
        }
        if !document.footer.isEmpty {
            out += "<footer>\n<p>" + document.footer.map(inlines).joined(separator: "<br/>\n") + "</p>\n</footer>\n"
        }
        out += "</article>\n</body>\n</html>\n"
        return out
    }

    static func render(_ block: Document.Block) -> String {
        switch block {
        case .paragraph(let content):
            return "<p>\(inlines(content))</p>\n"
        case .subheading(let text):
            return "<h3>\(Escaping.html(text))</h3>\n"
        case .orderedList(let items):
            return "<ol>\n" + items.map { "<li>\(inlines($0))</li>\n" }.joined() + "</ol>\n"
        case .bulletList(let items):
            return "<ul>\n" + items.map { "<li>\(inlines($0))</li>\n" }.joined() + "</ul>\n"
        case .notice(let content):
            return "<p class=\"notice\">\(inlines(content))</p>\n"
        case .preformatted(let text):
            return "<pre class=\"proof\">\(Escaping.html(text))</pre>\n"
        case .table(let table):
            return render(table)
        }
    }

    static func render(_ table: Table) -> String {
        func cells(_ tag: String, _ contents: [String]) -> String {
            "<tr>" + zip(table.columns, contents).map { column, content in
                let attributes = column.alignment == .right ? " class=\"num\"" : ""
                return "<\(tag)\(attributes)>\(content)</\(tag)>"
            }.joined() + "</tr>\n"
        }
        var out = "<table>\n<thead>\n" + cells("th", table.columns.map { Escaping.html($0.title) }) + "</thead>\n"
        out += "<tbody>\n" + table.rows.map { cells("td", $0.map(inlines)) }.joined() + "</tbody>\n"
        if !table.totals.isEmpty {
            out += "<tfoot>\n" + table.totals.map { cells("td", $0.map(inlines)) }.joined() + "</tfoot>\n"
        }
        return out + "</table>\n"
    }

    static func inlines(_ content: Inlines) -> String {
        content.map { piece in
            switch piece {
            case .text(let text): return Escaping.html(text)
            case .strong(let text): return "<strong>\(Escaping.html(text))</strong>"
            case .code(let text): return "<code>\(Escaping.html(text))</code>"
            case .unbroken(let text): return "<span class=\"nowrap\">\(Escaping.html(text))</span>"
            }
        }.joined()
    }
}
