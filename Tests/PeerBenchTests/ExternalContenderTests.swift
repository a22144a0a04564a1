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
