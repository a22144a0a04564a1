/// The ExpressionAttributeNames and ExpressionAttributeValues of one request, shared by all of its
/// expressions (condition, update, filter, projection, key condition).
///
/// Placeholders are resolved while parsing, so evaluation never looks a name up again. DynamoDB rejects a
/// request that defines a placeholder no expression uses, so parsing records each one it resolves and
/// `checkAllUsed()` runs once after every expression of the request has been parsed.
struct ExpressionAttributes {
    let names: [String: String]?
    let values: [String: AttributeValue]?
    private var usedNames = UsedPlaceholders<[String: String].Index>()
    private var usedValues = UsedPlaceholders<[String: AttributeValue].Index>()
    /// Whether a used value is an empty set (DynamoDB refuses those): noted as values are used, so that
    /// when every value was used the final check need not look at them again.
    private var usedAnEmptySet = false

    init(names: [String: String]?, values: [String: AttributeValue]?) {
        self.names = names
        self.values = values
    }

    /// The attribute name `#placeholder` stands for, marking it used.
    /// `placeholder` is a token the tokenizer read, so it passes `isPlaceholder` (`checkAllUsed` relies on it).
    mutating func name(_ placeholder: String, kind: ExpressionKind) throws(DynamoDBError) -> String {
        guard let names, let position = ExpressionAttributes.position(of: placeholder, in: names) else {
            throw kind.invalid(
                "An expression attribute name used in the document path is not defined; attribute name: \(placeholder)")
        }
        assert(ExpressionAttributes.isPlaceholder(placeholder, sigil: UInt8(ascii: "#")), "name placeholder token \(placeholder) is malformed")
        usedNames.insert(position)
        return names.values[position]
    }

    /// The value `:placeholder` stands for, marking it used.
    /// `placeholder` is a token the tokenizer read, so it passes `isPlaceholder` (`checkAllUsed` relies on it).
    mutating func value(_ placeholder: String, kind: ExpressionKind) throws(DynamoDBError) -> AttributeValue {
        guard let values, let position = ExpressionAttributes.position(of: placeholder, in: values) else {
            throw kind.invalid(
                "An expression attribute value used in expression is not defined; attribute value: \(placeholder)")
        }
        assert(ExpressionAttributes.isPlaceholder(placeholder, sigil: UInt8(ascii: ":")), "value placeholder token \(placeholder) is malformed")
        usedValues.insert(position)
        let value = values.values[position]
        switch value {
        case .ss(let v) where v.isEmpty: usedAnEmptySet = true
        case .ns(let v) where v.isEmpty: usedAnEmptySet = true
        case .bs(let v) where v.isEmpty: usedAnEmptySet = true
        default: break
        }
        return value
    }

    /// Where `key` is in `map`. A request's maps hold a few placeholders, and comparing a few short keys
    /// costs less than hashing one String (SipHash): measured (callgrind, newest-20 Query) ~300
    /// instructions hashed against ~90 compared. Larger maps are hashed.
    static func position<Value>(of key: String, in map: [String: Value]) -> [String: Value].Index? {
        guard map.count <= 4 else { return map.index(forKey: key) }
        var i = map.startIndex
        while i != map.endIndex {
            if map.keys[i] == key { return i }
            map.formIndex(after: &i)
        }
        return nil
    }

    /// A placeholder is the sigil followed by one or more of `[A-Za-z0-9_]`, as the tokenizer reads them.
    static func isPlaceholder(_ key: String, sigil: UInt8) -> Bool {
        let utf8 = key.utf8
        guard utf8.first == sigil, utf8.count > 1 else { return false }
        return utf8.dropFirst().allSatisfy {
            ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || ($0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z"))
                || ($0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9")) || $0 == UInt8(ascii: "_")
        }
    }

    /// DynamoDB's checks once every expression of the request is parsed: the maps must not be empty and
    /// every placeholder they define must have been used.
    func checkAllUsed() throws(DynamoDBError) {
        if passesAllChecks { return }
        try checkAllUsedExactly()
    }

    /// Whether `checkAllUsedExactly` would pass, decided without sorting or building anything.
    /// Measured (callgrind, newest-20 Query): the exact check cost ~2.7k instructions per request, mostly
    /// sorting the keys; this costs ~100.
    ///
    /// Every used placeholder was found in its map, so as many distinct used placeholders as keys means
    /// every key was used; a used key is a well-formed placeholder (it was a token), so no key is invalid;
    /// and every value was used, so `usedAnEmptySet` has seen them all.
    private var passesAllChecks: Bool {
        if let names, names.isEmpty || usedNames.count != names.count { return false }
        if let values, values.isEmpty || usedValues.count != values.count || usedAnEmptySet { return false }
        return true
    }

    /// The checks in DynamoDB's order, wording the first that fails.
    private func checkAllUsedExactly() throws(DynamoDBError) {
        if let names, names.isEmpty { throw .validation("ExpressionAttributeNames must not be empty") }
        if let values, values.isEmpty { throw .validation("ExpressionAttributeValues must not be empty") }
        for key in names?.keys.sorted() ?? [] where !ExpressionAttributes.isPlaceholder(key, sigil: UInt8(ascii: "#")) {
            throw .validation("ExpressionAttributeNames contains invalid key: Syntax error; key: \"\(key)\"")
        }
        for key in values?.keys.sorted() ?? [] where !ExpressionAttributes.isPlaceholder(key, sigil: UInt8(ascii: ":")) {
            throw .validation("ExpressionAttributeValues contains invalid key: Syntax error; key: \"\(key)\"")
        }
        for key in values?.keys.sorted() ?? [] {
            let setName: String
            switch values?[key] {
            case .ss(let v)? where v.isEmpty: setName = "string"
            case .ns(let v)? where v.isEmpty: setName = "number"
            case .bs(let v)? where v.isEmpty: setName = "binary"
            default: continue
            }
            // DynamoDB's wording, including its "An" and double space.
            throw .validation(
                "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An \(setName) set  may not be empty for key \(key)")
        }
        if let names {
            let unused = names.keys.filter { !usedNames.contains(names.index(forKey: $0)!) }.sorted()
            if !unused.isEmpty {
                throw .validation(
                    "Value provided in ExpressionAttributeNames unused in expressions: keys: {\(unused.joined(separator: ", "))}")
            }
        }
        if let values {
            let unused = values.keys.filter { !usedValues.contains(values.index(forKey: $0)!) }.sorted()
            if !unused.isEmpty {
                throw .validation(
                    "Value provided in ExpressionAttributeValues unused in expressions: keys: {\(unused.joined(separator: ", "))}")
            }
        }
    }
}
