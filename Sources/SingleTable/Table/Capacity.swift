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
/// Not a `[String: Double]`: every write to an indexed item adds its index units, and a dictionary meant an
/// allocation plus SipHash of the index name per write and per merge (callgrind, dataset load: ~400 of
/// 19.4k instructions per item). The first index is held inline and the rest in an array searched by
/// name: most writes touch one index, and appending it to an empty array was still an allocation per
/// write (callgrind, D pattern: `IndexUnits.subscript` ~260 instructions per indexed write, now see `add`).
/// A table has at most 20 GSIs and 5 LSIs.
struct IndexUnits {
    private var first: (name: String, units: Double)? = nil
    private var rest: [(name: String, units: Double)] = []

    var isEmpty: Bool { first == nil }
    var total: Double { rest.reduce(first?.units ?? 0) { $0 + $1.units } }

    subscript(name: String, default fallback: Double) -> Double {
        get {
            if let first, first.name.isSameName(name) { return first.units }
            return rest.first { $0.name.isSameName(name) }?.units ?? fallback
        }
        set {
            guard let current = first else {
                first = (name, newValue)
                return
            }
            if current.name.isSameName(name) {
                first = (name, newValue)
            } else if let i = rest.firstIndex(where: { $0.name.isSameName(name) }) {
                rest[i].units = newValue
            } else {
                rest.append((name, newValue))
            }
        }
    }

    /// Adds `units` to the index `name` (one search, where `self[name, default: 0] += units` made two).
    mutating func add(_ units: Double, to name: String) {
        if first == nil {
            first = (name, units)
        } else if first!.name.isSameName(name) {
            first!.units += units
        } else {
            self[name, default: 0] += units
        }
    }

    mutating func add(_ other: IndexUnits) {
        other.forEach { name, units in add(units, to: name) }
    }

    mutating func scale(by factor: Double) {
        first?.units *= factor
        for i in rest.indices { rest[i].units *= factor }
    }

    /// As DynamoDB reports them: by index name.
    func map<T>(_ transform: (Double) -> T) -> [String: T] {
        var result: [String: T] = [:]
        forEach { name, units in
            if result[name] == nil { result[name] = transform(units) }
        }
        return result
    }

    /// Every entry, in the order the indexes were first added.
    private func forEach(_ body: (String, Double) -> Void) {
        guard let first else { return }
        body(first.name, first.units)
        for entry in rest { body(entry.name, entry.units) }
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
