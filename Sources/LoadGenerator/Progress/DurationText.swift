/// Nanoseconds as short human text: "850ns", "12.3µs", "4.56ms", "1.20s" (three significant digits, like the histograms).
public enum DurationText {
    public static func format(nanos: UInt64) -> String {
        if nanos < 1_000 { return "\(nanos)ns" }
        if nanos < 1_000_000 { return scaled(nanos, 1_000, "µs") }
        if nanos < 1_000_000_000 { return scaled(nanos, 1_000_000, "ms") }
        return scaled(nanos, 1_000_000_000, "s")
    }

    private static func scaled(_ nanos: UInt64, _ unit: UInt64, _ suffix: String) -> String {
        let value = Double(nanos) / Double(unit)
        let decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2
        var factor = 1.0
        for _ in 0..<decimals { factor *= 10 }
        let rounded = Int((value * factor).rounded())
        if decimals == 0 { return "\(rounded)\(suffix)" }
        let whole = rounded / Int(factor)
        var fraction = String(rounded % Int(factor))
        while fraction.count < decimals { fraction = "0" + fraction }
        return "\(whole).\(fraction)\(suffix)"
    }
}
