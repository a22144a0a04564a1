/// A partition key value with its 64-bit hash, computed once per request.
///
/// Equality is by bytes (DynamoDB's rule), never Swift's canonical string equivalence.
/// The hash also places the partition in Scan order (DynamoDB scans in hash order) and picks its lock stripe.
struct PartitionKey: Hashable, @unchecked Sendable {
    let value: AttributeValue
    let hash: UInt64

    init(_ value: AttributeValue) {
        self.value = value
        switch value {
        case .s(let s):
            hash = s.utf8.withContiguousStorageIfAvailable { PartitionKey.hashBytes(UnsafeRawBufferPointer($0)) }
                ?? Array(s.utf8).withUnsafeBytes { PartitionKey.hashBytes($0) }
        case .b(let b):
            hash = b.withUnsafeBytes { PartitionKey.hashBytes($0) }
        default:
            hash = KeyEncoding.encode(value).withUnsafeBytes { PartitionKey.hashBytes($0) }
        }
    }

    /// 64-bit FNV-1a over 8-byte words, then a murmur-style finalizer so high bits (stripe, scan order) mix well.
    @inline(__always)
    static func hashBytes(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        let n = bytes.count
        while i + 8 <= n {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
            i += 8
        }
        while i < n {
            h = (h ^ UInt64(bytes[i])) &* 0x0000_0100_0000_01b3
            i += 1
        }
        h ^= UInt64(n)
        h ^= h >> 33
        h = h &* 0xff51_afd7_ed55_8ccd
        h ^= h >> 33
        h = h &* 0xc4ce_b9fe_1a85_ec53
        h ^= h >> 33
        return h
    }

    static func == (a: PartitionKey, b: PartitionKey) -> Bool { a.hash == b.hash && a.value == b.value }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// Scan-order key: the hash big-endian, then the value's key encoding (ties broken by bytes).
    var directoryKey: [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + 48)
        withUnsafeBytes(of: hash.bigEndian) { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: KeyEncoding.encode(value))
        return bytes
    }
}

/// An entry of a partition directory: keeps partitions in DynamoDB's Scan order (by hash).
final class DirectoryEntry: BTreeElement, @unchecked Sendable {
    let key: [UInt8]
    let partition: PartitionKey
    init(_ partition: PartitionKey) {
        self.partition = partition
        self.key = partition.directoryKey
    }
    @inline(__always)
    func withKeyBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R { try key.withUnsafeBytes(body) }
}
