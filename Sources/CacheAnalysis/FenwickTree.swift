/// A Fenwick (binary indexed) tree of Ints: point update and prefix sum in O(log n).
/// Mattson's stack distance becomes a range count over access times with it.
struct FenwickTree {
    private var tree: [Int]

    init(count: Int) { tree = [Int](repeating: 0, count: count + 1) }

    /// Adds `delta` at position `i` (0-based).
    @inline(__always)
    mutating func add(_ i: Int, _ delta: Int) {
        var j = i + 1
        let n = tree.count
        while j < n {
            tree[j] &+= delta
            j += j & -j
        }
    }

    /// Sum of positions 0..<i.
    @inline(__always)
    func prefixSum(_ i: Int) -> Int {
        var j = i
        var sum = 0
        while j > 0 {
            sum &+= tree[j]
            j &= j - 1
        }
        return sum
    }
}
