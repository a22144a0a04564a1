// TEMPORARY: stand-ins for Index/ (KeyEncoding, BTree) and Expressions/, which land from their branches.
// Deleted at merge.

enum KeyEncoding {
    static func encode(_ value: AttributeValue) -> [UInt8] {
        switch value {
        case .s(let s): return Array(s.utf8)
        case .b(let b): return b
        default: fatalError("pending")
        }
    }
    static func append(_ value: AttributeValue, to bytes: inout [UInt8]) {
        for b in encode(value) {
            if b == 0 { bytes.append(0); bytes.append(0xFF) } else { bytes.append(b) }
        }
        bytes.append(0); bytes.append(1)
    }
    static func decode(_ bytes: UnsafeRawBufferPointer, type: ScalarAttributeType) -> AttributeValue {
        switch type {
        case .s: return .s(String(decoding: bytes, as: UTF8.self))
        case .b: return .b(Array(bytes))
        case .n: fatalError("pending")
        }
    }
}

protocol BTreeElement: AnyObject {
    func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

enum BTreeBound { case unbounded, inclusive([UInt8]), exclusive([UInt8]) }
enum BTreeDirection { case forward, backward }

@inline(__always)
func compareKeys(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let n = min(a.count, b.count)
    if n > 0 {
        let c = memcmp(a.baseAddress!, b.baseAddress!, n)
        if c != 0 { return c < 0 ? -1 : 1 }
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

struct BTree<Element: BTreeElement>: Sequence {
    func makeIterator() -> IndexingIterator<ContiguousArray<Element>> { elements.makeIterator() }
    private var elements: ContiguousArray<Element> = []
    init() {}
    var count: Int { elements.count }
    var isEmpty: Bool { elements.isEmpty }
    var first: Element? { elements.first }
    var last: Element? { elements.last }

    private func lowerBound(_ key: UnsafeRawBufferPointer) -> Int {
        var lo = 0, hi = elements.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if elements[mid].withKeyBytes({ compareKeys($0, key) }) < 0 { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
    func find(_ key: UnsafeRawBufferPointer) -> Element? {
        let i = lowerBound(key)
        guard i < elements.count, elements[i].withKeyBytes({ compareKeys($0, key) }) == 0 else { return nil }
        return elements[i]
    }
    func find(_ key: [UInt8]) -> Element? { key.withUnsafeBytes { find($0) } }
    @discardableResult
    mutating func insert(_ element: Element) -> Element? {
        element.withKeyBytes { key in
            let i = lowerBound(key)
            if i < elements.count, elements[i].withKeyBytes({ compareKeys($0, key) }) == 0 {
                let old = elements[i]
                elements[i] = element
                return old
            }
            elements.insert(element, at: i)
            return nil
        }
    }
    @discardableResult
    mutating func remove(_ key: UnsafeRawBufferPointer) -> Element? {
        let i = lowerBound(key)
        guard i < elements.count, elements[i].withKeyBytes({ compareKeys($0, key) }) == 0 else { return nil }
        return elements.remove(at: i)
    }
    @discardableResult
    mutating func remove(_ key: [UInt8]) -> Element? { key.withUnsafeBytes { remove($0) } }
    func visit(from bound: BTreeBound, direction: BTreeDirection, _ body: (Element) -> Bool) {
        var i: Int
        switch (bound, direction) {
        case (.unbounded, .forward): i = 0
        case (.unbounded, .backward): i = elements.count - 1
        case (.inclusive(let k), .forward): i = k.withUnsafeBytes { lowerBound($0) }
        case (.exclusive(let k), .forward):
            i = k.withUnsafeBytes { lowerBound($0) }
            if i < elements.count, elements[i].withKeyBytes({ b in k.withUnsafeBytes { compareKeys(b, $0) } }) == 0 { i += 1 }
        case (.inclusive(let k), .backward):
            i = k.withUnsafeBytes { lowerBound($0) }
            if !(i < elements.count && elements[i].withKeyBytes({ b in k.withUnsafeBytes { compareKeys(b, $0) } }) == 0) { i -= 1 }
        case (.exclusive(let k), .backward): i = k.withUnsafeBytes { lowerBound($0) } - 1
        }
        if direction == .forward {
            while i < elements.count { if !body(elements[i]) { return }; i += 1 }
        } else {
            while i >= 0 { if !body(elements[i]) { return }; i -= 1 }
        }
    }
}

protocol AttributeReader { func attribute(_ name: String) -> AttributeValue? }
extension Dictionary: AttributeReader where Key == String, Value == AttributeValue {
    func attribute(_ name: String) -> AttributeValue? { self[name] }
}

enum ExpressionKind { case condition, filter, keyCondition, update, projection }

struct ExpressionAttributes {
    init(names: [String: String]?, values: [String: AttributeValue]?) {}
    func checkAllUsed() throws(DynamoDBError) {}
}

struct ConditionExpression {
    static func parse(_ text: String, kind: ExpressionKind, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Self { fatalError("pending") }
    func evaluate(_ item: some AttributeReader) -> Bool { fatalError("pending") }
}

struct UpdateExpression {
    static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Self { fatalError("pending") }
    func apply(to item: inout Item, keyAttributes: [String]) throws(DynamoDBError) -> Set<String> { fatalError("pending") }
}

struct ProjectionExpression {
    static func parse(_ text: String, attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Self { fatalError("pending") }
    func project(_ item: some AttributeReader) -> Item { fatalError("pending") }
    var topLevelNames: [String] { [] }
}

struct KeyCondition {
    enum SortKeyCondition {
        case equal(AttributeValue), lessThan(AttributeValue), lessThanOrEqual(AttributeValue), greaterThan(AttributeValue)
        case greaterThanOrEqual(AttributeValue), between(AttributeValue, AttributeValue), beginsWith(AttributeValue)
    }
    var partitionValue: AttributeValue
    var sortKey: SortKeyCondition?
    static func parse(_ text: String, partitionKey: String, sortKey: String?, keyTypes: [String: ScalarAttributeType], attributes: inout ExpressionAttributes) throws(DynamoDBError) -> Self { fatalError("pending") }
}

#if canImport(Glibc)
import Glibc
#endif
extension UpdateExpression { static var empty: UpdateExpression { fatalError("pending") } }
