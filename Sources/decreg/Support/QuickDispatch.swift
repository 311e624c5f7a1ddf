import DecregDomain

/// The reads people run most, one decision at a time, recognised without swift-argument-parser.
///
/// Building the parser's command tree cost `decision show` 60 % of its instructions (valgrind: 24 of 40 M), because
/// each first use of a generic type scans the binary's 9 269 protocol conformances. This recognises only the plain
/// forms of `decision show REF` and `summary REF` and hands them to the same `ShowDecision` and `SummaryDocument`
/// that the parsed commands run. Anything else (help, an option it does not know, an option given twice, a value
/// the parser would refuse, `--`) it declines, and the parser reads it and gives its usual help or error.
/// `QuickDispatchTests` holds every form accepted here to what the parser makes of the same words.
///
/// It uses no Set or Dictionary: their first use with a key type costs a conformance scan of its own.
enum QuickDispatch {
    /// The request the words make, when they are one of the plain forms; nil leaves them to the parser.
    static func request(_ arguments: [String]) -> Request? {
        do {
            if arguments.count >= 2, arguments[0] == "decision", arguments[1] == "show" {
                let words = try Words(arguments.dropFirst(2), options: ["--db", "--format", "--lang"], flags: ["--history"])
                return .show(
                    ShowDecision(
                        path: RegisterLocation.path(words.option("--db")), ref: try words.ref(),
                        format: try words.value("--format") ?? .table,
                        language: Language.chosen(try words.value("--lang")), history: words.flag("--history")))
            }
            if arguments.first == "summary" {
                let words = try Words(arguments.dropFirst(), options: ["--db", "--format", "--lang"], flags: [])
                return .summary(
                    SummaryDocument(
                        path: RegisterLocation.path(words.option("--db")), ref: try words.ref(),
                        format: try words.value("--format") ?? .md,
                        language: Language.chosen(try words.value("--lang")), output: nil, force: false))
            }
        } catch {}
        return nil
    }

    enum Request: Equatable {
        case show(ShowDecision)
        case summary(SummaryDocument)

        func run() throws {
            switch self {
            case .show(let show): try show.run()
            case .summary(let summary): try summary.run()
            }
        }
    }

    /// A form left to the parser.
    struct Declined: Error {}

    /// The words after a command's name: positionals, each known option at most once (`--name value` or
    /// `--name=value`, the value not empty and not starting with `-`), and known flags at most once.
    struct Words {
        private(set) var positionals: [String] = []
        private(set) var options: [(name: String, value: String)] = []
        private(set) var flags: [String] = []

        init(_ arguments: ArraySlice<String>, options known: [String], flags knownFlags: [String]) throws(Declined) {
            var rest = arguments
            while let word = rest.popFirst() {
                guard word.hasPrefix("-") else {
                    positionals.append(word)
                    continue
                }
                if knownFlags.contains(word) {
                    guard !flags.contains(word) else { throw Declined() }
                    flags.append(word)
                    continue
                }
                let name: String
                let value: String
                if let equals = word.firstIndex(of: "=") {
                    name = String(word[..<equals])
                    value = String(word[word.index(after: equals)...])
                } else {
                    guard let next = rest.popFirst() else { throw Declined() }
                    name = word
                    value = next
                }
                guard known.contains(name), option(name) == nil, !value.isEmpty, !value.hasPrefix("-") else {
                    throw Declined()
                }
                options.append((name, value))
            }
        }

        func option(_ name: String) -> String? {
            options.first { $0.name == name }?.value
        }

        func flag(_ name: String) -> Bool { flags.contains(name) }

        /// The one positional: the decision's ref.
        func ref() throws(Declined) -> String {
            guard positionals.count == 1 else { throw Declined() }
            return positionals[0]
        }

        /// An option's value as one of its named values; nil when the option is not given.
        func value<Value: RawRepresentable<String>>(_ name: String) throws(Declined) -> Value? {
            guard let text = option(name) else { return nil }
            guard let value = Value(rawValue: text) else { throw Declined() }
            return value
        }
    }
}
