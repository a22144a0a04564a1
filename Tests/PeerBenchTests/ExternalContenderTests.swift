import Foundation
@testable import PeerBench
import Testing

@Suite struct ExternalContenderTests {
    /// The contenders run with glibc malloc on huge pages; the variable must reach the child process
    /// without dropping the rest of the environment (PATH, HOME for cargo).
    @Test func childProcessGetsTheAddedVariablesAndKeepsTheRest() throws {
        let output = try Shell.run("/usr/bin/env", [], environment: ExternalContender.hugePages)
        let lines = Set(output.split(separator: "\n").map(String.init))
        #expect(lines.contains("GLIBC_TUNABLES=glibc.malloc.hugetlb=1"))
        #expect(lines.contains { $0.hasPrefix("PATH=") })
    }

    @Test func aFailingChildIsAnError() {
        #expect(throws: Shell.Failure.self) { try Shell.run("/bin/false", []) }
    }
}

extension ExternalContenderTests {
    /// A child that fills its standard error (far past a pipe's 64 KiB) before writing its output must not
    /// block: both pipes are drained at once. Run on its own thread so a deadlock fails the test (after
    /// 30 s) instead of hanging the suite.
    @Test func aChildWritingMuchToStandardErrorFinishes() {
        final class Outcome: @unchecked Sendable { var output: String? }
        let outcome = Outcome()
        let finished = DispatchSemaphore(value: 0)
        Thread {
            outcome.output = try? Shell.run("/bin/sh", ["-c", "head -c 1000000 /dev/zero >&2; echo done"])
            finished.signal()
        }.start()
        #expect(finished.wait(timeout: .now() + 30) == .success, "Shell.run still blocked after 30 s")
        #expect(outcome.output == "done")
    }
}
