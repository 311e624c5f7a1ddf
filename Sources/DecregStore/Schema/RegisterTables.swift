/// Every table of the register in the order its references allow (a row's parent is written before it), each
/// with the key it is read in: the same rows in the same order from either engine. Both engines' schemas have these
/// tables and columns name for name (a test compares them, and another requires every table to be here).
enum RegisterTables {
    static let all: [(name: String, key: String)] = [
        ("party", "id"), ("body", "id"), ("body_party", "body_id, party_id"), ("decision", "id"),
        ("decision_party", "decision_id, party_id"), ("clause", "decision_id, position"), ("funding", "id"),
        ("funding_share", "funding_id, party_id"), ("step", "id"), ("step_amount", "step_id, year"),
        ("payment", "id"), ("signatory", "decision_id, position"), ("attachment", "id"),
        ("audit_entry", "seq"), ("setting", "key"), ("account", "id"), ("account_party", "account_id, party_id"),
        ("audit_tree", "level, idx"), ("checkpoint", "size"), ("checkpoint_signature", "size, line"),
        ("appeal", "id"),
    ]

    /// The search table, kept beside the decisions (FTS5 in SQLite, a tsvector in PostgreSQL): copied by its
    /// texts, each engine indexing them its own way.
    static let search = "decision_search"

    /// Tables whose `id` the engine gives: PostgreSQL's identity must go on after the ids copied into them.
    static let identities = all.filter { $0.key == "id" }.map(\.name)

    /// Where `table` stands in `all` (after every table it refers to); the search table and any other after them.
    static func order(of table: String) -> Int {
        ranks[table] ?? all.count
    }

    private static let ranks = Dictionary(uniqueKeysWithValues: all.enumerated().map { ($1.name, $0) })
}
