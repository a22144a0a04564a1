/// In-place changes at a document path, for UpdateExpression actions.
///
/// Each change is a transform of the value currently at the path (nil when absent) into the new value
/// (nil to remove it). Values along the path are moved out of their container while being changed so that
/// nested maps and lists stay uniquely referenced and are not copied.
enum PathMutation {
    static let invalidPath = DynamoDBError.validation("The document path provided in the update expression is invalid for update")

    /// Applies `transform` at `path`. Every step above the last must exist with the right type
    /// (a map for a key, a list for an index), else DynamoDB's invalid-path error; at a list index past the
    /// end, a new value is appended, as DynamoDB does for SET.
    static func update(
        _ path: DocumentPath, in item: inout Item,
        _ transform: (AttributeValue?) throws(DynamoDBError) -> AttributeValue?
    ) throws(DynamoDBError) {
        guard !path.elements.isEmpty else {
            item[path.name] = try transform(item[path.name])
            return
        }
        guard var top = item.removeValue(forKey: path.name) else { throw invalidPath }
        try updateNested(&top, path.elements[...], transform)
        item[path.name] = top
    }

    private static func updateNested(
        _ value: inout AttributeValue, _ elements: ArraySlice<DocumentPath.Element>,
        _ transform: (AttributeValue?) throws(DynamoDBError) -> AttributeValue?
    ) throws(DynamoDBError) {
        let rest = elements.dropFirst()
        switch (elements.first!, value) {
        case (.key(let key), .m(var map)):
            value = .null  // release our reference so `map` is uniquely owned
            if rest.isEmpty {
                map[key] = try transform(map[key])
            } else {
                guard var child = map.removeValue(forKey: key) else { throw invalidPath }
                try updateNested(&child, rest, transform)
                map[key] = child
            }
            value = .m(map)
        case (.index(let index), .l(var list)):
            value = .null
            if rest.isEmpty {
                if index < list.count {
                    if let new = try transform(list[index]) { list[index] = new } else { list.remove(at: index) }
                } else if let new = try transform(nil) {
                    list.append(new)
                }
            } else {
                guard index < list.count else { throw invalidPath }
                try updateNested(&list[index], rest, transform)
            }
            value = .l(list)
        default:
            throw invalidPath
        }
    }
}
