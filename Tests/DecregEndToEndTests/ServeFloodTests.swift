import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The real `decreg serve`, in a process of its own, after a slowloris flood: it gives back what the flood took.
/// Bounded: 2 waves of 300 half-open connections on loopback, about 20 s.
@Suite("serve after a flood", .serialized)
struct ServeFloodTests {
    @Test("After 2 × 300 half-open connections the server closed them all; its descriptors and memory are back")
    func memoryAndDescriptorsComeBack() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let process = Process()
        process.executableURL = Decreg.binary
        process.arguments = ["serve", "--port", "0", "--host", "127.0.0.1", "--db", decreg.db]
        process.environment = ["LANG": "C", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        let stop = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 120, execute: stop)
        defer { stop.cancel() }
        let port = try #require(Self.port(from: out.fileHandleForReading))
        for _ in 0..<5 { #expect(try Self.get(port, "/api/v1/audit").hasPrefix("HTTP/1.1 200")) }
        let before = (memory: try Self.residentMB(process.processIdentifier), descriptors: Self.descriptors(process))

        for _ in 0..<2 {
            // Half a request head each, from 127.0.0.2 to 127.0.0.4 (100 each, below the per-address cap).
            var sockets: [Int32] = []
            defer { sockets.forEach { _ = close($0) } }
            for index in 0..<300 {
                let socket = try Self.connect(port, from: "127.0.0.\(2 + index / 100)")
                sockets.append(socket)
                _ = "GET / HTTP/1.1\r\nHost: x\r\n".withCString { send(socket, $0, strlen($0), 0) }
            }
            // Another client is answered meanwhile.
            #expect(try Self.get(port, "/api/v1/audit").hasPrefix("HTTP/1.1 200"))
            // Past the 5 s a head may take, the server has closed every one.
            Thread.sleep(forTimeInterval: 7)
            let closed = sockets.filter { socket in
                var byte: UInt8 = 0
                var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
                setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                var read = recv(socket, &byte, 1, 0)
                while read > 0 { read = recv(socket, &byte, 1, 0) }  // a 408 or the like, then the end
                return read == 0
            }.count
            #expect(closed == 300)
        }
        let after = (memory: try Self.residentMB(process.processIdentifier), descriptors: Self.descriptors(process))
        #expect(after.descriptors <= before.descriptors + 2, "descriptors: \(before.descriptors) → \(after.descriptors)")
        // What 600 connections' buffers took is given back, near enough: not the hundreds of MB a flood once kept.
        #expect(after.memory <= before.memory + 16, "resident memory: \(before.memory) MB → \(after.memory) MB")
    }

    static func port(from handle: FileHandle) -> Int? {
        var text = ""
        while !text.contains("\n") {
            let data = handle.availableData
            if data.isEmpty { return nil }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let range = text.range(of: #"127\.0\.0\.1:(\d+)/"#, options: .regularExpression) else { return nil }
        return Int(text[range].dropFirst("127.0.0.1:".count).dropLast())
    }

    static func residentMB(_ pid: Int32) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") } ?? ""
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) / 1024
    }

    static func descriptors(_ process: Process) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(process.processIdentifier)/fd").count) ?? -1
    }

    static func connect(_ port: Int, from source: String) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        func address(_ host: String, _ port: Int) -> sockaddr_in {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr(host)
            address.sin_port = UInt16(port).bigEndian
            return address
        }
        var local = address(source, 0)
        var remote = address("127.0.0.1", port)
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, size) } }
        let connected = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(socket, $0, size) }
        }
        guard socket >= 0, bound == 0, connected == 0 else {
            close(socket)
            throw CocoaError(.fileReadUnknown)
        }
        return socket
    }

    /// A whole GET on a connection of its own; the answer's first bytes.
    static func get(_ port: Int, _ path: String) throws -> String {
        let socket = try connect(port, from: "127.0.0.1")
        defer { close(socket) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = "GET \(path) HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".withCString { send(socket, $0, strlen($0), 0) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = recv(socket, &buffer, buffer.count, 0)
        return String(decoding: buffer.prefix(max(0, count)), as: UTF8.self)
    }
}
