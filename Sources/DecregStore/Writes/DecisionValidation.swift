import DecregDomain

/// What the register refuses in a decision beyond what the schema can say: references to nothing, keys given
/// twice. A decision that does not add up (a split missing its total) is recorded; reconciliation reports it.
enum DecisionValidation {
    static func check(_ decision: Decision, at path: String, catalog: Catalog) throws {
        func field(_ suffix: String) -> String { path.isEmpty ? suffix : path + "." + suffix }

        guard !decision.parties.isEmpty else {
            throw RegisterError.invalid("a decision binds at least one party", field: field("parties"))
        }
        var bound = Set<String>()
        for (index, party) in decision.parties.enumerated() {
            _ = try catalog.partyID(party, field: field("parties[\(index)]"))
            guard bound.insert(party).inserted else {
                throw RegisterError.duplicate(kind: "party", key: party, field: field("parties[\(index)]"))
            }
        }
        var numbered = Set<String>()
        for number in decision.caseNumbers {
            let place = field("case_numbers.\(number.party)")
            _ = try catalog.partyID(number.party, field: place)
            guard bound.contains(number.party) else {
                throw RegisterError.invalid(
                    "case number for '\(number.party)', which the decision does not bind", field: place)
            }
            guard numbered.insert(number.party).inserted else {
                throw RegisterError.duplicate(kind: "case number for", key: number.party, field: place)
            }
        }
        var years = Set<Int>()
        for (index, year) in decision.funding.enumerated() {
            let place = field("funding[\(index)]")
            guard years.insert(year.year).inserted else {
                throw RegisterError.duplicate(kind: "funding for year", key: String(year.year), field: place)
            }
            var sharing = Set<String>()
            for share in year.shares {
                let sharePlace = place + (year.isSplit ? ".split." : ".shares.") + share.party
                _ = try catalog.partyID(share.party, field: sharePlace)
                guard sharing.insert(share.party).inserted else {
                    throw RegisterError.duplicate(kind: "share for", key: share.party, field: sharePlace)
                }
            }
        }
        for (index, step) in decision.steps.enumerated() {
            _ = try catalog.bodyID(step.body, field: field("steps[\(index)].body"))
            var stepYears = Set<Int>()
            for amount in step.amounts where !stepYears.insert(amount.year).inserted {
                throw RegisterError.duplicate(
                    kind: "amount for year", key: String(amount.year), field: field("steps[\(index)].amounts"))
            }
        }
        for (index, signatory) in decision.signatories.enumerated() {
            if let party = signatory.party { _ = try catalog.partyID(party, field: field("signatories[\(index)].party")) }
        }
        var labels = Set<String>()
        for (index, attachment) in decision.attachments.enumerated()
        where !labels.insert(attachment.label).inserted {
            throw RegisterError.duplicate(
                kind: "attachment", key: attachment.label, field: field("attachments[\(index)].label"))
        }
    }
}
