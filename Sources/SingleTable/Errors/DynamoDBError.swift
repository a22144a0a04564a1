/// An error as DynamoDB reports it: its name (the `__type` suffix of the wire error) and message.
///
/// Messages follow DynamoDB's own wording where it is documented or well known, so a client written against
/// DynamoDB sees the same text here.
public struct DynamoDBError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Name: String, Sendable, Hashable, CaseIterable {
        case validation = "ValidationException"
        case conditionalCheckFailed = "ConditionalCheckFailedException"
        case transactionCanceled = "TransactionCanceledException"
        case resourceNotFound = "ResourceNotFoundException"
        case resourceInUse = "ResourceInUseException"
        case itemCollectionSizeLimitExceeded = "ItemCollectionSizeLimitExceededException"
        case transactionConflict = "TransactionConflictException"
        case internalServerError = "InternalServerError"
    }

    public var name: Name
    public var message: String
    /// For ConditionalCheckFailedException: the item as it was, when ReturnValuesOnConditionCheckFailure = ALL_OLD.
    public var item: Item?
    /// For TransactionCanceledException: one reason per action, in request order.
    public var cancellationReasons: [CancellationReason]?

    public init(_ name: Name, _ message: String, item: Item? = nil, cancellationReasons: [CancellationReason]? = nil) {
        self.name = name
        self.message = message
        self.item = item
        self.cancellationReasons = cancellationReasons
    }

    public var description: String { "\(name.rawValue): \(message)" }
}

/// Why one action of a transaction was cancelled (`Code` "None" for actions that were fine).
public struct CancellationReason: Hashable, Sendable {
    public var code: String
    public var message: String?
    public var item: Item?

    public init(code: String, message: String? = nil, item: Item? = nil) {
        self.code = code
        self.message = message
        self.item = item
    }

    public static let none = CancellationReason(code: "None")
}

// MARK: Common errors

extension DynamoDBError {
    public static func validation(_ message: String) -> DynamoDBError { DynamoDBError(.validation, message) }

    public static let numberOverflow = validation(
        "Number overflow. Attempting to store a number with magnitude larger than supported range")
    public static let numberUnderflow = validation(
        "Number underflow. Attempting to store a number with magnitude smaller than supported range")
    public static let numberPrecision = validation(
        "Attempting to store more than 38 significant digits in a Number")
    public static func invalidNumber(_ text: String) -> DynamoDBError {
        validation("A value provided cannot be converted into a number")
    }

    public static let conditionalCheckFailed = DynamoDBError(.conditionalCheckFailed, "The conditional request failed")
    public static let resourceNotFound = DynamoDBError(.resourceNotFound, "Requested resource not found")
    public static func tableNotFound(_ table: String) -> DynamoDBError {
        DynamoDBError(.resourceNotFound, "Requested resource not found: Table: \(table) not found")
    }
    public static func tableInUse(_ table: String) -> DynamoDBError {
        DynamoDBError(.resourceInUse, "Table already exists: \(table)")
    }
    public static let keySchemaMismatch = validation("The provided key element does not match the schema")
    public static let itemTooLarge = validation("Item size has exceeded the maximum allowed size")
}
