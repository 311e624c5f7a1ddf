import DecregDomain
import DecregStore
import Foundation
import HTTPTypes
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// The register `serve` publishes, and its file watched: at most once a second (on the first request after that
/// second) the file is looked at again. Replaced by another file (a new device and inode, or the same file
/// rewritten without SQLite's change counter moving, as `cp` over it does), it is opened afresh when it is a decreg
/// register; gone, or no longer a register, every request is answered 503 with `Retry-After` until it is back.
/// Each change is one line in the log.
final class ServedRegister: Sendable {
    /// What is read for a request: the register and the memories kept of it, which go with the file.
    struct Generation: Sendable {
        let register: Register
        let reads: CachedReads
        let audit: AuditStatus

        init(_ register: Register) {
            self.register = register
            self.reads = CachedReads(register: register)
            self.audit = AuditStatus()
        }

        var pages: Pages { Pages(register: register, reads: reads, audit: audit) }
        var api: API { API(register: register, reads: reads) }
    }

    private struct State {
        var generation: Generation?
        /// Why nothing is served, while `generation` is nil.
        var problem: Phrase?
        var file: FileState?
        var checked: ContinuousClock.Instant
    }

    /// What is compared from one look at the file to the next.
    struct FileState: Equatable {
        var device: UInt64
        var inode: UInt64
        var modified: timespec
        /// The first 100 bytes: SQLite's header, with its magic string and file change counter.
        var header: [UInt8]

        static func == (a: FileState, b: FileState) -> Bool {
            a.device == b.device && a.inode == b.inode && a.modified.tv_sec == b.modified.tv_sec
                && a.modified.tv_nsec == b.modified.tv_nsec && a.header == b.header
        }

        var isSQLite: Bool { header.starts(with: Array("SQLite format 3\0".utf8)) }
        /// Offset 24: incremented by SQLite on every committed write.
        var changeCounter: ArraySlice<UInt8> { header.count >= 28 ? header[24..<28] : [] }

        /// Whether the file now holds another database than before, rather than the same one written to.
        func isReplacement(of old: FileState) -> Bool {
            device != old.device || inode != old.inode || !isSQLite
                || (modified.tv_sec != old.modified.tv_sec || modified.tv_nsec != old.modified.tv_nsec)
                    && changeCounter == old.changeCounter
        }

        static func read(_ path: String) -> FileState? {
            var status = stat()
            guard stat(path, &status) == 0, let handle = FileHandle(forReadingAtPath: path) else { return nil }
            defer { try? handle.close() }
            let header = (try? handle.read(upToCount: 100)).map { [UInt8]($0) } ?? []
            return FileState(
                device: UInt64(status.st_dev), inode: UInt64(status.st_ino), modified: status.st_mtim, header: header)
        }
    }

    /// The file watched, or nil for a register that is not watched (tests, in memory).
    let path: String?
    let log: ServerLog
    /// The least time between two looks at the file.
    static let checkInterval = Duration.seconds(1)
    /// What a 503 tells the client to wait, in seconds.
    static let retryAfter = 2
    private let state: Mutex<State>

    /// The primary, when this register is its read replica (`serve --read-db`): how far the replica lags is said
    /// on every answer read from it.
    let primary: Register?
    private let lag = Mutex<(checked: ContinuousClock.Instant, text: String?)?>(nil)
    /// The header that says how far the replica lags: `3 entries, 850 ms` (entries of the audit trail the primary
    /// has and the replica has not yet replayed, and the age of the last change it replayed), or `0 entries`.
    static let lagHeader = HTTPField.Name("Decreg-Replica-Lag")!

    init(_ register: Register, path: String?, log: ServerLog, primary: Register? = nil) {
        self.path = path
        self.log = log
        self.primary = primary
        let file = path.flatMap(FileState.read)
        state = Mutex(State(generation: Generation(register), problem: nil, file: file, checked: .now))
    }

    /// How far the replica lags behind the primary, read at most once a second; nil when this is no replica.
    func replicaLag() -> String? {
        guard let primary else { return nil }
        let now = ContinuousClock.now
        if let known = lag.withLock({ $0 }), now - known.checked < .seconds(1) { return known.text }
        let text: String
        do {
            let replica = try current().register
            let behind = max(0, (try primary.auditHead()?.seq ?? 0) - (try replica.auditHead()?.seq ?? 0))
            let age = try replica.replayAge()
            text = behind == 0 ? "0 entries" : "\(behind) entries" + ((age ?? nil).map { ", \($0) ms" } ?? "")
        } catch {
            text = "unknown"
        }
        lag.withLock { $0 = (now, text) }
        return text
    }

    /// The register to read for a request, or a 503 when its file is gone or not a register.
    func current() throws -> Generation {
        let (generation, problem, due) = state.withLock { state in
            let now = ContinuousClock.now
            let due = path != nil && now - state.checked >= Self.checkInterval
            if due { state.checked = now }
            return (state.generation, state.problem, due)
        }
        if due, let path { return try check(path) }
        guard let generation else { throw unavailable(problem ?? Phrase(sv: "registret kan inte läsas", en: "the register cannot be read")) }
        return generation
    }

    private func unavailable(_ problem: Phrase) -> WebError {
        WebError(
            .serviceUnavailable, problem + Phrase(sv: "; försök igen om en stund", en: "; try again shortly"),
            retryAfter: Self.retryAfter)
    }

    /// Looks at the file; reopens it when it was replaced. Only one request at a time gets here (once a second).
    private func check(_ path: String) throws -> Generation {
        let now = FileState.read(path)
        let (old, generation) = state.withLock { ($0.file, $0.generation) }
        if let generation, let now, let old, !now.isReplacement(of: old) {
            state.withLock { $0.file = now }
            return generation
        }
        guard let now else {
            return try fail(Phrase(sv: "\(path) finns inte längre", en: "\(path) is gone"), file: nil)
        }
        let register: Register
        do {
            register = try Register.open(path: path, for: .serving)
        } catch {
            if Register.readFailure(error) == .busy, let generation {
                // Being written (a long import): keep serving what was open, and look again next time.
                return generation
            }
            return try fail(
                (error as? RegisterError)?.phrase ?? Phrase(verbatim: String(describing: error)), file: now)
        }
        let fresh = Generation(register)
        state.withLock { state in
            state.generation = fresh
            state.problem = nil
            state.file = now
        }
        log.write("decreg: \(path) was replaced; serving the register now in it")
        return fresh
    }

    private func fail(_ problem: Phrase, file: FileState?) throws -> Generation {
        let isNew = state.withLock { state -> Bool in
            defer {
                state.generation = nil
                state.problem = problem
                state.file = file
            }
            return state.problem != problem
        }
        if isNew { log.write("decreg: \(problem.en); answering 503 until a register is there again") }
        throw unavailable(problem)
    }
}
