import ArgumentParser
import Crypto
import DecregDomain
import DecregStore
import Foundation

extension Decreg {
    struct LogCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "log",
            abstract: "The audit trail as a transparency log: keys, signed checkpoints, witnesses' cosignatures, proofs.",
            discussion: """
                The formats are C2SP's (c2sp.org/signed-note, tlog-checkpoint, tlog-cosignature, tlog-proof), so the \
                tools of Go's checksum database and of Sigsum can check what decreg writes.
                """,
            subcommands: [Key.self, CheckpointCommand.self, Prove.self, Consistency.self, Cosign.self,
                AddCosignature.self, VerifyProof.self])

        struct Key: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "key", abstract: "Make a signing key.", subcommands: [Generate.self])

            struct Generate: ParsableCommand {
                static let configuration = CommandConfiguration(
                    commandName: "generate",
                    abstract: "Make an Ed25519 key: the private key to FILE (mode 0600), the verifier key printed.")
                @Option(help: "The key's name: the log's origin, e.g. register.example.se/flemingsberg.") var name: String
                @Option(name: .shortAndLong, help: "Where to write the private key (refused if it exists).")
                var output: String
                @Flag(help: "A witness's cosigning key (signature type 0x04), not the log's (0x01).") var witness = false

                func run() throws {
                    let key: NoteKey
                    do { key = try NoteKey(name: name, kind: witness ? .witness : .log) } catch {
                        throw CommandFailure(option: "--name", error.phrase)
                    }
                    try KeyFile.write(key.privateText + "\n", to: output)
                    Output.line(key.verifier.description)
                }
            }
        }

        struct CheckpointCommand: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "checkpoint", abstract: "Print the log's checkpoint, signed with the log's key.")
            @OptionGroup var global: RegisterLocation
            @Option(help: "The log's private key (decreg log key generate).") var key: String
            @Flag(help: "Also record it in the register as published, with the time.") var publish = false

            func run() throws {
                let key = try KeyFile.read(key, option: "--key", kind: .log)
                let register = try global.open(publish ? .writing : .reading)
                let checkpoint = try LogWork.sign(register, key: key, publish: publish)
                Output.write(checkpoint.rendered)
            }
        }

        struct Prove: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "prove",
                abstract: "Write a proof (c2sp.org/tlog-proof@v1) that the decision's latest entry is in the log.")
            @OptionGroup var global: RegisterLocation
            @Argument(help: "The decision's ref.") var ref: String
            @Option(help: "The log's private key: signs and publishes a checkpoint when none published includes the entry.")
            var key: String?
            @Option(name: .shortAndLong, help: "Write the proof to this file (else standard output).") var output: String?
            @Option(help: "Also write the decision's record, whose SHA-256 the entry commits to, to this file.")
            var record: String?

            func run() throws {
                let key = try self.key.map { try KeyFile.read($0, option: "--key", kind: .log) }
                let register = try global.open(key == nil ? .reading : .writing)
                let leaf = try register.latestLeaf(decision: ref)
                var proof = try register.proof(of: ref)
                if proof == nil, let key {
                    _ = try LogWork.sign(register, key: key, publish: true)
                    proof = try register.proof(of: ref)
                }
                guard let proof else {
                    throw CommandFailure(
                        sv: "ingen publicerad checkpoint omfattar \(ref)s senaste post (\(leaf.index + 1)); publicera en "
                            + "med decreg log checkpoint --key NYCKEL --publish, eller ge --key",
                        en: "no published checkpoint includes \(ref)'s latest entry (\(leaf.index + 1)); publish one "
                            + "with decreg log checkpoint --key KEY --publish, or give --key")
                }
                if let record, let text = leaf.record { try OutputFile.write(text, to: record, force: false) }
                try OutputFile.write(proof.rendered, to: output, force: false)
            }
        }

        struct Consistency: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "consistency",
                abstract: "Print the RFC 6962 consistency proof between two tree sizes, one base64 hash a line.")
            @OptionGroup var global: RegisterLocation
            @Argument(help: "The older tree size.") var old: Int64
            @Argument(help: "The newer tree size (else today's).") var new: Int64?

            func run() throws {
                let proof = try global.open(.reading).consistencyProof(old: old, new: new)
                Output.write(proof.map { Data($0).base64EncodedString() + "\n" }.joined())
            }
        }
    }
}

/// What the log's commands share: signing and publishing a checkpoint.
enum LogWork {
    static func sign(_ register: Register, key: NoteKey, publish: Bool) throws -> Checkpoint {
        let (size, root) = try register.logRoot()
        let checkpoint = try Checkpoint.signed(size: size, root: root, key: key)
        if publish { try register.publish(checkpoint, at: ChangeContext(actor: "", command: "").timestamp) }
        return checkpoint
    }
}

/// Private keys in files: written once with mode 0600, read with their kind checked.
enum KeyFile {
    static func write(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST
                ? Phrase(sv: "filen finns redan; en nyckel skrivs aldrig över", en: "the file exists; a key is never overwritten")
                : Phrase(verbatim: String(cString: strerror(errno)))
            throw CommandFailure(option: "--output", Phrase(verbatim: "\(path): ") + reason)
        }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        guard writeAll(descriptor, bytes) == bytes.count else {
            throw CommandFailure(option: "--output", Phrase(verbatim: "\(path): \(String(cString: strerror(errno)))"))
        }
    }

    static func read(_ path: String, option: String, kind: NoteKey.Kind) throws -> NoteKey {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(
                option: option,
                Phrase(sv: "kan inte läsa \(path)", en: "cannot read \(path)"))
        }
        let key: NoteKey
        do { key = try NoteKey(parsing: text) } catch { throw CommandFailure(option: option, error.phrase) }
        guard key.kind == kind else { throw CommandFailure(option: option, wrongKind(path, wanted: kind)) }
        return key
    }

    static func verifier(_ text: String, option: String, kind: NoteKey.Kind) throws -> NoteVerifier {
        // A verifier key given as such, or a file holding one.
        let given = FileManager.default.fileExists(atPath: text)
            ? (try? String(contentsOfFile: text, encoding: .utf8)) ?? text : text
        let verifier: NoteVerifier
        do { verifier = try NoteVerifier(parsing: given) } catch { throw CommandFailure(option: option, error.phrase) }
        guard verifier.kind == kind else { throw CommandFailure(option: option, wrongKind(verifier.name, wanted: kind)) }
        return verifier
    }

    /// `NAME is a witness's key, not the log's` (or the other way round).
    private static func wrongKind(_ name: String, wanted kind: NoteKey.Kind) -> Phrase {
        kind == .log
            ? Phrase(sv: "\(name) är ett vittnes nyckel, inte loggens", en: "\(name) is a witness's key, not the log's")
            : Phrase(sv: "\(name) är loggens nyckel, inte ett vittnes", en: "\(name) is the log's key, not a witness's")
    }
}

private func writeAll(_ descriptor: Int32, _ bytes: [UInt8]) -> Int {
    bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
}
