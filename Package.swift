// swift-tools-version: 6.0
import PackageDescription

let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "decreg",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "decreg", targets: ["decreg"]),
        // The libraries, for the fuzz targets in Fuzz/ (a package of their own, built with -sanitize=fuzzer).
        .library(name: "DecregDomain", targets: ["DecregDomain"]),
        .library(name: "DecregInterchange", targets: ["DecregInterchange"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The domain: money, dates, splits, the decision model, rendering. Foundation only, no SQLite.
        .target(
            name: "DecregDomain",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The import/export file format (YAML or JSON), with file:line in every error.
        .target(
            name: "DecregInterchange",
            dependencies: ["DecregDomain", "Yams"]
        ),
        // The register on SQLite: schema (embedded migrations), records, queries, audit trail.
        .target(
            name: "DecregStore",
            dependencies: [
                "DecregDomain", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            plugins: ["EmbedMigrations"]
        ),
        // decreg serve: the public pages and JSON API, and the clerks' sign-in, forms and API writes.
        .target(
            name: "DecregWeb",
            dependencies: [
                "DecregDomain", "DecregStore", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
            ]
        ),
        // The command line: parses arguments and hands off.
        .executableTarget(
            name: "decreg",
            dependencies: [
                "DecregDomain", "DecregInterchange", "DecregStore", "DecregWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // The release binary carries the Swift runtime and Foundation: it works when copied alone, and starts
            // without the dynamic loader resolving a dozen libraries (issue 8: one-decision commands near sqlite3).
            // Objects compiled against the shared Foundation do not name what its static archives need in turn
            // (CoreFoundation, ICU), so those are linked as one group, in whatever order they refer to each other.
            // Linux only: Apple platforms ship the Swift runtime with the system.
            // Its symbols are not exported: the runtime looks itself up with dladdr at start, which scanned all
            // 33 000 of them (about 1 ms); backtraces read the symbol table from the file, which keeps them.
            // It stays position-independent, although its 120 000 relative relocations cost about 3 ms at every
            // start: `decreg serve` faces the network, and address randomisation is worth more than 3 ms.
            linkerSettings: [
                .unsafeFlags(
                    [
                        "-Xlinker", "--no-export-dynamic",
                        "-static-stdlib", "-Xlinker", "--start-group", "-lFoundation", "-lCoreFoundation",
                        "-l_FoundationICU", "-lFoundationEssentials", "-lFoundationInternationalization",
                        "-l_FoundationCShims", "-l_FoundationCollections", "-Xlinker", "--end-group",
                    ], .when(platforms: [.linux], configuration: .release))
            ]
        ),
        // Build-time tool: turns Migrations/*.sql into Swift string literals, so a copied binary works alone.
        .executableTarget(name: "embed-migrations", path: "Tools/embed-migrations"),
        .plugin(
            name: "EmbedMigrations",
            capability: .buildTool(),
            dependencies: ["embed-migrations"],
            path: "Plugins/EmbedMigrations"
        ),
        .testTarget(name: "DecregDomainTests", dependencies: ["DecregDomain"]),
        .testTarget(name: "DecregInterchangeTests", dependencies: ["DecregInterchange", "DecregDomain"]),
        // What several test targets share: a real PostgreSQL server of the system's package for the tests.
        .target(name: "DecregTestSupport", path: "Tests/DecregTestSupport"),
        .testTarget(
            name: "DecregStoreTests",
            dependencies: [
                "DecregStore", "DecregInterchange", "DecregDomain", "DecregTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ]
        ),
        .testTarget(name: "DecregEndToEndTests", dependencies: ["decreg", "DecregTestSupport"]),
        .testTarget(
            name: "DecregWebTests",
            dependencies: [
                "DecregWeb", "DecregStore", "DecregInterchange", "DecregDomain",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .plugin {
    target.swiftSettings = (target.swiftSettings ?? []) + upcomingFeatures
}
