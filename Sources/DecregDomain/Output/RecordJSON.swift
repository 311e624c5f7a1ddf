/// The JSON shapes of the register's records, shared by `--format json`, the audit trail and the web view.
/// Amounts are exact decimal strings with a `currency` field beside them.
extension Party {
    public var json: JSONValue {
        .object([
            ("code", .string(code)), ("name", .string(name)), ("kind", .string(kind.rawValue)),
            ("org_number", .optional(organisationNumber?.description)),
        ])
    }
}

extension Body {
    public var json: JSONValue {
        .object([
            ("code", .string(code)), ("name", .string(name)), ("kind", .string(kind.rawValue)),
            ("parties", .array(parties.map(JSONValue.string))),
        ])
    }
}

extension Money {
    /// `{"amount": "1000000.00", "currency": "SEK"}` members, to splice into an object.
    public var jsonMembers: [(String, JSONValue)] {
        [("amount", .string(decimalString)), ("currency", .string(currency.code))]
    }
}

extension FundingYear {
    public var json: JSONValue {
        .object(withdrawable: withdrawn, [
            ("year", .int(Int64(year))), ("currency", .string(total.currency.code)),
            ("total", .string(total.decimalString)), ("method", .string(isSplit ? "split" : "shares")),
            (
                "shares",
                .array(
                    shares.map { share in
                        .object(
                            [("party", .string(share.party))] + share.amount.jsonMembers + [
                                ("part", .optional(share.part?.text))
                            ])
                    })
            ),
        ])
    }
}

extension HandlingStep {
    public var json: JSONValue {
        var members: [(String, JSONValue)] = [
            ("body", .string(body)), ("date", .string(date.description)), ("outcome", .string(outcome.rawValue)),
            ("minutes", .optional(minutes)), ("note", .optional(note)),
            ("amounts", .array(amounts.map { .object([("year", .int(Int64($0.year)))] + $0.amount.jsonMembers) })),
        ]
        // The days of checking and posting where recorded (absent rather than null, as before they existed).
        if let justified { members.append(("justified", .string(justified.description))) }
        if let posted { members.append(("posted", .string(posted.description))) }
        return .object(withdrawable: withdrawn, members)
    }
}

extension Payment {
    /// The payment's recorded content: what the audit trail fixes for it. `withdrawn` appears once it is.
    public var json: JSONValue {
        var members: [(String, JSONValue)] =
            [("decision", .string(decision)), ("party", .string(party)), ("year", .int(Int64(year))),
             ("date", .string(date.description))]
            + amount.jsonMembers + [("reference", .optional(reference))]
        if let withdrawn { members.append(("withdrawn", .string(withdrawn))) }
        return .object(members)
    }

    /// The payment as `decision show --format json` lists it, with its number.
    public var listedJSON: JSONValue {
        guard case .object(let members) = json else { return json }
        return .object([("number", number.map(JSONValue.int) ?? .null)] + members)
    }
}

extension Decision {
    /// The decision's recorded content, without its derived status and its payments: what the audit trail
    /// fixes for a decision. Attachments appear by their hash, not their bytes. The specification of the
    /// trail's record format: `canonicalRecord` (from the model) and `audit verify` (from the rows) write its
    /// canonical form directly, and the tests hold both to it, byte for byte.
    public var recordJSON: JSONValue {
        .object(recordMembers)
    }

    /// The decision as `decision show --format json` prints it.
    public func json(status: DecisionStatus, payments: [Payment]) -> JSONValue {
        var members = recordMembers
        members.insert(("status", .string(status.rawValue)), at: 3)
        let afterSteps = (members.firstIndex { $0.0 == "steps" } ?? members.count - 1) + 1
        members.insert(("payments", .array(payments.map(\.listedJSON))), at: afterSteps)
        return .object(members)
    }

    private var recordMembers: [(String, JSONValue)] {
        var members: [(String, JSONValue)] = [
            ("ref", .string(ref)), ("title", .string(title)), ("date", .string(date.description)),
            ("parties", .array(parties.map(JSONValue.string))),
            ("case_numbers", .object(caseNumbers.map { ($0.party, .string($0.number)) })),
            ("summary", .optional(summary)),
            ("clauses", .array(clauses.map(JSONValue.string))),
            ("funding", .array(funding.map(\.json))),
            ("steps", .array(steps.map(\.json))),
            (
                "signatories",
                .array(
                    signatories.map {
                        .object(
                            withdrawable: $0.withdrawn,
                            [("name", .string($0.name)), ("title", .optional($0.title)), ("party", .optional($0.party))])
                    })
            ),
            (
                "attachments",
                .array(
                    attachments.map {
                        .object(withdrawable: $0.withdrawn, [
                            ("label", .string($0.label)), ("title", .optional($0.title)), ("sha256", .string($0.sha256)),
                            ("size", .int(Int64($0.size))), ("media_type", .string($0.mediaType)),
                        ])
                    })
            ),
        ]
        if let withdrawn { members.append(("withdrawn", .string(withdrawn))) }
        return members
    }
}

extension JSONValue {
    /// An object of a record that can be withdrawn: `withdrawn` is its last member once it is, absent before.
    public static func object(withdrawable withdrawn: String?, _ members: [(String, JSONValue)]) -> JSONValue {
        .object(withdrawn.map { members + [("withdrawn", .string($0))] } ?? members)
    }
}
