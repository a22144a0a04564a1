/// The relative weights of the four patterns (`mix:`); at least one is positive.
public struct PatternMix: Sendable, Hashable {
    /// Indexed by `Pattern.rawValue`.
    public var weights: [Double]

    public init(listMessages: Double = 0, listConversations: Double = 0, createMessageNewConversation: Double = 0, createMessageExistingConversation: Double = 0) {
        weights = [listMessages, listConversations, createMessageNewConversation, createMessageExistingConversation]
    }

    public subscript(pattern: Pattern) -> Double {
        get { weights[pattern.rawValue] }
        set { weights[pattern.rawValue] = newValue }
    }

    public var total: Double { weights.reduce(0, +) }
}

/// The key distribution each pattern draws from (`keys:`): conversations for A and D, users for B and C.
public struct PatternKeys: Sendable, Hashable {
    public var distributions: [DistributionSpec]

    public init(_ all: DistributionSpec = .uniform) {
        distributions = Array(repeating: all, count: Pattern.allCases.count)
    }

    public subscript(pattern: Pattern) -> DistributionSpec {
        get { distributions[pattern.rawValue] }
        set { distributions[pattern.rawValue] = newValue }
    }
}

/// How C writes its three items (`writes.new_conversation`).
public enum NewConversationWrite: String, Sendable, Hashable, CaseIterable {
    /// One TransactWriteItems: all or nothing.
    case transaction
    /// One BatchWriteItem: cheaper, not atomic.
    case batch
}

/// Who moves the two group items to a new last message in D (`writes.group_update`).
public enum GroupUpdate: String, Sendable, Hashable, CaseIterable {
    /// The writer itself queries the GSI and replaces both group items.
    case inline
    /// A trigger on the table's change stream does it, as Cruddur's stream Lambda does.
    case stream
}
