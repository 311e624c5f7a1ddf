import Foundation

/// Where the two engines' SQL differs, each engine's words, said once here rather than in a second query.
extension Session {
    /// The texts of `expression` joined with `separator`, in the order the rows come (an aggregate).
    func joinedText(_ expression: String, separator: String) -> String {
        let quoted = "'" + separator.replacingOccurrences(of: "'", with: "''") + "'"
        switch engine {
        case .sqlite: return "group_concat(\(expression), \(quoted))"
        case .postgresql: return "string_agg(\(expression), \(quoted))"
        }
    }

    /// The larger of its arguments (a scalar function of two or more).
    var greatest: String {
        switch engine {
        case .sqlite: "max"
        case .postgresql: "GREATEST"
        }
    }

    /// The member `name` of the JSON object in the text column `column`, comparable between two rows (equal
    /// when the two members are the same JSON).
    func jsonMember(_ column: String, _ name: String) -> String {
        switch engine {
        case .sqlite: "json_extract(\(column), '$.\(name)')"
        case .postgresql: "(\(column)::jsonb -> '\(name)')"
        }
    }

    /// The statement that writes a decision's search text (its id, title, clauses and summary); a changed
    /// decision's text is deleted before it is written anew. SQLite's replaces a stray row of the same id (FTS5
    /// has no key to refuse it; PostgreSQL's references its decision); PostgreSQL's plain INSERT is sent many rows
    /// at a time.
    var searchTextInsert: String {
        switch engine {
        case .sqlite: "INSERT OR REPLACE INTO decision_search (rowid, title, clauses, summary) VALUES (?, ?, ?, ?)"
        case .postgresql: "INSERT INTO decision_search (decision_id, title, clauses, summary) VALUES (?, ?, ?, ?)"
        }
    }

    /// The condition on `decision d` that its search text holds `words` (the user's words, as typed); nil when
    /// they hold nothing to search for.
    func searchCondition(_ words: String) -> SQLFragment? {
        switch engine {
        case .sqlite:
            let query = SearchQuery.fts5(words)
            return query.isEmpty
                ? nil : "d.id IN (SELECT rowid FROM decision_search WHERE decision_search MATCH \(query))"
        case .postgresql:
            let query = SearchQuery.postgres(words)
            return query.isEmpty
                ? nil : "d.id IN (SELECT decision_id FROM decision_search WHERE words @@ to_tsquery('simple', \(query)))"
        }
    }

    /// The column of the search table that holds the decision's id.
    var searchDecisionColumn: String {
        switch engine {
        case .sqlite: "rowid"
        case .postgresql: "decision_id"
        }
    }
}
