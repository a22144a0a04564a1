/// The descriptive lines every renderer shows (run, environment, workload), written once.
struct RunFacts {
    let results: RunResults

    var title: String { "stbench report: \(results.workload.name) on \(results.target)" }

    var run: [(String, String)] {
        let settings = results.run
        var mode = settings.mode == "open" ? "open loop" : "closed loop"
        if let rate = settings.targetRate { mode += ", target \(NumberText.fixed(rate, places: 0)) ops/s" }
        if let arrival = settings.arrival { mode += " (\(arrival) arrivals)" }
        return [
            ("Mode", mode),
            ("Threads", String(settings.threads)),
            ("Warm-up / measured", "\(NumberText.fixed(settings.warmupSeconds, places: 1)) s / \(NumberText.fixed(settings.measuredSeconds, places: 1)) s"),
            ("Started", results.startedAt),
            ("Complete", results.complete ? "yes" : "NO (interrupted or failed part-way; figures cover what was measured)"),
            ("Tool", "\(results.tool.name) \(results.tool.version) (\(results.tool.gitCommit))"),
        ]
    }

    var environment: [(String, String)] {
        let env = results.environment
        var rows = [
            ("CPU", "\(env.cpu) (\(env.cores) cores)"), ("OS", env.os), ("Swift", env.swift),
            ("Build", env.build), ("Allocator", env.allocator),
        ]
        if let host = env.hostname { rows.append(("Host", host)) }
        return rows
    }

    var workload: [(String, String)] {
        [("Workload", results.workload.name), ("File", results.workload.file), ("Seed", String(results.workload.seed))]
    }

    var patternNames: [String] { results.patterns.keys.sorted() }

    func errorCount(_ pattern: PatternResults) -> UInt64 { pattern.errors.values.reduce(0, +) }

    var cacheSettings: [(String, String)]? {
        guard let cache = results.cache else { return nil }
        return [
            ("Policy", cache.policy),
            ("Capacity", "\(cache.capacity) \(cache.capacityUnit)"),
            ("TTL", cache.ttlSeconds.map { NumberText.fixed($0, places: 1) + " s" } ?? "none"),
            ("Write strategy", cache.writeStrategy),
            ("Memory", NumberText.grouped(UInt64(max(cache.memoryBytes, 0))) + " bytes"),
        ]
    }
}
