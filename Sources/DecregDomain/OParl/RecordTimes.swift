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
/// decision's audit entries. Each entry about the decision fixes its whole record after the change, so an item was
/// created by the first entry whose record holds it (items are numbered in the order recorded and never removed) and
/// changed by every entry whose record holds it differently from the record before — or gives the decision other
/// parties, which moves every item between the parties' lists. An entry about a payment changes the decision (its
/// payments are part of what is published about it) and none of its items. A withdrawn decision withdraws its items
/// with it, at the time it was withdrawn; a withdrawn item keeps the time it was withdrawn. Times are the latest and
/// earliest of the entries' (a clock set back does not make a time go back).
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

    /// The times read from `entries`, in the order they were written; nil when there are none.
    public init?(_ entries: [Entry]) {
        guard let created = entries.map(\.at).min(), let modified = entries.map(\.at).max() else { return nil }
        decision = RecordTimes(created: created, modified: modified)
        var previous: [String: [JSONValue]] = [:]
        var parties: JSONValue?
        var withdrawnAt: String?
        for entry in entries {
            guard let text = entry.record, case .object(let members)? = try? JSONValue(parsing: text) else { continue }
            let record = Dictionary(members, uniquingKeysWith: { first, _ in first })
            if record["withdrawn"] != nil, withdrawnAt == nil { withdrawnAt = entry.at }
            let now = record["parties"] ?? .null
            let moved = parties != nil && parties != now
            parties = now
            for (key, path) in [("steps", \Self.steps), ("attachments", \.attachments), ("signatories", \.signatories)] {
                guard case .array(let items)? = record[key] else { continue }
                let before = previous[key] ?? []
                for (index, item) in items.enumerated() {
                    if index >= self[keyPath: path].count {
                        self[keyPath: path].append(
                            RecordTimes(created: entry.at, modified: entry.at, withdrawn: Self.isWithdrawn(item)))
                    } else if moved || index >= before.count || before[index] != item {
                        self[keyPath: path][index].changed(at: entry.at, withdrawn: Self.isWithdrawn(item))
                    }
                }
                previous[key] = items
            }
        }
        if let withdrawnAt {
            decision.withdrawn = true
            for path in [\Self.steps, \.attachments, \.signatories] {
                for index in self[keyPath: path].indices {
                    self[keyPath: path][index].changed(at: withdrawnAt, withdrawn: true)
                }
            }
        }
    }

    /// Records that step `index`'s body got other parties at `at`: the step moves between the parties' lists, and
    /// the decision's status and finality follow. A withdrawn decision or step keeps the time it was withdrawn.
    public mutating func bodyChanged(step index: Int, at: String) {
        guard !decision.withdrawn else { return }
        if steps.indices.contains(index) { steps[index].changed(at: at, withdrawn: steps[index].withdrawn) }
        decision.changed(at: at, withdrawn: false)
    }

    private static func isWithdrawn(_ item: JSONValue) -> Bool {
        guard case .object(let members) = item else { return false }
        return members.contains { $0.0 == "withdrawn" }
    }
}

extension RecordTimes {
    /// Changed at `at` (never moving back), and withdrawn if `withdrawn`; a withdrawn record stays as it was withdrawn.
    mutating func changed(at: String, withdrawn: Bool) {
        guard !self.withdrawn else { return }
        modified = max(modified, at)
        self.withdrawn = withdrawn
    }
}
