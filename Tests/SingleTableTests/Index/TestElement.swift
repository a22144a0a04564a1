import Randomness
@testable import SingleTable

/// A tree element for tests: a key and a tag that tells replaced elements apart.
final class TestElement: BTreeElement, CustomStringConvertible {
    let key: [UInt8]
    let tag: Int

    init(_ key: [UInt8], tag: Int = 0) {
        self.key = key
        self.tag = tag
    }

    /// An element whose key is `value` as 4 big-endian bytes, so byte order is numeric order.
    convenience init(_ value: Int, tag: Int = 0) {
        self.init(testKey(value), tag: tag)
    }

    func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try key.withUnsafeBytes(body)
    }

    var description: String { "\(key)#\(tag)" }
}

/// `value` (0 ..< 2^32) as 4 big-endian bytes.
func testKey(_ value: Int) -> [UInt8] {
    [UInt8(truncatingIfNeeded: value >> 24), UInt8(truncatingIfNeeded: value >> 16),
     UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
}

/// The integer whose `testKey` is `key`.
func testValue(_ key: [UInt8]) -> Int {
    key.reduce(0) { $0 << 8 | Int($1) }
}

extension BTree where Element == TestElement {
    /// Keys in iteration order, decoded back to integers.
    var values: [Int] { map { testValue($0.key) } }

    /// Keys reported by a visit, stopping after `limit` elements.
    func visitedValues(from bound: BTreeBound, _ direction: BTreeDirection, limit: Int = .max) -> [Int] {
        var result: [Int] = []
        visit(from: bound, direction: direction) { element in
            result.append(testValue(element.key))
            return result.count < limit
        }
        return result
    }
}
