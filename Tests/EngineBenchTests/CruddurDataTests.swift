import Randomness
import Testing
@testable import EngineBench

@Suite struct CruddurDataTests {
    @Test func timestampsAreCruddurISO8601() {
        #expect(CruddurData.timestamp(micros: 0) == "2026-01-01T00:00:00.000000+00:00")
        // 2026-03-01 is day 59 (31 + 28); 13:05:09.000042 into it.
        let micros: UInt64 = (59 * 86_400 + 13 * 3600 + 5 * 60 + 9) * 1_000_000 + 42
        #expect(CruddurData.timestamp(micros: micros) == "2026-03-01T13:05:09.000042+00:00")
    }

    @Test func uuidsAreLowercase8_4_4_4_12() {
        var rng = SplitMix64(seed: 7)
        let id = CruddurData.uuid(&rng)
        let groups = id.split(separator: "-").map(\.count)
        #expect(groups == [8, 4, 4, 4, 12])
        #expect(id.allSatisfy { "0123456789abcdef-".contains($0) })
        #expect(CruddurData.uuid(&rng) != id)
    }

    @Test func messagesAreOrderedWithinAConversation() {
        var data = CruddurData(seed: 1, conversations: 3, users: 4)
        let a = data.message(conversation: 2, index: 0), b = data.message(conversation: 2, index: 1)
        guard case .s(let first)? = a["sk"], case .s(let second)? = b["sk"] else { Issue.record("no sk"); return }
        #expect(first.utf8.lexicographicallyPrecedes(second.utf8))
        #expect(a["pk"] == b["pk"])
    }
}
