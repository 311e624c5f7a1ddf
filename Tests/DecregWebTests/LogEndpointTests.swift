import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// What a witness elsewhere reads from the server: the latest published checkpoint with its cosignatures, and
/// consistency proofs between sizes of the log that verify against the checkpoints' roots.
@Suite("The log over HTTP")
struct LogEndpointTests {
    @Test("The latest checkpoint with its cosignature, and consistency proofs that verify; refusals as 400 and 404")
    func checkpointAndConsistency() async throws {
        let fixture = try WebFixture()
        let key = try NoteKey(name: "register.example.se/test", kind: .log)
        let witness = try NoteKey(name: "botkyrka.se/witness", kind: .witness)
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/log/checkpoint", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("no checkpoint is published yet"))
            }
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007/proof", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        let first = try fixture.writer.logRoot()
        var checkpoint = try Checkpoint.signed(size: first.size, root: first.root, key: key)
        try fixture.writer.publish(checkpoint, at: "2026-12-03T08:00:00.000Z")
        try checkpoint.note.cosign(with: witness, time: 1_796_000_000)
        #expect(try fixture.writer.addCosignatures(checkpoint, at: "2026-12-03T08:01:00.000Z") == 1)
        try fixture.writer.apply(
            .addSignatory(Signatory(name: "Lena Berg", party: "BOTKYRKA")), to: "FLEMINGSBERG-2007",
            context: WebFixture.context)
        let cosigned = checkpoint
        let second = try fixture.writer.logRoot()
        #expect(second.size == first.size + 1)
        try await fixture.application.test(.router) { client in
            try await client.execute(uri: "/api/v1/log/checkpoint", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                let served = try Checkpoint(parsing: String(buffer: response.body))
                #expect(served == cosigned)
                #expect(served.note.verified(by: key.verifier) == true && served.note.verified(by: witness.verifier) == true)
            }
            try await client.execute(uri: "/api/v1/log/consistency?old=\(first.size)", method: .get) { response in
                #expect(response.status == .ok)
                let proof = String(buffer: response.body).split(separator: "\n").compactMap { Data(base64Encoded: String($0)) }
                #expect(
                    TreeProofs.verifyConsistency(
                        old: first.size, new: second.size, oldRoot: first.root, newRoot: second.root,
                        proof: proof.map(Array.init)))
            }
            // The decision's latest entry is after the published checkpoint: no proof yet. A newer one is published.
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007/proof", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try fixture.writer.publish(
                try Checkpoint.signed(size: second.size, root: second.root, key: key), at: "2026-12-03T09:00:00.000Z")
            // The decision's page shows its proof and offers it as a file; the file is the proof of its entry.
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007?lang=en", method: .get) { response in
                let page = String(buffer: response.body)
                #expect(page.contains("<h2>Proof in the log</h2>"))
                #expect(page.contains("href=\"/decisions/FLEMINGSBERG-2007/proof\" download=\"FLEMINGSBERG-2007.tlog-proof\""))
            }
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007/proof", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment") == true)
                let proof = try TlogProof(parsing: String(buffer: response.body))
                #expect(proof.checkpoint.size == second.size && proof.index == second.size - 1)
                #expect(
                    TreeProofs.verifyInclusion(
                        leafHash: MerkleTree<Leaves>.leafHash(proof.extra ?? []), index: proof.index,
                        size: proof.checkpoint.size, proof: proof.path, root: proof.checkpoint.root))
            }
            // The log as tiles: the partial level-0 tile holds the leaves' hashes, the entry bundle the leaves.
            let size = Int(second.size)
            var hashes: [UInt8] = []
            try await client.execute(uri: "/log/tile/0/000.p/\(size)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.cacheControl] == "public, max-age=31536000, immutable")
                #expect(response.headers[.contentType] == "application/octet-stream")
                hashes = Array(response.body.readableBytesView)
            }
            #expect(hashes.count == 32 * size)
            try await client.execute(uri: "/log/tile/entries/000.p/\(size)", method: .get) { response in
                var bytes = Array(response.body.readableBytesView)[...]
                var leaves: [TreeHash] = []
                while bytes.count >= 2 {
                    let length = Int(bytes[bytes.startIndex]) << 8 | Int(bytes[bytes.startIndex + 1])
                    leaves.append(MerkleTree<Leaves>.leafHash(bytes.dropFirst(2).prefix(length)))
                    bytes = bytes.dropFirst(2 + length)
                }
                #expect(leaves.count == size && bytes.isEmpty)
                #expect(leaves.flatMap { $0 } == hashes, "each entry hashes to its hash in the level-0 tile")
                let root = try MerkleTree(Leaves(leafHashes: leaves), size: Int64(size)).root()
                #expect(root == second.root)
            }
            var latest = ""
            try await client.execute(uri: "/log/checkpoint", method: .get) { response in
                #expect(response.status == .ok && response.headers[.cacheControl] == "public, max-age=5")
                latest = String(buffer: response.body)
            }
            #expect(try Checkpoint(parsing: latest).size == second.size)
            for missing in ["/log/tile/0/000", "/log/tile/0/000.p/\(size + 1)", "/log/tile/1/000.p/1", "/log/tile/0/1", "/log/tile/x"] {
                try await client.execute(uri: missing, method: .get) { #expect($0.status == .notFound, "\(missing)") }
            }
            for query in ["old=\(second.size + 1)", "old=3&new=2", "", "old=-1", "old=x", "old=1&new=\(second.size + 5)"] {
                try await client.execute(uri: "/api/v1/log/consistency?\(query)", method: .get) { response in
                    #expect(response.status == .badRequest, "\(query)")
                }
            }
        }
    }
}
