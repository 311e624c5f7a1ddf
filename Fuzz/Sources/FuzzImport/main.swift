import DecregDomain
import DecregInterchange
import Foundation

private let nowhere = URL(fileURLWithPath: "/nonexistent-fuzz-directory")

/// Any bytes as an import file, through both readers (YAML, and the streaming JSON reader): a batch or an
/// ImportError, never a crash, a hang or another error.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzImport(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = [UInt8](UnsafeRawBufferPointer(start: start, count: count))
    for read in [
        { try ImportReader.read(data: Data(bytes), file: "fuzz.yaml", baseDirectory: nowhere) },
        { try ImportReader.read(json: bytes, file: "fuzz.json", baseDirectory: nowhere) },
    ] {
        do { _ = try read() } catch is ImportError {} catch {
            preconditionFailure("an error that is not an ImportError: \(error)")
        }
    }
    return 0
}
