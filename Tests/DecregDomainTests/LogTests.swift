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

    /// The reference vectors of RFC 6962's tree (Certificate Transparency's merkle tree tests): eight leaves, the
    /// root of each prefix, an inclusion proof and two consistency proofs.
    @Test("RFC 6962's test vectors: roots of 1…8 leaves, an inclusion proof, consistency proofs")
    func rfc6962Vectors() throws {
        let inputs: [[UInt8]] = [
            [], [0x00], [0x10], [0x20, 0x21], [0x30, 0x31], [0x40, 0x41, 0x42, 0x43],
            [0x50, 0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57], Array(0x60...0x6f),
        ]
        let tree = MerkleTree(Appended(inputs.map { MerkleTree<Leaves>.leafHash($0) }), size: 8)
        let roots = [
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
        ]
        for (size, root) in roots.enumerated() {
            #expect(Hex.string(bytes: try tree.root(of: Int64(size + 1))) == root, "\(size + 1) leaves")
        }
        #expect(
            try tree.inclusionProof(index: 0, size: 8).map { Hex.string(bytes: $0) } == [
                "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
            ])
        #expect(
            try tree.consistencyProof(old: 6, new: 8).map { Hex.string(bytes: $0) } == [
                "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            ])
        #expect(
            try tree.consistencyProof(old: 2, new: 5).map { Hex.string(bytes: $0) } == [
                "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
            ])
    }

    @Test("Tile paths as c2sp.org/tlog-tiles writes them, and which tiles a tree of 70 000 leaves holds")
    func tilePaths() throws {
        let path = try #require(TilePath(segments: ["0", "x001", "x234", "067"]))
        #expect(path == TilePath(level: 0, index: 1_234_067) && path.description == "0/x001/x234/067")
        let partial = try #require(TilePath(segments: ["entries", "x001", "x234", "067.p", "112"]))
        #expect(partial == TilePath(level: nil, index: 1_234_067, width: 112))
        #expect(partial.description == "entries/x001/x234/067.p/112")
        #expect(TilePath(level: 2, index: 5).description == "2/005")
        for bad: [Substring] in [
            ["0", "1234067"], ["0", "x1", "067"], ["00", "000"], ["64", "000"], ["0", "000.p", "256"], ["0", "000.p", "0"],
            ["0", "x000", "001"], ["0", "001", "extra"], ["entries"], ["0", "abc"],
        ] {
            #expect(TilePath(segments: bad) == nil, "\(bad)")
        }
        // The specification's example: a tree of 70 000 has 273 full level-0 tiles and a partial one of 112, one
        // full level-1 tile and a partial one of 17, and a partial level-2 tile of 1.
        let size: Int64 = 70_000
        #expect(TilePath(level: 0, index: 272).isHeld(bySize: size) && !TilePath(level: 0, index: 273).isHeld(bySize: size))
        #expect(TilePath(level: 0, index: 273, width: 112).isHeld(bySize: size))
        #expect(!TilePath(level: 0, index: 273, width: 113).isHeld(bySize: size))
        #expect(TilePath(level: 1, index: 0).isHeld(bySize: size) && !TilePath(level: 1, index: 1).isHeld(bySize: size))
        #expect(TilePath(level: 1, index: 1, width: 17).isHeld(bySize: size))
        #expect(!TilePath(level: 1, index: 1, width: 18).isHeld(bySize: size))
        #expect(TilePath(level: 2, index: 0, width: 1).isHeld(bySize: size))
        #expect(!TilePath(level: 2, index: 0, width: 2).isHeld(bySize: size))
        #expect(TilePath(level: nil, index: 273, width: 112).isHeld(bySize: size))
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
