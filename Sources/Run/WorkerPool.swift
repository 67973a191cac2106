import Base
import Diagnostics
import Dispatch
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import Semantics
import Synchronization
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
/// as each batch completes, so output streams and memory stays bounded by
/// the batch, not the input. Output is the same whatever `jobs` is.
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
    package func check(_ inputs: [DossierInput]) -> [DossierResult] {
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
                let original = Self.checkOne(input, evaluators[0], options, narrowing)
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
                let evaluators = UncheckedSendable(evaluators), options = options, narrowing = narrowing
                DispatchQueue.concurrentPerform(iterations: jobs) { w in
                    let evaluator = evaluators.value[w]
                    while true {
                        let i = next.add(1, ordering: .relaxed).oldValue
                        if i >= batch.count { break }
                        let original = Self.checkOne(batch[i], evaluator, options, narrowing)
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

    private static func checkOne(_ input: DossierInput, _ evaluator: Evaluator, _ options: CheckOptions, _ narrowing: Narrowing?) -> DossierResult {
        let result = checkWhole(input, evaluator, options)
        guard let n = narrowing else { return result }
        return result.narrowed(to: n.indexes, ruleIDs: n.ids)
    }

    private static func checkWhole(_ input: DossierInput, _ evaluator: Evaluator, _ options: CheckOptions) -> DossierResult {
        switch input {
        case .file(let path):
            switch readDossier(path, options) {
            case .success(let bytes):
                var result = evaluator.check(bytes: bytes, path: path, digest: options.digests)
                // Evidence files named by the dossier are looked for beside it.
                verifyEvidence(&result, bytes: bytes, folder: (path as NSString).deletingLastPathComponent)
                return result
            case .failure(let message):
                return unreadable(path, message)
            }
        case .record(let r, let name):
            var result: DossierResult
            if r.overLimit || r.bytes.count > options.maxBytes {
                result = unreadable(name, "the record is \(r.length) bytes, over --max-bytes \(options.maxBytes)", shownAs: "\(name):\(r.line)")
            } else {
                result = evaluator.check(bytes: r.bytes, path: name, firstLine: r.line, digest: options.digests)
                if var e = result.error { e.rendered = recordHelp(e.rendered); result.error = e }
            }
            result.line = r.line
            return result
        case .document(let bytes, let name):
            if bytes.count > options.maxBytes {
                return unreadable(name, "the input is \(bytes.count) bytes, over --max-bytes \(options.maxBytes)")
            }
            return evaluator.check(bytes: bytes, path: name, digest: options.digests)
        case .unreadable(let path, let message):
            return unreadable(path, message)
        }
    }

    /// A record is one line of NDJSON, not a file: the parser's "the file
    /// ends …; it may be truncated" is wrong there, so it says what is true.
    private static func recordHelp(_ rendered: String) -> String {
        guard rendered.contains("; it may be truncated") else { return rendered }
        let why = "standard input is read as NDJSON, one whole dossier per line"
        var out = rendered.replacingOccurrences(of: "the file ends too early; it may be truncated",
                                                with: "the line ends before the value is complete: \(why)")
        for kind in ["object", "array"] {
            out = out.replacingOccurrences(of: "the file ends before the \(kind) is closed; it may be truncated",
                                           with: "the line ends before the \(kind) is closed: \(why)")
        }
        return out
    }

    private enum ReadResult { case success([UInt8]), failure(String) }

    private static func readDossier(_ path: String, _ options: CheckOptions) -> ReadResult {
        switch readFileBounded(path, maxBytes: options.maxBytes) {
        case .success(let bytes): .success(bytes)
        case .failure(let e): .failure(e.message)
        }
    }

    private static func unreadable(_ path: String, _ message: String, shownAs: String? = nil) -> DossierResult {
        DossierResult(
            file: path, id: nil, sha256: "", outcome: .error,
            error: DossierError(code: "E4001", message: message, line: nil, column: nil, rendered: "error[E4001]: \(terminalSafeLine(shownAs ?? path)): \(message)\n"),
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

