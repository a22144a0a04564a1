import Synchronization
import Testing
import SingleTable
@testable import WorkloadKit

/// A clock the test moves by hand, so TTL expiry is exact and independent of the machine's speed.
final class ManualClock: Sendable {
    let nanoseconds = Atomic<UInt64>(1_000)
    func advance(seconds: Double) { nanoseconds.add(UInt64(seconds * 1e9), ordering: .relaxed) }
    var function: @Sendable () -> UInt64 { { self.nanoseconds.load(ordering: .relaxed) } }
}

/// The cached target against the real engine: what each write strategy does to the next read, judged
/// against the engine's own answer (fresh = the same page the engine returns now).
@Suite struct CachedTargetTests {
    static let limit = 3
    static func spec() -> WorkloadSpec {
        WorkloadSpec(seed: 11, dataset: DatasetSpec(users: 20, conversations: 40, messagesPerConversation: .uniform(min: 2, max: 6),
                                                    messageLength: .uniform(min: 5, max: 30), userActivity: .uniform),
                     mix: PatternMix(listMessages: 1), listMessagesLimit: limit, listConversationsLimit: limit)
    }

    static func make(_ strategy: CacheSpec.WriteStrategy, ttl: Double? = nil, clock: ManualClock = ManualClock()) throws -> CachedTarget<EmbeddedTarget> {
        try CachedTarget(inner: EmbeddedTarget(spec: spec()),
                         spec: CacheSpec(policy: .lru, capacity: 1000, ttlSeconds: ttl, writeStrategy: strategy), now: clock.function)
    }

    static func listMessages(_ conversation: Int) -> Operation { Operation(pattern: .listMessages, conversation: conversation, limit: limit) }
    static func listConversations(_ user: Int) -> Operation { Operation(pattern: .listConversations, user: user, limit: limit) }

    /// D on `conversation`, sent by its first participant.
    static func reply(_ conversation: Int, sequence: UInt64) -> Operation {
        let (a, b) = DatasetLayout(seed: spec().seed, spec: spec().dataset).participants(of: conversation)
        return Operation(pattern: .createMessageExistingConversation, conversation: conversation, user: a, otherUser: b, messageLength: 10, sequence: sequence)
    }

    static func isFresh(_ target: CachedTarget<EmbeddedTarget>, _ key: PageKey) throws -> Bool {
        try Array(target.read(key)) == Array(target.inner.readPage(key))
    }

    static func messagesKey(_ c: Int) -> PageKey { PageKey(pattern: .listMessages, partition: c, limit: limit) }

    @Test func invalidateMakesTheNextReadAFreshMiss() throws {
        let target = try Self.make(.invalidate)
        _ = try target.perform(Self.listMessages(7))
        _ = try target.perform(Self.listMessages(7))
        #expect(target.report().patterns[.listMessages] == .init(hits: 1, misses: 1, staleReads: 0))
        _ = try target.perform(Self.reply(7, sequence: 1))
        #expect(try Self.isFresh(target, Self.messagesKey(7)))  // this read is the miss
        #expect(target.report().patterns[.listMessages] == .init(hits: 1, misses: 2, staleReads: 0))
        #expect(target.report().invalidations >= 1)
    }

    @Test func updateMakesTheNextReadAFreshHit() throws {
        let target = try Self.make(.update)
        _ = try target.perform(Self.listMessages(7))
        _ = try target.perform(Self.reply(7, sequence: 1))
        #expect(try Self.isFresh(target, Self.messagesKey(7)))  // this read is a hit on the rewritten page
        #expect(target.report().patterns[.listMessages] == .init(hits: 1, misses: 1, staleReads: 0))
        // The page holds the new message first.
        let page = try target.read(Self.messagesKey(7))
        #expect(page.attribute("message_uuid", at: 0) == .s(DatasetLayout(seed: Self.spec().seed, spec: Self.spec().dataset).runMessageUUID(sequence: 1)))
    }

    @Test func ttlOnlyServesStaleHitsUntilTheTTL() throws {
        let clock = ManualClock()
        let target = try Self.make(.ttlOnly, ttl: 10, clock: clock)
        _ = try target.perform(Self.listMessages(7))
        _ = try target.perform(Self.reply(7, sequence: 1))
        clock.advance(seconds: 9.9)
        #expect(try !Self.isFresh(target, Self.messagesKey(7)))  // hit, stale
        #expect(target.report().patterns[.listMessages] == .init(hits: 1, misses: 1, staleReads: 1))
        clock.advance(seconds: 0.1)  // 10 s after the fill: expired
        #expect(try Self.isFresh(target, Self.messagesKey(7)))
        #expect(target.report().patterns[.listMessages] == .init(hits: 1, misses: 2, staleReads: 1))
        #expect(target.report().expirations == 1)
    }

    /// Known staleness: user u's page is filled, read 3 times fresh, then a C write involving u makes
    /// every later hit stale (ttl-only never refreshes it) while an uninvolved user's hits stay fresh.
    @Test func staleReadsAreCountedExactly() throws {
        let target = try Self.make(.ttlOnly)
        let u = 4, other = 9, bystander = 13
        for _ in 0..<4 { _ = try target.perform(Self.listConversations(u)) }       // 1 miss, 3 fresh hits
        for _ in 0..<2 { _ = try target.perform(Self.listConversations(bystander)) } // 1 miss, 1 fresh hit
        _ = try target.perform(Operation(pattern: .createMessageNewConversation, conversation: 40 + 1, user: u, otherUser: other,
                                         messageLength: 8, sequence: 2))
        for _ in 0..<5 { _ = try target.perform(Self.listConversations(u)) }        // 5 stale hits
        for _ in 0..<2 { _ = try target.perform(Self.listConversations(bystander)) } // 2 fresh hits
        _ = try target.perform(Self.listConversations(other))                       // a miss: filled after the write
        _ = try target.perform(Self.listConversations(other))                       // fresh hit
        #expect(target.report().patterns[.listConversations] == .init(hits: 12, misses: 3, staleReads: 5))
        #expect(target.report().patterns[.listMessages] == .init(hits: 0, misses: 0, staleReads: 0))
    }

    /// D changes three partitions' pages: the conversation's messages and both participants' lists.
    @Test func invalidateDropsAllThreePagesADWriteChanges() throws {
        let target = try Self.make(.invalidate)
        let (a, b) = DatasetLayout(seed: Self.spec().seed, spec: Self.spec().dataset).participants(of: 5)
        for op in [Self.listMessages(5), Self.listConversations(a), Self.listConversations(b)] { _ = try target.perform(op) }
        _ = try target.perform(Self.reply(5, sequence: 3))
        #expect(target.report().invalidations == (a == b ? 2 : 3))
        for op in [Self.listMessages(5), Self.listConversations(a), Self.listConversations(b)] { _ = try target.perform(op) }
        let a2 = target.report().patterns
        #expect(a2[.listMessages]?.staleReads == 0 && a2[.listConversations]?.staleReads == 0)
        #expect(a2[.listMessages]?.misses == 2)
    }

    @Test func pageKeyTraceIDsAreDistinctAcrossPatternsAndPartitions() {
        var ids = Set<UInt64>()
        for p in [Pattern.listMessages, .listConversations] { for i in 0..<1000 { ids.insert(PageKey(pattern: p, partition: i, limit: 20).traceID) } }
        #expect(ids.count == 2000)
    }
}
