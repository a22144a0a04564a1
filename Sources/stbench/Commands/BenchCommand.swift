import ArgumentParser
import EngineBench
import Foundation
import LoadGenerator
import PeerBench
import Reporting
import WorkloadKit

/// `stbench bench …`: hot-path measurements outside the load generator.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Micro-measurements of the engine's hot paths (use a release build).",
        subcommands: [Engine.self, Index.self, Peers.self, IndexContender.self])

    struct Engine: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Load Cruddur-shaped messages, then time Query newest-20, GetItem and PutItem and report bytes per item.")

        @Option(help: "Messages to load.") var messages = 1_000_000
        @Option(help: "Conversations they are spread over.") var conversations = 10_000
        @Option(help: "Users taking part.") var users = 2_000
        @Option(help: "Timed operations per measurement.") var operations = 200_000
        @Option(help: "Seed for data and key choice.") var seed: UInt64 = 42
        @Option(help: "Conversations in the hot (cache-resident) set.") var hot = 32

        func validate() throws {
            guard messages >= conversations, conversations > 0 else {
                throw ValidationError("--messages must be at least --conversations, and both positive.")
            }
            guard operations > 0 else { throw ValidationError("--operations must be positive.") }
        }

        func run() throws {
            #if DEBUG
            print("warning: debug build; figures are not meaningful (swift build -c release)")
            #endif
            let bench = EngineBenchmark(.init(messages: messages, conversations: conversations, users: users, operations: operations, seed: seed, hotConversations: hot))
            let r = try bench.run { print("… \($0)") }
            print("items loaded            \(r.items) in \(fmt(r.loadSeconds)) s = \(Int(r.loadItemsPerSecond)) items/s")
            print("item size sum           \(r.itemSizeSum) B; engine allocated \(r.allocatedBytes) B = \(fmt(r.bytesPerItemRatio))x")
            print("Query newest 20         \(fmt(r.queryNewest20Nanos)) ns/op CPU (random conversation)")
            print("GetItem                 \(fmt(r.getItemNanos)) ns/op CPU (random message)")
            print("Query newest 20, hot    \(fmt(r.hotQueryNewest20Nanos)) ns/op CPU (\(hot) conversations, cache-resident)")
            print("GetItem, hot            \(fmt(r.hotGetItemNanos)) ns/op CPU")
            print("PutItem                 \(fmt(r.putItemNanos)) ns/op CPU")
            print("Query 2 threads vs 1    \(fmt(r.queryTwoThreadSpeedup))x")
        }

        func fmt(_ v: Double) -> String {
            let scaled = (v * 100).rounded() / 100
            return "\(scaled)"
        }
    }
}
