import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A register file that cannot be mistaken (issue 16): what is not a register is refused untouched, reading
/// commands never write, only `upgrade` migrates, and every failure of the file is one plain line with exit 2.
@Suite("Register files: recognised, never written by reading, failures said plainly")
struct RegisterFileEndToEndTests {
    /// The commands that must refuse what is not a register: reading ones, a checking one and a writing one.
    static let commands: [[String]] = [
        ["check"], ["audit", "verify"], ["decision", "list"], ["totals"], ["export"],
        ["party", "add", "NACKA", "--name", "Nacka kommun"],
    ]

    /// The file's bytes, to compare before and after.
    static func digest(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    /// The names in the temporary folder, to see that nothing was made beside the file (a journal, a copy).
    static func names(_ decreg: Decreg) throws -> Set<String> {
        Set(try FileManager.default.contentsOfDirectory(atPath: decreg.directory.path))
    }

    /// Runs each command on `file` and expects exit 2, `message` alone on standard error, and the file and its
    /// folder exactly as they were.
    static func expectRefused(_ decreg: Decreg, file: String, _ message: String) throws {
        let digest = try Self.digest(file)
        let before = try names(decreg)
        for command in commands {
            let result = try decreg.run(command + ["--db", file], useDB: false)
            #expect(result.status == 2, "\(command): \(result.stdout)")
            #expect(result.stderr == "decreg: \(message)\n", "\(command)")
            #expect(result.stdout.isEmpty, "\(command)")
        }
        #expect(try Self.digest(file) == digest)
        #expect(try names(decreg) == before)
    }

    @Test("An empty file is not a register: refused by every command, left 0 bytes, and init does not fill it")
    func emptyFile() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        let empty = try decreg.write("empty.sqlite", "")
        try Self.expectRefused(decreg, file: empty, "cannot open \(empty): not a decreg register (0 bytes)")
        let initialised = try decreg.run(["init", "--db", empty], useDB: false)
        #expect(initialised.status == 2)
        #expect(initialised.stderr == "decreg: \(empty) exists already; decreg init does not overwrite a file\n")
        #expect(try Data(contentsOf: URL(fileURLWithPath: empty)).isEmpty)
        let swedish = try decreg.run(["check", "--db", empty, "--lang", "sv"], useDB: false)
        #expect(swedish.stderr == "decreg: kan inte öppna \(empty): inget decreg-register (0 byte)\n")
    }

    @Test("A foreign file is refused untouched: another SQLite database, other bytes, a folder, a device")
    func foreignFiles() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        let foreign = decreg.directory.appendingPathComponent("foreign.sqlite").path
        try FileManager.default.copyItem(atPath: decreg.fixture("foreign.sqlite"), toPath: foreign)
        try Self.expectRefused(
            decreg, file: foreign,
            "cannot open \(foreign): not a decreg register (an SQLite database with tables decreg did not make)")
        let text = try decreg.write("notes.sqlite", "minutes of the board, not a database\n")
        try Self.expectRefused(
            decreg, file: text, "cannot open \(text): not a decreg register (not an SQLite database)")
        let folder = decreg.directory.appendingPathComponent("folder.sqlite").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false)
        let inFolder = try decreg.run(["check", "--db", folder], useDB: false)
        #expect(inFolder.status == 2)
        #expect(inFolder.stderr == "decreg: cannot open \(folder): not a decreg register (a folder)\n")
        let device = try decreg.run(["party", "add", "X", "--name", "X", "--db", "/dev/null"], useDB: false)
        #expect(device.status == 2)
        #expect(device.stderr == "decreg: cannot open /dev/null: not a decreg register (not a regular file)\n")
    }

    @Test("A register of an older schema: check, audit verify, reads and writes refuse it and leave it as it was")
    func olderRegisterIsNotWritten() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        let older = decreg.directory.appendingPathComponent("register-0004.sqlite").path
        try FileManager.default.copyItem(atPath: decreg.fixture("register-0004.sqlite"), toPath: older)
        try Self.expectRefused(
            decreg, file: older,
            "\(older) needs an upgrade (schema 4, this decreg has 10); run `decreg upgrade --db \(older)`")
        let swedish = try decreg.run(["audit", "verify", "--db", older, "--lang", "sv"], useDB: false)
        #expect(
            swedish.stderr
                == "decreg: \(older) behöver uppgraderas (schema 4, denna decreg har 10); kör "
                + "`decreg upgrade --db \(older)`\n")
    }

    @Test("upgrade migrates an older register after copying it aside; then every command takes it")
    func upgrade() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        let older = decreg.directory.appendingPathComponent("register-0004.sqlite").path
        try FileManager.default.copyItem(atPath: decreg.fixture("register-0004.sqlite"), toPath: older)
        let upgraded = try decreg.run(["upgrade", "--db", older], useDB: false)
        #expect(upgraded.status == 0, "\(upgraded.stderr)")
        let copies = try Self.names(decreg)
            .filter { $0.hasPrefix("register-0004.sqlite.before-0005_register_language-") }
        #expect(copies.count == 1)
        let copy = decreg.directory.appendingPathComponent(copies.first ?? "").path
        #expect(
            upgraded.stdout
                == "Upgraded \(older) from schema 4 to 10 (0005_register_language, 0006_checks_without_lists, 0007_accounts, "
                + "0008_log, 0009_finality, 0010_appeals); the register as it was is in "
                + "\(copy)\n")
        let checked = try decreg.run(["check", "--db", older], useDB: false)
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
        #expect(checked.stdout.contains("The register matches it: 1 decision"))
        #expect(try decreg.run(["decision", "show", "FLEMINGSBERG-2007", "--db", older], useDB: false).status == 0)
        // The copy is the register as it was: still of schema 4.
        let stillOld = try decreg.run(["check", "--db", copy], useDB: false)
        #expect(stillOld.stderr.contains("needs an upgrade (schema 4, this decreg has 10)"))
        let again = try decreg.run(["upgrade", "--db", older], useDB: false)
        #expect(again.status == 0)
        #expect(again.stdout == "\(older) is up to date (schema 10)\n")
        #expect(try Self.names(decreg).count == 2)
    }

    @Test("check and audit verify on a current register write nothing: the file and its folder stay as they were", .sqliteFile)
    func checkWritesNothing() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let digest = try Self.digest(decreg.db)
        let modified = try FileManager.default.attributesOfItem(atPath: decreg.db)[.modificationDate] as? Date
        for command in [["check"], ["audit", "verify"], ["decision", "list"], ["export"], ["reconcile"]] {
            _ = try decreg.run(command)
        }
        #expect(try Self.digest(decreg.db) == digest)
        #expect(try FileManager.default.attributesOfItem(atPath: decreg.db)[.modificationDate] as? Date == modified)
        #expect(try Self.names(decreg) == ["register.sqlite"])
    }

    // MARK: Failures of the file, said plainly

    /// Runs decreg as an unprivileged user: as root, through `setpriv` as `nobody` (root writes a 0444 file
    /// regardless of its mode); nil, with the reason recorded, when that cannot be done here.
    static func runUnprivileged(_ decreg: Decreg, _ arguments: [String]) throws -> Decreg.Result? {
        let process = Process()
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return nil }
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
            process.arguments = [
                "--reuid=nobody", "--regid=nogroup", "--clear-groups", Decreg.binary.path,
            ] + arguments
        } else {
            process.executableURL = Decreg.binary
            process.arguments = arguments
        }
        process.currentDirectoryURL = decreg.directory
        process.environment = ["USER": "e2e-registrar", "LANG": "C", "PATH": "/usr/bin:/bin"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let result = Decreg.Result(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
        // The binary must be reachable by `nobody` (a build folder only root may enter is not).
        if getuid() == 0, result.status == 127 || result.stderr.contains("setpriv:") { return nil }
        return result
    }

    /// Whether modes can stop decreg's writes here: not root, or root with `setpriv` to run it as `nobody`.
    static let canRunUnprivileged = getuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")

    @Test(
        "A read-only register: a change says so in one line, exit 2; reading it works",
        .enabled(if: RegisterFileEndToEndTests.canRunUnprivileged, "as root, needs setpriv: chmod does not stop root"),
        .sqliteFile)
    func readOnlyFile() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: decreg.db)
        let digest = try Self.digest(decreg.db)
        let change = ["party", "add", "NACKA", "--name", "Nacka", "--db", decreg.db]
        guard let added = try Self.runUnprivileged(decreg, change) else {
            Issue.record("decreg could not be run as nobody (is the build folder closed to other users?)")
            return
        }
        #expect(added.status == 2)
        #expect(added.stderr == "decreg: cannot write \(decreg.db): the file is read-only\n")
        let listed = try Self.runUnprivileged(decreg, ["decision", "list", "--format", "csv", "--db", decreg.db])
        #expect(listed?.status == 0, "\(listed?.stderr ?? "")")
        let checked = try Self.runUnprivileged(decreg, ["check", "--db", decreg.db])
        #expect(checked?.status == 0, "\(checked?.stderr ?? "")")
        #expect(try Self.digest(decreg.db) == digest)
    }

    @Test(
        "init in a folder it may not write names the path and the cause; a change there names the folder",
        .enabled(if: RegisterFileEndToEndTests.canRunUnprivileged, "as root, needs setpriv: modes do not stop root"))
    func unwritableFolder() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        let locked = decreg.directory.appendingPathComponent("locked")
        try FileManager.default.createDirectory(at: locked, withIntermediateDirectories: false)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: decreg.directory.path)
        let path = locked.appendingPathComponent("register.sqlite").path
        // A register in it, writable itself, made before the folder is locked.
        #expect(try decreg.run(["init", "--db", path], useDB: false).status == 0)
        try FileManager.default.setAttributes([.posixPermissions: 0o666], ofItemAtPath: path)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: locked.path)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: locked.path) }
        let other = locked.appendingPathComponent("new.sqlite").path
        guard let created = try Self.runUnprivileged(decreg, ["init", "--db", other]) else {
            Issue.record("decreg could not be run as nobody (is the build folder closed to other users?)")
            return
        }
        #expect(created.status == 2)
        #expect(
            created.stderr
                == "decreg: cannot create \(other): the folder \(locked.path) is not writable (permission denied)\n")
        #expect(!FileManager.default.fileExists(atPath: other))
        let nowhere = decreg.directory.appendingPathComponent("no/such/folder/register.sqlite").path
        let missing = try decreg.run(["init", "--db", nowhere], useDB: false)
        #expect(missing.status == 2)
        #expect(
            missing.stderr
                == "decreg: cannot create \(nowhere): the folder \(decreg.directory.path)/no/such/folder does not "
                + "exist\n")
        let changed = try Self.runUnprivileged(decreg, ["party", "add", "NACKA", "--name", "Nacka", "--db", path])
        #expect(changed?.status == 2)
        #expect(
            changed?.stderr
                == "decreg: cannot write \(path): the folder \(locked.path) is read-only, and every change writes its "
                + "journal there\n")
    }

    /// Runs a system tool, for the tests that set up a small disk; its status.
    @discardableResult
    static func tool(_ path: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Whether a small tmpfs can be mounted here (root, with the right to mount), to fill a disk in a test.
    static let canMountSmallDisk: Bool = {
        guard getuid() == 0 else { return false }
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-mount-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: probe, withIntermediateDirectories: false)) != nil else {
            return false
        }
        defer { try? FileManager.default.removeItem(at: probe) }
        guard tool("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", probe.path]) == 0 else { return false }
        tool("/bin/umount", [probe.path])
        return true
    }()

    @Test(
        "A full disk: the change is refused in one line naming the file, exit 2, and the register stays as it was",
        .enabled(if: RegisterFileEndToEndTests.canMountSmallDisk, "needs root and the right to mount a small tmpfs"))
    func diskFull() throws {
        let decreg = try Decreg(initialise: false)
        defer { decreg.remove() }
        let disk = decreg.directory.appendingPathComponent("disk")
        try FileManager.default.createDirectory(at: disk, withIntermediateDirectories: false)
        #expect(Self.tool("/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.path]) == 0)
        defer { Self.tool("/bin/umount", [disk.path]) }
        let path = disk.appendingPathComponent("register.sqlite").path
        #expect(try decreg.run(["init", "--db", path], useDB: false).status == 0)
        let before = try decreg.run(["export", "--db", path], useDB: false).stdout
        // The disk filled up to its last 8 KB: the seed decision and the journal beside it need more.
        let filler = disk.appendingPathComponent("filler").path
        FileManager.default.createFile(atPath: filler, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: filler))
        let block = Data(count: 4096)
        while (try? handle.write(contentsOf: block)) != nil {}
        try handle.truncate(atOffset: max(0, try handle.offset() - 8192))
        try handle.close()
        let imported = try decreg.run(
            ["import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml"), "--db", path], useDB: false)
        #expect(imported.status == 2)
        #expect(
            imported.stderr
                == "decreg: cannot write \(path): the disk is full; nothing was written, free some space and try "
                + "again\n")
        #expect(try decreg.run(["check", "--db", path], useDB: false).status == 0)
        #expect(try decreg.run(["export", "--db", path], useDB: false).stdout == before)
    }

    @Test("A damaged register: one line naming the file and what to do, exit 2, never SQL", .sqliteFile)
    func damaged() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        // Every page after the first given a header no b-tree page has.
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: decreg.db))
        let pages = Int(try handle.seekToEnd()) / 4096
        for page in 1..<pages {
            try handle.seek(toOffset: UInt64(page * 4096))
            try handle.write(contentsOf: Data([0x0D, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]))
        }
        try handle.close()
        let message =
            "decreg: cannot read \(decreg.db): the database is damaged; restore a checked backup (decreg check "
            + "--db COPY)\n"
        for command in [["decision", "list"], ["party", "add", "NACKA", "--name", "Nacka"], ["check"]] {
            let result = try decreg.run(command)
            #expect(result.status == 2, "\(command)")
            #expect(result.stderr == message, "\(command)")
        }
    }

    @Test("serve on a port in use: one plain line and exit 2")
    func portInUse() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        // A listening socket on a port the system chose, held while decreg is asked to serve on it.
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(socket >= 0)
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(socket, generic, length) == 0 ? getsockname(socket, generic, &length) : -1
            }
        }
        #expect(bound == 0)
        #expect(listen(socket, 1) == 0)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let process = Process()
        process.executableURL = Decreg.binary
        process.arguments = ["serve", "--port", String(port), "--db", decreg.db]
        process.environment = ["LANG": "C", "PATH": "/usr/bin:/bin"]
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // It must give up at once; should it serve instead, it is stopped after 20 s and the test fails.
        let stop = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 20, execute: stop)
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        stop.cancel()
        #expect(process.terminationStatus == 2)
        #expect(
            message == "decreg: cannot listen on 127.0.0.1:\(port): the port is in use; choose another with --port\n")
    }

    @Test("attach add refuses a device and a system file (unless --allow-system-file); an import the same")
    func attachmentFiles() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let before = try decreg.export()
        func attach(_ file: String, _ extra: [String] = []) throws -> Decreg.Result {
            try decreg.run(["attach", "add", "FLEMINGSBERG-2007", file, "--label", "Bilaga 9"] + extra)
        }
        let zero = try attach("/dev/zero")
        #expect(zero.status == 2)
        #expect(zero.stderr == "decreg: /dev/zero is not a regular file\n")
        let passwd = try attach("/etc/passwd")
        #expect(passwd.status == 2)
        #expect(
            passwd.stderr
                == "decreg: /etc/passwd is a system file (under /etc), and attachments are published; give "
                + "--allow-system-file if it is meant to be stored\n")
        // A link to a system file is judged by what it points to.
        let link = decreg.directory.appendingPathComponent("innocent.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "/etc/passwd")
        #expect(try attach(link).stderr.contains("is a system file (under /etc)"))
        #expect(try decreg.export() == before)
        #expect(try attach("/etc/passwd", ["--allow-system-file"]).status == 0)
        // An import naming a pipe as an attachment is refused, not read forever.
        let pipe = decreg.directory.appendingPathComponent("pipe.pdf").path
        #expect(mkfifo(pipe, 0o600) == 0)
        let yaml = try decreg.write(
            "pipe.yaml",
            """
            decisions:
              - ref: PIPE-2026
                title: Bilaga som inte är en fil
                date: 2026-01-15
                parties: [SLL]
                attachments:
                  - {label: Bilaga 1, file: pipe.pdf}
            """)
        let imported = try decreg.run("import", yaml)
        #expect(imported.status == 2)
        #expect(
            imported.stderr
                == "decreg: \(yaml):7: decisions[0].attachments[0].file: attachment file 'pipe.pdf' is not a regular "
                + "file\n")
    }
}

extension RegisterFileEndToEndTests {
    @Test("serve refuses OParl options without --public-url, and ones that are not an address, an e-mail or a name")
    func serveRefusesOParlOptions() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        for (arguments, words) in [
            (["--oparl-name", "Södertörn"], "--oparl-name: give the site's address with --public-url too"),
            (["--public-url", "https://r.example.se", "--oparl-vendor", "huddinge.se"], "--oparl-vendor: give a web address"),
            (["--public-url", "https://r.example.se", "--oparl-contact-email", "registrator"], "--oparl-contact-email:"),
            (["--public-url", "https://r.example.se", "--oparl-name", "två\nrader"], "--oparl-name: give a name on one line"),
        ] {
            let refused = try decreg.run(["serve", "--port", "0"] + arguments)
            #expect(refused.status != 0 && refused.stderr.contains(words), "\(arguments): \(refused.stderr)")
        }
    }
}
