/// A compact binary encoding of item attributes, so that a stored item is one allocation.
///
/// Why: a `[String: AttributeValue]` item costs a dictionary allocation plus one per string longer than
/// 15 bytes (about 3x the DynamoDB item size for a Cruddur message); the engine's memory budget is 1.3x.
/// Entries are `name, tag, payload`, lengths as LEB128 varints:
///
///     entry   := varint(nameLength) name tag payload
///     S, B    := varint(length) bytes          N := sign(1) zigzag-varint(exponent) varint128(coefficient)
///     BOOL    := 0|1                          NULL := (nothing)
///     M       := varint(count) entry*          L := varint(count) (tag payload)*
///     SS, BS  := varint(count) (varint(length) bytes)*      NS := varint(count) N-payload*
enum ItemCodec {
    enum Tag: UInt8 { case s = 1, n, b, boolean, null, m, l, ss, ns, bs }

    // MARK: Sizing

    @inline(__always)
    static func varintSize(_ value: UInt64) -> Int {
        var v = value
        var n = 1
        while v >= 0x80 { v >>= 7; n += 1 }
        return n
    }

    static func varintSize(_ value: UInt128) -> Int {
        var v = value
        var n = 1
        while v >= 0x80 { v >>= 7; n += 1 }
        return n
    }

    @inline(__always)
    static func zigzag(_ value: Int32) -> UInt64 { UInt64(UInt32(bitPattern: (value << 1) ^ (value >> 31))) }

    @inline(__always)
    static func unzigzag(_ value: UInt64) -> Int32 {
        let v = UInt32(truncatingIfNeeded: value)
        return Int32(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    static func numberSize(_ n: Number) -> Int { 1 + varintSize(zigzag(n.exponent)) + varintSize(n.coefficient) }

    static func bytesSize(_ count: Int) -> Int { varintSize(UInt64(count)) + count }

    /// Encoded size of one value's tag and payload.
    static func valueSize(_ value: AttributeValue) -> Int {
        switch value {
        case .s(let v): return 1 + bytesSize(v.utf8.count)
        case .n(let v): return 1 + numberSize(v)
        case .b(let v): return 1 + bytesSize(v.count)
        case .bool: return 2
        case .null: return 1
        case .m(let v):
            var size = 1 + varintSize(UInt64(v.count))
            for (name, element) in v { size += bytesSize(name.utf8.count) + valueSize(element) }
            return size
        case .l(let v):
            var size = 1 + varintSize(UInt64(v.count))
            for element in v { size += valueSize(element) }
            return size
        case .ss(let v): return v.reduce(1 + varintSize(UInt64(v.count))) { $0 + bytesSize($1.utf8.count) }
        case .ns(let v): return v.reduce(1 + varintSize(UInt64(v.count))) { $0 + numberSize($1) }
        case .bs(let v): return v.reduce(1 + varintSize(UInt64(v.count))) { $0 + bytesSize($1.count) }
        }
    }

    // MARK: Writing

    struct Writer {
        var pointer: UnsafeMutablePointer<UInt8>

        @inline(__always)
        mutating func byte(_ b: UInt8) {
            pointer.pointee = b
            pointer += 1
        }

        @inline(__always)
        mutating func varint(_ value: UInt64) {
            var v = value
            while v >= 0x80 {
                byte(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            byte(UInt8(v))
        }

        mutating func varint(_ value: UInt128) {
            var v = value
            while v >= 0x80 {
                byte(UInt8(truncatingIfNeeded: v) | 0x80)
                v >>= 7
            }
            byte(UInt8(truncatingIfNeeded: v))
        }

        @inline(__always)
        mutating func bytes(_ buffer: UnsafeRawBufferPointer) {
            varint(UInt64(buffer.count))
            if let base = buffer.baseAddress, buffer.count > 0 {
                pointer.update(from: base.assumingMemoryBound(to: UInt8.self), count: buffer.count)
                pointer += buffer.count
            }
        }

        @inline(__always)
        mutating func string(_ s: String) {
            if s.utf8.withContiguousStorageIfAvailable({ bytes(UnsafeRawBufferPointer($0)) }) == nil {
                let copy = Array(s.utf8)
                copy.withUnsafeBytes { bytes($0) }
            }
        }

        mutating func number(_ n: Number) {
            byte(n.negative ? 1 : 0)
            varint(ItemCodec.zigzag(n.exponent))
            varint(n.coefficient)
        }

        mutating func write(_ value: AttributeValue) {
            switch value {
            case .s(let v): byte(Tag.s.rawValue); string(v)
            case .n(let v): byte(Tag.n.rawValue); number(v)
            case .b(let v): byte(Tag.b.rawValue); v.withUnsafeBytes { bytes($0) }
            case .bool(let v): byte(Tag.boolean.rawValue); byte(v ? 1 : 0)
            case .null: byte(Tag.null.rawValue)
            case .m(let v):
                byte(Tag.m.rawValue)
                varint(UInt64(v.count))
                for (name, element) in v { string(name); write(element) }
            case .l(let v):
                byte(Tag.l.rawValue)
                varint(UInt64(v.count))
                for element in v { write(element) }
            case .ss(let v):
                byte(Tag.ss.rawValue)
                varint(UInt64(v.count))
                for element in v { string(element) }
            case .ns(let v):
                byte(Tag.ns.rawValue)
                varint(UInt64(v.count))
                for element in v { number(element) }
            case .bs(let v):
                byte(Tag.bs.rawValue)
                varint(UInt64(v.count))
                for element in v { element.withUnsafeBytes { bytes($0) } }
            }
        }
    }

    // MARK: Reading

    /// A String from UTF-8 the engine wrote from a String (so valid; String still checks it).
    @inline(__always)
    static func string(_ raw: UnsafeRawBufferPointer) -> String {
        String(unsafeUninitializedCapacity: raw.count) { target in
            _ = target.initialize(from: raw)
            return raw.count
        }
    }

    struct Reader {
        var pointer: UnsafePointer<UInt8>
        let end: UnsafePointer<UInt8>

        var isAtEnd: Bool { pointer >= end }

        @inline(__always)
        mutating func byte() -> UInt8 {
            let b = pointer.pointee
            pointer += 1
            return b
        }

        @inline(__always)
        mutating func varint() -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                let b = byte()
                result |= UInt64(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }

        mutating func varint128() -> UInt128 {
            var result: UInt128 = 0
            var shift: UInt128 = 0
            while true {
                let b = byte()
                result |= UInt128(b & 0x7F) << shift
                if b < 0x80 { return result }
                shift += 7
            }
        }

        /// The next length-prefixed byte run, without copying.
        @inline(__always)
        mutating func rawBytes() -> UnsafeRawBufferPointer {
            let count = Int(varint())
            let buffer = UnsafeRawBufferPointer(start: pointer, count: count)
            pointer += count
            return buffer
        }

        mutating func string() -> String { ItemCodec.string(rawBytes()) }

        mutating func number() -> Number {
            let negative = byte() == 1
            let exponent = ItemCodec.unzigzag(varint())
            let coefficient = varint128()
            return Number(uncheckedCoefficient: coefficient, exponent: exponent, negative: negative)
        }

        mutating func value() -> AttributeValue {
            let tag = Tag(rawValue: byte())!
            switch tag {
            case .s: return .s(string())
            case .n: return .n(number())
            case .b: return .b(Array(rawBytes()))
            case .boolean: return .bool(byte() == 1)
            case .null: return .null
            case .m:
                let count = Int(varint())
                var map = [String: AttributeValue](minimumCapacity: count)
                for _ in 0..<count {
                    let name = string()
                    map[name] = value()
                }
                return .m(map)
            case .l:
                let count = Int(varint())
                var list: [AttributeValue] = []
                list.reserveCapacity(count)
                for _ in 0..<count { list.append(value()) }
                return .l(list)
            case .ss:
                let count = Int(varint())
                return .ss((0..<count).map { _ in string() })
            case .ns:
                let count = Int(varint())
                return .ns((0..<count).map { _ in number() })
            case .bs:
                let count = Int(varint())
                return .bs((0..<count).map { _ in Array(rawBytes()) })
            }
        }

        /// Skips one value (tag and payload) without decoding it.
        mutating func skipValue() {
            let tag = Tag(rawValue: byte())!
            switch tag {
            case .s, .b: _ = rawBytes()
            case .n: _ = byte(); _ = varint(); _ = varint128()
            case .boolean: pointer += 1
            case .null: break
            case .m:
                let count = Int(varint())
                for _ in 0..<count { _ = rawBytes(); skipValue() }
            case .l:
                let count = Int(varint())
                for _ in 0..<count { skipValue() }
            case .ss, .bs:
                let count = Int(varint())
                for _ in 0..<count { _ = rawBytes() }
            case .ns:
                let count = Int(varint())
                for _ in 0..<count { _ = byte(); _ = varint(); _ = varint128() }
            }
        }
    }
}

extension UnsafeRawBufferPointer {
    /// Unsigned byte equality with a string's UTF-8, without allocating.
    @inline(__always)
    func equalsUTF8(_ string: String) -> Bool {
        // Lengths first (a native string stores its UTF-8 count): attribute scans compare mostly unequal names.
        guard string.utf8.count == count else { return false }
        let fast = string.utf8.withContiguousStorageIfAvailable { utf8 in
            utf8.count == self.count && (count == 0 || memcmp(utf8.baseAddress!, self.baseAddress!, count) == 0)
        }
        return fast ?? self.elementsEqual(string.utf8)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
