import DecregDomain
import Testing

@Suite("Times of records and their items, and change windows")
struct RecordTimesTests {
    static func record(steps: [String], withdrawn: Bool = false) -> String {
        let items = steps.map { "{\"body\":\"\($0)\"}" }.joined(separator: ",")
        return "{\"ref\":\"R\",\"steps\":[\(items)]" + (withdrawn ? ",\"withdrawn\":\"fel\"" : "") + "}"
    }

    @Test("An item is created by the first entry holding it and changed by each entry holding it differently")
    func itemTimes() throws {
        let times = try #require(
            DecisionTimes([
                .init(at: "2026-01-01T10:00:00.000Z", record: Self.record(steps: ["A", "B"])),
                .init(at: "2026-01-02T10:00:00.000Z", record: Self.record(steps: ["A", "B2"])),
                .init(at: "2026-01-03T10:00:00.000Z", record: nil),
                .init(at: "2026-01-04T10:00:00.000Z", record: Self.record(steps: ["A", "B2", "C"])),
            ]))
        #expect(times.decision == RecordTimes(created: "2026-01-01T10:00:00.000Z", modified: "2026-01-04T10:00:00.000Z"))
        #expect(times.steps.map(\.created) == ["2026-01-01T10:00:00.000Z", "2026-01-01T10:00:00.000Z", "2026-01-04T10:00:00.000Z"])
        #expect(times.steps.map(\.modified) == ["2026-01-01T10:00:00.000Z", "2026-01-02T10:00:00.000Z", "2026-01-04T10:00:00.000Z"])
        #expect(times.steps.allSatisfy { !$0.withdrawn })
    }

    @Test("A withdrawn decision withdraws its items at the time it was withdrawn")
    func withdrawal() throws {
        let times = try #require(
            DecisionTimes([
                .init(at: "2026-01-01T10:00:00.000Z", record: Self.record(steps: ["A"])),
                .init(at: "2026-01-05T10:00:00.000Z", record: Self.record(steps: ["A"], withdrawn: true)),
            ]))
        #expect(times.decision.withdrawn && times.steps[0].withdrawn)
        #expect(times.steps[0].modified == "2026-01-05T10:00:00.000Z")
        #expect(DecisionTimes([]) == nil)
    }

    @Test("Bounds in any offset become UTC seconds; a fraction moves a lower bound up and an upper bound down")
    func bounds() {
        #expect(ChangeWindow.bound("2014-01-01T00:00:00+01:00", lower: true) == "2013-12-31T23:00:00")
        #expect(ChangeWindow.bound("2014-01-01T00:00:00Z", lower: false) == "2014-01-01T00:00:00")
        #expect(ChangeWindow.bound("2014-01-01T00:00:00.250Z", lower: true) == "2014-01-01T00:00:01")
        #expect(ChangeWindow.bound("2014-01-01T00:00:00.250Z", lower: false) == "2014-01-01T00:00:00")
        #expect(ChangeWindow.bound("2014-01-01T00:30:00-02:30", lower: true) == "2014-01-01T03:00:00")
        #expect(ChangeWindow.bound("2024-02-28T23:59:59.5-00:00", lower: true) == "2024-02-29T00:00:00")
        #expect(ChangeWindow.bound("2024-03-01T00:00:00.000+00:00", lower: true) == "2024-03-01T00:00:00")
        #expect(ChangeWindow.bound("2023-02-29T00:00:00Z", lower: true) == nil, "no such day")
        #expect(ChangeWindow.bound("2014-01-01T24:00:00Z", lower: true) == nil)
        #expect(ChangeWindow.bound("2014-01-01T00:00:00+01:00x", lower: true) == nil)
        #expect(ChangeWindow.bound("2014-01-01 00:00:00Z", lower: true) == nil)
        #expect(ChangeWindow.bound("2014-01-01", lower: true) == nil)
        #expect(ChangeWindow.bound("yesterday", lower: true) == nil)
        let window = ChangeWindow(modifiedSince: "2026-01-02T10:00:00")
        #expect(window.contains(created: "2026-01-01T00:00:00.000Z", modified: "2026-01-02T10:00:00.999Z"))
        #expect(!window.contains(created: "2026-01-01T00:00:00.000Z", modified: "2026-01-02T09:59:59.999Z"))
        #expect(ChangeWindow.published("2026-12-03T09:05:47.214Z") == "2026-12-03T09:05:47+00:00")
    }

    @Test("Other parties change every item; an item withdrawn keeps its time when the decision is withdrawn later")
    func partiesAndWithdrawals() throws {
        func record(_ parties: String, _ steps: String, withdrawn: Bool = false) -> String {
            "{\"parties\":[\(parties)],\"steps\":[\(steps)]" + (withdrawn ? ",\"withdrawn\":\"fel\"" : "") + "}"
        }
        let times = try #require(
            DecisionTimes([
                .init(at: "2026-01-01T10:00:00.000Z", record: record("\"A\"", "{\"b\":1},{\"b\":2}")),
                .init(at: "2026-01-02T10:00:00.000Z", record: record("\"A\"", "{\"b\":1},{\"b\":2,\"withdrawn\":\"x\"}")),
                .init(at: "2026-01-03T10:00:00.000Z", record: record("\"A\",\"B\"", "{\"b\":1},{\"b\":2,\"withdrawn\":\"x\"}")),
                .init(at: "2026-01-04T10:00:00.000Z", record: nil),
                .init(at: "2026-01-05T10:00:00.000Z", record: record("\"A\",\"B\"", "{\"b\":1},{\"b\":2,\"withdrawn\":\"x\"}", withdrawn: true)),
            ]))
        #expect(times.steps[0] == RecordTimes(created: "2026-01-01T10:00:00.000Z", modified: "2026-01-05T10:00:00.000Z", withdrawn: true))
        #expect(times.steps[1] == RecordTimes(created: "2026-01-01T10:00:00.000Z", modified: "2026-01-02T10:00:00.000Z", withdrawn: true))
        var moved = try #require(DecisionTimes([.init(at: "2026-01-01T10:00:00.000Z", record: record("\"A\"", "{\"b\":1}"))]))
        moved.bodyChanged(step: 0, at: "2026-02-01T10:00:00.000Z")
        #expect(moved.steps[0].modified == "2026-02-01T10:00:00.000Z" && moved.decision.modified == "2026-02-01T10:00:00.000Z")
        // A clock set back: the times are the entries' earliest and latest, not the first and last written.
        let skewed = try #require(
            DecisionTimes([
                .init(at: "2026-01-02T10:00:00.000Z", record: record("\"A\"", "")),
                .init(at: "2026-01-01T10:00:00.000Z", record: nil),
            ]))
        #expect(skewed.decision == RecordTimes(created: "2026-01-01T10:00:00.000Z", modified: "2026-01-02T10:00:00.000Z"))
    }
}
