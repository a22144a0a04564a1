/// The distinct placeholders of one ExpressionAttributeNames or ExpressionAttributeValues map that a
/// request's expressions used, kept as positions in that map (which never changes during the request).
///
/// A request uses one to three placeholders of each kind almost always, so the first three are kept
/// inline and only further ones go to a Set; positions are plain integers, so copying the request's
/// expression state retains nothing for them. Measured (callgrind, newest-20 Query): a Set<String>
/// insert per placeholder cost ~1k instructions, and copies of the state retained its Strings.
struct UsedPlaceholders<Position: Hashable> {
    private var first: Position?
    private var second: Position?
    private var third: Position?
    private var more: Set<Position>?
    /// How many distinct positions were inserted.
    private(set) var count = 0

    mutating func insert(_ position: Position) {
        if contains(position) { return }
        count += 1
        if first == nil {
            first = position
        } else if second == nil {
            second = position
        } else if third == nil {
            third = position
        } else {
            if more == nil { more = [] }
            more!.insert(position)
        }
    }

    func contains(_ position: Position) -> Bool {
        guard let first else { return false }
        if first == position { return true }
        guard let second else { return false }
        if second == position { return true }
        guard let third else { return false }
        if third == position { return true }
        return more?.contains(position) ?? false
    }
}
