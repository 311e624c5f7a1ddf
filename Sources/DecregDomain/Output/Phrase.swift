/// A sentence decreg says to a person — a refusal, an error, a warning — written once, with its Swedish and its
/// English side by side, so the two cannot drift apart. It is worded where it is printed, in the language of the run
/// (`text(_:)`); `description` is the English.
public struct Phrase: Sendable, Hashable, CustomStringConvertible {
    public let sv: String
    public let en: String

    public init(sv: String, en: String) {
        self.sv = sv
        self.en = en
    }

    /// A text that reads the same in both languages: a code, a path, or a message from a library that has only one.
    public init(verbatim text: String) {
        self.init(sv: text, en: text)
    }

    public func text(_ language: Language) -> String { language == .sv ? sv : en }

    public var description: String { en }

    /// The one after the other, in each language.
    public static func + (lhs: Phrase, rhs: Phrase) -> Phrase { Phrase(sv: lhs.sv + rhs.sv, en: lhs.en + rhs.en) }

    /// `A`, `A or B`, `A, B or C`; `A eller B` in Swedish.
    public static func alternatives(_ words: [String]) -> Phrase {
        guard let last = words.last, words.count > 1 else { return Phrase(verbatim: words.first ?? "") }
        let head = words.dropLast().joined(separator: ", ")
        return Phrase(sv: head + " eller " + last, en: head + " or " + last)
    }
}

/// An error that says what went wrong in either language: the lines `decreg` prints for it, without its prefix.
public protocol SpokenError: Error {
    func lines(_ language: Language) -> [String]
}

#if canImport(Glibc)
    import Glibc
#endif

extension Phrase {
    /// Why the system refused a file or a write (an `errno`), said once for every way decreg meets it: the usual
    /// causes in words of both languages, any other as the system says it.
    public static func system(_ number: Int32) -> Phrase {
        switch number {
        case ENOENT: Phrase(sv: "filen finns inte", en: "no such file")
        case EACCES, EPERM: Phrase(sv: "åtkomst nekas", en: "permission denied")
        case ENOSPC, EDQUOT: Phrase(sv: "disken är full", en: "the disk is full")
        case EIO:
            Phrase(
                sv: "in/ut-fel (en trasig disk eller en nätverksdisk som försvann)",
                en: "an input/output error (a failing disk, or a network share that went away)")
        case EROFS: Phrase(sv: "filsystemet är skrivskyddat", en: "the file system is read-only")
        case EISDIR: Phrase(sv: "det är en mapp", en: "it is a folder")
        default: Phrase(verbatim: String(cString: strerror(number)))
        }
    }
}
