/// The `dataset:` section: the size and shape of the data loaded before a run.
public struct DatasetSpec: Sendable, Hashable {
    /// Number of users (≥ 2: a conversation needs two).
    public var users: Int
    /// Number of two-person conversations (≥ 1).
    public var conversations: Int
    /// Messages in each conversation (minimum ≥ 1, so every conversation has a last message).
    public var messagesPerConversation: SizeDistribution
    /// Message text length in bytes (dataset messages and messages written during the run).
    public var messageLength: SizeDistribution
    /// How conversations are spread across users: the distribution each participant is drawn from
    /// (rank 0 = the most active user).
    public var userActivity: DistributionSpec

    public init(
        users: Int = 1000, conversations: Int = 5000, messagesPerConversation: SizeDistribution = .uniform(min: 1, max: 20),
        messageLength: SizeDistribution = .uniform(min: 10, max: 200), userActivity: DistributionSpec = .uniform
    ) {
        self.users = users
        self.conversations = conversations
        self.messagesPerConversation = messagesPerConversation
        self.messageLength = messageLength
        self.userActivity = userActivity
    }
}
