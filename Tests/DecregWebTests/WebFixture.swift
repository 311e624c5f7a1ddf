import DecregDomain
import DecregInterchange
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A register file in a fresh temporary folder, filled with the bundled fixtures through the public write API,
/// then opened read-only as `decreg serve` opens it.
struct WebFixture {
    let path: String
    /// The read-only register the server reads.
    let register: Register
    /// A second, writing connection, as a clerk's `decreg import` would have.
    let writer: Register

    static let context = ChangeContext(actor: "registrar", command: "decreg test")
    static let fixtures: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let files = [
        "flemingsberg/flemingsberg-2007.yaml", "flemingsberg-2009/flemingsberg-genomforande-2009.yaml",
        "sodertorn/sodertorn-trafik-2024.yaml",
    ]

    init(hostile: Bool = false) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        path = folder.appendingPathComponent("register.sqlite").path
        writer = try Register.create(path: path)
        for file in Self.files {
            try writer.add(try ImportReader.read(path: Self.fixtures.appendingPathComponent(file).path), context: Self.context)
        }
        if hostile {
            let decision = Decision(
                ref: "HOSTILE-1", title: "<script>alert('x')</script> & \"quotes\"", date: try LocalDate(parsing: "2001-01-01"),
                parties: ["SLL"], clauses: ["att <b>inte</b> tolka markup"],
                attachments: [
                    Attachment(label: "Bilaga <1>", title: "<i>html</i>", mediaType: "text/html",
                               content: Data("<script>alert(1)</script>".utf8))
                ])
            try writer.add(RegisterBatch(decisions: [decision]), context: Self.context)
        }
        register = try Register.open(path: path, for: .serving)
    }

    var application: some ApplicationProtocol {
        Application(router: WebServer.router(register: register, log: ServerLog { _ in }))
    }

    func fileDigest() throws -> String {
        Attachment.sha256Hex(try Data(contentsOf: URL(fileURLWithPath: path)))
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    var json: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }
}
