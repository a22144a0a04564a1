/// The shape of the generated dataset, computable per conversation in O(1) from (seed, index):
/// participants, message count and the time of the last message. The dataset generator, the operation
/// sources (which need a conversation's participants for D) and tests all derive the same answers
/// without sharing any table.
///
/// Time: the dataset ends at `datasetEnd` (2026-11-21T00:00:00Z); every dataset message is before it and
/// every message written during a run is after it, so new messages are always the newest.
public struct DatasetLayout: Sendable {
    static let userDomain: UInt64 = 1
    static let conversationDomain: UInt64 = 2
    static let conversationIDDomain: UInt64 = 3
    static let runMessageDomain: UInt64 = 4

    /// 2026-11-21T00:00:00Z in microseconds since the Unix epoch.
    public static let datasetEnd: Int64 = 1_795_219_200 * 1_000_000
    /// Run writes start one second after the dataset's end; operation `sequence` s is at runStart + s µs.
    public static let runStart: Int64 = datasetEnd + 1_000_000
    /// Last messages fall within the 30 days before `datasetEnd`.
    static let lastMessageWindow: Int64 = 30 * 86_400 * 1_000_000
    /// Gap between consecutive messages of a conversation: 1 µs ... 2 h.
    static let maximumGap: UInt64 = 2 * 3600 * 1_000_000

    public let seed: UInt64
    public let spec: DatasetSpec
    let activity: KeyChooser

    public init(seed: UInt64, spec: DatasetSpec) {
        self.seed = seed
        self.spec = spec
        activity = spec.userActivity.bind(count: spec.users)
    }

    /// Per-conversation generator: participants first, then count, last time, then the messages.
    func conversationRNG(_ conversation: Int) -> Xoshiro256StarStar {
        Xoshiro256StarStar(seed: SplitMix64.mix(seed: seed, domain: DatasetLayout.conversationDomain, index: UInt64(conversation)))
    }

    /// Draws the two distinct participants (first, second) from the activity distribution.
    func drawParticipants(using rng: inout Xoshiro256StarStar) -> (Int, Int) {
        let a = Int(activity.next(using: &rng))
        for _ in 0..<32 {
            let b = Int(activity.next(using: &rng))
            if b != a { return (a, b) }
        }
        // Extremely skewed activity over few users: fall back to a neighbour.
        return (a, (a + 1) % spec.users)
    }

    /// The two users of dataset conversation `conversation`.
    public func participants(of conversation: Int) -> (Int, Int) {
        var rng = conversationRNG(conversation)
        return drawParticipants(using: &rng)
    }

    /// The conversation's message-group uuid; defined for any index, including conversations created
    /// during a run (indices ≥ `spec.conversations`).
    public func conversationUUID(_ conversation: Int) -> String {
        var rng = SplitMix64(seed: SplitMix64.mix(seed: seed, domain: DatasetLayout.conversationIDDomain, index: UInt64(conversation)))
        return UUIDText.random(using: &rng)
    }

    /// The uuid of the message written by the run operation with this sequence number.
    public func runMessageUUID(sequence: UInt64) -> String {
        var rng = SplitMix64(seed: SplitMix64.mix(seed: seed, domain: DatasetLayout.runMessageDomain, index: sequence))
        return UUIDText.random(using: &rng)
    }

    /// created_at of the message written by the run operation with this sequence number.
    public static func runTimestamp(sequence: UInt64) -> Int64 {
        runStart + Int64(sequence)
    }
}
