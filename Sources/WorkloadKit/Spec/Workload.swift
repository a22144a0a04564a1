/// The contract between WorkloadKit and the load generator / CLI, as implemented:
///
/// ```swift
/// let spec = try WorkloadSpec.load(path: "Workloads/messaging-default.yaml")  // throws(WorkloadError)
/// let target = try EmbeddedTarget(spec: spec)        // creates cruddur-messages, loads the dataset; throws(TargetError)
/// var source = spec.makeOperationSource(worker: w, workers: n)   // WorkloadOperationSource, one per worker per run
/// let op = source.next()                              // chosen before the clock starts
/// let count = try target.perform(op)                  // timed by the load generator
/// ```
///
/// - `WorkloadSpec` (Spec/WorkloadSpec.swift): name, description, seed, file, dataset, mix, keys, page
///   sizes, write modes, `run: RunSpec`, `target` ("embedded" | "null"), `cache: CacheSpec?`.
/// - `WorkloadError` (Spec/WorkloadError.swift): `file:line:column: field.path: expected …, got …`.
/// - `WorkloadOperationSource` (Operations/): deterministic per (seed, worker, workers).
/// - `EmbeddedTarget` (Targets/): the in-memory engine; `loadStatistics` reports the load.
enum WorkloadContract {}
