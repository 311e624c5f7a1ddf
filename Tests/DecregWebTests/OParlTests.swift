import Crypto
import DecregDomain
import DecregStore
import DecregWeb
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

/// The register as an OParl 1.1 endpoint, read as a council-information client reads it: from the System object,
/// following links, and asking lists what changed since a moment.
@Suite("OParl 1.1 endpoint")
struct OParlTests {
    static let site = "https://register.example.se"
    static let base = site + "/oparl/v1"

    func application(_ fixture: WebFixture, publicURL: String? = site) -> some ApplicationProtocol {
        Application(
            router: WebServer.router(
                register: fixture.register, log: ServerLog { _ in },
                oparl: OParlSettings(publicURL: publicURL, contactEmail: "registrator@huddinge.se")))
    }

    /// A time as the audit trail writes it (`2026-12-03T09:05:47.214Z`).
    static func stamp(_ time: Date) -> String { ChangeContext(actor: "", command: "", time: time).timestamp }

    /// A path on the test server for an absolute URL the endpoint gave.
    static func path(_ url: String) -> String {
        #expect(url.hasPrefix(site + "/"), "\(url) is not under the public address")
        return String(url.dropFirst(site.count))
    }

    static func object(_ response: TestResponse) -> [String: Any] {
        #expect(response.status == .ok, "\(response.status): \(response.text)")
        return response.json
    }

    /// An object as JSON text with its keys sorted, to compare two objects.
    static func sorted(_ object: [String: Any]) -> String {
        let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return data.map { String(decoding: $0, as: UTF8.self) } ?? ""
    }

    /// Every member at any depth that OParl wants left out: null, "", or an empty list or object (except the lists
    /// OParl requires, given empty, and a list page's `data`).
    static func emptyMembers(_ value: Any, at path: String = "") -> [String] {
        switch value {
        case is NSNull: return [path]
        case let text as String: return text.isEmpty ? [path] : []
        case let items as [Any]:
            let allowed = path.hasSuffix(".legislativeTerm") || path.hasSuffix(".data") || path == "data"
            return (items.isEmpty && !allowed ? [path] : [])
                + items.enumerated().flatMap { emptyMembers($1, at: "\(path)[\($0)]") }
        case let object as [String: Any]:
            return (object.isEmpty ? [path] : []) + object.flatMap { emptyMembers($1, at: path + "." + $0) }
        default: return []
        }
    }

    @Test("Without --public-url there is no OParl endpoint: an OParl Error says what to start serve with")
    func needsPublicURL() async throws {
        let fixture = try WebFixture()
        try await application(fixture, publicURL: nil).test(.router) { client in
            try await client.execute(uri: "/oparl/v1/system", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.json["type"] as? String == "https://schema.oparl.org/1.1/Error")
                #expect((response.json["message"] as? String)?.contains("--public-url") == true)
            }
        }
    }

    @Test("From the System object every Body, list and object is reached; ids are absolute; nothing is null or empty")
    func crawlFromSystem() async throws {
        let fixture = try WebFixture()
        try await application(fixture).test(.router) { client in
            let system = Self.object(try await client.execute(uri: "/oparl/v1/system", method: .get))
            #expect(system["id"] as? String == Self.base + "/system")
            #expect(system["oparlVersion"] as? String == "https://schema.oparl.org/1.1/")
            #expect(system["contactEmail"] as? String == "registrator@huddinge.se")
            let bodies = Self.object(try await client.execute(uri: Self.path(system["body"] as! String), method: .get))
            let data = bodies["data"] as? [[String: Any]] ?? []
            #expect(data.compactMap { $0["shortName"] as? String } == ["BOTKYRKA", "HANINGE", "HUDDINGE", "SALEM", "SLL"])
            var objects = 0
            for body in data {
                #expect(Self.emptyMembers(body).isEmpty, "\(Self.emptyMembers(body))")
                #expect(body["legislativeTerm"] as? [Any] != nil)
                for field in [
                    "organization", "person", "meeting", "paper", "agendaItem", "consultation", "file", "membership",
                    "locationList", "legislativeTermList",
                ] {
                    let url = try #require(body[field] as? String, "Body \(body["shortName"] ?? "") has no \(field)")
                    let list = Self.object(try await client.execute(uri: Self.path(url), method: .get))
                    #expect(Self.emptyMembers(list).isEmpty, "\(url): \(Self.emptyMembers(list))")
                    for item in list["data"] as? [[String: Any]] ?? [] {
                        let id = try #require(item["id"] as? String)
                        let alone = Self.object(try await client.execute(uri: Self.path(id), method: .get))
                        #expect(Self.sorted(alone) == Self.sorted(item), "\(id) differs from its list entry")
                        #expect(item["created"] as? String != nil && item["modified"] as? String != nil)
                        objects += 1
                    }
                }
            }
            #expect(objects > 30)
            let huddinge = data.first { $0["shortName"] as? String == "HUDDINGE" }
            #expect((huddinge?["decreg:party"] as? [String: Any])?["organisationNumber"] as? String == "212000-0142")
        }
    }

    @Test("The joint decision is one Paper: the proposing boards, the steering group, four files with their SHA-512")
    func flemingsbergPaper() async throws {
        let fixture = try WebFixture()
        try await application(fixture).test(.router) { client in
            let paper = Self.object(try await client.execute(uri: "/oparl/v1/papers/FLEMINGSBERG-2007", method: .get))
            #expect(paper["type"] as? String == "https://schema.oparl.org/1.1/Paper")
            #expect(paper["reference"] as? String == "FLEMINGSBERG-2007")
            #expect(paper["date"] as? String == "2007-07-06")
            #expect(paper["paperType"] as? String == "Likalydande beslut")
            #expect(
                paper["originatorOrganization"] as? [String]
                    == ["SLL-LS", "HUD-KS", "BOT-KS"].map { Self.base + "/organizations/" + $0 })
            #expect(paper["underDirectionOf"] as? [String] == [Self.base + "/organizations/FLEM-PS"])
            #expect((paper["originatorPerson"] as? [String])?.count == 3)
            let files = paper["auxiliaryFile"] as? [[String: Any]] ?? []
            #expect(files.count == 4)
            let bytes = try Data(
                contentsOf: WebFixture.fixtures.appendingPathComponent("flemingsberg/bilaga-1-utvecklingsprogram.txt"))
            let sha512 = SHA512.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
            #expect(files.first?["sha512Checksum"] as? String == sha512)
            #expect(files.first?["fileName"] as? String == "Bilaga 1.txt")
            #expect(files.first?["paper"] == nil, "an embedded File has no back-reference")
            try await client.execute(
                uri: Self.path(files.first?["accessUrl"] as? String ?? ""), method: .get
            ) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == Array(bytes))
                #expect(response.headers[.contentDisposition]?.hasPrefix("inline;") == true, "accessUrl is shown")
            }
            try await client.execute(
                uri: Self.path(files.first?["downloadUrl"] as? String ?? ""), method: .get
            ) { response in
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment;") == true, "downloadUrl is saved")
            }
            let consultations = paper["consultation"] as? [[String: Any]] ?? []
            #expect(consultations.count == 4)
            #expect(consultations.allSatisfy { $0["authoritative"] as? Bool == false }, "nothing is adopted yet")
            let facts = paper["decreg:decision"] as? [String: Any]
            let funding = (facts?["funding"] as? [[String: Any]])?.first
            #expect(funding?["total"] as? String == "2500000.00")
            #expect((funding?["shares"] as? [[String: Any]])?.compactMap { $0["amount"] as? String }
                == ["1000000.00", "1000000.00", "500000.00"])
            #expect(Self.emptyMembers(paper).isEmpty, "\(Self.emptyMembers(paper))")
        }
    }

    @Test("modified_since lists exactly what changed after a moment, withdrawn objects as tombstones")
    func changedSince() async throws {
        let fixture = try WebFixture()
        // The changes are recorded ten seconds after the import: the trail's times are published to the second.
        let later = Date().addingTimeInterval(10)
        let since = ChangeWindow.published(Self.stamp(later))
        func context(_ reason: String? = nil) -> ChangeContext {
            ChangeContext(actor: "registrar", command: "decreg test", reason: reason, time: later)
        }
        try fixture.writer.apply(
            .addStep(HandlingStep(body: "HUD-KF", date: try LocalDate(parsing: "2007-09-17"), outcome: .adopted)),
            to: "FLEMINGSBERG-2007", context: context())
        try fixture.writer.apply(
            .withdrawAttachment(label: "Bilaga 2"), to: "FLEMINGSBERG-2007", context: context("fel fil"))
        try fixture.writer.apply(.withdraw, to: "SODERTORN-TRAFIK-2024", context: context("dubblett"))
        let encoded = since.replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "+", with: "%2B")
        try await application(fixture).test(.router) { client in
            func ids(_ party: String, _ list: String, _ query: String = "") async throws -> [String] {
                let page = Self.object(
                    try await client.execute(uri: "/oparl/v1/bodies/\(party)/\(list)\(query)", method: .get))
                return (page["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    .map { String($0.dropFirst(Self.base.count)) }
            }
            let changed = "?modified_since=\(encoded)"
            // Flemingsberg 2007 changed; Södertörn, which binds Huddinge too, was withdrawn with its steps and signatory.
            #expect(
                try await ids("HUDDINGE", "papers", changed) as [String]
                    == ["/papers/FLEMINGSBERG-2007", "/papers/SODERTORN-TRAFIK-2024"])
            #expect(
                try await ids("HUDDINGE", "consultations", changed) as [String] == [
                    "/papers/FLEMINGSBERG-2007/consultations/5", "/papers/SODERTORN-TRAFIK-2024/consultations/1",
                    "/papers/SODERTORN-TRAFIK-2024/consultations/2",
                ])
            #expect(try await ids("HUDDINGE", "files", changed) as [String] == ["/papers/FLEMINGSBERG-2007/files/2"])
            #expect(try await ids("HUDDINGE", "persons", changed) as [String] == ["/papers/SODERTORN-TRAFIK-2024/persons/1"])
            #expect(try await ids("SLL", "persons", changed) as [String] == [], "Flemingsberg's signatories did not change")
            #expect(try await ids("HUDDINGE", "organizations", changed) as [String] == [])
            // Södertörn's withdrawn decision: a tombstone, with its parts, to a client asking what changed.
            #expect(try await ids("HANINGE", "papers", changed) as [String] == ["/papers/SODERTORN-TRAFIK-2024"])
            #expect(try await ids("HANINGE", "papers") == [], "a withdrawn Paper is left out of a plain list")
            let tombstone = Self.object(
                try await client.execute(uri: "/oparl/v1/papers/SODERTORN-TRAFIK-2024", method: .get))
            #expect(Set(tombstone.keys) == ["id", "type", "created", "modified", "deleted"])
            #expect(tombstone["deleted"] as? Bool == true)
            #expect((tombstone["modified"] as? String ?? "") >= since)
            #expect(!(try await ids("HANINGE", "consultations", changed)).isEmpty)
            let file = Self.object(
                try await client.execute(uri: "/oparl/v1/papers/FLEMINGSBERG-2007/files/2", method: .get))
            #expect(file["deleted"] as? Bool == true && (file["created"] as? String ?? "") < since)
            // Its accessUrl is gone (OParl 1.1, 2.7); decreg's own page keeps the withdrawn bytes downloadable.
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007/attachments/Bilaga%202/inline", method: .get) {
                #expect($0.status == .gone)
            }
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007/attachments/Bilaga%202", method: .get) {
                #expect($0.status == .ok)
            }
            // The adoption is authoritative; the steps before it keep their addresses and times.
            let adoption = Self.object(
                try await client.execute(uri: "/oparl/v1/papers/FLEMINGSBERG-2007/consultations/5", method: .get))
            #expect(adoption["authoritative"] as? Bool == true)
            #expect(adoption["paper"] as? String == Self.base + "/papers/FLEMINGSBERG-2007")
            let first = Self.object(
                try await client.execute(uri: "/oparl/v1/papers/FLEMINGSBERG-2007/consultations/1", method: .get))
            #expect((first["modified"] as? String ?? "") < since)
            // created_until before the changes: the new step is not in it.
            let before = ChangeWindow.published(Self.stamp(later.addingTimeInterval(-1)))
                .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "+", with: "%2B")
            let earlier = try await ids("HUDDINGE", "consultations", "?created_until=\(before)")
            #expect(earlier.contains("/papers/FLEMINGSBERG-2007/consultations/3"))
            #expect(!earlier.contains("/papers/FLEMINGSBERG-2007/consultations/5"))
            #expect(try await ids("HUDDINGE", "consultations").contains("/papers/FLEMINGSBERG-2007/consultations/5"))
            // The withdrawn attachment is left out of a plain list; the others were last changed before.
            let files = try await ids("HUDDINGE", "files", "?modified_until=\(before)")
            #expect(files.contains("/papers/FLEMINGSBERG-2007/files/1") && !files.contains("/papers/FLEMINGSBERG-2007/files/2"))
        }
    }

    @Test("Pages link onward with their filters, each object once; refusals are OParl Errors; CORS is open")
    func pagesAndRefusals() async throws {
        let fixture = try WebFixture()
        try await application(fixture).test(.router) { client in
            var next: String? = "/oparl/v1/bodies?limit=2&created_since=2000-01-01T00%3A00%3A00%2B01%3A00"
            var seen: [String] = []
            var pages = 0
            while let uri = next {
                let response = try await client.execute(uri: uri, method: .get)
                #expect(response.headers[.accessControlAllowOrigin] == "*")
                let page = Self.object(response)
                seen += (page["data"] as? [[String: Any]] ?? []).compactMap { $0["shortName"] as? String }
                let links = page["links"] as? [String: Any] ?? [:]
                next = (links["next"] as? String).map(Self.path)
                #expect(next.map { $0.contains("limit=2") && $0.contains("created_since=") } ?? true)
                pages += 1
            }
            #expect(pages == 3 && seen == ["BOTKYRKA", "HANINGE", "HUDDINGE", "SALEM", "SLL"])
            for (uri, status, text) in [
                ("/oparl/v1/bodies?created_since=yesterday", HTTPResponse.Status.badRequest, "created_since"),
                ("/oparl/v1/bodies?page=9", .notFound, "there is no page 9"),
                ("/oparl/v1/papers/FLEMINGSBERG-2007/files/01", .notFound, "no such page"),
                ("/oparl/v1/papers/FLEMINGSBERG-2007/files/9", .notFound, "no attachment number 9"),
                ("/oparl/v1/bodies/NOBODY", .notFound, "no party 'NOBODY'"),
                ("/oparl/v1/papers/FLEMINGSBERG-2008", .notFound, "FLEMINGSBERG-2007"),
                ("/oparl/v1/bodies/HUDDINGE/votes", .notFound, "no such page"),
                ("/oparl/v1/nothing", .notFound, "no such page"),
            ] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == status, "\(uri)")
                    #expect(response.json["type"] as? String == "https://schema.oparl.org/1.1/Error", "\(uri)")
                    #expect(response.text.contains(text), "\(uri): \(response.text)")
                }
            }
        }
    }
}

extension OParlTests {
    /// A Paper's steps by their bodies and files by their names, each with its address.
    static func items(_ paper: [String: Any]) -> [String] {
        let steps = (paper["consultation"] as? [[String: Any]] ?? []).map {
            "\($0["id"] ?? "") \(($0["organization"] as? [String])?.first ?? "")"
        }
        let files = (paper["auxiliaryFile"] as? [[String: Any]] ?? []).map { "\($0["id"] ?? "") \($0["name"] ?? "")" }
        return steps + files
    }

    @Test("A register made by an older decreg (schema 4), upgraded, serves the same addresses with its trail's times")
    func upgradedRegister() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("decreg-oparl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("register.sqlite").path
        try FileManager.default.copyItem(
            atPath: WebFixture.fixtures.appendingPathComponent("register-0004.sqlite").path, toPath: path)
        _ = try Register.upgrade(path: path)
        let register = try Register.open(path: path, for: .serving)
        let app = Application(
            router: WebServer.router(
                register: register, log: ServerLog { _ in }, oparl: OParlSettings(publicURL: Self.site)))
        let current = try WebFixture()
        try await app.test(.router) { client in
            let paper = Self.object(try await client.execute(uri: "/oparl/v1/papers/FLEMINGSBERG-2007", method: .get))
            // Recorded on 2 December 2026 by the decreg of schema 4: the times are its trail's.
            #expect(paper["created"] as? String == "2026-12-02T16:27:35+00:00")
            let ids = (paper["consultation"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(ids == (1...4).map { Self.base + "/papers/FLEMINGSBERG-2007/consultations/\($0)" })
            let old = Self.items(paper)
            #expect(old.count == 8)
            try await self.application(current).test(.router) { now in
                let fresh = Self.object(try await now.execute(uri: "/oparl/v1/papers/FLEMINGSBERG-2007", method: .get))
                #expect(Self.items(fresh) == old)
            }
        }
    }
}

extension OParlTests {
    @Test("A body's new name changes its Organization only; its new parties change the Papers it handled too")
    func bodyCorrections() async throws {
        let fixture = try WebFixture()
        let named = Date().addingTimeInterval(10)
        let moved = named.addingTimeInterval(10)
        @Sendable func since(_ date: Date) -> String {
            ChangeWindow.published(Self.stamp(date))
                .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "+", with: "%2B")
        }
        try fixture.writer.apply(
            .correctBody("FLEM-PS", BodyCorrection(name: "Styrgruppen för Flemingsberg")),
            context: ChangeContext(actor: "admin", command: "decreg test", reason: "namnet", time: named))
        try await application(fixture).test(.router) { client in
            for (list, expected) in [("organizations", ["/organizations/FLEM-PS"]), ("papers", [])] {
                let page = Self.object(
                    try await client.execute(uri: "/oparl/v1/bodies/SLL/\(list)?modified_since=\(since(named))", method: .get))
                let ids = (page["data"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? String)?.dropFirst(Self.base.count) }
                #expect(ids.map(String.init) == expected, "\(list)")
            }
        }
        try fixture.writer.apply(
            .correctBody("FLEM-PS", BodyCorrection(parties: ["SLL", "HUDDINGE"])),
            context: ChangeContext(actor: "admin", command: "decreg test", reason: "Botkyrka lämnade", time: moved))
        try await application(fixture).test(.router) { client in
            let page = Self.object(
                try await client.execute(uri: "/oparl/v1/bodies/SLL/papers?modified_since=\(since(moved))", method: .get))
            let ids = (page["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            // The steering group handled both Flemingsberg decisions.
            #expect(ids == ["FLEMINGSBERG-2007", "FLEMINGSBERG-2009"].map { Self.base + "/papers/" + $0 })
            // Its steps are the ones that changed (their parties' lists are others now), no other step.
            let steps = Self.object(
                try await client.execute(uri: "/oparl/v1/bodies/SLL/consultations?modified_since=\(since(moved))", method: .get))
            let changed = steps["data"] as? [[String: Any]] ?? []
            #expect(changed.contains { $0["id"] as? String == Self.base + "/papers/FLEMINGSBERG-2007/consultations/1" })
            #expect(changed.allSatisfy { ($0["organization"] as? [String]) == [Self.base + "/organizations/FLEM-PS"] })
            #expect((page["data"] as? [[String: Any]])?.first?["modified"] as? String == ChangeWindow.published(
                Self.stamp(moved)))
        }
    }
}

extension OParlTests {
    @Test("A decision given another party: its Paper and every item join that party's lists as changed")
    func decisionParties() async throws {
        let fixture = try WebFixture()
        let later = Date().addingTimeInterval(10)
        let since = ChangeWindow.published(Self.stamp(later))
            .replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: "+", with: "%2B")
        try fixture.writer.apply(
            .correct(DecisionCorrection(parties: ["SLL", "HUDDINGE", "BOTKYRKA", "HANINGE"])), to: "FLEMINGSBERG-2007",
            context: ChangeContext(actor: "registrar", command: "decreg test", reason: "Haninge anslöt", time: later))
        try await application(fixture).test(.router) { client in
            for (list, count) in [("papers", 1), ("files", 4), ("consultations", 0)] {
                let page = Self.object(
                    try await client.execute(uri: "/oparl/v1/bodies/HANINGE/\(list)?modified_since=\(since)", method: .get))
                let ids = (page["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                #expect(ids.count == count, "\(list): \(ids)")
                #expect(ids.allSatisfy { $0.hasPrefix(Self.base + "/papers/FLEMINGSBERG-2007") })
            }
            // Out of range, a limit is brought into range, and the link carries the one kept; bounds are carried in
            // one spelling, UTC.
            let page = Self.object(
                try await client.execute(
                    uri: "/oparl/v1/bodies?limit=0&modified_since=2000-01-01T01%3A00%3A00%2B01%3A00", method: .get))
            #expect((page["pagination"] as? [String: Any])?["elementsPerPage"] as? Int == 1)
            #expect(
                (page["links"] as? [String: Any])?["next"] as? String
                    == Self.base + "/bodies?modified_since=2000-01-01T00%3A00%3A00%2B00%3A00&limit=1&page=2")
            try await client.execute(uri: "/oparl/v1/bodies?limit=100000", method: .get) { response in
                #expect((response.json["pagination"] as? [String: Any])?["elementsPerPage"] as? Int == 500)
            }
            try await client.execute(uri: "/oparl/v1/system?omit_internal=true", method: .get) {
                #expect($0.status == .ok)
            }
        }
        // A withdrawn decision's files are gone from their accessUrl.
        try fixture.writer.apply(
            .withdraw, to: "FLEMINGSBERG-2007",
            context: ChangeContext(actor: "registrar", command: "decreg test", reason: "dubblett", time: later))
        try await application(fixture).test(.router) { client in
            try await client.execute(uri: "/decisions/FLEMINGSBERG-2007/attachments/Bilaga%201/inline", method: .get) {
                #expect($0.status == .gone)
            }
        }
    }
}
