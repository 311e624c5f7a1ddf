import DecregDomain

/// A failure the command itself reports, with its exit status (2 for input and usage, 1 for failed checks), worded
/// in both languages.
struct CommandFailure: Error, CustomStringConvertible, SpokenError {
    var phrase: Phrase
    var status: Int32 = 2

    init(_ phrase: Phrase, status: Int32 = 2) {
        self.phrase = phrase
        self.status = status
    }

    init(sv: String, en: String, status: Int32 = 2) {
        self.init(Phrase(sv: sv, en: en), status: status)
    }

    /// A refusal of one option's value: `--amount: …`.
    init(option: String, _ phrase: Phrase) {
        self.init(Phrase(verbatim: option + ": ") + phrase)
    }

    /// A refusal of one option's value: `--amount: …`.
    init(option: String, sv: String, en: String) {
        self.init(option: option, Phrase(sv: sv, en: en))
    }

    func lines(_ language: Language) -> [String] { [phrase.text(language)] }

    var description: String { phrase.en }
}

extension Phrase {
    /// `cannot write FILE: REASON`.
    static func cannotWrite(_ file: String, _ reason: Phrase) -> Phrase {
        Phrase(sv: "kan inte skriva \(file): \(reason.sv)", en: "cannot write \(file): \(reason.en)")
    }
}
