import ArgumentParser
import DecregDomain
import DecregInterchange
import DecregStore
import Foundation

extension Decreg.DecisionCommand {
    /// Guided entry: a commented template in the editor, checked as an import file is checked, reopened with its
    /// problems until it is right or emptied.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "new", abstract: "Enter a decision in your editor, from a commented template.",
            discussion: """
                Opens a YAML template in $VISUAL, else $EDITOR, else vi. On saving and closing, the decision is \
                checked with the rules of decreg import and recorded; when something is wrong the editor opens \
                again with the problems at the top. Emptying the file, leaving the template unchanged, or leaving the \
                file unchanged once its problems are shown cancels: nothing is recorded and the exit status is 1.
                """)
        @OptionGroup var global: GlobalOptions
        @OptionGroup var lang: LanguageOption
        @Argument(help: "The new decision's ref, e.g. FLEMINGSBERG-2007 (else written in the template).")
        var ref: String?

        func run() throws {
            let register = try global.open(.writing)
            _ = try global.context()  // who acts, known before the editor opens
            let language = try lang.language(register)
            let template = DecisionTemplate.text(ref: ref, language: language)
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("decreg-new-\(ProcessInfo.processInfo.processIdentifier).yaml")
            try Data(template.utf8).write(to: file)
            let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
            // What the editor was last given: the template, then the text with its problems at the top.
            var given = template
            while true {
                try edit(file)
                let saved = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
                let text = DecisionTemplate.withoutProblems(saved)
                let cancelled: Phrase? =
                    text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
                    ? Phrase(sv: "mallen tömdes", en: "the template was emptied")
                    : text == template ? Phrase(sv: "mallen lämnades oförändrad", en: "the template was left unchanged")
                    : saved == given
                        ? Phrase(
                            sv: "filen lämnades oförändrad sedan dess problem visats",
                            en: "the file was left unchanged after its problems were shown") : nil
                if let cancelled {
                    try? FileManager.default.removeItem(at: file)
                    throw CommandFailure(
                        sv: "avbrutet: \(cancelled.sv); inget registrerades",
                        en: "cancelled: \(cancelled.en); nothing was recorded", status: 1)
                }
                try Data(text.utf8).write(to: file)
                let source = Decreg.Import.Source(path: file.path, name: file.lastPathComponent, baseDirectory: base)
                do {
                    let outcome = try Decreg.Import.record([source], into: register, context: try global.context())
                    Decreg.Import.warn(outcome.warnings, language)
                } catch let problems as ImportProblems {
                    given = DecisionTemplate.withProblems(problems, text, language: language)
                    try Data(given.utf8).write(to: file)
                    continue
                }
                break
            }
            var refs: [String] = []
            try? ImportReader.read(path: file.path, baseDirectory: base) { entry in
                if case .success(.decision(let decision)) = entry.content { refs.append(decision.ref) }
            }
            try? FileManager.default.removeItem(at: file)
            for ref in refs {
                Output.confirmation("\(Vocabulary.word(.addedDecision, language)) \(ref)")
                let show = ShowDecision(path: global.path, ref: ref, format: .table, language: lang.chosen, history: false)
                try show.run()
            }
        }

        /// Runs the editor on the file, as git does: `$VISUAL` or `$EDITOR` may hold arguments (`code --wait`).
        private func edit(_ file: URL) throws {
            let editor = Environment.value("VISUAL") ?? Environment.value("EDITOR") ?? "vi"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", editor + " \"$1\"", editor, file.path]
            do { try process.run() } catch {
                throw CommandFailure(
                    sv: "kan inte starta redigeraren (\(editor)): \(error.localizedDescription)",
                    en: "cannot start the editor (\(editor)): \(error.localizedDescription)")
            }
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw CommandFailure(
                    sv: "redigeraren (\(editor)) avslutades med status \(process.terminationStatus); inget "
                        + "registrerades, och texten finns kvar i \(file.path)",
                    en: "the editor (\(editor)) ended with status \(process.terminationStatus); nothing was recorded, "
                        + "and the text is kept in \(file.path)")
            }
        }
    }
}

/// The template of `decision new`, and the problems it is reopened with.
enum DecisionTemplate {
    /// The lines at the top that say what is wrong; they start with `#!` and are taken off before checking.
    static let problemMark = "#!"

    static func text(ref: String?, language: Language) -> String {
        let ref = ref.map { " " + $0 } ?? ""
        switch language {
        case .sv:
            return """
                # Ett nytt beslut i registret. Fyll i fälten, spara och stäng redigeraren: beslutet granskas som
                # `decreg import` granskar en fil och förs in. Töm filen (eller lämna den orörd) för att avbryta.
                # Rader som börjar med # är kommentarer. Parter och organ ska finnas i registret
                # (decreg party list, decreg body list). Belopp: "2,5 MKr", "500 tkr", "1 000 000 kr";
                # datum: ÅÅÅÅ-MM-DD.
                decisions:
                  - ref:\(ref)          # unik beteckning, t.ex. FLEMINGSBERG-2007
                    title:          # rubriken, t.ex. Utvecklingsprogram för den regionala kärnan Flemingsberg
                    date:           # förslagets datum, t.ex. 2007-07-06
                    parties: []     # parterna som beslutet binder, t.ex. [SLL, HUDDINGE, BOTKYRKA]
                    case_numbers: {}  # varje parts diarienummer, t.ex. {SLL: LS 0706-0594, HUDDINGE: KS-2007/123}
                    summary:        # ärendet; flera rader skrivs efter "summary: |", indragna
                    clauses: []     # förslagen till beslut, i ordning:
                    #  - att godkänna förslaget till Utvecklingsprogram (bilaga 1)
                    #  - att anslå 2,5 MKr för 2008
                    funding: []     # varje års belopp och hur det delas:
                    #  - year: 2008
                    #    total: 2,5 MKr
                    #    shares: {SLL: 1 MKr, HUDDINGE: 1 MKr, BOTKYRKA: "0,5 MKr"}
                    #    (eller split: {SLL: 40 %, HUDDINGE: 40 %, BOTKYRKA: 20 %} i stället för shares)
                    steps: []       # beslutsgången hittills, ett steg per organ:
                    #  - {body: SLL-LS, date: 2007-07-06, outcome: proposed, minutes: § 98}
                    #    (outcome: proposed, approved, adopted, rejected, returned eller amended;
                    #     ett antagande kan ange belopp per år: amounts: {2008: 1 MKr})
                    signatories: [] # undertecknare:
                    #  - {name: Göran Stiernstedt, title: Landstingsdirektör, party: SLL}
                    attachments: [] # bilagor, lästa från filer i den aktuella mappen:
                    #  - {label: Bilaga 1, title: Utvecklingsprogram, file: bilaga-1.txt}

                """
        case .en:
            return """
                # A new decision for the register. Fill in the fields, save and close the editor: the decision is
                # checked as `decreg import` checks a file, and recorded. Empty the file (or leave it unchanged) to
                # cancel. Lines starting with # are comments. Parties and bodies must be in the register
                # (decreg party list, decreg body list). Amounts: "2,5 MKr", "500 tkr", "1 000 000 kr";
                # dates: YYYY-MM-DD.
                decisions:
                  - ref:\(ref)          # unique, e.g. FLEMINGSBERG-2007
                    title:          # e.g. Utvecklingsprogram för den regionala kärnan Flemingsberg
                    date:           # the date of the proposal, e.g. 2007-07-06
                    parties: []     # the parties it binds, e.g. [SLL, HUDDINGE, BOTKYRKA]
                    case_numbers: {}  # each party's case number, e.g. {SLL: LS 0706-0594, HUDDINGE: KS-2007/123}
                    summary:        # the background; several lines go after "summary: |", indented
                    clauses: []     # the clauses ("att …"), in order:
                    #  - att godkänna förslaget till Utvecklingsprogram (bilaga 1)
                    #  - att anslå 2,5 MKr för 2008
                    funding: []     # each year's total and how it is shared:
                    #  - year: 2008
                    #    total: 2,5 MKr
                    #    shares: {SLL: 1 MKr, HUDDINGE: 1 MKr, BOTKYRKA: "0,5 MKr"}
                    #    (or split: {SLL: 40 %, HUDDINGE: 40 %, BOTKYRKA: 20 %} instead of shares)
                    steps: []       # the handling so far, one step a body:
                    #  - {body: SLL-LS, date: 2007-07-06, outcome: proposed, minutes: § 98}
                    #    (outcome: proposed, approved, adopted, rejected, returned or amended;
                    #     an adopting step may give amounts a year: amounts: {2008: 1 MKr})
                    signatories: [] # who signed:
                    #  - {name: Göran Stiernstedt, title: Landstingsdirektör, party: SLL}
                    attachments: [] # documents, read from files in the current folder:
                    #  - {label: Bilaga 1, title: Utvecklingsprogram, file: bilaga-1.txt}

                """
        }
    }

    /// The text with the problems at the top, each at the line it will stand on below them.
    static func withProblems(_ problems: ImportProblems, _ text: String, language: Language) -> String {
        let shown = problems.problems.prefix(ImportProblems.shown)
        let more = problems.problems.count - shown.count
        let header = 1 + shown.count + (more > 0 ? 1 : 0)
        var lines = [
            language == .sv
                ? "\(problemMark) Inte infört: rätta det nedan och spara igen (töm filen för att avbryta)."
                : "\(problemMark) Not recorded: put right what is below and save again (empty the file to cancel)."
        ]
        for problem in shown {
            var place = problem.line.map { (language == .sv ? "rad " : "line ") + String($0 + header) } ?? ""
            if let field = problem.field, !field.isEmpty { place += (place.isEmpty ? "" : ": ") + field }
            lines.append("\(problemMark) " + (place.isEmpty ? "" : place + ": ") + problem.phrase.text(language))
        }
        if more > 0 {
            lines.append("\(problemMark) " + (language == .sv ? "… och \(more) till" : "… and \(more) more"))
        }
        return lines.joined(separator: "\n") + "\n" + text
    }

    /// The text without the problems put at its top.
    static func withoutProblems(_ text: String) -> String {
        var rest = Substring(text)
        while rest.hasPrefix(problemMark) {
            guard let end = rest.firstIndex(of: "\n") else { return "" }
            rest = rest[rest.index(after: end)...]
        }
        return String(rest)
    }
}
