import ArgumentParser
import DecregInterchange
import DecregStore
import Foundation

extension Decreg {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export", abstract: "Write the whole register as JSON in the import schema, attachments included (base64).",
            discussion: "Written piece by piece: a register of any size exports in little memory.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var destination: OutputFileOptions

        func run() throws {
            let register = try global.open(.reading)
            try destination.stream { write in
                var stream = ExportStream(write: write)
                try register.walk(
                    party: { stream.add($0) }, body: { stream.add($0) }, decision: { try stream.add($0) },
                    payment: { try stream.add($0) })
                try stream.finish()
            }
        }
    }
}
