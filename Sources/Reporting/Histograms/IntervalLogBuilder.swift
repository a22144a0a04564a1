extension IntervalLog {
    /// The interval log of a run: one tagged line per pattern per interval that carries a histogram,
    /// patterns in name order. BaseTime is `startedAt` plus the warm-up (interval `t` counts from
    /// the start of the measured part), so timestamps are seconds into the measurement.
    public init(results: RunResults, maxValueUnitRatio: Double = 1e6) {
        let started = EpochTime.seconds(iso8601: results.startedAt)
        self.init(
            startTime: started,
            baseTime: started.map { $0 + results.run.warmupSeconds },
            maxValueUnitRatio: maxValueUnitRatio,
            comments: [
                "stbench \(results.tool.version) workload \(results.workload.name) target \(results.target)",
                "Values in ns; Interval_Max in units of \(NumberText.fixed(maxValueUnitRatio, places: 0)) ns",
            ])
        var previousEnd = 0.0
        for interval in results.intervals {
            let length = interval.t - previousEnd
            for name in interval.patterns.keys.sorted() {
                guard let pattern = interval.patterns[name], let histogram = pattern.histogram else { continue }
                entries.append(IntervalLogEntry(
                    tag: name, startTimestamp: previousEnd, intervalLength: length,
                    intervalMax: Double(pattern.max) / maxValueUnitRatio, histogram: histogram))
            }
            previousEnd = interval.t
        }
    }
}
