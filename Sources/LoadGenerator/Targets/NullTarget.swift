import WorkloadKit

/// A target that does nothing: a run against it measures the load generator's own cost per operation
/// (operation choice, two clock reads, two histogram records) and so the floor under every other figure.
public final class NullTarget: Target {
    public var name: String { "null" }

    public init() {}

    @inlinable
    public func perform(_ operation: Operation) throws(TargetError) -> Int { 0 }
}
