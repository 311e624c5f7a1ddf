import Foundation
import Testing

/// `decreg log`: keys, checkpoints, a party's witness cosigning, proofs checked with no register, and the tree kept
/// with the trail — run as a registrar and the parties' witnesses would, on the bundled fixtures.
@Suite("The transparency log on the command line")
struct LogCommandTests {
    /// A register with the fixtures, a log key and two witnesses' keys (Huddinge's and Botkyrka's).
    struct Log {
        let decreg: Decreg
        let logKey: String
        let witnesses: [(name: String, key: String, vkey: String)]

        init() throws {
            decreg = try Decreg()
            for file in decreg.allFixtures { _ = try decreg.run("import", file) }
            let dir = decreg.directory.path
            let made = try decreg.run(
                ["log", "key", "generate", "--name", "register.example.se/flemingsberg", "--output", "\(dir)/log.key"],
                useDB: false)
            #expect(made.status == 0, "\(made.stderr)")
            logKey = made.stdout.trimmingCharacters(in: .newlines)
            var witnesses: [(String, String, String)] = []
            for party in ["huddinge", "botkyrka"] {
                let key = "\(dir)/\(party).key"
                let vkey = try decreg.run(
                    ["log", "key", "generate", "--name", "\(party).se/witness", "--output", key, "--witness"], useDB: false)
                witnesses.append((party, key, vkey.stdout.trimmingCharacters(in: .newlines)))
            }
            self.witnesses = witnesses
        }

        var dir: String { decreg.directory.path }

        /// A witness cosigns `checkpoint` (a file) against the register; the cosigned text, or the refusal.
        func cosign(_ witness: Int, _ checkpoint: String) throws -> Decreg.Result {
            try decreg.run(
                "log", "cosign", checkpoint, "--key", witnesses[witness].key, "--log-key", logKey, "--state",
                "\(dir)/state-\(witnesses[witness].name)")
        }

        func write(_ text: String, _ name: String) throws -> String {
            let path = "\(dir)/\(name)"
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            return path
        }
    }

    @Test("Keys in the signed-note form; the private key written 0600 and never overwritten")
    func keys() throws {
        let log = try Log()
        defer { log.decreg.remove() }
        #expect(log.logKey.hasPrefix("register.example.se/flemingsberg+"))
        let parts = log.logKey.split(separator: "+", maxSplits: 2)
        #expect(parts.count == 3 && parts[1].count == 8 && Data(base64Encoded: String(parts[2]))?.first == 0x01)
        #expect(Data(base64Encoded: String(log.witnesses[0].vkey.split(separator: "+", maxSplits: 2)[2]))?.first == 0x04)
        let attributes = try FileManager.default.attributesOfItem(atPath: "\(log.dir)/log.key")
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try String(contentsOfFile: "\(log.dir)/log.key", encoding: .utf8).hasPrefix("PRIVATE+KEY+register.example.se/flemingsberg+"))
        let again = try log.decreg.run(
            ["log", "key", "generate", "--name", "x", "--output", "\(log.dir)/log.key"], useDB: false)
        #expect(again.status != 0 && again.stderr.contains("--output") && again.stderr.contains("never overwritten"))
        let spaced = try log.decreg.run(["log", "key", "generate", "--name", "a b", "--output", "\(log.dir)/x.key"], useDB: false)
        #expect(spaced.status != 0 && spaced.stderr.contains("--name"))
    }

    @Test("Checkpoint, witnesses cosign, a proof that verifies with no register; rollbacks and forks refused")
    func checkpointCosignProve() throws {
        let log = try Log()
        defer { log.decreg.remove() }
        let entries = try log.decreg.run("audit", "head").stdout.split(separator: " ").first.map(String.init) ?? ""
        let published = try log.decreg.run("log", "checkpoint", "--key", "\(log.dir)/log.key", "--publish")
        #expect(published.status == 0, "\(published.stderr)")
        let lines = published.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "register.example.se/flemingsberg" && lines[1] == Substring(entries))
        #expect(lines[4].hasPrefix("— register.example.se/flemingsberg "))
        let checkpoint = try log.write(published.stdout, "checkpoint")

        // Both witnesses cosign the first checkpoint they see, and the register records their cosignatures.
        for witness in 0..<2 {
            let cosigned = try log.cosign(witness, checkpoint)
            #expect(cosigned.status == 0, "\(cosigned.stderr)")
            #expect(cosigned.stdout.contains("— \(log.witnesses[witness].name).se/witness "))
            let file = try log.write(cosigned.stdout, "cosigned-\(witness)")
            let added = try log.decreg.run("log", "add-cosignature", file)
            #expect(added.status == 0, "\(added.stderr)")
        }

        // A proof of the Flemingsberg 2007 decision, with its record, checked with no register.
        let proof = "\(log.dir)/flemingsberg.tlog-proof"
        let record = "\(log.dir)/flemingsberg.json"
        let proved = try log.decreg.run(
            "log", "prove", "FLEMINGSBERG-2007", "--output", proof, "--record", record)
        #expect(proved.status == 0, "\(proved.stderr)")
        let text = try String(contentsOfFile: proof, encoding: .utf8)
        #expect(text.hasPrefix("c2sp.org/tlog-proof@v1\nextra "))
        #expect(text.contains("— huddinge.se/witness ") && text.contains("— botkyrka.se/witness "))
        let verify = ["log", "verify-proof", proof, "--log-key", log.logKey]
        let witnessed = verify + log.witnesses.flatMap { ["--witness", $0.vkey] }
        let held = try log.decreg.run(witnessed + ["--quorum", "2", "--record", record], useDB: false)
        #expect(held.status == 0, "\(held.stderr)")
        #expect(held.stdout.contains("The proof holds") && held.stdout.contains("cosigned by huddinge.se/witness, botkyrka.se/witness"))

        // Each check, failing, is named: another record, a third witness that did not cosign, a wrong log key.
        let other = try log.write("{\"ref\":\"FLEMINGSBERG-2007\"}", "other.json")
        let wrongRecord = try log.decreg.run(witnessed + ["--record", other], useDB: false)
        #expect(wrongRecord.status == 1 && wrongRecord.stderr.contains("does not commit to"))
        let third = try log.decreg.run(
            ["log", "key", "generate", "--name", "sll.se/witness", "--output", "\(log.dir)/sll.key", "--witness"],
            useDB: false
        ).stdout.trimmingCharacters(in: .newlines)
        let short = try log.decreg.run(witnessed + ["--witness", third], useDB: false)
        #expect(short.status == 1 && short.stderr.contains("2 of 3 witnesses cosigned, 3 required"))
        let unknownLog = try log.decreg.run(
            ["log", "verify-proof", proof, "--log-key", log.witnesses[0].vkey], useDB: false)
        #expect(unknownLog.status != 0 && unknownLog.stderr.contains("witness's key, not the log's"))
        // A proof whose entry was altered (another index) fails the inclusion check.
        let altered = try log.write(text.replacingOccurrences(of: "\nindex ", with: "\nindex 1"), "altered.tlog-proof")
        let moved = try log.decreg.run(["log", "verify-proof", altered, "--log-key", log.logKey], useDB: false)
        #expect(moved.status == 1 && moved.stderr.contains("is not in the tree"), "\(moved.stderr)")

        // The register grows; the witness cosigns the newer checkpoint, proved consistent with what it saw.
        #expect(try log.decreg.run("decision", "correct", "FLEMINGSBERG-2007", "--title", "Ny rubrik", "--reason", "stavning").status == 0)
        let newer = try log.write(
            try log.decreg.run("log", "checkpoint", "--key", "\(log.dir)/log.key", "--publish").stdout, "newer")
        #expect(try log.cosign(0, newer).status == 0)
        // The older checkpoint again: a rollback, refused.
        let rollback = try log.cosign(0, checkpoint)
        #expect(rollback.status == 1 && rollback.stderr.contains("rollback refused"), "\(rollback.stderr)")
        // A checkpoint of another tree of the same log (a fork), signed with the log's own key: refused.
        let forkDecreg = try Decreg()
        defer { forkDecreg.remove() }
        _ = try forkDecreg.run("import", forkDecreg.fixture("flemingsberg/flemingsberg-2007.yaml"))
        for _ in 0..<40 {
            _ = try forkDecreg.run("decision", "correct", "FLEMINGSBERG-2007", "--title", "Annan", "--reason", "gaffel")
            _ = try forkDecreg.run("decision", "correct", "FLEMINGSBERG-2007", "--title", "Annan 2", "--reason", "gaffel")
        }
        let fork = try log.write(
            try forkDecreg.run("log", "checkpoint", "--key", "\(log.dir)/log.key").stdout, "fork")
        let forked = try log.decreg.run(
            [
                "log", "cosign", fork, "--key", log.witnesses[0].key, "--log-key", log.logKey, "--state",
                "\(log.dir)/state-huddinge", "--db", forkDecreg.db,
            ], useDB: false)
        #expect(forked.status == 1 && forked.stderr.contains("fork refused"), "\(forked.stderr)")

        // The consistency proof between the two published sizes, and audit verify against the first checkpoint.
        let size = Int(entries) ?? 0
        let consistency = try log.decreg.run("log", "consistency", String(size))
        #expect(consistency.status == 0 && !consistency.stdout.isEmpty)
        #expect(consistency.stdout.split(separator: "\n").allSatisfy { Data(base64Encoded: String($0))?.count == 32 })
        let verified = try log.decreg.run("audit", "verify", "--checkpoint", checkpoint, "--log-key", log.logKey)
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
        let notOurs = try log.decreg.run("audit", "verify", "--checkpoint", fork, "--log-key", log.logKey)
        #expect(notOurs.status == 1 && notOurs.stdout.contains("the checkpoint of"), "\(notOurs.stdout)")
    }

    @Test("The seed decision's three parties cosign; its printed summary carries a proof that verifies with quorum 3")
    func summaryCarriesAProofForThreeWitnesses() throws {
        let log = try Log()
        defer { log.decreg.remove() }
        let sll = try log.decreg.run(
            ["log", "key", "generate", "--name", "sll.se/witness", "--output", "\(log.dir)/sll.key", "--witness"],
            useDB: false
        ).stdout.trimmingCharacters(in: .newlines)
        let witnesses = log.witnesses.map { ($0.key, $0.vkey, $0.name) } + [("\(log.dir)/sll.key", sll, "sll")]
        let checkpoint = try log.write(
            try log.decreg.run("log", "checkpoint", "--key", "\(log.dir)/log.key", "--publish").stdout, "checkpoint")
        for (key, _, name) in witnesses {
            let cosigned = try log.decreg.run(
                "log", "cosign", checkpoint, "--key", key, "--log-key", log.logKey, "--state", "\(log.dir)/state-\(name)")
            #expect(cosigned.status == 0, "\(cosigned.stderr)")
            #expect(try log.decreg.run("log", "add-cosignature", try log.write(cosigned.stdout, "c-\(name)")).status == 0)
        }
        let summary = try log.decreg.run("summary", "FLEMINGSBERG-2007", "--lang", "en").stdout
        #expect(summary.contains("## Proof in the log"))
        let start = try #require(summary.range(of: "```text\n"))
        let end = try #require(summary.range(of: "\n```", range: start.upperBound..<summary.endIndex))
        let proof = try log.write(String(summary[start.upperBound..<end.lowerBound]) + "\n", "printed.tlog-proof")
        let html = try log.decreg.run("summary", "FLEMINGSBERG-2007", "--format", "html").stdout
        #expect(html.contains("<pre class=\"proof\">c2sp.org/tlog-proof@v1\nextra "))
        let record = "\(log.dir)/record.json"
        _ = try log.decreg.run("log", "prove", "FLEMINGSBERG-2007", "--output", "\(log.dir)/unused", "--record", record)
        let verified = try log.decreg.run(
            ["log", "verify-proof", proof, "--log-key", log.logKey, "--quorum", "3", "--record", record]
                + witnesses.flatMap { ["--witness", $0.1] }, useDB: false)
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stdout.contains("cosigned by huddinge.se/witness, botkyrka.se/witness, sll.se/witness"))
    }

    @Test("A rewritten entry and a truncated trail are caught by the witness and by audit verify --checkpoint", .sqliteFile)
    func rewrittenAndTruncatedAreCaught() throws {
        for (name, sql) in [
            (
                "rewritten",
                "DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_tree_no_update; "
                    + "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3"
            ),
            (
                "truncated",
                "DROP TRIGGER audit_entry_no_delete; DROP TRIGGER audit_tree_no_delete; "
                    + "DELETE FROM audit_entry WHERE seq > 5; DELETE FROM audit_tree WHERE (idx + 1) << level > 5"
            ),
        ] {
            let log = try Log()
            defer { log.decreg.remove() }
            let checkpoint = try log.write(
                try log.decreg.run("log", "checkpoint", "--key", "\(log.dir)/log.key", "--publish").stdout, "first")
            #expect(try log.cosign(0, checkpoint).status == 0)
            _ = try log.decreg.shell("sqlite3 \"$0\" \"$1\"", arguments: [log.decreg.db, sql])
            let verified = try log.decreg.run("audit", "verify", "--checkpoint", checkpoint, "--log-key", log.logKey)
            #expect(verified.status == 1, "\(name): \(verified.stdout)")
            #expect(verified.stdout.contains("the checkpoint of") || verified.stdout.contains("audit entry 3"), "\(name)")
            if name == "truncated" {
                #expect(verified.stdout.contains("the log has only 5 entries: it was cut short"), "\(verified.stdout)")
                _ = try log.decreg.run("decision", "correct", "FLEMINGSBERG-2007", "--title", "T", "--reason", "r")
                let newer = try log.write(
                    try log.decreg.run("log", "checkpoint", "--key", "\(log.dir)/log.key").stdout, "newer")
                let refused = try log.cosign(0, newer)
                #expect(refused.status == 1 && refused.stderr.contains("rollback refused"), "\(refused.stderr)")
            }
        }
    }

    @Test("Two copies that diverge after a shared checkpoint: the witness refuses the second, audit verify names it", .sqliteFile)
    func forkAfterASharedCheckpoint() throws {
        let log = try Log()
        defer { log.decreg.remove() }
        let shared = try log.write(
            try log.decreg.run("log", "checkpoint", "--key", "\(log.dir)/log.key", "--publish").stdout, "shared")
        #expect(try log.cosign(0, shared).status == 0)
        let copy = "\(log.dir)/copy.sqlite"
        try FileManager.default.copyItem(atPath: log.decreg.db, toPath: copy)
        #expect(try log.decreg.run("decision", "correct", "FLEMINGSBERG-2007", "--title", "A", "--reason", "a").status == 0)
        let a = try log.write(try log.decreg.run("log", "checkpoint", "--key", "\(log.dir)/log.key").stdout, "a")
        #expect(try log.cosign(0, a).status == 0)
        let changed = try log.decreg.run(
            ["decision", "correct", "FLEMINGSBERG-2007", "--title", "B", "--reason", "b", "--db", copy], useDB: false)
        #expect(changed.status == 0)
        let b = try log.write(
            try log.decreg.run(["log", "checkpoint", "--key", "\(log.dir)/log.key", "--db", copy], useDB: false).stdout, "b")
        #expect(Array(try String(contentsOfFile: a, encoding: .utf8).split(separator: "\n")[1])
            == Array(try String(contentsOfFile: b, encoding: .utf8).split(separator: "\n")[1]), "the same size")
        let refused = try log.decreg.run(
            [
                "log", "cosign", b, "--key", log.witnesses[0].key, "--log-key", log.logKey, "--state",
                "\(log.dir)/state-huddinge", "--db", copy,
            ], useDB: false)
        #expect(refused.status == 1 && refused.stderr.contains("fork refused"), "\(refused.stderr)")
        let verified = try log.decreg.run(
            ["audit", "verify", "--checkpoint", a, "--log-key", log.logKey, "--db", copy], useDB: false)
        #expect(verified.status == 1 && verified.stdout.contains("today's log does not extend it"), "\(verified.stdout)")
        // Each copy still extends the checkpoint they shared.
        #expect(
            try log.decreg.run(["audit", "verify", "--checkpoint", shared, "--log-key", log.logKey, "--db", copy], useDB: false)
                .status == 0)
    }

    @Test("prove without a published checkpoint says how to publish; with --key it publishes one")
    func proveNeedsACheckpoint() throws {
        let log = try Log()
        defer { log.decreg.remove() }
        let none = try log.decreg.run("log", "prove", "FLEMINGSBERG-2007")
        #expect(none.status != 0 && none.stderr.contains("decreg log checkpoint --key KEY --publish"), "\(none.stderr)")
        let proved = try log.decreg.run("log", "prove", "FLEMINGSBERG-2007", "--key", "\(log.dir)/log.key")
        #expect(proved.status == 0 && proved.stdout.hasPrefix("c2sp.org/tlog-proof@v1\n"), "\(proved.stderr)")
        let file = try log.write(proved.stdout, "p.tlog-proof")
        #expect(try log.decreg.run(["log", "verify-proof", file, "--log-key", log.logKey], useDB: false).status == 0)
        let unknown = try log.decreg.run("log", "prove", "NO-SUCH")
        #expect(unknown.status != 0 && unknown.stderr.contains("NO-SUCH"))
    }

    @Test("The stored tree is checked by audit verify: an altered hash is named", .sqliteFile)
    func treeTamperingIsCaught() throws {
        let log = try Log()
        defer { log.decreg.remove() }
        #expect(try log.decreg.run("audit", "verify").status == 0)
        _ = try log.decreg.shell(
            "sqlite3 \"$0\" \"DROP TRIGGER audit_tree_no_update; UPDATE audit_tree SET hash = zeroblob(32) WHERE level = 0 AND idx = 5\"",
            arguments: [log.decreg.db])
        let broken = try log.decreg.run("audit", "verify")
        #expect(broken.status == 1 && broken.stdout.contains("the log's subtree 0/5 (level/index) does not hash its entries"),
            "\(broken.stdout)")
    }
}
