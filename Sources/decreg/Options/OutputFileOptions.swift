import ArgumentParser
import Foundation

/// `--output FILE` and `--force`: where a command writes, refusing to overwrite unless told.
struct OutputFileOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    func write(_ text: String) throws {
        guard let output else { return Output.write(text) }
        try OutputFile.write(Data(text.utf8), to: output, force: force)
    }
}

enum OutputFile {
    /// Writes atomically (a temporary file renamed into place), so a reader never sees half a file.
    static func write(_ data: Data, to path: String, force: Bool) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw CommandFailure("\(path) is a directory; name a file to write") }
            guard force else { throw CommandFailure("\(path) exists; add --force to overwrite it") }
        }
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CommandFailure("cannot write \(path): \((error as NSError).localizedDescription)")
        }
    }
}
