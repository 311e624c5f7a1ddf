import ArgumentParser
import DecregDomain
import DecregStore
import Foundation

extension Decreg {
    struct Deadlines: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "deadlines",
            abstract: "Appeal deadlines and the days adoptions become final (laga kraft), in date order.",
            discussion: """
                One line per party's posted adoption: the last day to appeal (three weeks after the checking was \
                posted, moved past weekends, holidays and the eves) and the day the adoption becomes final. \
                --format ics writes an iCalendar file (RFC 5545) to subscribe to: each day an all-day event naming \
                the decision and the party.
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case table, json, csv, ics
        }

        @OptionGroup var global: RegisterLocation
        @Option(help: "Only this party's adoptions.") var party: String?
        @Option(help: "Only deadlines on or after this day, YYYY-MM-DD.") var from: String?
        @Option(help: "Only deadlines on or before this day, YYYY-MM-DD.") var to: String?
        @Option(help: "table (default), json, csv or ics.") var format: Format = .table
        @OptionGroup var lang: LanguageOption
        @OptionGroup var csv: CSVOptions

        func run() throws {
            let from = try from.map { try ArgumentValues.date($0, option: "--from") }
            let to = try to.map { try ArgumentValues.date($0, option: "--to") }
            let register = try global.open(.reading)
            let language = try register.language(lang.chosen)
            if let party, !(try register.parties().contains { $0.code == party }) {
                throw CommandFailure(option: "--party", sv: "ingen part '\(party)' i registret", en: "no party '\(party)' in the register")
            }
            var rows: [DeadlineRow] = []
            for decision in try register.finalities(today: .today()) {
                for finality in decision.parties where party == nil || finality.party == party {
                    guard let deadline = finality.appealDeadline, let final = finality.final else { continue }
                    if let from, deadline < from { continue }
                    if let to, deadline > to { continue }
                    rows.append(
                        DeadlineRow(
                            ref: decision.ref, title: decision.title, party: finality.party, posted: finality.posted!,
                            deadline: deadline, final: final, status: finality.status))
                }
            }
            rows.sort { ($0.deadline, $0.ref, $0.party) < ($1.deadline, $1.ref, $1.party) }
            switch format {
            case .json:
                Output.line(JSONValue.array(rows.map(\.json)).rendered())
            case .csv:
                Output.write(
                    CSV.render(
                        headers: ["appeal_deadline", "final", "decision", "party", "posted", "status", "title"],
                        rows: rows.map(\.fields), separator: try csv.character(), raw: csv.raw))
            case .ics:
                Output.write(DeadlineRow.calendar(rows, language: language, now: Date()))
            case .table:
                let headers =
                    language == .sv
                    ? ["överklagas senast", "laga kraft", "beslut", "part", "anslaget", "läge", "rubrik"]
                    : ["appeal deadline", "final", "decision", "party", "posted", "status", "title"]
                var table = TextTable(headers: headers)
                for row in rows {
                    var fields = row.fields
                    fields[5] = DeadlineRow.word(row.status, language)
                    table.append(fields)
                }
                Output.write(rows.isEmpty ? (language == .sv ? "Inga tidsfrister.\n" : "No deadlines.\n") : table.rendered())
            }
        }
    }
}

/// One party's posted adoption of a decision: its appeal deadline and the day it becomes final.
struct DeadlineRow {
    var ref: String
    var title: String
    var party: String
    var posted: LocalDate
    var deadline: LocalDate
    var final: LocalDate
    var status: PartyFinality.Status

    var fields: [String] {
        [deadline.description, final.description, ref, party, posted.description, status.rawValue, title]
    }

    var json: JSONValue {
        .object([
            ("appeal_deadline", .string(deadline.description)), ("final", .string(final.description)),
            ("decision", .string(ref)), ("party", .string(party)), ("posted", .string(posted.description)),
            ("status", .string(status.rawValue)), ("title", .string(title)),
        ])
    }

    static func word(_ status: PartyFinality.Status, _ language: Language) -> String {
        switch (status, language) {
        case (.appealable, .sv): "kan överklagas"
        case (.appealable, .en): "appealable"
        case (.final, .sv): "laga kraft"
        case (.final, .en): "final"
        case (.notPosted, .sv): "ej anslaget"
        case (.notPosted, .en): "not posted"
        case (.notAdopted, .sv): "ej antaget"
        case (.notAdopted, .en): "not adopted"
        case (.appealed, .sv): "överklagat"
        case (.appealed, .en): "appealed"
        case (.annulled, .sv): "upphävt"
        case (.annulled, .en): "annulled"
        }
    }

    /// An iCalendar file (RFC 5545): for each row an all-day event on the last day to appeal and one on the day
    /// the adoption becomes final, each naming the decision and the party. Lines end in CRLF and are folded at 75
    /// octets; texts are escaped.
    static func calendar(_ rows: [DeadlineRow], language: Language, now: Date) -> String {
        let stamp = now.formatted(
            .iso8601.year().month().day().dateSeparator(.omitted).time(includingFractionalSeconds: false)
                .timeSeparator(.omitted).timeZone(separator: .omitted))
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//decreg//deadlines//\(language.rawValue.uppercased())",
            "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escaped(language == .sv ? "decreg: tidsfrister" : "decreg: deadlines"),
        ]
        func day(_ date: LocalDate) -> String { date.description.replacingOccurrences(of: "-", with: "") }
        for row in rows {
            let events: [(kind: String, date: LocalDate, summary: String)] = [
                (
                    "appeal-deadline", row.deadline,
                    language == .sv
                        ? "Sista dag att överklaga \(row.ref) (\(row.party))" : "Last day to appeal \(row.ref) (\(row.party))"
                ),
                (
                    "final", row.final,
                    language == .sv
                        ? "\(row.ref) vinner laga kraft för \(row.party)" : "\(row.ref) becomes final for \(row.party)"
                ),
            ]
            for event in events {
                lines += [
                    "BEGIN:VEVENT",
                    "UID:" + escaped("\(event.kind)-\(row.ref)-\(row.party)@decreg"),
                    "DTSTAMP:\(stamp)",
                    "DTSTART;VALUE=DATE:\(day(event.date))",
                    "DTEND;VALUE=DATE:\(day(event.date.adding(days: 1)))",
                    "SUMMARY:" + escaped(event.summary),
                    "DESCRIPTION:" + escaped("\(row.title)\n" + (language == .sv ? "Anslaget \(row.posted)" : "Posted \(row.posted)")),
                    "TRANSP:TRANSPARENT",
                    "END:VEVENT",
                ]
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(folded).joined(separator: "\r\n") + "\r\n"
    }

    /// A TEXT value escaped (RFC 5545 3.3.11): backslash, semicolon, comma, line breaks.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n", "\r": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    /// A content line folded at 75 octets, continuation lines starting with a space, never inside a character.
    static func folded(_ line: String) -> String {
        var out = ""
        var length = 0
        for character in line {
            let size = String(character).utf8.count
            if length + size > 75 {
                out += "\r\n "
                length = 1
            }
            out.append(character)
            length += size
        }
        return out
    }
}
