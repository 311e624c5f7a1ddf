import ArgumentParser
import DecregStore

extension Decreg {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a new, empty register file.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            _ = try Register.create(path: global.path)
            Output.confirmation("Created register \(global.path)")
        }
    }
}
