/// A printable document — a decision summary or a period report — as typed blocks, written once and rendered
/// as Markdown or HTML. The renderers escape every text they are given, so no user text reaches the output
/// unescaped, and no layout is repeated per format.
public struct Document: Sendable, Equatable {
    /// `lang` of the HTML page.
    public var language: Language
    /// A short line above the title: `Beslutsunderlag · FLEMINGSBERG-2007`.
    public var kicker: String
    public var title: String
    /// Labelled lines under the title: addressees, parties, date, case numbers, status.
    public var fields: [Field]
    public var sections: [Section]
    /// Lines at the end of the document: the audit head at the time of printing.
    public var footer: [Inlines]

    public init(
        language: Language, kicker: String, title: String, fields: [Field] = [], sections: [Section] = [],
        footer: [Inlines] = []
    ) {
        self.language = language
        self.kicker = kicker
        self.title = title
        self.fields = fields
        self.sections = sections
        self.footer = footer
    }

    /// A labelled line: `Datum: 2007-07-06`.
    public struct Field: Sendable, Equatable {
        public var label: String
        public var value: Inlines

        public init(_ label: String, _ value: Inlines) {
            self.label = label
            self.value = value
        }
    }

    /// A section under its own heading.
    public struct Section: Sendable, Equatable {
        public var heading: String
        public var blocks: [Block]
        /// Whether the section should be kept on one printed page when it fits (short sections only).
        public var keepTogether: Bool

        /// Up to this many rows a section is short enough to keep on one page rather than split.
        public static let shortRows = 10

        public init(_ heading: String, keepTogether: Bool = false, _ blocks: [Block]) {
            self.heading = heading
            self.blocks = blocks
            self.keepTogether = keepTogether
        }
    }

    /// What a section holds.
    public enum Block: Sendable, Equatable {
        case paragraph(Inlines)
        case subheading(String)
        case orderedList([Inlines])
        case bulletList([Inlines])
        case table(Table)
        /// Something the reader must not miss: a withdrawn decision, a discrepancy.
        case notice(Inlines)
        /// Text shown exactly as it is, line for line, in a fixed-width face: a proof to type back in.
        case preformatted(String)
    }
}

/// A run of text pieces, each with its emphasis.
public typealias Inlines = [Inline]

/// A piece of running text. Every case holds plain text, escaped by the renderer.
public enum Inline: Sendable, Equatable {
    case text(String)
    case strong(String)
    /// A key to type or compare: a hash, a command.
    case code(String)
    /// An amount, a per cent, a date: text never broken across lines.
    case unbroken(String)
}

/// A table with a header row, body rows and total rows; cells are inlines.
public struct Table: Sendable, Equatable {
    public enum Alignment: Sendable, Equatable {
        /// Text.
        case left
        /// Amounts, per cents, years: right-aligned and never broken across lines.
        case right
    }

    public struct Column: Sendable, Equatable {
        public var title: String
        public var alignment: Alignment

        public init(_ title: String, _ alignment: Alignment = .left) {
            self.title = title
            self.alignment = alignment
        }
    }

    public var columns: [Column]
    public var rows: [[Inlines]]
    /// Sums under the rows, shown in bold.
    public var totals: [[Inlines]]

    public init(columns: [Column], rows: [[Inlines]] = [], totals: [[Inlines]] = []) {
        self.columns = columns
        self.rows = rows
        self.totals = totals
    }
}
