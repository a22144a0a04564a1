import Histogram
import Testing
@testable import Reporting

@Suite struct IntervalLogTests {
    @Test func linesDecodeBackToTheIntervalCounts() throws {
        let values = Fixtures.latencies(count: 400, median: 2_000_000, seed: 1)
        let results = Fixtures.results(["list_messages": values, "list_conversations": values.map { $0 / 2 }])
        let text = IntervalLog(results: results).text(startTimeText: results.startedAt)
        let parsed = try IntervalLog.parse(text)
        #expect(parsed.entries.count == 8)
        for entry in parsed.entries {
            let index = Int((entry.startTimestamp).rounded())
            let source = results.intervals[index].patterns[entry.tag!]!
            let decoded = try entry.decodedHistogram()
            let expected = try HistogramCodec.decodeBase64(source.histogram!)
            #expect(decoded.totalCount == source.operations)
            #expect(Array(decoded.recordedValues()) == Array(expected.recordedValues()))
            #expect(entry.intervalLength == 1.0)
            // Interval_Max is in milliseconds (ratio 1e6) with three decimals.
            #expect(abs(entry.intervalMax - Double(source.max) / 1e6) <= 0.0005)
        }
    }

    @Test func headerFollowsHistogramLogFormat13() throws {
        let results = Fixtures.results(["list_messages": [1_000, 2_000]], intervalCount: 1)
        let lines = IntervalLog(results: results).text(startTimeText: results.startedAt).split(separator: "\n")
        // 2026-11-22T00:01:43.123Z is 20779 days (Python's datetime agrees) * 86400 + 103.123 s = 1795305703.123 s after the epoch.
        #expect(lines.contains("#[Histogram log format version 1.3]"))
        #expect(lines.contains("#[StartTime: 1795305703.123 (seconds since epoch), 2026-11-22T00:01:43.123Z]"))
        #expect(lines.contains("#[BaseTime: 1795305705.123 (seconds since epoch)]"))
        #expect(lines.contains("\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\""))
        #expect(lines.last!.hasPrefix("Tag=list_messages,0.000,1.000,0.002,HISTFAA"))
        let parsed = try IntervalLog.parse(lines.joined(separator: "\n"))
        #expect(parsed.startTime == 1_795_305_703.123)
        #expect(parsed.baseTime == 1_795_305_705.123)
    }

    @Test func readsAnUntaggedLineAndAForeignLog() throws {
        // From the HdrHistogram JS test suite's log fixture (HistogramLogReader.spec), written by Java's HistogramLogWriter.
        let text = """
        #[Histogram log format version 1.2]
        #[StartTime: 1441812279.474 (seconds since epoch), Wed Sep 09 08:24:39 PDT 2015]
        "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
        Tag=A,0.127,1.007,2.769,HISTFAAAAEV42pNpmSzMwMCgyAABTBDKT4GBgdnNYMcCBvsPEBEJISEuATEZMQ4uASkhIR4nrxg9v2lMaxhvMekILGZkKmcCAEf2CsI=
        0.127,1.007,2.769,HISTFAAAAEV42pNpmSzMwMCgyAABTBDKT4GBgdnNYMcCBvsPEBEJISEuATEZMQ4uASkhIR4nrxg9v2lMaxhvMekILGZkKmcCAEf2CsI=
        """
        let log = try IntervalLog.parse(text)
        #expect(log.startTime == 1_441_812_279.474)
        #expect(log.entries.map(\.tag) == ["A", nil])
        let histogram = try log.entries[0].decodedHistogram()
        // The line's Interval_Max is 2.769 (ms, ratio 1e6): the histogram's max must be equivalent.
        #expect(histogram.totalCount > 0)
        #expect(abs(Double(histogram.max) / 1e6 - 2.769) < 0.01)
    }

    @Test func rejectsAMalformedLine() {
        #expect(throws: IntervalLogError.malformedLine(1, "expected [Tag=name,]start,length,max,histogram; found 2 fields")) {
            try IntervalLog.parse("Tag=x,1.0,HIST")
        }
    }

    @Test func epochTimeMatchesHandWorkedDates() {
        #expect(EpochTime.seconds(iso8601: "1970-01-01T00:00:00Z") == 0)
        // 2000-01-01 is 946684800 (10957 days); March 1st adds 31 + 29 days.
        #expect(EpochTime.seconds(iso8601: "2000-03-01T00:00:00.500Z") == 951_868_800.5)
        #expect(EpochTime.seconds(iso8601: "2026-11-22 00:01:43Z") == nil)
    }
}
