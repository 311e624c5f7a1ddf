import ArgumentParser
import DecregInterchange
import DecregStore

extension Decreg {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the whole register as JSON in the import schema, attachments included (base64).")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var destination: OutputFileOptions

        func run() throws {
            let register = try global.open()
            try destination.write(ExportWriter.json(try register.everything()))
        }
    }
}
