import Testing
@testable import WorkloadKit

@Suite struct OperationSourceTests {
    static var spec: WorkloadSpec {
        var s = WorkloadSpec(seed: 11, dataset: DatasetSpec(users: 100, conversations: 300),
                             mix: PatternMix(listMessages: 60, listConversations: 30, createMessageNewConversation: 2, createMessageExistingConversation: 8))
        s.keys[.listMessages] = .zipfian(theta: 0.9)
        s.listMessagesLimit = 15
        s.listConversationsLimit = 7
        return s
    }

    @Test func mixProportionsWithinBounds() {
        var source = Self.spec.makeOperationSource(worker: 0, workers: 1)
        var counts = [0, 0, 0, 0]
        let n = 100_000
        for _ in 0..<n { counts[source.next().pattern.rawValue] += 1 }
        // Binomial σ ≤ √(n · 0.25) ≈ 158 ops; allow ±1 % of n (over 6σ).
        for (count, weight) in zip(counts, [0.6, 0.3, 0.02, 0.08]) {
            #expect(abs(Double(count) / Double(n) - weight) < 0.01)
        }
    }

    @Test func operationsAreWellFormed() {
        let spec = Self.spec
        let layout = DatasetLayout(seed: spec.seed, spec: spec.dataset)
        var sequences = Set<UInt64>()
        for worker in 0..<3 {
            var source = spec.makeOperationSource(worker: worker, workers: 3)
            for _ in 0..<5000 {
                let op = source.next()
                #expect(sequences.insert(op.sequence).inserted, "sequence \(op.sequence) repeated")
                #expect(Int(op.sequence) % 3 == worker)
                switch op.pattern {
                case .listMessages:
                    #expect(op.limit == 15 && (0..<300).contains(op.conversation))
                case .listConversations:
                    #expect(op.limit == 7 && (0..<100).contains(op.user))
                case .createMessageNewConversation:
                    #expect(op.conversation == 300 + Int(op.sequence))
                    #expect(op.user != op.otherUser && (0..<100).contains(op.user) && (0..<100).contains(op.otherUser))
                    #expect((10...200).contains(op.messageLength))
                case .createMessageExistingConversation:
                    #expect((0..<300).contains(op.conversation))
                    let (a, b) = layout.participants(of: op.conversation)
                    #expect(Set([op.user, op.otherUser]) == Set([a, b]))
                }
            }
        }
    }

    @Test func workersDiffer() {
        var a = Self.spec.makeOperationSource(worker: 0, workers: 2)
        var b = Self.spec.makeOperationSource(worker: 1, workers: 2)
        let xs = (0..<50).map { _ in a.next() }.map { "\($0.pattern)\($0.conversation)\($0.user)" }
        let ys = (0..<50).map { _ in b.next() }.map { "\($0.pattern)\($0.conversation)\($0.user)" }
        #expect(xs != ys)
    }

    @Test func recordedSourceReplaysTheLiveStreamInOrder() {
        let live = Self.spec.makeOperationSource(worker: 1, workers: 2)
        var recorded = RecordedOperationSource(recording: live, count: 40)
        var again = live  // the recording copied the source: this one still starts at the beginning
        #expect(recorded.operations.count == 40)
        for _ in 0..<40 {
            let a = again.next(), b = recorded.next()
            #expect(a.pattern == b.pattern && a.sequence == b.sequence && a.conversation == b.conversation
                    && a.user == b.user && a.otherUser == b.otherUser && a.limit == b.limit && a.messageLength == b.messageLength)
        }
    }
}
