import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary", abstract: "Write a decision as a readable document: Markdown or a printable HTML page.",
            discussion: """
                Addressees and parties, title, date and case numbers, the proposed decision, the background, funding \
                per year (share, per cent, adopted, paid), the handling so far and the status, reconciliation \
                findings, signatories and attachments; the footer names the audit head it was read at.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var document: DocumentOptions
        @OptionGroup var file: OutputFileOptions

        @Argument(help: "The decision's ref.") var ref: String

        /// What the parsed words ask for.
        var request: SummaryDocument {
            SummaryDocument(
                path: global.path, ref: ref, format: document.format, language: document.chosenLanguage, output: file.output,
                force: file.force)
        }

        func run() throws { try request.run() }
    }
}

/// What `summary` does once its words are read.
struct SummaryDocument: Equatable {
    let path: String
    let ref: String
    let format: DocumentFormat
    /// `--lang`, else the locale's; nil: the register's.
    let language: Language?
    let output: String?
    let force: Bool

    func run() throws {
        let register = try Register.open(path: path, for: .reading)
        let summary = try register.summary(of: ref)
        try OutputFile.write(format.render(summary.document(try register.language(language))), to: output, force: force)
    }
}
