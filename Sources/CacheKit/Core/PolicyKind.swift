/// The online policies, by registry name. Look a name up once (`PolicyKind(named:)`),
/// then `simulate(trace:options:parameters:)` switches once to a loop specialised on the
/// concrete policy type.
///
/// Adding a policy: a file in `Policies/`, a case here, a line in `make`/`simulate`, and
/// a pinned-miss-count test in `Tests/CacheKitTests/Policies/`.
public enum PolicyKind: String, CaseIterable, Sendable, Codable {
    case lru
    case fifo
    case clock
    case lfu
    case arc
    case twoQ = "2q"
    case slru
    case wTinyLFU = "w-tinylfu"
    case s3fifo = "s3-fifo"
    case sieve

    /// Accepted spellings (lower-cased) → policy.
    static let registry: [String: PolicyKind] = {
        var names: [String: PolicyKind] = [:]
        for kind in PolicyKind.allCases { names[kind.rawValue] = kind }
        names["twoq"] = .twoQ
        names["wtinylfu"] = .wTinyLFU
        names["tinylfu"] = .wTinyLFU
        names["s3fifo"] = .s3fifo
        return names
    }()

    /// Looks a policy up by name (case-insensitive), with a clear error listing the names.
    public init(named name: String) throws {
        let lower = name.lowercased()
        if let kind = Self.registry[lower] {
            self = kind
            return
        }
        let known = PolicyKind.allCases.map(\.rawValue).joined(separator: ", ")
        if lower == "belady" || lower == "opt" {
            throw CacheConfigurationError("policy '\(name)' needs the future: it is offline-only (the analyser adds it as the lower bound); online policies: \(known)")
        }
        throw CacheConfigurationError("unknown policy '\(name)' (known: \(known))")
    }

    /// Replays `trace` through a fresh instance of this policy.
    public func simulate(trace: Trace, options: SimulationOptions, parameters: PolicyParameters = .init()) throws -> SimulationResult {
        let c = options.capacity
        switch self {
        case .lru: var p = try LRU(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .fifo: var p = try FIFO(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .clock: var p = try CLOCK(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .lfu: var p = try LFU(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .arc: var p = try ARC(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .twoQ: var p = try TwoQ(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .slru: var p = try SLRU(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .wTinyLFU: var p = try WTinyLFU(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .s3fifo: var p = try S3FIFO(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        case .sieve: var p = try SIEVE(capacity: c, parameters: parameters); return CacheKit.simulate(&p, trace: trace, options: options)
        }
    }

    /// A boxed instance for `ReadAsideCache` shards (one class-method call per operation,
    /// against a lock and a key hash that cost more).
    func makeShardPolicy(capacity: Int, parameters: PolicyParameters) throws -> ShardPolicy {
        switch self {
        case .lru: return ConcreteShardPolicy(try LRU(capacity: capacity, parameters: parameters))
        case .fifo: return ConcreteShardPolicy(try FIFO(capacity: capacity, parameters: parameters))
        case .clock: return ConcreteShardPolicy(try CLOCK(capacity: capacity, parameters: parameters))
        case .lfu: return ConcreteShardPolicy(try LFU(capacity: capacity, parameters: parameters))
        case .arc: return ConcreteShardPolicy(try ARC(capacity: capacity, parameters: parameters))
        case .twoQ: return ConcreteShardPolicy(try TwoQ(capacity: capacity, parameters: parameters))
        case .slru: return ConcreteShardPolicy(try SLRU(capacity: capacity, parameters: parameters))
        case .wTinyLFU: return ConcreteShardPolicy(try WTinyLFU(capacity: capacity, parameters: parameters))
        case .s3fifo: return ConcreteShardPolicy(try S3FIFO(capacity: capacity, parameters: parameters))
        case .sieve: return ConcreteShardPolicy(try SIEVE(capacity: capacity, parameters: parameters))
        }
    }
}
