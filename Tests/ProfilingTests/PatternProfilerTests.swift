import Testing
import SingleTable
import WorkloadKit
@testable import Profiling

/// `PatternProfiler` against the real engine. Runs serially: B-tree counting is process-wide.
@Suite(.serialized) struct PatternProfilerTests {
    /// At most 5 messages per conversation and 2 conversations per user on average: every partition's
    /// B-tree is a single leaf (node capacity 128), so each tree walk visits exactly one node.
    static func spec() -> WorkloadSpec {
        WorkloadSpec(seed: 7, dataset: DatasetSpec(users: 30, conversations: 60, messagesPerConversation: .uniform(min: 1, max: 5),
                                                   messageLength: .uniform(min: 5, max: 30), userActivity: .uniform),
                     mix: PatternMix(listMessages: 1), newConversationWrite: .transaction, groupUpdate: .inline)
    }

    @Test func listMessagesVisitsOneLeafTwicePerQueryWithoutComparisons() throws {
        var profiler = try PatternProfiler(spec: Self.spec(), pattern: .listMessages)
        let operations = profiler.operations(200)
        #expect(operations.allSatisfy { $0.pattern == .listMessages })
        let profile = try profiler.measure(operations)
        #expect(profile.operations == 200)
        #expect(profile.nanoseconds.count == 200)
        // Query reads each page twice for page sizes <= 64 (a prefetch pass, then the collecting pass),
        // each walk one single-leaf tree from the unbounded end: two nodes, no key comparison.
        #expect(profile.nodesVisited == 2 * 200)
        #expect(profile.keyComparisons == 0)
        // 1...5 messages per conversation, page size above 5: each query returns 1 to 5 items.
        #expect(profile.items >= 200 && profile.items <= 5 * 200)
        #expect(!BTreeProfiling.isEnabled)
    }

    @Test(arguments: [Pattern.createMessageNewConversation, .createMessageExistingConversation])
    func writesAllocateAndCompareKeys(_ pattern: Pattern) throws {
        var profiler = try PatternProfiler(spec: Self.spec(), pattern: pattern)
        let operations = profiler.operations(100)
        #expect(operations.allSatisfy { $0.pattern == pattern })
        let profile = try profiler.measure(operations)
        // C writes three items per operation; D one message plus two moved group items (delete + put each).
        #expect(profile.items >= 3 * 100)
        // Every write builds new items (attribute dictionaries, strings): at least one allocation each.
        #expect(profile.allocatedBytes > 0)
        if let allocations = profile.allocations { #expect(allocations >= 100) }
        // At least one node per operation: C's transaction plans (looks up) each of its puts; D's GSI query
        // visits the conversation's index partition.
        #expect((profile.nodesVisited ?? 0) >= 100)
        if pattern == .createMessageNewConversation {
            #expect((profile.keyComparisons ?? 0) > 0)
        } else {
            // D's puts and deletes are unconditional, so they are planned blind (`Table.plansBlind`): no
            // look-ahead search, the tree's own insert or remove finds the old item. The query compares no keys.
            #expect(profile.keyComparisons == 0)
        }
    }

    @Test func countingOffLeavesTreeCountersOut() throws {
        var profiler = try PatternProfiler(spec: Self.spec(), pattern: .listConversations)
        let profile = try profiler.measure(profiler.operations(50), countTreeWork: false)
        #expect(profile.nodesVisited == nil && profile.keyComparisons == nil)
        #expect(BTreeProfiling.nodesVisited == 0)
    }

    @Test func nearestRankQuantiles() {
        let profile = PatternProfile(pattern: .listMessages, operations: 4, items: 0, nanoseconds: [40, 10, 30, 20],
                                     allocatedBytes: 8, allocations: 2, nodesVisited: 4, keyComparisons: 0)
        #expect(profile.nanoseconds(atQuantile: 0.5) == 20)
        #expect(profile.nanoseconds(atQuantile: 0.99) == 40)
        #expect(profile.meanNanoseconds == 25)
        #expect(profile.bytesPerOperation == 2)
        #expect(profile.allocationsPerOperation == 0.5)
    }
}
