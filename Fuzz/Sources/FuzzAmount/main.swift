import DecregDomain

/// Any bytes as an amount: the parser returns a value or an error, never crashes, and what it returns reads
/// back to itself through its canonical text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAmount(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let text = String(decoding: UnsafeRawBufferPointer(start: start, count: count), as: UTF8.self)
    guard let money = try? AmountParser.parse(text) else { return 0 }
    precondition(money.minorUnits >= 0, "a negative amount was accepted: \(text)")
    guard let again = try? AmountParser.parse(money.canonicalText), again == money else {
        preconditionFailure("\(text) → \(money.canonicalText) does not read back")
    }
    _ = money.formatted(.sv)
    _ = money.formatted(.en)
    return 0
}
