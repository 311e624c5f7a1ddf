import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// A register holding texts no way in accepts any more (planted with the sqlite3 shell, as a register written by
/// an older version holds them): the public pages show them harmlessly.
@Suite struct HostileTextPageTests {
    @Test func plantedControlsAndOverridesAreShownNotObeyed() async throws {
        let fixture = try WebFixture()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [
            fixture.path,
            """
            UPDATE decision SET title = 'Belopp ' || char(8238) || '0001 kr' || char(27) || '[2J'
            WHERE ref = 'FLEMINGSBERG-2007';
            """,
        ]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let register = try Register.open(path: fixture.path, for: .serving)
        let application = Application(router: WebServer.router(register: register, log: ServerLog { _ in }))
        try await application.test(.router) { client in
            for uri in ["/", "/decisions/FLEMINGSBERG-2007"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    let page = response.text
                    #expect(page.contains("Belopp \\u{202E}0001 kr[2J"), "\(uri)")
                    #expect(!page.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x1B }, "\(uri)")
                }
            }
        }
    }
}
