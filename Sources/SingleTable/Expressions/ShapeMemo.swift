#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The last key condition text each thread scanned, and its common shape (nil: it has none).
///
/// Clients send the same few key condition texts over and over, so remembering the last one per thread
/// skips the scan, and building the token Strings, when the next Query repeats it. Placeholders stay
/// unresolved in the memo: each request resolves them against its own maps. One entry per thread, so
/// there is no lock and no write to memory another thread reads. Comparing the text is cheap: a repeated
/// text is usually the very same String (equal bits), and short ones are stored inline.
///
/// String `==` is canonical equivalence, under which "p\u{212A}" (KELVIN SIGN) equals "pK". Only ASCII
/// texts have a shape, and a text canonically equivalent to an ASCII one but not identical to it has
/// more UTF-8 bytes (the non-ASCII characters equivalent to ASCII ones are singletons of 2+ bytes), so
/// equal texts of equal byte counts are identical as far as the shape goes.
/// Measured (callgrind, newest-20 Query "pk = :pk"): the scan cost ~830 instructions per Query, the memo
/// hit ~90.
struct ShapeMemo {
    var text: String
    var shape: CommonShape?

    /// The common shape of `text`, from this thread's memo when it is the text scanned last.
    static func shape(of text: String) -> CommonShape? {
        let memo = current
        if memo.pointee.text == text, memo.pointee.text.utf8.count == text.utf8.count { return memo.pointee.shape }
        let shape = CommonShape.scan(text)
        memo.pointee = ShapeMemo(text: text, shape: shape)
        return shape
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        let status = pthread_key_create(&key) { pointer in
            let raw: UnsafeMutableRawPointer? = pointer
            guard let memo = raw?.assumingMemoryBound(to: ShapeMemo.self) else { return }
            memo.deinitialize(count: 1)
            memo.deallocate()
        }
        precondition(status == 0, "pthread_key_create for the key condition memo failed with status \(status)")
        return key
    }()

    /// This thread's memo, created on its first Query (freed when the thread exits).
    private static var current: UnsafeMutablePointer<ShapeMemo> {
        if let pointer = pthread_getspecific(key) { return pointer.assumingMemoryBound(to: ShapeMemo.self) }
        let memo = UnsafeMutablePointer<ShapeMemo>.allocate(capacity: 1)
        // The empty text has no common shape, so this entry is already true.
        memo.initialize(to: ShapeMemo(text: "", shape: nil))
        pthread_setspecific(key, memo)
        return memo
    }
}
