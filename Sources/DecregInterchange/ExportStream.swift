import DecregDomain

/// Writes an export document piece by piece — the parties, the bodies, each decision as it comes, then each
/// payment as it comes — so exporting a register of any size holds one decision or payment in memory (and a hash
/// for each payment).
/// The bytes are those `ExportWriter.json` gives for the same content.
public struct ExportStream<Failure: Error> {
    private let write: ([UInt8]) throws(Failure) -> Void
    private var parties: [JSONValue] = []
    private var bodies: [JSONValue] = []
    private var decisionsWritten = 0
    private var paymentsWritten = 0
    private var opened = false
    private var paymentsOpened = false
    /// The hashes of the standing payments written: a payment the same as one of them is written with
    /// `"again": true`, so that importing the export records it. A hash is kept, not the payment, so that memory
    /// stays small; two different payments of the same hash (unheard of at 64 bits) would only mark one needlessly.
    private var standing = Set<Int>()

    /// `write` receives the document's bytes in order; an error it throws ends the export where it stands (a write
    /// into memory throws none).
    public init(write: @escaping ([UInt8]) throws(Failure) -> Void) {
        self.write = write
    }

    /// Parties and bodies are written before the first decision, as importing needs them first.
    public mutating func add(_ party: Party) { parties.append(ExportWriter.party(party)) }
    public mutating func add(_ body: Body) { bodies.append(ExportWriter.body(body)) }

    /// Payments come after the last decision.
    public mutating func add(_ payment: Payment) throws(Failure) {
        try openPayments()
        try write(Array((paymentsWritten == 0 ? "\n    " : ",\n    ").utf8))
        let sameness = payment.sameness.hashValue
        let again = standing.contains(sameness)
        if payment.withdrawn == nil { standing.insert(sameness) }
        try write(ExportWriter.payment(payment, again: again).renderedBytes(pretty: true, indent: 2))
        paymentsWritten += 1
    }

    public mutating func add(_ decision: Decision) throws(Failure) {
        precondition(!paymentsOpened, "decisions are exported before payments")
        try openDecisions()
        try write(Array((decisionsWritten == 0 ? "\n    " : ",\n    ").utf8))
        try write(ExportWriter.decision(decision).renderedBytes(pretty: true, indent: 2))
        decisionsWritten += 1
    }

    /// Ends the document.
    public mutating func finish() throws(Failure) {
        try openPayments()
        try write(Array((paymentsWritten == 0 ? "]" : "\n  ]").utf8))
        try write(Array("\n}\n".utf8))
    }

    /// Ends the decisions and starts the payments, once.
    private mutating func openPayments() throws(Failure) {
        guard !paymentsOpened else { return }
        try openDecisions()
        paymentsOpened = true
        try write(Array((decisionsWritten == 0 ? "]" : "\n  ]").utf8))
        try write(Array(",\n  \"payments\": [".utf8))
    }

    private mutating func openDecisions() throws(Failure) {
        guard !opened else { return }
        opened = true
        try write(Array("{\n  ".utf8))
        try writeList("parties", parties)
        try write(Array(",\n  ".utf8))
        try writeList("bodies", bodies)
        try write(Array(",\n  \"decisions\": [".utf8))
    }

    private func writeList(_ name: String, _ items: [JSONValue]) throws(Failure) {
        try write(Array("\"\(name)\": ".utf8))
        try write(JSONValue.array(items).renderedBytes(pretty: true, indent: 1))
    }
}
