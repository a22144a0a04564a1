@testable import LoadGenerator
import WorkloadKit

/// Always the same pattern; sequence numbers 1, 2, 3, … so tests can pick operations by number.
struct CountingSource: OperationSource {
    var pattern: Pattern = .listMessages
    var sequence: UInt64 = 0

    mutating func next() -> Operation {
        sequence += 1
        return Operation(pattern: pattern, sequence: sequence)
    }
}

/// Fails operations by sequence number: multiples of 3 with ConditionalCheckFailedException, other
/// multiples of 5 with ValidationException.
final class FailingTarget: Target {
    let name = "failing"

    func perform(_ operation: Operation) throws(TargetError) -> Int {
        if operation.sequence % 3 == 0 { throw TargetError(name: "ConditionalCheckFailedException", message: "condition") }
        if operation.sequence % 5 == 0 { throw TargetError(name: "ValidationException", message: "invalid") }
        return 1
    }
}

/// True when `value` is `expected` within HdrHistogram's 3-significant-digit resolution (0.1 %).
func isClose(_ value: UInt64, _ expected: UInt64) -> Bool {
    let tolerance = max(expected / 1000, 1)
    return value + tolerance >= expected && value <= expected + tolerance
}

let millisecond: UInt64 = 1_000_000

/// One worker on a manual clock: a deterministic run.
func runManual<T: Target>(_ spec: RunSpec, target: T, clock: ManualClock, seed: UInt64 = 1) throws -> RunOutcome {
    let runner = try Runner(spec: spec, seed: seed, target: target, clock: clock, sources: (0..<spec.threads).map { _ in CountingSource() })
    return runner.run()
}
