/// Reads the top-level attributes of an item whatever its storage, so that expressions evaluate directly
/// against a dictionary or against a lazily decoded stored record without first building an `Item`.
protocol AttributeReader {
    func attribute(_ name: String) -> AttributeValue?
}

extension Dictionary: AttributeReader where Key == String, Value == AttributeValue {
    @inline(__always)
    func attribute(_ name: String) -> AttributeValue? { self[name] }
}
