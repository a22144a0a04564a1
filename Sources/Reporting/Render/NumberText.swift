/// Fixed-point number text without Foundation formatters (reports run on CI hosts of any locale,
/// and the same digits must come out everywhere).
enum NumberText {
    /// `value` with exactly `places` decimals, rounded half away from zero.
    static func fixed(_ value: Double, places: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-Infinity" : "Infinity") }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e18 else { return String(value) }
        let units = UInt64(scaled)
        let divisor = UInt64(scale)
        let negative = value < 0 && units != 0
        var text = negative ? "-" : ""
        text += String(units / divisor)
        if places > 0 {
            let fraction = String(units % divisor)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    /// Integers with thin grouping for tables: 1234567 -> "1,234,567".
    static func grouped(_ value: UInt64) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    /// A latency in nanoseconds in the unit that keeps 3-4 significant digits readable: "850 ns", "12.3 µs", "4.56 ms", "1.20 s".
    static func duration(nanoseconds: UInt64) -> String {
        duration(nanoseconds: Double(nanoseconds))
    }

    static func duration(nanoseconds value: Double) -> String {
        switch value {
        case ..<1_000: return fixed(value, places: 0) + " ns"
        case ..<1_000_000: return fixed(value / 1_000, places: value < 10_000 ? 2 : 1) + " µs"
        case ..<1_000_000_000: return fixed(value / 1_000_000, places: value < 10_000_000 ? 2 : 1) + " ms"
        default: return fixed(value / 1_000_000_000, places: 2) + " s"
        }
    }

    /// A ratio as a percentage with the given decimals: 0.1234 -> "12.34%".
    static func percent(_ ratio: Double, places: Int = 2) -> String {
        fixed(ratio * 100, places: places) + "%"
    }

    /// Right-pads or left-pads to a column width.
    static func padLeft(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
    }

    static func padRight(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
