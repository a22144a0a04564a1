import Randomness
import Testing
@testable import CacheKit

@Suite struct IndexMapTests {
    @Test func agreesWithDictionaryUnderRandomOperations() {
        var rng = SplitMix64(seed: 11)
        var map = IndexMap(minimumCapacity: 4)
        var reference: [UInt64: Int] = [:]
        for step in 0..<50_000 {
            // A small key space forces long probe runs, growth and backward shifts.
            let key = UInt64.random(in: 0..<700, using: &rng) &* 1024
            switch Int.random(in: 0..<3, using: &rng) {
            case 0, 1:
                map.set(key, step)
                reference[key] = step
            default:
                #expect(map.remove(key) == reference.removeValue(forKey: key))
            }
            if step % 997 == 0 {
                for probe in stride(from: UInt64(0), to: 700 * 1024, by: 1024) {
                    #expect(map.find(probe) == reference[probe])
                }
            }
        }
        #expect(map.count == reference.count)
    }
}
