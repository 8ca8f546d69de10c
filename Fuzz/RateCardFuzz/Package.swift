// swift-tools-version: 6.1
// libFuzzer target for the rate-card loader (TOMLKit's C++ parser needs SwiftPM to build).
// Built by Fuzz/run.sh with -sanitize=fuzzer,address; not part of the main package.
import PackageDescription

let package = Package(
    name: "RateCardFuzz",
    dependencies: [.package(name: "spaquote", path: "../..")],
    targets: [
        .target(name: "FuzzEntry"),
        .executableTarget(
            name: "RateCardFuzz",
            dependencies: ["FuzzEntry", .product(name: "Pricing", package: "spaquote")]
        ),
    ]
)
