import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "init", abstract: "Create a new, empty register file.")

        @OptionGroup var global: GlobalOptions
        @Option(
            help: """
                The language the register's users read, sv or en: what decreg prints in when neither --lang nor a \
                Swedish or English $LC_ALL or $LANG says otherwise.
                """)
        var lang: Language?

        func run() throws {
            let register = try Register.create(path: global.path)
            if let lang { try register.setLanguage(lang) }
            let language = Language.resolved(option: nil, locale: .fromLocale) { lang }
            Output.confirmation("\(Vocabulary.word(.createdRegister, language)) \(global.path)")
        }
    }
}
