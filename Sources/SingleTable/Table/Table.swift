/// One table. Same operations as `Database`, minus the table-name lookup (the input's `tableName` must
/// name this table or be empty).
public final class Table: @unchecked Sendable {
    public var name: String { fatalError() }
    public func describe() -> TableDescription { fatalError() }
    @discardableResult
    public func putItem(_ input: PutItemInput) throws(DynamoDBError) -> PutItemOutput { fatalError() }
    public func getItem(_ input: GetItemInput) throws(DynamoDBError) -> GetItemOutput { fatalError() }
    @discardableResult
    public func deleteItem(_ input: DeleteItemInput) throws(DynamoDBError) -> DeleteItemOutput { fatalError() }
    @discardableResult
    public func updateItem(_ input: UpdateItemInput) throws(DynamoDBError) -> UpdateItemOutput { fatalError() }
    public func query(_ input: QueryInput) throws(DynamoDBError) -> QueryOutput { fatalError() }
    public func scan(_ input: ScanInput) throws(DynamoDBError) -> ScanOutput { fatalError() }
}
