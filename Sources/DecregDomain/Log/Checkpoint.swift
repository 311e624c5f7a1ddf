import Foundation

/// A checkpoint of the log (c2sp.org/tlog-checkpoint): its origin (the log key's name), the tree's size and root,
/// signed as a note by the log and cosigned by witnesses.
public struct Checkpoint: Sendable, Equatable {
    public var origin: String
    public var size: Int64
    public var root: TreeHash
    /// The note: the checkpoint's three lines, and its signatures.
    public var note: SignedNote

    /// A checkpoint to sign.
    public init(origin: String, size: Int64, root: TreeHash) {
        self.origin = origin
        self.size = size
        self.root = root
        note = SignedNote(text: "\(origin)\n\(size)\n\(Data(root).base64EncodedString())\n")
    }

    /// A checkpoint read from its signed note.
    public init(parsing text: String) throws(NoteError) {
        let note = try SignedNote(parsing: text)
        let lines = note.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count >= 4, !lines[0].isEmpty, let size = Int64(lines[1]), size >= 0,
            lines[1] == "\(size)", let root = Data(base64Encoded: String(lines[2])), root.count == 32
        else {
            throw NoteError(
                sv: "ingen checkpoint: väntade ursprung, trädstorlek och rothash på var sin rad (c2sp.org/tlog-checkpoint)",
                en: "not a checkpoint: expected the origin, the tree size and the root hash, a line each "
                    + "(c2sp.org/tlog-checkpoint)")
        }
        origin = String(lines[0])
        self.size = size
        self.root = Array(root)
        self.note = note
    }

    /// The signed checkpoint as text.
    public var rendered: String { note.rendered }

    /// The checkpoint signed by the log's key (whose name is the origin).
    public static func signed(size: Int64, root: TreeHash, key: NoteKey) throws -> Checkpoint {
        var checkpoint = Checkpoint(origin: key.name, size: size, root: root)
        try checkpoint.note.sign(with: key)
        return checkpoint
    }

    /// Checks the log's signature: the origin is the key's name and the signature verifies.
    public func checkSignature(_ log: NoteVerifier) throws(NoteError) {
        guard origin == log.name else {
            throw NoteError(
                sv: "checkpointens ursprung är \(origin), loggnyckelns namn \(log.name)",
                en: "the checkpoint's origin is \(origin), the log key's name \(log.name)")
        }
        guard note.verified(by: log) == true else {
            throw NoteError(
                sv: "checkpointen bär ingen giltig signatur av loggnyckeln \(log.name)",
                en: "the checkpoint carries no valid signature of the log key \(log.name)")
        }
    }
}

/// A proof that an entry is in the log (c2sp.org/tlog-proof@v1): the leaf's bytes as `extra`, its index, the
/// inclusion proof, and the checkpoint (with its cosignatures) the proof leads to.
public struct TlogProof: Sendable, Equatable {
    public var extra: [UInt8]?
    public var index: Int64
    public var path: [TreeHash]
    public var checkpoint: Checkpoint

    public init(extra: [UInt8]?, index: Int64, path: [TreeHash], checkpoint: Checkpoint) {
        self.extra = extra
        self.index = index
        self.path = path
        self.checkpoint = checkpoint
    }

    public static let header = "c2sp.org/tlog-proof@v1"

    public var rendered: String {
        var out = Self.header + "\n"
        if let extra { out += "extra \(Data(extra).base64EncodedString())\n" }
        out += "index \(index)\n"
        for hash in path { out += Data(hash).base64EncodedString() + "\n" }
        return out + "\n" + checkpoint.rendered
    }

    public init(parsing text: String) throws(NoteError) {
        func refused(_ sv: String, _ en: String) -> NoteError {
            NoteError(sv: "ingen tlog-proof: \(sv)", en: "not a tlog-proof: \(en)")
        }
        guard let blank = text.range(of: "\n\n") else {
            throw refused("ingen tom rad före checkpointen", "no blank line before the checkpoint")
        }
        var lines = text[..<blank.lowerBound].split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.first == Substring(Self.header) else {
            throw refused("första raden är inte \(Self.header)", "the first line is not \(Self.header)")
        }
        lines = lines.dropFirst()
        extra = nil
        if let line = lines.first, line.hasPrefix("extra ") {
            guard let bytes = Data(base64Encoded: String(line.dropFirst(6))) else {
                throw refused("extra är inte base64", "extra is not base64")
            }
            extra = Array(bytes)
            lines = lines.dropFirst()
        }
        guard let line = lines.first, line.hasPrefix("index "), let index = Int64(line.dropFirst(6)), index >= 0,
            "index \(index)" == line
        else {
            throw refused("raden index N saknas", "the line index N is missing")
        }
        self.index = index
        path = []
        for line in lines.dropFirst() {
            guard let hash = Data(base64Encoded: String(line)), hash.count == 32 else {
                throw refused("'\(line.prefix(60))' är ingen hash", "'\(line.prefix(60))' is not a hash")
            }
            path.append(Array(hash))
        }
        checkpoint = try Checkpoint(parsing: String(text[blank.upperBound...]))
    }
}
