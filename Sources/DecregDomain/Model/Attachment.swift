import Crypto
import Foundation

/// A document attached to a decision ("Bilaga 1"). The register stores its bytes, so the register file alone
/// is the whole record; the SHA-256 proves a copy is the same document.
public struct Attachment: Hashable, Sendable {
    /// The label the decision cites: `Bilaga 1`. Unique within a decision.
    public var label: String
    public var title: String?
    public var mediaType: String
    public var size: Int
    /// Lower-case hex SHA-256 of the bytes.
    public var sha256: String
    /// The bytes, when they were loaded; listings leave them out.
    public var content: Data?
    /// Why the attachment was withdrawn, when attached in error; nil while it stands. Its bytes stay.
    public var withdrawn: String?

    /// An attachment with its bytes; size and hash are computed from them.
    public init(label: String, title: String? = nil, mediaType: String, content: Data) {
        self.label = label
        self.title = title
        self.mediaType = mediaType
        self.size = content.count
        self.sha256 = Attachment.sha256Hex(content)
        self.content = content
    }

    /// An attachment's description without its bytes.
    public init(
        label: String, title: String?, mediaType: String, size: Int, sha256: String, withdrawn: String? = nil
    ) {
        self.withdrawn = withdrawn
        self.label = label
        self.title = title
        self.mediaType = mediaType
        self.size = size
        self.sha256 = sha256
        self.content = nil
    }

    /// Lower-case hex SHA-256 of some bytes.
    public static func sha256Hex(_ data: Data) -> String {
        Hex.string(SHA256.hash(data: data))
    }

    /// The SHA-512 of `data` in lower-case hex (what OParl's `sha512Checksum` gives).
    public static func sha512Hex(_ data: Data) -> String {
        Hex.string(bytes: SHA512.hash(data: data))
    }

    /// The media type a file name suggests; `application/octet-stream` when unknown.
    public static func mediaType(forFileName name: String) -> String {
        let ext = (name as NSString).pathExtension.lowercased()
        return mediaTypes[ext] ?? "application/octet-stream"
    }

    private static let mediaTypes: [String: String] = [
        "pdf": "application/pdf", "txt": "text/plain", "md": "text/markdown", "html": "text/html",
        "htm": "text/html", "csv": "text/csv", "json": "application/json", "xml": "application/xml",
        "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "gif": "image/gif", "svg": "image/svg+xml",
        "doc": "application/msword",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xls": "application/vnd.ms-excel",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "odt": "application/vnd.oasis.opendocument.text",
        "ods": "application/vnd.oasis.opendocument.spreadsheet",
        "zip": "application/zip",
    ]
}
