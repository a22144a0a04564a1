#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The time source of a run, in nanoseconds on a monotonic scale.
///
/// The runner is generic over its clock so the hot loop is specialised on the concrete type: no existential
/// call per operation. `MonotonicClock` is the real one; `ManualClock` lets tests move time by hand, which
/// makes schedules, stalls and percentiles exact and independent of how loaded the machine is.
public protocol LoadClock: Sendable {
    /// Nanoseconds since an arbitrary fixed origin; never goes backwards.
    func now() -> UInt64
    /// Returns once `now() >= deadline` (or a little before, for a real clock asked to wait briefly;
    /// callers re-check `now()`). A simulated clock may simply advance to `deadline`.
    func sleep(until deadline: UInt64)
}

/// `clock_gettime(CLOCK_MONOTONIC)`: the clock of real runs.
public struct MonotonicClock: LoadClock {
    public init() {}

    @inlinable
    public func now() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    }

    /// Sleeps in the kernel while the deadline is far (leaving the core to others: the machine is shared),
    /// then yields until it is reached, because a kernel sleep can overshoot by tens of microseconds.
    public func sleep(until deadline: UInt64) {
        let kernelSleepMargin: UInt64 = 100_000
        while true {
            let current = now()
            if current >= deadline { return }
            let remaining = deadline - current
            if remaining > kernelSleepMargin * 2 {
                var request = timespec()
                let target = deadline - kernelSleepMargin
                request.tv_sec = Int(target / 1_000_000_000)
                request.tv_nsec = Int(target % 1_000_000_000)
                #if canImport(Glibc)
                clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &request, nil)
                #else
                var relative = timespec(tv_sec: Int((remaining - kernelSleepMargin) / 1_000_000_000), tv_nsec: Int((remaining - kernelSleepMargin) % 1_000_000_000))
                nanosleep(&relative, nil)
                #endif
            } else {
                sched_yield()
            }
        }
    }
}
