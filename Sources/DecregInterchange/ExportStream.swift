import DecregDomain

/// Writes an export document piece by piece — the parties, the bodies, each decision as it comes, then the
/// payments — so exporting a register of any size holds one decision in memory (and the small payments).
/// The bytes are those `ExportWriter.json` gives for the same content.
public struct ExportStream {
    private let write: ([UInt8]) -> Void
    private var parties: [JSONValue] = []
    private var bodies: [JSONValue] = []
    private var payments: [JSONValue] = []
    private var decisionsWritten = 0
    private var opened = false

    /// `write` receives the document's bytes in order.
    public init(write: @escaping ([UInt8]) -> Void) {
        self.write = write
    }

    /// Parties and bodies are written before the first decision, as importing needs them first.
    public mutating func add(_ party: Party) { parties.append(ExportWriter.party(party)) }
    public mutating func add(_ body: Body) { bodies.append(ExportWriter.body(body)) }
    public mutating func add(_ payment: Payment) { payments.append(ExportWriter.payment(payment)) }

    public mutating func add(_ decision: Decision) {
        openDecisions()
        write(Array((decisionsWritten == 0 ? "\n    " : ",\n    ").utf8))
        write(ExportWriter.decision(decision).renderedBytes(pretty: true, indent: 2))
        decisionsWritten += 1
    }

    /// Ends the document.
    public mutating func finish() {
        openDecisions()
        write(Array((decisionsWritten == 0 ? "]" : "\n  ]").utf8))
        write(Array(",\n  ".utf8))
        writeList("payments", payments)
        write(Array("\n}\n".utf8))
    }

    private mutating func openDecisions() {
        guard !opened else { return }
        opened = true
        write(Array("{\n  ".utf8))
        writeList("parties", parties)
        write(Array(",\n  ".utf8))
        writeList("bodies", bodies)
        write(Array(",\n  \"decisions\": [".utf8))
    }

    private func writeList(_ name: String, _ items: [JSONValue]) {
        write(Array("\"\(name)\": ".utf8))
        write(JSONValue.array(items).renderedBytes(pretty: true, indent: 1))
    }
}
