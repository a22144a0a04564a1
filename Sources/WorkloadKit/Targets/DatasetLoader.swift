import Foundation
import SingleTable

/// Loads a generated dataset through the public API: BatchWriteItem with 25 puts per call (DynamoDB's
/// maximum), conversation ranges split across threads.
struct DatasetLoader {
    let database: Database
    let generator: DatasetGenerator

    static let batchSize = 25

    func load(threads: Int) throws(TargetError) -> EmbeddedTarget.LoadStatistics {
        let conversations = generator.conversationCount
        let parts = min(threads, max(1, conversations))
        let results = LoadResults(parts: parts)
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = EmbeddedTarget.LoadStatistics.processCPUSeconds()
        // Own threads, not DispatchQueue.concurrentPerform: measured on this 2-core VM, concurrentPerform
        // sometimes ran both parts one after the other (CPU time equal to wall time: 272k items/s against
        // 470-500k when the parts overlapped), apparently when the machine had been busy.
        let done = DispatchGroup()
        for part in 1..<parts {
            done.enter()
            let thread = Thread {
                self.loadPart(part, of: parts, results: results)
                done.leave()
            }
            thread.name = "stbench-load-\(part)"
            thread.start()
        }
        loadPart(0, of: parts, results: results)
        done.wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let cpuSeconds = EmbeddedTarget.LoadStatistics.processCPUSeconds() - cpuStart
        if let error = results.firstError { throw EmbeddedTarget.map(error) }
        return EmbeddedTarget.LoadStatistics(items: results.total, seconds: seconds, cpuSeconds: cpuSeconds, threads: parts)
    }

    /// Loads the conversations of part `part` (of `parts` equal conversation ranges).
    private func loadPart(_ part: Int, of parts: Int, results: LoadResults) {
        let conversations = generator.conversationCount
        let range = (conversations * part / parts)..<(conversations * (part + 1) / parts)
        var batch: [WriteRequest] = []
        batch.reserveCapacity(DatasetLoader.batchSize)
        var count = 0
        do throws(DynamoDBError) {
            try generator.forEachItem(conversations: range) { (item: Item) throws(DynamoDBError) in
                batch.append(.put(item: item))
                if batch.count == DatasetLoader.batchSize {
                    try DatasetLoader.writeBatch(database, batch)
                    count += batch.count
                    batch.removeAll(keepingCapacity: true)
                }
            }
            if !batch.isEmpty {
                try DatasetLoader.writeBatch(database, batch)
                count += batch.count
            }
            results.record(part: part, count: count, error: nil)
        } catch {
            results.record(part: part, count: count, error: error)
        }
    }


    /// One BatchWriteItem, resubmitting unprocessed requests until none are left.
    static func writeBatch(_ database: Database, _ requests: [WriteRequest]) throws(DynamoDBError) {
        var pending = requests
        while !pending.isEmpty {
            let output = try database.batchWriteItem(BatchWriteItemInput(requestItems: [CruddurItems.tableName: pending]))
            pending = output.unprocessedItems[CruddurItems.tableName] ?? []
        }
    }
}

/// Per-thread outcomes of a load.
private final class LoadResults: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]
    private var errors: [DynamoDBError?]

    init(parts: Int) {
        counts = Array(repeating: 0, count: parts)
        errors = Array(repeating: nil, count: parts)
    }

    func record(part: Int, count: Int, error: DynamoDBError?) {
        lock.withLock {
            counts[part] = count
            errors[part] = error
        }
    }

    var total: Int { lock.withLock { counts.reduce(0, +) } }
    var firstError: DynamoDBError? { lock.withLock { errors.lazy.compactMap { $0 }.first } }
}
