import Crypto
import DecregDomain
import Foundation
import GRDB

/// Proves the audit trail unbroken, and the register's content exactly what the trail says it should be.
enum AuditVerifier {
    struct EntityKey: Hashable {
        var entity: String
        var key: String
    }

    static func verify(_ db: Database, published: AuditHead?) throws -> AuditReport {
        var report = AuditReport()
        var latest: [EntityKey: (seq: Int64, digest: String?)] = [:]

        // The chain: contiguous sequence numbers, each entry hashing its content and its predecessor's hash.
        var expectedSeq: Int64 = 1
        var previousHash = AuditTrail.genesis
        var chainBroken = false
        let entries = try Row.fetchCursor(
            db,
            sql: """
                SELECT seq, at, actor, command, entity, key, decision_ref, reason, before, after, prev_hash, hash
                FROM audit_entry ORDER BY seq
                """)
        while let row = try entries.next() {
            let seq: Int64 = row[0]
            let before: String? = row[8]
            let after: String? = row[9]
            let storedPrevious: String = row[10]
            let hash: String = row[11]
            let afterDigest = after.map { Attachment.sha256Hex(Data($0.utf8)) }
            if !chainBroken {
                let computed = AuditTrail.hash(
                    seq: seq, at: row[1], actor: row[2], command: row[3], entity: row[4], key: row[5],
                    decision: row[6], reason: row[7], before: before, after: after, previousHash: storedPrevious,
                    afterDigest: afterDigest)
                if seq != expectedSeq {
                    report.problems.append(.brokenChain(
                        seq: seq,
                        reason: seq > expectedSeq
                            ? "entries \(expectedSeq)…\(seq - 1) are missing from the trail"
                            : "it comes out of order after entry \(expectedSeq - 1)"))
                    chainBroken = true
                } else if computed != hash {
                    report.problems.append(.brokenChain(
                        seq: seq, reason: "its content does not match its hash: the entry was altered"))
                    chainBroken = true
                } else if storedPrevious != previousHash {
                    report.problems.append(.brokenChain(
                        seq: seq, reason: "it does not follow entry \(seq - 1): the trail was rewritten or reordered"))
                    chainBroken = true
                }
            }
            previousHash = hash
            expectedSeq = seq + 1
            report.entries += 1
            report.head = AuditHead(seq: seq, hash: hash)
            latest[EntityKey(entity: row[4], key: row[5])] = (seq, afterDigest)
        }

        if let published {
            let found = try String.fetchOne(
                db, sql: "SELECT hash FROM audit_entry WHERE seq = ?", arguments: [published.seq])
            if found != published.hash { report.problems.append(.headMismatch(published, found: found)) }
        }

        // The content: every entity's canonical JSON must be the `after` of its latest entry.
        var differing: [(EntityKey, Int64, String, JSONValue)] = []
        var derived = try RegisterState.scan(db) { entity in
            report.checked[entity.entity, default: 0] += 1
            let key = EntityKey(entity: entity.entity, key: entity.key)
            guard let recorded = latest.removeValue(forKey: key) else {
                report.problems.append(.unrecorded(entity: entity.entity, key: entity.key, table: entity.table))
                return
            }
            let digest = Attachment.sha256Hex(entity.json.canonicalBytes)
            if recorded.digest != digest { differing.append((key, recorded.seq, entity.table, entity.json)) }
        }
        for (key, seq, table, json) in differing {
            let after = try String.fetchOne(db, sql: "SELECT after FROM audit_entry WHERE seq = ?", arguments: [seq])
            let (path, detail) = JSONDifference.first(recorded: after ?? "null", current: json.canonical)
            report.problems.append(.differs(
                entity: key.entity, key: key.key, seq: seq, table: JSONDifference.table(entity: key.entity, path: path, default: table),
                detail: detail))
        }
        for (key, recorded) in latest.sorted(by: { $0.value.seq < $1.value.seq }) where recorded.digest != nil {
            report.problems.append(.missing(
                entity: key.entity, key: key.key, seq: recorded.seq, table: JSONDifference.table(entity: key.entity, path: "", default: key.entity)))
        }
        derived.sort { $0.description < $1.description }
        report.problems += derived
        return report
    }
}

/// Says where two JSON documents first differ, for a person: `funding[0].shares[2].amount: the trail has
/// "600000.00", the register "500000.00"`.
enum JSONDifference {
    static func first(recorded: String, current: String) -> (path: String, detail: String) {
        guard let old = try? JSONSerialization.jsonObject(with: Data(recorded.utf8), options: [.fragmentsAllowed]),
            let new = try? JSONSerialization.jsonObject(with: Data(current.utf8), options: [.fragmentsAllowed]),
            let (path, oldValue, newValue) = difference(old, new, path: "")
        else { return ("", "its content is not what the trail recorded") }
        return (path, "\(path.isEmpty ? "the record" : path): the trail has \(show(oldValue)), the register \(show(newValue))")
    }

    private static func difference(_ old: Any?, _ new: Any?, path: String) -> (String, Any?, Any?)? {
        switch (old, new) {
        case (let a as [String: Any], let b as [String: Any]):
            for key in Set(a.keys).union(b.keys).sorted() {
                if let found = difference(a[key], b[key], path: path.isEmpty ? key : path + "." + key) { return found }
            }
            return nil
        case (let a as [Any], let b as [Any]):
            for index in 0..<max(a.count, b.count) {
                if let found = difference(
                    index < a.count ? a[index] : nil, index < b.count ? b[index] : nil, path: path + "[\(index)]")
                {
                    return found
                }
            }
            return nil
        default:
            return show(old) == show(new) ? nil : (path, old, new)
        }
    }

    private static func show(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "nothing"
        case let text as String: return "\"\(text)\""
        case let number as NSNumber: return number.stringValue
        case let object as [String: Any]: return object["label"].map { "\(show($0))…" } ?? "an entry"
        case is [Any]: return "a list"
        default: return String(describing: value!)
        }
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
