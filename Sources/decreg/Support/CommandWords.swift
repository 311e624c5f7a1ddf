import ArgumentParser
import DecregDomain

/// The words of a command line as the parser needs them, and what to say when they name no command.
enum CommandWords {
    /// The options a person may write before the command as well as after it, as git and hledger allow.
    static let globalOptions = ["--db", "--actor", "--lang", "--format"]

    /// The words with the global options written before the command moved after it (before a `--`), where the
    /// command's own options stand: `--db F decision show R` is read as `decision show R --db F`. `moved` holds
    /// each moved option's words. The words typed stay as they were for the audit trail, which records them.
    static func normalised(_ words: [String]) -> (words: [String], moved: [[String]]) {
        guard let first = words.first, first.hasPrefix("--") else { return (words, []) }
        let (rest, moved) = split(words)
        return (placing(moved.joined(), in: rest), moved)
    }

    /// The words after the global options that stand before the command, and those options.
    static func split(_ words: [String]) -> (rest: [String], moved: [[String]]) {
        var moved: [[String]] = []
        var index = 0
        while index < words.count {
            let word = words[index]
            if let equals = word.firstIndex(of: "="), globalOptions.contains(String(word[..<equals])) {
                moved.append([word])
                index += 1
            } else if globalOptions.contains(word), index + 1 < words.count {
                moved.append([word, words[index + 1]])
                index += 2
            } else {
                break
            }
        }
        return (Array(words[index...]), moved)
    }

    /// The words with `options` placed after the command's own, before a `--` that ends the options.
    static func placing(_ options: some Collection<String>, in words: [String]) -> [String] {
        guard !options.isEmpty else { return words }
        var words = words
        words.insert(contentsOf: options, at: words.firstIndex(of: "--") ?? words.endIndex)
        return words
    }

    /// The name of an option's words: `--db` for `--db F` and for `--db=F`.
    static func name(_ option: [String]) -> String {
        String(option[0].prefix { $0 != "=" })
    }

    /// The commands the leading words name, from the root: `[Decreg, AuditCommand, Log]` for `audit log --actor a`;
    /// and the first word that names no command where one is expected, with the commands that would be.
    static func path(_ words: [String]) -> (commands: [any ParsableCommand.Type], unknown: String?) {
        var commands: [any ParsableCommand.Type] = [Decreg.self]
        for word in words where !word.hasPrefix("-") {
            let subcommands = commands[commands.count - 1].configuration.subcommands
            guard !subcommands.isEmpty else { break }
            guard let next = subcommands.first(where: { $0.configuration.commandName == word }) else {
                return (commands, word == "help" ? nil : word)
            }
            commands.append(next)
        }
        return (commands, nil)
    }

    /// The refusal of a word that names no command, with the nearest names and all of them:
    /// `unknown command 'decison': did you mean decision? The commands are: init, import, …`.
    static func unknownCommand(_ word: String, under commands: [any ParsableCommand.Type]) -> CommandFailure {
        let parent = commands[commands.count - 1]
        let names = parent.configuration.subcommands.compactMap { $0.configuration.commandName }
        let nearest = NearestKeys.among(names, nearest: word, limit: 3)
        let options = Phrase.alternatives(nearest)
        let guess = nearest.isEmpty ? Phrase(verbatim: "") : Phrase(
            sv: " menade du \(options.sv)?",
            en: " did you mean \(options.en)?")
        let what =
            commands.count == 1
            ? Phrase(sv: "Kommandona är", en: "The commands are")
            : Phrase(sv: "\(fullName(commands))-kommandona är", en: "The \(fullName(commands)) commands are")
        let unknown = commands.count == 1 ? word : fullName(commands) + " " + word
        let all = names.joined(separator: ", ")
        return CommandFailure(
            sv: "okänt kommando '\(unknown)':\(guess.sv) \(what.sv): \(all)",
            en: "unknown command '\(unknown)':\(guess.en) \(what.en): \(all)")
    }

    /// `decision show` for `[Decreg, DecisionCommand, Show]`.
    static func fullName(_ commands: [any ParsableCommand.Type]) -> String {
        commands.dropFirst().compactMap { $0.configuration.commandName }.joined(separator: " ")
    }

    /// Why words that the parser refused are wrong, when a global option written before the command is what the
    /// command does not take, or a word names no command; nil leaves the parser's own message.
    static func refusal(typed: [String]) -> CommandFailure? {
        let (rest, moved) = split(typed)
        let (commands, unknown) = path(rest)
        if let unknown { return unknownCommand(unknown, under: commands) }
        guard !moved.isEmpty else { return nil }
        if commands.count == 1 {
            let names = Decreg.configuration.subcommands.compactMap { $0.configuration.commandName }
            let options = moved.map { name($0) }.joined(separator: ", ")
            return CommandFailure(
                sv: "inget kommando efter \(options): kommandona är: \(names.joined(separator: ", "))",
                en: "no command after \(options): the commands are: \(names.joined(separator: ", "))")
        }
        guard (try? Decreg.parseAsRoot(rest)) != nil else { return nil }
        let command = commands.count > 1 ? "decreg " + fullName(commands) : "decreg"
        for option in moved where (try? Decreg.parseAsRoot(placing(option, in: rest))) == nil {
            return CommandFailure(
                option: name(option),
                sv: "\(command) har inget alternativ \(name(option)); det skrevs före kommandot, där bara de kommandon "
                    + "som tar det godtar det",
                en: "\(command) has no \(name(option)) option; it was written before the command, where "
                    + "only the commands that take it accept it")
        }
        return nil
    }

    /// Refuses a global option before the command that the command takes with another meaning: `audit log`'s
    /// `--actor` selects entries, where before a command it names who acts.
    static func checkMeaning(typed: [String]) throws {
        let (rest, moved) = split(typed)
        guard moved.contains(where: { name($0) == "--actor" }) else { return }
        let commands = path(rest).commands
        if fullName(commands) == "audit log" {
            throw CommandFailure(
                option: "--actor",
                sv: "före kommandot anger det vem som agerar, men audit logs --actor väljer en aktörs poster: skriv "
                    + "det efter `audit log`",
                en: "before the command it names who acts, but audit log's --actor selects the entries of one "
                    + "actor: write it after `audit log`")
        }
    }
}
