import Crypto
import DecregDomain
import Foundation
import GRDB

/// The half of `audit verify` that runs on a second, read-only connection on another core while the first
/// connection walks the tables: the walk of the trail, then attachment bytes against their hashes and foreign
/// keys. Its answer counts only if both connections read the same register: the side connection reports the
/// audit head it saw, and the verifier compares it with its own (any write by decreg appends an entry).
final class AuditSideChecks: @unchecked Sendable {
    // Written once by the side thread before `finished` is signalled, read only after waiting for it.
    private var outcome: Result<(head: AuditHead?, chain: AuditVerifier.Chain, problems: [AuditProblem]), any Error>?
    private let finished = DispatchSemaphore(value: 0)

    /// Starts the checks on the register file at `path`.
    init(path: String) {
        Thread.detachNewThread { [self] in
            outcome = Result {
                var config = Configuration()
                config.readonly = true
                config.busyMode = .timeout(Register.busyTimeout)
                let queue = try DatabaseQueue(path: path, configuration: config)
                return try queue.read { db in
                    let db = Session(db)
                    let head = try AuditHead.latest(db)
                    return (head, try AuditVerifier.walkChain(db), try AuditSideChecks.run(db))
                }
            }
            finished.signal()
        }
    }

    /// The trail walk and the problems found, if the side connection saw the trail ending at `head`; nil when it
    /// saw another state (a write came between the two connections' reads) or could not read.
    func result(ifHeadIs head: AuditHead?) -> (chain: AuditVerifier.Chain, problems: [AuditProblem])? {
        finished.wait()
        finished.signal()  // so that asking again does not wait forever
        guard case .success(let found) = outcome, found.head == head else { return nil }
        return (found.chain, found.problems)
    }

    /// The checks besides the trail walk, on any connection.
    static func run(_ db: Session) throws -> [AuditProblem] {
        try attachmentProblems(db) + foreignKeyProblems(db)
    }

    /// Attachments whose bytes do not match their recorded SHA-256 and size.
    private static func attachmentProblems(_ db: Session) throws -> [AuditProblem] {
        var problems: [AuditProblem] = []
        var attachments = try RawCursor(
            db,
            """
            SELECT a.id, a.sha256, a.size, a.content, d.ref, a.label
            FROM attachment a JOIN decision d ON d.id = a.decision_id ORDER BY a.id
            """)
        while attachments.hasRow {
            let content = attachments.blob(3)
            if content.count != attachments.int(2)
                || !Hex.matches(SHA256.hash(data: content), attachments.text(1))
            {
                problems.append(.inconsistent(
                    table: "attachment", .attachmentBytes(label: attachments.string(5), ref: attachments.string(4))))
            }
            try attachments.step()
        }
        return problems
    }

    /// Rows whose reference leads nowhere (SQLite's foreign key check).
    private static func foreignKeyProblems(_ db: Session) throws -> [AuditProblem] {
        // PostgreSQL checks every reference as it is written, and cannot be told not to.
        guard db.engine == .sqlite else { return [] }
        return try SQLRow.fetchAll(db, sql: "PRAGMA foreign_key_check").map { row in
            let table: String = row[0]
            let rowid: Int64? = row[1]
            let parent: String = row[2]
            return .inconsistent(table: table, .danglingReference(row: rowid, parent: parent))
        }
    }
}
