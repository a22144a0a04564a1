import Foundation

/// A contender in another language: built from `peers/` by its own toolchain (release / -O2), then run on
/// the key file; it prints `{"contender": …, "runs": [{insert_ns, get_ns, range_ns, get_checksum,
/// range_checksum, insert_bytes}, …]}`.
struct ExternalContender {
    var label: String
    var memoryMethod: String
    /// Returns the built executable, or throws `Skip` with the reason.
    var build: (_ repository: String, _ buildDirectory: String) throws -> String

    struct Skip: Error, CustomStringConvertible {
        var description: String
    }

    /// One run of the built `executable` on the key file: the name the program gives itself (which map it
    /// was built with) and its figures.
    func measureOnce(executable: String, keyFile: String) throws -> (name: String?, run: IndexRun) {
        let output = try Shell.run(executable, [keyFile, "1"], environment: ExternalContender.hugePages)
        let parsed = try ExternalContender.parse(output, label: label, memoryMethod: memoryMethod)
        guard let run = parsed.runs.first else { throw Skip(description: "\(label) printed no run") }
        return (parsed.name, run)
    }

    /// The contenders' allocator (glibc malloc) on transparent huge pages, as stbench's jemalloc is
    /// (`thp:always`, CShims/allocator_config.c): glibc 2.35+ madvises its heap with this tunable. Without
    /// it the engine alone would be spared the TLB misses of a big random-access map.
    static let hugePages = ["GLIBC_TUNABLES": "glibc.malloc.hugetlb=1"]

    static func parse(_ output: String, label: String, memoryMethod: String) throws -> ContenderResult {
        let decoded = try JSONDecoder().decode(Output.self, from: Data(output.utf8))
        return ContenderResult(name: decoded.contender, memoryMethod: memoryMethod, runs: decoded.runs.map(\.indexRun))
    }

    /// The JSON line a contender process prints (the Rust and C++ programs, and `stbench bench index-contender`).
    struct Output: Codable {
        var contender: String
        var runs: [Run]

        struct Run: Codable {
            var insert_ns: Double
            var get_ns: Double
            /// Negative when the contender has no key-range lookup (SortedDictionary).
            var range_ns: Double
            var get_checksum: Int
            var range_checksum: Int
            var insert_bytes: Int
            /// Only `stbench bench index-contender engine` prints these (the engine's tree after the inserts).
            var tree_height: Int?
            var leaf_fill: Double?

            init(_ run: IndexRun) {
                insert_ns = run.insertNanos
                get_ns = run.getNanos
                range_ns = run.rangeNanos ?? -1
                get_checksum = run.getChecksum
                range_checksum = run.rangeChecksum ?? 0
                insert_bytes = run.insertBytes
                tree_height = run.treeShape?.height
                leaf_fill = run.treeShape?.leafFill
            }

            var indexRun: IndexRun {
                IndexRun(insertNanos: insert_ns, getNanos: get_ns, rangeNanos: range_ns < 0 ? nil : range_ns,
                         getChecksum: get_checksum, rangeChecksum: range_ns < 0 ? nil : range_checksum, insertBytes: insert_bytes,
                         treeShape: tree_height.flatMap { height in leaf_fill.map { IndexRun.TreeShape(height: height, leafFill: $0) } })
            }
        }
    }

    /// Rust std BTreeMap: `cargo build --release` of peers/rust-btreemap; skipped where cargo is absent.
    static let rust = ExternalContender(
        label: "Rust std BTreeMap", memoryMethod: "counting global allocator (requested bytes, net)"
    ) { repository, buildDirectory in
        guard let cargo = Shell.which("cargo") else {
            throw Skip(description: "Rust std BTreeMap skipped: cargo is not installed (https://rustup.rs)")
        }
        let target = buildDirectory + "/rust"
        _ = try Shell.run(cargo, ["build", "--quiet", "--release", "--manifest-path", repository + "/peers/rust-btreemap/Cargo.toml",
                                  "--target-dir", target])
        return target + "/release/rust-btreemap"
    }

    /// C++: absl::btree_map with Debian's libabsl-dev (pkg-config absl_btree), else std::map; g++ -O2.
    static let cpp = ExternalContender(
        label: "C++ btree", memoryMethod: "counting operator new/delete (requested bytes, net)"
    ) { repository, buildDirectory in
        guard let compiler = Shell.which("g++") ?? Shell.which("c++") else {
            throw Skip(description: "C++ skipped: no g++ or c++ compiler")
        }
        let source = repository + "/peers/cpp-btree/main.cpp"
        let output = buildDirectory + "/cpp-btree"
        try FileManager.default.createDirectory(atPath: buildDirectory, withIntermediateDirectories: true)
        if let pkgConfig = Shell.which("pkg-config"),
           let flags = try? Shell.run(pkgConfig, ["--cflags", "--libs", "absl_btree"]),
           (try? Shell.run(compiler, ["-O2", "-std=c++17", source, "-o", output] + flags.split(separator: " ").map(String.init))) != nil {
            return output
        }
        _ = try Shell.run(compiler, ["-O2", "-std=c++17", "-DSTBENCH_STD_MAP", source, "-o", output])
        return output
    }
}

/// Runs a program and returns its standard output; throws with its standard error when it fails.
enum Shell {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// `environment` is added to (and overrides entries of) this process's environment.
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if !environment.isEmpty {
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, added in added }
        }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Both pipes drain at once, before waiting: reading one to its end first would leave the child
        // blocked on the other once that pipe's buffer (64 KiB) filled (a compiler's warnings, say).
        let errorBytes = ErrorBytes()
        let errorReader = Thread { errorBytes.data = err.fileHandleForReading.readDataToEndOfFile(); errorBytes.done.signal() }
        errorReader.start()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        errorBytes.done.wait()
        let errData = errorBytes.data
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw Failure(description: "\(executable) exited with \(process.terminationStatus): \(message.suffix(400))")
        }
        return String(decoding: outData, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Standard error as the reader thread leaves it; `done` orders its write before the caller's read.
    private final class ErrorBytes: @unchecked Sendable {
        var data = Data()
        let done = DispatchSemaphore(value: 0)
    }

    /// The first executable named `name` on PATH (and ~/.cargo/bin, where rustup puts cargo).
    static func which(_ name: String) -> String? {
        var directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        if let home = ProcessInfo.processInfo.environment["HOME"] { directories.append(home + "/.cargo/bin") }
        return directories.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}
