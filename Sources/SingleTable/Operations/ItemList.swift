/// The items of a Query or Scan page.
///
/// Pages of stored items are not decoded up front: each element is a reference to an immutable stored
/// record, decoded when read (`self[i]` builds the dictionary; `attribute(_:at:)` decodes one attribute).
/// Why: building 20 dictionaries costs about 20x the whole index walk of a newest-20 Query, and most
/// callers (the load generator, a cache storing the page) never read every attribute.
public struct ItemList: RandomAccessCollection, Sendable {
    /// Unchecked: `ItemRecord` (a ManagedBuffer subclass) cannot declare Sendable itself, but records are
    /// immutable once stored (see `ItemRecord`), as `StoredItem` already relies on.
    enum Storage: @unchecked Sendable {
        case stored([StoredItem])
        /// Records of one partition (a table Query's page): one reference per item where `stored` holds
        /// two (record and partition context), so collecting and releasing a newest-20 page does 20 atomic
        /// reference-count updates fewer each way (callgrind, smoke newest-20 Query through the workload
        /// target: list_messages 7.16k -> 6.74k instructions per operation, list_conversations 6.94k -> 6.61k).
        case records(PartitionContext, [ItemRecord])
        case items([Item])
    }

    let storage: Storage

    init(stored: [StoredItem]) { storage = .stored(stored) }
    init(records: [ItemRecord], context: PartitionContext) { storage = .records(context, records) }
    init(items: [Item]) { storage = .items(items) }
    public init() { storage = .items([]) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .stored(let s): s.count
        case .records(_, let r): r.count
        case .items(let i): i.count
        }
    }

    /// The whole item at `position` (decoded now).
    public subscript(position: Int) -> Item {
        switch storage {
        case .stored(let s): s[position].item
        case .records(let context, let r): StoredItem(record: r[position], context: context).item
        case .items(let i): i[position]
        }
    }

    /// One attribute of the item at `position`, decoding only that attribute.
    public func attribute(_ name: String, at position: Int) -> AttributeValue? {
        switch storage {
        case .stored(let s): s[position].attribute(name)
        case .records(let context, let r): StoredItem(record: r[position], context: context).attribute(name)
        case .items(let i): i[position][name]
        }
    }

    /// Every item, decoded.
    public var materialized: [Item] { Array(self) }

    public static func == (lhs: ItemList, rhs: [Item]) -> Bool { lhs.elementsEqual(rhs) }
    public static func == (lhs: [Item], rhs: ItemList) -> Bool { lhs.elementsEqual(rhs) }
}
