// Change stream records, from the DynamoDB Streams documentation ("Change data capture for DynamoDB Streams"):
// - a new item is an INSERT (new image only), a put over an existing item a MODIFY (old and new images), a
//   delete a REMOVE (old image only); a delete of an absent item changes nothing and writes no record;
// - records of one item appear in the order of its writes.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Streams.html
//
// Unconditional PutItem and DeleteItem are planned without a look-up (`Table.plansBlind`): the commit learns
// the old item from the tree's insert or remove. These tests pin that the stream and ReturnValues still see it.

import SingleTable
import Testing

@Suite("Stream records of puts and deletes")
struct StreamRecordTests {
    private func streamedTable() throws -> Database {
        try makeTable(streamSpecification: StreamSpecification(streamEnabled: true, streamViewType: .newAndOldImages))
    }

    private func item(_ version: Int) -> Item { ["pk": "p", "sk": "s", "v": .n(Number(version))] }

    @Test func putsAndDeletesRecordTheOldItemTheTreeHeld() throws {
        let db = try streamedTable()
        try db.putItem(PutItemInput(tableName: "items", item: item(1)))
        try db.putItem(PutItemInput(tableName: "items", item: item(2)))
        try db.deleteItem(DeleteItemInput(tableName: "items", key: key("p", "s")))
        try db.deleteItem(DeleteItemInput(tableName: "items", key: key("p", "s")))  // absent: no record

        let records = try db.readStream(tableName: "items")
        #expect(records.map(\.eventName) == [.insert, .modify, .remove])
        #expect(records.map(\.sequenceNumber) == records.map(\.sequenceNumber).sorted())
        #expect(records.allSatisfy { $0.keys == key("p", "s") })
        #expect(records[0].oldImage == nil)
        #expect(records[0].newImage == item(1))
        #expect(records[1].oldImage == item(1))
        #expect(records[1].newImage == item(2))
        #expect(records[2].oldImage == item(2))
        #expect(records[2].newImage == nil)
    }

    @Test func returnValuesAllOldStillReturnsTheReplacedItem() throws {
        let db = try streamedTable()
        try db.putItem(PutItemInput(tableName: "items", item: item(1)))
        let put = try db.putItem(PutItemInput(tableName: "items", item: item(2), returnValues: .allOld))
        #expect(put.attributes == item(1))
        let delete = try db.deleteItem(DeleteItemInput(tableName: "items", key: key("p", "s"), returnValues: .allOld))
        #expect(delete.attributes == item(2))
        let again = try db.deleteItem(DeleteItemInput(tableName: "items", key: key("p", "s"), returnValues: .allOld))
        #expect(again.attributes == nil)
        #expect(try db.readStream(tableName: "items").map(\.eventName) == [.insert, .modify, .remove])
    }

    @Test func aBlindDeleteEmptiesAndAPutRecreatesThePartition() throws {
        let db = try streamedTable()
        try db.putItem(PutItemInput(tableName: "items", item: item(1)))
        try db.deleteItem(DeleteItemInput(tableName: "items", key: key("p", "s")))
        #expect(try db.scan(ScanInput(tableName: "items")).count == 0)
        try db.putItem(PutItemInput(tableName: "items", item: item(3)))
        #expect(try db.getItem(GetItemInput(tableName: "items", key: key("p", "s"))).item == item(3))
        #expect(try db.readStream(tableName: "items").map(\.eventName) == [.insert, .remove, .insert])
    }
}
