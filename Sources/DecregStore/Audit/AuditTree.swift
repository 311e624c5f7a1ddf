import Crypto
import DecregDomain
import Foundation
import GRDB

/// The audit trail's Merkle tree as the register stores it (`audit_tree`): the hash of every complete subtree at
/// the tree levels 0, 8, 16, … (each entry's leaf, and every subtree of 256, 65 536, … entries: the rows of the
/// c2sp.org/tlog-tiles tiles), appended with each entry in its transaction — about one row an entry. A subtree at
/// another level is folded from at most 128 stored hashes of the level below it that is stored. Roots and proofs are
/// `MerkleTree`'s, over these hashes.
enum AuditTree {
    /// The tree levels that are stored: every eighth, as tiles are 2^8 wide.
    static func isStored(_ level: Int) -> Bool { level % TilePath.height == 0 }

    /// Appends an entry's leaf and the stored subtrees it completes. It keeps the tree's right edge (the complete
    /// subtrees the next leaves will complete, read once when it starts), so an append reads nothing.
    struct Appender {
        private let insert: RawInsert
        /// The complete subtree at each level whose bit is set in the tree's size, by level.
        private var edge = [TreeHash?](repeating: nil, count: 64)

        /// `empty`: the tree is built from nothing (for a trail written before there was one).
        init(_ db: Session, empty: Bool = false) throws {
            insert = try RawInsert(db, "INSERT INTO audit_tree (level, idx, hash) VALUES (?, ?, ?)")
            let tree = try AuditTree.current(db)
            for level in 0..<63 where !empty && (tree.size >> level) & 1 == 1 {
                edge[level] = try tree.source.subtree(level: level, index: (tree.size >> level) - 1)
            }
        }

        /// Appends leaf `index` (entry seq `index + 1`), whose bytes are `leaf`.
        mutating func append(index: Int64, leaf: [UInt8]) throws {
            let edge = self.edge
            let nodes = TreeAppend.nodes(index: index, leafHash: MerkleTree<Stored>.leafHash(leaf)) { edge[$0]! }
            for node in nodes {
                if AuditTree.isStored(node.level) {
                    try insert.run { row in
                        row.int(node.level)
                        row.int(node.index)
                        row.blob(node.hash)
                    }
                }
                self.edge[node.level] = nil
            }
            if let top = nodes.last { self.edge[top.level] = top.hash }
        }
    }

    /// The stored subtrees, read as a proof asks for them.
    struct Stored: SubtreeSource {
        let db: Session

        init(_ db: Session) { self.db = db }

        func subtree(level: Int, index: Int64) throws -> TreeHash {
            let base = level - level % TilePath.height
            let count = Int64(1) << (level - base)
            let first = index << (level - base)
            var hashes = try Data.fetchAll(
                db, sql: "SELECT hash FROM audit_tree WHERE level = ? AND idx BETWEEN ? AND ? ORDER BY idx",
                arguments: [base, first, first + count - 1]
            ).map(Array.init)
            guard hashes.count == count else {
                throw RegisterError.invalid(
                    Phrase(
                        sv: "loggens träd saknar delträdet \(level)/\(index); kör decreg audit verify",
                        en: "the log's tree lacks subtree \(level)/\(index); run decreg audit verify"),
                    field: nil)
            }
            while hashes.count > 1 {
                hashes = stride(from: 0, to: hashes.count, by: 2).map {
                    MerkleTree<Stored>.nodeHash(hashes[$0], hashes[$0 + 1])
                }
            }
            return hashes[0]
        }
    }

    /// The tree of the register's trail as it stands.
    static func current(_ db: Session) throws -> MerkleTree<Stored> {
        MerkleTree(Stored(db), size: try Int64.fetchOne(db, sql: "SELECT max(seq) FROM audit_entry") ?? 0)
    }

    /// Builds the tree of a trail written before the register kept one (the migration to schema 8).
    static func build(_ db: Session) throws {
        var appender = try Appender(db, empty: true)
        var header = CanonicalJSONWriter(capacity: 1024)
        var entries = try RawCursor(
            db,
            """
            SELECT seq, at, actor, command, entity, key, decision_ref, reason, before, after, prev_hash
            FROM audit_entry ORDER BY seq
            """)
        var index: Int64 = 0
        while entries.hasRow {
            header.reset()
            AuditTrail.writeHeader(
                seq: entries.int(0), at: entries.text(1), actor: entries.text(2), command: entries.text(3),
                entity: entries.text(4), key: entries.text(5), decision: entries.optionalText(6),
                reason: entries.optionalText(7), before: entries.optionalText(8).map { SHA256.hash(data: $0) },
                after: entries.optionalText(9).map { SHA256.hash(data: $0) }, previousHash: entries.text(10),
                to: &header)
            try appender.append(index: index, leaf: header.bytes)
            index += 1
            try entries.step()
        }
    }

    /// Where the stored tree disagrees with the trail's leaves (`leafHashes`, in order): a subtree whose stored
    /// hash is not its leaves', one missing, or one beyond the trail.
    static func check(_ db: Session, leafHashes: [TreeHash]) throws -> [AuditProblem] {
        var expected: [[TreeHash]] = [leafHashes]
        while let below = expected.last, below.count >= 2 {
            expected.append(stride(from: 0, to: below.count - 1, by: 2).map {
                MerkleTree<Stored>.nodeHash(below[$0], below[$0 + 1])
            })
        }
        var problems: [AuditProblem] = []
        var seen = expected.map { Array(repeating: false, count: $0.count) }
        var rows = try RawCursor(db, "SELECT level, idx, hash FROM audit_tree ORDER BY level, idx")
        while rows.hasRow {
            let (level, index) = (Int(rows.int(0)), Int(rows.int(1)))
            if isStored(level), level < expected.count, index < expected[level].count {
                seen[level][index] = true
                if !expected[level][index].elementsEqual(rows.blob(2)) {
                    problems.append(.tree(level: level, index: Int64(index), .altered))
                }
            } else {
                problems.append(.tree(level: level, index: Int64(index), .beyondTrail))
            }
            try rows.step()
        }
        for (level, flags) in seen.enumerated() where isStored(level) {
            for (index, present) in flags.enumerated() where !present {
                problems.append(.tree(level: level, index: Int64(index), .missing))
            }
        }
        return Array(problems.prefix(20))
    }
}
