import Foundation
import Yams

/// Reads a workload file (YAML, or JSON — a subset of YAML) into a validated `WorkloadSpec`.
/// Everything is checked before anything runs; the first problem is reported with file:line:column,
/// field path and expectation.
enum WorkloadParser {
    static let topLevelKeys = ["name", "description", "seed", "dataset", "mix", "keys", "page_size", "writes", "run", "target", "cache"]
    static let targets = ["embedded", "null"]

    static func load(path: String) throws(WorkloadError) -> WorkloadSpec {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file as UTF-8 text" : "no such file"
            throw WorkloadError(file: path, line: nil, column: nil, path: "", message: reason)
        }
        return try parse(text: text, file: path)
    }

    static func parse(text: String, file: String) throws(WorkloadError) -> WorkloadSpec {
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw WorkloadError(file: file, line: 1, column: 1, path: "", message: "expected a mapping of workload settings, got an empty document")
            }
            root = node
        } catch let error as WorkloadError {
            throw error
        } catch {
            throw syntaxError(error, file: file)
        }
        let top = try YAMLField(node: root, path: "", file: file).mapping(allowed: topLevelKeys)
        var spec = WorkloadSpec(file: file)
        if let f = top["name"] { spec.name = try f.string() } else { spec.name = defaultName(file) }
        if let f = top["description"] { spec.description = try f.string() }
        if let f = top["seed"] { spec.seed = UInt64(try f.int(atLeast: 0, expected: "an integer ≥ 0")) }
        if let f = top["dataset"] { spec.dataset = try dataset(f) }
        spec.mix = try mix(try top.required("mix", "weights of the patterns, e.g. list_messages: 60"))
        if let f = top["keys"] { spec.keys = try keys(f) }
        if let f = top["page_size"] {
            let m = try f.mapping(allowed: [Pattern.listMessages.name, Pattern.listConversations.name])
            if let v = m[Pattern.listMessages.name] { spec.listMessagesLimit = try v.int(atLeast: 1) }
            if let v = m[Pattern.listConversations.name] { spec.listConversationsLimit = try v.int(atLeast: 1) }
        }
        if let f = top["writes"] {
            let m = try f.mapping(allowed: ["new_conversation", "group_update"])
            if let v = m["new_conversation"] { spec.newConversationWrite = try v.choice(NewConversationWrite.allCases.map { ($0.rawValue, $0) }) }
            if let v = m["group_update"] { spec.groupUpdate = try v.choice(GroupUpdate.allCases.map { ($0.rawValue, $0) }) }
        }
        if let f = top["run"] { spec.run = try run(f) }
        if let f = top["target"] { spec.target = try f.choice(targets.map { ($0, $0) }) }
        if let f = top["cache"] { spec.cache = try cache(f) }
        return spec
    }

    static func defaultName(_ file: String) -> String {
        let base = file.split(separator: "/").last.map(String.init) ?? file
        return base.split(separator: ".").first.map(String.init) ?? base
    }

    static func syntaxError(_ error: any Error, file: String) -> WorkloadError {
        func make(_ mark: Mark?, _ problem: String) -> WorkloadError {
            WorkloadError(file: file, line: mark?.line, column: mark?.column, path: "", message: "YAML syntax error: \(problem)")
        }
        guard let yaml = error as? YamlError else { return make(nil, "\(error)") }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            return make(mark, context.map { "\(problem) (\($0.text))" } ?? problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return make(context.mark, "duplicate field " + duplicates.joined(separator: ", "))
        case .reader(let problem, _, _, _):
            return make(nil, problem)
        default:
            return make(nil, "\(yaml)")
        }
    }

    // MARK: Sections

    static func dataset(_ f: YAMLField) throws(WorkloadError) -> DatasetSpec {
        let m = try f.mapping(allowed: ["users", "conversations", "messages_per_conversation", "message_length", "user_activity"])
        var d = DatasetSpec()
        if let v = m["users"] { d.users = try v.int(atLeast: 2) }
        if let v = m["conversations"] { d.conversations = try v.int(atLeast: 1) }
        if let v = m["messages_per_conversation"] { d.messagesPerConversation = try size(v, minimum: 1, maximum: 1_000_000) }
        if let v = m["message_length"] { d.messageLength = try size(v, minimum: 1, maximum: MessageText.maximumLength) }
        if let v = m["user_activity"] { d.userActivity = try distribution(v) }
        return d
    }

    static func mix(_ f: YAMLField) throws(WorkloadError) -> PatternMix {
        let m = try f.mapping(allowed: Pattern.allCases.map(\.name))
        var mix = PatternMix()
        for pattern in Pattern.allCases {
            if let v = m[pattern.name] { mix[pattern] = try v.double("a number ≥ 0", where: { $0 >= 0 }) }
        }
        guard mix.total > 0 else { throw f.error("expected at least one pattern with a positive weight (\(Pattern.allCases.map(\.name).joined(separator: ", ")))") }
        return mix
    }

    static func keys(_ f: YAMLField) throws(WorkloadError) -> PatternKeys {
        let m = try f.mapping(allowed: Pattern.allCases.map(\.name))
        var keys = PatternKeys()
        for pattern in Pattern.allCases {
            if let v = m[pattern.name] { keys[pattern] = try distribution(v) }
        }
        return keys
    }

    /// `uniform`, or a mapping `{distribution: zipfian, constant: 0.99}` / `{distribution: hotspot,
    /// hot_fraction: 0.2, hot_probability: 0.8}`.
    static func distribution(_ f: YAMLField) throws(WorkloadError) -> DistributionSpec {
        let kinds = DistributionSpec.names
        if case .scalar = f.node {
            let name = try f.choice(kinds.map { ($0, $0) })
            return try makeDistribution(name, constant: nil, hotFraction: nil, hotProbability: nil)
        }
        let probe = try f.mapping(allowed: ["distribution", "constant", "hot_fraction", "hot_probability"])
        let name = try probe.required("distribution", "one of " + kinds.joined(separator: ", ")).choice(kinds.map { ($0, $0) })
        let allowed: [String]
        switch name {
        case "uniform": allowed = ["distribution"]
        case "hotspot": allowed = ["distribution", "hot_fraction", "hot_probability"]
        default: allowed = ["distribution", "constant"]
        }
        let m = try f.mapping(allowed: allowed)
        let theta = try m["constant"]?.double("a number > 0 and < 1", where: { $0 > 0 && $0 < 1 })
        let fraction = try m["hot_fraction"]?.double("a number > 0 and ≤ 1", where: { $0 > 0 && $0 <= 1 })
        let probability = try m["hot_probability"]?.double("a number ≥ 0 and ≤ 1", where: { $0 >= 0 && $0 <= 1 })
        return try makeDistribution(name, constant: theta, hotFraction: fraction, hotProbability: probability)
    }

    static func makeDistribution(_ name: String, constant: Double?, hotFraction: Double?, hotProbability: Double?) throws(WorkloadError) -> DistributionSpec {
        let theta = constant ?? DistributionSpec.defaultTheta
        switch name {
        case "zipfian": return .zipfian(theta: theta)
        case "scrambled_zipfian": return .scrambledZipfian(theta: theta)
        case "latest": return .latest(theta: theta)
        // YCSB's hotspot defaults: 20 % of the keys get 80 % of the draws.
        case "hotspot": return .hotspot(hotFraction: hotFraction ?? 0.2, hotProbability: hotProbability ?? 0.8)
        default: return .uniform
        }
    }

    /// An integer (constant), or `{distribution: constant, value}`, `{distribution: uniform, min, max}`,
    /// `{distribution: normal, mean, stddev, min, max}`.
    static func size(_ f: YAMLField, minimum: Int, maximum: Int) throws(WorkloadError) -> SizeDistribution {
        let bounded = "an integer ≥ \(minimum) and ≤ \(maximum)"
        func int(_ v: YAMLField) throws(WorkloadError) -> Int {
            let value = try v.int(atLeast: minimum, expected: bounded)
            guard value <= maximum else { throw v.mismatch(bounded) }
            return value
        }
        if case .scalar = f.node { return .constant(try int(f)) }
        let probe = try f.mapping(allowed: ["distribution", "value", "min", "max", "mean", "stddev"])
        let name = try probe.required("distribution", "one of " + SizeDistribution.names.joined(separator: ", "))
            .choice(SizeDistribution.names.map { ($0, $0) })
        switch name {
        case "constant":
            let m = try f.mapping(allowed: ["distribution", "value"])
            return .constant(try int(try m.required("value", bounded)))
        case "uniform":
            let m = try f.mapping(allowed: ["distribution", "min", "max"])
            let lo = try int(try m.required("min", bounded))
            let maxField = try m.required("max", bounded)
            let hi = try int(maxField)
            guard hi >= lo else { throw maxField.mismatch("an integer ≥ min (\(lo))") }
            return .uniform(min: lo, max: hi)
        default:
            let m = try f.mapping(allowed: ["distribution", "mean", "stddev", "min", "max"])
            let lo = try m["min"].map { v throws(WorkloadError) in try int(v) } ?? minimum
            let hi = try m["max"].map { v throws(WorkloadError) in try int(v) } ?? maximum
            if hi < lo, let maxField = m["max"] { throw maxField.mismatch("an integer ≥ min (\(lo))") }
            let meanField = try m.required("mean", "a number")
            let mean = try meanField.double("a number ≥ \(lo) and ≤ \(hi)", where: { $0 >= Double(lo) && $0 <= Double(hi) })
            let stddev = try m.required("stddev", "a number ≥ 0").double("a number ≥ 0", where: { $0 >= 0 })
            return .normal(mean: mean, stddev: stddev, min: lo, max: hi)
        }
    }

    static func run(_ f: YAMLField) throws(WorkloadError) -> RunSpec {
        let m = try f.mapping(allowed: ["threads", "mode", "concurrency", "think_time", "rate", "arrival", "warmup", "duration", "operations", "interval"])
        var r = RunSpec()
        if let v = m["mode"] { r.mode = try v.choice([("closed", RunSpec.Mode.closed), ("open", .open)]) }
        if let v = m["threads"] { r.threads = try v.int(atLeast: 1) }
        if let v = m["concurrency"] { r.concurrency = try v.int(atLeast: 1) }
        if let v = m["think_time"] {
            let seconds = try v.duration("a duration ≥ 0 (e.g. 0, \"500us\", \"2ms\")", where: { $0 >= 0 && $0 < 3600 })
            r.thinkTimeNanos = UInt64((seconds * 1e9).rounded())
        }
        if let v = m["rate"] {
            guard r.mode == .open else { throw v.error("rate applies to mode: open only (this run is closed)") }
            r.targetRate = try v.double("a number of operations per second > 0", where: { $0 > 0 })
        } else if r.mode == .open {
            throw (m["mode"] ?? f).error("mode open needs run.rate (operations per second > 0)")
        }
        if let v = m["arrival"] { r.arrival = try v.choice([("constant", RunSpec.Arrival.constant), ("poisson", .poisson)]) }
        if let v = m["warmup"] { r.warmupSeconds = try v.duration("a duration ≥ 0 (e.g. 5s)", where: { $0 >= 0 }) }
        if let v = m["operations"] {
            r.operations = try v.int(atLeast: 1)
            r.durationSeconds = nil
        }
        if let v = m["duration"] { r.durationSeconds = try v.duration("a duration > 0 (e.g. 30s, 2m)", where: { $0 > 0 }) }
        if let v = m["interval"] { r.intervalSeconds = try v.duration("a duration > 0 (e.g. 1s)", where: { $0 > 0 }) }
        return r
    }

    static func cache(_ f: YAMLField) throws(WorkloadError) -> CacheSpec {
        let m = try f.mapping(allowed: ["policy", "capacity", "capacity_unit", "ttl", "write_strategy"])
        let policy = try m.required("policy", "one of " + CacheSpec.Policy.allCases.map(\.rawValue).joined(separator: ", "))
            .choice(CacheSpec.Policy.allCases.map { ($0.rawValue, $0) })
        let capacity = try m.required("capacity", "an integer ≥ 1").int(atLeast: 1)
        var spec = CacheSpec(policy: policy, capacity: capacity)
        if let v = m["capacity_unit"] { spec.capacityUnit = try v.choice(CacheSpec.CapacityUnit.allCases.map { ($0.rawValue, $0) }) }
        if let v = m["ttl"] { spec.ttlSeconds = try v.duration("a duration > 0 (e.g. 60s)", where: { $0 > 0 }) }
        if let v = m["write_strategy"] {
            spec.writeStrategy = try v.choice(CacheSpec.WriteStrategy.allCases.map { ($0.rawValue, $0) })
            if spec.writeStrategy == .ttlOnly, spec.ttlSeconds == nil { throw v.error("write_strategy ttl-only needs cache.ttl") }
        }
        return spec
    }
}
