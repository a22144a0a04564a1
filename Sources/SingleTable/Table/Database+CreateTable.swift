/// CreateTable's validation, with DynamoDB's messages.
extension Database {
    static func validate(_ input: CreateTableInput) throws(DynamoDBError) {
        let name = input.tableName
        guard (3...255).contains(name.utf8.count),
              name.utf8.allSatisfy({ b in
                  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D || b == 0x2E
              })
        else {
            throw .validation("1 validation error detected: Value '\(name)' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+ and have length between 3 and 255")
        }
        var defined: [String: ScalarAttributeType] = [:]
        for definition in input.attributeDefinitions {
            if defined[definition.attributeName] != nil {
                throw .validation("Cannot have two attributes with the same name: \(definition.attributeName)")
            }
            defined[definition.attributeName] = definition.attributeType
        }
        var used: Set<String> = []
        try validateKeySchema(input.keySchema, defined: defined, used: &used, what: "Table")
        if let count = input.localSecondaryIndexes?.count, count > 5 {
            throw .validation("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5")
        }
        if let count = input.globalSecondaryIndexes?.count, count > 20 {
            throw .validation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20")
        }
        var indexNames: Set<String> = []
        for index in input.globalSecondaryIndexes ?? [] {
            guard indexNames.insert(index.indexName).inserted else {
                throw .validation("One or more parameter values were invalid: Duplicate index name: \(index.indexName)")
            }
            try validateKeySchema(index.keySchema, defined: defined, used: &used, what: "Index")
            try validateProjection(index.projection, index: index.indexName)
        }
        if let lsis = input.localSecondaryIndexes {
            let tableHash = input.keySchema.first { $0.keyType == .hash }?.attributeName
            guard input.keySchema.contains(where: { $0.keyType == .range }) else {
                throw .validation("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex")
            }
            for index in lsis {
                guard indexNames.insert(index.indexName).inserted else {
                    throw .validation("One or more parameter values were invalid: Duplicate index name: \(index.indexName)")
                }
                try validateKeySchema(index.keySchema, defined: defined, used: &used, what: "Index")
                guard index.keySchema.first(where: { $0.keyType == .hash })?.attributeName == tableHash,
                      index.keySchema.contains(where: { $0.keyType == .range })
                else {
                    throw .validation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: \(index.indexName). index hash key: \(index.keySchema.first?.attributeName ?? ""), table hash key: \(tableHash ?? "")")
                }
                try validateProjection(index.projection, index: index.indexName)
            }
        }
        if let unused = defined.keys.sorted().first(where: { !used.contains($0) }) {
            throw .validation("One or more parameter values were invalid: Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions; unused attribute: \(unused)")
        }
        if let stream = input.streamSpecification, stream.streamEnabled, stream.streamViewType == nil {
            throw .validation("One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true")
        }
    }

    private static func validateKeySchema(
        _ schema: [KeySchemaElement], defined: [String: ScalarAttributeType], used: inout Set<String>, what: String
    ) throws(DynamoDBError) {
        let hashes = schema.filter { $0.keyType == .hash }
        let ranges = schema.filter { $0.keyType == .range }
        guard (1...2).contains(schema.count), hashes.count == 1, ranges.count <= 1, schema.first?.keyType == .hash else {
            throw .validation("1 validation error detected: Value '\(schema.map(\.attributeName))' at 'keySchema' failed to satisfy constraint: Member must have length less than or equal to 2 and one HASH key first")
        }
        if ranges.first?.attributeName == hashes[0].attributeName {
            throw .validation("Both the Hash Key and the Range Key element in the KeySchema have the same name")
        }
        for element in schema {
            guard defined[element.attributeName] != nil else {
                throw .validation("One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: [\(element.attributeName)], AttributeDefinitions: [\(defined.keys.sorted().joined(separator: ", "))]")
            }
            used.insert(element.attributeName)
        }
    }

    private static func validateProjection(_ projection: Projection, index: String) throws(DynamoDBError) {
        switch projection.projectionType {
        case .include:
            guard let names = projection.nonKeyAttributes, !names.isEmpty else {
                throw .validation("One or more parameter values were invalid: ProjectionType is INCLUDE, but NonKeyAttributes is not specified")
            }
        case .all, .keysOnly:
            if projection.nonKeyAttributes != nil {
                throw .validation("One or more parameter values were invalid: ProjectionType is \(projection.projectionType.rawValue), but NonKeyAttributes is specified")
            }
        }
    }
}
