/// Contract between WorkloadKit and the load generator / CLI (implemented by the workload parser):
///
/// ```swift
/// public struct WorkloadSpec {            // a parsed, validated workload file
///     public var name: String
///     public var description: String
///     public var seed: UInt64
///     public var file: String              // path it was read from
///     public var run: RunSpec
///     public var target: String            // "embedded" (default), "null", …
///     public static func load(path: String) throws(WorkloadError) -> WorkloadSpec
///     /// A worker's deterministic operation stream: same seed + worker index → same operations.
///     public func makeOperationSource(worker: Int, workers: Int) -> WorkloadOperationSource
/// }
/// public struct WorkloadOperationSource: OperationSource
/// public struct WorkloadError: Error, CustomStringConvertible   // names file, line:column, field path, expectation
/// ```
///
/// The dataset generator and the embedded target build the engine's tables from a spec:
/// `EmbeddedTarget(spec:)` creates the Cruddur table, loads the generated dataset, and performs operations.
enum WorkloadContract {}
