import DecregDomain
import Testing

@Suite("JSON values")
struct JSONValueTests {
    private let sample = JSONValue.object([
        ("title", .string("Flemingsberg")), ("amount", .string("2500000.00")),
        ("nested", .object([("z", .int(1)), ("a", .array([.null, .bool(true), .bool(false)]))])),
        ("count", .int(-3)),
    ])

    @Test("canonical form sorts keys at every level and is compact")
    func canonicalSortsAndIsCompact() {
        #expect(
            sample.canonical
                == #"{"amount":"2500000.00","count":-3,"nested":{"a":[null,true,false],"z":1},"title":"Flemingsberg"}"#)
    }

    @Test("canonical keys sort by code, not by locale: capitals first, a prefix before its extensions")
    func canonicalKeyOrder() {
        // Keys within the Basic Multilingual Plane, where UTF-16 and code point order agree.
        let value = JSONValue.object([
            ("中", .int(1)), ("ö", .int(2)), ("é", .int(3)), ("ab", .int(4)), ("a", .int(5)), ("Z", .int(6)),
        ])
        #expect(value.canonical == #"{"Z":6,"a":5,"ab":4,"é":3,"ö":2,"中":1}"#)
    }

    @Test("strings escape quotes, backslashes and control characters")
    func escapes() {
        let value = JSONValue.string("a\"b\\c\nd\re\tf\u{08}g\u{0C}h\u{01}i\u{1F}j\u{7F}å")
        #expect(value.canonical == #""a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj"# + "\u{7F}å\"")
        // Output for people and other programs also escapes DEL, so every JSON reader takes it back.
        #expect(value.rendered(pretty: false) == #""a\"b\\c\nd\re\tf\bg\fh\u0001i\u001fj\u007f"# + "å\"")
        // …and the C1 controls and the line and paragraph separators; the canonical form keeps them as they are.
        let separators = JSONValue.string("x\u{85}y\u{2028}z\u{2029}")
        #expect(separators.rendered(pretty: false) == #""x\u0085y\u2028z\u2029""#)
        #expect(separators.canonical == "\"x\u{85}y\u{2028}z\u{2029}\"")
    }

    @Test("pretty rendering keeps insertion order, indents by two and puts a space after colons")
    func prettyKeepsOrder() {
        let value = JSONValue.object([
            ("b", .int(1)), ("a", .array([.string("x"), .int(2)])), ("c", .object([])), ("d", .array([])),
        ])
        #expect(
            value.rendered() == """
                {
                  "b": 1,
                  "a": [
                    "x",
                    2
                  ],
                  "c": {},
                  "d": []
                }
                """)
    }

    @Test("compact rendering keeps insertion order")
    func compactKeepsOrder() {
        let value = JSONValue.object([("b", .int(1)), ("a", .null)])
        #expect(value.rendered(pretty: false) == #"{"b":1,"a":null}"#)
    }

    @Test("optional text is a string or null")
    func optional() {
        #expect(JSONValue.optional(nil).canonical == "null")
        #expect(JSONValue.optional("x").canonical == #""x""#)
    }

    @Test("values with the same content in another key order are equal and hash alike")
    func equality() {
        let first = JSONValue.object([("a", .int(1)), ("b", .int(2))])
        let second = JSONValue.object([("b", .int(2)), ("a", .int(1))])
        #expect(first == second)
        #expect(Set([first, second]).count == 1)
        #expect(first != .object([("a", .int(1)), ("b", .int(3))]))
    }

    @Test("money travels as an exact decimal string beside its currency")
    func moneyMembers() {
        let value = JSONValue.object(Money(minorUnits: 150_000_050).jsonMembers)
        #expect(value.canonical == #"{"amount":"1500000.50","currency":"SEK"}"#)
    }
}
