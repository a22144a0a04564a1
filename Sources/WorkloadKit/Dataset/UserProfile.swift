/// A user as the Cruddur items name one: uuid, handle and display name, plus the precomputed partition key
/// of the user's message-group items so no operation formats it.
public struct UserProfile: Sendable, Hashable {
    public let uuid: String
    public let handle: String
    public let displayName: String
    /// "GRP#<uuid>".
    public let groupPartitionKey: String

    static let firstNames = [
        "Andrew", "Bayko", "Chen", "Dana", "Elif", "Farah", "Goran", "Hana", "Ivan", "Jules", "Kofi", "Lena",
        "Mateo", "Nadia", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wen", "Yara", "Zoe",
    ]
    static let lastNames = [
        "Brown", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen", "Kim", "Lopez",
        "Moreau", "Novak", "Okafor", "Petrov", "Rossi", "Sato", "Tanaka", "Usman", "Weber", "Young", "Zhang",
    ]

    /// User `index` of a dataset seeded with `seed`: the same on every call, so any component can rebuild it.
    public init(seed: UInt64, index: Int) {
        var rng = Xoshiro256StarStar(seed: SplitMix64.mix(seed: seed, domain: DatasetLayout.userDomain, index: UInt64(index)))
        uuid = UUIDText.random(using: &rng)
        let first = UserProfile.firstNames[Int(rng.nextIndex(below: UInt64(UserProfile.firstNames.count)))]
        let last = UserProfile.lastNames[Int(rng.nextIndex(below: UInt64(UserProfile.lastNames.count)))]
        displayName = first + " " + last
        // The index makes handles unique.
        handle = first.lowercased() + String(index)
        groupPartitionKey = "GRP#" + uuid
    }
}
