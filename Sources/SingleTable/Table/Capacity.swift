/// DynamoDB's capacity arithmetic.
///
/// Reads: one unit per 4 KB (rounded up) for a strongly consistent read, half for an eventually consistent
/// one; a Query or Scan sums the sizes of every item it evaluates and rounds once. Writes: one unit per
/// 1 KB (rounded up) of the larger of the old and new item. Transactions cost twice as much.
enum CapacityMath {
    static let readUnitBytes = 4096
    static let writeUnitBytes = 1024

    @inline(__always)
    static func readUnits(_ bytes: Int, consistent: Bool) -> Double {
        let units = max(1, (bytes + readUnitBytes - 1) / readUnitBytes)
        return consistent ? Double(units) : Double(units) / 2
    }

    @inline(__always)
    static func writeUnits(_ bytes: Int) -> Double {
        Double(max(1, (bytes + writeUnitBytes - 1) / writeUnitBytes))
    }
}

/// Capacity units by index name, for the few indexes one request touches.
///
/// An array searched by name, not a `[String: Double]`: every write to an indexed item adds its index
/// units, and a dictionary meant an allocation plus SipHash of the index name per write and per merge.
/// Callgrind, dataset load: skipping the dictionaries saved ~400 of 19.4k instructions per item; with this
/// array the tally costs ~150 (19.15k). A table has at most 20 GSIs and 5 LSIs.
struct IndexUnits {
    private(set) var entries: [(name: String, units: Double)] = []

    var isEmpty: Bool { entries.isEmpty }
    var total: Double { entries.reduce(0) { $0 + $1.units } }

    subscript(name: String, default fallback: Double) -> Double {
        get { entries.first { $0.name.isSameName(name) }?.units ?? fallback }
        set {
            if let i = entries.firstIndex(where: { $0.name.isSameName(name) }) {
                entries[i].units = newValue
            } else {
                entries.append((name, newValue))
            }
        }
    }

    mutating func add(_ other: IndexUnits) {
        for (name, units) in other.entries { self[name, default: 0] += units }
    }

    mutating func scale(by factor: Double) {
        for i in entries.indices { entries[i].units *= factor }
    }

    /// As DynamoDB reports them: by index name.
    func map<T>(_ transform: (Double) -> T) -> [String: T] {
        Dictionary(entries.map { ($0.name, transform($0.units)) }, uniquingKeysWith: { first, _ in first })
    }
}

/// Accumulates the units of one request by table and index, then renders DynamoDB's ConsumedCapacity.
struct CapacityTally {
    var read = 0.0
    var write = 0.0
    var globalIndexes = IndexUnits()
    var localIndexes = IndexUnits()
    var isWrite: Bool

    init(isWrite: Bool) { self.isWrite = isWrite }

    mutating func scale(by factor: Double) {
        read *= factor
        write *= factor
        globalIndexes.scale(by: factor)
        localIndexes.scale(by: factor)
    }

    mutating func add(_ other: CapacityTally) {
        read += other.read
        write += other.write
        globalIndexes.add(other.globalIndexes)
        localIndexes.add(other.localIndexes)
    }

    func render(tableName: String, mode: ReturnConsumedCapacity) -> ConsumedCapacity? {
        switch mode {
        case .none: return nil
        case .total, .indexes:
            let tableUnits = isWrite ? write : read
            let total = tableUnits + globalIndexes.total + localIndexes.total
            var result = ConsumedCapacity(
                tableName: tableName, capacityUnits: total,
                readCapacityUnits: isWrite ? nil : total, writeCapacityUnits: isWrite ? total : nil)
            if mode == .indexes {
                func capacity(_ units: Double) -> Capacity {
                    Capacity(capacityUnits: units, readCapacityUnits: isWrite ? nil : units, writeCapacityUnits: isWrite ? units : nil)
                }
                result.table = capacity(tableUnits)
                if !globalIndexes.isEmpty { result.globalSecondaryIndexes = globalIndexes.map(capacity) }
                if !localIndexes.isEmpty { result.localSecondaryIndexes = localIndexes.map(capacity) }
            }
            return result
        }
    }
}
