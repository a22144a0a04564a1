import Foundation

/// Reads durations as written on the command line and in workload files: "30s", "500ms", "2m", "250us",
/// "1h", or a plain number of seconds ("1.5").
public enum DurationArgument {
    /// Seconds, or nil when `text` is not a non-negative number with one of the units ns, us, µs, ms, s, m, h.
    public static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for (suffix, scale) in units where trimmed.hasSuffix(suffix) {
            // "ms" must win over "s", "ns" over "s": units are listed longest-first where they overlap.
            let number = trimmed.dropLast(suffix.count)
            if let value = Double(number), value >= 0, value.isFinite { return value * scale }
        }
        if let value = Double(trimmed), value >= 0, value.isFinite { return value }
        return nil
    }
}
