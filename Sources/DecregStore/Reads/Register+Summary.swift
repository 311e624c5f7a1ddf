import DecregDomain

extension Register {
    /// Everything `decreg summary` shows of one decision, read in one state of the register: its figures as
    /// `totals` sums them, its findings as `reconcile` finds them, and the audit head of that state.
    public func summary(of ref: String) throws -> DecisionSummary {
        try consistently { head in
            let stored = try decision(ref)
            let filter = FundingFilter(decision: ref)
            return DecisionSummary(
                decision: stored.decision, status: stored.status,
                figures: try totals(by: [.party, .year], filter: filter), findings: try reconcile(filter),
                parties: try parties(), bodies: try bodies(), auditHead: head)
        }
    }

    /// Everything `decreg report` shows, read in one state of the register: the decisions dated or funded in
    /// scope (binding the party, when one is given; withdrawn ones left out, as totals leave them out), their
    /// figures, the totals per party and year, and the findings in scope.
    public func report(_ scope: ReportScope) throws -> PeriodReport {
        try consistently { head in
            let filter = FundingFilter(party: scope.party, years: scope.years)
            let byDecision = Dictionary(grouping: try totals(by: [.decision], filter: filter)) {
                $0.keys.first?.1 ?? ""
            }
            var decisions: [ReportedDecision] = []
            for item in try self.decisions(DecisionFilter(party: scope.party)) {
                let dated = scope.years.map { ($0.from...$0.to).contains(item.date.year) } ?? true
                guard dated || byDecision[item.ref] != nil else { continue }
                // Totals leave withdrawn decisions out, so one with figures stands; one without is loaded to see.
                if byDecision[item.ref] == nil, try decision(item.ref).decision.withdrawn != nil { continue }
                decisions.append(
                    ReportedDecision(
                        ref: item.ref, title: item.title, date: item.date, status: item.status,
                        figures: byDecision[item.ref] ?? []))
            }
            decisions.sort { ($0.date, $0.ref) < ($1.date, $1.ref) }
            return PeriodReport(
                scope: scope, decisions: decisions, totals: try totals(by: [.party, .year], filter: filter),
                findings: try reconcile(filter), parties: try parties(), auditHead: head)
        }
    }

    /// Runs several reads and returns what they read only if the audit head did not move meanwhile, so the
    /// result is one state of the register — the state the head names. Every change appends to the trail, so an
    /// unchanged head means nothing changed; a register that keeps changing is read again, a few times.
    private func consistently<T>(_ read: (AuditStamp?) throws -> T) throws -> T {
        for _ in 0..<5 {
            let before = try auditHead()
            let result = try read(before.map { AuditStamp(seq: $0.seq, hash: $0.hash) })
            if try auditHead() == before { return result }
        }
        throw RegisterError.invalid(
            "the register changed while it was being read, five times over; try again when it is quiet", field: nil)
    }
}
