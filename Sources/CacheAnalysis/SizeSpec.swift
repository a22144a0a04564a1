import CacheKit

/// A cache size on the command line: absolute ("10000", "64MB") or a share of the working
/// set ("1%"), resolved against the trace's unique keys or unique bytes.
public enum SizeSpec: Sendable, Hashable, Codable {
    case absolute(Int)
    case fractionOfWorkingSet(Double)

    /// Parses "1000", "2.5%", "64KB"/"64MB"/"1GB" (binary multiples).
    public init(parsing text: String) throws {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("%") {
            guard let v = Double(t.dropLast()), v > 0, v <= 100 else {
                throw CacheConfigurationError("size '\(text)': expected a percentage in (0%, 100%]")
            }
            self = .fractionOfWorkingSet(v / 100)
            return
        }
        let units: [(String, Int)] = [("KB", 1 << 10), ("MB", 1 << 20), ("GB", 1 << 30), ("K", 1 << 10), ("M", 1 << 20), ("G", 1 << 30)]
        for (suffix, multiple) in units where t.uppercased().hasSuffix(suffix) {
            guard let v = Double(t.dropLast(suffix.count)), v > 0 else { break }
            self = .absolute(Int(v * Double(multiple)))
            return
        }
        guard let v = Int(t), v > 0 else {
            throw CacheConfigurationError("size '\(text)': expected a positive integer, a size like 64MB, or a percentage like 1%")
        }
        self = .absolute(v)
    }

    func resolve(workingSet: Int) -> Int {
        switch self {
        case .absolute(let v): return v
        case .fractionOfWorkingSet(let f): return max(1, Int((Double(workingSet) * f).rounded()))
        }
    }
}

import Foundation
