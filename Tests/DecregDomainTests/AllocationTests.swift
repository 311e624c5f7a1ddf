import DecregDomain
import Testing

/// A small deterministic generator (SplitMix64), so the property checks see the same cases on every run.
struct SplitMix64 {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A number in `range`, near enough to uniform for test data.
    mutating func next(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int64(next() % width)
    }
}

private func parts(_ texts: [String]) throws -> [SplitPart] {
    try texts.map { try SplitPart(parsing: $0) }
}

private func minor(_ amounts: [Money]) -> [Int64] { amounts.map(\.minorUnits) }

@Suite("Allocation by largest remainder")
struct AllocationTests {
    @Test("thirds of 1 000 000 kr: the leftover öre goes to the first listed")
    func thirdsOfAMillion() throws {
        let total = Money(minorUnits: 100_000_000)
        let amounts = try Allocation.allocate(total, parts: parts(["1/3", "1/3", "1/3"]))
        #expect(minor(amounts) == [33_333_334, 33_333_333, 33_333_333])
        #expect(amounts.map { $0.formatted(.sv) } == ["333 333,34 kr", "333 333,33 kr", "333 333,33 kr"])
    }

    @Test("one öre among three thirds")
    func oneOre() throws {
        let amounts = try Allocation.allocate(AmountParser.parse("0,01 kr"), parts: parts(["1/3", "1/3", "1/3"]))
        #expect(minor(amounts) == [1, 0, 0])
    }

    @Test("two öre among three thirds go to the first two")
    func twoOre() throws {
        let amounts = try Allocation.allocate(Money(minorUnits: 2), parts: parts(["1/3", "1/3", "1/3"]))
        #expect(minor(amounts) == [1, 1, 0])
    }

    @Test("ties go to the party listed first")
    func tiesToFirstListed() throws {
        #expect(minor(try Allocation.allocate(Money(minorUnits: 1), parts: parts(["50%", "50%"]))) == [1, 0])
        #expect(minor(try Allocation.allocate(Money(minorUnits: 5), parts: parts(["25%", "25%", "25%", "25%"])))
            == [2, 1, 1, 1])
        #expect(minor(try Allocation.allocate(Money(minorUnits: 7), parts: parts(["25%", "25%", "25%", "25%"])))
            == [2, 2, 2, 1])
    }

    @Test("the largest remainder wins over the order listed")
    func largestRemainderFirst() throws {
        // Exact quotas 0,25 / 0,25 / 0,5 öre: the half is the largest remainder.
        #expect(minor(try Allocation.allocate(Money(minorUnits: 1), parts: parts(["25%", "25%", "50%"]))) == [0, 0, 1])
        // Exact quotas 0,75 / 0,75 / 1,5 öre: floors 0, 0, 1; the two öre left go to the remainders of 0,75.
        #expect(minor(try Allocation.allocate(Money(minorUnits: 3), parts: parts(["25%", "25%", "50%"]))) == [1, 1, 1])
        // 10 öre as 1/6, 1/3, 1/2: quotas 1,67 / 3,33 / 5 → 2 / 3 / 5.
        #expect(minor(try Allocation.allocate(Money(minorUnits: 10), parts: parts(["1/6", "1/3", "1/2"]))) == [2, 3, 5])
    }

    @Test("the amounts keep the total's currency")
    func currency() throws {
        let eur = Currency(code: "EUR")!
        let amounts = try Allocation.allocate(Money(minorUnits: 1_000, currency: eur), parts: parts(["40%", "60%"]))
        #expect(amounts == [Money(minorUnits: 400, currency: eur), Money(minorUnits: 600, currency: eur)])
    }

    @Test("a zero total gives zero to everyone")
    func zeroTotal() throws {
        #expect(minor(try Allocation.allocate(.zero(), parts: parts(["1/3", "2/3"]))) == [0, 0])
    }

    @Test(
        "parts that do not make a whole are refused",
        arguments: [
            (["40%", "40%", "15%"], "95 %"),
            (["60%", "60%"], "120 %"),
            (["1/3", "1/3"], "2/3"),
            (["1/2", "1/3", "1/3"], "7/6"),
            (["33,5 %", "33,5 %", "33,5 %"], "201/200"),
        ])
    func doesNotSumToWhole(texts: [String], sum: String) throws {
        let split = try parts(texts)
        #expect(throws: SplitError.doesNotSumToWhole(sum)) {
            try Allocation.allocate(Money(minorUnits: 100_000), parts: split)
        }
    }

    @Test("a split must name someone")
    func emptySplit() {
        #expect(throws: SplitError.empty) { try Allocation.allocate(Money(minorUnits: 100), parts: []) }
    }

    @Test("percentages and fractions may be mixed")
    func mixed() throws {
        let amounts = try Allocation.allocate(Money(minorUnits: 300), parts: parts(["50%", "1/3", "1/6"]))
        #expect(minor(amounts) == [150, 100, 50])
    }

    @Test("parts always sum exactly to the total and each is its quota rounded down or up")
    func propertySumsExactly() throws {
        var random = SplitMix64(state: 20_070_706)
        for round in 0..<400 {
            let count = Int(random.next(in: 1...7))
            let total = Money(minorUnits: random.next(in: 0...10_000_000_000_000))
            // Positive whole numbers that sum to `whole`: fractions k/whole, or tenths of a percent.
            let asPercent = round % 2 == 0
            let whole: Int64 = asPercent ? 1_000 : random.next(in: Int64(count)...5_000)
            var numerators = Array(repeating: Int64(1), count: count)
            var left = whole - Int64(count)
            for index in 0..<(count - 1) {
                let take = random.next(in: 0...left)
                numerators[index] += take
                left -= take
            }
            numerators[count - 1] += left
            #expect(numerators.reduce(0, +) == whole)
            let texts = numerators.map { k in
                asPercent ? "\(k / 10),\(k % 10) %" : "\(k)/\(whole)"
            }
            let amounts = try Allocation.allocate(total, parts: parts(texts))

            #expect(amounts.count == count)
            #expect(amounts.reduce(0) { $0 + $1.minorUnits } == total.minorUnits, "split \(texts) of \(total)")
            #expect(amounts.allSatisfy { $0.currency == total.currency })
            // total ≤ 10¹³ and k ≤ 5 000, so total·k fits.
            let floors = numerators.map { total.minorUnits * $0 / whole }
            let remainders = numerators.map { total.minorUnits * $0 % whole }
            for index in 0..<count {
                let extra = amounts[index].minorUnits - floors[index]
                #expect(extra == 0 || extra == 1, "split \(texts) of \(total): part \(index)")
            }
            // Whoever got an extra öre had a remainder at least as large as anyone who did not (ties: listed first).
            for i in 0..<count where amounts[i].minorUnits > floors[i] {
                for j in 0..<count where amounts[j].minorUnits == floors[j] {
                    #expect(
                        remainders[i] > remainders[j] || (remainders[i] == remainders[j] && i < j),
                        "split \(texts) of \(total): \(i) before \(j)")
                }
            }
        }
    }

    @Test("funding by split keeps the parties, their parts and the allocated amounts")
    func fundingYearSplit() throws {
        let year = try FundingYear.split(
            year: 2009, total: AmountParser.parse("3 MKr"),
            [("SLL", SplitPart(parsing: "40%")), ("HUDDINGE", SplitPart(parsing: "40%")),
             ("BOTKYRKA", SplitPart(parsing: "20%"))])
        #expect(year.isSplit)
        #expect(year.shares.map(\.party) == ["SLL", "HUDDINGE", "BOTKYRKA"])
        #expect(year.shares.map(\.amount.minorUnits) == [120_000_000, 120_000_000, 60_000_000])
        #expect(year.shares.map { $0.part?.text } == ["40%", "40%", "20%"])
    }

    @Test("funding by amounts is not a split")
    func fundingYearShares() {
        let year = FundingYear.shares(
            year: 2008, total: Money(minorUnits: 300), [("A", Money(minorUnits: 100)), ("B", Money(minorUnits: 100))])
        #expect(!year.isSplit)
        #expect(year.shares.map(\.amount.minorUnits) == [100, 100])
    }

    /// Three coprime denominators near 6·10¹² multiply past Int128 while the sum is formed.
    @Test("a split too fine to add up is refused, not a crash")
    func tooFineDoesNotCrash() throws {
        let parts = try ["1/6000000000001", "1/6000000000007", "1/6000000000013"].map { try SplitPart(parsing: $0) }
        #expect(throws: SplitError.tooFine) { try Allocation.allocate(Money(minorUnits: 100), parts: parts) }
    }
}

@Suite("Split parts")
struct SplitPartTests {
    @Test(
        "percentages and fractions parse to a reduced fraction",
        arguments: [
            ("33,5 %", 67, 200), ("12.5%", 1, 8), ("1/3", 1, 3), ("25%", 1, 4), ("25 %", 1, 4), ("100%", 1, 1),
            ("2/6", 1, 3), ("1/1", 1, 1), (" 40% ", 2, 5), ("0,5%", 1, 200),
        ] as [(String, Int64, Int64)])
    func parses(text: String, numerator: Int64, denominator: Int64) throws {
        let part = try SplitPart(parsing: text)
        #expect(part.numerator == numerator)
        #expect(part.denominator == denominator)
    }

    @Test("the text is kept as written, without surrounding spaces")
    func keepsText() throws {
        #expect(try SplitPart(parsing: "33,5 %").text == "33,5 %")
        #expect(try SplitPart(parsing: "  2/6 ").description == "2/6")
    }

    @Test("nothing, or more than the whole, is not a part", arguments: ["0%", "150%", "0/5", "4/3", "100,1 %", "0,0%"])
    func notAPart(text: String) {
        #expect(throws: SplitPart.ParseError.notAPart(text)) { try SplitPart(parsing: text) }
    }

    @Test("malformed parts", arguments: ["abc", "", "%", "-10%", "1/0", "1/3/4", "12,%", "1,2,3 %", "x/3", "-1/3", "25"])
    func malformed(text: String) {
        #expect(throws: SplitPart.ParseError.malformed(text)) { try SplitPart(parsing: text) }
    }
}
