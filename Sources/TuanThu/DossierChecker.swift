import Base
import Diagnostics
import Dispatch
import Evaluator
import FileIO
import Foundation
import Semantics

/// Checks many dossiers against one ruleset: the library's batch entry
/// point. Every dossier (and every worker of `check(paths:jobs:)`) reads
/// the one IR the ruleset was compiled into when it loaded. Results come back in the order of the input; a file that cannot be
/// read is a result with `outcome == .error` (E4001), never a crash.
///
/// Not `Sendable`: the checker keeps an evaluator with its scratch buffers
/// per worker, so call it from one thread at a time (use `jobs` for cores).
/// `tuanthu check` adds what a run needs on top (folders, standard input,
/// `--only`/`--skip`, duplicate ids, waivers, reports).
public final class DossierChecker {
    private let program: Program
    private let asOf: CivilDate
    private let purpose: CheckPurpose
    private let maxBytes: Int
    /// Worker `w` alone uses `evaluators[w]`; made when first needed.
    private var evaluators: [Evaluator] = []

    /// A checker for `ruleset` (which must have loaded without errors) as of
    /// `asOf`, for `purpose`; files over `maxBytes` are refused unread.
    public init(ruleset: LoadedRuleset, asOf: CivilDate, purpose: CheckPurpose = .prevalidation, maxBytes: Int = 64 << 20) {
        self.program = ruleset.program
        self.asOf = asOf
        self.purpose = purpose
        self.maxBytes = maxBytes
    }

    /// Checks one dossier given as bytes; `name` is how results and
    /// findings name it.
    public func check(bytes: [UInt8], name: String) -> DossierResult {
        if bytes.count > maxBytes {
            return unreadableDossier(name, localize(CommandMessage.documentOverMaxBytes, ["bytes": .text(String(bytes.count)), "max": .text(String(maxBytes))]))
        }
        return evaluator(0).check(bytes: bytes, path: name)
    }

    /// Checks the dossier files at `paths` (files, not folders) on `jobs`
    /// threads; results in the order of `paths`, the same whatever `jobs` is.
    public func check(paths: [String], jobs: Int = 1) -> [DossierResult] {
        let workers = max(1, min(jobs, paths.count))
        for w in 0..<workers { _ = evaluator(w) }
        let maxBytes = maxBytes
        // Path `i` is file `i` of this call: the spans of its findings are in it.
        if workers == 1 { return paths.indices.map { Self.checkFile(paths[$0], FileID(UInt32(truncatingIfNeeded: $0)), evaluators[0], maxBytes) } }
        var results = [DossierResult?](repeating: nil, count: paths.count)
        results.withUnsafeMutableBufferPointer { slots in
            let shared = WorkerShared(slots: slots, evaluators: evaluators)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                // Worker `w` checks every `workers`-th path with its own evaluator.
                for i in stride(from: w, to: paths.count, by: workers) {
                    shared.slots[i] = Self.checkFile(paths[i], FileID(UInt32(truncatingIfNeeded: i)), shared.evaluators[w], maxBytes)
                }
            }
        }
        // Every slot was written by the worker its index belongs to.
        return results.map { $0! }
    }

    /// The evaluator of worker `w`, over the program's shared IR.
    private func evaluator(_ w: Int) -> Evaluator {
        while evaluators.count <= w { evaluators.append(Evaluator(program: program, asOf: asOf, purpose: purpose)) }
        return evaluators[w]
    }

    private static func checkFile(_ path: String, _ file: FileID, _ evaluator: Evaluator, _ maxBytes: Int) -> DossierResult {
        switch readFileBounded(path, maxBytes: maxBytes) {
        case .success(let bytes):
            var result = evaluator.check(bytes: bytes, path: path, file: file)
            // Evidence files named by the dossier are looked for beside it, as `check` does.
            verifyEvidence(&result, bytes: bytes, folder: (path as NSString).deletingLastPathComponent, file: file)
            return result
        case .failure(let e):
            return unreadableDossier(path, e.messageText)
        }
    }
}

/// What the workers of `check(paths:jobs:)` share: each slot is written by
/// one worker, and worker `w` alone uses evaluator `w`.
// Unchecked: the code above keeps it safe, as said; an `Evaluator` has scratch state.
private struct WorkerShared: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<DossierResult?>
    let evaluators: [Evaluator]
}

/// The result for a dossier that could not be read (E4001), as `check` reports it.
func unreadableDossier(_ path: String, _ message: Diagnostics.LocalizedText) -> DossierResult {
    let shown = terminalSafeLine(path)
    let d = Diagnostic.error("E4001", Diagnostics.LocalizedText(vi: "\(shown): \(message.vi)", en: "\(shown): \(message.en)"), at: .none)
    return DossierResult(
        file: path, id: nil, sha256: "", outcome: .error,
        error: DossierError(d, message: message, file: nil, line: nil, column: nil),
        rules: [], findings: [], source: nil)
}
