import Diagnostics
import Foundation
import JSON
import TuanThu

/// `tuanthu bench json`: JSON parsing throughput on a synthetic corpus, side
/// by side with Foundation's `JSONSerialization` on the same bytes.
let benchCommand = CommandSpec(
    name: "bench",
    summary: "Generate a synthetic corpus and report throughput.",
    usage: "[json] [--rounds N] [--documents N] [--format text|json]",
    discussion: """
        Benchmarks: `json` parses about 10 KB dossiers with positions and compares
        with Foundation's JSONSerialization on the same bytes, in one process, on one
        core. Figures are medians over the rounds; MB is 10^6 bytes. Build with
        `-c release` for meaningful numbers.
        """,
    options: [
        OptionSpec(name: "--rounds", value: "N", help: "Timed rounds (after one warm-up round).", defaultValue: "7"),
        OptionSpec(name: "--documents", value: "N", help: "Dossiers in the corpus.", defaultValue: "2000"),
        OptionSpec(name: "--format", value: "FORMAT", help: "Output format.", choices: ["text", "json"], defaultValue: "text"),
    ],
    maxPositionals: 1
) { args in
    let benchmarks = ["json"]
    let name = args.positionals.first ?? "json"
    guard benchmarks.contains(name) else {
        throw UsageError(
            message: "unknown benchmark `\(name)`",
            help: closestMatch(to: name, in: benchmarks).map { "did you mean `\($0)`?" } ?? "available: \(benchmarks.joined(separator: ", "))")
    }
    let rounds = try positiveInteger(args, "--rounds", default: 7)
    let documents = try positiveInteger(args, "--documents", default: 2000)
    let result = try JSONBenchmark(documents: documents).run(rounds: rounds)
    writeOutput(args.value("--format") == "json" ? result.json : result.table)
    return ExitCode.clean
}

private func positiveInteger(_ args: ParsedArguments, _ option: String, default value: Int) throws(UsageError) -> Int {
    guard let text = args.value(option) else { return value }
    guard let n = Int(text), n > 0 else { throw UsageError(message: "`\(option)` must be a positive integer, found `\(text)`") }
    return n
}

// MARK: - The JSON benchmark

/// Times `JSONParser.parse` and `JSONSerialization.jsonObject` over the same
/// corpus, alternating within each round so that both see the same machine state.
struct JSONBenchmark {
    /// The corpus as our parser takes it, and as Foundation takes it.
    let corpus: [[UInt8]]
    let corpusData: [Data]
    let totalBytes: Int

    init(documents: Int) {
        corpus = Corpus.dossiers(count: documents, approximateBytes: 10_000)
        corpusData = corpus.map { Data($0) }
        totalBytes = corpus.reduce(0) { $0 + $1.count }
    }

    struct Result {
        var documents: Int
        var bytes: Int
        var rounds: Int
        var values: Int
        /// Median nanoseconds per round.
        var oursNanoseconds: UInt64
        var foundationNanoseconds: UInt64

        func megabytesPerSecond(_ ns: UInt64) -> Double { Double(bytes) / 1e6 / (Double(ns) / 1e9) }
        func documentsPerSecond(_ ns: UInt64) -> Double { Double(documents) / (Double(ns) / 1e9) }
        var ratio: Double { Double(foundationNanoseconds) / Double(oursNanoseconds) }

        var table: String {
            let header = "tuanthu bench json: \(documents) dossiers, \(format(Double(bytes) / 1e6, 1)) MB, \(values) values per round; median of \(rounds) rounds\n\n"
            var s = header
            s += pad("parser", 34) + lpad("MB/s", 10) + lpad("dossiers/s", 13) + lpad("ms/round", 11) + "\n"
            for (label, ns) in [("tuanthu JSONParser.parse", oursNanoseconds), ("Foundation JSONSerialization", foundationNanoseconds)] {
                s += pad(label, 34) + lpad(format(megabytesPerSecond(ns), 1), 10) + lpad(format(documentsPerSecond(ns), 0), 13)
                s += lpad(format(Double(ns) / 1e6, 2), 11) + "\n"
            }
            s += "\nratio: \(format(ratio, 2))× Foundation\n"
            return s
        }

        var json: String {
            """
            {"benchmark": "json", "documents": \(documents), "bytes": \(bytes), "values": \(values), "rounds": \(rounds),
             "tuanthu": {"median_ns": \(oursNanoseconds), "mb_per_s": \(format(megabytesPerSecond(oursNanoseconds), 1)), "dossiers_per_s": \(format(documentsPerSecond(oursNanoseconds), 0))},
             "foundation": {"median_ns": \(foundationNanoseconds), "mb_per_s": \(format(megabytesPerSecond(foundationNanoseconds), 1)), "dossiers_per_s": \(format(documentsPerSecond(foundationNanoseconds), 0))},
             "ratio": \(format(ratio, 3))}

            """
        }
    }

    func run(rounds: Int) throws(CommandError) -> Result {
        var ours: [UInt64] = []
        var theirs: [UInt64] = []
        var values = 0
        // Round 0 warms caches and the allocator and is not counted.
        for round in 0...rounds {
            let (ns, count) = try timeOurs()
            let foundationNs = try timeFoundation()
            if round > 0 {
                ours.append(ns)
                theirs.append(foundationNs)
            }
            values = count
        }
        return Result(
            documents: corpus.count, bytes: totalBytes, rounds: rounds, values: values,
            oursNanoseconds: median(ours), foundationNanoseconds: median(theirs))
    }

    private func timeOurs() throws(CommandError) -> (UInt64, Int) {
        var values = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for document in corpus {
            do {
                values &+= try JSONParser.parse(document).nodes.count
            } catch {
                throw CommandError(message: "the corpus is not valid JSON: \(error.message) at offset \(error.offset)")
            }
        }
        return (DispatchTime.now().uptimeNanoseconds - start, values)
    }

    private func timeFoundation() throws(CommandError) -> UInt64 {
        var objects = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for data in corpusData {
            do {
                let object = try JSONSerialization.jsonObject(with: data)
                if object is NSDictionary { objects += 1 }
            } catch {
                throw CommandError(message: "JSONSerialization rejected the corpus: \(error)")
            }
        }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        if objects != corpusData.count { throw CommandError(message: "JSONSerialization returned a non-object") }
        return elapsed
    }
}

private func median(_ xs: [UInt64]) -> UInt64 {
    let s = xs.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

private func format(_ x: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", x)
}

private func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
private func lpad(_ s: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - s.count)) + s }
