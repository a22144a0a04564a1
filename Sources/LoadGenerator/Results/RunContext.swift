import Reporting

/// What `RunResults` needs beyond the measurements: which workload, which build, which machine.
public struct RunContext: Sendable {
    public var workloadName: String
    /// The workload file, or a description such as "(built-in defaults)".
    public var workloadFile: String
    public var tool: ToolInfo
    public var environment: EnvironmentInfo
    /// Encodes whole-run histograms (HdrHistogram V2, base64). Nil leaves `latencyHistogram` and
    /// `serviceTimeHistogram` nil. The same encoder given to `RunnerOptions` fills the interval histograms.
    public var histogramEncoder: HistogramEncoder?
    public var metrics: [String: Double]?

    public init(workloadName: String, workloadFile: String, tool: ToolInfo, environment: EnvironmentInfo, histogramEncoder: HistogramEncoder? = nil, metrics: [String: Double]? = nil) {
        self.workloadName = workloadName
        self.workloadFile = workloadFile
        self.tool = tool
        self.environment = environment
        self.histogramEncoder = histogramEncoder
        self.metrics = metrics
    }
}
