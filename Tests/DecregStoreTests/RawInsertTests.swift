import Foundation
import GRDB
import Testing

@testable import DecregStore

/// The import's inserts bind values through SQLite's C interface; what they store must be what GRDB would
/// store: NULL as NULL, an empty text as an empty text, integers whole, texts and blobs byte for byte.
@Suite("Raw inserts store exactly the values bound")
struct RawInsertTests {
    static func database() throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE sample (id INTEGER PRIMARY KEY, number INTEGER,
                                         label TEXT NOT NULL CHECK (label <> 'no'), note TEXT, content BLOB) STRICT
                    """)
        }
        return queue
    }

    static let insertSQL = "INSERT INTO sample (number, label, note, content) VALUES (?, ?, ?, ?)"

    @Test("NULLs, extreme integers, empty and non-ASCII texts, empty and binary blobs")
    func values() throws {
        let queue = try Self.database()
        let binary = Data([0, 1, 0xFF, 0, 0x7F])
        // An attachment larger than the insert's scratch space, with every byte value in it.
        let large = Data((0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7) })
        let ids = try queue.write { db in
            let insert = try RawInsert(Session(db), Self.insertSQL)
            return [
                try insert.run { row in
                    row.int(nil as Int64?)
                    row.text("")
                    row.text(nil as String?)
                    row.blob(Data())
                },
                try insert.run { row in
                    row.int(Int64.min)
                    row.text("Söderström \"§ 7\" 😀\tå\n")
                    row.text(utf8: Array("from bytes".utf8))
                    row.blob(binary)
                },
                // Larger than the insert's scratch space: SQLite copies it instead.
                try insert.run { row in
                    row.int(Int64.max)
                    row.text(String(repeating: "x", count: 100_000))
                    row.null()
                    row.blob(large)
                },
                // The first value fits the scratch space, the next does not: each is bound whole.
                try insert.run { row in
                    row.int(4)
                    row.text("kort")
                    row.text(utf8: Array(String(repeating: "å", count: 40_000).utf8))
                    row.blob(large)
                },
            ]
        }
        #expect(ids == [1, 2, 3, 4])
        try queue.read { db in
            let rows = try SQLRow.fetchAll(
                Session(db),
                sql: """
                    SELECT number, label, note, content, typeof(number), typeof(label), typeof(note), typeof(content)
                    FROM sample ORDER BY id
                    """)
            #expect(rows[0][4] as String == "null")
            #expect(rows[0][5] as String == "text")
            #expect(rows[0][1] as String == "")
            #expect(rows[0][6] as String == "null")
            #expect(rows[0][7] as String == "blob")
            #expect(rows[0][3] as Data == Data())
            #expect(rows[1][0] as Int64 == Int64.min)
            #expect(rows[1][1] as String == "Söderström \"§ 7\" 😀\tå\n")
            #expect(rows[1][2] as String == "from bytes")
            #expect(rows[1][3] as Data == binary)
            #expect(rows[2][0] as Int64 == Int64.max)
            #expect(rows[2][1] as String == String(repeating: "x", count: 100_000))
            #expect(rows[2][3] as Data == large)
            #expect(rows[3][1] as String == "kort")
            #expect(rows[3][2] as String == String(repeating: "å", count: 40_000))
            #expect(rows[3][3] as Data == large)
        }
    }

    @Test("A refused row throws SQLite's error and the insert runs again afterwards")
    func refusal() throws {
        let queue = try Self.database()
        try queue.write { db in
            let insert = try RawInsert(Session(db), Self.insertSQL)
            let error = #expect(throws: DatabaseError.self) {
                try insert.run { row in
                    row.int(1)
                    row.text("no")
                    row.null()
                    row.null()
                }
            }
            #expect(error?.resultCode == .SQLITE_CONSTRAINT)
            #expect(error?.message?.contains("CHECK constraint failed") == true)
            let id = try insert.run { row in
                row.int(2)
                row.text("yes")
                row.null()
                row.null()
            }
            #expect(try Int64.fetchAll(db, sql: "SELECT number FROM sample WHERE id = ?", arguments: [id]) == [2])
        }
    }

    @Test("Too few or too many values are refused before the insert runs")
    func wrongCount() throws {
        let queue = try Self.database()
        try queue.write { db in
            let insert = try RawInsert(Session(db), Self.insertSQL)
            #expect(throws: DatabaseError.self) {
                try insert.run { row in
                    row.int(1)
                    row.text("a")
                }
            }
            #expect(throws: DatabaseError.self) {
                try insert.run { row in
                    for _ in 0..<5 { row.null() }
                }
            }
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sample") == 0)
        }
    }
}
