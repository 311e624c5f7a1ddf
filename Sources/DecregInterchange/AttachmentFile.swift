import DecregDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file to be stored as an attachment, read the one way `attach add` and an import both read it. Attachments
/// are published, so what is stored must be a document someone chose: a regular file (not a device such as
/// `/dev/zero`, a pipe or a folder), not a system file (under `/etc`, `/proc`, `/sys`, `/dev` or `/run`, where
/// passwords and keys live) unless the user says so, and within the size limit.
public enum AttachmentFile {
    /// The folders whose files are the system's, not documents: storing one needs an explicit switch.
    public static let systemFolders = ["/etc", "/proc", "/sys", "/dev", "/run"]

    /// The bytes of the file at `path`; `name` is how problems name it (the path as the user wrote it, or
    /// "attachment file 'x'"). Symbolic links are followed before the file is judged, so a link to `/etc/shadow` is a
    /// system file too.
    public static func read(_ path: String, name: Phrase, allowSystemFile: Bool) throws(Problem) -> Data {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw Problem(name, .system(errno))
        }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw Problem(Phrase(sv: "\(name.sv) är ingen vanlig fil", en: "\(name.en) is not a regular file"))
        }
        let real = realpath(path, nil).map { pointer in
            defer { free(pointer) }
            return String(cString: pointer)
        } ?? path
        if !allowSystemFile, let folder = systemFolders.first(where: { real == $0 || real.hasPrefix($0 + "/") }) {
            throw Problem(
                Phrase(
                    sv: "\(name.sv) är en systemfil (under \(folder)), och bilagor publiceras; ange "
                        + "--allow-system-file om den verkligen ska lagras",
                    en: "\(name.en) is a system file (under \(folder)), and attachments are published; give "
                        + "--allow-system-file if it is meant to be stored"))
        }
        guard status.st_size <= InputLimits.maximumAttachmentBytes else {
            let limit = InputLimits.maximumAttachmentBytes >> 20
            throw Problem(
                Phrase(
                    sv: "\(name.sv) är större än gränsen på \(limit) MB",
                    en: "\(name.en) is larger than the limit of \(limit) MB"))
        }
        do { return try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw Problem(name, ImportReader.reason(error))
        }
    }

    /// Why a file cannot be stored as an attachment, in both languages.
    public struct Problem: Error, Equatable {
        public let phrase: Phrase

        init(_ phrase: Phrase) { self.phrase = phrase }

        init(_ name: Phrase, _ reason: Phrase) {
            phrase = Phrase(sv: "kan inte läsa \(name.sv): \(reason.sv)", en: "cannot read \(name.en): \(reason.en)")
        }
    }
}
