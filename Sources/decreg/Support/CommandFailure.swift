/// A failure the command itself reports, with its exit status (2 for input and usage, 1 for failed checks).
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    var status: Int32 = 2

    init(_ description: String, status: Int32 = 2) {
        self.description = description
        self.status = status
    }
}
