import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// The same routes over a real loopback socket, through the HTTP parser.
@Suite struct LiveServerTests {
    @Test func servesOverHTTPWithHeadAndRefusals() async throws {
        let fixture = try WebFixture()
        let before = try fixture.fileDigest()
        try await fixture.application.test(.live) { client in
            try await client.execute(uri: "/?lang=en", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains(">FLEMINGSBERG-2007</a>"))
            }
            try await client.execute(uri: "/api/v1/decisions", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != nil)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007/attachments/Bilaga%201", method: .get) {
                #expect($0.status == .ok)
                #expect($0.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            }
            try await client.execute(uri: "/api/v1/decisions?q=" + String(repeating: "a", count: 20_000), method: .get) {
                #expect($0.status == .uriTooLong)
            }
            try await client.execute(uri: "/api/v1/decisions", method: .post, body: ByteBuffer(string: "{}")) {
                #expect($0.status == .methodNotAllowed)
                #expect($0.headers[.allow] == "GET, HEAD, OPTIONS")
            }
            try await client.execute(uri: "/api/v1/audit", method: .trace) { #expect($0.status == .methodNotAllowed) }
            try await client.execute(uri: "/../../etc/passwd", method: .get) { #expect($0.status == .notFound) }
        }
        #expect(try fixture.fileDigest() == before)
    }
}
