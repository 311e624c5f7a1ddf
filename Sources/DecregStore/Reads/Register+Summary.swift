import DecregDomain
import GRDB

extension Register {
    /// Everything `decreg summary` shows of one decision, read in one state of the register: its figures as
    /// `totals` sums them, its findings as `reconcile` finds them, and the audit head of that state.
    public func summary(of ref: String) throws -> DecisionSummary {
        try consistently { head in
            let stored = try decision(ref)
            let filter = FundingFilter(decision: ref)
            let named = try catalogue(namedIn: stored)
            return DecisionSummary(
                decision: stored.decision, status: stored.status,
                figures: try totals(by: [.party, .year], filter: filter), findings: try reconcile(filter),
                parties: named.parties, bodies: named.bodies, auditHead: head, proof: try proof(of: ref),
                finality: stored.decision.finality(
                    bodyParties: { code in named.bodies.first { $0.code == code }?.parties ?? [] }, today: .today()))
        }
    }

    /// The parties and bodies a decision names, for their names in its summary: its parties, those of its case
    /// numbers, shares, payments and signatories, the bodies that handled it and their members. A summary reads
    /// these rather than the register's whole catalogue, which for a country is thousands of bodies.
    func catalogue(namedIn stored: StoredDecision) throws -> (parties: [Party], bodies: [Body]) {
        let decision = stored.decision
        let bodyCodes = Set(decision.steps.map(\.body))
        var partyCodes = Set(decision.parties)
        partyCodes.formUnion(decision.caseNumbers.map(\.party))
        partyCodes.formUnion(decision.funding.flatMap { $0.shares.map(\.party) })
        partyCodes.formUnion(stored.payments.map(\.party))
        partyCodes.formUnion(decision.signatories.compactMap(\.party))
        return try read { db in
            var members: [String: [String]] = [:]
            let memberships: SQLFragment = """
                SELECT b.code, p.code FROM body b JOIN body_party bp ON bp.body_id = b.id JOIN party p ON p.id = bp.party_id
                WHERE b.code IN \(bodyCodes) ORDER BY b.id, bp.position
                """
            for row in try SQLRow.fetchAll(db, memberships) {
                members[row[0], default: []].append(row[1])
                partyCodes.insert(row[1])
            }
            let bodies: SQLFragment = "SELECT code, name, kind FROM body WHERE code IN \(bodyCodes) ORDER BY code"
            let parties: SQLFragment = """
                SELECT code, name, kind, org_number FROM party WHERE code IN \(partyCodes) ORDER BY code
                """
            return (
                try SQLRow.fetchAll(db, parties).map(PartyRow.party),
                try SQLRow.fetchAll(db, bodies).map { row in BodyRow.body(row, parties: members[row["code"]] ?? []) }
            )
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
            // The day each decision became final, for those whose adoptions were posted.
            let posted = try read { db in
                try String.fetchAll(
                    db, sql: "SELECT DISTINCT d.ref FROM step s JOIN decision d ON d.id = s.decision_id WHERE s.posted IS NOT NULL")
            }
            if !posted.isEmpty {
                let parties = Dictionary(try bodies().map { ($0.code, $0.parties) }, uniquingKeysWith: { a, _ in a })
                let today = LocalDate.today()
                for index in decisions.indices where posted.contains(decisions[index].ref) {
                    decisions[index].final = try decision(decisions[index].ref).decision
                        .finality(bodyParties: { parties[$0] ?? [] }, today: today).decisionFinal
                }
            }
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
            Phrase(
                sv: "registret ändrades medan det lästes, fem gånger om; försök igen när det är lugnt",
                en: "the register changed while it was being read, five times over; try again when it is quiet"),
            field: nil)
    }
}
