import Corpus
import Diagnostics
import Foundation
import JSON
import Reporters

/// `tuanthu bench json`: JSON parsing throughput on a synthetic corpus, side
/// by side with Foundation's `JSONSerialization` on the same bytes.
let benchCommand = CommandSpec(
    name: "bench",
    summary: "Generate a synthetic corpus and report throughput.",
    usage: "[all|json|check|growth|corpus] [--rounds N] [--documents N] [--seed N] [--format text|json]",
    discussion: """
        Benchmarks, on a generated corpus of dossiers shaped like Examples/DOSSIER-FORMAT.md (2-50 KB,
        10 KB on average, Vietnamese text, about 30 % with defects; the same seed gives
        the same bytes):
          json    parsing with positions against Foundation's JSONSerialization on the
                  same bytes, one core; then member lookups as rules make them
          check   loading the ruleset, then checking the corpus with one worker, two
                  workers and all cores (when more), and each one's speed-up
          all     both (the default)
          growth  doubles each dimension four times — list length (built-ins over
                  one long list), dossier size, rule count, corpus size — and
                  prints the time per unit and each step's ratio to the one
                  before: 2.0 is linear, 4.0 quadratic (one worker)
          corpus  no timing: writes the corpus as NDJSON, for `tuanthu check -`
        Figures are medians over the rounds, measured in one process; MB is 10^6
        bytes. Build as the README's install does (`swift build -c release
        --static-swift-stdlib`) for meaningful numbers.
        """,
    options: [
        OptionSpec(name: "--rounds", value: "N", help: "Timed rounds (after one warm-up round).", defaultValue: "7"),
        OptionSpec(name: "--documents", value: "N", help: "Dossiers in the corpus.", defaultValue: "2000"),
        OptionSpec(name: "--seed", value: "N", help: "First seed of the corpus (dossier k has seed N + k).", defaultValue: "1"),
        OptionSpec(name: "--format", value: "FORMAT", help: "Output format.", choices: ["text", "json"], defaultValue: "text"),
        OptionSpec(name: "--rules", value: "PATH", help: "Ruleset for `check` and `growth`.", defaultValue: "the bundled Rules/kl81-cantho"),
        OptionSpec(name: "--corpus", value: "FILE", help: "`check` on the dossiers of this NDJSON file instead of a generated corpus (.ci/peer-compare.sh)."),
    ],
    maxPositionals: 1,
    positionalChoices: ["all", "json", "check", "corpus"]
) { args in
    let benchmarks = ["all", "json", "check", "growth", "corpus"]
    let name = args.positionals.first ?? "all"
    guard benchmarks.contains(name) else {
        throw UsageError(
            localize(CommandMessage.unknownBenchmark, ["name": .text(name)]),
            help: closestMatch(to: name, in: benchmarks).map { localize(CommandMessage.didYouMean, ["suggestion": .text("`\($0)`")]) }
                ?? localize(CommandMessage.available, ["names": .text(benchmarks.joined(separator: ", "))]))
    }
    let rounds = try positiveInteger(args, "--rounds", default: 7)
    let documents = try positiveInteger(args, "--documents", default: 2000)
    let seed = UInt64(try positiveInteger(args, "--seed", default: 1))
    let asJSON = args.value("--format") == "json"
    switch name {
    case "corpus":
        writeCorpus(documents: documents, seed: seed)
    case "check":
        let rulesPath = try args.value("--rules") ?? bundledRulesPath()
        let benchmark = try args.value("--corpus").map { try CheckBenchmark(corpusFile: $0, rulesPath: rulesPath) }
            ?? CheckBenchmark(documents: documents, seed: seed, rulesPath: rulesPath)
        let result = try benchmark.run(rounds: rounds)
        writeOutput(asJSON ? result.json : result.table)
    case "growth":
        let rows = try GrowthBenchmark(rounds: rounds, steps: 4, rulesPath: try args.value("--rules") ?? bundledRulesPath()).run()
        writeOutput(asJSON ? GrowthBenchmark.json(rows) : GrowthBenchmark.table(rows))
    case "json":
        let result = try JSONBenchmark(documents: documents, seed: seed).run(rounds: rounds)
        writeOutput(asJSON ? result.json : result.table)
    default:
        let json = try JSONBenchmark(documents: documents, seed: seed).run(rounds: rounds)
        let check = try CheckBenchmark(documents: documents, seed: seed, rulesPath: try args.value("--rules") ?? bundledRulesPath()).run(rounds: rounds)
        writeOutput(asJSON ? "[\(json.json.trimmingCharacters(in: .whitespacesAndNewlines)),\n\(check.json.trimmingCharacters(in: .whitespacesAndNewlines))]\n" : json.table + "\n" + check.table)
    }
    return ExitCode.clean
}

private func positiveInteger(_ args: ParsedArguments, _ option: String, default value: Int) throws(UsageError) -> Int {
    guard let text = args.value(option) else { return value }
    guard let n = Int(text), n > 0 else { throw UsageError(localize(CommandMessage.positiveInteger, ["option": .text(option), "text": .text(text)])) }
    return n
}

// MARK: - The JSON benchmark

/// Times `JSONParser.parse` and `JSONSerialization.jsonObject` over the same
/// corpus, alternating within each round so that both see the same machine state.
struct JSONBenchmark {
    /// The corpus as our parser takes it.
    let corpus: [[UInt8]]
    /// The same bytes as Foundation takes them.
    let corpusData: [Data]
    /// Bytes per round.
    let totalBytes: Int

    /// A corpus of `documents` dossiers of about 10 KB.
    init(documents: Int, seed: UInt64) {
        corpus = Corpus.dossiers(count: documents, firstSeed: seed, approximateBytes: 10_000)
        corpusData = corpus.map { Data($0) }
        totalBytes = corpus.reduce(0) { $0 + $1.count }
    }

    /// The figures of one run.
    struct Result {
        /// Dossiers, bytes and parsed values per round, and rounds timed.
        var documents: Int
        var bytes: Int
        var rounds: Int
        var values: Int
        /// Median nanoseconds per round.
        var oursNanoseconds: UInt64
        var foundationNanoseconds: UInt64
        /// Member lookups and element walks per round, and their median time.
        var lookups: Int
        var lookupNanoseconds: UInt64

        /// Throughput of a round that took `ns`.
        func megabytesPerSecond(_ ns: UInt64) -> Double { Double(bytes) / 1e6 / (Double(ns) / 1e9) }
        func documentsPerSecond(_ ns: UInt64) -> Double { Double(documents) / (Double(ns) / 1e9) }
        /// How many times faster than Foundation.
        var ratio: Double { Double(foundationNanoseconds) / Double(oursNanoseconds) }

        /// The figures as a readable table, in `--lang`.
        var table: String {
            var s = say(BenchMessage.jsonHeader, ["documents": .number(String(documents)), "mb": .text(figure(Double(bytes) / 1e6, 1)),
                                                  "values": .number(String(values)), "rounds": .number(String(rounds))]) + "\n\n"
            s += pad(say(BenchMessage.columnParser), 34) + "MB/s".leftPad(10) + say(BenchMessage.columnDossiersPerSecond).leftPad(13)
            s += say(BenchMessage.columnMsPerRound).leftPad(11) + "\n"
            for (label, ns) in [("tuanthu JSONParser.parse", oursNanoseconds), ("Foundation JSONSerialization", foundationNanoseconds)] {
                s += pad(label, 34) + figure(megabytesPerSecond(ns), 1).leftPad(10) + figure(documentsPerSecond(ns), 0).leftPad(13)
                s += figure(Double(ns) / 1e6, 2).leftPad(11) + "\n"
            }
            s += "\n" + say(BenchMessage.ratio, ["ratio": .text(figure(ratio, 2))]) + "\n"
            s += say(BenchMessage.navigation, ["lookups": .number(String(lookups)), "ms": .text(figure(Double(lookupNanoseconds) / 1e6, 2)),
                                               "ns": .text(figure(Double(lookupNanoseconds) / Double(max(1, lookups)), 1))]) + "\n"
            return s
        }

        /// The figures as one JSON object.
        var json: String {
            """
            {"benchmark": "json", "documents": \(documents), "bytes": \(bytes), "values": \(values), "rounds": \(rounds),
             "tuanthu": {"median_ns": \(oursNanoseconds), "mb_per_s": \(format(megabytesPerSecond(oursNanoseconds), 1)), "dossiers_per_s": \(format(documentsPerSecond(oursNanoseconds), 0))},
             "foundation": {"median_ns": \(foundationNanoseconds), "mb_per_s": \(format(megabytesPerSecond(foundationNanoseconds), 1)), "dossiers_per_s": \(format(documentsPerSecond(foundationNanoseconds), 0))},
             "ratio": \(format(ratio, 3)),
             "navigation": {"lookups": \(lookups), "median_ns": \(lookupNanoseconds), "ns_per_lookup": \(format(Double(lookupNanoseconds) / Double(max(1, lookups)), 2))}}

            """
        }
    }

    /// One warm-up round, then `rounds` timed ones; medians.
    func run(rounds: Int) throws(CommandError) -> Result {
        var ours: [UInt64] = []
        var theirs: [UInt64] = []
        var values = 0
        var navigation: [UInt64] = []
        var lookups = 0
        let documents = try parsedCorpus()
        // Round 0 warms caches and the allocator and is not counted.
        for round in 0...rounds {
            let (ns, count) = try timeOurs()
            let foundationNs = try timeFoundation()
            let (navigationNs, lookupCount) = timeNavigation(documents)
            if round > 0 {
                ours.append(ns)
                theirs.append(foundationNs)
                navigation.append(navigationNs)
            }
            lookups = lookupCount
            values = count
        }
        return Result(
            documents: corpus.count, bytes: totalBytes, rounds: rounds, values: values,
            oursNanoseconds: medianOf(ours), foundationNanoseconds: medianOf(theirs),
            lookups: lookups, lookupNanoseconds: medianOf(navigation))
    }

    private func parsedCorpus() throws(CommandError) -> [JSONDocument] {
        var documents: [JSONDocument] = []
        for bytes in corpus {
            do {
                documents.append(try JSONParser.parse(bytes))
            } catch {
                throw CommandError(localize(BenchMessage.corpusNotJSON, ["why": .localized(error.messageText), "offset": .number(String(error.offset))]))
            }
        }
        return documents
    }

    /// Paths a rule pack reads in every dossier, as UTF-8 keys.
    private static let paths: [[[UInt8]]] = [
        ["project", "env_group"], ["project", "type"], ["project", "polluting_type"], ["location", "flood_risk_zone"],
        ["location", "design_ground_elev_m"], ["wastewater", "treatment", "capacity_m3_day"], ["wastewater", "generated_m3_day"],
        ["eia", "decision_no"], ["ghg", "est_tco2e_year"], ["energy", "toe_year"], ["sand_mining", "licence", "expires_on"],
        ["solid_waste", "shares_pct", "landfill"],
    ].map { $0.map { Array($0.utf8) } }
    private static let criteriaKey = Array("criteria".utf8)
    private static let climateKey = Array("climate".utf8)
    private static let planKey = Array("plan".utf8)
    private static let itemsKey = Array("items".utf8)

    /// Walks the parsed documents as a rule evaluator would: member lookups
    /// by key and a walk over every plan item, through the public accessors.
    private func timeNavigation(_ documents: [JSONDocument]) -> (UInt64, Int) {
        var lookups = 0
        var found = 0
        let start = DispatchTime.now().uptimeNanoseconds
        // Each dossier is walked several times while it is in cache, as the
        // rules of a pack read it one after another.
        for doc in documents {
            for _ in 0..<8 {
                for path in Self.paths {
                    var node: Int? = JSONDocument.root
                    for key in path {
                        guard let n = node else { break }
                        node = key.withUnsafeBufferPointer { doc.member(n, key: $0) }
                        lookups += 1
                    }
                    if let n = node, doc[n].kind == .number || doc[n].kind == .string { found &+= 1 }
                }
                guard let plan = Self.planKey.withUnsafeBufferPointer({ doc.member(JSONDocument.root, key: $0) }),
                    let items = Self.itemsKey.withUnsafeBufferPointer({ doc.member(plan, key: $0) })
                else { continue }
                lookups += 2
                var i = items + 1
                let end = doc[items].next(items)
                while i < end {
                    if let criteria = Self.criteriaKey.withUnsafeBufferPointer({ doc.member(i, key: $0) }),
                        let climate = Self.climateKey.withUnsafeBufferPointer({ doc.member(criteria, key: $0) })
                    {
                        found &+= Int(doc[climate].b)
                    }
                    lookups += 2
                    i = doc[i].next(i)
                }
            }
        }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        // Keeps the walk from being optimized away.
        if found == -1 { print(found) }
        return (elapsed, lookups)
    }

    private func timeOurs() throws(CommandError) -> (UInt64, Int) {
        var values = 0
        let start = DispatchTime.now().uptimeNanoseconds
        for document in corpus {
            do {
                values &+= try JSONParser.parse(document).nodes.count
            } catch {
                throw CommandError(localize(BenchMessage.corpusNotJSON, ["why": .localized(error.messageText), "offset": .number(String(error.offset))]))
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
                throw CommandError(localize(BenchMessage.foundationRejected, ["why": .text("\(error)")]))
            }
        }
        let elapsed = DispatchTime.now().uptimeNanoseconds - start
        if objects != corpusData.count { throw CommandError(localize(BenchMessage.foundationNonObject)) }
        return elapsed
    }
}

private func format(_ x: Double, _ decimals: Int) -> String {
    String(format: "%.\(decimals)f", x)
}

/// A catalogue entry of any area with its placeholders filled, in the
/// language chosen for this run (`say` of `Command.swift` for the others).
func say<A: MessageArea>(_ entry: A, _ args: KeyValuePairs<String, MessageArg> = [:]) -> String { localize(entry, args)(cliLang) }

/// `x` with `decimals` decimals as `--lang` writes a number (vi `1.234,5`, en `1,234.5`), for the text tables.
func figure(_ x: Double, _ decimals: Int) -> String {
    formatNumber(String(format: "%.\(decimals)f", x), cliLang)
}

/// `s` padded with spaces to `width` characters (never cut).
func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
