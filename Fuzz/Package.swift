// swift-tools-version: 6.0
// Fuzz targets for decreg's parsers, built with libFuzzer: see Fuzz/run.
import PackageDescription

let package = Package(
    name: "decreg-fuzz",
    // Fuzz/run lays this package out beside a link named `decreg` to the repository, whatever its folder is called.
    dependencies: [.package(path: "../decreg")],
    targets: [
        .executableTarget(
            name: "FuzzAmount", dependencies: [.product(name: "DecregDomain", package: "decreg")]),
        .executableTarget(
            name: "FuzzImport",
            dependencies: [
                .product(name: "DecregDomain", package: "decreg"),
                .product(name: "DecregInterchange", package: "decreg"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
