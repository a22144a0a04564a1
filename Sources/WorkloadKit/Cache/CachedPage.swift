import SingleTable

/// What the read-aside cache keeps for one Query page: the engine's `ItemList` as it is (references to
/// immutable stored records, so keeping it is cheap) and the page's DynamoDB size, measured once at fill.
public struct CachedPage: Sendable {
    public var items: ItemList
    /// DynamoDB item sizes summed (attribute names + values); feeds byte capacity and the memory figure.
    public var bytes: Int

    public init(items: ItemList) {
        self.items = items
        var bytes = 0
        for item in items {
            for (name, value) in item { bytes += name.utf8.count + value.sizeInBytes }
        }
        self.bytes = bytes
    }
}
