import Diagnostics
import FileIO
import Base
import Corpus
import Dispatch
import Foundation
import JSON
import Run
import Semantics
import TuanThu

// `tuanthu bench check`: the whole job on a synthetic corpus — load the
// bundled ruleset, then check ~10 KB dossiers with one worker, two workers
// and (on a machine with more cores) all cores, the counts alternated in
// each round, and print each count's speed-up over one worker. Figures are
// medians over rounds, measured in one process.

struct CheckBenchmark {
    let corpus: [[UInt8]]
    let totalBytes: Int
    let rulesPath: String

    /// A generated corpus: `documents` dossiers of about 10 KB from `seed` on.
    init(documents: Int, seed: UInt64, rulesPath: String) {
        self.init(corpus: Corpus.dossiers(count: documents, firstSeed: seed, approximateBytes: 10_000), rulesPath: rulesPath)
    }

    /// The dossiers of an NDJSON file instead (`--corpus`, for `.ci/peer-compare.sh`): one per non-blank line.
    init(corpusFile: String, rulesPath: String) throws {
        guard let data = readWholeFile(corpusFile) else {
            throw UsageError(localize(CommandMessage.cannotReadPath, ["path": .text(corpusFile)]))
        }
        let lines = data.split(separator: 0x0A).map { Array($0) }.filter { $0.contains { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0D) } }
        self.init(corpus: lines, rulesPath: rulesPath)
    }

    /// Checks these dossiers (one JSON text each) against the ruleset at `rulesPath`.
    init(corpus: [[UInt8]], rulesPath: String) {
        self.corpus = corpus
        totalBytes = corpus.reduce(0) { $0 + $1.count }
        self.rulesPath = rulesPath
    }

    struct Result {
        var documents: Int
        var bytes: Int
        var rounds: Int
        var rules: Int
        var cores: Int
        /// Median nanoseconds: loading the ruleset (parse, check, compile).
        var loadNs: UInt64
        /// The worker counts timed (1, 2, and all cores when more) and the
        /// median nanoseconds per round of each.
        var workers: [(jobs: Int, ns: UInt64)]
        /// Dossiers with at least one finding, and findings, per round.
        var failing: Int
        var findings: Int

        /// One worker's median, and all cores'.
        var oneNs: UInt64 { workers[0].ns }
        var allNs: UInt64 { workers.last!.ns }

        func perSecond(_ ns: UInt64) -> Double { Double(documents) / (Double(ns) / 1e9) }
        func mbPerSecond(_ ns: UInt64) -> Double { Double(bytes) / 1e6 / (Double(ns) / 1e9) }
        /// How many times faster than one worker.
        func speedUp(_ ns: UInt64) -> Double { Double(oneNs) / Double(ns) }

        var table: String {
            var s = "tuanthu bench check: \(documents) dossiers, \(String(format: "%.1f", Double(bytes) / 1e6)) MB, \(rules) rules; "
            s += "\(failing) dossiers with findings, \(findings) findings per round; median of \(rounds) rounds\n\n"
            s += "ruleset load (parse, check, compile)   \(String(format: "%8.2f", Double(loadNs) / 1e6)) ms\n\n"
            s += "workers".padding(toLength: 12, withPad: " ", startingAt: 0) + "dossiers/s".leftPad(14) + "MB/s".leftPad(10) + "ms/round".leftPad(12)
                + "× 1 worker".leftPad(12) + "\n"
            for (jobs, ns) in workers {
                s += (jobs == cores ? "\(jobs) (all)" : "\(jobs)").padding(toLength: 12, withPad: " ", startingAt: 0)
                s += String(format: "%.0f", perSecond(ns)).leftPad(14) + String(format: "%.1f", mbPerSecond(ns)).leftPad(10)
                s += String(format: "%.2f", Double(ns) / 1e6).leftPad(12) + String(format: "%.2f", speedUp(ns)).leftPad(12) + "\n"
            }
            for (jobs, ns) in workers.dropFirst() {
                s += "\nscaling: \(String(format: "%.2f", speedUp(ns)))× with \(jobs) workers"
                if jobs > cores { s += " (more workers than cores)" }
            }
            return s + "\n"
        }

        var json: String {
            func entry(_ ns: UInt64) -> String {
                "{\"median_ns\": \(ns), \"dossiers_per_s\": \(String(format: "%.0f", perSecond(ns))), \"mb_per_s\": \(String(format: "%.1f", mbPerSecond(ns))), \"speed_up\": \(String(format: "%.3f", speedUp(ns)))}"
            }
            let two = workers.first { $0.jobs == 2 }.map { ",\n \"two_workers\": \(entry($0.ns))" } ?? ""
            return """
            {"benchmark": "check", "documents": \(documents), "bytes": \(bytes), "rules": \(rules), "rounds": \(rounds), "cores": \(cores),
             "load_ms": \(String(format: "%.3f", Double(loadNs) / 1e6)),
             "one_worker": \(entry(oneNs))\(two),
             "all_workers": \(entry(allNs)),
             "workers": [\(workers.map { "{\"jobs\": \($0.jobs), \"median_ns\": \($0.ns)}" }.joined(separator: ", "))],
             "failing_dossiers": \(failing), "findings": \(findings)}

            """
        }
    }

    /// The worker counts to time on a machine with `cores` cores: one, two
    /// (the figure to compare across machines), and all cores when more.
    static func workerCounts(cores: Int) -> [Int] {
        cores > 2 ? [1, 2, cores] : [1, 2]
    }

    func run(rounds: Int) throws -> Result {
        var loads: [UInt64] = []
        var program: Program? = nil
        for _ in 0...rounds {
            let start = DispatchTime.now().uptimeNanoseconds
            let loaded = try loadRulesetOrFail(rulesPath)
            loads.append(DispatchTime.now().uptimeNanoseconds - start)
            program = loaded.program
        }
        loads.removeFirst()
        let cores = availableCores()
        let inputs = corpus.enumerated().map { DossierInput.record(NDJSONRecord(line: $0.offset + 1, bytes: $0.element), streamName: "bench") }
        let asOf = CivilDate("2026-11-29")!
        let counts = Self.workerCounts(cores: cores)
        var times = [[UInt64]](repeating: [], count: counts.count)
        var failing = 0, findings = 0
        for round in 0...rounds {
            // Alternated within each round, so a change in the machine's load touches every count alike.
            for (k, jobs) in counts.enumerated() {
                let checker = BatchChecker(program: program!, options: CheckOptions(asOf: asOf, jobs: jobs, digests: false))
                let start = DispatchTime.now().uptimeNanoseconds
                let results = checker.check(inputs)
                let ns = DispatchTime.now().uptimeNanoseconds - start
                if round > 0 { times[k].append(ns) }
                failing = results.count { !$0.findings.isEmpty }
                findings = results.reduce(0) { $0 + $1.findings.count }
            }
        }
        return Result(documents: corpus.count, bytes: totalBytes, rounds: rounds, rules: program!.rules.count, cores: cores,
                      loadNs: medianOf(loads), workers: zip(counts, times).map { ($0, medianOf($1)) }, failing: failing, findings: findings)
    }
}

func medianOf(_ xs: [UInt64]) -> UInt64 {
    let s = xs.sorted()
    return s.isEmpty ? 0 : (s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2)
}

extension String {
    func leftPad(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}

/// `tuanthu bench corpus`: the synthetic corpus as NDJSON on standard output,
/// to measure streaming (`tuanthu bench corpus | /usr/bin/time -v tuanthu check -`).
func writeCorpus(documents: Int, seed: UInt64) {
    var first = seed
    let chunk = 1000
    var left = documents
    while left > 0 {
        let n = min(chunk, left)
        var out: [UInt8] = []
        for d in Corpus.dossiers(count: n, firstSeed: first, approximateBytes: 10_000) {
            // One line per dossier: the generator's newlines are whitespace.
            out += d.map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
            out.append(0x0A)
        }
        FileHandle.standardOutput.write(Data(out))
        first += UInt64(n)
        left -= n
    }
}
