#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Equality and order of values as expressions evaluate them, with fast paths for strings and numbers.
///
/// `AttributeValue ==` and `compare(to:)` walk `String.UTF8View` byte by byte through iterators; for
/// filters evaluated on every scanned item that was the largest cost measured (13% of a filter benchmark,
/// perf, release build). Here strings are compared on their contiguous UTF-8 storage with `memcmp`, with
/// the same result: equality and order by unsigned bytes.
enum ValueOrder {
    @inline(__always)
    static func equal(_ a: AttributeValue, _ b: AttributeValue) -> Bool {
        if case .s(let x) = a, case .s(let y) = b { return compare(x, y) == 0 }
        return a == b
    }

    /// -1, 0 or 1 for S, B and N values of one type; nil for anything else (not ordered).
    @inline(__always)
    static func order(_ a: AttributeValue, _ b: AttributeValue) -> Int? {
        switch (a, b) {
        case let (.s(x), .s(y)): return compare(x, y)
        case let (.b(x), .b(y)):
            return x.withUnsafeBufferPointer { px in y.withUnsafeBufferPointer { py in compare(px, py) } }
        case let (.n(x), .n(y)): return compare(x, y)
        default: return nil
        }
    }

    /// Numeric order without allocating. (`Number <` builds digit arrays for numbers with the same
    /// leading position: two allocations per comparison, measured with jemalloc's thread.allocated.)
    /// Two coefficients of at most 38 digits are aligned by scaling the shorter one up to the longer
    /// one's digit count, which stays within 38 digits and so within UInt128.
    static func compare(_ a: Number, _ b: Number) -> Int {
        if a.negative != b.negative { return a.negative ? -1 : 1 }
        if a.isZero || b.isZero {
            if a.isZero && b.isZero { return 0 }
            return a.isZero ? -1 : 1  // signs are equal and zero is non-negative: the other is positive
        }
        let magnitude = compareMagnitude(a, b)
        return a.negative ? -magnitude : magnitude
    }

    private static func compareMagnitude(_ a: Number, _ b: Number) -> Int {
        let da = Number.digitCount(a.coefficient), db = Number.digitCount(b.coefficient)
        let ea = a.exponent + Int32(da), eb = b.exponent + Int32(db)
        if ea != eb { return ea < eb ? -1 : 1 }
        var ca = a.coefficient, cb = b.coefficient
        for _ in da..<max(da, db) { ca *= 10 }
        for _ in db..<max(da, db) { cb *= 10 }
        return ca == cb ? 0 : (ca < cb ? -1 : 1)
    }

    /// Byte order of two strings' UTF-8. `withUTF8` needs a mutable copy but does not copy native or
    /// small strings' bytes, so this does not allocate.
    @inline(__always)
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a, b = b
        return a.withUTF8 { pa in b.withUTF8 { pb in compare(pa, pb) } }
    }

    @inline(__always)
    static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let common = min(a.count, b.count)
        if common > 0 {
            let c = memcmp(a.baseAddress!, b.baseAddress!, common)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    /// Whether `needle`'s bytes occur in `haystack`'s (an empty needle always does).
    static func containsBytes(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = needle.count
        if n == 0 { return true }
        if n > haystack.count { return false }
        let first = needle[0]
        var start = 0
        while start + n <= haystack.count {
            if haystack[start] == first, memcmp(haystack.baseAddress! + start, needle.baseAddress!, n) == 0 { return true }
            start += 1
        }
        return false
    }

    static func contains(_ haystack: String, _ needle: String) -> Bool {
        var h = haystack, n = needle
        return h.withUTF8 { ph in n.withUTF8 { pn in containsBytes(ph, pn) } }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        haystack.withUnsafeBufferPointer { ph in needle.withUnsafeBufferPointer { pn in containsBytes(ph, pn) } }
    }

    static func hasPrefix(_ value: String, _ prefix: String) -> Bool {
        var v = value, p = prefix
        return v.withUTF8 { pv in
            p.withUTF8 { pp in
                pp.count <= pv.count && (pp.count == 0 || memcmp(pv.baseAddress!, pp.baseAddress!, pp.count) == 0)
            }
        }
    }
}
