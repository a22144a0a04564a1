/// Table and index definitions, shaped like DynamoDB's CreateTable / DescribeTable types.

public enum KeyType: String, Sendable, Hashable { case hash = "HASH", range = "RANGE" }

/// Key attributes may only be strings, numbers or binary.
public enum ScalarAttributeType: String, Sendable, Hashable { case s = "S", n = "N", b = "B" }

public struct KeySchemaElement: Sendable, Hashable {
    public var attributeName: String
    public var keyType: KeyType
    public init(attributeName: String, keyType: KeyType) {
        self.attributeName = attributeName
        self.keyType = keyType
    }
    public static func hash(_ name: String) -> KeySchemaElement { .init(attributeName: name, keyType: .hash) }
    public static func range(_ name: String) -> KeySchemaElement { .init(attributeName: name, keyType: .range) }
}

public struct AttributeDefinition: Sendable, Hashable {
    public var attributeName: String
    public var attributeType: ScalarAttributeType
    public init(attributeName: String, attributeType: ScalarAttributeType) {
        self.attributeName = attributeName
        self.attributeType = attributeType
    }
    public init(_ name: String, _ type: ScalarAttributeType) { self.init(attributeName: name, attributeType: type) }
}

public enum ProjectionType: String, Sendable, Hashable { case keysOnly = "KEYS_ONLY", include = "INCLUDE", all = "ALL" }

public struct Projection: Sendable, Hashable {
    public var projectionType: ProjectionType
    /// Only with INCLUDE: the non-key attributes copied into the index.
    public var nonKeyAttributes: [String]?
    public init(projectionType: ProjectionType, nonKeyAttributes: [String]? = nil) {
        self.projectionType = projectionType
        self.nonKeyAttributes = nonKeyAttributes
    }
    public static let all = Projection(projectionType: .all)
    public static let keysOnly = Projection(projectionType: .keysOnly)
    public static func include(_ attributes: [String]) -> Projection { .init(projectionType: .include, nonKeyAttributes: attributes) }
}

/// A global or local secondary index definition (which one depends on the list it is given in).
public struct SecondaryIndex: Sendable, Hashable {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    public init(indexName: String, keySchema: [KeySchemaElement], projection: Projection) {
        self.indexName = indexName
        self.keySchema = keySchema
        self.projection = projection
    }
}

public enum StreamViewType: String, Sendable, Hashable {
    case keysOnly = "KEYS_ONLY", newImage = "NEW_IMAGE", oldImage = "OLD_IMAGE", newAndOldImages = "NEW_AND_OLD_IMAGES"
}

public struct StreamSpecification: Sendable, Hashable {
    public var streamEnabled: Bool
    public var streamViewType: StreamViewType?
    public init(streamEnabled: Bool, streamViewType: StreamViewType? = nil) {
        self.streamEnabled = streamEnabled
        self.streamViewType = streamViewType
    }
}

public struct CreateTableInput: Sendable, Hashable {
    public var tableName: String
    public var keySchema: [KeySchemaElement]
    public var attributeDefinitions: [AttributeDefinition]
    public var globalSecondaryIndexes: [SecondaryIndex]?
    public var localSecondaryIndexes: [SecondaryIndex]?
    public var streamSpecification: StreamSpecification?
    /// Propagation lag of every GSI of this table, in nanoseconds (DynamoDB's GSIs are eventually
    /// consistent; 0 applies index changes with the write). Not a DynamoDB parameter: a knob for tests and runs.
    public var gsiPropagationDelayNanos: UInt64
    /// Largest item collection (one partition key's items plus their LSI copies) on a table with LSIs:
    /// DynamoDB's 10 GB. Not a DynamoDB parameter: tests lower it to reach the limit.
    public var itemCollectionSizeLimitBytes: Int = 10 * 1024 * 1024 * 1024
    public init(
        tableName: String, keySchema: [KeySchemaElement], attributeDefinitions: [AttributeDefinition],
        globalSecondaryIndexes: [SecondaryIndex]? = nil, localSecondaryIndexes: [SecondaryIndex]? = nil,
        streamSpecification: StreamSpecification? = nil, gsiPropagationDelayNanos: UInt64 = 0
    ) {
        self.tableName = tableName
        self.keySchema = keySchema
        self.attributeDefinitions = attributeDefinitions
        self.globalSecondaryIndexes = globalSecondaryIndexes
        self.localSecondaryIndexes = localSecondaryIndexes
        self.streamSpecification = streamSpecification
        self.gsiPropagationDelayNanos = gsiPropagationDelayNanos
    }
}

public struct IndexDescription: Sendable, Hashable {
    public var indexName: String
    public var keySchema: [KeySchemaElement]
    public var projection: Projection
    /// "ACTIVE" once created (indexes here are built synchronously).
    public var indexStatus: String?
    public var itemCount: Int
    public var indexSizeBytes: Int
}

public struct TableDescription: Sendable, Hashable {
    public var tableName: String
    public var tableStatus: String
    public var keySchema: [KeySchemaElement]
    public var attributeDefinitions: [AttributeDefinition]
    public var globalSecondaryIndexes: [IndexDescription]?
    public var localSecondaryIndexes: [IndexDescription]?
    public var streamSpecification: StreamSpecification?
    public var itemCount: Int
    /// Sum of DynamoDB item sizes.
    public var tableSizeBytes: Int
}

public struct ListTablesInput: Sendable, Hashable {
    public var exclusiveStartTableName: String?
    /// 1...100; nil means 100.
    public var limit: Int?
    public init(exclusiveStartTableName: String? = nil, limit: Int? = nil) {
        self.exclusiveStartTableName = exclusiveStartTableName
        self.limit = limit
    }
}

public struct ListTablesOutput: Sendable, Hashable {
    public var tableNames: [String]
    public var lastEvaluatedTableName: String?
}
