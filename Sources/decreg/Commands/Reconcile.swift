import ArgumentParser
import DecregDomain
import DecregStore
import Foundation

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
            let register = try global.open()
            let filter = try filters.filter(decision: ref)
            // Written as read: a whole register has millions of open items.
            let out = WriteBuffer(handle: .standardOutput)
            defer { out.flush() }
            var discrepancies = 0
            switch output.format {
            case .json:
                var json = ReconciliationJSON()
                try register.reconcile(filter, discrepanciesFirst: true) { finding in
                    if finding.kind.isDiscrepancy { discrepancies += 1 }
                    out.append(json.add(finding))
                }
                out.append(json.finish())
            case .csv:
                out.append(Array(CSV.line([
                    "decision", "year", "party", "kind", "currency", "expected", "actual", "difference", "amount",
                ]).utf8))
                try register.reconcile(filter) { finding in
                    if finding.kind.isDiscrepancy { discrepancies += 1 }
                    out.append(Array(CSV.line([
                        finding.decision, String(finding.year), finding.party ?? "", finding.kind.rawValue,
                        (finding.expected ?? finding.actual ?? finding.amount)?.currency.code ?? "",
                        finding.expected?.decimalString ?? "", finding.actual?.decimalString ?? "",
                        finding.difference?.decimalString ?? "", finding.amount?.decimalString ?? "",
                    ]).utf8))
                }
            case .table:
                var report = ReconciliationReport(language: output.language)
                try register.reconcile(filter) { finding in
                    if finding.kind.isDiscrepancy { discrepancies += 1 }
                    out.append(Array(report.lines(for: finding).utf8))
                }
                out.append(Array(report.closing().utf8))
            }
            if discrepancies > 0 { throw ExitCode(1) }
        }
    }
}
