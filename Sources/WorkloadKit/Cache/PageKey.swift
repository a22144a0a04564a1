/// The identity of one cached Query page: which read (A or B), whose partition, and the page size.
///
/// Why not a String such as "MSG#<uuid>|desc|20": building it would allocate on every operation. The
/// dataset numbers users and conversations, so three integers name the page exactly (the direction is
/// always newest first and there is no start key in the reference workload).
public struct PageKey: Hashable, Sendable {
    /// `Pattern.listMessages` (partition = conversation) or `.listConversations` (partition = user).
    public var pattern: Pattern
    public var partition: Int
    public var limit: Int

    public init(pattern: Pattern, partition: Int, limit: Int) {
        self.pattern = pattern
        self.partition = partition
        self.limit = limit
    }

    /// A stable 64-bit id for traces (the same across runs and processes, unlike `hashValue`).
    public var traceID: UInt64 {
        var x = UInt64(truncatingIfNeeded: partition) &* 0x9E37_79B9_7F4A_7C15
        x ^= UInt64(pattern.rawValue) << 56 ^ UInt64(truncatingIfNeeded: limit) << 40
        x ^= x >> 31
        x &*= 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 29)
    }
}
