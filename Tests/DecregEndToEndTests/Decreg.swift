import DecregTestSupport
import Foundation
import Testing

/// Runs the real `decreg` binary on a temporary register, as a user would.
struct Decreg {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// A fresh directory, the working directory of every run, with the register file in it.
    let directory: URL
    /// The register every run is given (`--db`): `register.sqlite` in the directory, or, when the end-to-end
    /// tests run on PostgreSQL (`DECREG_TEST_ENGINE=postgresql`) or `database` is given, a new PostgreSQL database.
    let db: String

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let fixtures = packageRoot.appendingPathComponent("Fixtures")

    /// The binary built beside the tests (swift test builds it), or $DECREG_BIN.
    static let binary: URL = {
        if let path = ProcessInfo.processInfo.environment["DECREG_BIN"] { return URL(fileURLWithPath: path) }
        let beside = Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("decreg")
        if FileManager.default.isExecutableFile(atPath: beside.path) { return beside }
        return packageRoot.appendingPathComponent(".build/debug/decreg")
    }()

    /// `file`: a register file whichever engine the tests run on.
    init(initialise: Bool = true, database: String? = nil, file: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        db = try database ?? (PostgresServer.selectedForTests && !file ? PostgresServer.sharedDatabase()
            : directory.appendingPathComponent("register.sqlite").path)
        if initialise {
            let result = try run("init")
            guard result.status == 0 else { throw CocoaError(.fileWriteUnknown) }
        }
    }

    func fixture(_ path: String) -> String { Self.fixtures.appendingPathComponent(path).path }

    /// The seed fixture and the two others, as the README's main job imports them.
    var allFixtures: [String] {
        [
            fixture("flemingsberg/flemingsberg-2007.yaml"), fixture("sodertorn/sodertorn-trafik-2024.yaml"),
            fixture("flemingsberg-2009/flemingsberg-genomforande-2009.yaml"),
        ]
    }

    /// Runs `decreg ARGS --db <register>` in the temporary directory, with a fixed actor.
    @discardableResult
    func run(_ arguments: String..., useDB: Bool = true) throws -> Result {
        try run(arguments, useDB: useDB)
    }

    /// `environment`: variables set (or, given nil, unset) on top of the harness's own. `output`: a file to take
    /// standard output instead of the result (which then has none).
    func run(
        _ arguments: [String], useDB: Bool = true, environment changes: [String: String?] = [:], output: FileHandle? = nil
    ) throws -> Result {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments + (useDB ? ["--db", db] : [])
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["USER"] = "e2e-registrar"
        environment["LANG"] = "C"
        environment.removeValue(forKey: "DECREG_DB")
        environment.removeValue(forKey: "LC_ALL")
        for (name, value) in changes { environment[name] = value }
        process.environment = environment
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = output ?? out
        process.standardError = err
        try process.run()
        // Read both pipes to the end before waiting, so a large output cannot block the child.
        let outData = output == nil ? out.fileHandleForReading.readDataToEndOfFile() : Data()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs a bash script (its `$0`, `$1`, … are `arguments`) and returns its standard output.
    func shell(_ script: String, arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script] + arguments
        process.currentDirectoryURL = directory
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Writes a file in the temporary directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// The register's whole content, as `decreg export` writes it.
    func export() throws -> String {
        let result = try run("export")
        #expect(result.status == 0, "export failed: \(result.stderr)")
        return result.stdout
    }

    func json(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}

extension Trait where Self == ConditionTrait {
    /// A test of the register as a file (its bytes, permissions, journal, a copy by cp, a backup) or one that
    /// tampers with it through the sqlite3 shell: run where the end-to-end tests run on files, not on PostgreSQL.
    static var sqliteFile: Self { .enabled(if: !PostgresServer.selectedForTests, "the register as an SQLite file") }
}
