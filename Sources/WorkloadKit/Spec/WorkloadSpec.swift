/// A parsed, validated workload file: what data to load, which operations to run and how to drive them.
/// See `Workloads/messaging-default.yaml` for the annotated format.
public struct WorkloadSpec: Sendable, Hashable {
    public var name: String
    public var description: String
    /// Seeds the dataset and every worker's operation stream.
    public var seed: UInt64
    /// The path it was read from ("" when built in code).
    public var file: String
    public var dataset: DatasetSpec
    public var mix: PatternMix
    public var keys: PatternKeys
    /// Limit of A (list_messages) and B (list_conversations).
    public var listMessagesLimit: Int
    public var listConversationsLimit: Int
    public var newConversationWrite: NewConversationWrite
    public var groupUpdate: GroupUpdate
    public var run: RunSpec
    /// "embedded" (default) or "null".
    public var target: String
    public var cache: CacheSpec?

    public init(
        name: String = "workload", description: String = "", seed: UInt64 = 1, file: String = "",
        dataset: DatasetSpec = DatasetSpec(), mix: PatternMix = PatternMix(listMessages: 1), keys: PatternKeys = PatternKeys(),
        listMessagesLimit: Int = 20, listConversationsLimit: Int = 20, newConversationWrite: NewConversationWrite = .transaction,
        groupUpdate: GroupUpdate = .inline, run: RunSpec = RunSpec(), target: String = "embedded", cache: CacheSpec? = nil
    ) {
        self.name = name
        self.description = description
        self.seed = seed
        self.file = file
        self.dataset = dataset
        self.mix = mix
        self.keys = keys
        self.listMessagesLimit = listMessagesLimit
        self.listConversationsLimit = listConversationsLimit
        self.newConversationWrite = newConversationWrite
        self.groupUpdate = groupUpdate
        self.run = run
        self.target = target
        self.cache = cache
    }

    /// Reads and validates a workload file (YAML or JSON).
    public static func load(path: String) throws(WorkloadError) -> WorkloadSpec {
        try WorkloadParser.load(path: path)
    }

    /// Parses workload text; `file` names it in errors.
    public static func parse(_ text: String, file: String = "<string>") throws(WorkloadError) -> WorkloadSpec {
        try WorkloadParser.parse(text: text, file: file)
    }

    /// A worker's deterministic operation stream: same seed + worker index → same operations.
    public func makeOperationSource(worker: Int, workers: Int) -> WorkloadOperationSource {
        WorkloadOperationSource(spec: self, worker: worker, workers: workers)
    }
}
