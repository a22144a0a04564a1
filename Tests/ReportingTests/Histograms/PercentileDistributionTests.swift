import Histogram
import Testing
@testable import Reporting

@Suite struct PercentileDistributionTests {
    @Test func tableValuesAreTheHistogramsOwnPercentiles() {
        let histogram = Fixtures.histogram(Fixtures.latencies(count: 5_000, median: 1_500_000, seed: 9))
        let text = PercentileDistribution.text(histogram, unitRatio: 1_000)
        let lines = text.split(separator: "\n")
        #expect(lines[0].split(separator: " ") == ["Value", "Percentile", "TotalCount", "1/(1-Percentile)"])
        var rows = 0
        for line in lines.dropFirst() where !line.hasPrefix("#") {
            let fields = line.split(separator: " ")
            guard fields.count >= 3, let value = Double(fields[0]), let percentile = Double(fields[1]), let total = UInt64(fields[2]) else { continue }
            rows += 1
            // The printed value (µs, 3 decimals) is the highest equivalent value at that percentile.
            let expected = Double(histogram.highestEquivalentForValue(histogram.valueAtPercentile(percentile * 100))) / 1_000
            #expect(abs(value - expected) <= 0.0005 + expected * 1e-3, "row \(line)")
            #expect(total <= histogram.totalCount)
            if fields.count == 4, let inverse = Double(fields[3]) {
                #expect(abs(inverse - 1 / (1 - percentile)) <= 0.01 * max(1, inverse / 100))
            }
        }
        #expect(rows > 20)
        #expect(text.contains("#[Max     = "))
        #expect(text.contains("Total count    =         5000]"))
        #expect(text.contains("#[Buckets = "))
    }
}
