import ArgumentParser
import DecregDomain
import DecregInterchange
import DecregStore
import Foundation

extension Decreg {
    struct AttachCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "attach", abstract: "Store, list and extract a decision's attachments.",
            subcommands: [Add.self, List.self, Extract.self, Withdraw.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Store a file with a decision.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Argument(help: "The file to store.") var file: String
            @Option(help: "The label the decision cites, e.g. \"Bilaga 1\".") var label: String
            @Option(help: "The document's title.") var title: String?
            @Option(name: .customLong("media-type"), help: "The media type (else guessed from the file name).")
            var mediaType: String?
            @Flag(help: "Store a file from a system folder (/etc, /proc, /sys, /dev, /run): attachments are published.")
            var allowSystemFile = false

            func run() throws {
                let content: Data
                do {
                    content = try AttachmentFile.read(
                        file, name: Phrase(verbatim: file), allowSystemFile: allowSystemFile)
                } catch {
                    throw CommandFailure(error.phrase)
                }
                let attachment = Attachment(
                    label: try ArgumentValues.nonEmpty(label, option: "--label"), title: title,
                    mediaType: mediaType ?? Attachment.mediaType(forFileName: file), content: content)
                let register = try global.open(.writing)
                try register.apply(.addAttachment(attachment), to: ref, context: try global.context())
                try Output.recorded(
                    .attachmentStored(label: label, ref: ref, size: attachment.size, sha256: attachment.sha256),
                    in: register, lang)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List a decision's attachments.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var output: OutputOptions
            @Argument(help: "The decision's ref.") var ref: String

            func run() throws {
                let attachments = try global.open(.reading).attachments(of: ref)
                let rows = attachments.map { [$0.label, $0.title ?? "", String($0.size), $0.sha256, $0.mediaType] }
                switch output.format {
                case .json:
                    Output.line(
                        JSONValue.array(
                            attachments.map {
                                .object([
                                    ("label", .string($0.label)), ("title", .optional($0.title)),
                                    ("sha256", .string($0.sha256)), ("size", .int(Int64($0.size))),
                                    ("media_type", .string($0.mediaType)),
                                ])
                            }
                        ).rendered())
                case .csv: Output.write(try output.csv(headers: ["label", "title", "size", "sha256", "media_type"], rows: rows))
                case .table:
                    var table = TextTable(
                        headers: Vocabulary.attachmentColumns(output.language),
                        alignments: [.left, .left, .right, .left, .left])
                    rows.forEach { table.append($0) }
                    Output.write(table.rendered())
                }
            }
        }

        struct Withdraw: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "withdraw",
                abstract: "Mark an attachment stored in error as withdrawn, with the reason; its bytes stay in the register.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Argument(help: "The attachment's label.") var label: String
            @Option(help: "Why it is withdrawn (required).") var reason: String

            func run() throws {
                let register = try global.open(.writing)
                try register.apply(.withdrawAttachment(label: label), to: ref, context: try global.context(reason: reason))
                try Output.recorded(.attachmentWithdrawn(label: label, ref: ref, reason: reason), in: register, lang)
            }
        }

        struct Extract: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "extract", abstract: "Write an attachment's bytes to a file.")
            @OptionGroup var global: GlobalOptions
            @OptionGroup var lang: LanguageOption
            @Argument(help: "The decision's ref.") var ref: String
            @Argument(help: "The attachment's label.") var label: String
            @Option(name: .shortAndLong, help: "The file to write.") var output: String
            @Flag(help: "Overwrite the file if it exists.") var force = false

            func run() throws {
                let register = try global.open(.reading)
                let attachment = try register.attachment(label, of: ref)
                let content = attachment.content ?? Data()
                guard Attachment.sha256Hex(content) == attachment.sha256 else {
                    throw CommandFailure(
                        sv: "\(label) i \(ref) stämmer inte med sin registrerade SHA-256: registret har ändrats",
                        en: "\(label) of \(ref) does not match its recorded SHA-256: the register was altered",
                        status: 1)
                }
                try OutputFile.write(content, to: output, force: force)
                let written = Confirmation.attachmentExtracted(
                    label: label, ref: ref, file: output, size: content.count, sha256: attachment.sha256)
                Output.line(TextRules.visible(Vocabulary.confirmation(written, try lang.language(register))))
            }
        }
    }
}
