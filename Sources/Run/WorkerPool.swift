import Base
import Diagnostics
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
    package init(asOf: CivilDate, jobs: Int = ProcessInfo.processInfo.activeProcessorCount, maxBytes: Int = 64 << 20, digests: Bool = true) {
        self.asOf = asOf
        self.jobs = max(1, jobs)
        self.maxBytes = maxBytes
        self.digests = digests
    }
}

/// Checks dossiers in parallel and hands the results back in input order,
/// as they complete, so output streams and memory stays bounded by a
/// window of dossiers in flight, not by the input. Output is the same
/// whatever `jobs` is.
///
/// With one job everything runs on the calling thread. With more, `jobs`
/// worker threads check (and `prepare`) dossiers while the calling thread
/// only reads inputs and emits results in order: there is no barrier
/// between batches, so a worker never waits for the slowest dossier of a
/// batch, nor for the output of the last one.
///
/// Not `Sendable` and not reentrant: a checker owns one evaluator (with its
/// scratch buffers) per job, so one `run` at a time; make a checker per thread.
package final class BatchChecker {
    /// The compiled ruleset every dossier is checked against.
    package let program: Program
    /// The settings of the run.
    package let options: CheckOptions
    private var evaluators: [Evaluator]
    /// The IR each worker's evaluator reads: one object, lowered once for the run.
    package var workerIRs: [IRProgram] { evaluators.map(\.sharedIR) }
    /// With `--only`/`--skip`: the indexes of the selected rules in `program`, and their ids.
    private let narrowing: Narrowing?

    /// Creates a checker with one evaluator per job; with a selection, each
    /// result is narrowed to the selected rules (in the order of `program`).
    package init(program: Program, options: CheckOptions, selection: RuleSelection = RuleSelection()) {
        self.program = program
        self.options = options
        // The IR is lowered once and shared read-only; each worker's evaluator
        // keeps only its buffers and private copies of the side tables.
        let ir = IRProgram(program: program)
        self.evaluators = (0..<options.jobs).map { _ in Evaluator(ir: ir, asOf: options.asOf, purpose: options.purpose) }
        if selection.isEmpty {
            narrowing = nil
        } else {
            let indexes = program.rules.indices.filter { selection.selects(program.rules[$0]) }
            narrowing = Narrowing(indexes: indexes, ids: Set(indexes.map { program.rules[$0].id }))
        }
    }

    /// The selected rules: every dossier is checked with the whole program
    /// (the evaluator's tables are built for it), then its result narrowed.
    private struct Narrowing: Sendable {
        var indexes: [Int]
        var ids: Set<String>
    }

    /// Checks every input from `next()` and calls `emit` with each result in order.
    package func run(next: () -> DossierInput?, emit: (DossierResult) -> Void) {
        run(next: next, prepare: { _ in () }, emit: { r, _ in emit(r) })
    }

    /// The same, with a step run on the workers right after each check, in
    /// parallel: `prepare` may change the result and makes what `emit` gets
    /// with it (a report renders each dossier there, so rendering scales
    /// with the cores too). `prepare` must be safe to call from several threads.
    /// `next` and `emit` are called on the calling thread only.
    package func run<Prepared>(next: () -> DossierInput?, prepare: (inout DossierResult) -> Prepared,
                              emit: (DossierResult, Prepared) -> Void) {
        // The first dossier of the run with each `id`: a later one with the
        // same id is flagged (ids name dossiers in waivers and registers).
        var firstWithID: [String: String] = [:]
        // The run's file ids (go/token's FileSet): the n-th dossier of the run is file n.
        func deliver(_ n: Int, _ input: DossierInput, _ checked: Checked<Prepared>) {
            var (r, p) = (checked.result, checked.prepared)
            if let id = checked.original.id, checked.original.error == nil {
                if let first = firstWithID[id] {
                    // Checked again from the unprepared result: the duplicate
                    // must not inherit waivers granted to the first by id.
                    r = checked.original
                    markDuplicateID(&r, input, file: Self.fileID(n), firstFile: first)
                    p = prepare(&r)
                } else {
                    firstWithID[id] = input.displayPath
                }
            }
            emit(r, p)
        }
        if options.jobs == 1 {
            var n = 0
            while let input = next() {
                deliver(n, input, Self.checked(input, Self.fileID(n), evaluators[0], options, narrowing, prepare))
                n += 1
            }
            return
        }
        withoutActuallyEscaping(prepare) { prepare in
            // The caller promises `prepare` is safe on several threads.
            let pipeline = Pipeline<Prepared>(jobs: options.jobs)
            let step = UncheckedSendable(prepare)
            let evaluators = UncheckedSendable(evaluators), options = options, narrowing = narrowing
            pipeline.start { w, n, input in
                Self.checked(input, Self.fileID(n), evaluators.value[w], options, narrowing, step.value)
            }
            pipeline.drive(next: next, deliver: deliver)
        }
    }

    /// One input checked and prepared, on whichever thread runs it.
    private static func checked<Prepared>(_ input: DossierInput, _ file: FileID, _ evaluator: Evaluator, _ options: CheckOptions, _ narrowing: Narrowing?,
                                          _ prepare: (inout DossierResult) -> Prepared) -> Checked<Prepared> {
        let original = checkOne(input, file, evaluator, options, narrowing)
        var r = original
        let p = prepare(&r)
        return Checked(original: original, result: r, prepared: p)
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

    /// Checks a list of inputs; results in the same order.
    package func check(_ inputs: [DossierInput]) -> [DossierResult] {
        var out: [DossierResult] = []
        out.reserveCapacity(inputs.count)
        var k = 0
        run(next: { k < inputs.count ? (k += 1, inputs[k - 1]).1 : nil }, emit: { out.append($0) })
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

    private static func checkOne(_ input: DossierInput, _ file: FileID, _ evaluator: Evaluator, _ options: CheckOptions, _ narrowing: Narrowing?) -> DossierResult {
        let result = checkWhole(input, file, evaluator, options)
        guard let n = narrowing else { return result }
        return result.narrowed(to: n.indexes, ruleIDs: n.ids)
    }

    private static func checkWhole(_ input: DossierInput, _ file: FileID, _ evaluator: Evaluator, _ options: CheckOptions) -> DossierResult {
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
                result = evaluator.check(bytes: r.bytes, path: name, firstLine: r.line, file: file, digest: options.digests)
                if var e = result.error { e.diagnostic = recordHelp(e.diagnostic); result.error = e }
            }
            result.line = r.line
            return result
        case .document(let bytes, let name):
            if bytes.count > options.maxBytes {
                return unreadable(name, localize(CommandMessage.documentOverMaxBytes, ["bytes": .text(String(bytes.count)), "max": .text(String(options.maxBytes))]))
            }
            return evaluator.check(bytes: bytes, path: name, file: file, digest: options.digests)
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

/// A value handed to the workers, which the code around it keeps safe:
/// each result slot is written by one worker, worker `w` alone uses
/// evaluator `w` (an `Evaluator` is not `Sendable`: it has scratch state),
/// and `prepare` is safe on several threads by contract.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}


/// The threads of one parallel `run`: the calling thread hands out inputs in
/// groups and delivers results in input order; `jobs` workers check them.
///
/// Results go to a ring of `window` slots, the slot of input `n` being
/// `n % window`: at most `window` inputs are in flight, so memory is flat
/// however long the stream. A worker writes a slot without the lock (it is
/// the slot's only writer until the caller has delivered it and handed out
/// input `n + window`) and then marks it filled under the lock; the caller
/// reads it only once marked. Overwriting a slot frees the result it held,
/// so results are freed on the workers, not on the thread that writes output.
private final class Pipeline<Prepared>: @unchecked Sendable {
    typealias Checked = BatchChecker.Checked<Prepared>

    /// One input and, once checked, its result.
    private struct Slot {
        var input: DossierInput
        var checked: Checked
    }

    private let jobs: Int
    private let window: Int
    /// Inputs handed out together: one lock round-trip per group, not per dossier.
    private let groupSize = 16
    private let condition = NSCondition()
    /// Groups waiting for a worker: the number of the first input, and the inputs.
    private var queue: [(first: Int, inputs: [DossierInput])] = []
    private var queueHead = 0
    private var closed = false
    /// `filled[k]`: slot `k` holds the result its current input number expects.
    private var filled: [Bool]
    /// The input whose result the calling thread is waiting for (-1: none):
    /// a worker wakes it only for that one, not for every result.
    private var awaited = -1
    /// Workers waiting for a group: handing one out wakes them only then.
    private var idleWorkers = 0
    private let slots: UnsafeMutablePointer<Slot?>

    init(jobs: Int) {
        self.jobs = jobs
        window = jobs * 64
        filled = [Bool](repeating: false, count: window)
        slots = .allocate(capacity: window)
        slots.initialize(repeating: nil, count: window)
    }

    deinit {
        slots.deinitialize(count: window)
        slots.deallocate()
    }

    /// What the workers run; dropped when `drive` returns (after every
    /// worker thread has exited, joined), so that nothing the caller lent —
    /// the `prepare` step — outlives the run.
    private var check: ((Int, Int, DossierInput) -> Checked)?
    private var threads: [pthread_t] = []

    /// Starts the workers; `check(w, n, input)` runs the n-th input on worker `w`.
    func start(_ check: @escaping @Sendable (Int, Int, DossierInput) -> Checked) {
        self.check = check
        for w in 0..<jobs {
            threads.append(spawnThread { [self] in work(w) })
        }
    }

    private func work(_ w: Int) {
        condition.lock()
        let check = self.check!
        condition.unlock()
        while true {
            condition.lock()
            while queueHead == queue.count && !closed {
                idleWorkers += 1
                condition.wait()
                idleWorkers -= 1
            }
            if queueHead == queue.count {
                condition.unlock()
                return
            }
            let group = queue[queueHead]
            // Taken groups are dropped at once (their inputs live on in the
            // slots), and the list compacted now and then: memory stays flat.
            queue[queueHead] = (0, [])
            queueHead += 1
            if queueHead >= 64 {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            condition.unlock()
            for (k, input) in group.inputs.enumerated() {
                let n = group.first + k
                slots[n % window] = Slot(input: input, checked: check(w, n, input))
                condition.lock()
                filled[n % window] = true
                if n == awaited { condition.broadcast() }
                condition.unlock()
            }
        }
    }

    /// Hands out every input of `next()` and delivers each result in input
    /// order, on the calling thread; returns when all are delivered and the
    /// workers have stopped.
    func drive(next: () -> DossierInput?, deliver: (Int, DossierInput, Checked) -> Void) {
        var handedOut = 0, delivered = 0
        var inputDone = false
        while true {
            // Keep the window full.
            while !inputDone && handedOut - delivered < window {
                var group: [DossierInput] = []
                group.reserveCapacity(groupSize)
                while group.count < groupSize && handedOut + group.count - delivered < window {
                    guard let input = next() else {
                        inputDone = true
                        break
                    }
                    group.append(input)
                }
                if group.isEmpty { break }
                condition.lock()
                queue.append((handedOut, group))
                if idleWorkers > 0 { condition.broadcast() }
                condition.unlock()
                handedOut += group.count
            }
            if delivered == handedOut {
                if inputDone { break }
                continue
            }
            // Wait for the results of the next group — the last of it, then the
            // first, as a worker may still hold it — and deliver every one ready:
            // one wake-up per group, not per dossier.
            condition.lock()
            for n in [min(delivered + groupSize, handedOut) - 1, delivered] where !filled[n % window] {
                awaited = n
                while !filled[n % window] { condition.wait() }
                awaited = -1
            }
            var ready = 0
            while delivered + ready < handedOut && filled[(delivered + ready) % window] {
                filled[(delivered + ready) % window] = false
                ready += 1
            }
            condition.unlock()
            for n in delivered..<(delivered + ready) {
                let slot = slots[n % window]!
                deliver(n, slot.input, slot.checked)
            }
            delivered += ready
        }
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
        for thread in threads { pthread_join(thread, nil) }
        threads = []
        check = nil
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
