/// A range of encoded keys in one B-tree, built from a Query's sort-key condition.
///
/// Table trees key items by the sort key's plain encoding; index trees by a composite, self-delimiting
/// encoding (index sort key ‖ table keys) in which every entry whose index sort key equals `v` starts
/// with `P = enc(v)` (ending 0x00 0x01), and `P'` (the same ending 0x00 0x02) sorts after all of them
/// and before every larger value.
struct KeyRange {
    var lower: BTreeBound = .unbounded
    var upper: BTreeBound = .unbounded
    /// Every key in the range starts with these bytes (begins_with).
    var prefix: [UInt8]? = nil

    init() {}

    init(_ condition: KeyCondition.SortKeyCondition?, composite: Bool) {
        guard let condition else { return }
        func exact(_ v: AttributeValue) -> [UInt8] {
            if composite {
                var bytes: [UInt8] = []
                KeyEncoding.append(v, to: &bytes)
                return bytes
            }
            return KeyEncoding.encode(v)
        }
        func after(_ v: AttributeValue) -> [UInt8] {
            var bytes = exact(v)
            bytes[bytes.count - 1] += 1
            return bytes
        }
        switch condition {
        case .equal(let v):
            if composite { lower = .inclusive(exact(v)); upper = .exclusive(after(v)) } else { lower = .inclusive(exact(v)); upper = .inclusive(exact(v)) }
        case .lessThan(let v): upper = .exclusive(exact(v))
        case .lessThanOrEqual(let v): upper = composite ? .exclusive(after(v)) : .inclusive(exact(v))
        case .greaterThan(let v): lower = composite ? .inclusive(after(v)) : .exclusive(exact(v))
        case .greaterThanOrEqual(let v): lower = .inclusive(exact(v))
        case .between(let a, let b):
            lower = .inclusive(exact(a))
            upper = composite ? .exclusive(after(b)) : .inclusive(exact(b))
        case .beginsWith(let v):
            var p = exact(v)
            if composite { p.removeLast(2) }
            lower = .inclusive(p)
            prefix = p
            if let successor = KeyRange.prefixSuccessor(p) { upper = .exclusive(successor) }
        }
    }

    /// The smallest byte string greater than every string starting with `prefix` (nil: none exists).
    static func prefixSuccessor(_ prefix: [UInt8]) -> [UInt8]? {
        var bytes = prefix
        while let last = bytes.last, last == 0xFF { bytes.removeLast() }
        guard !bytes.isEmpty else { return nil }
        bytes[bytes.count - 1] += 1
        return bytes
    }

    /// Whether `key` is at or below the upper bound.
    @inline(__always)
    func belowUpper(_ key: UnsafeRawBufferPointer) -> Bool {
        switch upper {
        case .unbounded: return true
        case .inclusive(let k): return k.withUnsafeBytes { compareKeyBytes(key, $0) <= 0 }
        case .exclusive(let k): return k.withUnsafeBytes { compareKeyBytes(key, $0) < 0 }
        }
    }

    /// Whether `key` is at or above the lower bound.
    @inline(__always)
    func aboveLower(_ key: UnsafeRawBufferPointer) -> Bool {
        switch lower {
        case .unbounded: return true
        case .inclusive(let k): return k.withUnsafeBytes { compareKeyBytes(key, $0) >= 0 }
        case .exclusive(let k): return k.withUnsafeBytes { compareKeyBytes(key, $0) > 0 }
        }
    }

    @inline(__always)
    func contains(_ key: UnsafeRawBufferPointer) -> Bool {
        aboveLower(key) && belowUpper(key)
    }

    /// Where a walk starts: the bound on the side it starts from, or just past an exclusive start key.
    func start(direction: BTreeDirection, after startKey: [UInt8]?) -> BTreeBound {
        if let startKey { return .exclusive(startKey) }
        return direction == .forward ? lower : upper
    }

    var isEmpty: Bool {
        switch (lower, upper) {
        case let (.inclusive(a), .inclusive(b)): return compareKeys(a, b) > 0
        case let (.inclusive(a), .exclusive(b)), let (.exclusive(a), .inclusive(b)), let (.exclusive(a), .exclusive(b)):
            return compareKeys(a, b) >= 0
        default: return false
        }
    }
}

@inline(__always)
func compareKeys(_ a: [UInt8], _ b: [UInt8]) -> Int {
    a.withUnsafeBytes { x in b.withUnsafeBytes { y in compareKeyBytes(x, y) } }
}
