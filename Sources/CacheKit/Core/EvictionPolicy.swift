/// An eviction policy over `UInt64` keys: the one interface every algorithm in
/// `Policies/` implements (cf. libCacheSim's `cache_t`: find / insert / evict / remove).
///
/// A policy owns its metadata (hash index, queues, ghosts) but no values: the simulator
/// only needs hit/miss decisions, and `ReadAsideCache` keeps values beside the policy,
/// dropping them when `insert` reports an eviction.
///
/// Capacity is in abstract units: each entry has a `weight` of 1 when capacity counts
/// objects, or its size in bytes when capacity counts bytes.
///
/// Hot loops must call these methods through a generic function specialised on the
/// concrete policy (see `simulate(_:trace:options:)`), never through `any EvictionPolicy`
/// per request: existential dispatch costs more than the work of the simpler policies.
public protocol EvictionPolicy {
    /// The registry name, e.g. "lru".
    static var name: String { get }

    /// - Parameters:
    ///   - capacity: capacity in weight units (objects or bytes); must be positive.
    ///   - parameters: policy-specific tuning; unknown names are errors.
    init(capacity: Int, parameters: PolicyParameters) throws

    var capacity: Int { get }
    /// Sum of the weights of resident entries.
    var occupied: Int { get }
    /// Number of resident entries (ghost entries excluded).
    var count: Int { get }

    /// Looks `key` up. On a hit, updates the policy's recency/frequency metadata and
    /// returns true. A miss changes nothing except frequency sketches that count every
    /// request (W-TinyLFU).
    mutating func find(_ key: UInt64) -> Bool

    /// Adds an absent `key`, first evicting entries (reported through `onEvict`) until it
    /// fits. Returns false, admitting nothing, if `weight` exceeds the whole capacity.
    /// Policies with admission control (W-TinyLFU) may admit the key and then evict it.
    @discardableResult
    mutating func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool

    /// Evicts what the policy would evict next to make room, reporting each evicted key
    /// (S3-FIFO may evict more than one). Returns false if the cache is empty.
    @discardableResult
    mutating func evict(onEvict: (UInt64) -> Void) -> Bool

    /// Removes `key` if resident (an invalidation or an expired TTL); returns whether it was.
    @discardableResult
    mutating func remove(_ key: UInt64) -> Bool
}

extension EvictionPolicy {
    /// One cache request, as libCacheSim's `cache_get_base`: find, and on a miss insert.
    /// Returns whether it was a hit.
    @inline(__always)
    public mutating func access(_ key: UInt64, weight: Int = 1) -> Bool {
        if find(key) { return true }
        insert(key, weight: weight, onEvict: { _ in })
        return false
    }

    /// Evicts until `weight` more units fit; shared by the policies whose insertion does
    /// not depend on the incoming key. Returns false, evicting nothing, if `weight` exceeds
    /// the whole capacity (the `insert` contract).
    @inline(__always)
    @discardableResult
    mutating func makeRoom(for weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        guard weight <= capacity else { return false }
        while occupied + weight > capacity {
            if !evict(onEvict: onEvict) { break }
        }
        return true
    }
}
