/// Message bodies: slices of one prebuilt ASCII buffer of lorem-ipsum words, so that writing a message
/// costs one string copy of the chosen length and no formatting.
public enum MessageText {
    /// Longest message a workload may ask for (bytes).
    public static let maximumLength = 65_536

    static let words = [
        "lorem", "ipsum", "dolor", "sit", "amet", "consectetur", "adipiscing", "elit", "sed", "do", "eiusmod",
        "tempor", "incididunt", "ut", "labore", "et", "dolore", "magna", "aliqua", "enim", "ad", "minim",
        "veniam", "quis", "nostrud", "exercitation", "ullamco", "laboris", "nisi", "aliquip", "ex", "ea",
        "commodo", "consequat", "duis", "aute", "irure", "in", "reprehenderit", "voluptate", "velit", "esse",
        "cillum", "eu", "fugiat", "nulla", "pariatur", "excepteur", "sint", "occaecat", "cupidatat", "non",
        "proident", "sunt", "culpa", "qui", "officia", "deserunt", "mollit", "anim", "id", "est", "laborum",
    ]

    /// 2 × maximumLength bytes of words, in an order fixed by a constant seed.
    static let buffer: [UInt8] = {
        var rng = Xoshiro256StarStar(seed: 0x4C4F_5245_4D)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 * maximumLength + 16)
        while bytes.count < 2 * maximumLength {
            bytes.append(contentsOf: words[Int(rng.nextIndex(below: UInt64(words.count)))].utf8)
            bytes.append(UInt8(ascii: " "))
        }
        return bytes
    }()

    /// `length` bytes of text starting at a position chosen by `position` (any value; reduced modulo).
    @inline(__always)
    public static func text(length: Int, position: UInt64) -> String {
        precondition(length >= 0 && length <= maximumLength, "MessageText: length \(length) outside 0...\(maximumLength)")
        let start = Int(position % UInt64(maximumLength))
        return buffer.withUnsafeBufferPointer { all in
            String(decoding: UnsafeBufferPointer(rebasing: all[start..<(start + length)]), as: UTF8.self)
        }
    }
}
