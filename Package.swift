// swift-tools-version: 6.1
// spaquote: pricing and revenue reporting for microneedling treatment plans.
//
// Dependency arrows point one way: spaquote (executable) -> Reports, Ledger -> Pricing.
import PackageDescription

let package = Package(
    name: "spaquote",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "spaquote", targets: ["spaquote"]),
        .library(name: "Pricing", targets: ["Pricing"]),
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Money, rate cards, requests and the quote engine. No I/O but loading a rate card.
        .target(
            name: "Pricing",
            dependencies: [.product(name: "TOMLKit", package: "TOMLKit")],
            path: "Pricing"
        ),
        // libxlsxwriter, from Debian's libxlsxwriter-dev.
        .systemLibrary(
            name: "CXlsxWriter",
            path: "Sources/CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // cairo and pango, from Debian's libcairo2-dev and libpango1.0-dev: client quotes as PDF.
        .systemLibrary(
            name: "CPangoCairo",
            path: "Sources/CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
        ),
        // CSV, XLSX and PDF writers, exports, batch runs, monthly revenue.
        .target(
            name: "Reports",
            dependencies: ["Pricing", "CXlsxWriter", "CPangoCairo"],
            path: "Reports"
        ),
        // The ledger of saved quotes, whatever its store: the quote row and its columns,
        // numbering, repeats, status rules, revenue records, errors, the store contract.
        .target(
            name: "Ledger",
            dependencies: ["Pricing"],
            path: "Sources/Ledger"
        ),
        // The SQLite ledger (GRDB over Debian's libsqlite3): a file, the default.
        .target(
            name: "LedgerSQLite",
            dependencies: ["Ledger", "Pricing", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Sources/LedgerSQLite"
        ),
        // The PostgreSQL ledger (postgres-nio).
        .target(
            name: "LedgerPostgres",
            dependencies: ["Ledger", "Pricing", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Sources/LedgerPostgres"
        ),
        .executableTarget(
            name: "spaquote",
            dependencies: [
                "Pricing", "Reports", "Ledger",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/spaquote"
        ),
        .testTarget(
            name: "PricingTests",
            dependencies: ["Pricing", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/PricingTests",
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "ReportsTests",
            dependencies: ["Reports", "Pricing", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/ReportsTests"
        ),
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", "Pricing", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/LedgerTests"
        ),
        .testTarget(
            name: "LedgerPostgresTests",
            dependencies: ["LedgerPostgres", "Ledger", "Pricing", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/LedgerPostgresTests"
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [],
            path: "Tests/EndToEndTests"
        ),
    ]
)
