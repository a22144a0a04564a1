// CreateTable, from the API Reference (API_CreateTable) and the Developer Guide's service quotas:
// key attributes must be defined in AttributeDefinitions and every definition must be used by a key;
// one HASH key and at most one RANGE key; at most 5 LSIs, which share the table's partition key;
// an existing name is ResourceInUseException. Table names are 3-255 characters of [a-zA-Z0-9_.-].
// https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html

import SingleTable
import Testing

@Suite("CreateTable")
struct CreateTableTests {
    @Test func hashOnlyTable() throws {
        let db = Database()
        let description = try db.createTable(
            CreateTableInput(tableName: "users", keySchema: [.hash("id")], attributeDefinitions: [AttributeDefinition("id", .n)]))
        #expect(description.tableName == "users")
        #expect(description.keySchema == [.hash("id")])
        #expect(description.attributeDefinitions == [AttributeDefinition("id", .n)])
        #expect(description.itemCount == 0)
        #expect(description.tableSizeBytes == 0)
        #expect(description.globalSecondaryIndexes?.isEmpty ?? true)
        #expect(description.localSecondaryIndexes?.isEmpty ?? true)
        #expect(try db.describeTable("users").tableStatus == "ACTIVE")
    }

    @Test func cruddurTable() throws {
        let db = try makeCruddurTable()
        let description = try db.describeTable(Cruddur.tableName)
        #expect(description.tableName == "cruddur-messages")
        #expect(description.keySchema == [.hash("pk"), .range("sk")])
        #expect(Set(description.attributeDefinitions) == [
            AttributeDefinition("pk", .s), AttributeDefinition("sk", .s), AttributeDefinition("message_group_uuid", .s),
        ])
        let gsis = try #require(description.globalSecondaryIndexes)
        #expect(gsis.count == 1)
        #expect(gsis[0].indexName == "message-group-sk-index")
        #expect(gsis[0].keySchema == [.hash("message_group_uuid"), .range("sk")])
        #expect(gsis[0].projection.projectionType == .all)
        #expect(gsis[0].indexStatus == "ACTIVE")
        #expect(gsis[0].itemCount == 0)
    }

    @Test func indexesWithEachProjectionType() throws {
        let db = Database()
        let input = CreateTableInput(
            tableName: "orders",
            keySchema: [.hash("pk"), .range("sk")],
            attributeDefinitions: [
                AttributeDefinition("pk", .s), AttributeDefinition("sk", .s), AttributeDefinition("gpk", .s),
                AttributeDefinition("gsk", .n), AttributeDefinition("lsk", .s),
            ],
            globalSecondaryIndexes: [
                SecondaryIndex(indexName: "g-keys", keySchema: [.hash("gpk")], projection: .keysOnly),
                SecondaryIndex(indexName: "g-include", keySchema: [.hash("gpk"), .range("gsk")], projection: .include(["a1", "b1"])),
                SecondaryIndex(indexName: "g-all", keySchema: [.hash("gsk")], projection: .all),
            ],
            localSecondaryIndexes: [
                SecondaryIndex(indexName: "l-keys", keySchema: [.hash("pk"), .range("lsk")], projection: .keysOnly),
                SecondaryIndex(indexName: "l-include", keySchema: [.hash("pk"), .range("lsk")], projection: .include(["a1"])),
                SecondaryIndex(indexName: "l-all", keySchema: [.hash("pk"), .range("gsk")], projection: .all),
            ])
        let description = try db.createTable(input)
        let gsis = Dictionary(uniqueKeysWithValues: (description.globalSecondaryIndexes ?? []).map { ($0.indexName, $0) })
        let lsis = Dictionary(uniqueKeysWithValues: (description.localSecondaryIndexes ?? []).map { ($0.indexName, $0) })
        #expect(Set(gsis.keys) == ["g-keys", "g-include", "g-all"])
        #expect(Set(lsis.keys) == ["l-keys", "l-include", "l-all"])
        #expect(gsis["g-include"]?.projection == .include(["a1", "b1"]))
        #expect(gsis["g-keys"]?.projection.projectionType == .keysOnly)
        #expect(lsis["l-all"]?.keySchema == [.hash("pk"), .range("gsk")])
    }

    // MARK: Validation

    @Test func keyAttributeMissingFromDefinitions() {
        let db = Database()
        expectDynamoError(.validation) {
            try db.createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk"), .range("sk")], attributeDefinitions: [AttributeDefinition("pk", .s)]))
        }
        expectDynamoError(.validation) {
            try db.createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk")], attributeDefinitions: [AttributeDefinition("gpk", .s)],
                globalSecondaryIndexes: [SecondaryIndex(indexName: "g1", keySchema: [.hash("missing")], projection: .all)]))
        }
        // Nothing was created by the failed calls.
        expectDynamoError(.resourceNotFound) { try db.describeTable("tbl1") }
    }

    @Test func unusedAttributeDefinition() {
        // "Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions"
        expectDynamoError(.validation) {
            try Database().createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk")],
                attributeDefinitions: [AttributeDefinition("pk", .s), AttributeDefinition("extra", .s)]))
        }
    }

    @Test func malformedKeySchemas() {
        let db = Database()
        let defs = [AttributeDefinition("pk", .s), AttributeDefinition("sk", .s)]
        expectDynamoError(.validation) {
            try db.createTable(CreateTableInput(tableName: "tbl1", keySchema: [], attributeDefinitions: []))
        }
        expectDynamoError(.validation) {  // two HASH keys
            try db.createTable(CreateTableInput(tableName: "tbl1", keySchema: [.hash("pk"), .hash("sk")], attributeDefinitions: defs))
        }
        expectDynamoError(.validation) {  // RANGE without HASH
            try db.createTable(CreateTableInput(tableName: "tbl1", keySchema: [.range("sk")], attributeDefinitions: [defs[1]]))
        }
        expectDynamoError(.validation) {  // RANGE first
            try db.createTable(CreateTableInput(tableName: "tbl1", keySchema: [.range("sk"), .hash("pk")], attributeDefinitions: defs))
        }
        expectDynamoError(.validation) {  // three key elements
            try db.createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk"), .range("sk"), .range("pk")], attributeDefinitions: defs))
        }
    }

    @Test(arguments: ["ab", "has space", "slash/name", "star*", String(repeating: "t", count: 256)])
    func invalidTableNames(_ name: String) {
        expectDynamoError(.validation) {
            try Database().createTable(CreateTableInput(
                tableName: name, keySchema: [.hash("pk")], attributeDefinitions: [AttributeDefinition("pk", .s)]))
        }
    }

    @Test(arguments: ["abc", "A_b-c.9", String(repeating: "t", count: 255)])
    func validTableNames(_ name: String) throws {
        let description = try Database().createTable(CreateTableInput(
            tableName: name, keySchema: [.hash("pk")], attributeDefinitions: [AttributeDefinition("pk", .s)]))
        #expect(description.tableName == name)
    }

    @Test func duplicateTableIsResourceInUse() throws {
        let db = try makeCruddurTable()
        expectDynamoError(.resourceInUse, message: "Table already exists: cruddur-messages") {
            try db.createTable(Cruddur.createInput())
        }
    }

    @Test func localIndexMustShareThePartitionKey() {
        expectDynamoError(.validation) {
            try Database().createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk"), .range("sk")],
                attributeDefinitions: [AttributeDefinition("pk", .s), AttributeDefinition("sk", .s), AttributeDefinition("other", .s)],
                localSecondaryIndexes: [SecondaryIndex(indexName: "l1", keySchema: [.hash("other"), .range("sk")], projection: .all)]))
        }
    }

    @Test func localIndexNeedsACompositeTableKey() {
        // An LSI needs a sort key of its own and a table with a composite primary key.
        expectDynamoError(.validation) {
            try Database().createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk")],
                attributeDefinitions: [AttributeDefinition("pk", .s), AttributeDefinition("lsk", .s)],
                localSecondaryIndexes: [SecondaryIndex(indexName: "l1", keySchema: [.hash("pk"), .range("lsk")], projection: .all)]))
        }
    }

    @Test func atMostFiveLocalIndexes() {
        let sortNames = (1...6).map { "lsk\($0)" }
        expectDynamoError(.validation) {
            try Database().createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk"), .range("sk")],
                attributeDefinitions: [AttributeDefinition("pk", .s), AttributeDefinition("sk", .s)]
                    + sortNames.map { AttributeDefinition($0, .s) },
                localSecondaryIndexes: sortNames.map {
                    SecondaryIndex(indexName: "i-\($0)", keySchema: [.hash("pk"), .range($0)], projection: .keysOnly)
                }))
        }
    }

    @Test func duplicateIndexNames() {
        expectDynamoError(.validation) {
            try Database().createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk")],
                attributeDefinitions: [AttributeDefinition("pk", .s), AttributeDefinition("g", .s)],
                globalSecondaryIndexes: [
                    SecondaryIndex(indexName: "same", keySchema: [.hash("g")], projection: .all),
                    SecondaryIndex(indexName: "same", keySchema: [.hash("g")], projection: .keysOnly),
                ]))
        }
    }

    @Test func projectionShapeIsChecked() {
        let defs = [AttributeDefinition("pk", .s), AttributeDefinition("g", .s)]
        // INCLUDE needs NonKeyAttributes; KEYS_ONLY and ALL must not have them.
        expectDynamoError(.validation) {
            try Database().createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk")], attributeDefinitions: defs,
                globalSecondaryIndexes: [SecondaryIndex(indexName: "g1", keySchema: [.hash("g")],
                                                        projection: Projection(projectionType: .include, nonKeyAttributes: nil))]))
        }
        expectDynamoError(.validation) {
            try Database().createTable(CreateTableInput(
                tableName: "tbl1", keySchema: [.hash("pk")], attributeDefinitions: defs,
                globalSecondaryIndexes: [SecondaryIndex(indexName: "g1", keySchema: [.hash("g")],
                                                        projection: Projection(projectionType: .keysOnly, nonKeyAttributes: ["a1"]))]))
        }
    }

    @Test func streamSpecificationIsDescribed() throws {
        let db = try makeTable("tbl1", streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages))
        let stream = try #require(try db.describeTable("tbl1").streamSpecification)
        #expect(stream.streamEnabled)
        #expect(stream.streamViewType == .newAndOldImages)
        // StreamEnabled true without a view type is invalid.
        expectDynamoError(.validation) {
            try makeTable("t2", streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: nil))
        }
    }
}
