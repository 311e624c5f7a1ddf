import DecregDomain
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A register file looked at before SQLite is let near it: SQLite would take an empty file for an empty database
/// and make it a register, and take a folder's or a device's failure for its own.
enum RegisterFile {
    /// The first 16 bytes of every SQLite database.
    static let magic = Array("SQLite format 3\0".utf8)

    /// Refuses, untouched, what is not at least an SQLite database: nothing there, a folder or a device, an empty
    /// file, a file of other bytes.
    static func recognise(_ path: String) throws {
        var status = stat()
        guard stat(path, &status) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { throw RegisterError.noRegister(path: path) }
            throw RegisterError.file(path: path, problem: .system(errno))
        }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw RegisterError.notARegister(path: path, reason: .folder)
        default: throw RegisterError.notARegister(path: path, reason: .notRegularFile)
        }
        guard status.st_size > 0 else { throw RegisterError.notARegister(path: path, reason: .noBytes) }
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw RegisterError.file(path: path, problem: .system(errno)) }
        defer { close(descriptor) }
        var header = [UInt8](repeating: 0, count: magic.count)
        let count = header.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, magic.count) }
        guard count >= 0 else { throw RegisterError.file(path: path, problem: .system(errno)) }
        guard count == magic.count, header == magic else {
            throw RegisterError.notARegister(path: path, reason: .notSQLite)
        }
    }

    /// Refuses to start a change that could not be written: a read-only file, or a folder in which the journal
    /// (written beside the register during every change) cannot be made. Checked again by SQLite itself on writing.
    static func checkWritable(_ path: String) throws {
        if access(path, W_OK) != 0 {
            throw RegisterError.file(path: path, problem: errno == EROFS ? .readOnlyFileSystem : .readOnly)
        }
        let folder = folder(of: path)
        if access(folder, W_OK | X_OK) != 0 {
            throw RegisterError.file(
                path: path, problem: errno == EROFS ? .readOnlyFileSystem : .readOnlyFolder(folder))
        }
    }

    /// Makes the empty file `decreg init` fills, only where nothing is: an existing file, even an empty one, is
    /// refused; a folder that does not let decreg create it is named with the cause.
    static func createEmpty(_ path: String) throws {
        let descriptor = Glibc.open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            let number = errno
            switch number {
            case EEXIST: throw RegisterError.alreadyExists(path: path)
            case ENOENT, ENOTDIR: throw RegisterError.cannotCreate(path: path, cause: .noFolder(folder(of: path)))
            case EACCES, EPERM:
                throw RegisterError.cannotCreate(path: path, cause: .folderNotWritable(folder(of: path)))
            case EROFS: throw RegisterError.cannotCreate(path: path, cause: FileProblem.readOnlyFileSystem.cause)
            default: throw RegisterError.cannotCreate(path: path, cause: FileProblem.system(number).cause)
            }
        }
        close(descriptor)
    }

    /// The folder that holds `path` (`.` for a bare file name).
    static func folder(of path: String) -> String {
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? "." : folder
    }
}
