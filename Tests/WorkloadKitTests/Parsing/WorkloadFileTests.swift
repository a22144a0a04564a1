import Foundation
import Testing
@testable import WorkloadKit

/// The shipped workload files parse and say what their comments say.
@Suite struct WorkloadFileTests {
    static let workloads = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Workloads")

    static func path(_ name: String) -> String { workloads.appendingPathComponent(name).path }

    @Test(arguments: ["messaging-default.yaml", "messaging-write-heavy.yaml", "messaging-hot-users.yaml", "smoke.yaml"])
    func shippedFileParses(_ name: String) throws {
        let spec = try WorkloadSpec.load(path: Self.path(name))
        #expect(spec.name + ".yaml" == name)
        #expect(!spec.description.isEmpty)
        #expect(spec.mix.total > 0)
        #expect(spec.run.threads == 2)
        #expect(spec.target == "embedded")
        #expect(spec.file == Self.path(name))
    }

    @Test func defaultFileValues() throws {
        let spec = try WorkloadSpec.load(path: Self.path("messaging-default.yaml"))
        #expect(spec.seed == 42)
        #expect(spec.mix.weights == [60, 30, 2, 8])
        #expect(spec.dataset.users == 10_000)
        #expect(spec.dataset.messagesPerConversation == .normal(mean: 10, stddev: 6, min: 1, max: 60))
        #expect(spec.dataset.userActivity == .zipfian(theta: 0.8))
        #expect(spec.keys[.listMessages] == .scrambledZipfian(theta: 0.99))
        #expect(spec.keys[.createMessageExistingConversation] == .latest(theta: 0.9))
        #expect(spec.listMessagesLimit == 20)
        #expect(spec.newConversationWrite == .transaction)
        #expect(spec.groupUpdate == .inline)
        #expect(spec.run == RunSpec(mode: .closed, threads: 2, concurrency: 1, thinkTimeNanos: 0, warmupSeconds: 5, durationSeconds: 25, intervalSeconds: 1))
        #expect(spec.cache == nil)
    }

    @Test func smokeIsShortAndUsesTheStreamTrigger() throws {
        let spec = try WorkloadSpec.load(path: Self.path("smoke.yaml"))
        #expect(spec.run.warmupSeconds == 0.5)
        #expect(spec.run.durationSeconds == 2)
        #expect(spec.run.intervalSeconds == 0.5)
        #expect(spec.groupUpdate == .stream)
        #expect(spec.keys[.listConversations] == .uniform)
    }

    @Test func hotUsersIsSkewed() throws {
        let spec = try WorkloadSpec.load(path: Self.path("messaging-hot-users.yaml"))
        #expect(spec.keys[.listMessages] == .hotspot(hotFraction: 0.01, hotProbability: 0.9))
        #expect(spec.dataset.userActivity == .zipfian(theta: 0.99))
    }

    @Test func jsonIsAccepted() throws {
        let spec = try WorkloadSpec.parse(#"{"name": "j", "mix": {"list_conversations": 1}, "run": {"threads": 3, "duration": "2m"}}"#)
        #expect(spec.name == "j")
        #expect(spec.mix[.listConversations] == 1)
        #expect(spec.run.threads == 3)
        #expect(spec.run.durationSeconds == 120)
    }

    @Test func durationsAndOpenLoop() throws {
        let spec = try WorkloadSpec.parse("""
            mix: {list_messages: 1}
            run:
              mode: open
              rate: 2500.5
              arrival: poisson
              think_time: 250us
              warmup: 1.5
              operations: 1000
            """)
        #expect(spec.run.mode == .open)
        #expect(spec.run.targetRate == 2500.5)
        #expect(spec.run.arrival == .poisson)
        #expect(spec.run.thinkTimeNanos == 250_000)
        #expect(spec.run.warmupSeconds == 1.5)
        #expect(spec.run.operations == 1000)
        #expect(spec.run.durationSeconds == nil)
        #expect(spec.name == "<string>")
    }

    @Test func cacheSectionParses() throws {
        let spec = try WorkloadSpec.parse("""
            mix: {list_messages: 1}
            cache: {policy: 2q, capacity: 4096, capacity_unit: bytes, ttl: 2m, write_strategy: ttl-only}
            """)
        #expect(spec.cache == CacheSpec(policy: .twoQ, capacity: 4096, capacityUnit: .bytes, ttlSeconds: 120, writeStrategy: .ttlOnly))
        let names = CacheSpec.Policy.allCases.map(\.rawValue)
        #expect(names == ["lru", "fifo", "clock", "lfu", "arc", "2q", "slru", "wtinylfu", "s3fifo", "sieve"])
    }

    @Test func sameSeedSameOperations() throws {
        let spec = try WorkloadSpec.load(path: Self.path("smoke.yaml"))
        var a = spec.makeOperationSource(worker: 1, workers: 2)
        var b = spec.makeOperationSource(worker: 1, workers: 2)
        for _ in 0..<1000 {
            let x = a.next(), y = b.next()
            #expect(x.pattern == y.pattern && x.conversation == y.conversation && x.user == y.user && x.sequence == y.sequence)
        }
    }
}
