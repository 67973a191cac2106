import Base
import Diagnostics
import Digest
import Dispatch
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import Semantics
import TuanThu

/// Settings of one `check` run.
package struct CheckOptions: Sendable {
    /// The date the rules are checked as of (selects rules in force and `today()`).
    package var asOf: CivilDate
    /// Parallel workers; 1 checks on the calling thread.
    package var jobs: Int
    /// Dossiers larger than this are refused (unreadable), never loaded.
    package var maxBytes: Int
    /// Compute each dossier's SHA-256 (the JSON-like formats report it).
    package var digests: Bool
    /// Why the dossiers are checked: decides what `reference_date()` gives.
    package var purpose: CheckPurpose = .prevalidation

    /// Creates options; `jobs` below 1 is raised to 1, `maxBytes` defaults to 64 MiB.
    package init(asOf: CivilDate, jobs: Int = availableCores(), maxBytes: Int = 64 << 20, digests: Bool = true) {
        self.asOf = asOf
        self.jobs = max(1, jobs)
        self.maxBytes = maxBytes
        self.digests = digests
    }
}

/// The cores this process may run on, the default `--jobs`: the CPUs of
/// its affinity mask (`taskset`, a container's cpuset), fewer when its
/// cgroup's CPU quota allows less (`docker --cpus 1.5` gives 2), at least 1.
/// The machine's count where Linux does not say (another system).
/// More workers than that only take turns on the same cores.
package func availableCores() -> Int {
    let machine = ProcessInfo.processInfo.activeProcessorCount
    #if os(Linux)
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    var cores = status.split(separator: "\n").lazy.compactMap { line -> Int? in
        guard line.hasPrefix("Cpus_allowed:") else { return nil }
        return cpuCount(mask: line.dropFirst("Cpus_allowed:".count))
    }.first ?? machine
    let cgroups = (try? String(contentsOfFile: "/proc/self/cgroup", encoding: .utf8)) ?? ""
    for quota in cgroupCPUQuotas(cgroups, read: { try? String(contentsOfFile: $0, encoding: .utf8) }) {
        cores = min(cores, max(1, Int(quota.rounded(.up))))
    }
    return max(1, cores)
    #else
    return max(1, machine)
    #endif
}

/// The CPUs in an affinity mask as /proc shows it (`Cpus_allowed:`): hex
/// digits in comma-separated groups, one bit a CPU; nil if it is not one.
package func cpuCount(mask: Substring) -> Int? {
    var n = 0, digits = 0
    for c in mask where c != "," && c != " " && c != "\t" {
        guard let v = c.hexDigitValue else { return nil }
        n += v.nonzeroBitCount
        digits += 1
    }
    return digits > 0 && n > 0 ? n : nil
}

/// The CPU quotas (in cores) set on the process's cgroup and its parents:
/// cgroup v2's `cpu.max` (`QUOTA PERIOD`, or `max`), cgroup v1's
/// `cpu.cfs_quota_us` over `cpu.cfs_period_us` (-1: none). `cgroups` is
/// /proc/self/cgroup; `read` reads a file under /sys/fs/cgroup.
package func cgroupCPUQuotas(_ cgroups: String, read: (String) -> String?) -> [Double] {
    var quotas: [Double] = []
    for line in cgroups.split(separator: "\n") {
        let fields = line.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count == 3 else { continue }
        let v2 = fields[0] == "0" && fields[1].isEmpty
        let v1 = fields[1].split(separator: ",").contains("cpu")
        guard v2 || v1 else { continue }
        // The process's group, then each parent up to the root: each limit applies.
        var path = String(fields[2])
        while true {
            let dir = (v2 ? "/sys/fs/cgroup" : "/sys/fs/cgroup/cpu") + (path == "/" ? "" : path)
            if v2, let text = read(dir + "/cpu.max") {
                let parts = text.split(whereSeparator: \.isWhitespace)
                if parts.count == 2, let q = Double(parts[0]), let p = Double(parts[1]), q > 0, p > 0 { quotas.append(q / p) }
            } else if v1, let q = read(dir + "/cpu.cfs_quota_us").flatMap({ Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }),
                      let p = read(dir + "/cpu.cfs_period_us").flatMap({ Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }), q > 0, p > 0 {
                quotas.append(q / p)
            }
            if path == "/" || path.isEmpty { break }
            path = (path as NSString).deletingLastPathComponent
        }
    }
    return quotas
}

/// Checks dossiers in parallel and hands the results back in input order,
/// as they complete, so output streams and memory stays bounded by a
/// window of dossiers in flight, not by the input. Output is the same
/// whatever `jobs` is.
///
/// With one job everything runs on the calling thread. With more, `jobs`
/// worker threads do all the work and the calling thread only waits: each
/// worker checks (and `prepare`s) batches of inputs and, between batches,
/// takes its turn at the run's serial work — reading the next batches from
/// `next()` and delivering finished ones to `emit` in input order. So no
/// thread exists only for input and output (with two cores and two jobs,
/// two threads), there is no barrier between batches, and a worker never
/// waits for the slowest dossier of a batch nor for the output of the last.
///
/// Not `Sendable` and not reentrant: a checker owns one evaluator (with its
/// scratch buffers) per job, so one `run` at a time; make a checker per thread.
package final class BatchChecker {
    /// The compiled ruleset every dossier is checked against.
    package let program: Program
    /// The settings of the run.
    package let options: CheckOptions
    private var evaluators: [Evaluator]
    /// The IR each worker's evaluator reads: one object, the program's.
    package var workerIRs: [IRProgram] { evaluators.map(\.sharedIR) }
    /// The program each worker's evaluator checks (with `--only`/`--skip`, the selected rules alone).
    package var workerPrograms: [Program] { evaluators.map(\.program) }

    /// Creates a checker with one evaluator per job. With `--only`/`--skip`
    /// the program is the selected rules alone (`CheckRun.select`), so an
    /// unselected rule is never evaluated.
    package init(program: Program, options: CheckOptions) {
        self.program = program
        self.options = options
        // The program's IR is shared read-only; each worker's evaluator keeps
        // only its buffers.
        self.evaluators = (0..<options.jobs).map { _ in Evaluator(program: program, asOf: options.asOf, purpose: options.purpose) }
    }

    /// Checks every input from `next()` and calls `emit` with each result in
    /// order. `ready()` says whether `next()` would return without waiting
    /// for input (see the other `run`).
    package func run(next: () -> DossierInput?, ready: () -> Bool = { false }, emit: (DossierResult) -> Void) {
        run(next: next, ready: ready, prepare: { _ in () }, emit: { r, _ in emit(r) })
    }

    /// The same, with a step run on the workers right after each check, in
    /// parallel: `prepare` may change the result and makes what `emit` gets
    /// with it (a report renders each dossier there, so rendering scales
    /// with the cores too). `prepare` must be safe to call from several threads.
    /// `next` and `emit` are never called at the same time as each other or
    /// themselves (with one job, on the calling thread; with more, on
    /// whichever worker has the run's serial turn), so they may share state
    /// without a lock; they must not depend on which thread calls them.
    ///
    /// `ready()` says whether `next()` would return at once (the next record
    /// is already read): with one job, two such inputs are checked together
    /// (their digests computed at once), and never when the second would be
    /// waited for, so a result is not held back while input is slow to come.
    package func run<Prepared>(next: () -> DossierInput?, ready: () -> Bool = { false }, prepare: (inout DossierResult) -> Prepared,
                              emit: (DossierResult, Prepared) -> Void) {
        run(next: next, ready: ready, prepareOn: { r, _ in prepare(&r) }, emit: emit)
    }

    /// The same, with `prepareOn` told which worker calls it (0 to `jobs - 1`;
    /// 0 with one job, and for a duplicate id prepared again in order): a
    /// caller may then keep what `prepare` reads per worker, so no two
    /// threads write the same reference counts once per dossier.
    package func run<Prepared>(next: () -> DossierInput?, ready: () -> Bool = { false }, prepareOn: (inout DossierResult, _ worker: Int) -> Prepared,
                              emit: (DossierResult, Prepared) -> Void) {
        func prepare(_ r: inout DossierResult) -> Prepared { prepareOn(&r, 0) }
        // The first dossier of the run with each `id`: a later one with the
        // same id is flagged (ids name dossiers in waivers and registers).
        var firstWithID = FirstWithIDTable()
        // The run's file ids (go/token's FileSet): the n-th dossier of the run is file n.
        // `checked` is read in place, never copied (it is `inout` for that: a
        // borrowed argument read from a batch's buffer was copied, twelve
        // retains and releases a dossier): it was made on another worker, and
        // a copy would write to its reference counts from this one.
        func deliver(_ n: Int, _ input: inout DossierInput, _ checked: inout Checked<Prepared>) {
            if checked.original.error == nil, let id = checked.original.id {
                if let first = firstWithID.insert(id, FirstWithID(input)) {
                    // Checked again from the unprepared result: the duplicate
                    // must not inherit waivers granted to the first by id.
                    var r = checked.original
                    markDuplicateID(&r, input, file: Self.fileID(n), firstFile: first.displayPath)
                    let p = prepare(&r)
                    emit(r, p)
                    return
                }
            }
            emit(checked.result, checked.prepared)
        }
        if options.jobs == 1 {
            var n = 0
            var ended = false
            while !ended, let input = next() {
                // A second input only when it is already there: a result is
                // never held back waiting for input (a mapper's stream).
                if options.digests, Self.digested(input, options) != nil, ready() {
                    if let second = next() {
                        var (a, b) = Self.checkedPair(input, second, first: n, evaluators[0], options, prepare)
                        var (x, y) = (input, second)
                        deliver(n, &x, &a)
                        deliver(n + 1, &y, &b)
                        n += 2
                        continue
                    }
                    ended = true
                }
                var c = Self.checked(input, Self.fileID(n), evaluators[0], options, prepare)
                var x = input
                deliver(n, &x, &c)
                n += 1
            }
            return
        }
        // Every closure lent to the workers is used only until `Pipeline.run`
        // returns, after every worker has been joined.
        withoutActuallyEscaping(prepareOn) { prepareOn in
            withoutActuallyEscaping(next) { next in
                withoutActuallyEscaping(deliver) { deliver in
                    // The caller promises `prepare` is safe on several threads;
                    // `next` and `deliver` the pipeline calls one at a time.
                    let step = UncheckedSendable(prepareOn)
                    let serial = UncheckedSendable((next: next, deliver: deliver))
                    let evaluators = UncheckedSendable(evaluators), options = options
                    Pipeline<Prepared>(jobs: options.jobs).run(
                        worker: { w in
                            // Looked up once per thread: each dossier then touches no shared object's count.
                            let evaluator = UncheckedSendable(evaluators.value[w])
                            return { first, inputs in Self.checkedBatch(inputs, first: first, evaluator.value, options, { step.value(&$0, w) }) }
                        },
                        next: { serial.value.next() }, deliver: { serial.value.deliver($0, &$1, &$2) })
                }
            }
        }
    }

    /// One input checked and prepared, on whichever thread runs it; `sha256`
    /// is its digest when already computed (`checkedPair`).
    private static func checked<Prepared>(_ input: DossierInput, _ file: FileID, _ evaluator: Evaluator, _ options: CheckOptions,
                                          _ prepare: (inout DossierResult) -> Prepared, sha256: String? = nil) -> Checked<Prepared> {
        let original = checkWhole(input, file, evaluator, options, sha256: sha256)
        var r = original
        let p = prepare(&r)
        return Checked(original: original, result: r, prepared: p)
    }

    /// Inputs `first` and `first + 1`, checked and prepared, their digests
    /// computed together first (two SHA-256 lanes on one core: about 1.5
    /// times the throughput of one after the other).
    private static func checkedPair<Prepared>(_ a: DossierInput, _ b: DossierInput, first: Int, _ evaluator: Evaluator, _ options: CheckOptions,
                                              _ prepare: (inout DossierResult) -> Prepared) -> (Checked<Prepared>, Checked<Prepared>) {
        var shas: (String?, String?) = (nil, nil)
        if options.digests, let x = digested(a, options), let y = digested(b, options) {
            shas = SHA256.hexPair(x, y)
        }
        return (checked(a, fileID(first), evaluator, options, prepare, sha256: shas.0),
                checked(b, fileID(first + 1), evaluator, options, prepare, sha256: shas.1))
    }

    /// Consecutive inputs from the run's input `first`, checked and prepared
    /// in order, digested two at a time (as `checkedPair`). The results are
    /// made in place in a buffer the caller deinitializes and deallocates: an
    /// array's `append` copied each one (twelve retains, then releases).
    private static func checkedBatch<Prepared>(_ inputs: [DossierInput], first: Int, _ evaluator: Evaluator, _ options: CheckOptions,
                                               _ prepare: (inout DossierResult) -> Prepared) -> UnsafeMutableBufferPointer<Checked<Prepared>> {
        let results = UnsafeMutableBufferPointer<Checked<Prepared>>.allocate(capacity: inputs.count)
        let base = results.baseAddress!
        var k = 0
        while k < inputs.count {
            if k + 1 < inputs.count, options.digests {
                var shas: (String?, String?) = (nil, nil)
                if let x = digested(inputs[k], options), let y = digested(inputs[k + 1], options) {
                    shas = SHA256.hexPair(x, y)
                }
                (base + k).initialize(to: checked(inputs[k], fileID(first + k), evaluator, options, prepare, sha256: shas.0))
                (base + k + 1).initialize(to: checked(inputs[k + 1], fileID(first + k + 1), evaluator, options, prepare, sha256: shas.1))
                k += 2
            } else {
                (base + k).initialize(to: checked(inputs[k], fileID(first + k), evaluator, options, prepare))
                k += 1
            }
        }
        return results
    }

    /// The bytes the check of `input` digests as they are in memory (a
    /// record or a document within the size limit); nil for a file (read
    /// during its check) and for an input refused unread.
    private static func digested(_ input: DossierInput, _ options: CheckOptions) -> [UInt8]? {
        switch input {
        case .record(let r, _): !r.overLimit && r.bytes.count <= options.maxBytes ? r.bytes : nil
        case .document(let bytes, _): bytes.count <= options.maxBytes ? bytes : nil
        case .file, .unreadable: nil
        }
    }

    /// Adds the `tuanthu.duplicate-id` finding, at the dossier's `/id` value.
    private func markDuplicateID(_ r: inout DossierResult, _ input: DossierInput, file: FileID, firstFile: String) {
        var bytes: [UInt8] = []
        var firstLine = 1
        switch input {
        case .file(let path):
            if case .success(let b) = Self.readDossier(path, options) { bytes = b }
        case .record(let rec, _):
            bytes = rec.bytes
            firstLine = rec.line
        case .document(let b, _):
            bytes = b
        case .unreadable:
            return
        }
        var start: UInt32 = 0, end: UInt32 = 0
        if let document = try? JSONParser.parse(bytes), document.nodes[0].kind == .object,
           let member = document.members(0).first(where: { document.string($0.key) == "id" }) {
            start = document.nodes[member.value].start
            end = document.nodes[member.value].end
        }
        let source = r.source ?? SourceFile(id: file, path: r.file, bytes: bytes, firstLine: firstLine)
        let id = r.id ?? ""
        r.findings.insert(Finding(
            rule: duplicateIDRule, severity: .error, kind: .invalid, reason: .duplicateID(id: id, firstFile: firstFile),
            cites: [], pointer: "/id", span: Span(file: source.id, start: start, end: end),
            missing: [], evidence: [Evidence(expr: "id", pointer: "/id", value: escapeJSONString(id), span: end > start ? Span(file: source.id, start: start, end: end) : nil)], waiver: nil), at: 0)
        r.source = source
        r.outcome = .fail
    }

    /// The most inputs a run with `jobs` workers has read from `next()` and
    /// not yet emitted: what bounds its memory, whatever the input's length.
    package static func maxInputsInFlight(jobs: Int) -> Int {
        jobs <= 1 ? 1 : jobs * PipelineLimits.windowPerJob * PipelineLimits.maxBatch
    }

    /// Checks a list of inputs; results in the same order.
    package func check(_ inputs: [DossierInput]) -> [DossierResult] {
        var out: [DossierResult] = []
        out.reserveCapacity(inputs.count)
        var k = 0
        run(next: { k < inputs.count ? (k += 1, inputs[k - 1]).1 : nil }, ready: { true }, emit: { out.append($0) })
        return out
    }

    /// One checked dossier: as checked, and after `prepare` with what it made.
    fileprivate struct Checked<Prepared> {
        var original: DossierResult
        var result: DossierResult
        var prepared: Prepared
    }

    /// The file id of the run's n-th dossier.
    private static func fileID(_ n: Int) -> FileID { FileID(UInt32(truncatingIfNeeded: n)) }

    private static func checkWhole(_ input: DossierInput, _ file: FileID, _ evaluator: Evaluator, _ options: CheckOptions,
                                   sha256: String?) -> DossierResult {
        switch input {
        case .file(let path):
            switch readDossier(path, options) {
            case .success(let bytes):
                var result = evaluator.check(bytes: bytes, path: path, file: file, digest: options.digests)
                // Evidence files named by the dossier are looked for beside it.
                verifyEvidence(&result, bytes: bytes, folder: (path as NSString).deletingLastPathComponent, file: file)
                return result
            case .failure(let message):
                return unreadable(path, message)
            }
        case .record(let r, let name):
            var result: DossierResult
            if r.overLimit || r.bytes.count > options.maxBytes {
                result = unreadable(name, localize(CommandMessage.recordOverMaxBytes, ["bytes": .text(String(r.length)), "max": .text(String(options.maxBytes))]),
                                    shownAs: "\(name):\(r.line)")
            } else {
                result = evaluator.check(bytes: r.bytes, path: name, firstLine: r.line, file: file, digest: options.digests, sha256: sha256)
                if var e = result.error { e.diagnostic = recordHelp(e.diagnostic); result.error = e }
            }
            result.line = r.line
            return result
        case .document(let bytes, let name):
            if bytes.count > options.maxBytes {
                return unreadable(name, localize(CommandMessage.documentOverMaxBytes, ["bytes": .text(String(bytes.count)), "max": .text(String(options.maxBytes))]))
            }
            return evaluator.check(bytes: bytes, path: name, file: file, digest: options.digests, sha256: sha256)
        case .unreadable(let path, let message):
            return unreadable(path, message)
        }
    }

    /// A record is one line of NDJSON, not a file: the parser's "the file
    /// ends …; it may be truncated" is wrong there, so it says what is true.
    private static func recordHelp(_ d: Diagnostic) -> Diagnostic {
        let replacements: [(InputMessage, InputMessage)] = [
            (.fileEndsEarly, .recordEndsEarly),
            (.fileEndsBeforeObjectClosed, .recordEndsBeforeObjectClosed),
            (.fileEndsBeforeArrayClosed, .recordEndsBeforeArrayClosed),
        ]
        var d = d
        if let help = d.helpText, let r = replacements.first(where: { localize($0.0) == help }) { d.helpText = localize(r.1) }
        return d
    }

    private enum ReadResult { case success([UInt8]), failure(Diagnostics.LocalizedText) }

    private static func readDossier(_ path: String, _ options: CheckOptions) -> ReadResult {
        switch readFileBounded(path, maxBytes: options.maxBytes) {
        case .success(let bytes): .success(bytes)
        case .failure(let e): .failure(e.messageText)
        }
    }

    private static func unreadable(_ path: String, _ message: Diagnostics.LocalizedText, shownAs: String? = nil) -> DossierResult {
        let shown = terminalSafeLine(shownAs ?? path)
        let d = Diagnostic.error("E4001", Diagnostics.LocalizedText(vi: "\(shown): \(message.vi)", en: "\(shown): \(message.en)"), at: .none)
        return DossierResult(
            file: path, id: nil, sha256: "", outcome: .error,
            error: DossierError(d, message: message, file: nil, line: nil, column: nil),
            rules: [], findings: [], source: nil)
    }
}

/// Where the first dossier with an id was: a record's stream and line, not
/// its `stream:line` name, which is made only if a second dossier has the
/// id (most dossiers have an id: no string is built for each).
private enum FirstWithID {
    case record(stream: String, line: Int)
    case named(String)

    init(_ input: DossierInput) {
        if case .record(let r, let stream) = input {
            self = .record(stream: stream, line: r.line)
        } else {
            self = .named(input.displayPath)
        }
    }

    var displayPath: String {
        switch self {
        case .record(let stream, let line): "\(stream):\(line)"
        case .named(let name): name
        }
    }
}

/// The first dossier of a run with each id. A `[String: FirstWithID]`
/// held each id and where it was in one bucket of 48 bytes: at 20,000
/// dossiers the table outgrew the core's cache, and each insert missed it
/// (about 0.5 µs a dossier, on the run's serial path). Here the probed
/// part is the ids' hashes alone (8 bytes a slot, with the entry's
/// number); the ids and places are appended in order and read only when a
/// hash matches. The hash is the standard library's, seeded per process,
/// so ids chosen to collide cannot make the probing long.
private struct FirstWithIDTable {
    /// Per slot: an id's hash with its low bit set (0: empty), and its entry.
    private var hashes: [UInt64] = repeatedArray(0, count: 1024)
    private var slots: [Int32] = repeatedArray(0, count: 1024)
    private var entries: [(id: String, first: FirstWithID)] = []

    /// Adds `id` at `place` if the run has not seen it; if it has, returns
    /// where it was first (and keeps that).
    mutating func insert(_ id: String, _ place: @autoclosure () -> FirstWithID) -> FirstWithID? {
        let h = UInt64(bitPattern: Int64(id.hashValue)) | 1
        let mask = hashes.count - 1
        var i = Int(truncatingIfNeeded: h >> 1) & mask
        while hashes[i] != 0 {
            if hashes[i] == h, entries[Int(slots[i])].id == id { return entries[Int(slots[i])].first }
            i = (i + 1) & mask
        }
        hashes[i] = h
        slots[i] = Int32(entries.count)
        entries.append((id, place()))
        // At most half full: probes stay short.
        if entries.count * 2 > hashes.count { grow() }
        return nil
    }

    private mutating func grow() {
        let old = hashes, oldSlots = slots
        hashes = repeatedArray(0, count: old.count * 2)
        slots = repeatedArray(0, count: old.count * 2)
        let mask = hashes.count - 1
        for k in old.indices where old[k] != 0 {
            var i = Int(truncatingIfNeeded: old[k] >> 1) & mask
            while hashes[i] != 0 { i = (i + 1) & mask }
            hashes[i] = old[k]
            slots[i] = oldSlots[k]
        }
    }
}

/// A value handed to the workers, which the code around it keeps safe:
/// worker `w` alone uses evaluator `w` (an `Evaluator` is not `Sendable`:
/// it has scratch state), `prepare` is safe on several threads by contract,
/// and `next` and `emit` are called by one worker at a time, under the
/// pipeline's lock hand-over.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}


/// The sizes of the parallel pipeline's batches and window.
enum PipelineLimits {
    /// The most inputs in a batch, and the record bytes after which a batch
    /// is closed (32 dossiers of 10 KB: a few milliseconds of work).
    static let maxBatch = 32
    static let maxBatchBytes = 512 << 10
    /// Batches read and not yet delivered, at most, per job.
    static let windowPerJob = 4
}

/// The threads of one parallel `run`: `jobs` workers and nothing else. Each
/// worker, when no other worker has it, takes the run's serial turn: it
/// delivers the oldest checked batch, input by input, in order, or else
/// reads the next batch from `next` — for itself: it then checks that
/// batch, with the turn free again for the others. The calling thread only
/// waits for the workers to end.
///
/// A batch lives on one thread: the worker that reads it (copying its
/// records out of the input buffer) checks it, and drops it, results and
/// all, once another worker or itself has delivered it. So its bytes are in
/// that core's caches when checked, and what it allocated goes back to that
/// thread's malloc caches, not to another thread's arena (which cost the
/// second worker a cold or fresh allocation for every record).
///
/// Everything shared is touched under one lock, once per batch, never per
/// dossier: a batch's results are stored in one slot of a ring of `window`
/// batches, and the slot taken out whole to be delivered. At most `window`
/// batches are read and not yet delivered, so memory is flat however long
/// the stream. Batches grow from 1 input to `maxBatch` (or `maxBatchBytes`
/// of records), so a short run is still spread over the workers and a long
/// one pays the lock rarely.
private final class Pipeline<Prepared>: @unchecked Sendable {
    typealias Checked = BatchChecker.Checked<Prepared>

    /// Consecutive inputs: the batch's number in the run, and its first input's.
    private struct Batch {
        var number: Int
        var first: Int
        var inputs: [DossierInput]
    }

    /// A checked batch, waiting in the ring for its turn to be delivered.
    private struct Done {
        var batch: Batch
        /// Initialized, one per input; deinitialized and deallocated by `drop`.
        var results: UnsafeMutableBufferPointer<Checked>
        /// The worker that read and checked it (and allocated its results).
        var worker: Int

        /// Frees the results (once delivered).
        func drop() {
            results.deinitialize()
            results.deallocate()
        }
    }

    /// What the worker with the serial turn does next.
    private enum SerialWork {
        /// Read batch `number`, whose first input is the run's input `first`.
        case read(number: Int, first: Int)
        case deliver(Done)
    }

    private let jobs: Int
    /// Batches read and not yet delivered, at most.
    private let window: Int
    private let maxBatch = PipelineLimits.maxBatch
    private let maxBatchBytes = PipelineLimits.maxBatchBytes

    private let condition = NSCondition()
    // Everything below is read and written with `condition` locked.
    /// Checked batches by `number % window`, until delivered.
    private let done: UnsafeMutablePointer<Done?>
    private var batchesRead = 0
    private var batchesDelivered = 0
    private var inputsRead = 0
    /// `next()` has returned nil.
    private var inputEnded = false
    /// A worker has the serial turn (is in `next` or delivering).
    private var serialBusy = false
    /// Workers waiting on `condition`: it is signalled only when there are some.
    private var sleepers = 0
    /// Delivered batches, by the worker that read and checked them, which
    /// drops them when it next reads: outside the serial turn, on the
    /// thread that allocated them.
    private var delivered: [[Done]]

    init(jobs: Int) {
        self.jobs = jobs
        window = jobs * PipelineLimits.windowPerJob
        delivered = Array(repeating: [], count: jobs)
        done = .allocate(capacity: window)
        done.initialize(repeating: nil, count: window)
    }

    deinit {
        // Delivered batches no worker read past; the ring is empty by then.
        for spent in delivered { for d in spent { d.drop() } }
        done.deinitialize(count: window)
        done.deallocate()
    }

    /// Runs the workers until every input of `next()` has been checked and
    /// delivered; returns after every worker thread has ended (joined), so
    /// nothing lent to it outlives the call. `worker(w)` makes worker `w`'s
    /// check of a batch (its first input's number in the run, its inputs),
    /// once, on its own thread.
    func run(worker: @escaping @Sendable (Int) -> (Int, [DossierInput]) -> UnsafeMutableBufferPointer<Checked>,
             next: @escaping @Sendable () -> DossierInput?,
             deliver: @escaping @Sendable (Int, inout DossierInput, inout Checked) -> Void) {
        let threads = (0..<jobs).map { w in
            spawnThread { [self] in work(w, check: worker(w), next: next, deliver: deliver) }
        }
        for thread in threads { pthread_join(thread, nil) }
    }

    /// One worker: serial work when the turn is free and there is some (a
    /// batch read is then checked), else a wait; until all is delivered.
    private func work(_ w: Int, check: (Int, [DossierInput]) -> UnsafeMutableBufferPointer<Checked>, next: () -> DossierInput?,
                      deliver: (Int, inout DossierInput, inout Checked) -> Void) {
        condition.lock()
        while true {
            if !serialBusy, let job = serialWork() {
                serialBusy = true
                condition.unlock()
                var mine: Batch? = nil
                switch job {
                case .read(let number, let first):
                    let (batch, ended) = readBatch(number: number, first: first, next)
                    condition.lock()
                    if let batch {
                        batchesRead += 1
                        inputsRead += batch.inputs.count
                        mine = batch
                    }
                    if ended { inputEnded = true }
                case .deliver(let d):
                    // In place: the batch is another worker's (see `deliver` in `BatchChecker.run`).
                    // `inout` only so that nothing is copied (a borrowed argument read
                    // from a buffer was copied); `deliver` changes neither.
                    d.batch.inputs.withUnsafeBufferPointer { inputs in
                        let inputs = UnsafeMutableBufferPointer(mutating: inputs)
                        for k in inputs.indices { deliver(d.batch.first + k, &inputs[k], &d.results[k]) }
                    }
                    condition.lock()
                    batchesDelivered += 1
                    delivered[d.worker].append(d)
                }
                serialBusy = false
                // The turn free, room in the window, or the end.
                if sleepers > 0 { condition.broadcast() }
                guard let batch = mine else { continue }
                var spent: [Done] = []
                swap(&spent, &delivered[w])
                condition.unlock()
                for d in spent { d.drop() }
                let results = check(batch.first, batch.inputs)
                condition.lock()
                // No one to wake: this worker delivers it itself next, or the
                // one with the turn does when it is done.
                done[batch.number % window] = Done(batch: batch, results: results, worker: w)
                continue
            }
            if inputEnded && batchesDelivered == batchesRead { break }
            sleepers += 1
            condition.wait()
            sleepers -= 1
        }
        condition.unlock()
    }

    /// The serial work to do now, if any (with `condition` locked):
    /// delivering the oldest batch once checked, else reading the next
    /// while there is room in the window.
    private func serialWork() -> SerialWork? {
        if batchesDelivered < batchesRead, let d = done[batchesDelivered % window] {
            done[batchesDelivered % window] = nil
            return .deliver(d)
        }
        if !inputEnded && batchesRead - batchesDelivered < window {
            return .read(number: batchesRead, first: inputsRead)
        }
        return nil
    }

    /// Batch `number` from `next()` (with the serial turn, unlocked), and
    /// whether the input has ended.
    private func readBatch(number: Int, first: Int, _ next: () -> DossierInput?) -> (Batch?, ended: Bool) {
        // 1, 2, 4, … inputs: the first dossiers are spread over the workers at once.
        let limit = min(maxBatch, 1 << min(number, 20))
        var inputs: [DossierInput] = []
        inputs.reserveCapacity(limit)
        var bytes = 0
        var ended = false
        while inputs.count < limit && bytes < maxBatchBytes {
            guard let input = next() else {
                ended = true
                break
            }
            if case .record(let r, _) = input { bytes += r.length }
            inputs.append(input)
        }
        let batch = inputs.isEmpty ? nil : Batch(number: number, first: first, inputs: inputs)
        return (batch, ended)
    }
}

/// What a thread created by `spawnThread` runs.
private final class ThreadBody {
    let run: () -> Void
    init(_ run: @escaping () -> Void) { self.run = run }
}

/// Starts a thread running `body`, with the main thread's stack size (deep
/// dossiers recurse); join it with pthread_join(3), after which nothing of
/// `body` is left on that thread.
private func spawnThread(_ body: @escaping () -> Void) -> pthread_t {
    var attributes = pthread_attr_t()
    pthread_attr_init(&attributes)
    defer { pthread_attr_destroy(&attributes) }
    pthread_attr_setstacksize(&attributes, 8 << 20)
    let context = Unmanaged.passRetained(ThreadBody(body)).toOpaque()
    var thread = pthread_t()
    let status = pthread_create(&thread, &attributes, { raw in
        Unmanaged<ThreadBody>.fromOpaque(raw!).takeRetainedValue().run()
        return nil
    }, context)
    precondition(status == 0, "cannot start a worker thread: \(String(cString: strerror(status)))")
    return thread
}
