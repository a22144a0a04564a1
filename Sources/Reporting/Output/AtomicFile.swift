import Foundation

/// Writes files so readers never see half of one: write a temporary sibling, then rename(2) over
/// the destination (atomic within one file system).
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(ReportWriteError) {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws(ReportWriteError) {
        let temporary = path + ".tmp-\(getpid())"
        do {
            try data.write(to: URL(fileURLWithPath: temporary))
        } catch {
            throw .cannotWrite(path: temporary, reason: error.localizedDescription)
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .cannotWrite(path: path, reason: "rename from \(temporary) failed: \(reason)")
        }
    }
}

public enum ReportWriteError: Error, Equatable, CustomStringConvertible {
    case cannotWrite(path: String, reason: String)
    case cannotCreateDirectory(path: String, reason: String)

    public var description: String {
        switch self {
        case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
        case .cannotCreateDirectory(let path, let reason): return "cannot create directory \(path): \(reason)"
        }
    }
}
