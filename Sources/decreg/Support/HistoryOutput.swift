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

    /// A table, one row per entry, each followed by the fields it changed, one a line under the row:
    /// `date: 2007-07-06 → 2007-07-07`; times in local time with their offset; every text shown as
    /// `TextRules.visible` shows it. `decision`: the decision whose history it is, whose own entries need not name
    /// it.
    static func table(
        _ entries: [AuditEntry], language: Language, decision: String? = nil, hashes: Bool = false
    ) -> String {
        var headers = Vocabulary.historyColumns(language)
        if hashes { headers.append("hash") }
        var table = TextTable(
            headers: headers, alignments: [.right] + Array(repeating: .left, count: headers.count - 1))
        for entry in entries {
            let action = Vocabulary.action(entry.action, language)
            let what =
                entry.entity == "decision" && entry.key == decision
                ? action : "\(Vocabulary.entity(entry.entity, language)) \(entry.key) \(action)"
            var row = [String(entry.seq), LocalTime.shown(utc: entry.at), entry.actor, what, entry.reason ?? ""]
            if hashes { row.append(String(entry.hash.prefix(12))) }
            table.append(row)
        }
        // The changes go under their entry's row, indented to the time column, so the table stays narrow.
        var lines = table.rendered().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let seqWidth = ([headers[0]] + table.rows.map { $0[0] }).map(\.count).max() ?? 0
        let indent = String(repeating: " ", count: seqWidth + 2)
        var out = lines.prefix(2).map { $0 + "\n" }.joined()
        lines.removeFirst(min(2, lines.count))
        for (entry, line) in zip(entries, lines) {
            out += line + "\n"
            for change in entry.changes { out += indent + TextRules.visible(change.line(language)) + "\n" }
        }
        return out
    }
}
