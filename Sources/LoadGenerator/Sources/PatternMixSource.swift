import WorkloadKit

/// A built-in operation source: patterns drawn by weight, keys uniform over a fixed key space.
///
/// It stands in for a workload file's source when none is given (`stbench run --target null`) and in
/// tests. Deterministic from (seed, worker): same pair, same operations.
public struct PatternMixSource: OperationSource, Sendable {
    /// Cumulative weights, one per pattern in `Pattern.allCases` order.
    @usableFromInline let cumulative: [UInt64]
    @usableFromInline let users: Int
    @usableFromInline let conversations: Int
    @usableFromInline var rng: SplitMix64
    @usableFromInline var sequence: UInt64

    /// The default mix: mostly reads, some writes (A 50, B 30, C 5, D 15).
    public static let defaultWeights: [Pattern: UInt64] = [
        .listMessages: 50, .listConversations: 30, .createMessageNewConversation: 5, .createMessageExistingConversation: 15,
    ]

    public init(seed: UInt64, worker: Int, weights: [Pattern: UInt64] = PatternMixSource.defaultWeights, users: Int = 1000, conversations: Int = 5000) {
        precondition(weights.values.reduce(0, +) > 0, "PatternMixSource: the pattern weights must not all be zero")
        precondition(users > 1 && conversations > 0, "PatternMixSource: need at least 2 users and 1 conversation")
        var running: UInt64 = 0
        cumulative = Pattern.allCases.map { pattern in
            running += weights[pattern] ?? 0
            return running
        }
        self.users = users
        self.conversations = conversations
        rng = SplitMix64(seed: seed, stream: worker)
        // Sequences are unique across workers: the worker index lives in the top bits.
        sequence = UInt64(worker) << 40
    }

    @inlinable
    public mutating func next() -> Operation {
        let draw = rng.next(below: cumulative[cumulative.count - 1])
        var index = 0
        while draw >= cumulative[index] { index += 1 }
        let user = Int(rng.next(below: UInt64(users)))
        sequence &+= 1
        return Operation(
            pattern: Pattern(rawValue: index)!,
            conversation: Int(rng.next(below: UInt64(conversations))),
            user: user,
            otherUser: (user + 1) % users,
            limit: 20,
            messageLength: 64,
            sequence: sequence
        )
    }
}
