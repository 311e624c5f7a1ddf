import ArgumentParser
import DecregDomain
import DecregStore
import Foundation

extension Decreg {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "backup", abstract: "Write a consistent copy of the register, even while others write to it.",
            discussion: """
                The copy is a complete register: check it with `decreg check --db COPY`; restore by copying it
                back over the register while no one is using it.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption
        @Argument(help: "The file to write the copy to.") var file: String
        @Flag(help: "Replace the file if it exists.") var force = false

        func run() throws {
            let register = try global.open(.reading)
            try OutputFile.checkWritable(file, force: force)
            let target = URL(fileURLWithPath: file)
            let temporary = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).decreg-\(UUID().uuidString)")
            do {
                try register.backup(to: temporary.path)
                guard rename(temporary.path, file) == 0 else {
                    throw CommandFailure(.cannotWrite(file, .system(errno)))
                }
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
            let head = try Register.open(path: file, for: .reading).auditHead()
            let language = try lang.language(register)
            func word(_ key: Vocabulary.Word) -> String { Vocabulary.word(key, language) }
            Output.confirmation(
                "\(word(.backedUp)) \(global.path) \(word(.to)) \(file)"
                    + (head.map { " (\(word(.auditHead).lowercased()) \($0))" } ?? ""))
        }
    }
}
