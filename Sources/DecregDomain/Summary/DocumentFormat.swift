/// The formats a summary or report is written in.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case md, html

    public func render(_ document: Document) -> String {
        switch self {
        case .md: MarkdownRenderer.render(document)
        case .html: HTMLRenderer.render(document)
        }
    }
}
