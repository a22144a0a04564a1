import Testing
@testable import Reporting

@Suite struct InstructionGateTests {
    @Test func readsCallgrindOutAndAnnotateTotals() {
        // callgrind.out format (valgrind manual, "Callgrind Format Specification"): events:, then
        // cost lines, then summary:/totals: with one number per event.
        let out = "version: 1\ncreator: callgrind-3.22.0\nevents: Ir\nfn=main\n1 10\nsummary: 4321987\ntotals: 4321987\n"
        #expect(CallgrindTotals.parse(out) == 4_321_987)
        let annotate = """
        --------------------------------------------------------------------------------
        Ir
        --------------------------------------------------------------------------------
        3,386,573 (100.0%)  PROGRAM TOTALS
        """
        #expect(CallgrindTotals.parse(annotate) == 3_386_573)
        #expect(CallgrindTotals.parse("nothing here") == nil)
    }

    @Test func gateFlagsIncreasesBeyondTheThresholdAndMissingPatterns() {
        let baseline = InstructionBaseline(patterns: ["a": 1_000_000, "b": 1_000_000, "c": 500])
        let gate = InstructionGate(baseline: baseline, current: ["a": 1_015_000, "b": 1_025_000, "d": 7], threshold: 0.02)
        #expect(gate.rows.map(\.verdict) == [.ok, .regressed, .missing, .new])
        #expect(gate.failed)
        let passing = InstructionGate(baseline: baseline, current: ["a": 1_000_000, "b": 900_000, "c": 500], threshold: 0.02)
        #expect(!passing.failed)
        #expect(passing.rows[1].verdict == .improved)
    }
}
