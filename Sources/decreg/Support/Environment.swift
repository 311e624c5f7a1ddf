import Foundation

/// The process environment, one variable at a time: `getenv`, without building ProcessInfo's whole dictionary,
/// which a one-decision read would pay for at every start.
enum Environment {
    /// The variable's value; nil when it is unset or empty (POSIX treats an empty locale variable as unset).
    static func value(_ name: String) -> String? {
        guard let raw = getenv(name) else { return nil }
        let value = String(cString: raw)
        return value.isEmpty ? nil : value
    }
}
