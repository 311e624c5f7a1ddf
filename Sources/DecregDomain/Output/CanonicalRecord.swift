/// The canonical JSON of the register's records, written straight from the model: what the audit trail hashes
/// and stores for each entity. It is `JSONValue.canonical` of the record shapes in RecordJSON.swift (`Party.json`,
/// `Body.json`, `Decision.recordJSON`, `Payment.json`), byte for byte, without building the tree: keys are
/// written in their sorted order, strings escaped by the same writer. The one writer of the trail's records:
/// `audit verify` reads the rows back into the model and writes them here again; tests hold both shapes equal.
extension Party {
    /// The party's canonical record JSON.
    public var canonicalRecord: [UInt8] {
        var out = CanonicalJSONWriter(capacity: 128)
        out.raw("{\"code\":")
        out.string(code)
        out.raw(",\"kind\":")
        out.string(kind.rawValue)
        out.raw(",\"name\":")
        out.string(name)
        out.raw(",\"org_number\":")
        out.string(orNull: organisationNumber?.description)
        out.byte(UInt8(ascii: "}"))
        return out.bytes
    }
}

extension Body {
    /// The body's canonical record JSON.
    public var canonicalRecord: [UInt8] {
        var out = CanonicalJSONWriter(capacity: 128)
        out.raw("{\"code\":")
        out.string(code)
        out.raw(",\"kind\":")
        out.string(kind.rawValue)
        out.raw(",\"name\":")
        out.string(name)
        out.raw(",\"parties\":")
        out.stringArray(parties)
        out.byte(UInt8(ascii: "}"))
        return out.bytes
    }
}

extension Payment {
    /// The payment's canonical record JSON (without its number, which is the trail's key for it).
    public var canonicalRecord: [UInt8] {
        var out = CanonicalJSONWriter(capacity: 192)
        out.openWithMoney(amount)
        out.raw(",\"date\":")
        out.string(date.description)
        out.raw(",\"decision\":")
        out.string(decision)
        out.raw(",\"party\":")
        out.string(party)
        out.raw(",\"reference\":")
        out.string(orNull: reference)
        out.withdrawn(withdrawn)
        out.raw(",\"year\":")
        out.int(Int64(year))
        out.byte(UInt8(ascii: "}"))
        return out.bytes
    }
}

extension Decision {
    /// The decision's canonical record JSON: its recorded content without its derived status and its payments,
    /// attachments by their hash.
    public var canonicalRecord: [UInt8] {
        var out = CanonicalJSONWriter(capacity: 2048)
        out.byte(UInt8(ascii: "{"))
        // Appeals only when there are any, so records written before them keep their bytes.
        if !appeals.isEmpty {
            out.raw("\"appeals\":[")
            for (index, appeal) in appeals.enumerated() {
                if index > 0 { out.byte(UInt8(ascii: ",")) }
                out.raw("{\"case_number\":")
                out.string(orNull: appeal.caseNumber)
                out.raw(",\"court\":")
                out.string(orNull: appeal.court)
                out.raw(",\"decided\":")
                out.string(orNull: appeal.decided?.description)
                out.raw(",\"lodged\":")
                out.string(appeal.lodged.description)
                out.raw(",\"outcome\":")
                out.string(orNull: appeal.outcome?.rawValue)
                out.raw(",\"party\":")
                out.string(appeal.party)
                out.byte(UInt8(ascii: "}"))
            }
            out.raw("],")
        }
        out.raw("\"attachments\":[")
        for (index, attachment) in attachments.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.raw("{\"label\":")
            out.string(attachment.label)
            out.raw(",\"media_type\":")
            out.string(attachment.mediaType)
            out.raw(",\"sha256\":")
            out.string(attachment.sha256)
            out.raw(",\"size\":")
            out.int(Int64(attachment.size))
            out.raw(",\"title\":")
            out.string(orNull: attachment.title)
            out.withdrawn(attachment.withdrawn)
            out.byte(UInt8(ascii: "}"))
        }
        // An object: sorted by party code, as JSONValue sorts an object's members.
        out.raw("],\"case_numbers\":{")
        let numbers = caseNumbers.sorted { $0.party.utf8.lexicographicallyPrecedes($1.party.utf8) }
        for (index, number) in numbers.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.string(number.party)
            out.byte(UInt8(ascii: ":"))
            out.string(number.number)
        }
        out.raw("},\"clauses\":")
        out.stringArray(clauses)
        out.raw(",\"date\":")
        out.string(date.description)
        out.raw(",\"funding\":[")
        for (index, year) in funding.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            year.writeCanonical(to: &out)
        }
        out.raw("],\"parties\":")
        out.stringArray(parties)
        out.raw(",\"ref\":")
        out.string(ref)
        out.raw(",\"signatories\":[")
        for (index, signatory) in signatories.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.raw("{\"name\":")
            out.string(signatory.name)
            out.raw(",\"party\":")
            out.string(orNull: signatory.party)
            out.raw(",\"title\":")
            out.string(orNull: signatory.title)
            out.withdrawn(signatory.withdrawn)
            out.byte(UInt8(ascii: "}"))
        }
        out.raw("],\"steps\":[")
        for (index, step) in steps.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            step.writeCanonical(to: &out)
        }
        out.raw("],\"summary\":")
        out.string(orNull: summary)
        out.raw(",\"title\":")
        out.string(title)
        out.withdrawn(withdrawn)
        out.byte(UInt8(ascii: "}"))
        return out.bytes
    }
}

extension FundingYear {
    fileprivate func writeCanonical(to out: inout CanonicalJSONWriter) {
        out.raw("{\"currency\":")
        out.string(total.currency.code)
        out.raw(isSplit ? ",\"method\":\"split\",\"shares\":[" : ",\"method\":\"shares\",\"shares\":[")
        for (index, share) in shares.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.openWithMoney(share.amount)
            out.raw(",\"part\":")
            out.string(orNull: share.part?.text)
            out.raw(",\"party\":")
            out.string(share.party)
            out.byte(UInt8(ascii: "}"))
        }
        out.raw("],\"total\":")
        out.amount(total.minorUnits, digits: total.currency.minorDigits)
        out.withdrawn(withdrawn)
        out.raw(",\"year\":")
        out.int(Int64(year))
        out.byte(UInt8(ascii: "}"))
    }
}

extension HandlingStep {
    fileprivate func writeCanonical(to out: inout CanonicalJSONWriter) {
        out.raw("{\"amounts\":[")
        for (index, item) in amounts.enumerated() {
            if index > 0 { out.byte(UInt8(ascii: ",")) }
            out.openWithMoney(item.amount)
            out.raw(",\"year\":")
            out.int(Int64(item.year))
            out.byte(UInt8(ascii: "}"))
        }
        out.raw("],\"body\":")
        out.string(body)
        out.raw(",\"date\":")
        out.string(date.description)
        // The days of checking and posting only when recorded, so records written before them keep their bytes.
        if let justified {
            out.raw(",\"justified\":")
            out.string(justified.description)
        }
        out.raw(",\"minutes\":")
        out.string(orNull: minutes)
        out.raw(",\"note\":")
        out.string(orNull: note)
        out.raw(",\"outcome\":")
        out.string(outcome.rawValue)
        if let posted {
            out.raw(",\"posted\":")
            out.string(posted.description)
        }
        out.withdrawn(withdrawn)
        out.byte(UInt8(ascii: "}"))
    }
}

extension CanonicalJSONWriter {
    /// `,"withdrawn":REASON` for a withdrawn item; nothing for one that stands, so records written before items
    /// could be withdrawn keep their bytes.
    mutating func withdrawn(_ reason: String?) {
        guard let reason else { return }
        raw(",\"withdrawn\":")
        string(reason)
    }

    /// A list of strings.
    mutating func stringArray(_ items: [String]) {
        byte(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { byte(UInt8(ascii: ",")) }
            string(item)
        }
        byte(UInt8(ascii: "]"))
    }
}
