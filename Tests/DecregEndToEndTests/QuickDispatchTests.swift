import ArgumentParser
import DecregDomain
@testable import decreg
import Testing

/// `decision show` and `summary` skip swift-argument-parser for their plain forms (issue 8: start-up). These hold
/// that shortcut to the parser: every form it takes means what the parser makes of the same words, and every other
/// form reaches the parser.
@Suite("Quick dispatch of the one-decision reads")
struct QuickDispatchTests {
    /// What the parser makes of the words, as the same request.
    static func parsed(_ arguments: [String]) throws -> QuickDispatch.Request {
        let command = try decreg.Decreg.parseAsRoot(arguments)
        if let show = command as? decreg.Decreg.DecisionCommand.Show { return .show(show.request) }
        if let summary = command as? decreg.Decreg.Summary { return .summary(summary.request) }
        Issue.record("\(arguments) parsed as \(type(of: command))")
        throw ValidationError("not a one-decision read")
    }

    @Test("A plain form means what the parser makes of it", arguments: [
        ["decision", "show", "FLEMINGSBERG-2007"],
        ["decision", "show", "FLEMINGSBERG-2007", "--db", "other.sqlite"],
        ["decision", "show", "--db", "other.sqlite", "FLEMINGSBERG-2007"],
        ["decision", "show", "FLEMINGSBERG-2007", "--db=other.sqlite"],
        ["decision", "show", "FLEMINGSBERG-2007", "--format", "json"],
        ["decision", "show", "FLEMINGSBERG-2007", "--format=table", "--lang", "sv"],
        ["decision", "show", "--lang=en", "FLEMINGSBERG-2007", "--history"],
        ["decision", "show", "FLEMINGSBERG-2007", "--history", "--format", "json", "--db", "a b.sqlite"],
        ["decision", "show", "FLEMINGSBERG-2007", "--format", "csv"],
        ["decision", "show", "Å-ÄRENDE/2007:12"],
        ["summary", "FLEMINGSBERG-2007"],
        ["summary", "FLEMINGSBERG-2007", "--format", "html", "--lang", "en"],
        ["summary", "--db", "other.sqlite", "FLEMINGSBERG-2007", "--format=md"],
    ])
    func plainForm(arguments: [String]) throws {
        let quick = try #require(QuickDispatch.request(arguments))
        #expect(quick == (try Self.parsed(arguments)))
    }

    @Test("Every other form is left to the parser", arguments: [
        ["decision", "show"],
        ["decision", "show", "--help"],
        ["decision", "show", "-h"],
        ["decision", "show", "A", "B"],
        ["decision", "show", "A", "--db"],
        ["decision", "show", "A", "--db", "--format", "json"],
        ["decision", "show", "A", "--db", "x", "--db", "y"],
        ["decision", "show", "A", "--db="],
        ["decision", "show", "A", "--format", "xml"],
        ["decision", "show", "A", "--lang", "de"],
        ["decision", "show", "A", "--history", "--history"],
        ["decision", "show", "A", "--actor", "me"],
        ["decision", "show", "--", "A"],
        ["decision", "show", "-A"],
        ["decision", "list"],
        ["decision"],
        ["summary"],
        ["summary", "A", "--format", "json"],
        ["summary", "A", "--output", "a.md"],
        ["summary", "A", "-o", "a.md"],
        ["summary", "A", "--force"],
        ["summary", "--version"],
        ["show", "A"],
        ["--version"],
        [],
    ])
    func otherForm(arguments: [String]) {
        #expect(QuickDispatch.request(arguments) == nil)
    }
}

/// The binary itself: the quick path and the parser's print the same, and fail the same.
@Suite("Quick dispatch, end to end")
struct QuickDispatchEndToEndTests {
    /// `--actor` is an option both commands take and the quick path does not know, so it sends the same
    /// request through the parser.
    @Test("decision show and summary print the same either way", arguments: [
        ["decision", "show", "FLEMINGSBERG-2007"],
        ["decision", "show", "FLEMINGSBERG-2007", "--format", "json"],
        ["decision", "show", "FLEMINGSBERG-2007", "--history", "--lang", "sv"],
        ["summary", "FLEMINGSBERG-2007", "--lang", "sv"],
        ["summary", "FLEMINGSBERG-2007", "--format", "html", "--lang", "en"],
        ["decision", "show", "NO-SUCH-DECISION"],
        ["summary", "NO-SUCH-DECISION"],
    ])
    func sameOutput(arguments: [String]) throws {
        let decreg = try Decreg()
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let quick = try decreg.run(arguments)
        let parsed = try decreg.run(arguments + ["--actor", "someone"])
        #expect(quick.status == parsed.status)
        #expect(quick.stdout == parsed.stdout)
        #expect(quick.stderr == parsed.stderr)
        if arguments.contains("NO-SUCH-DECISION") {
            #expect(quick.status == 2)
            #expect(quick.stderr.hasPrefix("decreg: "))
        } else {
            #expect(quick.status == 0)
            // The history names who recorded the decision; everything else shows the decision itself.
            #expect(quick.stdout.contains(arguments.contains("--history") ? "e2e-registrar" : "Flemingsberg"))
        }
    }

    /// Without --lang the language follows the locale: $LC_ALL, else $LANG; an empty variable counts as unset.
    @Test("Without --lang, both follow the locale the same way", arguments: [
        (["LC_ALL": "", "LANG": "sv_SE.UTF-8"], "## Förslag till beslut"),
        (["LC_ALL": nil, "LANG": "sv_SE.UTF-8"], "## Förslag till beslut"),
        (["LC_ALL": "C", "LANG": "sv_SE.UTF-8"], "## Proposed decision"),
        (["LC_ALL": "sv_FI.UTF-8", "LANG": "C"], "## Förslag till beslut"),
        (["LC_ALL": nil, "LANG": nil], "## Proposed decision"),
    ] as [([String: String?], String)])
    func languageFromEnvironment(environment: [String: String?], heading: String) throws {
        let decreg = try Decreg()
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let quick = try decreg.run(["summary", "FLEMINGSBERG-2007"], environment: environment)
        let parsed = try decreg.run(["summary", "FLEMINGSBERG-2007", "--actor", "someone"], environment: environment)
        #expect(quick.status == 0)
        #expect(quick.stdout.contains(heading))
        #expect(quick.stdout == parsed.stdout)
    }

    @Test("A register that is not there is named, with the way to make one")
    func missingRegister() throws {
        let decreg = try Decreg(initialise: false)
        let quick = try decreg.run(["decision", "show", "FLEMINGSBERG-2007"])
        let parsed = try decreg.run(["decision", "show", "FLEMINGSBERG-2007", "--actor", "someone"])
        #expect(quick.status == 2)
        #expect(quick.stderr == parsed.stderr)
        #expect(quick.stderr.contains("no register at"))
    }
}
