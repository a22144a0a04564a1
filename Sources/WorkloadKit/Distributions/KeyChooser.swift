/// How a workload file names a key distribution, before it is bound to a key count.
public enum DistributionSpec: Sendable, Hashable {
    case uniform
    case zipfian(theta: Double)
    case scrambledZipfian(theta: Double)
    case latest(theta: Double)
    case hotspot(hotFraction: Double, hotProbability: Double)

    public static let names = ["uniform", "zipfian", "scrambled_zipfian", "latest", "hotspot"]

    /// YCSB's default Zipfian constant.
    public static let defaultTheta = 0.99

    public func bind(count: Int) -> KeyChooser {
        let n = UInt64(count)
        switch self {
        case .uniform: return .uniform(UniformDistribution(count: n))
        case .zipfian(let t): return .zipfian(ZipfianDistribution(count: n, theta: t))
        case .scrambledZipfian(let t): return .scrambledZipfian(ScrambledZipfianDistribution(count: n, theta: t))
        case .latest(let t): return .latest(LatestDistribution(count: n, theta: t))
        case .hotspot(let f, let p): return .hotspot(HotspotDistribution(count: n, hotFraction: f, hotProbability: p))
        }
    }
}

/// One of the concrete distributions, chosen at run time from a workload file. An enum rather than an
/// existential so that each draw is a switch and a direct (specialised) call.
public enum KeyChooser: KeyDistribution {
    case uniform(UniformDistribution)
    case zipfian(ZipfianDistribution)
    case scrambledZipfian(ScrambledZipfianDistribution)
    case latest(LatestDistribution)
    case hotspot(HotspotDistribution)

    public var count: UInt64 {
        switch self {
        case .uniform(let d): d.count
        case .zipfian(let d): d.count
        case .scrambledZipfian(let d): d.count
        case .latest(let d): d.count
        case .hotspot(let d): d.count
        }
    }

    @inline(__always)
    public func next(using rng: inout some RandomNumberGenerator) -> UInt64 {
        switch self {
        case .uniform(let d): d.next(using: &rng)
        case .zipfian(let d): d.next(using: &rng)
        case .scrambledZipfian(let d): d.next(using: &rng)
        case .latest(let d): d.next(using: &rng)
        case .hotspot(let d): d.next(using: &rng)
        }
    }
}
