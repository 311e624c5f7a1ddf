import ArgumentParser
import DecregDomain
import DecregInterchange
import DecregStore

extension Decreg {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import parties, bodies, decisions and payments from YAML or JSON files.",
            discussion: "All or nothing: when any file has a problem, nothing from any file is recorded.")

        @OptionGroup var global: GlobalOptions

        @Argument(help: "Import files (YAML or JSON, one schema; see the README).")
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one file to import") }
        }

        func run() throws {
            let register = try global.open()
            var combined = RegisterBatch()
            var origins: [(file: String, decisions: Int, payments: Int, parties: Int, bodies: Int)] = []
            for file in files {
                let batch = try ImportReader.read(path: file)
                origins.append((file, combined.decisions.count, combined.payments.count, combined.parties.count,
                                combined.bodies.count))
                combined.parties += batch.parties
                combined.bodies += batch.bodies
                combined.decisions += batch.decisions
                combined.payments += batch.payments
            }
            let summary: BatchSummary
            do {
                summary = try register.add(combined, context: try global.context())
            } catch let error as RegisterError {
                throw Self.locate(error, origins: origins)
            }
            Output.line(
                "Imported \(summary.decisionsAdded) decisions, \(summary.paymentsAdded) payments, "
                    + "\(summary.partiesAdded) parties and \(summary.bodiesAdded) bodies"
                    + (summary.partiesUnchanged + summary.bodiesUnchanged > 0
                        ? " (\(summary.partiesUnchanged + summary.bodiesUnchanged) already recorded, unchanged)" : ""))
        }

        /// Turns a refusal about `decisions[12].…` of the combined batch into one about the file and line it
        /// came from.
        static func locate(
            _ error: RegisterError, origins: [(file: String, decisions: Int, payments: Int, parties: Int, bodies: Int)]
        ) -> any Error {
            guard let field = error.field, let (list, index, rest) = splitPath(field) else { return error }
            let offsetOf: ((file: String, decisions: Int, payments: Int, parties: Int, bodies: Int)) -> Int = {
                switch list {
                case "decisions": return $0.decisions
                case "payments": return $0.payments
                case "parties": return $0.parties
                default: return $0.bodies
                }
            }
            guard let origin = origins.last(where: { offsetOf($0) <= index }) else { return error }
            let local = "\(list)[\(index - offsetOf(origin))]" + rest
            return ImportError(
                file: origin.file, line: ImportReader.line(of: local, inFile: origin.file), field: local,
                message: error.message)
        }

        static func splitPath(_ path: String) -> (String, Int, String)? {
            guard let open = path.firstIndex(of: "["), let close = path.firstIndex(of: "]"),
                let index = Int(path[path.index(after: open)..<close])
            else { return nil }
            return (String(path[..<open]), index, String(path[path.index(after: close)...]))
        }
    }
}
