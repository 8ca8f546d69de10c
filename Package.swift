// swift-tools-version: 6.1
// spaquote: pricing and revenue reporting for microneedling treatment plans.
//
// Dependency arrows point one way: spaquote (executable) -> FrontDesk (the web) -> Workflows
// -> Reports, LedgerSQLite, LedgerPostgres -> Ledger -> Pricing.
import PackageDescription

let package = Package(
    name: "spaquote",
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
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3" ..< "5.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.6.0"),
        // HTTPS without a proxy (`serve --tls-cert --tls-key`); postgres-nio already builds it.
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.0"),
    ],
    targets: [
        // The C library, chosen in one place (Linux's glibc: the one platform spaquote is
        // built and tested on), with the few calls other names shadow.
        .target(
            name: "Platform",
            path: "Sources/Platform"
        ),
        // Money, rate cards, requests and the quote engine. No I/O but loading a rate card.
        .target(
            name: "Pricing",
            dependencies: ["Platform", .product(name: "TOMLKit", package: "TOMLKit")],
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
            dependencies: ["Platform", "Pricing", "CXlsxWriter", "CPangoCairo"],
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
            dependencies: ["Platform", "Ledger", "Pricing", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "GRDBSQLite", package: "GRDB.swift")],
            path: "Sources/LedgerSQLite"
        ),
        // The PostgreSQL ledger (postgres-nio).
        .target(
            name: "LedgerPostgres",
            dependencies: ["Ledger", "Pricing", .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "Logging", package: "swift-log")],
            path: "Sources/LedgerPostgres"
        ),
        // What every interface does with a ledger (the command line now, the web front desk
        // next): where a ledger lives, a batch saved into it, the monthly report from it, a copy.
        // Accounts (bcrypt passwords, hashed tokens) too.
        .target(
            name: "Workflows",
            dependencies: ["Pricing", "Reports", "Ledger", "LedgerSQLite", "LedgerPostgres",
                           .product(name: "Crypto", package: "swift-crypto"),
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")],
            path: "Sources/Workflows"
        ),
        // The front desk on the web (`spaquote serve`): Hummingbird 2, pages from Mustache
        // templates (escaped by default), the JSON API, sessions and CSRF, the access rule,
        // HTTPS from PEM files (HummingbirdTLS over swift-nio-ssl).
        .target(
            name: "FrontDesk",
            dependencies: ["Pricing", "Reports", "Ledger", "Workflows",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTLS", package: "hummingbird"),
                           .product(name: "NIOSSL", package: "swift-nio-ssl"),
                           .product(name: "Mustache", package: "swift-mustache"),
                           .product(name: "Logging", package: "swift-log"),
                           .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                           .product(name: "Crypto", package: "swift-crypto")],
            path: "Sources/FrontDesk",
            resources: [.copy("Templates"), .copy("Static")]
        ),
        .executableTarget(
            name: "spaquote",
            dependencies: [
                "Platform", "Pricing", "Reports", "Ledger", "Workflows", "FrontDesk",
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
        // The store-neutral ledger rules.
        .testTarget(
            name: "LedgerTests",
            dependencies: ["Ledger", "Pricing", "Reports", .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/LedgerTests"
        ),
        // The SQLite file: header, journal, quick_check, migrations, damaged rows.
        .testTarget(
            name: "LedgerSQLiteTests",
            dependencies: ["LedgerSQLite", "Ledger", "Pricing", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/LedgerSQLiteTests"
        ),
        // One suite of ledger behaviours, run against every store.
        .testTarget(
            name: "LedgerConformanceTests",
            dependencies: ["Ledger", "LedgerSQLite", "LedgerPostgres", "Pricing", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/LedgerConformanceTests"
        ),
        .testTarget(
            name: "WorkflowsTests",
            dependencies: ["Workflows", "Ledger", "LedgerSQLite", "Reports", "Pricing",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            path: "Tests/WorkflowsTests"
        ),
        .testTarget(
            name: "LedgerPostgresTests",
            dependencies: ["LedgerPostgres", "Ledger", "Platform", "Pricing", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Tests/LedgerPostgresTests"
        ),
        // The web front desk in process: routes, sessions, CSRF, the access rule, pages.
        .testTarget(
            name: "FrontDeskTests",
            dependencies: ["FrontDesk", "Workflows", "Ledger", "LedgerSQLite", "Pricing", "Reports",
                           .product(name: "Hummingbird", package: "hummingbird"),
                           .product(name: "HummingbirdTesting", package: "hummingbird")],
            path: "Tests/FrontDeskTests"
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [],
            path: "Tests/EndToEndTests"
        ),
    ]
)
