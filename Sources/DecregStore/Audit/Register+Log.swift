import Crypto
import DecregDomain
import Foundation
import GRDB

/// An entry of the log as a proof needs it: its index (seq − 1) and its leaf's bytes.
public struct LogLeaf: Sendable, Equatable {
    public var index: Int64
    public var bytes: [UInt8]
    /// The record the entry left (its canonical JSON, whose SHA-256 is `after_sha256`); nil for a removal.
    public var record: String?

    public init(index: Int64, bytes: [UInt8], record: String? = nil) {
        self.index = index
        self.bytes = bytes
        self.record = record
    }

    /// The SHA-256 of the record the entry left (its `after_sha256`), read back from the leaf.
    public var afterSHA256: String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let range = text.range(of: "\"after_sha256\":\"") else { return nil }
        return String(text[range.upperBound...].prefix(64))
    }
}

extension Register {
    /// The number of leaves of the log (entries of the trail).
    public func logSize() throws -> Int64 {
        try read { db in try AuditTree.current(db).size }
    }

    /// The root of the log's tree when it had `size` leaves (today's when nil).
    public func logRoot(size: Int64? = nil) throws -> (size: Int64, root: TreeHash) {
        try read { db in
            let tree = try AuditTree.current(db)
            let size = size ?? tree.size
            try Self.checkSize(size, tree)
            return (size, try tree.root(of: size))
        }
    }

    /// The consistency proof from the tree of `old` leaves to the tree of `new` (today's when nil).
    public func consistencyProof(old: Int64, new: Int64? = nil) throws -> [TreeHash] {
        try read { db in
            let tree = try AuditTree.current(db)
            let new = new ?? tree.size
            try Self.checkSize(new, tree)
            guard old >= 0, old <= new else {
                throw RegisterError.invalid(
                    Phrase(
                        sv: "den gamla storleken \(old) ska ligga mellan 0 och den nya, \(new)",
                        en: "the old size \(old) must lie between 0 and the new one, \(new)"), field: "OLD")
            }
            return try tree.consistencyProof(old: old, new: new)
        }
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves.
    public func inclusionProof(index: Int64, size: Int64) throws -> [TreeHash] {
        try read { db in
            let tree = try AuditTree.current(db)
            try Self.checkSize(size, tree)
            return try tree.inclusionProof(index: index, size: size)
        }
    }

    /// The latest entry recording the decision `ref` itself, as a leaf.
    public func latestLeaf(decision ref: String) throws -> LogLeaf {
        try read { db in
            guard
                let row = try SQLRow.fetchOne(
                    db, sql: "SELECT * FROM audit_entry WHERE entity = 'decision' AND key = ? ORDER BY seq DESC LIMIT 1",
                    arguments: [ref])
            else { throw try RegisterError.unknown("decision", ref, field: nil, in: db) }
            let entry = AuditEntry(row: row)
            return LogLeaf(index: entry.seq - 1, bytes: entry.leafBytes, record: entry.after)
        }
    }

    /// The proof that the decision's latest entry is in the log, against the newest published checkpoint that
    /// includes it (with every cosignature recorded for it); nil while none does.
    public func proof(of ref: String) throws -> TlogProof? {
        let leaf = try latestLeaf(decision: ref)
        guard let checkpoint = try publishedCheckpoints().first(where: { $0.size > leaf.index }) else { return nil }
        return TlogProof(
            extra: leaf.bytes, index: leaf.index, path: try inclusionProof(index: leaf.index, size: checkpoint.size),
            checkpoint: checkpoint)
    }

    /// A tile of the log (c2sp.org/tlog-tiles): its hashes concatenated, or its entries each with a big-endian
    /// uint16 length; nil when the log does not hold all of it yet.
    public func tile(_ path: TilePath) throws -> [UInt8]? {
        try read { db in
            let size = try AuditTree.current(db).size
            guard path.isHeld(bySize: size) else { return nil }
            let (level, first) = path.subtrees
            let last = first + Int64(path.width) - 1
            var bytes: [UInt8] = []
            if path.level != nil {
                bytes.reserveCapacity(32 * path.width)
                let hashes = try Data.fetchAll(
                    db, sql: "SELECT hash FROM audit_tree WHERE level = ? AND idx BETWEEN ? AND ? ORDER BY idx",
                    arguments: [level, first, last])
                guard hashes.count == path.width else {
                    throw RegisterError.invalid(
                        Phrase(
                            sv: "loggens träd saknar hashar i \(path); kör decreg audit verify",
                            en: "the log's tree lacks hashes of \(path); run decreg audit verify"), field: nil)
                }
                for hash in hashes { bytes += hash }
                return bytes
            }
            let rows = try SQLRow.fetchAll(
                db, sql: "SELECT * FROM audit_entry WHERE seq BETWEEN ? AND ? ORDER BY seq",
                arguments: [first + 1, last + 1])
            for row in rows {
                let leaf = AuditEntry(row: row).leafBytes
                guard leaf.count <= Int(UInt16.max) else {
                    throw RegisterError.invalid(
                        Phrase(
                            sv: "post \(row["seq"] as Int64) är större än en tlog-tiles-post rymmer (64 KiB)",
                            en: "entry \(row["seq"] as Int64) is larger than a tlog-tiles entry holds (64 KiB)"), field: nil)
                }
                bytes += [UInt8(leaf.count >> 8), UInt8(leaf.count & 0xFF)] + leaf
            }
            return bytes
        }
    }

    /// Records a signed checkpoint as published, with the time; one of the same size must be the same tree.
    public func publish(_ checkpoint: Checkpoint, at time: String) throws {
        try write { db in
            let tree = try AuditTree.current(db)
            try Self.checkSize(checkpoint.size, tree)
            guard try tree.root(of: checkpoint.size) == checkpoint.root else {
                throw RegisterError.invalid(
                    Phrase(
                        sv: "checkpointens rothash är inte loggens för \(checkpoint.size) poster",
                        en: "the checkpoint's root hash is not the log's at \(checkpoint.size) entries"), field: nil)
            }
            if try SQLRow.fetchOne(db, sql: "SELECT 1 FROM checkpoint WHERE size = ?", arguments: [checkpoint.size]) == nil {
                try db.execute(
                    sql: "INSERT INTO checkpoint (size, root, origin, note, published_at) VALUES (?, ?, ?, ?, ?)",
                    arguments: [checkpoint.size, Data(checkpoint.root), checkpoint.origin, checkpoint.note.text, time])
            }
            for signature in checkpoint.note.signatures {
                try db.execute(
                    sql: "INSERT INTO checkpoint_signature (size, line, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [checkpoint.size, signature.line, time])
            }
        }
    }

    /// Adds the signatures of a cosigned checkpoint to the published one of its size. Returns how many were new.
    public func addCosignatures(_ checkpoint: Checkpoint, at time: String) throws -> Int {
        try write { db in
            guard
                let text = try String.fetchOne(
                    db, sql: "SELECT note FROM checkpoint WHERE size = ?", arguments: [checkpoint.size])
            else {
                throw RegisterError.invalid(
                    Phrase(
                        sv: "ingen checkpoint för \(checkpoint.size) poster är publicerad; publicera den först "
                            + "(decreg log checkpoint --publish)",
                        en: "no checkpoint of \(checkpoint.size) entries is published; publish it first "
                            + "(decreg log checkpoint --publish)"), field: nil)
            }
            guard text == checkpoint.note.text else {
                throw RegisterError.invalid(
                    Phrase(
                        sv: "checkpointen är inte den publicerade för \(checkpoint.size) poster",
                        en: "the checkpoint is not the one published for \(checkpoint.size) entries"), field: nil)
            }
            var added = 0
            for signature in checkpoint.note.signatures {
                added += try db.execute(
                    sql: "INSERT INTO checkpoint_signature (size, line, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                    arguments: [checkpoint.size, signature.line, time])
            }
            return added
        }
    }

    /// What the published checkpoints are now: their count and cosignatures' count, to tag an answer that shows them.
    public func publishedState() throws -> String {
        try read { db in
            let counts = try SQLRow.fetchOne(
                db, sql: "SELECT (SELECT count(*) FROM checkpoint), (SELECT count(*) FROM checkpoint_signature)")
            return "\(counts?[0] as Int64? ?? 0).\(counts?[1] as Int64? ?? 0)"
        }
    }

    /// The published checkpoints, newest (largest) first, each with every signature recorded for it.
    public func publishedCheckpoints() throws -> [Checkpoint] {
        try read { db in
            try SQLRow.fetchAll(db, sql: "SELECT size, note FROM checkpoint ORDER BY size DESC").map { row in
                let size: Int64 = row["size"]
                let lines = try String.fetchAll(
                    db, sql: "SELECT line FROM checkpoint_signature WHERE size = ? ORDER BY added_at, line",
                    arguments: [size])
                let note = (row["note"] as String) + "\n" + lines.map { $0 + "\n" }.joined()
                do throws(NoteError) { return try Checkpoint(parsing: note) } catch {
                    throw RegisterError.invalid(error.phrase, field: nil)
                }
            }
        }
    }

    /// Whether today's log extends `checkpoint`: its size within the log's, and a consistency proof from it to
    /// today's tree that verifies against both roots. The problems found; none when it does.
    public func checkConsistency(with checkpoint: Checkpoint) throws -> [AuditProblem] {
        let (size, root) = try logRoot()
        guard checkpoint.size <= size else {
            return [
                .checkpoint(
                    size: checkpoint.size,
                    reason: Phrase(
                        sv: "loggen har bara \(size) poster: den har kortats", en: "the log has only \(size) entries: it was cut short"))
            ]
        }
        let proof = try consistencyProof(old: checkpoint.size, new: size)
        guard
            TreeProofs.verifyConsistency(
                old: checkpoint.size, new: size, oldRoot: checkpoint.root, newRoot: root, proof: proof)
        else {
            return [
                .checkpoint(
                    size: checkpoint.size,
                    reason: Phrase(
                        sv: "dagens logg bygger inte vidare på den: trädet har skrivits om",
                        en: "today's log does not extend it: the tree was rewritten"))
            ]
        }
        return []
    }

    private static func checkSize(_ size: Int64, _ tree: MerkleTree<AuditTree.Stored>) throws {
        guard size >= 0, size <= tree.size else {
            throw RegisterError.invalid(
                Phrase(
                    sv: "loggen har \(tree.size) poster, inte \(size)", en: "the log has \(tree.size) entries, not \(size)"),
                field: nil)
        }
    }
}

extension AuditEntry {
    /// The entry's leaf in the log: the bytes its hash is taken over.
    public var leafBytes: [UInt8] {
        var header = CanonicalJSONWriter(capacity: 1024)
        AuditTrail.writeHeader(
            seq: seq, at: at.utf8, actor: actor.utf8, command: command.utf8, entity: entity.utf8, key: key.utf8,
            decision: decision?.utf8, reason: reason?.utf8, before: before.map { SHA256.hash(data: Array($0.utf8)) },
            after: after.map { SHA256.hash(data: Array($0.utf8)) }, previousHash: previousHash.utf8, to: &header)
        return header.bytes
    }
}
