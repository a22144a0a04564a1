/// A policy instance behind a class, so a `ReadAsideCache` shard can hold any policy
/// chosen at run time. Each operation is one vtable call into `ConcreteShardPolicy<P>`,
/// which is specialised on P; cheaper than an existential and small next to the shard's
/// lock and the dictionary lookup of the caller's key.
class ShardPolicy {
    var occupied: Int { fatalError("ShardPolicy is abstract") }
    func find(_ key: UInt64) -> Bool { fatalError("ShardPolicy is abstract") }
    func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool { fatalError("ShardPolicy is abstract") }
    func remove(_ key: UInt64) -> Bool { fatalError("ShardPolicy is abstract") }
}

final class ConcreteShardPolicy<P: EvictionPolicy>: ShardPolicy {
    private var policy: P

    init(_ policy: P) { self.policy = policy }

    override var occupied: Int { policy.occupied }
    override func find(_ key: UInt64) -> Bool { policy.find(key) }
    override func insert(_ key: UInt64, weight: Int, onEvict: (UInt64) -> Void) -> Bool {
        policy.insert(key, weight: weight, onEvict: onEvict)
    }
    override func remove(_ key: UInt64) -> Bool { policy.remove(key) }
}
