import Foundation

/// A results file as read from disk: one run or the repetitions of one.
public enum ResultsDocument: Sendable, Equatable {
    case single(RunResults)
    case repeated(RepeatedResults)

    /// Every run the file holds (one for a single run).
    public var repetitions: [RunResults] {
        switch self {
        case .single(let results): return [results]
        case .repeated(let repeated): return repeated.repetitions
        }
    }

    /// The run reports show: the single run, or the repetition with the median total throughput
    /// (lower median for even counts), so one noisy repetition does not speak for all.
    public var representative: RunResults {
        let runs = repetitions
        let order = runs.indices.sorted { runs[$0].totals.throughput < runs[$1].totals.throughput }
        return runs[order[(order.count - 1) / 2]]
    }

    public static func load(path: String) throws(ResultsFileError) -> ResultsDocument {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw .unreadable(path: path, reason: "\(error.localizedDescription)")
        }
        return try decode(data, path: path)
    }

    public static func decode(_ data: Data, path: String = "<data>") throws(ResultsFileError) -> ResultsDocument {
        struct Probe: Decodable {
            var schemaVersion: Int?
            var repetitions: [AnyDecodable]?
        }
        struct AnyDecodable: Decodable { init(from decoder: Decoder) throws {} }
        let decoder = JSONDecoder()
        let probe: Probe
        do { probe = try decoder.decode(Probe.self, from: data) } catch {
            throw .malformed(path: path, reason: describe(error))
        }
        guard let version = probe.schemaVersion else {
            throw .malformed(path: path, reason: "no \"schemaVersion\" key; expected a results.json written by stbench run")
        }
        guard version <= RunResults.currentSchemaVersion, version >= 1 else {
            throw .unsupportedVersion(path: path, found: version, supported: RunResults.currentSchemaVersion)
        }
        do {
            if probe.repetitions != nil {
                let repeated = try decoder.decode(RepeatedResults.self, from: data)
                guard !repeated.repetitions.isEmpty else {
                    throw ResultsFileError.malformed(path: path, reason: "\"repetitions\" is empty; expected at least one run")
                }
                return .repeated(repeated)
            }
            return .single(try decoder.decode(RunResults.self, from: data))
        } catch let error as ResultsFileError {
            throw error
        } catch {
            throw .malformed(path: path, reason: describe(error))
        }
    }

    /// Pretty-printed JSON with sorted keys, so files diff cleanly.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        switch self {
        case .single(let results): return try encoder.encode(results)
        case .repeated(let repeated): return try encoder.encode(repeated)
        }
    }

    private static func describe(_ error: Error) -> String {
        func path(_ codingPath: [CodingKey]) -> String {
            codingPath.isEmpty ? "top level" : codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context)?: return "missing key \"\(key.stringValue)\" at \(path(context.codingPath))"
        case .typeMismatch(let type, let context)?: return "expected \(type) at \(path(context.codingPath))"
        case .valueNotFound(let type, let context)?: return "null where \(type) was expected at \(path(context.codingPath))"
        case .dataCorrupted(let context)?: return "\(context.debugDescription) at \(path(context.codingPath))"
        default: return "\(error)"
        }
    }
}

public enum ResultsFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, reason: String)
    case unsupportedVersion(path: String, found: Int, supported: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read \(path): \(reason)"
        case .malformed(let path, let reason): return "\(path) is not a valid results file: \(reason)"
        case .unsupportedVersion(let path, let found, let supported):
            return "\(path) has schemaVersion \(found); this stbench reads schema versions 1...\(supported)"
        }
    }
}
