/// The stylesheet of every HTML document: a plain page on screen, A4 with margins in print. Fonts are local
/// ones only (a page that loads nothing cannot fetch a web font); amounts never break across lines.
enum HTMLStyle {
    static let css = """
        :root { color-scheme: light; }
        body { margin: 0; background: #fff; color: #111;
          font: 11pt/1.45 "Liberation Serif", "DejaVu Serif", Georgia, "Times New Roman", serif; }
        article { max-width: 48rem; margin: 2rem auto; padding: 0 1.25rem; }
        h1, h2, h3, .kicker, th, dt, footer { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; }
        .kicker { margin: 0 0 .4rem; font-size: 9pt; letter-spacing: .06em; text-transform: uppercase; color: #555; }
        h1 { margin: 0 0 .9rem; font-size: 18pt; line-height: 1.25; font-weight: 600; }
        h2 { margin: 1.5rem 0 .5rem; padding-bottom: .15rem; border-bottom: 1px solid #999;
          font-size: 12.5pt; font-weight: 600; break-after: avoid; }
        h3 { margin: 1rem 0 .3rem; font-size: 11pt; font-weight: 600; break-after: avoid; }
        p { margin: 0 0 .6rem; }
        dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0 0 1rem; }
        dt { font-weight: 600; font-size: 10pt; padding-top: .1rem; }
        dd { margin: 0; }
        ol, ul { margin: 0 0 .6rem; padding-left: 1.6rem; }
        li { margin: .25rem 0; }
        table { width: 100%; margin: .3rem 0 .9rem; border-collapse: collapse; font-size: 9.5pt; }
        th, td { padding: .25rem .45rem; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
        th { border-bottom: 1.5px solid #555; font-size: 9pt; font-weight: 600; }
        th.num, td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
        tfoot td { border-top: 1.5px solid #555; border-bottom: none; font-weight: 600; }
        thead { display: table-header-group; }
        tr, li, dd { break-inside: avoid; }
        .nowrap { white-space: nowrap; }
        code { font: .88em "DejaVu Sans Mono", "Liberation Mono", monospace; overflow-wrap: anywhere; }
        .notice { padding: .45rem .75rem; border-left: 4px solid #a40000; background: #fbefef; font-weight: 600; }
        section.keep { break-inside: avoid; }
        footer { margin-top: 2rem; padding-top: .5rem; border-top: 1px solid #999; font-size: 8.5pt; color: #333; }
        footer p { margin: 0; }
        @page { size: A4; margin: 18mm 16mm 18mm 20mm; }
        @media print {
          body { font-size: 10pt; }
          article { max-width: none; margin: 0; padding: 0; }
          .notice { background: none; }
        }

        """

    /// What every printed page carries in its bottom margin: the document's kicker (its reference) and
    /// `Sida 2 av 3`.
    static func pageMargins(_ document: Document) -> String {
        let (page, of) = document.language == .sv ? ("Sida", "av") : ("Page", "of")
        return """
            @page {
              @bottom-left { content: \(Escaping.cssString(document.kicker)); \(marginFont) }
              @bottom-right { content: "\(page) " counter(page) " \(of) " counter(pages); \(marginFont) }
            }

            """
    }

    private static let marginFont = #"font: 8pt "Liberation Sans", "DejaVu Sans", Arial, sans-serif; color: #555;"#
}
