/// What a command that changed the register says once the change is recorded, in Swedish or English: one table
/// for every confirmation, beside the register's other words.
public enum Confirmation: Sendable {
    case stepRecorded(body: String, outcome: Outcome, ref: String, date: LocalDate, status: DecisionStatus)
    case stepCorrected(number: Int, ref: String, reason: String, status: DecisionStatus)
    case stepWithdrawn(number: Int, ref: String, reason: String, status: DecisionStatus)
    case fundingSet(years: [Int], ref: String, total: Money, shares: [FundingShare])
    case fundingWithdrawn(year: Int, ref: String, reason: String)
    case paymentRecorded(number: Int64, party: String, amount: Money, year: Int, ref: String)
    case paymentCorrected(number: Int64, reason: String)
    case paymentWithdrawn(number: Int64, reason: String)
    case signatoryRecorded(ref: String, name: String)
    case signatoryWithdrawn(number: Int, ref: String, reason: String)
    case attachmentStored(label: String, ref: String, size: Int, sha256: String)
    case attachmentWithdrawn(label: String, ref: String, reason: String)
    case attachmentExtracted(label: String, ref: String, file: String, size: Int, sha256: String)
    case partyAdded(code: String, new: Bool)
    case bodyAdded(code: String, new: Bool)
    case partyCorrected(code: String, reason: String)
    case bodyCorrected(code: String, reason: String)
    case accountAdded(name: String, role: AccountRole, parties: [String])
    case accountDisabled(name: String, reason: String)
    case passwordSet(name: String)
}

extension Vocabulary {
    /// The confirmation's line.
    public static func confirmation(_ confirmation: Confirmation, _ language: Language) -> String {
        let sv = language == .sv
        func status(_ value: DecisionStatus) -> String { Vocabulary.status(value, language) }
        switch confirmation {
        case .stepRecorded(let body, let outcome, let ref, let date, let now):
            let did = Vocabulary.outcome(outcome, language)
            return sv
                ? "Registrerat: \(body) \(did) \(ref) \(date); status nu \(status(now))"
                : "Recorded: \(body) \(did) \(ref) on \(date); status now \(status(now))"
        case .stepCorrected(let number, let ref, let reason, let now):
            return sv
                ? "Rättade beslutssteg \(number) i \(ref): \(reason); status nu \(status(now))"
                : "Corrected step \(number) of \(ref): \(reason); status now \(status(now))"
        case .stepWithdrawn(let number, let ref, let reason, let now):
            return sv
                ? "Makulerade beslutssteg \(number) i \(ref): \(reason); status nu \(status(now))"
                : "Withdrew step \(number) of \(ref): \(reason); status now \(status(now))"
        case .fundingSet(let years, let ref, let total, let shares):
            let when =
                years.count == 1
                ? String(years[0])
                : "\(years[0])–\(years[years.count - 1])" + (sv ? ", varje år" : ", each year")
            let amounts = shares.map { "\($0.party) \($0.amount.formatted(language))" }.joined(separator: ", ")
            return sv
                ? "Finansiering \(when) för \(ref): \(total.formatted(language)) — \(amounts)"
                : "Funding \(when) of \(ref): \(total.formatted(language)) — \(amounts)"
        case .fundingWithdrawn(let year, let ref, let reason):
            return sv
                ? "Makulerade finansieringen \(year) för \(ref): \(reason)"
                : "Withdrew the funding \(year) of \(ref): \(reason)"
        case .paymentRecorded(let number, let party, let amount, let year, let ref):
            return sv
                ? "Registrerade betalning \(number): \(party) \(amount.formatted(language)) för \(year) till \(ref)"
                : "Recorded payment \(number): \(party) \(amount.formatted(language)) for \(year) to \(ref)"
        case .paymentCorrected(let number, let reason):
            return sv ? "Rättade betalning \(number): \(reason)" : "Corrected payment \(number): \(reason)"
        case .paymentWithdrawn(let number, let reason):
            return sv ? "Makulerade betalning \(number): \(reason)" : "Withdrew payment \(number): \(reason)"
        case .signatoryRecorded(let ref, let name):
            return sv ? "Registrerade undertecknare för \(ref): \(name)" : "Recorded signatory of \(ref): \(name)"
        case .signatoryWithdrawn(let number, let ref, let reason):
            return sv
                ? "Makulerade undertecknare \(number) i \(ref): \(reason)"
                : "Withdrew signatory \(number) of \(ref): \(reason)"
        case .attachmentStored(let label, let ref, let size, let sha256):
            return sv
                ? "Lagrade \(label) i \(ref): \(size) byte, sha256 \(sha256)"
                : "Stored \(label) with \(ref): \(size) bytes, sha256 \(sha256)"
        case .attachmentExtracted(let label, let ref, let file, let size, let sha256):
            return sv
                ? "Skrev \(label) i \(ref) till \(file): \(size) byte, sha256 \(sha256)"
                : "Wrote \(label) of \(ref) to \(file): \(size) bytes, sha256 \(sha256)"
        case .attachmentWithdrawn(let label, let ref, let reason):
            return sv ? "Makulerade \(label) i \(ref): \(reason)" : "Withdrew \(label) of \(ref): \(reason)"
        case .partyAdded(let code, let new):
            return new
                ? (sv ? "Lade till parten \(code)" : "Added party \(code)")
                : (sv ? "Parten \(code) finns redan, oförändrad" : "Party \(code) is already recorded, unchanged")
        case .bodyAdded(let code, let new):
            return new
                ? (sv ? "Lade till organet \(code)" : "Added body \(code)")
                : (sv ? "Organet \(code) finns redan, oförändrat" : "Body \(code) is already recorded, unchanged")
        case .partyCorrected(let code, let reason):
            return sv ? "Rättade parten \(code): \(reason)" : "Corrected party \(code): \(reason)"
        case .bodyCorrected(let code, let reason):
            return sv ? "Rättade organet \(code): \(reason)" : "Corrected body \(code): \(reason)"
        case .accountAdded(let name, let role, let parties):
            let of = parties.isEmpty ? "" : (sv ? " för " : " for ") + parties.joined(separator: ", ")
            return sv
                ? "La till kontot \(name): \(role.word(.sv))\(of)" : "Added account \(name): \(role.word(.en))\(of)"
        case .accountDisabled(let name, let reason):
            return sv ? "Stängde av kontot \(name): \(reason)" : "Disabled account \(name): \(reason)"
        case .passwordSet(let name):
            return sv ? "Nytt lösenord för kontot \(name)" : "New password for account \(name)"
        }
    }
}
