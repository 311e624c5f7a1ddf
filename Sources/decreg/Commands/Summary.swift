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

        func run() throws {
            let summary = try global.open().summary(of: ref)
            try file.write(document.format.render(summary.document(document.language)))
        }
    }
}
