import DecregDomain
import Foundation
import GRDB
import Testing

@testable import DecregStore

@Suite("The audit trail records every change")
struct AuditTrailTests {
    @Test("Each imported entity gets an entry with actor and command, chained by hash")
    func chain() throws {
        let register = try Sample.register()
        try register.apply(
            .addStep(HandlingStep(body: "HUD-KF", date: Sample.date("2007-09-17"), outcome: .adopted)), to: "FLEMINGSBERG-2007",
            context: ChangeContext(actor: "anna", command: "decreg step add FLEMINGSBERG-2007"))
        let entries = try register.auditEntries()
        #expect(entries.map(\.entity) == Array(repeating: "party", count: 3) + Array(repeating: "body", count: 4)
            + ["decision", "decision"])
        #expect(entries.map(\.seq) == Array(1...9))
        #expect(entries[0].previousHash == String(repeating: "0", count: 64))
        for (earlier, later) in zip(entries, entries.dropFirst()) {
            #expect(later.previousHash == earlier.hash)
        }
        let allValid = entries.allSatisfy(\.hashIsValid)
        #expect(allValid)
        #expect(entries[7].before == nil)
        #expect(entries[8].actor == "anna")
        #expect(entries[8].command == "decreg step add FLEMINGSBERG-2007")
        #expect(entries[8].before == entries[7].after)
        #expect(entries[8].after?.contains("\"outcome\":\"adopted\"") == true)
        #expect(try register.auditEntries(decision: "FLEMINGSBERG-2007").count == 2)
    }

    @Test("A changed entry no longer matches its hash")
    func tamperedEntryIsDetectable() throws {
        var entry = try Sample.register().auditEntries()[0]
        entry.actor = "mallory"
        #expect(!entry.hashIsValid)
    }

    @Test("The audit table refuses UPDATE and DELETE")
    func appendOnly() throws {
        let register = try Sample.register()
        #expect(throws: RegisterError.self) {
            try register.write { try $0.execute(sql: "UPDATE audit_entry SET actor = 'x'") }
        }
        #expect(throws: RegisterError.self) {
            try register.write { try $0.execute(sql: "DELETE FROM audit_entry") }
        }
        #expect(try register.auditEntries().count == 8)
    }

    @Test("A write between the two connections' reads: the second connection's answer is set aside, all is checked on one")
    func sideChecksOfAnotherState() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-side-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("register.sqlite").path
        let register = try Register.create(path: path)
        try register.add(RegisterBatch(parties: Sample.parties, bodies: Sample.bodies, decisions: [Sample.decision()]),
                         context: Sample.context)
        let side = AuditSideChecks(path: path)
        let before = try #require(side.result(ifHeadIs: try register.auditHead()))
        #expect(before.chain.entries == 8)
        try register.add(
            RegisterBatch(parties: [Party(code: "NACKA", name: "Nacka kommun", kind: .municipality)]),
            context: Sample.context)
        let report = try register.read { db in try AuditVerifier.verify(db, published: nil, sideChecks: side) }
        #expect(report.intact)
        #expect(report.entries == 9)
        #expect(report.head == (try register.auditHead()))
        #expect(report.checked["party"] == 4)
    }
}
