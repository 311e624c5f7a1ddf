import ArgumentParser
@testable import decreg
import Testing

@Suite("Command names")
struct CommandNameTests {
    /// Without a `commandName`, swift-argument-parser derives the name from the type, scanning every protocol
    /// conformance in the binary to do it: about half of `decreg --version`'s time before they were named.
    @Test("Every command, at every level, names itself")
    func everyCommandNamesItself() {
        var unnamed: [String] = []
        var seen = 0
        func visit(_ command: any ParsableCommand.Type) {
            seen += 1
            if command.configuration.commandName == nil { unnamed.append(String(describing: command)) }
            command.configuration.subcommands.forEach(visit)
        }
        visit(decreg.Decreg.self)
        #expect(seen > 30)
        #expect(unnamed.isEmpty)
    }
}
