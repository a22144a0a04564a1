/// What `stbench run --repeat N` writes: every repetition's full results, in run order.
///
/// JSON: `{"schemaVersion": 1, "repetitions": [<results.json object>, ...]}`. A file is one of the
/// two shapes; `ResultsDocument.load` tells them apart by the `repetitions` key.
public struct RepeatedResults: Codable, Sendable, Equatable {
    public var schemaVersion: Int
    public var repetitions: [RunResults]

    public init(schemaVersion: Int = RunResults.currentSchemaVersion, repetitions: [RunResults]) {
        self.schemaVersion = schemaVersion
        self.repetitions = repetitions
    }
}
