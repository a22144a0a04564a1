import Benchmark
import CacheKit
import Histogram
import SingleTable

/// Micro-benchmarks of the hot paths under stbench's workloads, through public APIs only:
/// a point lookup (GetItem: partition directory + B-tree find), Query newest-20 (a backward B-tree visit),
/// a read-aside cache get per eviction policy, and an HdrHistogram record.
///
/// Thresholds are wide (see README.md): this machine is shared, and the gate that must not be noisy is
/// the callgrind instruction gate (scripts/instruction-gate.sh). Allocation counts are exact, so they get
/// tight absolute thresholds.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        maxDuration: .seconds(2),
        maxIterations: 1_000_000,
        thresholds: [
            .wallClock: BenchmarkThresholds(relative: [.p50: 25.0, .p75: 35.0]),
            .cpuTotal: BenchmarkThresholds(relative: [.p50: 25.0, .p75: 35.0]),
            .mallocCountTotal: BenchmarkThresholds(absolute: [.p50: 2, .p90: 4]),
        ])

    let fixture = EngineFixture(partitions: 1_000, itemsPerPartition: 100)

    Benchmark("GetItem (B-tree lookup) in 100k items", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var next = 0
        for _ in benchmark.scaledIterations {
            blackHole(fixture.get(index: next))
            next = (next &+ 7_919) % fixture.itemCount
        }
    }

    Benchmark("Query newest 20 of 100", configuration: .init(scalingFactor: .kilo)) { benchmark in
        var next = 0
        for _ in benchmark.scaledIterations {
            blackHole(fixture.newest(20, partition: next))
            next = (next &+ 613) % fixture.partitions
        }
    }

    for policy in PolicyKind.allCases {
        Benchmark("Cache get (\(policy.rawValue), 90% hits)", configuration: .init(scalingFactor: .kilo)) { benchmark in
            let cache = try ReadAsideCache<UInt64, UInt64>(.init(policy: policy, capacity: .objects(9_000), shards: 1))
            for key in 0..<UInt64(9_000) { cache.put(key, value: key, version: 1) }
            var key: UInt64 = 0
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(cache.get(key))
                key = (key &+ 7_919) % 10_000
            }
        }
    }

    Benchmark("Histogram record", configuration: .init(scalingFactor: .mega)) { benchmark in
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
        var value: UInt64 = 1_000
        for _ in benchmark.scaledIterations {
            blackHole(histogram.record(value))
            value = (value &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407) >> 40
        }
        blackHole(histogram.totalCount)
    }
}

/// A table of `partitions` × `itemsPerPartition` small items, keys and requests built once.
final class EngineFixture: @unchecked Sendable {
    let partitions: Int
    let itemsPerPartition: Int
    let table: Table
    let getInputs: [GetItemInput]
    let queryValues: [[String: AttributeValue]]
    var itemCount: Int { getInputs.count }

    init(partitions: Int, itemsPerPartition: Int) {
        self.partitions = partitions
        self.itemsPerPartition = itemsPerPartition
        let database = Database()
        do {
            _ = try database.createTable(CreateTableInput(
                tableName: "bench", keySchema: [.hash("pk"), .range("sk")],
                attributeDefinitions: [AttributeDefinition("pk", .s), AttributeDefinition("sk", .s)]))
            table = try database.table(named: "bench")
            var inputs: [GetItemInput] = []
            for p in 0..<partitions {
                for i in 0..<itemsPerPartition {
                    let key: [String: AttributeValue] = ["pk": .s("MSG#\(p)"), "sk": .s("2026-01-01T00:00:\(1_000 + i)Z")]
                    var item = key
                    item["message"] = .s("hello there, item \(i)")
                    try table.putItem(PutItemInput(tableName: "bench", item: item))
                    inputs.append(GetItemInput(tableName: "bench", key: key))
                }
            }
            getInputs = inputs
        } catch {
            fatalError("EngineFixture: cannot build the table: \(error)")
        }
        queryValues = (0..<partitions).map { [":pk": .s("MSG#\($0)")] }
    }

    func get(index: Int) -> Bool {
        (try? table.getItem(getInputs[index]).item) != nil
    }

    func newest(_ limit: Int, partition: Int) -> Int {
        (try? table.query(QueryInput(tableName: "bench", keyConditionExpression: "pk = :pk",
                                     expressionAttributeValues: queryValues[partition], scanIndexForward: false,
                                     limit: limit)).count) ?? -1
    }
}
