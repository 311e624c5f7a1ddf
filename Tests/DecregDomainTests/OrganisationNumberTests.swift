import DecregDomain
import Testing

@Suite("Organisation numbers")
struct OrganisationNumberTests {
    @Test(
        "valid numbers, with or without the hyphen, are written NNNNNN-NNNN",
        arguments: [
            ("232100-0016", "232100-0016"),
            ("2321000016", "232100-0016"),
            ("2120000142", "212000-0142"),
            ("212000-0142", "212000-0142"),
            ("212000-2882", "212000-2882"),
        ])
    func valid(text: String, normalised: String) throws {
        let number = try OrganisationNumber(parsing: text)
        #expect(number.description == normalised)
    }

    @Test("with and without the hyphen are the same number")
    func hyphenDoesNotMatter() throws {
        #expect(try OrganisationNumber(parsing: "2120000142") == OrganisationNumber(parsing: "212000-0142"))
    }

    @Test(
        "a wrong check digit names the expected digit",
        arguments: [("232100-0017", 6), ("2120000143", 2), ("212000-2880", 2)])
    func badCheckDigit(text: String, expected: Int) {
        let error = #expect(throws: OrganisationNumber.ParseError.self) { try OrganisationNumber(parsing: text) }
        #expect(error == .badCheckDigit(text, expected: expected))
        #expect(error?.description.contains("should be \(expected)") == true)
    }

    @Test(
        "malformed numbers",
        arguments: [
            "", "232100-001", "232100-00166", "23210-00016", "2321000-016", "232100--0016", "232100-001A",
            " 232100-0016", "2321000016-", "abcdef-ghij", "232100 0016",
        ])
    func malformed(text: String) {
        #expect(throws: OrganisationNumber.ParseError.malformed(text)) { try OrganisationNumber(parsing: text) }
    }

    @Test("the check digit is the Luhn digit over the first nine")
    func checkDigit() {
        #expect(OrganisationNumber.checkDigit([2, 3, 2, 1, 0, 0, 0, 0, 1]) == 6)
        #expect(OrganisationNumber.checkDigit([2, 1, 2, 0, 0, 0, 0, 1, 4]) == 2)
    }
}
