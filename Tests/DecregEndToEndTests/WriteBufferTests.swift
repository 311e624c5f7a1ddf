import Foundation
import Testing
@testable import decreg

@Suite("Buffered output")
struct WriteBufferTests {
    /// `export --output` and `reconcile --output` write through a WriteBuffer into a temporary file; a failed write
    /// throws out of the producer, which stops there, and the caller removes the temporary file and names the output.
    @Test("A write that fails throws its error number")
    func failureThrows() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let buffer = WriteBuffer(descriptor: full.fileDescriptor)
        #expect(throws: WriteFailure(number: ENOSPC)) { try buffer.append([UInt8](repeating: 65, count: 3 << 20)) }
        try buffer.append([1, 2, 3])
        #expect(throws: WriteFailure(number: ENOSPC)) { try buffer.flush() }
    }

    @Test("Every byte reaches the file, in order, across flushes")
    func everyByte() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-buffer-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(FileManager.default.createFile(atPath: path, contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        let buffer = WriteBuffer(descriptor: handle.fileDescriptor)
        var expected: [UInt8] = []
        for round in 0..<5 {
            let chunk = [UInt8](repeating: UInt8(round), count: 700_000)
            try buffer.append(chunk)
            expected += chunk
        }
        try buffer.flush()
        try handle.close()
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
    }
}
