import Foundation
import Testing
@testable import decreg

@Suite("Buffered output")
struct WriteBufferTests {
    /// `export --output` and `reconcile --output` write through a WriteBuffer into a temporary file; a failed write
    /// must reach the caller, which removes the temporary file and names the output, rather than end the process.
    @Test("A write that fails is kept, and nothing more is written after it")
    func failureIsKept() throws {
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let buffer = WriteBuffer(descriptor: full.fileDescriptor)
        buffer.append([UInt8](repeating: 65, count: 3 << 20))
        #expect(buffer.failure == ENOSPC)
        buffer.append([1, 2, 3])
        buffer.flush()
        #expect(buffer.failure == ENOSPC)
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
            buffer.append(chunk)
            expected += chunk
        }
        buffer.flush()
        try handle.close()
        #expect(buffer.failure == nil)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data(expected))
    }
}
