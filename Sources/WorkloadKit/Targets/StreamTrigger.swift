import Foundation
import SingleTable

/// The in-process stand-in for Cruddur's stream Lambda: subscribed to the table's change stream, it reacts
/// to every inserted message item (pk MSG#…) by moving the conversation's group items to it. Runs on the
/// writer's thread after the write, so when a D operation returns its group items have moved.
final class StreamTrigger: @unchecked Sendable {
    let mover: GroupItemMover
    private let lock = NSLock()
    private var _errors: [DynamoDBError] = []

    init(mover: GroupItemMover) { self.mover = mover }

    /// Failures inside the trigger (they cannot reach the writer, as with a real Lambda).
    var errors: [DynamoDBError] { lock.withLock { _errors } }

    func handle(_ record: StreamRecord) {
        guard record.eventName == .insert,
              case .s(let pk)? = record.keyAttribute(CruddurItems.pk), pk.utf8.starts(with: CruddurItems.messagePrefix.utf8),
              case .s(let sk)? = record.keyAttribute(CruddurItems.sk),
              case .s(let text)? = record.newImageAttribute(CruddurItems.message)
        else { return }
        let groupUUID = String(pk.utf8.dropFirst(CruddurItems.messagePrefix.utf8.count))!
        do {
            _ = try mover.move(groupUUID: groupUUID, lastMessageAt: sk, lastMessage: text)
        } catch {
            lock.withLock { _errors.append(error) }
        }
    }
}
