import ArgumentParser
import DecregDomain
import DecregStore

extension Decreg {
    struct Reconcile: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reconcile", abstract: "Check that splits, adoptions and payments add up, for one decision or the whole register.",
            discussion: """
                Discrepancies (exit 1): split-sum, adopted-mismatch, overpaid, unknown-party, unfunded-year.
                Open items (do not fail): not-adopted, outstanding.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var filters: FundingFilterOptions

        @Argument(help: "The decision to check; all decisions when left out.") var ref: String?

        func run() throws {
            let findings = try global.open().reconcile(try filters.filter(decision: ref))
            let discrepancies = findings.filter(\.kind.isDiscrepancy)
            let open = findings.filter { !$0.kind.isDiscrepancy }
            switch output.format {
            case .json:
                Output.line(JSONValue.object([
                    ("balanced", .bool(discrepancies.isEmpty)),
                    ("discrepancies", .array(discrepancies.map(\.json))), ("open", .array(open.map(\.json))),
                ]).rendered())
            case .csv:
                Output.write(CSV.render(
                    headers: ["decision", "year", "party", "kind", "currency", "expected", "actual", "difference", "amount"],
                    rows: findings.map { finding in
                        [
                            finding.decision, String(finding.year), finding.party ?? "", finding.kind.rawValue,
                            (finding.expected ?? finding.actual ?? finding.amount)?.currency.code ?? "",
                            finding.expected?.decimalString ?? "", finding.actual?.decimalString ?? "",
                            finding.difference?.decimalString ?? "", finding.amount?.decimalString ?? "",
                        ]
                    }))
            case .table:
                Output.write(ReconciliationReport(findings: findings, language: output.language).rendered())
            }
            if !discrepancies.isEmpty { throw ExitCode(1) }
        }
    }
}
