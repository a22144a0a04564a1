// swift-tools-version:6.1
//
// stbench: a performance benchmark and load-generation harness for single-table NoSQL designs.
// Module layout and data flow: README.md, section "Architecture".

import PackageDescription

/// Extra invariant checks (B-tree order, counts, depth) after every mutation.
/// Enable with `STBENCH_INTERNAL_CHECKS=1 swift test`. This invalidates every documented performance figure.
let internalChecks: [SwiftSetting] =
    Context.environment["STBENCH_INTERNAL_CHECKS"] == "1" ? [.define("STBENCH_INTERNAL_CHECKS")] : []

let package = Package(
    name: "stbench",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "stbench", targets: ["stbench"]),
        .library(name: "SingleTable", targets: ["SingleTable"]),
        .library(name: "CacheKit", targets: ["CacheKit"]),
        .library(name: "WorkloadKit", targets: ["WorkloadKit"]),
        .library(name: "LoadGenerator", targets: ["LoadGenerator"]),
        .library(name: "CacheAnalysis", targets: ["CacheAnalysis"]),
        .library(name: "Reporting", targets: ["Reporting"]),
        .library(name: "MemoryStats", targets: ["MemoryStats"]),
        .library(name: "EngineBench", targets: ["EngineBench"]),
        .library(name: "Profiling", targets: ["Profiling"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The trait enables SortedDictionary/SortedSet, a contender of `stbench bench index`.
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0", traits: ["UnstableSortedCollections"]),
        .package(url: "https://github.com/apple/swift-atomics", from: "1.3.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // jemalloc, from Debian's libjemalloc-dev. Linking it replaces malloc process-wide.
        .systemLibrary(
            name: "CJemalloc",
            pkgConfig: "jemalloc",
            providers: [.apt(["libjemalloc-dev"])]
        ),
        .target(name: "MemoryStats", dependencies: ["CJemalloc"]),
        // SQLite, from Debian's libsqlite3-dev: the peer target of `stbench run --target sqlite`.
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Tiny C helpers Swift lacks (a prefetch hint); header-only.
        .target(name: "CShims"),
        .target(
            name: "SingleTable",
            dependencies: ["CShims", .product(name: "Atomics", package: "swift-atomics")],
            swiftSettings: internalChecks
        ),
        .target(name: "CacheKit"),
        // SplitMix64, the seeded generator every module shares (bit-identical seeded datasets); no dependencies.
        .target(name: "Randomness"),
        // Hot-path measurements of the engine (`stbench bench engine`): ns/op and bytes/item, release builds.
        .target(name: "EngineBench", dependencies: ["SingleTable", "MemoryStats", "Randomness"]),
        // One pattern in a tight loop with per-operation counters (`stbench profile`, the callgrind gate).
        .target(name: "Profiling", dependencies: ["WorkloadKit", "SingleTable", "MemoryStats", "CJemalloc"]),
        .target(
            name: "WorkloadKit",
            dependencies: ["SingleTable", "CacheKit", "Randomness", .product(name: "Yams", package: "Yams"), .product(name: "Atomics", package: "swift-atomics")]
        ),
        // The Cruddur workload against SQLite (same dataset, same four patterns as EmbeddedTarget).
        .target(name: "SQLiteTarget", dependencies: ["CSQLite", "WorkloadKit", "SingleTable"]),
        // `stbench bench index`: the engine's B-tree against SortedDictionary, Rust's BTreeMap and C++.
        .target(
            name: "PeerBench",
            dependencies: [
                "SingleTable", "MemoryStats", "Randomness", "Reporting", "LoadGenerator", "WorkloadKit", "SQLiteTarget",
                .product(name: "SortedCollections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "LoadGenerator",
            dependencies: [
                "WorkloadKit",
                "Reporting",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Atomics", package: "swift-atomics"),
            ]
        ),
        .target(name: "CacheAnalysis", dependencies: ["CacheKit", "Randomness"]),
        .target(
            name: "Reporting",
            dependencies: [.product(name: "Histogram", package: "hdrhistogram-swift")]
        ),
        .executableTarget(
            name: "stbench",
            dependencies: [
                "MemoryStats", "SingleTable", "EngineBench", "CacheKit", "WorkloadKit", "LoadGenerator", "CacheAnalysis", "Reporting", "Profiling",
                "SQLiteTarget", "PeerBench",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "MemoryStatsTests", dependencies: ["MemoryStats"]),
        .testTarget(name: "EngineBenchTests", dependencies: ["EngineBench", "Randomness"]),
        .testTarget(name: "ProfilingTests", dependencies: ["Profiling", "WorkloadKit", "SingleTable"]),
        .testTarget(
            name: "SingleTableTests",
            dependencies: ["SingleTable", "Randomness", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "CacheKitTests", dependencies: ["CacheKit", "Randomness"]),
        .testTarget(name: "SQLiteTargetTests", dependencies: ["SQLiteTarget", "WorkloadKit", "SingleTable"]),
        .testTarget(name: "PeerBenchTests", dependencies: ["PeerBench", "Reporting", "WorkloadKit"]),
        .testTarget(name: "WorkloadKitTests", dependencies: ["WorkloadKit"]),
        .testTarget(name: "LoadGeneratorTests", dependencies: ["LoadGenerator", "Reporting"]),
        .testTarget(name: "CacheAnalysisTests", dependencies: ["CacheAnalysis"]),
        .testTarget(
            name: "ReportingTests",
            dependencies: ["Reporting", "Randomness", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
