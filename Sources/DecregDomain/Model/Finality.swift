/// When a party's adoption of a decision becomes final (vinner laga kraft): its adopting step's checked minutes are
/// announced on the party's notice board (`posted`), any member may appeal within three weeks (Kommunallagen 13
/// kap. 5 §, the last day moved past weekends, holidays and the eves by lag 1930:173), and an adoption no one
/// appealed in time is final the day after. A joint decision is final when every party's adoption is.
public struct PartyFinality: Sendable, Equatable {
    public enum Status: String, Sendable, CaseIterable {
        case notAdopted = "not-adopted", notPosted = "not-posted", appealable, appealed, final, annulled
    }

    public var party: String
    /// The day of the party's adopting step (its latest word, when that is `adopted`).
    public var adopted: LocalDate?
    public var justified: LocalDate?
    public var posted: LocalDate?
    public var appealDeadline: LocalDate?
    /// The day the adoption became (or becomes) final: the day after the appeal deadline.
    public var final: LocalDate?
    public var status: Status

    /// Where the party's adoption stands, in words: `antog 2007-09-10, anslaget 2007-09-17; laga kraft 2007-10-09`.
    public func sentence(_ language: Language) -> String {
        let sv = language == .sv
        let adopted = self.adopted.map { sv ? "antog \($0)" : "adopted on \($0)" } ?? ""
        let posted = self.posted.map { sv ? ", anslaget \($0)" : ", posted \($0)" } ?? ""
        switch status {
        case .notAdopted: return sv ? "har inte antagit beslutet" : "has not adopted it"
        case .notPosted: return adopted + (sv ? "; justeringen är inte anslagen" : "; the checking is not posted yet")
        case .appealable:
            let until = appealDeadline?.description ?? "–"
            return adopted + posted + (sv ? "; kan överklagas till och med \(until)" : "; may be appealed until \(until)")
        case .appealed:
            return adopted + posted + (sv ? "; överklagat, i väntan på domstolens avgörande" : "; appealed, awaiting the court")
        case .final:
            let since = final?.description ?? "–"
            return adopted + posted + (sv ? "; laga kraft \(since)" : "; final since \(since)")
        case .annulled: return adopted + posted + (sv ? "; upphävt av domstolen" : "; annulled by the court")
        }
    }

    public var json: JSONValue {
        .object(recordMembers + [("status", .string(status.rawValue))])
    }

    /// What the record says, whatever day it is read on: the days, and an appeal that holds or annulled the adoption
    /// (`appeal`: `appealed` or `annulled`) — not whether the day to be final has come (`status` says that).
    public var recordJSON: JSONValue {
        let appeal: JSONValue = [.appealed, .annulled].contains(status) ? .string(status.rawValue) : .null
        return .object(recordMembers + [("appeal", appeal)])
    }

    private var recordMembers: [(String, JSONValue)] {
        [
            ("party", .string(party)), ("adopted", .optional(adopted?.description)),
            ("justified", .optional(justified?.description)), ("posted", .optional(posted?.description)),
            ("appeal_deadline", .optional(appealDeadline?.description)), ("final", .optional(final?.description)),
        ]
    }
}

extension Decision {
    /// Each party's finality on `today`, in the order of the parties: its word is its latest standing step by date
    /// (later recorded wins on the same day), as the decision's status reads it.
    public func finality(bodyParties: (String) -> [String], today: LocalDate) -> [PartyFinality] {
        let standing = steps.enumerated().filter { $0.element.withdrawn == nil }
            .sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
        return parties.map { party in
            guard let word = standing.last(where: { bodyParties($0.body).contains(party) }), word.outcome == .adopted
            else { return PartyFinality(party: party, status: .notAdopted) }
            let deadline = word.posted.map(SwedishCalendar.appealDeadline)
            // Appeals lodged in time hold the adoption; one lodged late does not.
            let appeals = self.appeals.filter { appeal in appeal.party == party && deadline.map { appeal.lodged <= $0 } ?? true }
            var result = PartyFinality(
                party: party, adopted: word.date, justified: word.justified, posted: word.posted,
                appealDeadline: deadline, status: .notPosted)
            if appeals.contains(where: { $0.outcome == .annulled }) {
                result.status = .annulled
                return result
            }
            if appeals.contains(where: { $0.outcome == nil }) {
                result.status = .appealed
                return result
            }
            guard let deadline else { return result }
            // Final the day after the deadline, or after the last appeal was decided if that is later.
            let decided = appeals.compactMap(\.decided).max().map { $0.adding(days: 1) }
            let final = max(deadline.adding(days: 1), decided ?? deadline.adding(days: 1))
            result.final = final
            result.status = today >= final ? .final : .appealable
            return result
        }
    }
}

extension [PartyFinality] {
    /// The day the joint decision became final: when every party's adoption is, the last of their days.
    public var decisionFinal: LocalDate? {
        guard !isEmpty, allSatisfy({ $0.status == .final }) else { return nil }
        return compactMap(\.final).max()
    }

    /// The day the joint decision becomes (or became) final as the record stands, whatever day it is read on: when
    /// every party's adoption has such a day, the last of them.
    public var recordedFinal: LocalDate? {
        guard !isEmpty, allSatisfy({ $0.final != nil }) else { return nil }
        return compactMap(\.final).max()
    }
}

import Foundation

extension LocalDate {
    /// The day it is at `now` in the machine's time zone; `DECREG_TODAY` (YYYY-MM-DD) sets another, to ask what
    /// the law's days will be (or were) on that day, and for tests that must not depend on the day they run.
    public static func today(_ now: Date = Date()) -> LocalDate {
        if let text = ProcessInfo.processInfo.environment["DECREG_TODAY"], let day = try? LocalDate(parsing: text) {
            return day
        }
        let day = Calendar.current.dateComponents([.year, .month, .day], from: now)
        return LocalDate(year: day.year ?? 1970, month: day.month ?? 1, day: day.day ?? 1)
            ?? LocalDate(year: 2000, month: 1, day: 1)!
    }
}
