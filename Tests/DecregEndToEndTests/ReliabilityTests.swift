import Foundation
import Testing

@Suite("Reliability: concurrent clerks, crashes, backups, schema versions")
struct ReliabilityTests {
    /// An import file of `count` small decisions with refs PREFIX-1…, binding parties declared in the file.
    static func decisions(_ prefix: String, count: Int) -> String {
        var yaml = """
            parties:
              - {code: HUDDINGE, name: Huddinge kommun, kind: municipality, org_number: 212000-0142}
              - {code: BOTKYRKA, name: Botkyrka kommun, kind: municipality, org_number: 212000-2882}
            bodies:
              - {code: HUD-KF, name: Kommunfullmäktige i Huddinge, kind: assembly, parties: [HUDDINGE]}
            decisions:

            """
        for index in 1...count {
            yaml += """
                  - ref: \(prefix)-\(index)
                    title: Samverkan \(prefix) nummer \(index)
                    date: 2024-01-\(String(format: "%02d", index % 28 + 1))
                    parties: [HUDDINGE, BOTKYRKA]
                    clauses: [att anslå medel till samverkan \(index)]
                    funding:
                      - {year: 2025, total: 300 tkr, split: {HUDDINGE: 2/3, BOTKYRKA: 1/3}}
                    steps:
                      - {body: HUD-KF, date: 2024-02-01, outcome: adopted, amount: 200 tkr}

                """
        }
        return yaml
    }

    @Test("Writers and readers at once: every write lands, no one sees 'database is locked', the trail holds")
    func concurrentClerks() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        let writers = 4
        let perWriter = 8
        let files = try (1...writers).map { try decreg.write("clerk-\($0).yaml", Self.decisions("C\($0)", count: perWriter)) }
        let results = LockedResults()
        DispatchQueue.concurrentPerform(iterations: writers + 2) { index in
            do {
                if index < writers {
                    // Each clerk imports a file, then records a step on one of its decisions.
                    results.add(try decreg.run("import", files[index], "--actor", "clerk\(index)"))
                    results.add(try decreg.run(
                        "step", "add", "C\(index + 1)-1", "--body", "HUD-KF", "--date", "2024-03-01", "--outcome",
                        "adopted", "--amount", "2025=200 tkr", "--actor", "clerk\(index)"))
                } else {
                    for _ in 0..<6 {
                        results.add(try decreg.run("decision", "list", "--format", "csv"))
                        results.add(try decreg.run("totals", "--by", "party"))
                    }
                }
            } catch {
                results.fail("\(error)")
            }
        }
        for result in results.all {
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!result.stderr.contains("locked"))
        }
        #expect(results.failures.isEmpty)
        let list = try decreg.run("decision", "list", "--format", "csv")
        #expect(list.stdout.components(separatedBy: "\r\n").count == writers * perWriter + 2)
        let verified = try decreg.run("audit", "verify")
        #expect(verified.status == 0, "\(verified.stdout)")
        #expect(verified.stdout.contains("The register matches it: \(writers * perWriter) decisions"))
    }

    @Test("An import killed with SIGKILL at any moment leaves the register exactly as it was")
    func killedImport() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run("import", decreg.fixture("flemingsberg/flemingsberg-2007.yaml")).status == 0)
        let before = try decreg.export()
        let big = try decreg.write("big.yaml", Self.decisions("BIG", count: 400))
        // Kill at a spread of moments, from start-up to near the end of the write.
        var interrupted = 0
        defer { #expect(interrupted >= 3, "only \(interrupted) kills landed before the import finished") }
        for delay in [0.02, 0.08, 0.15, 0.3, 0.5, 0.8] {
            let process = Process()
            process.executableURL = Decreg.binary
            process.arguments = ["import", big, "--db", decreg.db]
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let check = try decreg.run("check")
            #expect(check.status == 0, "after SIGKILL at \(delay) s: \(check.stdout)")
            if process.terminationReason == .uncaughtSignal, try decreg.export() == before {
                interrupted += 1
            } else if process.terminationReason == .uncaughtSignal {
                // The kill landed after the commit, while the process was exiting: then all of the import is there.
                let listed = try decreg.run("decision", "list", "--format", "csv").stdout
                #expect(listed.split(separator: "\r\n").count == 1 + 1 + 400, "SIGKILL at \(delay) s left a partial import")
                return
            } else {
                // The import finished before the kill: all of it is there.
                let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                #expect(process.terminationStatus == 0, "the import failed on its own: \(message)")
                #expect(try decreg.run("decision", "show", "BIG-400").status == 0)
                return
            }
        }
    }

    @Test("A backup is a consistent, checkable register; it refuses to overwrite without --force", .sqliteFile)
    func backup() throws {
        let decreg = try Decreg()
        defer { decreg.remove() }
        #expect(try decreg.run(["import"] + decreg.allFixtures).status == 0)
        let copy = decreg.directory.appendingPathComponent("copy.sqlite").path
        let made = try decreg.run("backup", copy)
        #expect(made.status == 0)
        let head = try decreg.run("audit", "head").stdout.trimmingCharacters(in: .newlines)
        #expect(made.stdout == "Backed up \(decreg.db) to \(copy) (audit head \(head))\n")
        let checked = try decreg.run(["check", "--db", copy], useDB: false)
        #expect(checked.status == 0)
        #expect(checked.stdout.contains("The register matches it: 3 decisions"))
        let again = try decreg.run("backup", copy)
        #expect(again.status == 2)
        #expect(again.stderr == "decreg: \(copy) exists; add --force to overwrite it\n")
        #expect(try decreg.run("backup", copy, "--force").status == 0)
    }
}

/// Results gathered from concurrent runs.
final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Decreg.Result] = []
    private var errors: [String] = []

    func add(_ result: Decreg.Result) { lock.withLock { results.append(result) } }
    func fail(_ message: String) { lock.withLock { errors.append(message) } }
    var all: [Decreg.Result] { lock.withLock { results } }
    var failures: [String] { lock.withLock { errors } }
}
