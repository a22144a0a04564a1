import Randomness
import SingleTable

/// Cruddur-shaped items for engine measurements, made without Foundation (deterministic from a seed).
///
/// The workload generator (WorkloadKit) makes the full dataset; this is the minimum the engine benchmark
/// needs so that it depends on nothing but the engine.
struct CruddurData {
    var rng: SplitMix64
    let conversations: Int
    let users: Int
    private(set) var groupIDs: [String] = []
    private(set) var userIDs: [String] = []
    /// Per conversation, the sort keys of its messages (for GetItem on existing keys).
    private(set) var messageKeys: [[String]] = []
    private static let lorem = Array("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.".utf8)

    init(seed: UInt64, conversations: Int, users: Int) {
        rng = SplitMix64(seed: seed)
        self.conversations = conversations
        self.users = users
        userIDs = (0..<users).map { _ in CruddurData.uuid(&rng) }
        groupIDs = (0..<conversations).map { _ in CruddurData.uuid(&rng) }
        messageKeys = Array(repeating: [], count: conversations)
    }

    /// A lowercase 8-4-4-4-12 hex UUID from 16 random bytes.
    static func uuid(_ rng: inout SplitMix64) -> String {
        let hex = Array("0123456789abcdef".utf8)
        let a = rng.next(), b = rng.next()
        return String(unsafeUninitializedCapacity: 36) { out in
            var j = 0
            for i in 0..<32 {
                if i == 8 || i == 12 || i == 16 || i == 20 { out[j] = UInt8(ascii: "-"); j += 1 }
                let word = i < 16 ? a : b
                out[j] = hex[Int((word >> UInt64((i % 16) * 4)) & 0xF)]
                j += 1
            }
            return 36
        }
    }

    /// "2026-MM-DDTHH:MM:SS.ffffff+00:00" for microseconds since 2026-01-01, by hand (no formatter).
    static func timestamp(micros: UInt64) -> String {
        let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var seconds = micros / 1_000_000
        let fraction = micros % 1_000_000
        var day = Int(seconds / 86_400)
        seconds %= 86_400
        var month = 0
        while month < 11 && day >= daysInMonth[month] { day -= daysInMonth[month]; month += 1 }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var f = String(fraction)
        f = String(repeating: "0", count: 6 - f.count) + f
        return "2026-\(two(month + 1))-\(two(day + 1))T\(two(Int(seconds / 3600))):\(two(Int(seconds / 60 % 60))):\(two(Int(seconds % 60))).\(f)+00:00"
    }

    mutating func messageText() -> String {
        let length = 40 + Int(rng.next() % 81)  // 40…120 bytes, mean 80
        let start = Int(rng.next() % UInt64(CruddurData.lorem.count - length))
        return String(decoding: CruddurData.lorem[start..<(start + length)], as: UTF8.self)
    }

    /// The n-th message of a conversation: created_at strictly increasing within it.
    mutating func message(conversation: Int, index: Int) -> Item {
        let sender = userIDs[(conversation + index) % users]
        let micros = UInt64(index) * 60_000_000 + UInt64(conversation) * 1_000
        let sk = CruddurData.timestamp(micros: micros)
        messageKeys[conversation].append(sk)
        return [
            "pk": .s("MSG#" + groupIDs[conversation]), "sk": .s(sk),
            "message_uuid": .s(CruddurData.uuid(&rng)), "message": .s(messageText()),
            "user_uuid": .s(sender), "user_display_name": .s("User \(sender.prefix(6))"), "user_handle": .s("u" + sender.prefix(8)),
        ]
    }

    /// The two group items of a conversation (one per participant, each naming the other user).
    mutating func groupItems(conversation: Int, lastMessageAt: String, lastMessage: String) -> [Item] {
        let a = userIDs[conversation % users], b = userIDs[(conversation * 7 + 1) % users]
        return [(a, b), (b, a)].map { me, other in
            [
                "pk": .s("GRP#" + me), "sk": .s(lastMessageAt), "message_group_uuid": .s(groupIDs[conversation]),
                "message": .s(lastMessage), "user_uuid": .s(other), "user_display_name": .s("User \(other.prefix(6))"),
                "user_handle": .s("u" + other.prefix(8)),
            ]
        }
    }
}
