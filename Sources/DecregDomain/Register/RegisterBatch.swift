/// Entities to add to the register in one all-or-nothing write: what an import file holds, or one command.
public struct RegisterBatch: Sendable {
    public var parties: [Party]
    public var bodies: [Body]
    public var decisions: [Decision]
    public var payments: [Payment]

    public init(parties: [Party] = [], bodies: [Body] = [], decisions: [Decision] = [], payments: [Payment] = []) {
        self.parties = parties
        self.bodies = bodies
        self.decisions = decisions
        self.payments = payments
    }

    /// Where an entity stands in a batch, as the import file's path reads: `decisions[3]`.
    public static func path(_ list: String, _ index: Int) -> String { "\(list)[\(index)]" }
}
