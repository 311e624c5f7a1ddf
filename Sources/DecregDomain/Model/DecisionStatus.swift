/// Where a decision stands, derived from its handling steps; never typed in.
public enum DecisionStatus: String, Sendable, CaseIterable, Comparable {
    /// No step recorded yet.
    case draft
    /// The latest step proposed (or amended) the decision; no party has adopted it.
    case proposed
    /// A body approved it (a board, a steering group); no party has adopted it yet.
    case approved
    /// A body sent it back; no party has adopted it.
    case returned
    /// Some, not all, of the parties it binds have adopted it.
    case partlyAdopted = "partly-adopted"
    /// Every party it binds has adopted it: the latest word of each party's bodies is `adopted`.
    case adopted
    /// The latest word of some party's bodies is `rejected`.
    case rejected

    /// The status from the steps, each with the parties its body belongs to, in the order they were recorded.
    /// A party's word is its latest step by date (later recorded wins on the same day). Parties are named by
    /// any identifier (codes, or row ids when `audit verify` derives the status straight from the rows), dates by
    /// anything ordered like them.
    @inlinable
    public static func derive<Party: Hashable, Day: Comparable>(
        parties: [Party], steps: [(date: Day, outcome: Outcome, bodyParties: [Party])], annulled: Set<Party> = []
    ) -> DecisionStatus {
        guard !steps.isEmpty else { return .draft }
        let ordered = steps.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }
        var latestWord: [Party: Outcome] = [:]
        for (_, step) in ordered {
            for party in step.bodyParties { latestWord[party] = step.outcome }
        }
        // A party whose adoption a court annulled has not adopted.
        let words = parties.map { annulled.contains($0) && latestWord[$0] == .adopted ? nil : latestWord[$0] }
        if words.contains(.rejected) { return .rejected }
        if !parties.isEmpty && words.allSatisfy({ $0 == .adopted }) { return .adopted }
        if words.contains(.adopted) { return .partlyAdopted }
        switch ordered.last!.element.outcome {
        case .proposed, .amended: return .proposed
        case .approved, .adopted: return .approved
        case .returned: return .returned
        case .rejected: return .rejected
        }
    }

    public static func < (lhs: DecisionStatus, rhs: DecisionStatus) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

extension Decision {
    /// The decision's status from the steps that stand (a withdrawn step counts for nothing), given the parties
    /// each body belongs to.
    public func status(bodyParties: (String) -> [String]) -> DecisionStatus {
        DecisionStatus.derive(
            parties: parties,
            steps: steps.filter { $0.withdrawn == nil }.map { ($0.date, $0.outcome, bodyParties($0.body)) },
            annulled: Set(appeals.filter { $0.outcome == .annulled }.map(\.party)))
    }
}
