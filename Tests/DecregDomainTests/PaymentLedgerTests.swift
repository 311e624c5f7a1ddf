import DecregDomain
import Testing

/// The facts a payment's rules see, from a decision's ledger.
@Suite("Payment ledger")
struct PaymentLedgerTests {
    static func money(_ text: String) -> Money { try! AmountParser.parse(text) }

    static func payment(
        _ party: String, _ year: Int, _ date: String, _ amount: String, reference: String? = nil, number: Int64? = nil,
        withdrawn: String? = nil
    ) -> Payment {
        Payment(
            decision: "D-1", party: party, year: year, date: try! LocalDate(parsing: date), amount: money(amount),
            reference: reference, withdrawn: withdrawn, number: number)
    }

    static let ledger = PaymentLedger(
        decision: "D-1", parties: ["SLL", "HUDDINGE"],
        funding: [
            .shares(year: 2027, total: money("2 MKr"), [("SLL", money("1,5 MKr")), ("HUDDINGE", money("0,5 MKr"))]),
            FundingYear(year: 2028, total: money("1 MKr"), shares: [], withdrawn: "entered in error"),
            .shares(year: 2029, total: money("1 MKr"), [("SLL", money("1 MKr"))]),
        ],
        payments: [
            payment("SLL", 2027, "2027-02-01", "1 MKr", reference: "F-1", number: 1),
            payment("SLL", 2027, "2027-03-01", "0,2 MKr", number: 2),
            payment("SLL", 2027, "2027-04-01", "9 MKr", number: 3, withdrawn: "wrong amount"),
            payment("HUDDINGE", 2027, "2027-02-01", "0,1 MKr", number: 4),
        ])

    @Test("Withdrawn years and payments count for nothing; the share is the party's of the year")
    func facts() {
        let facts = Self.ledger.facts(for: Self.payment("SLL", 2027, "2027-05-01", "1 kr"))
        #expect(facts.parties == ["SLL", "HUDDINGE"])
        #expect(facts.fundedYears == [2027, 2029])
        #expect(facts.share == Self.money("1,5 MKr"))
        #expect(facts.paid == Self.money("1,2 MKr"))
        #expect(!facts.identicalRecorded)
        #expect(Self.ledger.facts(for: Self.payment("HUDDINGE", 2029, "2029-01-01", "1 kr")).share == nil)
    }

    @Test("The same party, year, date, amount and reference is identical; the payment corrected is left out")
    func identical() {
        let same = Self.payment("SLL", 2027, "2027-02-01", "1 MKr", reference: "F-1")
        #expect(Self.ledger.facts(for: same).identicalRecorded)
        #expect(!Self.ledger.facts(for: same, excluding: 1).identicalRecorded)
        #expect(Self.ledger.facts(for: same, excluding: 1).paid == Self.money("0,2 MKr"))
        var other = same
        other.reference = "F-2"
        #expect(!Self.ledger.facts(for: other).identicalRecorded)
    }

    @Test("A payment recorded counts for the next; a withdrawn one does not")
    func recording() {
        var ledger = Self.ledger
        ledger.record(Self.payment("HUDDINGE", 2027, "2027-06-01", "0,3 MKr", number: 5))
        ledger.record(Self.payment("HUDDINGE", 2027, "2027-07-01", "5 MKr", number: 6, withdrawn: "error"))
        #expect(ledger.facts(for: Self.payment("HUDDINGE", 2027, "2027-08-01", "1 kr")).paid == Self.money("0,4 MKr"))
    }
}
