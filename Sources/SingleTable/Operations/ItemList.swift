/// The items of a Query or Scan page.
///
/// Pages of stored items are not decoded up front: each element is a reference to an immutable stored
/// record, decoded when read (`self[i]` builds the dictionary; `attribute(_:at:)` decodes one attribute).
/// Why: building 20 dictionaries costs about 20x the whole index walk of a newest-20 Query, and most
/// callers (the load generator, a cache storing the page) never read every attribute.
public struct ItemList: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
        case stored([StoredItem])
        case items([Item])
    }

    let storage: Storage

    init(stored: [StoredItem]) { storage = .stored(stored) }
    init(items: [Item]) { storage = .items(items) }
    public init() { storage = .items([]) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .stored(let s): s.count
        case .items(let i): i.count
        }
    }

    /// The whole item at `position` (decoded now).
    public subscript(position: Int) -> Item {
        switch storage {
        case .stored(let s): s[position].item
        case .items(let i): i[position]
        }
    }

    /// One attribute of the item at `position`, decoding only that attribute.
    public func attribute(_ name: String, at position: Int) -> AttributeValue? {
        switch storage {
        case .stored(let s): s[position].attribute(name)
        case .items(let i): i[position][name]
        }
    }

    /// Every item, decoded.
    public var materialized: [Item] { Array(self) }

    public static func == (lhs: ItemList, rhs: [Item]) -> Bool { lhs.elementsEqual(rhs) }
    public static func == (lhs: [Item], rhs: ItemList) -> Bool { lhs.elementsEqual(rhs) }
}
