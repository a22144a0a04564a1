/// Policy tuning as `name=value` pairs, e.g. "window=0.01,protected=0.8".
///
/// Unknown names are errors (as in libCacheSim): a typo must not silently fall back to a
/// default and produce a different experiment.
public struct PolicyParameters: Sendable, Hashable {
    public var values: [String: Double]

    public init(_ values: [String: Double] = [:]) { self.values = values }

    /// Parses "name=value,name=value". An empty string gives no parameters.
    public init(parsing text: String) throws {
        var values: [String: Double] = [:]
        for part in text.split(separator: ",") where !part.isEmpty {
            let pieces = part.split(separator: "=", maxSplits: 1)
            guard pieces.count == 2, let value = Double(pieces[1]) else {
                throw CacheConfigurationError("policy parameter '\(part)': expected name=number")
            }
            values[String(pieces[0])] = value
        }
        self.values = values
    }

    /// Throws unless every given name is in `allowed`.
    func validate(policy: String, allowed: [String]) throws {
        for name in values.keys where !allowed.contains(name) {
            let known = allowed.isEmpty ? "none" : allowed.joined(separator: ", ")
            throw CacheConfigurationError("\(policy): unknown parameter '\(name)' (known: \(known))")
        }
    }

    /// The value of `name` or `defaultValue`, checked to lie in `range`.
    func fraction(_ name: String, policy: String, default defaultValue: Double,
                  in range: ClosedRange<Double> = 0...1) throws -> Double {
        let value = values[name] ?? defaultValue
        guard range.contains(value) else {
            throw CacheConfigurationError("\(policy): parameter \(name)=\(value) must lie in \(range)")
        }
        return value
    }
}

/// A configuration mistake: bad policy name, parameter, capacity or option.
public struct CacheConfigurationError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

func checkCapacity(_ capacity: Int, policy: String) throws {
    guard capacity > 0 else {
        throw CacheConfigurationError("\(policy): capacity must be positive, got \(capacity)")
    }
}
