import Testing
import Reporting
import WorkloadKit
@testable import PeerBench

@Suite struct PatternDuelTests {
    static let spec = WorkloadSpec(
        seed: 11, dataset: DatasetSpec(users: 30, conversations: 50, messagesPerConversation: .uniform(min: 1, max: 12),
                                       messageLength: .uniform(min: 5, max: 40), userActivity: .zipfian(theta: 0.8)),
        mix: PatternMix(listMessages: 1, listConversations: 1, createMessageNewConversation: 1, createMessageExistingConversation: 1))

    @Test("round r continues each worker's stream after the operations of rounds 0..<r")
    func roundsContinueTheStreams() {
        let options = PatternDuel.Options(operationsPerPattern: 51, threads: 2, rounds: 3)
        let single = PatternDuel.singlePatternSpec(Self.spec, .createMessageNewConversation, options)
        // 51 operations over 2 workers: worker 0 performs 26 per round, worker 1 25; sequence = counter × 2 + worker.
        var round0 = PatternDuel.roundSources(single, round: 0, options: options)
        var round2 = PatternDuel.roundSources(single, round: 2, options: options)
        #expect(round0[0].next().sequence == 0 && round0[1].next().sequence == 1)
        #expect(round2[0].next().sequence == 2 * 26 * 2 && round2[1].next().sequence == 2 * 25 * 2 + 1)
        // Round 1 of worker 1 is its stream's operations 25... (the draws, not only the sequence numbers).
        var stream = single.makeOperationSource(worker: 1, workers: 2)
        for _ in 0..<25 { _ = stream.next() }
        var round1 = PatternDuel.roundSources(single, round: 1, options: options)
        for _ in 0..<10 {
            let a = stream.next(), b = round1[1].next()
            #expect(a.sequence == b.sequence && a.user == b.user && a.otherUser == b.otherUser && a.messageLength == b.messageLength)
        }
    }

    @Test("a duel in rounds: every round runs every pattern on both targets, writes without errors")
    func duelInRounds() throws {
        let options = PatternDuel.Options(operationsPerPattern: 40, threads: 1, rounds: 3)
        let rounds = try PatternDuel.run(spec: Self.spec, options: options, tool: ToolInfo(version: "test", gitCommit: "test"))
        #expect(rounds.count == 3)
        for round in rounds {
            #expect(round.map(\.target) == ["embedded", "sqlite"])
            for results in round {
                #expect(Set(results.patterns.keys) == Set(Pattern.allCases.map(\.name)))
                for (pattern, figures) in results.patterns {
                    #expect(figures.operations == 40, "\(results.target) \(pattern)")
                    #expect(figures.errors.isEmpty, "\(results.target) \(pattern): \(figures.errors)")
                }
            }
        }
        let comparison = TargetComparison(rounds: rounds)
        #expect(comparison.rows.allSatisfy { $0.rounds?.count == 3 && $0.figures.count == 2 })
    }
}
