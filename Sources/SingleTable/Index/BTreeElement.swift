#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Something a `BTree` can hold: a class instance that carries its own encoded key.
///
/// Why a class that owns its key: the table's items already hold their encoded key, so the tree stores one
/// reference per item and compares through it, without a second copy of every key.
/// The key must not change while the element is in a tree.
protocol BTreeElement: AnyObject {
    /// The element's encoded key (see `KeyEncoding`); compared as unsigned bytes.
    func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

/// Three-way unsigned byte comparison, a shorter prefix first: negative, zero or positive as `a` is below,
/// equal to or above `b`.
@inline(__always)
func compareKeyBytes(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Int {
    let common = min(a.count, b.count)
    if common > 0 {
        let result = memcmp(a.baseAddress!, b.baseAddress!, common)
        if result != 0 { return Int(result) }
    }
    return a.count &- b.count
}
