import Dispatch
#if canImport(Glibc)
import Glibc
#endif
import MemoryStats
import Randomness
import SingleTable

/// Measures the engine's hot paths on Cruddur-shaped data: dataset load rate, bytes per item, and ns per
/// Query newest-20, GetItem and PutItem (one thread), plus Query throughput on two threads.
///
/// Each timing is a loop of `operations` requests divided by its wall time, with the request built inside
/// the loop (as a client would). Use a release build: debug figures are meaningless.
public struct EngineBenchmark {
    public struct Configuration: Sendable {
        public var messages: Int
        public var conversations: Int
        public var users: Int
        public var operations: Int
        public var seed: UInt64
        /// Conversations in the "hot" set: the same requests over so few partitions that they stay in cache,
        /// which separates the engine's CPU cost from this machine's memory latency.
        public var hotConversations: Int
        public init(messages: Int = 1_000_000, conversations: Int = 10_000, users: Int = 2_000, operations: Int = 200_000, seed: UInt64 = 42, hotConversations: Int = 32) {
            self.hotConversations = hotConversations
            self.messages = messages
            self.conversations = conversations
            self.users = users
            self.operations = operations
            self.seed = seed
        }
    }

    public struct Result: Sendable {
        public var items: Int
        public var itemSizeSum: Int
        public var allocatedBytes: Int
        public var loadSeconds: Double
        public var queryNewest20Nanos: Double
        public var getItemNanos: Double
        public var hotQueryNewest20Nanos: Double
        public var hotGetItemNanos: Double
        public var putItemNanos: Double
        /// Query newest-20 operations per second with two threads, over one thread's.
        public var queryTwoThreadSpeedup: Double
        public var bytesPerItemRatio: Double { Double(allocatedBytes) / Double(itemSizeSum) }
        public var loadItemsPerSecond: Double { Double(items) / loadSeconds }
    }

    public let configuration: Configuration
    public init(_ configuration: Configuration) { self.configuration = configuration }

    static let tableName = "cruddur-messages"

    public static func makeCruddurTable(_ db: Database) throws -> Table {
        _ = try db.createTable(CreateTableInput(
            tableName: tableName, keySchema: [.hash("pk"), .range("sk")],
            attributeDefinitions: [.init("pk", .s), .init("sk", .s), .init("message_group_uuid", .s)],
            globalSecondaryIndexes: [SecondaryIndex(indexName: "message-group-sk-index",
                                                    keySchema: [.hash("message_group_uuid"), .range("sk")], projection: .all)]))
        return try db.table(named: tableName)
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Result {
        let c = configuration
        var data = CruddurData(seed: c.seed, conversations: c.conversations, users: c.users)
        let db = Database()
        let table = try EngineBenchmark.makeCruddurTable(db)

        // Generate first (outside the timed load), then load through BatchWriteItem.
        progress("generating \(c.messages) messages in \(c.conversations) conversations")
        var items: [Item] = []
        items.reserveCapacity(c.messages + 2 * c.conversations)
        let perConversation = c.messages / c.conversations
        for conversation in 0..<c.conversations {
            var last: Item = [:]
            for index in 0..<perConversation {
                last = data.message(conversation: conversation, index: index)
                items.append(last)
            }
            if case .s(let at)? = last["sk"], case .s(let text)? = last["message"] {
                items.append(contentsOf: data.groupItems(conversation: conversation, lastMessageAt: at, lastMessage: text))
            }
        }
        let itemSizeSum = items.reduce(0) { $0 + itemSize($1) }

        progress("loading \(items.count) items")
        let before = Jemalloc.allocatedBytes
        let loadStart = Self.now()
        var batch: [WriteRequest] = []
        batch.reserveCapacity(25)
        for item in items {
            batch.append(.put(item: item))
            if batch.count == 25 {
                try db.batchWriteItem(BatchWriteItemInput(requestItems: [Self.tableName: batch]))
                batch.removeAll(keepingCapacity: true)
            }
        }
        if !batch.isEmpty { try db.batchWriteItem(BatchWriteItemInput(requestItems: [Self.tableName: batch])) }
        let loadSeconds = Double(Self.now() - loadStart) / 1e9
        // Measured while the generated dictionaries are still alive on both sides: the delta is the engine's.
        let allocated = Jemalloc.allocatedBytes - before
        let itemCount = items.count
        items = []

        var rng = SplitMix64(seed: c.seed ^ 0x5EED)
        let groupKeys = data.groupIDs.map { "MSG#" + $0 }

        progress("Query newest 20 × \(c.operations)")
        let queryNanos = try Self.time(c.operations) {
            let pk = groupKeys[Int(rng.next() % UInt64(groupKeys.count))]
            let out = try table.query(QueryInput(
                tableName: Self.tableName, keyConditionExpression: "pk = :pk", expressionAttributeValues: [":pk": .s(pk)],
                scanIndexForward: false, limit: 20))
            precondition(out.count == min(20, perConversation), "query returned \(out.count)")
        }

        progress("GetItem × \(c.operations)")
        let getNanos = try Self.time(c.operations) {
            let conversation = Int(rng.next() % UInt64(c.conversations))
            let keys = data.messageKeys[conversation]
            let sk = keys[Int(rng.next() % UInt64(keys.count))]
            let out = try table.getItem(GetItemInput(tableName: Self.tableName, key: ["pk": .s(groupKeys[conversation]), "sk": .s(sk)]))
            precondition(out.item != nil)
        }

        progress("hot set (\(c.hotConversations) conversations): Query newest 20 and GetItem × \(c.operations)")
        let hot = max(1, min(c.hotConversations, c.conversations))
        let hotQueryNanos = try Self.time(c.operations) {
            let pk = groupKeys[Int(rng.next() % UInt64(hot))]
            let out = try table.query(QueryInput(
                tableName: Self.tableName, keyConditionExpression: "pk = :pk", expressionAttributeValues: [":pk": .s(pk)],
                scanIndexForward: false, limit: 20))
            precondition(out.count == min(20, perConversation), "query returned \(out.count)")
        }
        let hotGetNanos = try Self.time(c.operations) {
            let conversation = Int(rng.next() % UInt64(hot))
            let keys = data.messageKeys[conversation]
            let sk = keys[Int(rng.next() % UInt64(min(keys.count, 20)))]
            let out = try table.getItem(GetItemInput(tableName: Self.tableName, key: ["pk": .s(groupKeys[conversation]), "sk": .s(sk)]))
            precondition(out.item != nil)
        }

        progress("PutItem × \(c.operations)")
        var newItems: [Item] = []
        newItems.reserveCapacity(c.operations)
        for i in 0..<c.operations { newItems.append(data.message(conversation: i % c.conversations, index: perConversation + i / c.conversations)) }
        var next = 0
        let putNanos = try Self.time(c.operations) {
            try table.putItem(PutItemInput(tableName: Self.tableName, item: newItems[next]))
            next += 1
        }

        progress("Query newest 20 on two threads")
        let single = try Self.queryThroughput(table: table, groupKeys: groupKeys, threads: 1, operations: c.operations, seed: c.seed)
        let double = try Self.queryThroughput(table: table, groupKeys: groupKeys, threads: 2, operations: c.operations, seed: c.seed)

        return Result(
            items: itemCount, itemSizeSum: itemSizeSum, allocatedBytes: allocated, loadSeconds: loadSeconds,
            queryNewest20Nanos: queryNanos, getItemNanos: getNanos, hotQueryNewest20Nanos: hotQueryNanos, hotGetItemNanos: hotGetNanos,
            putItemNanos: putNanos,
            queryTwoThreadSpeedup: double / single)
    }

    static func queryThroughput(table: Table, groupKeys: [String], threads: Int, operations: Int, seed: UInt64) throws -> Double {
        let start = now()
        DispatchQueue.concurrentPerform(iterations: threads) { worker in
            var rng = SplitMix64(seed: seed &+ UInt64(worker))
            for _ in 0..<operations {
                let pk = groupKeys[Int(rng.next() % UInt64(groupKeys.count))]
                _ = try? table.query(QueryInput(
                    tableName: tableName, keyConditionExpression: "pk = :pk", expressionAttributeValues: [":pk": .s(pk)],
                    scanIndexForward: false, limit: 20))
            }
        }
        return Double(threads * operations) / (Double(now() - start) / 1e9)
    }

    /// Runs `body` `count` times; returns the calling thread's CPU nanoseconds per call.
    ///
    /// CPU time, not wall time: on a shared 2-core machine (load averages of 5–10 were common while this was
    /// written) wall time mostly measures the other processes. CPU time still includes this thread's cache
    /// misses, so it is the engine's cost; wall-clock figures come from `stbench run`.
    @inline(never)
    static func time(_ count: Int, _ body: () throws -> Void) rethrows -> Double {
        let start = threadCPUNanos()
        for _ in 0..<count { try body() }
        return Double(threadCPUNanos() - start) / Double(count)
    }

    static func now() -> UInt64 { SystemClock().nowNanos() }

    static func threadCPUNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) &* 1_000_000_000 &+ UInt64(ts.tv_nsec)
    }
}
