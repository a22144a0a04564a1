#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A distribution of small positive sizes: messages per conversation, message length in bytes.
/// Every draw is clamped to `minimum...maximum`, so the generator never produces an empty conversation
/// or a message longer than the prebuilt text buffer.
public enum SizeDistribution: Sendable, Hashable {
    case constant(Int)
    case uniform(min: Int, max: Int)
    /// Normal (Box–Muller), rounded and clamped to min...max.
    case normal(mean: Double, stddev: Double, min: Int, max: Int)

    public static let names = ["constant", "uniform", "normal"]

    public var minimum: Int {
        switch self {
        case .constant(let v): v
        case .uniform(let lo, _): lo
        case .normal(_, _, let lo, _): lo
        }
    }

    public var maximum: Int {
        switch self {
        case .constant(let v): v
        case .uniform(_, let hi): hi
        case .normal(_, _, _, let hi): hi
        }
    }

    /// The expected value before clamping (for sizing reports).
    public var mean: Double {
        switch self {
        case .constant(let v): Double(v)
        case .uniform(let lo, let hi): Double(lo + hi) / 2
        case .normal(let m, _, _, _): m
        }
    }

    @inline(__always)
    public func next(using rng: inout some RandomNumberGenerator) -> Int {
        switch self {
        case .constant(let v):
            return v
        case .uniform(let lo, let hi):
            return lo + Int(rng.nextIndex(below: UInt64(hi - lo + 1)))
        case .normal(let mean, let stddev, let lo, let hi):
            // Box–Muller; 1 − u keeps log's argument in (0, 1].
            let u1 = 1 - rng.nextUnitDouble()
            let u2 = rng.nextUnitDouble()
            let z = (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
            let value = (mean + stddev * z).rounded()
            if !(value >= Double(lo)) { return lo }
            if value > Double(hi) { return hi }
            return Int(value)
        }
    }
}
