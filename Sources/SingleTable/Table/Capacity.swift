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

/// Accumulates the units of one request by table and index, then renders DynamoDB's ConsumedCapacity.
struct CapacityTally {
    var read = 0.0
    var write = 0.0
    var globalIndexes: [String: Double] = [:]
    var localIndexes: [String: Double] = [:]
    var isWrite: Bool

    init(isWrite: Bool) { self.isWrite = isWrite }

    mutating func scale(by factor: Double) {
        read *= factor
        write *= factor
        for key in globalIndexes.keys { globalIndexes[key]! *= factor }
        for key in localIndexes.keys { localIndexes[key]! *= factor }
    }

    func render(tableName: String, mode: ReturnConsumedCapacity) -> ConsumedCapacity? {
        switch mode {
        case .none: return nil
        case .total, .indexes:
            let tableUnits = isWrite ? write : read
            let total = tableUnits + globalIndexes.values.reduce(0, +) + localIndexes.values.reduce(0, +)
            var result = ConsumedCapacity(
                tableName: tableName, capacityUnits: total,
                readCapacityUnits: isWrite ? nil : total, writeCapacityUnits: isWrite ? total : nil)
            if mode == .indexes {
                func capacity(_ units: Double) -> Capacity {
                    Capacity(capacityUnits: units, readCapacityUnits: isWrite ? nil : units, writeCapacityUnits: isWrite ? units : nil)
                }
                result.table = capacity(tableUnits)
                if !globalIndexes.isEmpty { result.globalSecondaryIndexes = globalIndexes.mapValues(capacity) }
                if !localIndexes.isEmpty { result.localSecondaryIndexes = localIndexes.mapValues(capacity) }
            }
            return result
        }
    }
}
