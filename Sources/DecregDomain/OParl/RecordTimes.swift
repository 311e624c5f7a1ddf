/// When a record was first written and last changed, and whether it is withdrawn: what OParl calls `created`,
/// `modified` and `deleted`. Times are the audit trail's (`2026-12-03T09:05:47.214Z`).
public struct RecordTimes: Sendable, Equatable {
    public var created: String
    public var modified: String
    public var withdrawn: Bool

    public init(created: String, modified: String, withdrawn: Bool = false) {
        self.created = created
        self.modified = modified
        self.withdrawn = withdrawn
    }
}

/// A decision's times and those of each of its numbered items — steps, attachments, signatories — read from the
/// decision's audit entries in order. Each entry about the decision fixes its whole record after the change, so an
/// item was created by the first entry whose record holds it (items are numbered in the order recorded and never
/// removed) and changed by every entry whose record holds it differently from the record before. An entry about a
/// payment changes the decision (its payments are part of what is published about it) and none of its items.
/// A withdrawn decision withdraws its items with it, at the time it was withdrawn.
public struct DecisionTimes: Sendable, Equatable {
    /// One of the decision's audit entries: its time and, for an entry about the decision itself, the decision's
    /// canonical record after it (nil for an entry about one of its payments).
    public struct Entry: Sendable, Equatable {
        public var at: String
        public var record: String?

        public init(at: String, record: String?) {
            self.at = at
            self.record = record
        }
    }

    public var decision: RecordTimes
    public var steps: [RecordTimes] = []
    public var attachments: [RecordTimes] = []
    public var signatories: [RecordTimes] = []

    /// The times read from `entries`, oldest first; nil when there are none.
    public init?(_ entries: [Entry]) {
        guard let first = entries.first, let last = entries.last else { return nil }
        decision = RecordTimes(created: first.at, modified: last.at)
        var previous: [String: [JSONValue]] = [:]
        var withdrawnAt: String?
        for entry in entries {
            guard let text = entry.record, case .object(let members)? = try? JSONValue(parsing: text) else { continue }
            let record = Dictionary(members, uniquingKeysWith: { first, _ in first })
            if record["withdrawn"] != nil, withdrawnAt == nil { withdrawnAt = entry.at }
            for (key, path) in [("steps", \Self.steps), ("attachments", \.attachments), ("signatories", \.signatories)] {
                guard case .array(let items)? = record[key] else { continue }
                let before = previous[key] ?? []
                for (index, item) in items.enumerated() {
                    let withdrawn = Self.isWithdrawn(item)
                    if index >= self[keyPath: path].count {
                        self[keyPath: path].append(RecordTimes(created: entry.at, modified: entry.at, withdrawn: withdrawn))
                    } else if index >= before.count || before[index] != item {
                        self[keyPath: path][index].modified = entry.at
                        self[keyPath: path][index].withdrawn = withdrawn
                    }
                }
                previous[key] = items
            }
        }
        if let withdrawnAt {
            decision.withdrawn = true
            for path in [\Self.steps, \.attachments, \.signatories] {
                self[keyPath: path] = self[keyPath: path].map { times in
                    RecordTimes(created: times.created, modified: max(times.modified, withdrawnAt), withdrawn: true)
                }
            }
        }
    }

    private static func isWithdrawn(_ item: JSONValue) -> Bool {
        guard case .object(let members) = item else { return false }
        return members.contains { $0.0 == "withdrawn" }
    }
}
