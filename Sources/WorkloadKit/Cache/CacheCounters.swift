import Atomics

/// Hits, misses and stale reads of A and B, counted by the cached target (the cache's own counters do
/// not know which pattern asked).
///
/// Each counter sits on its own 64-byte line so that two workers counting different things do not
/// bounce one cache line between cores.
final class CacheCounters: @unchecked Sendable {
    enum Kind: Int, CaseIterable { case hits = 0, misses, stale }
    /// UInt64 words per counter: one cache line.
    private static let stride = 8
    private static let slots = 2 * Kind.allCases.count
    private let storage: UnsafeMutablePointer<UnsafeAtomic<UInt64>.Storage>

    init() {
        let words = Self.slots * Self.stride
        storage = .allocate(capacity: words)
        for i in 0..<words { (storage + i).initialize(to: .init(0)) }
    }

    deinit {
        storage.deinitialize(count: Self.slots * Self.stride)
        storage.deallocate()
    }

    @inline(__always)
    private func atomic(_ pattern: Pattern, _ kind: Kind) -> UnsafeAtomic<UInt64> {
        precondition(pattern == .listMessages || pattern == .listConversations, "CacheCounters: only A and B read the cache, got \(pattern.name)")
        return UnsafeAtomic<UInt64>(at: storage + (pattern.rawValue * Kind.allCases.count + kind.rawValue) * Self.stride)
    }

    @inline(__always)
    func add(_ pattern: Pattern, _ kind: Kind) {
        atomic(pattern, kind).wrappingIncrement(ordering: .relaxed)
    }

    func value(_ pattern: Pattern, _ kind: Kind) -> UInt64 {
        atomic(pattern, kind).load(ordering: .relaxed)
    }
}
