import DecregDomain
import DecregStore
import Foundation

/// Writes command output to standard output, and messages to standard error, with write(2).
///
/// FileHandle would want the text copied into a Data first, and that first generic use costs a one-decision read a
/// scan of the binary's protocol conformances at start-up (issue 8). It also crashed on a full disk.
enum Output {
    /// Writes to standard output. Output cut short must not look like success: a write that fails (a full disk, a
    /// closed file) ends the command with status 2 and one line saying why. A closed pipe (`decreg … | head`) ends
    /// it quietly with status 141, as SIGPIPE ends other Unix tools, whether or not the caller ignores SIGPIPE.
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            if let failure = write(bytes, to: STDOUT_FILENO) { fail(failure) }
        }
    }

    static func line(_ text: String) { write(text + "\n") }

    /// The line a command that changed the register prints once the change is committed. The change stands whether
    /// or not this reaches anyone, so a failure to print it is said on standard error and does not turn the
    /// command's success into a failure that a script would retry (and so record twice).
    /// It is one line, and what it quotes (a ref, a reason) is shown as `TextRules.visible` shows it.
    static func confirmation(_ text: String) {
        var text = TextRules.visible(text) + "\n"
        text.withUTF8 { bytes in
            guard let failure = write(bytes, to: STDOUT_FILENO), failure != EPIPE else { return }
            let said = Phrase(
                sv: "ändringen är registrerad, men dess bekräftelse kunde inte skrivas: ",
                en: "the change is recorded, but its confirmation could not be written: ")
            message("decreg: " + (said + .system(failure)).text(errorLanguage))
        }
    }

    /// A line on standard error, as well as it can be written. What a message quotes may hold anything typed or
    /// stored: every control in it is shown as `TextRules.visible` shows it; only the line breaks of a message of
    /// several lines (argument-parser's usage) stay.
    static func message(_ text: String) {
        var text = TextRules.visible(text.hasSuffix("\n") ? String(text.dropLast()) : text, keeping: "\n") + "\n"
        text.withUTF8 { _ = write($0, to: STDERR_FILENO) }
    }

    /// Ends the command after standard output could not be written.
    static func fail(_ failure: Int32) -> Never {
        if failure != EPIPE {
            let said = Phrase(sv: "kan inte skriva utdata: ", en: "cannot write the output: ")
            message("decreg: " + (said + .system(failure)).text(errorLanguage))
        }
        exit(failure == EPIPE ? 141 : 2)
    }

    /// The language of a failure to write, chosen as the run's errors are (it is asked only when writing fails).
    static var errorLanguage: Language {
        LanguageOption.forErrors(typed: Array(CommandLine.arguments.dropFirst()))
    }

    /// Writes every byte to `descriptor`, resuming after a signal, a partial write or a descriptor that would block;
    /// the error number when it cannot.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Int32? {
        guard var next = bytes.baseAddress else { return nil }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written > 0 {
                next += written
                left -= written
                continue
            }
            if written == 0 { return EIO }
            switch errno {
            case EINTR: continue
            case EAGAIN:
                // A non-blocking descriptor handed down by the caller: wait until it takes more.
                var ready = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
                _ = poll(&ready, 1, -1)
            case let failure: return failure
            }
        }
        return nil
    }
}

/// A write that failed, with its error number (errno).
struct WriteFailure: Error, Equatable {
    let number: Int32
}

extension Output {
    /// What a command that changed the register says once the change is committed: the confirmation on standard
    /// output, and each warning (what is recorded but worth a second look) on standard error.
    static func recorded(_ confirmation: String, warnings: [Phrase], _ language: Language) {
        for warning in warnings { self.warning(warning.text(language), language) }
        self.confirmation(confirmation)
    }

    /// The same, worded in the language of `--lang`, the locale or the register.
    static func recorded(
        _ confirmation: Confirmation, in register: Register, _ lang: LanguageOption, warnings: [Phrase] = []
    ) throws {
        let language = try lang.language(register)
        recorded(Vocabulary.confirmation(confirmation, language), warnings: warnings, language)
    }

    /// A warning on standard error, one line: `decreg: warning: …`, `decreg: varning: …`.
    static func warning(_ text: String, _ language: Language) {
        message("decreg: " + Phrase(sv: "varning: ", en: "warning: ").text(language) + TextRules.visible(text))
    }
}
