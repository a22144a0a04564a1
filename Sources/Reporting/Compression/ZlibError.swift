/// Why a zlib/deflate stream could not be read.
public enum ZlibError: Error, Equatable, CustomStringConvertible {
    case truncated(String)
    case badHeader(String)
    case badBlock(String)
    case checksumMismatch(expected: UInt32, computed: UInt32)

    public var description: String {
        switch self {
        case .truncated(let what): return "zlib stream truncated: \(what)"
        case .badHeader(let what): return "zlib header invalid: \(what)"
        case .badBlock(let what): return "deflate block invalid: \(what)"
        case .checksumMismatch(let expected, let computed):
            return "zlib Adler-32 mismatch: stream says \(expected), data gives \(computed)"
        }
    }
}
