/// Stable 64-bit ids for trace keys.
///
/// Traces outlive the process, so ids cannot come from `hashValue` (seeded per process).
/// FNV-1a (Fowler, Noll & Vo; 64-bit offset basis 0xcbf29ce484222325, prime 0x100000001b3)
/// is simple, stable and spreads short keys like "MSG#<uuid>|A|20" well enough for cache
/// simulation, where only distinctness matters.
public enum TraceKey {
    public static func id<S: StringProtocol>(_ text: S) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h &*= 0x0000_0100_0000_01b3
        }
        return h
    }
}
