/// DynamoDB's reserved words (Developer Guide, "Reserved words in DynamoDB"): none may appear as a plain
/// attribute name in an expression; an ExpressionAttributeNames placeholder must stand in for it.
/// The list is case-insensitive, so it is stored upper-cased and looked up upper-cased.
enum ReservedWords {
    /// The words, separated by spaces and line breaks: one literal, so building the lookup table scans
    /// bytes rather than hashing and sorting 573 Strings (that one-off cost ~1M instructions).
    static let words: StaticString = """
        ABORT ABSOLUTE ACTION ADD AFTER AGENT AGGREGATE ALL ALLOCATE ALTER ANALYZE AND ANY ARCHIVE ARE
        ARRAY AS ASC ASCII ASENSITIVE ASSERTION ASYMMETRIC AT ATOMIC ATTACH ATTRIBUTE AUTH AUTHORIZATION
        AUTHORIZE AUTO AVG BACK BACKUP BASE BATCH BEFORE BEGIN BETWEEN BIGINT BINARY BIT BLOB BLOCK BOOLEAN
        BOTH BREADTH BUCKET BULK BY BYTE CALL CALLED CALLING CAPACITY CASCADE CASCADED CASE CAST CATALOG
        CHAR CHARACTER CHECK CLASS CLOB CLOSE CLUSTER CLUSTERED CLUSTERING CLUSTERS COALESCE COLLATE
        COLLATION COLLECTION COLUMN COLUMNS COMBINE COMMENT COMMIT COMPACT COMPILE COMPRESS CONDITION
        CONFLICT CONNECT CONNECTION CONSISTENCY CONSISTENT CONSTRAINT CONSTRAINTS CONSTRUCTOR CONSUMED
        CONTINUE CONVERT COPY CORRESPONDING COUNT COUNTER CREATE CROSS CUBE CURRENT CURSOR CYCLE DATA
        DATABASE DATE DATETIME DAY DEALLOCATE DEC DECIMAL DECLARE DEFAULT DEFERRABLE DEFERRED DEFINE
        DEFINED DEFINITION DELETE DELIMITED DEPTH DEREF DESC DESCRIBE DESCRIPTOR DETACH DETERMINISTIC
        DIAGNOSTICS DIRECTORIES DISABLE DISCONNECT DISTINCT DISTRIBUTE DO DOMAIN DOUBLE DROP DUMP DURATION
        DYNAMIC EACH ELEMENT ELSE ELSEIF EMPTY ENABLE END EQUAL EQUALS ERROR ESCAPE ESCAPED EVAL EVALUATE
        EXCEEDED EXCEPT EXCEPTION EXCEPTIONS EXCLUSIVE EXEC EXECUTE EXISTS EXIT EXPLAIN EXPLODE EXPORT
        EXPRESSION EXTENDED EXTERNAL EXTRACT FAIL FALSE FAMILY FETCH FIELDS FILE FILTER FILTERING FINAL
        FINISH FIRST FIXED FLATTERN FLOAT FOR FORCE FOREIGN FORMAT FORWARD FOUND FREE FROM FULL FUNCTION
        FUNCTIONS GENERAL GENERATE GET GLOB GLOBAL GO GOTO GRANT GREATER GROUP GROUPING HANDLER HASH HAVE
        HAVING HEAP HIDDEN HOLD HOUR IDENTIFIED IDENTITY IF IGNORE IMMEDIATE IMPORT IN INCLUDING INCLUSIVE
        INCREMENT INCREMENTAL INDEX INDEXED INDEXES INDICATOR INFINITE INITIALLY INLINE INNER INNTER INOUT
        INPUT INSENSITIVE INSERT INSTEAD INT INTEGER INTERSECT INTERVAL INTO INVALIDATE IS ISOLATION ITEM
        ITEMS ITERATE JOIN KEY KEYS LAG LANGUAGE LARGE LAST LATERAL LEAD LEADING LEAVE LEFT LENGTH LESS
        LEVEL LIKE LIMIT LIMITED LINES LIST LOAD LOCAL LOCALTIME LOCALTIMESTAMP LOCATION LOCATOR LOCK LOCKS
        LOG LOGED LONG LOOP LOWER MAP MATCH MATERIALIZED MAX MAXLEN MEMBER MERGE METHOD METRICS MIN MINUS
        MINUTE MISSING MOD MODE MODIFIES MODIFY MODULE MONTH MULTI MULTISET NAME NAMES NATIONAL NATURAL
        NCHAR NCLOB NEW NEXT NO NONE NOT NULL NULLIF NUMBER NUMERIC OBJECT OF OFFLINE OFFSET OLD ON ONLINE
        ONLY OPAQUE OPEN OPERATOR OPTION OR ORDER ORDINALITY OTHER OTHERS OUT OUTER OUTPUT OVER OVERLAPS
        OVERRIDE OWNER PAD PARALLEL PARAMETER PARAMETERS PARTIAL PARTITION PARTITIONED PARTITIONS PATH
        PERCENT PERCENTILE PERMISSION PERMISSIONS PIPE PIPELINED PLAN POOL POSITION PRECISION PREPARE
        PRESERVE PRIMARY PRIOR PRIVATE PRIVILEGES PROCEDURE PROCESSED PROJECT PROJECTION PROPERTY
        PROVISIONING PUBLIC PUT QUERY QUIT QUORUM RAISE RANDOM RANGE RANK RAW READ READS REAL REBUILD
        RECORD RECURSIVE REDUCE REF REFERENCE REFERENCES REFERENCING REGEXP REGION REINDEX RELATIVE RELEASE
        REMAINDER RENAME REPEAT REPLACE REQUEST RESET RESIGNAL RESOURCE RESPONSE RESTORE RESTRICT RESULT
        RETURN RETURNING RETURNS REVERSE REVOKE RIGHT ROLE ROLES ROLLBACK ROLLUP ROUTINE ROW ROWS RULE
        RULES SAMPLE SATISFIES SAVE SAVEPOINT SCAN SCHEMA SCOPE SCROLL SEARCH SECOND SECTION SEGMENT
        SEGMENTS SELECT SELF SEMI SENSITIVE SEPARATE SEQUENCE SERIALIZABLE SESSION SET SETS SHARD SHARE
        SHARED SHORT SHOW SIGNAL SIMILAR SIZE SKEWED SMALLINT SNAPSHOT SOME SOURCE SPACE SPACES SPARSE
        SPECIFIC SPECIFICTYPE SPLIT SQL SQLCODE SQLERROR SQLEXCEPTION SQLSTATE SQLWARNING START STATE
        STATIC STATUS STORAGE STORE STORED STREAM STRING STRUCT STYLE SUB SUBMULTISET SUBPARTITION
        SUBSTRING SUBTYPE SUM SUPER SYMMETRIC SYNONYM SYSTEM TABLE TABLESAMPLE TEMP TEMPORARY TERMINATED
        TEXT THAN THEN THROUGHPUT TIME TIMESTAMP TIMEZONE TINYINT TO TOKEN TOTAL TOUCH TRAILING TRANSACTION
        TRANSFORM TRANSLATE TRANSLATION TREAT TRIGGER TRIM TRUE TRUNCATE TTL TUPLE TYPE UNDER UNDO UNION
        UNIQUE UNIT UNKNOWN UNLOGGED UNNEST UNPROCESSED UNSIGNED UNTIL UPDATE UPPER URL USAGE USE USER
        USERS USING UUID VACUUM VALUE VALUED VALUES VARCHAR VARIABLE VARIANCE VARINT VARYING VIEW VIEWS
        VIRTUAL VOID WAIT WHEN WHENEVER WHERE WHILE WINDOW WITH WITHIN WITHOUT WORK WRAPPED WRITE YEAR ZONE
        """

    /// The words as a set of Strings (for the rare non-ASCII name).
    static let all: Set<String> = Set(String(describing: words).split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// Whether `name` is reserved. Called at parse time only.
    static func contains(_ name: String) -> Bool {
        // Unicode upper-casing can turn a non-ASCII name into an ASCII word ("ı" becomes "I"): only
        // ASCII names take the byte path.
        if name.utf8.allSatisfy({ $0 < 0x80 }), let found = name.utf8.withContiguousStorageIfAvailable({ contains(ascii: $0) }) {
            return found
        }
        return all.contains(name.uppercased())
    }

    /// Whether ASCII bytes spell a reserved word, in any case, without building a String.
    /// Measured (callgrind, newest-20 Query): `uppercased()` plus the Set lookup cost ~400 instructions
    /// per plain name; this is a few dozen.
    static func contains(ascii name: UnsafeBufferPointer<UInt8>) -> Bool {
        // No reserved word is longer than the table allows.
        guard name.count <= ReservedWordTable.maxLength else { return false }
        return table.contains(name)
    }

    private static let table = ReservedWordTable(words)
}

/// An open-addressing hash table of the reserved words, upper-cased, looked up by ASCII-case-folded bytes.
private struct ReservedWordTable {
    static let maxLength = 16
    /// The word list: words are byte ranges of it.
    private let text: StaticString
    /// Per slot: the word's start in `text` and its length (0: empty slot).
    private let slots: [(start: Int32, count: Int32)]
    private let mask: Int

    init(_ text: StaticString) {
        let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
        var ranges: [Range<Int>] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x20 || bytes[i] == 0x0A {
            if i > start { ranges.append(start..<i) }
            start = i + 1
        }
        var capacity = 1
        while capacity < ranges.count * 4 { capacity <<= 1 }
        var slots = [(start: Int32, count: Int32)](repeating: (0, 0), count: capacity)
        for range in ranges {
            precondition(range.count <= Self.maxLength, "reserved word longer than the lookup table allows at offset \(range.lowerBound)")
            var slot = Self.hash(UnsafeBufferPointer(rebasing: bytes[range])) & (capacity - 1)
            while slots[slot].count != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = (Int32(range.lowerBound), Int32(range.count))
        }
        self.text = text
        self.slots = slots
        mask = capacity - 1
    }

    /// ASCII upper case; other bytes unchanged.
    @inline(__always)
    static func upper(_ b: UInt8) -> UInt8 { b >= 0x61 && b <= 0x7A ? b - 0x20 : b }

    /// FNV-1a of the upper-cased bytes.
    static func hash(_ name: UnsafeBufferPointer<UInt8>) -> Int {
        var h: UInt32 = 2_166_136_261
        for b in name { h = (h ^ UInt32(upper(b))) &* 16_777_619 }
        return Int(h)
    }

    func contains(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        let words = text.utf8Start
        var slot = Self.hash(name) & mask
        while true {
            let (start, count) = slots[slot]
            if count == 0 { return false }
            if Int(count) == name.count {
                var i = 0
                while i < name.count, Self.upper(name[i]) == words[Int(start) + i] { i += 1 }
                if i == name.count { return true }
            }
            slot = (slot + 1) & mask
        }
    }
}
