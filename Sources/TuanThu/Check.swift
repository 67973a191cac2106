import Base
import Diagnostics
import Dispatch
import Evaluator
import Foundation
import JSON
import Reporters
import Semantics
import Synchronization

/// One dossier to check: a file, or a line of an NDJSON stream.
public enum DossierInput: Sendable {
    case file(path: String)
    case record(NDJSONRecord, streamName: String)
    /// A path that names nothing readable (reported as an unreadable dossier).
    case unreadable(path: String, message: String)

    /// The name to report the dossier under: its path, or `stream:line` for a record.
    public var displayPath: String {
        switch self {
        case .file(let p): p
        case .record(let r, let name): "\(name):\(r.line)"
        case .unreadable(let p, _): p
        }
    }
}

/// Settings of one `check` run.
public struct CheckOptions: Sendable {
    /// The date the rules are checked as of (selects rules in force and `today()`).
    public var asOf: CivilDate
    /// Parallel workers; 1 checks on the calling thread.
    public var jobs: Int
    /// Dossiers larger than this are refused (unreadable), never loaded.
    public var maxBytes: Int
    /// Compute each dossier's SHA-256 (the JSON-like formats report it).
    public var digests: Bool
    /// Why the dossiers are checked: decides what `reference_date()` gives.
    public var purpose: CheckPurpose = .prevalidation

    /// Creates options; `jobs` below 1 is raised to 1, `maxBytes` defaults to 64 MiB.
    public init(asOf: CivilDate, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, maxBytes: Int = 64 << 20, digests: Bool = true) {
        self.asOf = asOf
        self.jobs = max(1, jobs)
        self.maxBytes = maxBytes
        self.digests = digests
    }
}

/// Checks dossiers in parallel and hands the results back in input order,
/// as each batch completes, so output streams and memory stays bounded by
/// the batch, not the input. Output is the same whatever `jobs` is.
///
/// Not `Sendable` and not reentrant: a checker owns one evaluator (with its
/// scratch buffers) per job, so one `run` at a time; make a checker per thread.
public final class BatchChecker {
    /// The compiled ruleset every dossier is checked against.
    public let program: Program
    /// The settings of the run.
    public let options: CheckOptions
    private var evaluators: [Evaluator]

    /// Creates a checker with one evaluator per job.
    public init(program: Program, options: CheckOptions) {
        self.program = program
        self.options = options
        self.evaluators = (0..<options.jobs).map { _ in Evaluator(program: program, asOf: options.asOf, purpose: options.purpose) }
    }

    /// Checks every input from `next()` and calls `emit` with each result in order.
    public func run(next: () -> DossierInput?, emit: (DossierResult) -> Void) {
        run(next: next, prepare: { _ in () }, emit: { r, _ in emit(r) })
    }

    /// The same, with a step run on the workers right after each check, in
    /// parallel: `prepare` may change the result and makes what `emit` gets
    /// with it (a report renders each dossier there, so rendering scales
    /// with the cores too). `prepare` must be safe to call from several threads.
    package func run<Prepared>(next: () -> DossierInput?, prepare: (inout DossierResult) -> Prepared,
                              emit: (DossierResult, Prepared) -> Void) {
        let batchSize = options.jobs == 1 ? 1 : options.jobs * 32
        var batch: [DossierInput] = []
        batch.reserveCapacity(batchSize)
        // The first dossier of the run with each `id`: a later one with the
        // same id is flagged (ids name dossiers in waivers and registers).
        var firstWithID: [String: String] = [:]
        while true {
            batch.removeAll(keepingCapacity: true)
            while batch.count < batchSize, let input = next() { batch.append(input) }
            if batch.isEmpty { return }
            for (k, checked) in checkBatch(batch, prepare).enumerated() {
                var (r, p) = (checked.result, checked.prepared)
                if let id = checked.original.id, checked.original.error == nil {
                    if let first = firstWithID[id] {
                        // Checked again from the unprepared result: the duplicate
                        // must not inherit waivers granted to the first by id.
                        r = checked.original
                        markDuplicateID(&r, batch[k], firstFile: first)
                        p = prepare(&r)
                    } else {
                        firstWithID[id] = batch[k].displayPath
                    }
                }
                emit(r, p)
            }
        }
    }

    /// Adds the `tuanthu.duplicate-id` finding, at the dossier's `/id` value.
    private func markDuplicateID(_ r: inout DossierResult, _ input: DossierInput, firstFile: String) {
        var bytes: [UInt8] = []
        var firstLine = 1
        switch input {
        case .file(let path):
            if case .success(let b) = Self.readDossier(path, options) { bytes = b }
        case .record(let rec, _):
            bytes = rec.bytes
            firstLine = rec.line
        case .unreadable:
            return
        }
        var start: UInt32 = 0, end: UInt32 = 0
        if let document = try? JSONParser.parse(bytes), document.nodes[0].kind == .object,
           let member = document.members(0).first(where: { document.string($0.key) == "id" }) {
            start = document.nodes[member.value].start
            end = document.nodes[member.value].end
        }
        let source = r.source ?? SourceFile(id: FileID(0), path: r.file, bytes: bytes, firstLine: firstLine)
        let loc = source.location(of: start)
        let id = r.id ?? ""
        r.findings.insert(Finding(
            rule: duplicateIDRule, severity: .error, kind: .invalid,
            message: [("vi", "Mã hồ sơ «\(id)» trùng với hồ sơ \(firstFile) đã kiểm tra trong cùng đợt."),
                      ("en", "The dossier id “\(id)” is already used by \(firstFile), checked in the same run.")],
            hint: [("vi", "Mỗi hồ sơ cần một mã riêng; sửa mã của hồ sơ này hoặc bỏ bản trùng khỏi đợt kiểm tra."),
                   ("en", "Give each dossier its own id; correct this one's id or drop the duplicate from the batch.")],
            cites: [], pointer: "/id", line: loc.line, column: loc.column, start: start, end: end,
            missing: [], evidence: [Evidence(expr: "id", pointer: "/id", value: escapeJSONString(id))], waiver: nil), at: 0)
        r.source = source
        r.outcome = .fail
    }

    /// Checks a list of inputs; results in the same order.
    public func check(_ inputs: [DossierInput]) -> [DossierResult] {
        var out: [DossierResult] = []
        out.reserveCapacity(inputs.count)
        var k = 0
        run(next: { k < inputs.count ? (k += 1, inputs[k - 1]).1 : nil }, emit: { out.append($0) })
        return out
    }

    /// One checked dossier: as checked, and after `prepare` with what it made.
    private struct Checked<Prepared> {
        var original: DossierResult
        var result: DossierResult
        var prepared: Prepared
    }

    private func checkBatch<Prepared>(_ batch: [DossierInput], _ prepare: (inout DossierResult) -> Prepared) -> [Checked<Prepared>] {
        let jobs = min(options.jobs, batch.count)
        if jobs <= 1 {
            return batch.map { input in
                let original = Self.checkOne(input, evaluators[0], options)
                var r = original
                let p = prepare(&r)
                return Checked(original: original, result: r, prepared: p)
            }
        }
        var results = [Checked<Prepared>?](repeating: nil, count: batch.count)
        withoutActuallyEscaping(prepare) { prepare in
            // The caller promises `prepare` is safe on several threads.
            let step = UncheckedSendable(prepare)
            results.withUnsafeMutableBufferPointer { slots in
                let base = UncheckedSendable(slots)
                // Workers take the next item from a shared counter, so a worker
                // with large dossiers does not hold up the batch; each slot is
                // written by the one worker that took it.
                let next = Atomic<Int>(0)
                let evaluators = UncheckedSendable(evaluators), options = options
                DispatchQueue.concurrentPerform(iterations: jobs) { w in
                    let evaluator = evaluators.value[w]
                    while true {
                        let i = next.add(1, ordering: .relaxed).oldValue
                        if i >= batch.count { break }
                        let original = Self.checkOne(batch[i], evaluator, options)
                        var r = original
                        let p = step.value(&r)
                        base.value[i] = Checked(original: original, result: r, prepared: p)
                    }
                }
            }
        }
        // Every slot was filled by the worker that took its index.
        return results.compactMap { $0 }
    }

    private static func checkOne(_ input: DossierInput, _ evaluator: Evaluator, _ options: CheckOptions) -> DossierResult {
        switch input {
        case .file(let path):
            switch readDossier(path, options) {
            case .success(let bytes):
                return evaluator.check(bytes: bytes, path: path, digest: options.digests)
            case .failure(let message):
                return unreadable(path, message)
            }
        case .record(let r, let name):
            if r.overLimit || r.bytes.count > options.maxBytes {
                return unreadable("\(name):\(r.line)", "the record is \(r.length) bytes, over --max-bytes \(options.maxBytes)")
            }
            return evaluator.check(bytes: r.bytes, path: name, firstLine: r.line, digest: options.digests)
        case .unreadable(let path, let message):
            return unreadable(path, message)
        }
    }

    private enum ReadResult { case success([UInt8]), failure(String) }

    private static func readDossier(_ path: String, _ options: CheckOptions) -> ReadResult {
        switch readFileBounded(path, maxBytes: options.maxBytes) {
        case .success(let bytes): .success(bytes)
        case .failure(let e): .failure(e.message)
        }
    }

    private static func unreadable(_ path: String, _ message: String) -> DossierResult {
        DossierResult(
            file: path, id: nil, sha256: "", outcome: .error,
            error: DossierError(code: "E4001", message: message, line: nil, column: nil, rendered: "error[E4001]: \(terminalSafeLine(path)): \(message)\n"),
            rules: [], findings: [], source: nil)
    }
}

/// The reserved id of the finding on a dossier whose `id` an earlier dossier of the run has.
package let duplicateIDRule = "tuanthu.duplicate-id"

/// `check` as a whole: checks every input from `next()` and writes the
/// report through `write` as it goes. Waivers and each dossier's text are
/// made on the workers, in parallel; the rest in input order. `observe`
/// sees each result as written. Returns the batch's summary.
package func checkAndReport(_ checker: BatchChecker, next: () -> DossierInput?, writer: inout any ReportWriter,
                           context: ReportContext, waivers: inout WaiverApplier?,
                           write: (String) -> Void, observe: (DossierResult) -> Void = { _ in }) -> BatchSummary {
    var summary = BatchSummary()
    let workerWaivers = waivers, workerWriter = writer
    write(writer.begin())
    checker.run(next: next, prepare: { result in
        // Waivers first: they change outcomes, which the text shows.
        let used = workerWaivers?.waive(&result) ?? []
        return (used, workerWriter.renderAlone(result))
    }, emit: { result, prepared in
        waivers?.markUsed(prepared.0)
        summary.add(result, context)
        observe(result)
        write(writer.dossier(result, rendered: prepared.1))
    })
    write(writer.end(summary))
    return summary
}

/// A value handed to the workers, which the code around it keeps safe:
/// each result slot is written by one worker, worker `w` alone uses
/// evaluator `w` (an `Evaluator` is not `Sendable`: it has scratch state),
/// and `prepare` is safe on several threads by contract.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Expands command-line paths: files as given, folders into their `*.json`
/// files (recursively, sorted, hidden entries skipped). A path that does not
/// exist becomes an unreadable input, so the batch goes on.
public func expandDossierPaths(_ paths: [String]) -> [DossierInput] {
    var notices: [String] = []
    return expandDossierPaths(paths, notices: &notices)
}

/// The same, with a notice for each folder skipped because it was already
/// walked (a symlink loop, or a second link to one folder).
///
/// Nothing is skipped silently: the extension is matched without regard to
/// case (`.json`, `.JSON`, `.Json`); symlinked folders are followed, each
/// real folder walked once (its device and inode remembered), so a loop
/// ends; a name that is not UTF-8, a dangling link and an unreadable folder
/// each become an unreadable input, named with its bytes escaped.
public func expandDossierPaths(_ paths: [String], notices: inout [String]) -> [DossierInput] {
    var out: [DossierInput] = []
    for path in paths {
        var st = stat()
        guard stat(path, &st) == 0 else {
            var lst = stat()
            // A name given on the command line arrives decoded, invalid bytes as U+FFFD:
            // say so rather than leave "no such file" unexplained.
            let why = lstat(path, &lst) == 0 ? "a symbolic link to nothing"
                : path.unicodeScalars.contains("\u{FFFD}") ? "no such file or folder (the name given is not valid UTF-8, each bad byte shown as \u{FFFD}; rename the file)"
                : "no such file or folder"
            out.append(.unreadable(path: path, message: why))
            continue
        }
        if (st.st_mode & S_IFMT) != S_IFDIR {
            out.append(.file(path: path))
            continue
        }
        var found: [DossierInput] = []
        var visited = Set<[UInt64]>()
        walkFolder(path.hasSuffix("/") ? String(path.dropLast()) : path, &found, &visited, &notices)
        out += found.sorted { $0.displayPath < $1.displayPath }
    }
    return out
}

/// Adds the dossiers under folder `dir` to `found`, depth first.
private func walkFolder(_ dir: String, _ found: inout [DossierInput], _ visited: inout Set<[UInt64]>, _ notices: inout [String]) {
    var st = stat()
    guard stat(dir, &st) == 0 else {
        found.append(.unreadable(path: dir, message: "cannot read the folder: \(String(cString: strerror(errno)))"))
        return
    }
    guard visited.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted else {
        notices.append("`\(dir)` is a folder already checked in this run (a symbolic link loop or a second link to it); skipped")
        return
    }
    guard let handle = opendir(dir) else {
        found.append(.unreadable(path: dir, message: "cannot read the folder: \(String(cString: strerror(errno)))"))
        return
    }
    defer { closedir(handle) }
    var names: [[UInt8]] = []
    while let entry = readdir(handle) {
        let name: [UInt8] = withUnsafeBytes(of: entry.pointee.d_name) { raw in
            Array(raw.prefix { $0 != 0 })
        }
        // Hidden entries (and `.`, `..`) are skipped, as before; temporary report files are hidden too.
        if name.first == UInt8(ascii: ".") { continue }
        names.append(name)
    }
    for name in names {
        guard let text = String(validating: name, as: UTF8.self) else {
            let shown = dir + "/" + escapedFileName(name)
            found.append(.unreadable(path: shown, message: "the file name is not valid UTF-8; rename it"))
            continue
        }
        let full = dir + "/" + text
        var est = stat()
        if stat(full, &est) != 0 {
            // A dangling link named like a dossier is reported, not skipped.
            if text.lowercased().hasSuffix(".json") {
                found.append(.unreadable(path: full, message: "a symbolic link to nothing"))
            }
            continue
        }
        if (est.st_mode & S_IFMT) == S_IFDIR {
            walkFolder(full, &found, &visited, &notices)
        } else if text.lowercased().hasSuffix(".json") {
            found.append(.file(path: full))
        }
    }
}

/// A file name's bytes for a message: UTF-8 as is, every other byte as `\x{FF}`.
func escapedFileName(_ bytes: [UInt8]) -> String {
    var out = ""
    var i = 0
    while i < bytes.count {
        // The longest valid UTF-8 sequence starting here, if any.
        var decoded: String? = nil
        for len in 1...4 where i + len <= bytes.count {
            if let s = String(validating: bytes[i..<(i + len)], as: UTF8.self) {
                decoded = s
                i += len
                break
            }
        }
        if let d = decoded {
            out += d
        } else {
            out += "\\x{" + String(bytes[i], radix: 16, uppercase: true) + "}"
            i += 1
        }
    }
    return out
}

/// Why a file could not be read, in a sentence.
package struct FileReadError: Error, Sendable {
    /// E.g. `cannot open: No such file or directory`, `the file is 90 bytes, over --max-bytes 64`.
    package var message: String
}

/// Reads a file of at most `maxBytes` bytes, never blocking on a FIFO that
/// has no writer and never reading a device without end: a regular file is
/// refused by its size before it is read; a pipe, FIFO or device is read up
/// to the limit and refused past it (`check <(…)` works, `/dev/zero` does not hang).
package func readFileBounded(_ path: String, maxBytes: Int) -> Result<[UInt8], FileReadError> {
    // O_NONBLOCK: opening a FIFO without a writer must not wait for one.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    if fd < 0 { return .failure(FileReadError(message: "cannot open: \(String(cString: strerror(errno)))")) }
    defer { close(fd) }
    var st = stat()
    if fstat(fd, &st) != 0 { return .failure(FileReadError(message: "cannot read: \(String(cString: strerror(errno)))")) }
    let type = st.st_mode & S_IFMT
    if type == S_IFDIR { return .failure(FileReadError(message: "is a folder, not a file")) }
    // Reads block again from here on (a pipe's writer may be slower than us); a FIFO without writers reads as empty.
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    let isRegular = type == S_IFREG
    let size = isRegular ? Int(st.st_size) : 0
    if size > maxBytes {
        return .failure(FileReadError(message: "the file is \(size) bytes, over --max-bytes \(maxBytes)"))
    }
    var bytes = [UInt8](repeating: 0, count: isRegular ? size : min(maxBytes + 1, 1 << 16))
    var got = 0
    while true {
        if got == bytes.count {
            if isRegular || got > maxBytes { break }
            bytes.append(contentsOf: [UInt8](repeating: 0, count: min(bytes.count, maxBytes + 1 - got)))
        }
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, $0.count - got) }
        if n < 0 {
            if errno == EINTR { continue }
            return .failure(FileReadError(message: "cannot read: \(String(cString: strerror(errno)))"))
        }
        if n == 0 { break }
        got += n
    }
    if got > maxBytes {
        return .failure(FileReadError(message: "the input is over --max-bytes \(maxBytes) bytes"))
    }
    if got < bytes.count { bytes.removeSubrange(got...) }
    return .success(bytes)
}

/// Today's date in Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
public func todayInVietnam() -> CivilDate {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? TimeZone(secondsFromGMT: 7 * 3600)!
    let c = calendar.dateComponents([.year, .month, .day], from: Date())
    return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
}
