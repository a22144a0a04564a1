// swift-tools-version:6.1
//
// stbench micro-benchmarks with ordo-one/package-benchmark: a separate package so the main build and CI
// do not compile the benchmark framework. Run from this directory: `swift package benchmark`
// (see README.md for thresholds and baselines).

import PackageDescription

let package = Package(
    name: "stbench-benchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "stbench", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    ],
    targets: [
        .executableTarget(
            name: "EngineBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "SingleTable", package: "stbench"),
                .product(name: "CacheKit", package: "stbench"),
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            path: "Benchmarks/EngineBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
