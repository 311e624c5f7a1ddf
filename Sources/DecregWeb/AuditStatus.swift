import DecregStore
import Foundation
import Synchronization

/// Whether the audit trail verifies, remembered for a short while per audit head: verifying reads the whole
/// register, too much to do for every visit of `/audit`. A new head (any change) is verified afresh; an
/// unchanged one again after `maximumAge`, so an edit made behind decreg's back shows within that time.
final class AuditStatus: Sendable {
    private let cache = Mutex<(head: AuditHead?, at: Date, report: AuditReport)?>(nil)
    let maximumAge: TimeInterval

    init(maximumAge: TimeInterval = 60) {
        self.maximumAge = maximumAge
    }

    func report(_ register: Register) throws -> AuditReport {
        let head = try register.auditHead()
        let now = Date()
        if let cached = cache.withLock({ $0 }), cached.head == head, now.timeIntervalSince(cached.at) < maximumAge {
            return cached.report
        }
        let report = try register.verifyAudit()
        cache.withLock { $0 = (report.head, now, report) }
        return report
    }
}
