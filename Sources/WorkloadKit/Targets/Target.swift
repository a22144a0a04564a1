/// The contract between the load generator and what it drives.
///
/// The load generator knows nothing of the engine: it asks an `OperationSource` for the next fully chosen
/// `Operation` (keys and payload picked before the clock starts), hands it to a `Target`, and times the call.
/// Targets: the embedded engine, the engine behind a read-aside cache, SQLite, and the self-test targets.

/// The four access patterns of the direct-messaging feature.
public enum Pattern: Int, CaseIterable, Sendable, Hashable, Comparable {
    /// A: list a conversation's messages, newest first.
    case listMessages = 0
    /// B: list a user's conversations, newest first.
    case listConversations = 1
    /// C: create a message in a new conversation (two group items and the message).
    case createMessageNewConversation = 2
    /// D: create a message in an existing conversation and move both group items to it.
    case createMessageExistingConversation = 3

    /// The name used in workload files and results.
    public var name: String {
        switch self {
        case .listMessages: "list_messages"
        case .listConversations: "list_conversations"
        case .createMessageNewConversation: "create_message_new_conversation"
        case .createMessageExistingConversation: "create_message_existing_conversation"
        }
    }

    public init?(name: String) {
        guard let match = Pattern.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }

    public static func < (a: Pattern, b: Pattern) -> Bool { a.rawValue < b.rawValue }
}

/// One operation, fully chosen before it is timed. Indices refer to the dataset (users and conversations
/// are numbered 0..<count); new conversations get indices past the dataset's.
public struct Operation: Sendable {
    public var pattern: Pattern
    /// A: the conversation; C and D: the conversation written to.
    public var conversation: Int
    /// B: the user whose conversations are listed; C and D: the sender.
    public var user: Int
    /// C: the other participant.
    public var otherUser: Int
    /// A and B: the page size (Limit).
    public var limit: Int
    /// C and D: the message text length in bytes.
    public var messageLength: Int
    /// C and D: a per-operation unique number (message ids and timestamps derive from it without formatting UUIDs).
    public var sequence: UInt64

    public init(pattern: Pattern, conversation: Int = 0, user: Int = 0, otherUser: Int = 0, limit: Int = 0, messageLength: Int = 0, sequence: UInt64 = 0) {
        self.pattern = pattern
        self.conversation = conversation
        self.user = user
        self.otherUser = otherUser
        self.limit = limit
        self.messageLength = messageLength
        self.sequence = sequence
    }
}

/// An error a target reports for one operation; counted per pattern under `name`, never dropped.
public struct TargetError: Error, Sendable, Hashable {
    /// E.g. "ValidationException", "ConditionalCheckFailedException", "TransactionCanceledException".
    public var name: String
    public var message: String
    public init(name: String, message: String) {
        self.name = name
        self.message = message
    }
}

/// Something the load generator drives. Called from several worker threads at once.
public protocol Target: AnyObject, Sendable {
    /// Short name for results: "embedded", "embedded+cache", "sqlite", "null".
    var name: String { get }
    /// Performs one operation. Returns how many items it read or wrote (a cheap sanity figure).
    func perform(_ operation: Operation) throws(TargetError) -> Int
}

/// Produces one worker's operations: deterministic from the seed and the worker index.
public protocol OperationSource {
    mutating func next() -> Operation
}
