import ArgumentParser
import Crypto
import DecregDomain
import DecregStore
import Foundation

extension Decreg.LogCommand {
    struct Cosign: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cosign",
            abstract: "A party's witness: check a checkpoint against the last one it cosigned, and cosign it.",
            discussion: """
                Checks the log's signature, then the consistency proof from the last checkpoint this witness cosigned \
                (kept in --state) to this one, from the register (--db) or the server (--url). A smaller tree than \
                before (a rollback) or one that does not extend it (a fork) is refused, exit 1; else the checkpoint \
                is printed with this witness's cosignature (c2sp.org/tlog-cosignature, Ed25519, timestamped).
                """)
        @Argument(help: "The checkpoint file.") var checkpoint: String
        @Option(help: "The witness's private key (decreg log key generate --witness).") var key: String
        @Option(name: .customLong("log-key"), help: "The log's verifier key (or a file holding it).") var logKey: String
        @Option(help: "The folder where this witness keeps the last checkpoint it cosigned.") var state: String
        @Option(help: "The register to take the consistency proof from.") var db: String?
        @Option(help: "The server to take it from: its address, e.g. https://register.example.se.") var url: String?

        func run() throws {
            let witness = try KeyFile.read(key, option: "--key", kind: .witness)
            let log = try KeyFile.verifier(logKey, option: "--log-key", kind: .log)
            var checkpoint = try LogFiles.checkpoint(self.checkpoint)
            do { try checkpoint.checkSignature(log) } catch { throw CommandFailure(error.phrase, status: 1) }
            guard (db == nil) != (url == nil) else {
                throw CommandFailure(
                    option: "--db", sv: "ange var beviset hämtas: --db REGISTER eller --url ADRESS",
                    en: "say where the proof comes from: --db REGISTER or --url ADDRESS")
            }
            let stateFile = URL(fileURLWithPath: state).appendingPathComponent(
                log.name.map { $0.isLetter || $0.isNumber || $0 == "." || $0 == "-" ? $0 : "_" } + ".checkpoint")
            if let text = try? String(contentsOf: stateFile, encoding: .utf8) {
                let last: Checkpoint
                do { last = try Checkpoint(parsing: text) } catch {
                    throw CommandFailure(
                        Phrase(verbatim: "\(stateFile.path): ") + error.phrase)
                }
                guard checkpoint.size >= last.size else {
                    throw CommandFailure(
                        sv: "återställning vägrad: checkpointen har \(checkpoint.size) poster, vittnet har redan "
                            + "kontrasignerat \(last.size)",
                        en: "rollback refused: the checkpoint has \(checkpoint.size) entries, the witness has already "
                            + "cosigned \(last.size)", status: 1)
                }
                let proof = try consistency(old: last.size, new: checkpoint.size)
                guard
                    TreeProofs.verifyConsistency(
                        old: last.size, new: checkpoint.size, oldRoot: last.root, newRoot: checkpoint.root, proof: proof)
                else {
                    throw CommandFailure(
                        sv: "förgrening vägrad: trädet med \(checkpoint.size) poster bygger inte vidare på det med "
                            + "\(last.size) som vittnet kontrasignerade (konsistensbeviset håller inte)",
                        en: "fork refused: the tree of \(checkpoint.size) entries does not extend the one of "
                            + "\(last.size) the witness cosigned (the consistency proof fails)", status: 1)
                }
            }
            try checkpoint.note.cosign(with: witness, time: UInt64(Date().timeIntervalSince1970))
            try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
            let temporary = stateFile.appendingPathExtension("new")
            try Data(checkpoint.rendered.utf8).write(to: temporary)
            // Renamed into place: the state is the old checkpoint or the new one, never half of one.
            guard rename(temporary.path, stateFile.path) == 0 else {
                throw CommandFailure(
                    option: "--state", Phrase(verbatim: "\(stateFile.path): \(String(cString: strerror(errno)))"))
            }
            Output.write(checkpoint.rendered)
        }

        private func consistency(old: Int64, new: Int64) throws -> [TreeHash] {
            if let db { return try Register.open(path: RegisterLocation.path(db), for: .reading).consistencyProof(old: old, new: new) }
            let address = (url ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "/"))
                + "/api/v1/log/consistency?old=\(old)&new=\(new)"
            guard let target = URL(string: address) else {
                throw CommandFailure(option: "--url", sv: "'\(url ?? "")' är ingen adress", en: "'\(url ?? "")' is not an address")
            }
            let text = try LogFiles.fetch(target)
            var proof: [TreeHash] = []
            for line in text.split(separator: "\n") {
                guard let hash = Data(base64Encoded: String(line)), hash.count == 32 else {
                    throw CommandFailure(
                        sv: "\(address) svarade inte med ett konsistensbevis", en: "\(address) did not answer a consistency proof",
                        status: 1)
                }
                proof.append(Array(hash))
            }
            return proof
        }
    }

    struct AddCosignature: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-cosignature", abstract: "Record a witness's cosigned checkpoint with the published one.")
        @OptionGroup var global: RegisterLocation
        @Argument(help: "The cosigned checkpoint file.") var file: String

        func run() throws {
            let checkpoint = try LogFiles.checkpoint(file)
            let added = try global.open(.writing).addCosignatures(
                checkpoint, at: ChangeContext(actor: "", command: "").timestamp)
            Output.confirmation(
                Phrase(
                    sv: "\(added) nya signaturer lades till checkpointen för \(checkpoint.size) poster",
                    en: "\(added) new signatures added to the checkpoint of \(checkpoint.size) entries"
                ).text(Output.errorLanguage))
        }
    }

    struct VerifyProof: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "verify-proof",
            abstract: "Check a proof with no register: the log's signature, the witnesses, the inclusion, the record.")
        @Argument(help: "The proof (.tlog-proof).") var proof: String
        @Option(name: .customLong("log-key"), help: "The log's verifier key (or a file holding it).") var logKey: String
        @Option(help: "A witness's verifier key (repeat for several).") var witness: [String] = []
        @Option(help: "How many witnesses must have cosigned (default: every one given).") var quorum: Int?
        @Option(help: "The decision's record (decreg log prove --record): the entry must commit to it.")
        var record: String?

        func run() throws {
            let log = try KeyFile.verifier(logKey, option: "--log-key", kind: .log)
            let witnesses = try witness.map { try KeyFile.verifier($0, option: "--witness", kind: .witness) }
            let quorum = quorum ?? witnesses.count
            guard quorum >= 0, quorum <= witnesses.count else {
                throw CommandFailure(
                    option: "--quorum", sv: "kvorum \(quorum) av \(witnesses.count) givna vittnen går inte",
                    en: "a quorum of \(quorum) of the \(witnesses.count) witnesses given cannot be met")
            }
            let text: String
            do { text = try String(contentsOfFile: proof, encoding: .utf8) } catch {
                throw CommandFailure(sv: "kan inte läsa \(proof)", en: "cannot read \(proof)")
            }
            func failed(_ sv: String, _ en: String) -> CommandFailure {
                CommandFailure(sv: "beviset håller inte: \(sv)", en: "the proof fails: \(en)", status: 1)
            }
            let parsed: TlogProof
            do { parsed = try TlogProof(parsing: text) } catch {
                throw CommandFailure(Phrase(verbatim: "\(proof): ") + error.phrase, status: 1)
            }
            do { try parsed.checkpoint.checkSignature(log) } catch {
                throw failed("loggens signatur: \(error.phrase.sv)", "the log's signature: \(error.phrase.en)")
            }
            var cosigned: [String] = []
            for witness in witnesses {
                switch parsed.checkpoint.note.verified(by: witness) {
                case true?: cosigned.append(witness.name)
                case false?:
                    throw failed("vittnet \(witness.name)s kontrasignatur är ogiltig",
                        "witness \(witness.name)'s cosignature is not valid")
                case nil: break
                }
            }
            guard cosigned.count >= quorum else {
                throw failed(
                    "\(cosigned.count) av \(witnesses.count) vittnen har kontrasignerat, \(quorum) krävs",
                    "\(cosigned.count) of \(witnesses.count) witnesses cosigned, \(quorum) required")
            }
            guard let leaf = parsed.extra else {
                throw failed("posten (extra) saknas", "the entry (extra) is missing")
            }
            guard
                TreeProofs.verifyInclusion(
                    leafHash: MerkleTree<Leaves>.leafHash(leaf), index: parsed.index, size: parsed.checkpoint.size,
                    proof: parsed.path, root: parsed.checkpoint.root)
            else {
                throw failed(
                    "post \(parsed.index + 1) finns inte i trädet med \(parsed.checkpoint.size) poster enligt beviset",
                    "entry \(parsed.index + 1) is not in the tree of \(parsed.checkpoint.size) entries by the proof")
            }
            let entry = LogLeaf(index: parsed.index, bytes: leaf)
            if let record {
                guard let bytes = FileManager.default.contents(atPath: record) else {
                    throw CommandFailure(sv: "kan inte läsa \(record)", en: "cannot read \(record)")
                }
                guard entry.afterSHA256 == Hex.string(bytes: SHA256.hash(data: bytes)) else {
                    throw failed(
                        "posten binder inte \(record) (dess SHA-256 är inte postens after_sha256)",
                        "the entry does not commit to \(record) (its SHA-256 is not the entry's after_sha256)")
                }
            }
            let language = Output.errorLanguage
            Output.line(
                Phrase(
                    sv: "Beviset håller: post \(parsed.index + 1) finns i loggen \(log.name) med \(parsed.checkpoint.size) "
                        + "poster" + (cosigned.isEmpty ? "" : ", kontrasignerad av \(cosigned.joined(separator: ", "))")
                        + (record == nil ? "" : ", och binder \(record!)"),
                    en: "The proof holds: entry \(parsed.index + 1) is in the log \(log.name) of \(parsed.checkpoint.size) "
                        + "entries" + (cosigned.isEmpty ? "" : ", cosigned by \(cosigned.joined(separator: ", "))")
                        + (record == nil ? "" : ", and commits to \(record!)")
                ).text(language))
        }
    }
}

/// Reading the log's files and answers.
enum LogFiles {
    static func checkpoint(_ path: String) throws -> Checkpoint {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure(sv: "kan inte läsa \(path)", en: "cannot read \(path)")
        }
        do { return try Checkpoint(parsing: text) } catch {
            throw CommandFailure(Phrase(verbatim: "\(path): ") + error.phrase)
        }
    }

    /// A GET's body as text, within 30 s, by `curl` (http or https; the binary links no HTTP client of its own);
    /// refused unless the server answers 2xx.
    static func fetch(_ url: URL) throws -> String {
        guard url.scheme == "http" || url.scheme == "https" else {
            throw CommandFailure(
                option: "--url", sv: "'\(url.absoluteString)' är ingen http- eller https-adress",
                en: "'\(url.absoluteString)' is not an http or https address")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-fsS", "--max-time", "30", "--proto", "=http,https", "--", url.absoluteString]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        do { try process.run() } catch {
            throw CommandFailure(
                sv: "kan inte starta curl för att hämta \(url.absoluteString)",
                en: "cannot start curl to fetch \(url.absoluteString)", status: 1)
        }
        let body = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let reason = problem.split(separator: "\n").first.map(String.init)
                ?? (process.terminationStatus == 127 ? "curl is not installed" : "curl exited \(process.terminationStatus)")
            throw CommandFailure(
                sv: "kan inte hämta \(url.absoluteString): \(reason)", en: "cannot fetch \(url.absoluteString): \(reason)",
                status: 1)
        }
        return String(decoding: body, as: UTF8.self)
    }
}
