import Foundation

/// Writes command output to standard output, and messages to standard error, with write(2).
///
/// FileHandle would want the text copied into a Data first, and that first generic use costs a one-decision read a
/// scan of the binary's protocol conformances at start-up (issue 8).
enum Output {
    static func write(_ text: String) {
        var text = text
        text.withUTF8 { write($0, to: STDOUT_FILENO) }
    }

    static func line(_ text: String) { write(text + "\n") }

    /// Writes every byte, resuming after a signal or a partial write. A write that fails (a full disk, a closed
    /// file) ends the command with status 2 and says so: output cut short must not look like success. A closed pipe
    /// (`decreg … | head`) ends it by SIGPIPE first, as it does other Unix tools.
    static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) {
        guard var next = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Foundation.write(descriptor, next, left)
            if written < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                if descriptor != STDERR_FILENO {
                    var message = "decreg: cannot write the output: \(reason)\n"
                    message.withUTF8 { write($0, to: STDERR_FILENO) }
                }
                exit(2)
            }
            next += written
            left -= written
        }
    }
}
