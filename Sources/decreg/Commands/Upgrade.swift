import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct Upgrade: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upgrade",
            abstract: "Bring a register made by an older decreg up to this decreg's schema, after copying it aside.",
            discussion: """
                Only this command migrates: every other command refuses a register whose schema is older and says \
                to run it. The copy, REGISTER.before-MIGRATION-TIME.sqlite beside the register, is the file as it \
                was. Run it while no one else is using the register; a register that is up to date is left alone.
                """)

        @OptionGroup var location: RegisterLocation
        @OptionGroup var lang: LanguageOption

        func run() throws {
            let path = RegisterLocation.path(location.db)
            let upgrade = try Register.upgrade(path: path)
            let language = try lang.language(Register.open(path: path, for: .reading))
            guard !upgrade.applied.isEmpty else {
                Output.line(
                    Phrase(
                        sv: "\(path) är redan uppdaterat (schema \(upgrade.to))",
                        en: "\(path) is up to date (schema \(upgrade.to))"
                    ).text(language))
                return
            }
            let applied = upgrade.applied.joined(separator: ", ")
            guard let backup = upgrade.backup else {
                // PostgreSQL: the migrations ran in one transaction; its own backups keep what was.
                Output.confirmation(
                    Phrase(
                        sv: "Uppgraderade \(path) (\(applied)) i en transaktion",
                        en: "Upgraded \(path) (\(applied)) in one transaction"
                    ).text(language))
                return
            }
            Output.confirmation(
                Phrase(
                    sv: "Uppgraderade \(path) från schema \(upgrade.from) till \(upgrade.to) (\(applied)); registret "
                        + "som det var finns i \(backup)",
                    en: "Upgraded \(path) from schema \(upgrade.from) to \(upgrade.to) (\(applied)); the register as "
                        + "it was is in \(backup)"
                ).text(language))
        }
    }
}
