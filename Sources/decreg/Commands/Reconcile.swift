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
                The register is read while the findings are written: piped into a pager, it keeps other commands \
                from writing until the pager is closed; --output writes a file instead.
                """)

        @OptionGroup var global: GlobalOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var filters: FundingFilterOptions
        @OptionGroup var file: OutputFileOptions

        @Argument(help: "The decision to check; all decisions when left out.") var ref: String?

        func run() throws {
            let register = try global.open()
            let filter = try filters.filter(decision: ref)
            var discrepancies = 0
            // Written as read: a whole register has millions of open items. Nothing is written when the filter
            // names what the register does not hold: the store refuses it before the first finding, while the CSV
            // header still waits in the stream's buffer, which a refusal discards.
            let language = output.format == .table ? try output.language(register) : .en
            try file.stream { write in
                var table = ReconciliationReport(language: language)
                var json = ReconciliationJSON()
                if output.format == .csv { try write(Array(try output.csvLine(Self.csvHeaders).utf8)) }
                try register.reconcile(filter, discrepanciesFirst: output.format == .json) { finding in
                    if finding.kind.isDiscrepancy { discrepancies += 1 }
                    switch output.format {
                    case .table: try write(Array(table.lines(for: finding).utf8))
                    case .json: try write(json.add(finding))
                    case .csv: try write(Array(try output.csvLine(Self.csvFields(finding)).utf8))
                    }
                }
                switch output.format {
                case .table: try write(Array(table.closing().utf8))
                case .json: try write(json.finish())
                case .csv: break
                }
            }
            if discrepancies > 0 { throw ExitCode(1) }
        }

        static let csvHeaders = [
            "decision", "year", "party", "kind", "currency", "expected", "actual", "difference", "amount",
        ]

        static func csvFields(_ finding: Finding) -> [String] {
            [
                finding.decision, String(finding.year), finding.party ?? "", finding.kind.rawValue,
                (finding.expected ?? finding.actual ?? finding.amount)?.currency.code ?? "",
                finding.expected?.decimalString ?? "", finding.actual?.decimalString ?? "",
                finding.difference?.decimalString ?? "", finding.amount?.decimalString ?? "",
            ]
        }
    }
}
