import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns Ctrl-C (SIGINT) into a clean stop: the first one calls `onInterrupt` (e.g. `Runner.stop()`, so the
/// workers stop and what was measured is written with `"complete": false`); a second one exits at once.
///
/// Uses a dispatch signal source rather than a raw handler, so `onInterrupt` runs as ordinary code on a
/// dispatch queue, not in signal context.
public final class InterruptHandler: @unchecked Sendable {
    private let source: DispatchSourceSignal
    private var interrupts = 0

    public init(onInterrupt: @escaping @Sendable () -> Void) {
        signal(SIGINT, SIG_IGN)
        source = DispatchSource.makeSignalSource(signal: SIGINT, queue: DispatchQueue(label: "stbench.sigint"))
        source.setEventHandler { [unowned self] in
            interrupts += 1
            if interrupts == 1 {
                fputs("\nstbench: interrupted; stopping and writing what was measured (Ctrl-C again to abort)\n", stderr)
                onInterrupt()
            } else {
                exit(130)
            }
        }
        source.resume()
    }

    /// Restores the default SIGINT behaviour.
    public func cancel() {
        source.cancel()
        signal(SIGINT, SIG_DFL)
    }
}
