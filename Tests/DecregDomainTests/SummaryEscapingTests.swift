import DecregDomain
import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

private let hostile = #"<script>alert("x")</script> & 'quotes'"#

@Suite("Summaries escape every user-given text")
struct SummaryEscapingTests {
    @Test("HTML: the five special characters become character references")
    func html() {
        #expect(
            Escaping.html(hostile)
                == "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;")
        #expect(Escaping.html("a\u{0}b\u{7}c\r\nd") == "abc\nd")
    }

    @Test("Markdown: markup characters are backslash-escaped, so the text renders as written")
    func markdown() {
        #expect(Escaping.markdown(hostile) == #"\<script\>alert("x")\</script\> \& 'quotes'"#)
        #expect(Escaping.markdown("[click](javascript:alert(1)) *bold* _it_ `code` a|b ~~s~~ $x$ \\")
            == #"\[click\](javascript:alert(1)) \*bold\* \_it\_ \`code\` a\|b \~\~s\~\~ \$x\$ \\"#)
        #expect(Escaping.markdown("Titel #") == ##"Titel \#"##)
    }

    @Test("Markdown: a mark followed by a combining accent or after a prepended mark is still escaped; other scripts pass as written")
    func combiningMarks() {
        // U+0600 joins the character after it into one Character, and CommonMark reads the mark inside it.
        let prepend = "\u{600}"
        let cases = [
            (prepend + "*x" + prepend + "*", prepend + #"\*x"# + prepend + #"\*"#),
            (prepend + "[a" + prepend + "](http://evil)", prepend + #"\[a"# + prepend + #"\](http://evil)"#),
            (prepend + "`c" + prepend + "`", prepend + #"\`c"# + prepend + #"\`"#),
            ("x " + prepend + "<b onmouseover=alert(1)>", "x " + prepend + #"\<b onmouseover=alert(1)\>"#),
        ]
        for (text, escaped) in cases {
            #expect(Escaping.markdown(text) == escaped)
        }
        // "*\u{301}" is one Character, and CommonMark still reads its `*` as emphasis.
        #expect(Escaping.markdown("*\u{301}vikt*\u{301}") == "\\*\u{301}vikt\\*\u{301}")
        #expect(Escaping.markdown("-\u{301} lista") == "\\-\u{301} lista")
        #expect(Escaping.markdown("Örebro läns\u{00A0}landsting\u{2003}— ÅÄÖ") == "Örebro läns landsting — ÅÄÖ")
        #expect(Escaping.markdown("a\u{85}b\u{9F}c") == "a b c")
    }

    @Test(
        "Markdown: text that would start a block does not",
        arguments: [
            ("- not a list", #"\- not a list"#), ("+ nor this", #"\+ nor this"#), ("# no heading", ##"\# no heading"##),
            ("> no quote", #"\> no quote"#), ("1. not ordered", #"1\. not ordered"#),
            ("2007) either", #"2007\) either"#), ("===", #"\==="#), ("    code?", " code?"),
            ("line one\n\n- line two", #"line one - line two"#), ("1 000 000 kr", "1 000 000 kr"),
        ])
    func blockStarts(text: String, escaped: String) {
        #expect(Escaping.markdown(text) == escaped)
    }

    @Test("Markdown code spans are fenced longer than any backticks inside")
    func codeSpans() {
        #expect(Escaping.markdownCode("22 abc") == "`22 abc`")
        #expect(Escaping.markdownCode("a `b` c") == "``a `b` c``")
        #expect(Escaping.markdownCode("`x") == "`` `x ``")
    }

    @Test("CSS strings cannot end the string or the style element")
    func css() {
        #expect(Escaping.cssString("Beslutsunderlag · KS-2007/1") == "\"Beslutsunderlag · KS-2007/1\"")
        #expect(Escaping.cssString("a\"</style>") == #""a\22 \3c /style\3e ""#)
    }

    @Test("A hostile decision: the HTML page shows every text escaped, has no script and is well-formed")
    func hostileDecisionHTML() throws {
        let page = HTMLRenderer.render(SummarySamples.hostile().document(.en))
        #expect(!page.contains("<script"))
        #expect(!page.lowercased().contains("javascript:alert(1)\">"))
        #expect(page.contains("<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</h1>"))
        #expect(
            page.contains("<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39;</title>"))
        #expect(page.contains("<li>&lt;img src=x onerror=alert(1)&gt;</li>"))
        // Only the renderer's own elements and attributes: nothing that runs, loads or links.
        let markup = try #require(SummarySamples.markup(page))
        #expect(markup.elements.isSubset(of: SummarySamples.allowedElements), "\(markup.elements)")
        #expect(markup.attributes.isSubset(of: ["lang", "charset", "name", "content", "http-equiv", "class"]))
        #expect(!page.contains("url("))
    }

    @Test("A hostile decision: the Markdown has no raw HTML, links or list tricks")
    func hostileDecisionMarkdown() {
        let markdown = MarkdownRenderer.render(SummarySamples.hostile().document(.en))
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first == #"# \<script\>alert("x")\</script\> \& 'quotes'"#)
        // Every < and [ the user typed is escaped; the only unescaped ones would be markup.
        for line in lines {
            for marker in ["<", "[", "]"] {
                var rest = Substring(line)
                while let range = rest.range(of: marker) {
                    #expect(rest[..<range.lowerBound].hasSuffix("\\"), "unescaped \(marker) in: \(line)")
                    rest = rest[range.upperBound...]
                }
            }
        }
        #expect(markdown.contains("1. \\<img src=x onerror=alert(1)\\>\n"))
        #expect(markdown.contains("2. \\- not a nested list\n"))
        #expect(markdown.contains("| Evil \\| Party (EVIL) |"))
    }
}

@Suite("Summary figures")
struct SummaryFigureTests {
    @Test(
        "Per cent of a total, exact and rounded half up to two decimals",
        arguments: [
            (100_000_000, 250_000_000, Language.sv, "40 %"), (50_000_000, 250_000_000, .sv, "20 %"),
            (33_333_334, 100_000_000, .sv, "33,33 %"), (66_666_666, 100_000_000, .sv, "66,67 %"),
            (12_500, 100_000, .sv, "12,5 %"), (100, 100, .sv, "100 %"), (4, 100_000, .sv, "0 %"),
            (5, 100_000, .sv, "0,01 %"),
            (100_000_000, 250_000_000, .en, "40%"), (33_333_334, 100_000_000, .en, "33.33%"),
            (300, 100, .sv, "300 %"), (Int64.max, Int64.max, .en, "100%"),
        ] as [(Int64, Int64, Language, String)])
    func perCent(part: Int64, whole: Int64, language: Language, text: String) {
        #expect(PerCent.text(Money(minorUnits: part), of: Money(minorUnits: whole), language) == text)
    }

    @Test("No per cent of nothing, or across currencies")
    func noPerCent() {
        #expect(PerCent.text(Money(minorUnits: 1), of: Money(minorUnits: 0), .sv) == nil)
        let euros = Money(minorUnits: 10, currency: Currency(code: "EUR")!)
        #expect(PerCent.text(Money(minorUnits: 1), of: euros, .sv) == nil)
        #expect(PerCent.text(Money(minorUnits: Int64.max), of: Money(minorUnits: 1), .sv) == nil)
    }

    @Test("The funding table: share, per cent, adopted (– until adopted), paid, and their totals")
    func fundingTable() {
        let markdown = MarkdownRenderer.render(SummarySamples.flemingsberg().document(.sv))
        #expect(markdown.contains("""
            ### 2008: totalt 2 500 000 kr

            | Part | Andel | Procent | Beslutat | Betalt |
            | :-- | --: | --: | --: | --: |
            | Stockholms läns landsting (SLL) | 1 000 000 kr | 40 % | – | 0 kr |
            | Huddinge kommun (HUDDINGE) | 1 000 000 kr | 40 % | 1 000 000 kr | 250 000 kr |
            | Botkyrka kommun (BOTKYRKA) | 500 000 kr | 20 % | – | 0 kr |
            | **Totalt** | **2 500 000 kr** | **100 %** | **1 000 000 kr** | **250 000 kr** |
            """))
        #expect(markdown.contains("**Till:** Kommunfullmäktige i Huddinge\\\n"))
        #expect(markdown.contains("Status efter beslutsgången hittills: **delvis antaget**"))
        #expect(markdown.contains("- SLL har ännu inte beslutat om sin andel på 1 000 000 kr för 2008.\n"))
    }

    @Test("The background text keeps its paragraphs and lists")
    func background() {
        let markdown = MarkdownRenderer.render(SummarySamples.flemingsberg().document(.en))
        #expect(markdown.contains("""
            ## Background

            First paragraph, wrapped over two lines.

            - one
            - two continued

            Last.
            """))
    }

    @Test("The report page is well-formed and names its period and party")
    func report() {
        let report = PeriodReport(
            scope: ReportScope(years: YearRange(from: 2008, to: 2009), party: "HUDDINGE"),
            decisions: [
                ReportedDecision(
                    ref: "FLEMINGSBERG-2007", title: hostile, date: SummarySamples.date("2007-07-06"),
                    status: .proposed, figures: [])
            ],
            totals: [], findings: [], parties: SummarySamples.parties, auditHead: nil)
        let page = HTMLRenderer.render(report.document(.sv))
        #expect(SummarySamples.markup(page) != nil)
        #expect(page.contains("<h1>Beslut och finansiering 2008–2009</h1>"))
        #expect(page.contains("<dd>Huddinge kommun (HUDDINGE)</dd>"))
        #expect(page.contains("<p>Ingen finansiering i urvalet.</p>"))
        #expect(page.contains("Granskningsspåret är tomt."))
        #expect(!page.contains("<script"))
    }
}
