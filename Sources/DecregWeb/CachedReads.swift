import DecregDomain
import DecregStore
import Synchronization

/// The register's list reads — the decisions a filter selects (all, or a page), the totals — remembered per audit
/// head for the few most recent questions. Every change decreg makes moves the head, so an answer is reused only while
/// nothing has changed; the first visit after a change reads afresh. The list of a large register takes long to
/// read, and every page of it and the API's pages would otherwise read all of it again.
final class CachedReads: Sendable {
    let register: Register
    private let entries = Mutex<[(key: String, head: AuditHead?, value: any Sendable)]>([])
    static let capacity = 8

    init(register: Register) {
        self.register = register
    }

    func decisions(_ filter: DecisionFilter) throws -> [DecisionListItem] {
        let key = Self.key("decisions", filter.party, filter.year.map(String.init), filter.status?.rawValue, filter.search)
        return try remembered(key) { try register.decisions(filter) }
    }

    /// One page of the decisions a filter selects, and how many it selects in all.
    func decisions(_ filter: DecisionFilter, offset: Int, limit: Int) throws -> DecisionPage {
        let key = Self.key(
            "decision-page", filter.party, filter.year.map(String.init), filter.status?.rawValue, filter.search,
            String(offset), String(limit))
        return try remembered(key) { try register.decisions(filter, offset: offset, limit: limit) }
    }

    func totals(by dimensions: [TotalsDimension], filter: FundingFilter) throws -> [TotalsRow] {
        let key = Self.key(
            "totals", dimensions.map(\.rawValue).joined(separator: ","), filter.party,
            filter.years.map { "\($0.from)..\($0.to)" }, filter.decision, filter.status?.rawValue)
        return try remembered(key) { try register.totals(by: dimensions, filter: filter) }
    }

    /// The parts of a question as one key that no other question has: each part length-prefixed, absent as `-`.
    private static func key(_ parts: String?...) -> String {
        parts.map { part in part.map { "\($0.utf8.count):\($0)" } ?? "-" }.joined()
    }

    /// The value read at the current head, from memory when it was read at this head before. The head is read
    /// first, so a value is never older than the head it is filed under.
    private func remembered<T: Sendable>(_ key: String, _ read: () throws -> T) throws -> T {
        let head = try register.auditHead()
        let cached = entries.withLock { entries -> T? in
            guard let index = entries.firstIndex(where: { $0.key == key && $0.head == head }),
                let value = entries[index].value as? T
            else { return nil }
            entries.append(entries.remove(at: index))
            return value
        }
        if let cached { return cached }
        let value = try read()
        entries.withLock { entries in
            entries.removeAll { $0.key == key }
            entries.append((key, head, value))
            if entries.count > Self.capacity { entries.removeFirst(entries.count - Self.capacity) }
        }
        return value
    }
}
