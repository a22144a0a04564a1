/// The results of one `stbench run`, as written to `results.json` (schema version 1).
///
/// Plain values only: `Reporting` renders and compares these without knowing how they were measured.
/// Field names are the JSON keys. Latencies are in nanoseconds. Histograms travel as HdrHistogram's
/// compressed V2 encoding in base64 (the same text an `.hlog` line carries), so reports, merges and
/// comparisons can be recomputed exactly from the file alone.
public struct RunResults: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var tool: ToolInfo
    public var workload: WorkloadInfo
    public var target: String
    /// False when the run was interrupted (Ctrl-C) or failed part-way: the figures cover what was measured.
    public var complete: Bool
    /// UTC, ISO-8601 with milliseconds, e.g. "2026-11-22T00:01:43.123Z".
    public var startedAt: String
    public var environment: EnvironmentInfo
    public var run: RunSettings
    public var totals: Totals
    /// Keyed by pattern name: list_messages, list_conversations, create_message_new_conversation,
    /// create_message_existing_conversation.
    public var patterns: [String: PatternResults]
    public var intervals: [IntervalResults]
    /// Read-aside cache figures per pattern, when the run had a cache.
    public var cache: CacheResults?
    /// Extra figures a run wants to carry (dataset load rate, memory), by name.
    public var metrics: [String: Double]?

    public init(
        schemaVersion: Int = RunResults.currentSchemaVersion, tool: ToolInfo, workload: WorkloadInfo,
        target: String, complete: Bool, startedAt: String, environment: EnvironmentInfo, run: RunSettings,
        totals: Totals, patterns: [String: PatternResults], intervals: [IntervalResults],
        cache: CacheResults? = nil, metrics: [String: Double]? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.workload = workload
        self.target = target
        self.complete = complete
        self.startedAt = startedAt
        self.environment = environment
        self.run = run
        self.totals = totals
        self.patterns = patterns
        self.intervals = intervals
        self.cache = cache
        self.metrics = metrics
    }
}

public struct ToolInfo: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var gitCommit: String
    public init(name: String = "stbench", version: String, gitCommit: String) {
        self.name = name
        self.version = version
        self.gitCommit = gitCommit
    }
}

public struct WorkloadInfo: Codable, Sendable, Equatable {
    public var name: String
    public var file: String
    public var seed: UInt64
    public init(name: String, file: String, seed: UInt64) {
        self.name = name
        self.file = file
        self.seed = seed
    }
}

public struct EnvironmentInfo: Codable, Sendable, Equatable {
    public var cpu: String
    public var cores: Int
    public var os: String
    public var swift: String
    /// "release" or "debug".
    public var build: String
    /// "jemalloc thp:<mode>" (jemalloc and its transparent-huge-page mode) or "system".
    public var allocator: String
    public var hostname: String?
    public init(cpu: String, cores: Int, os: String, swift: String, build: String, allocator: String, hostname: String? = nil) {
        self.cpu = cpu
        self.cores = cores
        self.os = os
        self.swift = swift
        self.build = build
        self.allocator = allocator
        self.hostname = hostname
    }
}

public struct RunSettings: Codable, Sendable, Equatable {
    /// "closed" or "open".
    public var mode: String
    public var threads: Int
    /// Operations per second across all workers (open loop only).
    public var targetRate: Double?
    /// "constant" or "poisson" (open loop only).
    public var arrival: String?
    public var warmupSeconds: Double
    public var measuredSeconds: Double
    public init(mode: String, threads: Int, targetRate: Double? = nil, arrival: String? = nil, warmupSeconds: Double, measuredSeconds: Double) {
        self.mode = mode
        self.threads = threads
        self.targetRate = targetRate
        self.arrival = arrival
        self.warmupSeconds = warmupSeconds
        self.measuredSeconds = measuredSeconds
    }
}

public struct Totals: Codable, Sendable, Equatable {
    public var operations: UInt64
    public var errors: UInt64
    /// Operations per second over the measured time.
    public var throughput: Double
    public init(operations: UInt64, errors: UInt64, throughput: Double) {
        self.operations = operations
        self.errors = errors
        self.throughput = throughput
    }
}

public struct PatternResults: Codable, Sendable, Equatable {
    public var operations: UInt64
    public var throughput: Double
    /// Error counts by DynamoDB error name (or other error name); errors are counted, never dropped.
    public var errors: [String: UInt64]
    /// Latency from the intended start (open loop: corrected for coordinated omission; closed loop: the actual start).
    public var latency: LatencySummary
    /// Service time: from the actual start of the operation to its end.
    public var serviceTime: LatencySummary
    /// The whole latency histogram, HdrHistogram V2 compressed, base64.
    public var latencyHistogram: String?
    /// The whole service-time histogram, HdrHistogram V2 compressed, base64.
    public var serviceTimeHistogram: String?
    public init(
        operations: UInt64, throughput: Double, errors: [String: UInt64], latency: LatencySummary,
        serviceTime: LatencySummary, latencyHistogram: String? = nil, serviceTimeHistogram: String? = nil
    ) {
        self.operations = operations
        self.throughput = throughput
        self.errors = errors
        self.latency = latency
        self.serviceTime = serviceTime
        self.latencyHistogram = latencyHistogram
        self.serviceTimeHistogram = serviceTimeHistogram
    }
}

public struct LatencySummary: Codable, Sendable, Equatable {
    public var unit: String
    public var p50: UInt64
    public var p90: UInt64
    public var p99: UInt64
    public var p999: UInt64
    public var p9999: UInt64
    public var max: UInt64
    public var mean: Double
    public init(unit: String = "ns", p50: UInt64, p90: UInt64, p99: UInt64, p999: UInt64, p9999: UInt64, max: UInt64, mean: Double) {
        self.unit = unit
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.p9999 = p9999
        self.max = max
        self.mean = mean
    }
}

/// One interval (default 1 s) of the measured run.
public struct IntervalResults: Codable, Sendable, Equatable {
    /// Seconds since the measured part of the run started, at the interval's end.
    public var t: Double
    public var patterns: [String: IntervalPattern]
    public init(t: Double, patterns: [String: IntervalPattern]) {
        self.t = t
        self.patterns = patterns
    }
}

public struct IntervalPattern: Codable, Sendable, Equatable {
    public var operations: UInt64
    public var p50: UInt64
    public var p99: UInt64
    public var max: UInt64
    /// Cache hit ratio in this interval, when the run had a cache.
    public var hitRatio: Double?
    /// The interval's latency histogram, HdrHistogram V2 compressed, base64 (feeds the .hlog).
    public var histogram: String?
    public init(operations: UInt64, p50: UInt64, p99: UInt64, max: UInt64, hitRatio: Double? = nil, histogram: String? = nil) {
        self.operations = operations
        self.p50 = p50
        self.p99 = p99
        self.max = max
        self.hitRatio = hitRatio
        self.histogram = histogram
    }
}

/// Read-aside cache figures of a run.
public struct CacheResults: Codable, Sendable, Equatable {
    public var policy: String
    /// "objects" or "bytes".
    public var capacityUnit: String
    public var capacity: Int
    public var ttlSeconds: Double?
    /// "invalidate", "update" or "ttl-only".
    public var writeStrategy: String
    public var memoryBytes: Int
    public var patterns: [String: CachePatternResults]
    public init(policy: String, capacityUnit: String, capacity: Int, ttlSeconds: Double?, writeStrategy: String, memoryBytes: Int, patterns: [String: CachePatternResults]) {
        self.policy = policy
        self.capacityUnit = capacityUnit
        self.capacity = capacity
        self.ttlSeconds = ttlSeconds
        self.writeStrategy = writeStrategy
        self.memoryBytes = memoryBytes
        self.patterns = patterns
    }
}

public struct CachePatternResults: Codable, Sendable, Equatable {
    public var hits: UInt64
    public var misses: UInt64
    public var hitRatio: Double
    /// Cached pages served although a newer write to their partition existed.
    public var staleReads: UInt64
    public init(hits: UInt64, misses: UInt64, hitRatio: Double, staleReads: UInt64) {
        self.hits = hits
        self.misses = misses
        self.hitRatio = hitRatio
        self.staleReads = staleReads
    }
}
