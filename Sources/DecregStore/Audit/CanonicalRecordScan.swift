import DecregDomain
import GRDB

/// Every decision and payment in the register as the canonical JSON that the audit trail records for it
/// (`Decision.recordJSON` and `Payment.json` under `JSONValue.canonical`), written straight from one ordered scan
/// per table, without building model values or JSON trees: `audit verify` hashes these bytes and compares them
/// with the trail. The walk also derives each decision's status from its steps and checks its search text.
/// A test holds these bytes equal to the model's encoding on every fixture.
struct CanonicalRecordScan {
    /// A decision as the walk found it.
    struct DecisionVisit {
        var ref: String
        /// Its canonical record JSON.
        var canonical: [UInt8]
        /// Its stored status, when its steps give another one.
        var wrongStatus: (stored: String, derived: DecisionStatus)?
        /// Whether its row in the search index holds its title, clauses and summary.
        var searchTextMatches: Bool
    }

    private var decisions: RawCursor
    private var parties: RawCursor
    private var clauses: RawCursor
    private var funding: RawCursor
    private var shares: RawCursor
    private var steps: RawCursor
    private var stepAmounts: RawCursor
    private var signatories: RawCursor
    private var attachments: RawCursor
    private var payments: RawCursor
    private var search: RawCursor
    private let bodyParties: [Int64: [Int64]]
    private var minorDigits: [UInt32: Int] = [:]

    private var record = CanonicalJSONWriter()
    private var side = CanonicalJSONWriter()
    private var yearShares = CanonicalJSONWriter()
    private var clauseText: [UInt8] = []
    private var partyIDs: [Int64] = []
    private var stepWords: [(date: Int32, outcome: Outcome, bodyParties: [Int64])] = []
    private var caseNumbers: [(party: [UInt8], number: [UInt8])] = []
    /// Rows of the search index that belong to no decision.
    private(set) var strayIndexRows = 0

    init(_ db: Database) throws {
        var members: [Int64: [Int64]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT body_id, party_id FROM body_party") {
            members[row[0], default: []].append(row[1])
        }
        bodyParties = members
        decisions = try RawCursor(
            db, "SELECT id, ref, title, date, summary, status, withdrawn_reason FROM decision ORDER BY id")
        parties = try RawCursor(db, DecisionTableScans.parties)
        clauses = try RawCursor(db, DecisionTableScans.clauses)
        funding = try RawCursor(db, DecisionTableScans.funding)
        shares = try RawCursor(db, DecisionTableScans.shares)
        steps = try RawCursor(db, DecisionTableScans.steps)
        stepAmounts = try RawCursor(db, DecisionTableScans.stepAmounts)
        signatories = try RawCursor(db, DecisionTableScans.signatories)
        attachments = try RawCursor(db, DecisionTableScans.attachments(content: false))
        payments = try RawCursor(db, DecisionTableScans.payments)
        search = try RawCursor(db, "SELECT rowid, title, clauses, summary FROM decision_search ORDER BY rowid")
    }

    /// Walks the next decision: hands each of its payments (key, canonical JSON) to `payment` and returns the
    /// decision, or nil after the last one.
    mutating func next(payment: (String, [UInt8]) throws -> Void) throws -> DecisionVisit? {
        guard decisions.hasRow else {
            strayIndexRows += try search.skip(below: .max)
            return nil
        }
        let id = decisions.int(0)
        // Rows of decisions that are gone are passed over here (the foreign key check names them).
        try parties.skip(below: id)
        try clauses.skip(below: id)
        try funding.skip(below: id)
        try shares.skip(below: id)
        try steps.skip(below: id)
        try stepAmounts.skip(below: id)
        try signatories.skip(below: id)
        try attachments.skip(below: id)
        try payments.skip(below: id)
        strayIndexRows += try search.skip(below: id)

        record.reset()
        try writeAttachments(id)
        try writeCaseNumbersAndCollectParties(id)
        try writeClauses(id)
        record.raw(",\"date\":")
        record.string(decisions.text(3))
        try writeFunding(id)
        record.raw(",\"parties\":[")
        record.append(contentsOf: side)
        record.raw("],\"ref\":")
        record.string(decisions.text(1))
        try writeSignatories(id)
        try writeSteps(id)
        record.raw(",\"summary\":")
        record.string(orNull: decisions.optionalText(4))
        record.raw(",\"title\":")
        record.string(decisions.text(2))
        if let withdrawn = decisions.optionalText(6) {
            record.raw(",\"withdrawn\":")
            record.string(withdrawn)
        }
        record.byte(UInt8(ascii: "}"))

        let ref = decisions.string(1)
        let derived = DecisionStatus.derive(parties: partyIDs, steps: stepWords)
        let stored = decisions.text(5)
        let wrongStatus = stored.elementsEqual(derived.rawValue.utf8) ? nil : (String(decoding: stored, as: UTF8.self), derived)
        let searchTextMatches = try matchSearchText(id)
        try writePayments(id, ref: decisions.text(1), to: payment)
        let visit = DecisionVisit(
            ref: ref, canonical: record.bytes, wrongStatus: wrongStatus, searchTextMatches: searchTextMatches)
        try decisions.step()
        return visit
    }

    // MARK: - The members of a decision's record, in canonical (sorted) key order

    private mutating func writeAttachments(_ id: Int64) throws {
        record.raw("{\"attachments\":[")
        var first = true
        while attachments.at(id) {
            if !first { record.byte(UInt8(ascii: ",")) }
            first = false
            record.raw("{\"label\":")
            record.string(attachments.text(1))
            record.raw(",\"media_type\":")
            record.string(attachments.text(3))
            record.raw(",\"sha256\":")
            record.string(attachments.text(5))
            record.raw(",\"size\":")
            record.int(attachments.int(4))
            record.raw(",\"title\":")
            record.string(orNull: attachments.optionalText(2))
            record.byte(UInt8(ascii: "}"))
            try attachments.step()
        }
        record.byte(UInt8(ascii: "]"))
    }

    /// Writes `case_numbers` (an object, so sorted by party code) and keeps the party list, in its order, in
    /// `side` for `parties` further on.
    private mutating func writeCaseNumbersAndCollectParties(_ id: Int64) throws {
        side.reset()
        partyIDs.removeAll(keepingCapacity: true)
        caseNumbers.removeAll(keepingCapacity: true)
        while parties.at(id) {
            if !partyIDs.isEmpty { side.byte(UInt8(ascii: ",")) }
            partyIDs.append(parties.int(3))
            side.string(parties.text(1))
            if let number = parties.optionalText(2) { caseNumbers.append((Array(parties.text(1)), Array(number))) }
            try parties.step()
        }
        caseNumbers.sort { $0.party.lexicographicallyPrecedes($1.party) }
        record.raw(",\"case_numbers\":{")
        for (index, entry) in caseNumbers.enumerated() {
            if index > 0 { record.byte(UInt8(ascii: ",")) }
            entry.party.withUnsafeBytes { record.string($0) }
            record.byte(UInt8(ascii: ":"))
            entry.number.withUnsafeBytes { record.string($0) }
        }
        record.byte(UInt8(ascii: "}"))
    }

    /// Writes `clauses` and keeps them joined by newlines, as the search index holds them.
    private mutating func writeClauses(_ id: Int64) throws {
        clauseText.removeAll(keepingCapacity: true)
        record.raw(",\"clauses\":[")
        var first = true
        while clauses.at(id) {
            if !first {
                record.byte(UInt8(ascii: ","))
                clauseText.append(0x0A)
            }
            first = false
            let text = clauses.text(1)
            record.string(text)
            clauseText.append(contentsOf: text)
            try clauses.step()
        }
        record.byte(UInt8(ascii: "]"))
    }

    private mutating func writeFunding(_ id: Int64) throws {
        record.raw(",\"funding\":[")
        var first = true
        while funding.at(id) {
            if !first { record.byte(UInt8(ascii: ",")) }
            first = false
            let year = funding.int(1)
            let currency = funding.text(3)
            let digits = digits(of: currency)
            // `method` comes before `shares` but depends on them: write the shares aside first.
            yearShares.reset()
            var split = false
            while shares.at(id), shares.int(1) < year { try shares.step() }
            var firstShare = true
            while shares.at(id), shares.int(1) == year {
                if !firstShare { yearShares.byte(UInt8(ascii: ",")) }
                firstShare = false
                yearShares.openWithMoney(shares.int(3), digits: digits, currency: currency)
                yearShares.raw(",\"part\":")
                let part = shares.optionalText(4)
                if part != nil { split = true }
                yearShares.string(orNull: part)
                yearShares.raw(",\"party\":")
                yearShares.string(shares.text(2))
                yearShares.byte(UInt8(ascii: "}"))
                try shares.step()
            }
            record.raw("{\"currency\":")
            record.string(currency)
            record.raw(split ? ",\"method\":\"split\",\"shares\":[" : ",\"method\":\"shares\",\"shares\":[")
            record.append(contentsOf: yearShares)
            record.raw("],\"total\":")
            record.amount(funding.int(2), digits: digits)
            record.raw(",\"year\":")
            record.int(year)
            record.byte(UInt8(ascii: "}"))
            try funding.step()
        }
        record.byte(UInt8(ascii: "]"))
    }

    private mutating func writeSignatories(_ id: Int64) throws {
        record.raw(",\"signatories\":[")
        var first = true
        while signatories.at(id) {
            if !first { record.byte(UInt8(ascii: ",")) }
            first = false
            record.raw("{\"name\":")
            record.string(signatories.text(1))
            record.raw(",\"party\":")
            record.string(orNull: signatories.optionalText(3))
            record.raw(",\"title\":")
            record.string(orNull: signatories.optionalText(2))
            record.byte(UInt8(ascii: "}"))
            try signatories.step()
        }
        record.byte(UInt8(ascii: "]"))
    }

    /// Writes `steps` with their amounts, and keeps what the status derivation needs of each.
    private mutating func writeSteps(_ id: Int64) throws {
        stepWords.removeAll(keepingCapacity: true)
        record.raw(",\"steps\":[")
        var first = true
        while steps.at(id) {
            if !first { record.byte(UInt8(ascii: ",")) }
            first = false
            let position = steps.int(1)
            record.raw("{\"amounts\":[")
            while stepAmounts.at(id), stepAmounts.int(1) < position { try stepAmounts.step() }
            var firstAmount = true
            while stepAmounts.at(id), stepAmounts.int(1) == position {
                if !firstAmount { record.byte(UInt8(ascii: ",")) }
                firstAmount = false
                let currency = stepAmounts.text(4)
                record.openWithMoney(stepAmounts.int(3), digits: digits(of: currency), currency: currency)
                record.raw(",\"year\":")
                record.int(stepAmounts.int(2))
                record.byte(UInt8(ascii: "}"))
                try stepAmounts.step()
            }
            record.raw("],\"body\":")
            record.string(steps.text(2))
            record.raw(",\"date\":")
            record.string(steps.text(3))
            record.raw(",\"minutes\":")
            record.string(orNull: steps.optionalText(5))
            record.raw(",\"note\":")
            record.string(orNull: steps.optionalText(6))
            record.raw(",\"outcome\":")
            let outcome = steps.text(4)
            record.string(outcome)
            record.byte(UInt8(ascii: "}"))
            stepWords.append((
                CanonicalRecordScan.day(steps.text(3)),
                Outcome(rawValue: String(decoding: outcome, as: UTF8.self)) ?? .proposed,
                bodyParties[steps.int(7)] ?? []
            ))
            try steps.step()
        }
        record.byte(UInt8(ascii: "]"))
    }

    private mutating func writePayments(
        _ id: Int64, ref: UnsafeRawBufferPointer, to visit: (String, [UInt8]) throws -> Void
    ) throws {
        while payments.at(id) {
            let currency = payments.text(5)
            side.reset()
            side.openWithMoney(payments.int(4), digits: digits(of: currency), currency: currency)
            side.raw(",\"date\":")
            side.string(payments.text(3))
            side.raw(",\"decision\":")
            side.string(ref)
            side.raw(",\"party\":")
            side.string(payments.text(1))
            side.raw(",\"reference\":")
            side.string(orNull: payments.optionalText(6))
            if let withdrawn = payments.optionalText(7) {
                side.raw(",\"withdrawn\":")
                side.string(withdrawn)
            }
            side.raw(",\"year\":")
            side.int(payments.int(2))
            side.byte(UInt8(ascii: "}"))
            try visit(String(payments.int(8)), side.bytes)
            try payments.step()
        }
    }

    /// Whether the search index holds the decision's title, its clauses joined by newlines and its summary.
    private mutating func matchSearchText(_ id: Int64) throws -> Bool {
        guard search.at(id) else { return false }
        let matches =
            search.text(1).elementsEqual(decisions.text(2)) && search.text(2).elementsEqual(clauseText)
            && search.text(3).elementsEqual(decisions.text(4))
        try search.step()
        return matches
    }

    /// The decimals of a currency's minor unit, by its stored code.
    private mutating func digits(of code: UnsafeRawBufferPointer) -> Int {
        var packed: UInt32 = UInt32(code.count)
        for byte in code.prefix(3) { packed = packed << 8 | UInt32(byte) }
        if let known = minorDigits[packed] { return known }
        let digits = Currency(code: String(decoding: code, as: UTF8.self))?.minorDigits ?? 2
        minorDigits[packed] = digits
        return digits
    }

    /// `YYYY-MM-DD` as the number YYYYMMDD, which orders like the dates.
    private static func day(_ text: UnsafeRawBufferPointer) -> Int32 {
        var value: Int32 = 0
        for byte in text where byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
            value = value &* 10 &+ Int32(byte - UInt8(ascii: "0"))
        }
        return value
    }
}
