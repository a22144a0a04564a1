import CacheKit
import SingleTable

/// The engine behind a read-aside cache of Query pages.
///
/// A and B look the page up first; a miss reads the engine and fills the cache with the page and the
/// partition's write version read *before* the engine read (so a write racing the fill leaves an entry
/// that is counted stale, never one wrongly counted fresh). C and D write the engine, bump the versions of
/// the partitions they changed, then apply the write strategy to the pages they made stale:
/// - `invalidate`: drop them (the next read misses and refills);
/// - `update`: re-read them from the engine and put the new pages (write-through);
/// - `ttl-only`: leave them; they are served stale until the TTL expires them.
public final class CachedTarget<Inner: PageSource>: Target {
    public let name = "embedded+cache"
    public let inner: Inner
    public let spec: CacheSpec
    public let cache: ReadAsideCache<PageKey, CachedPage>
    /// Write versions of A's partitions (conversations) and B's (users).
    public let conversationVersions: PartitionVersions
    public let userVersions: PartitionVersions
    let counters = CacheCounters()

    /// - Parameter now: the cache's clock (nanoseconds); tests pass a manual one to step past the TTL.
    public init(inner: Inner, spec: CacheSpec, shards: Int = 16, now: @escaping @Sendable () -> UInt64 = monotonicNanoseconds) throws(TargetError) {
        self.inner = inner
        self.spec = spec
        conversationVersions = PartitionVersions(count: inner.conversationCount)
        userVersions = PartitionVersions(count: inner.userCount)
        do {
            let kind = try PolicyKind(named: spec.policy.rawValue)
            let capacity: CacheCapacity = spec.capacityUnit == .bytes ? .bytes(spec.capacity) : .objects(spec.capacity)
            cache = try ReadAsideCache(.init(
                policy: kind, capacity: capacity, size: { _, page in page.bytes },
                ttlNanoseconds: spec.ttlSeconds.map { UInt64($0 * 1e9) }, shards: shards, now: now))
        } catch {
            throw TargetError(name: "CacheConfiguration", message: "\(error)")
        }
    }

    public func perform(_ operation: Operation) throws(TargetError) -> Int {
        switch operation.pattern {
        case .listMessages:
            return try read(PageKey(pattern: .listMessages, partition: operation.conversation, limit: operation.limit)).count
        case .listConversations:
            return try read(PageKey(pattern: .listConversations, partition: operation.user, limit: operation.limit)).count
        case .createMessageNewConversation, .createMessageExistingConversation:
            let written = try inner.perform(operation)
            afterWrite(operation)
            return written
        }
    }

    @inline(__always)
    func versions(_ pattern: Pattern) -> PartitionVersions {
        pattern == .listMessages ? conversationVersions : userVersions
    }

    /// The page for `key`: from the cache, or from the engine (then cached).
    public func read(_ key: PageKey) throws(TargetError) -> ItemList {
        let versions = versions(key.pattern)
        if let hit = cache.get(key) {
            counters.add(key.pattern, .hits)
            if hit.version < versions.current(key.partition) { counters.add(key.pattern, .stale) }
            return hit.value.items
        }
        counters.add(key.pattern, .misses)
        return try fill(key, versions)
    }

    @inline(__always)
    func fill(_ key: PageKey, _ versions: PartitionVersions) throws(TargetError) -> ItemList {
        let version = versions.current(key.partition)
        let items = try inner.readPage(key)
        cache.put(key, value: CachedPage(items: items), version: version)
        return items
    }

    func afterWrite(_ op: Operation) {
        if op.pattern == .createMessageExistingConversation { conversationVersions.bump(op.conversation) }
        userVersions.bump(op.user)
        userVersions.bump(op.otherUser)
        switch spec.writeStrategy {
        case .invalidate:
            inner.forEachPageWrittenBy(op) { cache.invalidate($0) }
        case .update:
            // A failed re-read leaves the old page to be found stale: nothing to report per operation.
            inner.forEachPageWrittenBy(op) { key in _ = try? fill(key, versions(key.pattern)) }
        case .ttlOnly:
            break
        }
    }

    /// The counters so far (exact once the workers have stopped).
    public func report() -> CacheReport {
        var patterns: [Pattern: CacheReport.PatternFigures] = [:]
        for pattern in [Pattern.listMessages, .listConversations] {
            patterns[pattern] = .init(hits: counters.value(pattern, .hits), misses: counters.value(pattern, .misses),
                                      staleReads: counters.value(pattern, .stale))
        }
        let stats = cache.stats
        return CacheReport(spec: spec, patterns: patterns, entries: stats.entries, bytes: stats.bytes,
                           evictions: stats.evictions, invalidations: stats.invalidations, expirations: stats.expirations)
    }
}
