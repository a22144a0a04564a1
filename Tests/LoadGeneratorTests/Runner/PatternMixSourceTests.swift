import Testing
@testable import LoadGenerator
import WorkloadKit

struct PatternMixSourceTests {
    func operations(seed: UInt64, worker: Int, weights: [Pattern: UInt64] = PatternMixSource.defaultWeights, count: Int = 200) -> [Operation] {
        var source = PatternMixSource(seed: seed, worker: worker, weights: weights)
        return (0..<count).map { _ in source.next() }
    }

    @Test func sameSeedAndWorkerGiveTheSameOperations() {
        let a = operations(seed: 5, worker: 1).map { [$0.pattern.rawValue, $0.user, $0.conversation] }
        let b = operations(seed: 5, worker: 1).map { [$0.pattern.rawValue, $0.user, $0.conversation] }
        let otherWorker = operations(seed: 5, worker: 2).map { [$0.pattern.rawValue, $0.user, $0.conversation] }
        #expect(a == b)
        #expect(a != otherWorker)
    }

    @Test func zeroWeightPatternsNeverAppear() {
        let only = operations(seed: 1, worker: 0, weights: [.listConversations: 3, .createMessageExistingConversation: 1])
        #expect(Set(only.map(\.pattern)) == [.listConversations, .createMessageExistingConversation])
    }

    @Test func sequencesAreUniqueAcrossWorkers() {
        let sequences = operations(seed: 1, worker: 0).map(\.sequence) + operations(seed: 1, worker: 1).map(\.sequence)
        #expect(Set(sequences).count == sequences.count)
    }
}
