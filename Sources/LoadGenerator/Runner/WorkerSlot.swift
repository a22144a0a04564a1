import Atomics
import Foundation

/// The meeting point of one worker and the coordinator.
///
/// The worker publishes each finished interval recorder here and picks up a recycled one, under a lock
/// taken once per interval, never per operation. The coordinator drains the published recorders and
/// reads `currentInterval` to know which intervals this worker can no longer add to.
@usableFromInline
final class WorkerSlot: @unchecked Sendable {
    @usableFromInline init() {}

    private let lock = NSLock()
    private var published: [IntervalRecorder] = []
    private var spares: [IntervalRecorder] = []

    /// The interval the worker is recording now; every earlier one is published.
    @usableFromInline let currentInterval = ManagedAtomic<Int>(0)
    @usableFromInline let finished = ManagedAtomic<Bool>(false)
    /// Measured operations so far (updated once per interval, for progress).
    @usableFromInline let completedOperations = ManagedAtomic<UInt64>(0)
    /// The end time of the worker's last measured operation (valid once finished; 0 if none).
    @usableFromInline let lastEnd = ManagedAtomic<UInt64>(0)

    /// Called by the coordinator before the worker starts: one spare, so the first switch allocates nothing.
    @usableFromInline
    func prepare() {
        spares.append(IntervalRecorder(index: 0))
    }

    /// Called by the worker as it starts: its recorder for interval 0.
    @usableFromInline
    func publishInitial() -> IntervalRecorder {
        IntervalRecorder(index: 0)
    }

    /// Called by the worker: hands over `recorder` and returns an empty one for interval `next`.
    @usableFromInline
    func publish(_ recorder: __owned IntervalRecorder, next: Int, measured: UInt64) -> IntervalRecorder {
        completedOperations.store(measured, ordering: .relaxed)
        lock.lock()
        published.append(recorder)
        let spare = spares.popLast()
        lock.unlock()
        var fresh = spare ?? IntervalRecorder(index: next)
        fresh.index = next
        currentInterval.store(next, ordering: .releasing)
        return fresh
    }

    /// Called by the worker at the end with its last recorder.
    @usableFromInline
    func finish(_ recorder: __owned IntervalRecorder, lastEnd: UInt64, measured: UInt64) {
        completedOperations.store(measured, ordering: .relaxed)
        lock.lock()
        published.append(recorder)
        lock.unlock()
        self.lastEnd.store(lastEnd, ordering: .relaxed)
        finished.store(true, ordering: .releasing)
    }

    /// Called by the coordinator.
    func drain() -> [IntervalRecorder] {
        lock.lock()
        defer { lock.unlock() }
        let drained = published
        published.removeAll(keepingCapacity: true)
        return drained
    }

    /// Called by the coordinator: empties a merged recorder and gives it back for reuse.
    func recycle(_ recorder: __owned IntervalRecorder) {
        var recorder = recorder
        recorder.reset()
        lock.lock()
        if spares.count < 2 { spares.append(recorder) }
        lock.unlock()
    }
}
