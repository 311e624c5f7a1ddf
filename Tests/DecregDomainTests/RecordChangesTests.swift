import DecregDomain
import Foundation
import Testing

@Suite("What changed between two versions of a record")
struct RecordChangesTests {
    @Test("Changed fields with their dotted paths, values before and after, in the record's key order")
    func fields() throws {
        let before = #"{"date":"2007-07-06","funding":[{"shares":[{"amount":"1000000.00","party":"SLL"},{"amount":"500000.00","party":"BOT"}],"year":2008}],"steps":[{"minutes":null}],"title":"A"}"#
        let after = #"{"date":"2007-07-07","funding":[{"shares":[{"amount":"1000000.00","party":"SLL"},{"amount":"600000.00","party":"BOT"}],"year":2008}],"steps":[{"minutes":"§ 87"}],"title":"A"}"#
        let changes = RecordChanges.between(before: before, after: after)
        #expect(changes == [
            FieldChange(field: "date", before: .string("2007-07-06"), after: .string("2007-07-07")),
            FieldChange(field: "funding[0].shares[1].amount", before: .string("500000.00"), after: .string("600000.00")),
            FieldChange(field: "steps[0].minutes", before: .null, after: .string("§ 87")),
        ])
        #expect(changes.map { $0.line() } == [
            "date: 2007-07-06 → 2007-07-07", "funding[0].shares[1].amount: 500000.00 → 600000.00",
            "steps[0].minutes: – → § 87",
        ])
        #expect(RecordChanges.topFields(changes) == ["date", "funding", "steps"])
        #expect(changes.map { $0.line(.sv) } == [
            "datum: 2007-07-06 → 2007-07-07", "finansiering[0].andelar[1].belopp: 500000.00 → 600000.00",
            "beslutsgång[0].paragraf: – → § 87",
        ])
        #expect(changes[0].json.rendered(pretty: false)
            == #"{"field":"date","before":"2007-07-06","after":"2007-07-07"}"#)
    }

    @Test("An item added is one change of the whole item, shown with the fields it fills")
    func added() throws {
        let changes = RecordChanges.between(
            before: #"{"steps":[{"body":"A"}]}"#,
            after: #"{"steps":[{"body":"A"},{"amounts":[{"amount":"1.00","year":2008}],"body":"B","note":null}]}"#)
        #expect(changes.count == 1)
        #expect(changes[0].field == "steps[1]")
        #expect(changes[0].before == nil)
        #expect(changes[0].line() == "steps[1]: – → {amounts: [{amount: 1.00, year: 2008}], body: B}")
        #expect(changes[0].line(.sv) == "beslutsgång[1]: – → {belopp: [{belopp: 1.00, år: 2008}], organ: B}")
        let swedish = RecordChanges.between(
            before: #"{"signatories":[]}"#, after: #"{"signatories":[{"title":"Kommundirektör"}],"steps":[{"outcome":"adopted"}]}"#)
        #expect(swedish.map { $0.line(.sv) } == [
            "undertecknare[0]: – → {titel: Kommundirektör}", "beslutsgång: – → [{beslut: antog}]",
        ])
        #expect(changes[0].json.rendered(pretty: false).hasPrefix(#"{"field":"steps[1]","before":null,"after":{"#))
    }

    @Test("A key that appears is a change; a creation has none")
    func keys() {
        #expect(RecordChanges.between(before: #"{"a":1}"#, after: #"{"a":1,"withdrawn":"fel"}"#)
            == [FieldChange(field: "withdrawn", before: nil, after: .string("fel"))])
        #expect(RecordChanges.between(before: nil, after: #"{"a":1}"#).isEmpty)
        #expect(AuditAction(before: nil, changes: [], reason: nil) == .recorded)
        let withdrawn = [FieldChange(field: "withdrawn", before: nil, after: .string("fel"))]
        #expect(AuditAction(before: "{}", changes: withdrawn, reason: "fel") == .withdrawn)
        let title = [FieldChange(field: "title", before: .string("A"), after: .string("B"))]
        #expect(AuditAction(before: "{}", changes: title, reason: "kortare") == .corrected)
        let step = [FieldChange(field: "steps[3]", before: nil, after: .object([]))]
        #expect(AuditAction(before: "{}", changes: step, reason: nil) == .stepAdded)
        let stepWithdrawn = [FieldChange(field: "steps[1].withdrawn", before: nil, after: .string("fel"))]
        #expect(AuditAction(before: "{}", changes: stepWithdrawn, reason: "fel") == .withdrawn)
        let signatory = [FieldChange(field: "signatories[0]", before: nil, after: .object([]))]
        #expect(AuditAction(before: "{}", changes: signatory, reason: nil) == .signatoryAdded)
    }

    @Test("JSON is read back as written: escapes, nesting, integers; anything else is refused")
    func parsing() throws {
        let text = #"{"a":[1,-2,true,false,null],"b":"\"\\\/\n\t\u00e5\ud83d\ude00","c":{}}"#
        let value = try JSONValue(parsing: text)
        #expect(value == .object([
            ("a", .array([.int(1), .int(-2), .bool(true), .bool(false), .null])), ("b", .string("\"\\/\n\tå😀")),
            ("c", .object([])),
        ]))
        #expect(try JSONValue(parsing: value.canonical) == value)
        for bad in ["", "{", "[1,]", "1.5", "\"a", "{\"a\" 1}", "nul", "[1] 2"] {
            #expect(throws: JSONParseError.self, "\(bad)") { try JSONValue(parsing: bad) }
        }
    }

    @Test("Times are shown in local time with their offset from UTC")
    func localTime() {
        let zone = getenv("TZ").map { String(cString: $0) }
        defer { if let zone { setenv("TZ", zone, 1) } else { unsetenv("TZ") } }
        setenv("TZ", "<+0130>-1:30", 1)
        #expect(LocalTime.shown(utc: "2026-12-02T09:15:03.123Z") == "2026-12-02 10:45:03 +01:30")
        #expect(LocalTime.shown(utc: "2026-12-31T23:00:00.000Z") == "2027-01-01 00:30:00 +01:30")
        setenv("TZ", "<-05>5", 1)
        #expect(LocalTime.shown(utc: "2026-12-02T03:15:03.000Z") == "2026-12-01 22:15:03 -05:00")
        setenv("TZ", "UTC", 1)
        #expect(LocalTime.shown(utc: "2026-12-02T09:15:03.123Z") == "2026-12-02 09:15:03 +00:00")
        #expect(LocalTime.shown(utc: "not a time") == "not a time")
    }
}
