import Crypto
import DecregDomain
import Foundation
import GRDB

/// Proves the audit trail unbroken, and the register's content exactly what the trail says it should be.
///
/// Both passes read straight from SQLite's rows: the chain re-hashes each entry's header with the encoding that
/// wrote it (`AuditTrail.writeHeader`), and the content pass reads every decision back from ordered table scans
/// (`DecisionScanner`), writes its canonical JSON with the one writer that wrote the trail (`canonicalRecord`)
/// and compares its hash with its latest entry's. Only entities that differ are looked at again, to say where.
enum AuditVerifier {
    struct EntityKey: Hashable, Sendable {
        var entity: String
        var key: String
    }

    /// An entity's latest audit entry and the hash of its `after`.
    struct Recorded: Sendable {
        var seq: Int64
        var digest: SHA256.Digest?
    }

    /// What the walk of the trail found.
    struct Chain: Sendable {
        var entries = 0
        var head: AuditHead?
        var problems: [AuditProblem] = []
        var latest: [EntityKey: Recorded] = [:]
        /// The leaf hash of each entry in the log's tree, while the chain holds.
        var leafHashes: [TreeHash] = []
    }

    /// What the walk of the tables found: every entity with the hash of its canonical JSON, in the order walked.
    struct Content {
        var entities: [(key: EntityKey, table: String, digest: SHA256.Digest)] = []
        var checked: [String: Int] = [:]
        /// Derived data that disagrees with what it derives from (status, search text).
        var derived: [AuditProblem] = []
        /// The canonical JSON of the entities asked for.
        var kept: [EntityKey: [UInt8]] = [:]
    }

    /// `sideChecks`: the trail walk and the other checks, already started on a second connection; nil to run
    /// them all here, one after the other.
    static func verify(_ db: Session, published: AuditHead?, sideChecks: AuditSideChecks? = nil) throws -> AuditReport {
        let currentHead = try AuditHead.latest(db)
        let content = try walkContent(db)
        // The side connection's answer counts only if it read the same register (its trail ends at the same head).
        let side = sideChecks?.result(ifHeadIs: currentHead)
        var chain = try side?.chain ?? walkChain(db)
        var derived = try side?.problems ?? AuditSideChecks.run(db)

        var report = AuditReport()
        report.entries = chain.entries
        report.head = chain.head
        report.checked = content.checked
        report.problems = chain.problems
        // The log's tree, when the chain it is built on holds.
        if chain.problems.isEmpty { report.problems += try AuditTree.check(db, leafHashes: chain.leafHashes) }
        if let published {
            let found = try String.fetchOne(
                db, sql: "SELECT hash FROM audit_entry WHERE seq = ?", arguments: [published.seq])
            if found != published.hash { report.problems.append(.headMismatch(published, found: found)) }
        }

        // The content: every entity's canonical JSON must be the `after` of its latest entry.
        var differing: [(key: EntityKey, seq: Int64, table: String)] = []
        for entity in content.entities {
            guard let recorded = chain.latest.removeValue(forKey: entity.key) else {
                report.problems.append(.unrecorded(entity: entity.key.entity, key: entity.key.key, table: entity.table))
                continue
            }
            if recorded.digest != entity.digest { differing.append((entity.key, recorded.seq, entity.table)) }
        }
        if !differing.isEmpty {
            // Rare (the register was changed behind decreg's back): walk again, keeping what is needed to say where.
            let kept = try walkContent(db, keeping: Set(differing.map(\.key))).kept
            for entry in differing {
                let after = try String.fetchOne(
                    db, sql: "SELECT after FROM audit_entry WHERE seq = ?", arguments: [entry.seq])
                let change = JSONDifference.first(
                    recorded: after ?? "null", current: String(decoding: kept[entry.key] ?? [], as: UTF8.self))
                report.problems.append(.differs(
                    entity: entry.key.entity, key: entry.key.key, seq: entry.seq,
                    table: JSONDifference.table(
                        entity: entry.key.entity, path: change?.field ?? "", default: entry.table),
                    change: change))
            }
        }
        for (key, recorded) in chain.latest.sorted(by: { $0.value.seq < $1.value.seq }) where recorded.digest != nil {
            report.problems.append(.missing(
                entity: key.entity, key: key.key, seq: recorded.seq,
                table: JSONDifference.table(entity: key.entity, path: "", default: key.entity)))
        }
        derived += content.derived
        derived.sort { $0.description < $1.description }
        report.problems += derived
        return report
    }

    /// The chain: contiguous sequence numbers, each entry hashing its content and its predecessor's hash; and
    /// each entity's latest entry.
    static func walkChain(_ db: Session) throws -> Chain {
        var chain = Chain()
        var expectedSeq: Int64 = 1
        var previousHash = Array(AuditTrail.genesis.utf8)
        var chainBroken = false
        var header = CanonicalJSONWriter(capacity: 1024)
        var entries = try RawCursor(
            db,
            """
            SELECT seq, at, actor, command, entity, key, decision_ref, reason, before, after, prev_hash, hash
            FROM audit_entry ORDER BY seq
            """)
        while entries.hasRow {
            let seq = entries.int(0)
            let after = entries.optionalText(9).map { SHA256.hash(data: $0) }
            let hash = entries.text(11)
            if !chainBroken {
                let storedPrevious = entries.text(10)
                header.reset()
                AuditTrail.writeHeader(
                    seq: seq, at: entries.text(1), actor: entries.text(2), command: entries.text(3),
                    entity: entries.text(4), key: entries.text(5), decision: entries.optionalText(6),
                    reason: entries.optionalText(7), before: entries.optionalText(8).map { SHA256.hash(data: $0) },
                    after: after, previousHash: storedPrevious, to: &header)
                let computed = header.bytes.withUnsafeBytes { SHA256.hash(data: $0) }
                chain.leafHashes.append(MerkleTree<Leaves>.leafHash(header.bytes))
                if seq != expectedSeq {
                    chain.problems.append(.brokenChain(
                        seq: seq,
                        reason: seq > expectedSeq
                            ? .missingEntries(from: expectedSeq, to: seq - 1) : .outOfOrder(after: expectedSeq - 1)))
                    chainBroken = true
                } else if !Hex.matches(computed, hash) {
                    chain.problems.append(.brokenChain(seq: seq, reason: .altered))
                    chainBroken = true
                } else if !storedPrevious.elementsEqual(previousHash) {
                    chain.problems.append(.brokenChain(seq: seq, reason: .notFollowing(seq - 1)))
                    chainBroken = true
                }
            }
            previousHash.removeAll(keepingCapacity: true)
            previousHash.append(contentsOf: hash)
            expectedSeq = seq + 1
            chain.entries += 1
            chain.latest[EntityKey(entity: entries.string(4), key: entries.string(5))] = Recorded(seq: seq, digest: after)
            try entries.step()
        }
        if chain.entries > 0 {
            chain.head = AuditHead(seq: expectedSeq - 1, hash: String(decoding: previousHash, as: UTF8.self))
        }
        return chain
    }

    /// Every party, body, account, decision and payment with the hash of its canonical JSON, and what the walk found wrong
    /// with derived data. `keeping`: entities whose canonical JSON to keep.
    private static func walkContent(_ db: Session, keeping: Set<EntityKey> = []) throws -> Content {
        var content = Content()
        func visit(_ entity: String, _ key: String, table: String, canonical: [UInt8]) {
            content.checked[entity, default: 0] += 1
            let entityKey = EntityKey(entity: entity, key: key)
            content.entities.append((entityKey, table, canonical.withUnsafeBytes { SHA256.hash(data: $0) }))
            if keeping.contains(entityKey) { content.kept[entityKey] = canonical }
        }
        let catalog = try Catalog(db)
        for (code, entry) in catalog.parties {
            visit("party", code, table: "party", canonical: entry.party.canonicalRecord)
        }
        for (code, entry) in catalog.bodies {
            visit("body", code, table: "body", canonical: entry.body.canonicalRecord)
        }
        for found in try AccountRows.all(db) {
            visit("account", found.account.name, table: "account", canonical: found.account.canonicalRecord)
        }
        // Each decision is read back into the model and written by the one canonical writer the trail was
        // written with (`canonicalRecord`), so what is checked is exactly what was recorded.
        var scan = try DecisionScanner(db, attachmentContent: false)
        var search = try RawCursor(db, "SELECT \(db.searchDecisionColumn), title, clauses, summary FROM decision_search ORDER BY 1")
        var strayIndexRows = 0
        while let (id, stored) = try scan.next() {
            let decision = stored.decision
            visit("decision", decision.ref, table: "decision", canonical: decision.canonicalRecord)
            for payment in stored.payments {
                visit("payment", String(payment.number ?? 0), table: "payment", canonical: payment.canonicalRecord)
            }
            let derivedStatus = catalog.status(of: decision)
            if derivedStatus != stored.status {
                content.derived.append(.inconsistent(
                    table: "decision",
                    .status(ref: decision.ref, stored: stored.status.rawValue, derived: derivedStatus)))
            }
            strayIndexRows += try search.skip(below: id)
            let searchTextMatches =
                search.at(id) && search.string(1) == decision.title
                && search.string(2) == decision.clauses.joined(separator: "\n")
                && search.string(3) == (decision.summary ?? "")
            if search.at(id) { try search.step() }
            if !searchTextMatches {
                content.derived.append(.inconsistent(table: "decision_search", .searchText(ref: decision.ref)))
            }
        }
        strayIndexRows += try search.skip(below: .max)
        if strayIndexRows > 0 {
            content.derived.append(.inconsistent(table: "decision_search", .strayIndexRows(strayIndexRows)))
        }
        return content
    }
}

/// Where a record first differs from what the trail recorded: `funding[0].shares[2].amount`, `"600000.00"` in the
/// trail, `"500000.00"` in the register.
enum JSONDifference {
    /// The first field that differs; nil when either cannot be read as JSON (or, oddly, none differs).
    static func first(recorded: String, current: String) -> FieldChange? {
        guard let old = try? JSONValue(parsing: recorded), let new = try? JSONValue(parsing: current) else { return nil }
        return RecordChanges.between(old, new).first
    }

    /// The table a difference lives in, from the entity and the first part of its path.
    static func table(entity: String, path: String, default fallback: String) -> String {
        guard entity == "decision" else { return fallback }
        let top = path.split(whereSeparator: { $0 == "." || $0 == "[" }).first.map(String.init) ?? ""
        switch top {
        case "parties", "case_numbers": return "decision_party"
        case "clauses": return "clause"
        case "funding": return path.contains(".shares") ? "funding_share" : "funding"
        case "steps": return path.contains(".amounts") ? "step_amount" : "step"
        case "signatories": return "signatory"
        case "attachments": return "attachment"
        default: return "decision"
        }
    }
}
