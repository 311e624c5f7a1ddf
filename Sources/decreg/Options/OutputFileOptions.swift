import ArgumentParser
import DecregDomain
import Foundation

/// `--output FILE` and `--force`: where a command writes, refusing to overwrite unless told.
struct OutputFileOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
    var output: String?

    @Flag(help: "Overwrite the output file if it exists.")
    var force = false

    func write(_ text: String) throws {
        try OutputFile.write(text, to: output, force: force)
    }

    /// Lets `produce` write a large output in pieces: to standard output, or to a temporary file beside the
    /// output that replaces it only when everything was written. A write that fails throws out of `produce`, so
    /// the work stops there.
    func stream(_ produce: (@escaping ([UInt8]) throws -> Void) throws -> Void) throws {
        guard let output else {
            let buffer = WriteBuffer(descriptor: STDOUT_FILENO)
            do {
                try produce { try buffer.append($0) }
                try buffer.flush()
            } catch let failure as WriteFailure {
                Output.fail(failure.number)
            }
            return
        }
        try OutputFile.checkWritable(output, force: force)
        let temporary = URL(fileURLWithPath: output).deletingLastPathComponent()
            .appendingPathComponent(".\(URL(fileURLWithPath: output).lastPathComponent).decreg-\(UUID().uuidString)")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil),
            let handle = FileHandle(forWritingAtPath: temporary.path)
        else { throw CommandFailure(
                .cannotWrite(output, Phrase(
                    sv: "kan inte skapa en fil i dess mapp",
                    en: "cannot create a file in its folder")))
        }
        do {
            let buffer = WriteBuffer(descriptor: handle.fileDescriptor)
            try produce { try buffer.append($0) }
            try buffer.flush()
            try handle.synchronize()
            try handle.close()
            // rename(2) replaces the output in one step: a reader sees the old file or the new, never half of one.
            guard rename(temporary.path, output) == 0 else {
                throw CommandFailure(.cannotWrite(output, .system(errno)))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if let failure = error as? WriteFailure {
                throw CommandFailure(.cannotWrite(output, .system(failure.number)))
            }
            throw error
        }
    }
}

/// Collects small writes into large ones.
final class WriteBuffer {
    private let descriptor: Int32
    private var bytes: [UInt8] = []

    init(descriptor: Int32) {
        self.descriptor = descriptor
        bytes.reserveCapacity(1 << 20)
    }

    func append(_ more: [UInt8]) throws(WriteFailure) {
        bytes.append(contentsOf: more)
        if bytes.count >= 1 << 20 { try flush() }
    }

    func flush() throws(WriteFailure) {
        defer { bytes.removeAll(keepingCapacity: true) }
        if let number = bytes.withUnsafeBufferPointer({ Output.write($0, to: descriptor) }) {
            throw WriteFailure(number: number)
        }
    }
}

enum OutputFile {
    /// Refuses a directory, and an existing file unless `force`.
    static func checkWritable(_ path: String, force: Bool) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if isDirectory.boolValue { throw CommandFailure(
                    sv: "\(path) är en mapp; ange en fil att skriva",
                    en: "\(path) is a directory; name a file to write")
            }
            guard force else {
                throw CommandFailure(
                    sv: "\(path) finns; lägg till --force för att skriva över den",
                    en: "\(path) exists; add --force to overwrite it")
            }
        }
    }

    /// Writes `text` to standard output, or to the file `path` names.
    static func write(_ text: String, to path: String?, force: Bool) throws {
        guard let path else { return Output.write(text) }
        try write(Data(text.utf8), to: path, force: force)
    }

    /// Writes atomically (a temporary file renamed into place), so a reader never sees half a file.
    static func write(_ data: Data, to path: String, force: Bool) throws {
        try checkWritable(path, force: force)
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw CommandFailure(.cannotWrite(path, Phrase(verbatim: (error as NSError).localizedDescription)))
        }
    }
}
