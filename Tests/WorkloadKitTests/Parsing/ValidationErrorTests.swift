import Testing
@testable import WorkloadKit

/// Every kind of bad input is reported with file:line:column, the field path and what was expected.
/// Lines and columns are counted by hand in the texts below (1-based; the column of the offending value).
@Suite struct ValidationErrorTests {
    static func error(_ text: String) -> WorkloadError? {
        do {
            _ = try WorkloadSpec.parse(text, file: "w.yaml")
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        // Wrong type.
        ("mix: {list_messages: 1}\nrun:\n  threads: two\n", "w.yaml:3:12: run.threads: expected an integer ≥ 1, got two"),
        // Out of range.
        ("mix: {list_messages: 1}\nrun:\n  threads: 0\n", "w.yaml:3:12: run.threads: expected an integer ≥ 1, got 0"),
        // A quoted number is a string.
        ("mix: {list_messages: 1}\nrun:\n  threads: \"2\"\n", "w.yaml:3:12: run.threads: expected an integer ≥ 1, got \"2\""),
        // Section of the wrong kind.
        ("mix: {list_messages: 1}\nrun: 5\n", "w.yaml:2:6: run: expected a mapping, got 5"),
        // Zipf constant ≤ 0.
        ("mix: {list_messages: 1}\nkeys:\n  list_messages: {distribution: zipfian, constant: 0}\n",
         "w.yaml:3:52: keys.list_messages.constant: expected a number > 0 and < 1, got 0"),
        // Unknown distribution name.
        ("mix: {list_messages: 1}\nkeys:\n  list_messages: pareto\n",
         "w.yaml:3:18: keys.list_messages: expected one of uniform, zipfian, scrambled_zipfian, latest, hotspot, got pareto"),
        // A field that does not belong to the chosen distribution.
        ("mix: {list_messages: 1}\nkeys:\n  list_messages: {distribution: uniform, constant: 0.5}\n",
         "w.yaml:3:42: keys.list_messages.constant: unknown field; expected one of: distribution"),
        // rate ≤ 0.
        ("mix: {list_messages: 1}\nrun:\n  mode: open\n  rate: 0\n", "w.yaml:4:9: run.rate: expected a number of operations per second > 0, got 0"),
        // Open loop without a rate.
        ("mix: {list_messages: 1}\nrun:\n  mode: open\n", "w.yaml:3:9: run.mode: mode open needs run.rate (operations per second > 0)"),
        // Rate in a closed loop.
        ("mix: {list_messages: 1}\nrun:\n  rate: 10\n", "w.yaml:3:9: run.rate: rate applies to mode: open only (this run is closed)"),
        // Bad duration.
        ("mix: {list_messages: 1}\nrun:\n  duration: 5 parsecs\n", "w.yaml:3:13: run.duration: expected a duration > 0 (e.g. 30s, 2m), got 5 parsecs"),
        ("mix: {list_messages: 1}\nrun:\n  warmup: -1s\n", "w.yaml:3:11: run.warmup: expected a duration ≥ 0 (e.g. 5s), got -1s"),
        // Bad enum value.
        ("mix: {list_messages: 1}\nwrites:\n  group_update: lambda\n", "w.yaml:3:17: writes.group_update: expected inline or stream, got lambda"),
        // A nested distribution parameter.
        ("mix: {list_messages: 1}\ndataset:\n  messages_per_conversation:\n    distribution: normal\n    mean: 0\n    stddev: 2\n",
         "w.yaml:5:11: dataset.messages_per_conversation.mean: expected a number ≥ 1 and ≤ 1000000, got 0"),
        ("mix: {list_messages: 1}\ndataset:\n  message_length: {distribution: uniform, min: 10, max: 5}\n",
         "w.yaml:3:57: dataset.message_length.max: expected an integer ≥ min (10), got 5"),
        ("mix: {list_messages: 1}\ndataset:\n  users: 1\n", "w.yaml:3:10: dataset.users: expected an integer ≥ 2, got 1"),
        // Negative weight.
        ("mix:\n  list_messages: -1\n", "w.yaml:2:18: mix.list_messages: expected a number ≥ 0, got -1"),
        // Cache section.
        ("mix: {list_messages: 1}\ncache:\n  policy: mru\n  capacity: 10\n",
         "w.yaml:3:11: cache.policy: expected one of lru, fifo, clock, lfu, arc, 2q, slru, wtinylfu, s3fifo, sieve, got mru"),
        ("mix: {list_messages: 1}\ncache:\n  policy: lru\n  capacity: 10\n  write_strategy: ttl-only\n",
         "w.yaml:5:19: cache.write_strategy: write_strategy ttl-only needs cache.ttl"),
        ("mix: {list_messages: 1}\ntarget: sqlite\n", "w.yaml:2:9: target: expected embedded or null, got sqlite"),
    ])
    func reportsLocationPathAndExpectation(text: String, expected: String) {
        #expect(Self.error(text)?.description == expected)
    }

    @Test func unknownKeyIsReportedAtTheKey() {
        let e = Self.error("mix: {list_messages: 1}\nbogus: 3\n")
        #expect(e?.line == 2)
        #expect(e?.column == 1)
        #expect(e?.path == "bogus")
        #expect(e?.message.hasPrefix("unknown field; expected one of: name, description, seed, dataset, mix") == true)
    }

    @Test func unknownKeyInMixNamesThePatterns() {
        let e = Self.error("mix:\n  list_messages: 1\n  list_everything: 2\n")
        #expect(e?.description == "w.yaml:3:3: mix.list_everything: unknown field; expected one of: list_messages, list_conversations, create_message_new_conversation, create_message_existing_conversation")
    }

    @Test func noPositiveMixWeight() {
        let e = Self.error("mix:\n  list_messages: 0\n  list_conversations: 0\n")
        #expect(e?.description.hasPrefix("w.yaml:2:3: mix: expected at least one pattern with a positive weight") == true)
    }

    @Test func missingMixPointsAtTheDocument() {
        let e = Self.error("name: x\n")
        #expect(e?.description == "w.yaml:1:1: mix: missing; expected weights of the patterns, e.g. list_messages: 60")
    }

    @Test func missingDistributionName() {
        let e = Self.error("mix: {list_messages: 1}\nkeys:\n  list_messages: {constant: 0.5}\n")
        #expect(e?.description == "w.yaml:3:18: keys.list_messages.distribution: missing; expected one of uniform, zipfian, scrambled_zipfian, latest, hotspot")
    }

    @Test func emptyDocument() {
        #expect(Self.error("")?.description == "w.yaml:1:1: expected a mapping of workload settings, got an empty document")
    }

    @Test func yamlSyntaxErrorHasALocation() {
        // "1: 2" — a second colon on one line is not allowed in block context; libyaml reports it on line 2.
        let e = Self.error("mix:\n  list_messages: 1: 2\n")
        #expect(e?.file == "w.yaml")
        #expect(e?.line == 2)
        #expect(e?.column != nil)
        #expect(e?.message.hasPrefix("YAML syntax error: mapping values are not allowed") == true)
    }

    @Test func duplicateKeyIsASyntaxError() {
        let e = Self.error("mix: {list_messages: 1}\nseed: 1\nseed: 2\n")
        #expect(e?.line != nil)
        #expect(e?.message == "YAML syntax error: duplicate field seed")
    }

    @Test func missingFile() {
        do {
            _ = try WorkloadSpec.load(path: "/nonexistent/w.yaml")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "/nonexistent/w.yaml: no such file")
        }
    }
}
