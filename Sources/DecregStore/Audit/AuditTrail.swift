import Crypto
import DecregDomain
import Foundation
import GRDB

/// Appends entries to the audit trail within the transaction of the change they record.
///
/// Each entry's hash is SHA-256 over the bytes of `decreg-audit-v1`, a newline, and the canonical JSON (see
/// `JSONValue.canonical`) of the object {seq, at, actor, command, entity, key, decision, reason,
/// before_sha256, after_sha256, prev_hash}, where `before_sha256` and `after_sha256` are the lower-case hex
/// SHA-256 of the entity's canonical record JSON (CanonicalRecord.swift) before and after the change (null where
/// there is none). The first entry's prev_hash is 64 zeros. Those bytes are also the entry's leaf in the log's
/// Merkle tree (`AuditTree`), appended in the same transaction.
struct AuditTrail {
    static let genesis = String(repeating: "0", count: 64)

    private let context: ChangeContext
    private let timestamp: String
    private var seq: Int64
    private var previousHash: String
    private let insert: RawInsert
    private var tree: AuditTree.Appender
    private var header = CanonicalJSONWriter(capacity: 512)
    /// How many entries this trail appended.
    private(set) var recorded = 0

    /// Starts appending after the trail's current head.
    init(_ db: Session, context: ChangeContext) throws {
        self.context = context
        self.timestamp = context.timestamp
        let head = try AuditHead.latest(db)
        seq = head?.seq ?? 0
        previousHash = head?.hash ?? AuditTrail.genesis
        insert = try RawInsert(
            db,
            """
            INSERT INTO audit_entry (seq, at, actor, command, entity, key, decision_ref, reason, before, after,
                                     prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        tree = try AuditTree.Appender(db)
    }

    /// Records that `entity` `key` changed from `before` to `after`, each given as its canonical record JSON
    /// (nil: did not exist / no longer exists).
    mutating func record(entity: String, key: String, decision: String?, before: [UInt8]?, after: [UInt8]?) throws {
        seq += 1
        let hash = AuditTrail.hash(
            seq: seq, at: timestamp.utf8, actor: context.actor.utf8, command: context.command.utf8,
            entity: entity.utf8, key: key.utf8, decision: decision?.utf8, reason: context.reason?.utf8,
            before: before.map { SHA256.hash(data: $0) }, after: after.map { SHA256.hash(data: $0) },
            previousHash: previousHash.utf8, header: &header)
        try insert.run { row in
            row.int(seq)
            row.text(timestamp)
            row.text(context.actor)
            row.text(context.command)
            row.text(entity)
            row.text(key)
            row.text(decision)
            row.text(context.reason)
            if let before { row.text(utf8: before) } else { row.null() }
            if let after { row.text(utf8: after) } else { row.null() }
            row.text(previousHash)
            row.text(hash)
        }
        // The entry's leaf in the log's tree: the very bytes its hash was taken over.
        try tree.append(index: seq - 1, leaf: header.bytes)
        previousHash = hash
        recorded += 1
    }

    static func hash(
        seq: Int64, at: String, actor: String, command: String, entity: String, key: String, decision: String?,
        reason: String?, before: String?, after: String?, previousHash: String
    ) -> String {
        var header = CanonicalJSONWriter(capacity: 512)
        return hash(
            seq: seq, at: at.utf8, actor: actor.utf8, command: command.utf8, entity: entity.utf8, key: key.utf8,
            decision: decision?.utf8, reason: reason?.utf8, before: before.map { SHA256.hash(data: Array($0.utf8)) },
            after: after.map { SHA256.hash(data: Array($0.utf8)) }, previousHash: previousHash.utf8, header: &header)
    }

    /// An entry's hash, its header written into `header` (emptied first, kept for reuse).
    private static func hash<Text: Collection<UInt8>>(
        seq: Int64, at: Text, actor: Text, command: Text, entity: Text, key: Text, decision: Text?, reason: Text?,
        before: SHA256.Digest?, after: SHA256.Digest?, previousHash: Text, header: inout CanonicalJSONWriter
    ) -> String {
        header.reset()
        writeHeader(
            seq: seq, at: at, actor: actor, command: command, entity: entity, key: key, decision: decision,
            reason: reason, before: before, after: after, previousHash: previousHash, to: &header)
        return Hex.string(SHA256.hash(data: header.bytes))
    }

    /// Writes what an entry's hash is taken over: the domain line, then the canonical JSON of {seq, at, actor,
    /// command, entity, key, decision, reason, before_sha256, after_sha256, prev_hash} (keys in sorted order).
    /// The one definition of the encoding, for writing entries and for verifying them straight from the rows.
    @inline(__always)
    static func writeHeader<Text: Collection<UInt8>>(
        seq: Int64, at: Text, actor: Text, command: Text, entity: Text, key: Text, decision: Text?, reason: Text?,
        before: SHA256.Digest?, after: SHA256.Digest?, previousHash: Text, to header: inout CanonicalJSONWriter
    ) {
        header.raw("decreg-audit-v1\n{\"actor\":")
        header.string(actor)
        header.raw(",\"after_sha256\":")
        header.hex(orNull: after)
        header.raw(",\"at\":")
        header.string(at)
        header.raw(",\"before_sha256\":")
        header.hex(orNull: before)
        header.raw(",\"command\":")
        header.string(command)
        header.raw(",\"decision\":")
        header.string(orNull: decision)
        header.raw(",\"entity\":")
        header.string(entity)
        header.raw(",\"key\":")
        header.string(key)
        header.raw(",\"prev_hash\":")
        header.string(previousHash)
        header.raw(",\"reason\":")
        header.string(orNull: reason)
        header.raw(",\"seq\":")
        header.int(seq)
        header.byte(UInt8(ascii: "}"))
    }
}
