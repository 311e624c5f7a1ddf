import Crypto
import Foundation

/// A hash of the log's tree: 32 bytes of SHA-256.
public typealias TreeHash = [UInt8]

/// The audit trail as an RFC 6962 Merkle tree, hashed as RFC 9162 says: a leaf `SHA-256(0x00 ‖ leaf)`, a node
/// `SHA-256(0x01 ‖ left ‖ right)`. Roots and proofs are computed from the hashes of complete subtrees (the
/// `2^level` leaves from `index · 2^level`), which the store keeps as entries are appended: any range of leaves is
/// at most about 2·log₂ n of them, so a root or a proof of a million entries reads a few dozen hashes.
public struct MerkleTree<Source: SubtreeSource> {
    public let source: Source
    /// The number of leaves.
    public let size: Int64

    public init(_ source: Source, size: Int64) {
        self.source = source
        self.size = size
    }

    /// The hash of leaf bytes.
    public static func leafHash(_ leaf: some Collection<UInt8>) -> TreeHash {
        var hasher = SHA256()
        hasher.update(data: [0])
        hasher.update(data: Array(leaf))
        return Array(hasher.finalize())
    }

    /// The hash of a node from its children's.
    public static func nodeHash(_ left: TreeHash, _ right: TreeHash) -> TreeHash {
        var hasher = SHA256()
        hasher.update(data: [1])
        hasher.update(data: left)
        hasher.update(data: right)
        return Array(hasher.finalize())
    }

    /// The root of the tree of the first `size` leaves (the tree as it was then); SHA-256 of nothing when empty.
    public func root(of size: Int64? = nil) throws -> TreeHash {
        let size = size ?? self.size
        guard size > 0 else { return Array(SHA256.hash(data: [UInt8]())) }
        return try hash(0, size)
    }

    /// The inclusion proof of leaf `index` in the tree of `size` leaves (RFC 6962 2.1.1), from the leaf's sibling up.
    public func inclusionProof(index: Int64, size: Int64? = nil) throws -> [TreeHash] {
        let size = size ?? self.size
        precondition(index >= 0 && index < size && size <= self.size)
        return try path(index, 0, size)
    }

    /// The consistency proof from the tree of `old` leaves to the tree of `new` (RFC 6962 2.1.2).
    public func consistencyProof(old: Int64, new: Int64? = nil) throws -> [TreeHash] {
        let new = new ?? size
        precondition(old >= 0 && old <= new && new <= size)
        guard old > 0, old < new else { return [] }
        return try subproof(old, 0, new, true)
    }

    /// The hash of leaves `start ..< end`: a complete subtree's from the source, else split at the largest power
    /// of two below the count.
    private func hash(_ start: Int64, _ end: Int64) throws -> TreeHash {
        let count = end - start
        if count & (count - 1) == 0 && start % count == 0 {
            let level = count.trailingZeroBitCount
            return try source.subtree(level: level, index: start >> level)
        }
        let split = Self.largestPowerOfTwo(below: count)
        return Self.nodeHash(try hash(start, start + split), try hash(start + split, end))
    }

    private func path(_ index: Int64, _ start: Int64, _ end: Int64) throws -> [TreeHash] {
        let count = end - start
        guard count > 1 else { return [] }
        let split = Self.largestPowerOfTwo(below: count)
        if index - start < split {
            return try path(index, start, start + split) + [try hash(start + split, end)]
        }
        return try path(index, start + split, end) + [try hash(start, start + split)]
    }

    private func subproof(_ old: Int64, _ start: Int64, _ end: Int64, _ complete: Bool) throws -> [TreeHash] {
        let count = end - start
        if old - start == count { return complete ? [] : [try hash(start, end)] }
        let split = Self.largestPowerOfTwo(below: count)
        if old - start <= split {
            return try subproof(old, start, start + split, complete) + [try hash(start + split, end)]
        }
        return try subproof(old, start + split, end, false) + [try hash(start, start + split)]
    }

    /// The largest power of two smaller than `count` (count ≥ 2).
    static func largestPowerOfTwo(below count: Int64) -> Int64 {
        Int64(1) << (63 - (count - 1).leadingZeroBitCount)
    }
}

/// Where a tree's complete subtrees' hashes come from: the store's table of them, or leaves held in memory.
public protocol SubtreeSource {
    /// The hash of the `2^level` leaves from `index · 2^level`.
    func subtree(level: Int, index: Int64) throws -> TreeHash
}

/// The hashes of complete subtrees, as a tree is appended to: each new leaf adds its hash at level 0 and the hash
/// of every subtree it completes. The store writes these; `appending` says which.
public enum TreeAppend {
    /// The subtree hashes to store when leaf `index` (with hash `leafHash`) is appended, given the hashes of the
    /// complete subtrees to its left that it completes (`left(level)`: the subtree at that level just before it).
    public static func nodes(
        index: Int64, leafHash: TreeHash, left: (Int) throws -> TreeHash
    ) rethrows -> [(level: Int, index: Int64, hash: TreeHash)] {
        var nodes = [(level: 0, index: index, hash: leafHash)]
        var (level, position, hash) = (0, index, leafHash)
        while position & 1 == 1 {
            hash = MerkleTree<Leaves>.nodeHash(try left(level), hash)
            level += 1
            position >>= 1
            nodes.append((level, position, hash))
        }
        return nodes
    }
}

/// Proofs checked without the tree: what a verifier holding a checkpoint does (RFC 9162 2.1.3.2 and 2.1.4.2).
public enum TreeProofs {
    /// Whether `proof` proves the leaf with `leafHash` at `index` in the tree of `size` leaves with `root`.
    public static func verifyInclusion(
        leafHash: TreeHash, index: Int64, size: Int64, proof: [TreeHash], root: TreeHash
    ) -> Bool {
        guard index >= 0, index < size else { return false }
        var (fn, sn) = (index, size - 1)
        var result = leafHash
        for hash in proof {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                result = MerkleTree<Leaves>.nodeHash(hash, result)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                result = MerkleTree<Leaves>.nodeHash(result, hash)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && result == root
    }

    /// Whether `proof` proves the tree of `new` leaves with `newRoot` extends the tree of `old` with `oldRoot`.
    public static func verifyConsistency(
        old: Int64, new: Int64, oldRoot: TreeHash, newRoot: TreeHash, proof: [TreeHash]
    ) -> Bool {
        guard old >= 0, old <= new else { return false }
        if old == new { return proof.isEmpty && oldRoot == newRoot }
        if old == 0 { return proof.isEmpty }
        var path = proof
        if old & (old - 1) == 0 { path.insert(oldRoot, at: 0) }
        guard !path.isEmpty else { return false }
        var (fn, sn) = (old - 1, new - 1)
        while fn & 1 == 1 {
            fn >>= 1
            sn >>= 1
        }
        var (fr, sr) = (path[0], path[0])
        for hash in path.dropFirst() {
            guard sn != 0 else { return false }
            if fn & 1 == 1 || fn == sn {
                fr = MerkleTree<Leaves>.nodeHash(hash, fr)
                sr = MerkleTree<Leaves>.nodeHash(hash, sr)
                if fn & 1 == 0 {
                    while fn & 1 == 0 && fn != 0 {
                        fn >>= 1
                        sn >>= 1
                    }
                }
            } else {
                sr = MerkleTree<Leaves>.nodeHash(sr, hash)
            }
            fn >>= 1
            sn >>= 1
        }
        return sn == 0 && fr == oldRoot && sr == newRoot
    }
}

/// Leaves held in memory, their subtrees hashed on demand: for tests and for checking a stored tree.
public struct Leaves: SubtreeSource {
    public let hashes: [TreeHash]

    public init(leafHashes: [TreeHash]) { hashes = leafHashes }

    public func subtree(level: Int, index: Int64) throws -> TreeHash {
        let start = Int(index) << level
        return hash(start, start + (1 << level))
    }

    private func hash(_ start: Int, _ end: Int) -> TreeHash {
        end - start == 1
            ? hashes[start]
            : MerkleTree<Leaves>.nodeHash(hash(start, (start + end) / 2), hash((start + end) / 2, end))
    }
}
