import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct Grant: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "grant",
            abstract: "Give a PostgreSQL role what decreg serve does, and nothing more.",
            discussion: """
                For a register in PostgreSQL: run by the register's owner, it lets ROLE (made with createuser) read \
                every table, write the records and accounts clerks change, and append to the audit trail and the \
                log's tree — never change or remove an entry of the trail, the tree, a checkpoint or a cosignature, \
                publish a checkpoint, or change the schema. Start serve as that role:
                  decreg grant decreg_web --db postgresql://decreg@db.example.se/register
                  decreg serve --db postgresql://decreg_web@db.example.se/register
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption
        @Argument(help: "The PostgreSQL role decreg serve connects as.") var role: String

        func run() throws {
            let register = try global.open(.writing)
            try register.grantServing(to: role)
            Output.confirmation(
                Phrase(
                    sv: "Rollen \(role) får nu göra det decreg serve gör i \(global.path), och inget mer",
                    en: "The role \(role) may now do what decreg serve does in \(global.path), and nothing more"
                ).text(try lang.language(register)))
        }
    }
}
