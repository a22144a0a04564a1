import Yams

/// One node of a workload file with where it came from (file, field path, line:column), and typed
/// accessors that throw a `WorkloadError` naming all three and what was expected.
struct YAMLField {
    let node: Node
    let path: String
    let file: String

    func error(_ message: String) -> WorkloadError {
        WorkloadError(file: file, line: node.mark?.line, column: node.mark?.column, path: path, message: message)
    }

    func mismatch(_ expected: String) -> WorkloadError {
        error("expected \(expected), got \(rendered)")
    }

    /// How the value is shown in "got …".
    var rendered: String {
        switch node {
        case .scalar(let s):
            if s.style == .singleQuoted || s.style == .doubleQuoted { return "\"\(s.string)\"" }
            if s.string.isEmpty || node.null != nil { return "null" }
            return s.string
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// A plain (unquoted) scalar's text; quoted scalars are strings, never numbers.
    private var plainScalar: String? {
        guard case .scalar(let s) = node, s.style != .singleQuoted, s.style != .doubleQuoted else { return nil }
        return s.string
    }

    func int(atLeast minimum: Int, expected: String? = nil) throws(WorkloadError) -> Int {
        let what = expected ?? "an integer ≥ \(minimum)"
        guard plainScalar != nil, let value = node.int else { throw mismatch(what) }
        guard value >= minimum else { throw mismatch(what) }
        return value
    }

    func double(_ expected: String, where valid: (Double) -> Bool) throws(WorkloadError) -> Double {
        guard plainScalar != nil, let value = node.int.map(Double.init) ?? node.float, value.isFinite else { throw mismatch(expected) }
        guard valid(value) else { throw mismatch(expected) }
        return value
    }

    func string() throws(WorkloadError) -> String {
        guard case .scalar(let s) = node else { throw mismatch("a string") }
        return s.string
    }

    func choice<T>(_ options: [(String, T)]) throws(WorkloadError) -> T {
        let names = options.map(\.0)
        let expected = names.count == 2 ? "\(names[0]) or \(names[1])" : "one of " + names.joined(separator: ", ")
        guard case .scalar(let s) = node, let match = options.first(where: { $0.0 == s.string }) else { throw mismatch(expected) }
        return match.1
    }

    /// Seconds, from a number (seconds) or a string with a unit: "250us", "500ms", "30s", "2m", "1h".
    func duration(_ expected: String, where valid: (Double) -> Bool) throws(WorkloadError) -> Double {
        guard case .scalar(let s) = node else { throw mismatch(expected) }
        let seconds: Double?
        if plainScalar != nil, let number = node.int.map(Double.init) ?? node.float {
            seconds = number
        } else {
            seconds = YAMLField.parseDuration(s.string)
        }
        guard let seconds, seconds.isFinite, valid(seconds) else { throw mismatch(expected) }
        return seconds
    }

    static func parseDuration(_ text: String) -> Double? {
        let units: [(String, Double)] = [("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            let number = text.dropLast(suffix.count).trimmingSpaces()
            guard !number.isEmpty, let value = Double(number) else { continue }
            return value * scale
        }
        return nil
    }

    func mapping(allowed keys: [String]) throws(WorkloadError) -> YAMLMapping {
        guard case .mapping(let m) = node else { throw mismatch("a mapping") }
        var fields: [String: YAMLField] = [:]
        for (keyNode, value) in m {
            let keyField = YAMLField(node: keyNode, path: path, file: file)
            guard case .scalar(let k) = keyNode else { throw keyField.error("expected a field name, got \(keyField.rendered)") }
            let childPath = path.isEmpty ? k.string : path + "." + k.string
            guard keys.contains(k.string) else {
                throw YAMLField(node: keyNode, path: childPath, file: file)
                    .error("unknown field; expected one of: " + keys.joined(separator: ", "))
            }
            fields[k.string] = YAMLField(node: value, path: childPath, file: file)
        }
        return YAMLMapping(field: self, fields: fields)
    }
}

/// A mapping whose keys have been checked against the allowed ones.
struct YAMLMapping {
    let field: YAMLField
    let fields: [String: YAMLField]

    subscript(key: String) -> YAMLField? { fields[key] }

    /// Errors about a missing field point at the mapping that lacks it.
    func required(_ key: String, _ expected: String) throws(WorkloadError) -> YAMLField {
        guard let value = fields[key] else {
            let path = field.path.isEmpty ? key : field.path + "." + key
            throw WorkloadError(file: field.file, line: field.node.mark?.line, column: field.node.mark?.column, path: path, message: "missing; expected \(expected)")
        }
        return value
    }
}

extension Substring {
    func trimmingSpaces() -> Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
