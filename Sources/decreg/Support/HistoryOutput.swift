import DecregDomain
import DecregStore

/// Audit entries as `decision show --history` and `audit log` print them: who changed what, when and why, each
/// changed field with its value before and after.
enum HistoryOutput {
    /// Every entry as an object: `seq, at` (UTC, as stored), `actor, command, entity, key, what, changes:
    /// [{field, before, after}], reason, hash`.
    static func json(_ entries: [AuditEntry]) -> String {
        JSONValue.array(
            entries.map { entry in
                .object([
                    ("seq", .int(entry.seq)), ("at", .string(entry.at)), ("actor", .string(entry.actor)),
                    ("command", .string(entry.command)), ("entity", .string(entry.entity)), ("key", .string(entry.key)),
                    ("what", .string(entry.action.rawValue)), ("changes", .array(entry.changes.map(\.json))),
                    ("reason", .optional(entry.reason)), ("hash", .string(entry.hash)),
                ])
            }
        ).rendered()
    }

    /// A table, one row per entry and a row more for each further field it changed; times in local time with their
    /// offset. `decision`: the decision whose history it is, whose own entries need not name it.
    static func table(_ entries: [AuditEntry], language: Language, decision: String? = nil, hashes: Bool = false)
        -> String
    {
        var headers = Vocabulary.historyColumns(language)
        if hashes { headers.insert("hash", at: headers.count - 1) }
        var table = TextTable(
            headers: headers, alignments: [.right] + Array(repeating: .left, count: headers.count - 1))
        for entry in entries {
            let action = Vocabulary.action(entry.action, language)
            let what =
                entry.entity == "decision" && entry.key == decision
                ? action : "\(Vocabulary.entity(entry.entity, language)) \(entry.key) \(action)"
            let lines = entry.changes.flatMap { $0.lines(language) }
            var row = [String(entry.seq), LocalTime.shown(utc: entry.at), entry.actor, what, entry.reason ?? ""]
            if hashes { row.append(String(entry.hash.prefix(12))) }
            table.append(row + [lines.first ?? ""])
            for line in lines.dropFirst() {
                table.append(Array(repeating: "", count: row.count) + [line])
            }
        }
        return table.rendered()
    }
}
