import Crypto
import DecregDomain
import Foundation
import Testing

/// The log's pieces without a register: the Merkle tree against a plain recursive definition of RFC 6962, its
/// proofs checked by the RFC 9162 verifiers, signed notes against the signed-note specification's own example.
@Suite("The transparency log's tree, notes and proofs")
struct LogTests {
    /// RFC 6962's MTH, written the plainest way: the reference the stored-subtree computation must agree with.
    static func reference(_ leaves: ArraySlice<TreeHash>) -> TreeHash {
        if leaves.isEmpty { return Array(SHA256.hash(data: [UInt8]())) }
        if leaves.count == 1 { return leaves.first! }
        var split = 1
        while split * 2 < leaves.count { split *= 2 }
        let start = leaves.startIndex
        return MerkleTree<Leaves>.nodeHash(
            reference(leaves[start..<start + split]), reference(leaves[(start + split)...]))
    }

    static func leaves(_ count: Int) -> [TreeHash] {
        (0..<count).map { MerkleTree<Leaves>.leafHash(Array("decreg-audit-v1\n{\"seq\":\($0 + 1)}".utf8)) }
    }

    /// The subtrees a register stores, appended one leaf at a time.
    struct Appended: SubtreeSource {
        var nodes: [String: TreeHash] = [:]

        init(_ leaves: [TreeHash]) {
            for (index, leaf) in leaves.enumerated() {
                let added = TreeAppend.nodes(index: Int64(index), leafHash: leaf) { [nodes] level in
                    nodes["\(level)/\((Int64(index) >> level) - 1)"]!
                }
                for node in added { nodes["\(node.level)/\(node.index)"] = node.hash }
            }
        }

        func subtree(level: Int, index: Int64) throws -> TreeHash {
            guard let hash = nodes["\(level)/\(index)"] else { throw CancellationError() }
            return hash
        }
    }

    @Test("Roots from the stored subtrees equal RFC 6962's definition, at every size up to 70")
    func roots() throws {
        let all = Self.leaves(70)
        let tree = MerkleTree(Appended(all), size: 70)
        #expect(tree.source.nodes.count == 70 + 35 + 17 + 8 + 4 + 2 + 1, "a leaf and the subtrees it completes")
        for size in 0...70 {
            #expect(try tree.root(of: Int64(size)) == Self.reference(all[0..<size]), "size \(size)")
        }
        #expect(
            Data(try tree.root(of: 0)).base64EncodedString() == "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=",
            "the empty tree's root is SHA-256 of nothing")
    }

    @Test("Every inclusion and consistency proof up to 40 leaves verifies, and fails once altered")
    func proofs() throws {
        let all = Self.leaves(40)
        let tree = MerkleTree(Appended(all), size: 40)
        for size in 1...40 {
            let root = try tree.root(of: Int64(size))
            for index in 0..<size {
                let proof = try tree.inclusionProof(index: Int64(index), size: Int64(size))
                #expect(
                    TreeProofs.verifyInclusion(
                        leafHash: all[index], index: Int64(index), size: Int64(size), proof: proof, root: root))
                #expect(
                    !TreeProofs.verifyInclusion(
                        leafHash: all[(index + 1) % 40], index: Int64(index), size: Int64(size), proof: proof,
                        root: root) || size == 1 && all[index] == all[(index + 1) % 40])
                if var wrong = proof.first {
                    wrong[0] ^= 1
                    #expect(
                        !TreeProofs.verifyInclusion(
                            leafHash: all[index], index: Int64(index), size: Int64(size),
                            proof: [wrong] + proof.dropFirst(), root: root))
                }
            }
            for old in 1...size {
                let proof = try tree.consistencyProof(old: Int64(old), new: Int64(size))
                let oldRoot = try tree.root(of: Int64(old))
                #expect(
                    TreeProofs.verifyConsistency(
                        old: Int64(old), new: Int64(size), oldRoot: oldRoot, newRoot: root, proof: proof),
                    "\(old) → \(size)")
                if old < size {
                    // A tree whose first `old` leaves differ (a fork) is not proved consistent.
                    var forked = all
                    forked[old - 1] = MerkleTree<Leaves>.leafHash([1, 2, 3])
                    let forkedRoot = Self.reference(forked[0..<old])
                    #expect(
                        !TreeProofs.verifyConsistency(
                            old: Int64(old), new: Int64(size), oldRoot: forkedRoot, newRoot: root, proof: proof))
                }
            }
        }
    }

    @Test("The signed-note specification's example verifies; a changed text does not")
    func specificationExample() throws {
        let verifier = try NoteVerifier(parsing: "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
        let note = try SignedNote(
            parsing: "This is an example message.\n\n— example.com/foo "
                + "Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n")
        #expect(note.verified(by: verifier) == true)
        var changed = note
        changed.text = "This is an example message!\n"
        #expect(changed.verified(by: verifier) == false)
        #expect(verifier.description == "example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k")
    }

    @Test("A checkpoint signed, cosigned, rendered and read back; its proof file too")
    func checkpointsAndProofs() throws {
        let log = try NoteKey(name: "register.example.se/flemingsberg", kind: .log)
        let witness = try NoteKey(name: "botkyrka.se/vittne", kind: .witness)
        #expect(try NoteKey(parsing: log.privateText).verifier == log.verifier)
        let all = Self.leaves(5)
        let tree = MerkleTree(Appended(all), size: 5)
        var checkpoint = try Checkpoint.signed(size: 5, root: try tree.root(), key: log)
        try checkpoint.note.cosign(with: witness, time: 1_796_000_000)
        let read = try Checkpoint(parsing: checkpoint.rendered)
        #expect(read == checkpoint && read.size == 5 && read.origin == log.name)
        #expect(read.note.verified(by: log.verifier) == true)
        #expect(read.note.verified(by: witness.verifier) == true)
        #expect(read.note.cosignatureTime(witness.verifier) == 1_796_000_000)
        #expect(throws: Never.self) { try read.checkSignature(log.verifier) }
        let other = try NoteKey(name: "botkyrka.se/vittne", kind: .witness)
        #expect(read.note.verified(by: other.verifier) == nil, "another key of the same name signed nothing here")
        // The cosignature covers the checkpoint: a different size is not cosigned.
        let lines = checkpoint.rendered.split(separator: "\n", omittingEmptySubsequences: false)
        let forged = try Checkpoint(parsing: ([lines[0], "6"] + lines[2...]).joined(separator: "\n"))
        #expect(forged.note.verified(by: witness.verifier) == false && forged.note.verified(by: log.verifier) == false)

        let proof = TlogProof(
            extra: Array("leaf".utf8), index: 3, path: try tree.inclusionProof(index: 3), checkpoint: checkpoint)
        #expect(try TlogProof(parsing: proof.rendered) == proof)
        #expect(proof.rendered.hasPrefix("c2sp.org/tlog-proof@v1\nextra bGVhZg==\nindex 3\n"))
        #expect(throws: NoteError.self) { try TlogProof(parsing: "c2sp.org/tlog-proof@v1\nindex x\n\n" + checkpoint.rendered) }
        #expect(throws: NoteError.self) { try NoteKey(name: "med mellanslag", kind: .log) }
    }
}
