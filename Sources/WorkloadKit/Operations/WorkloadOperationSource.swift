/// One worker's stream of operations, drawn from a workload's mix and key distributions; the same
/// (spec, worker, workers) always yields the same operations.
///
/// - Sequence numbers are `counter × workers + worker`: unique across the run's workers, so the message
///   uuids and timestamps the target derives from them never collide. Create one source per worker for a
///   whole run (warmup included); two sources with the same worker index repeat each other's sequences.
/// - C (new conversation) uses conversation index `dataset conversations + sequence`: disjoint per worker.
/// - D writes to dataset conversations only: a conversation created by C may not have been performed yet
///   when a later D is drawn (open loop, concurrency > 1), so using it would not be deterministic.
public struct WorkloadOperationSource: OperationSource {
    public let worker: Int
    public let workers: Int
    var rng: Xoshiro256StarStar
    var counter: UInt64 = 0
    /// Cumulative weights of A, B, C (D is the rest), divided by the total.
    let thresholdA: Double, thresholdB: Double, thresholdC: Double
    let keysA: KeyChooser, keysB: KeyChooser, keysC: KeyChooser, keysD: KeyChooser
    let layout: DatasetLayout
    let messageLength: SizeDistribution
    let limitA: Int, limitB: Int

    public init(spec: WorkloadSpec, worker: Int, workers: Int) {
        precondition(workers >= 1 && worker >= 0 && worker < workers, "WorkloadOperationSource: worker \(worker) not in 0..<\(workers)")
        self.worker = worker
        self.workers = workers
        rng = Xoshiro256StarStar(seed: spec.seed, stream: UInt64(worker) &+ 1)
        let total = spec.mix.total
        precondition(total > 0, "WorkloadOperationSource: the mix has no positive weight")
        thresholdA = spec.mix[.listMessages] / total
        thresholdB = (spec.mix[.listMessages] + spec.mix[.listConversations]) / total
        thresholdC = (spec.mix[.listMessages] + spec.mix[.listConversations] + spec.mix[.createMessageNewConversation]) / total
        let d = spec.dataset
        keysA = spec.keys[.listMessages].bind(count: d.conversations)
        keysB = spec.keys[.listConversations].bind(count: d.users)
        keysC = spec.keys[.createMessageNewConversation].bind(count: d.users)
        keysD = spec.keys[.createMessageExistingConversation].bind(count: d.conversations)
        layout = DatasetLayout(seed: spec.seed, spec: d)
        messageLength = d.messageLength
        limitA = spec.listMessagesLimit
        limitB = spec.listConversationsLimit
    }

    public mutating func next() -> Operation {
        let sequence = counter &* UInt64(workers) &+ UInt64(worker)
        counter &+= 1
        let u = rng.nextUnitDouble()
        if u < thresholdA {
            return Operation(pattern: .listMessages, conversation: Int(keysA.next(using: &rng)), limit: limitA, sequence: sequence)
        }
        if u < thresholdB {
            return Operation(pattern: .listConversations, user: Int(keysB.next(using: &rng)), limit: limitB, sequence: sequence)
        }
        let length = messageLength.next(using: &rng)
        if u < thresholdC {
            let sender = Int(keysC.next(using: &rng))
            var other = sender
            for _ in 0..<32 where other == sender { other = Int(keysC.next(using: &rng)) }
            if other == sender { other = (sender + 1) % layout.spec.users }
            return Operation(pattern: .createMessageNewConversation, conversation: layout.spec.conversations + Int(sequence),
                             user: sender, otherUser: other, messageLength: length, sequence: sequence)
        }
        let conversation = Int(keysD.next(using: &rng))
        let (a, b) = layout.participants(of: conversation)
        let sender = rng.next() & 1 == 0 ? a : b
        return Operation(pattern: .createMessageExistingConversation, conversation: conversation, user: sender,
                         otherUser: sender == a ? b : a, messageLength: length, sequence: sequence)
    }
}
