/// Dollars saved by a cache in front of DynamoDB on-demand reads.
///
///     read units saved / month = rate · (hit read units / reads) · consistency · 730 h · 3,600 s
///     read $ saved / month     = units saved / 10⁶ · read price
///     cache $ / month          = cache GiB · price per GiB-hour · 730 h
///
/// Defaults: $0.125 per million read request units (DynamoDB on-demand, us-east-1, after the
/// November 2024 price cut that halved on-demand prices; it was $0.25 before — pass
/// `--read-price 0.25` for the old figure); eventually consistent reads (½ unit per 4 KB);
/// cache $0.125 per GiB-hour (ElastiCache Serverless-like storage price; its per-request
/// ECPU charge and minimum billed size are not modelled).
public struct CostModel: Codable, Sendable, Hashable {
    /// Reads per second the application sends.
    public var readsPerSecond: Double
    public var readPricePerMillionUnits: Double
    public var cachePricePerGiBHour: Double
    public var eventuallyConsistent: Bool

    public static let hoursPerMonth = 730.0

    public init(readsPerSecond: Double, readPricePerMillionUnits: Double = 0.125,
                cachePricePerGiBHour: Double = 0.125, eventuallyConsistent: Bool = true) {
        self.readsPerSecond = readsPerSecond
        self.readPricePerMillionUnits = readPricePerMillionUnits
        self.cachePricePerGiBHour = cachePricePerGiBHour
        self.eventuallyConsistent = eventuallyConsistent
    }

    /// Cost view of one simulated (policy, size).
    func line(policy: String, size: Int, result: SimulationResultSummary, cacheBytes: Double) -> CostLine {
        let unitsPerRead = result.reads == 0 ? 0 : Double(result.hitReadUnits) / Double(result.reads)
        let consistency = eventuallyConsistent ? 0.5 : 1.0
        let unitsSaved = readsPerSecond * unitsPerRead * consistency * Self.hoursPerMonth * 3_600
        let readDollars = unitsSaved / 1_000_000 * readPricePerMillionUnits
        let gib = cacheBytes / Double(1 << 30)
        let cacheDollars = gib * cachePricePerGiBHour * Self.hoursPerMonth
        return CostLine(policy: policy, size: size, cacheGiB: gib, readUnitsSavedPerMonth: unitsSaved,
                        readDollarsSavedPerMonth: readDollars, cacheDollarsPerMonth: cacheDollars,
                        netDollarsPerMonth: readDollars - cacheDollars)
    }
}

public struct CostLine: Codable, Sendable, Hashable {
    public var policy: String
    public var size: Int
    public var cacheGiB: Double
    public var readUnitsSavedPerMonth: Double
    public var readDollarsSavedPerMonth: Double
    public var cacheDollarsPerMonth: Double
    public var netDollarsPerMonth: Double
}
