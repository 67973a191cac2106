import Base
import Diagnostics
import Dispatch
import Evaluator
import Format
import Foundation
import JSON
import Reporters
import Semantics
import Syntax
import TuanThu

// A mutation fuzzer for the readers of untrusted input: the dossier reader
// (JSON parser, evaluator and the text and HTML reports), the rule parser
// with the analyzer and the formatter, the waivers reader, and `explain`.
// Seeded and deterministic: the same seed gives the same cases, so a
// failure found once is found again. Each case is bounded in size, and its
// time is measured against a budget: a case over it is a hang. A crash ends
// the process — `swift test` runs a few thousand cases in-process, and
// `.ci/fuzz.sh` runs `tuanthu fuzz` as a child process, so that a crash is
// seen from outside, with the input that caused it saved to a file.

/// What a fuzz run exercises.
package enum FuzzTarget: String, Sendable, CaseIterable {
    /// JSON parser, evaluation against a ruleset, text and HTML reports.
    case dossier
    /// Rule parser, load-time checks and the formatter, on one `.rules` file.
    case rules
    /// The waivers file reader and applying its waivers.
    case waivers
    /// `explain`'s trace of a rule on a dossier.
    case explain
}

/// The counts of one fuzz run.
package struct FuzzReport: Sendable {
    /// The target fuzzed.
    package var target: FuzzTarget
    /// Cases run.
    package var cases: Int
    /// Cases over the time budget, with their inputs.
    package var hangs: [[UInt8]]
    /// Wall-clock time of the whole run, in seconds.
    package var seconds: Double
    /// The slowest case, in seconds.
    package var slowest: Double
}

/// SplitMix64: a small, fast, seedable generator (the fuzzer's only source of randomness).
package struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator whose sequence is fixed by `seed`.
    package init(seed: UInt64) { state = seed }

    /// The next 64 random bits.
    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Seeded mutation of byte strings: the classic byte-level operators plus
/// tokens of the languages read, so mutants get past the first syntax check.
package struct FuzzMutator: Sendable {
    /// The generator driving every choice.
    package var rng: SplitMix64
    /// Mutants are cut to this many bytes.
    package var maxSize: Int

    /// Tokens worth inserting: JSON and rule-language syntax, and the
    /// characters that broke things before (controls, bidi, invalid UTF-8).
    static let dictionary: [[UInt8]] = [
        "{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "\\uD800", "0", "-1", "1e999", "0.1", "null", "true", "false",
        "\"id\"", "\"2024-09-06\"", "[]", "{}", "rule ", "let ", "def ", "when ", "require ", " and ", " or ", "not ", "??",
        "for each it in ", " where ", "exists(", "count(", "matches(", "(", ")", ".", "[*]", "{x}", "`", "///", "//", "\n",
        "test \"t\" { given {} expect A pass }", "given file \"../x.json\"", "schema {", "effective from 2025-01-01",
        "\u{1B}[2J", "\u{7}", "\u{202E}", "\u{9B}", "\r", "\t", "é", "\u{0301}",
    ].map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0x00], [0xE2, 0x80]]

    /// A mutator seeded with `seed`, cutting mutants to `maxSize` bytes.
    package init(seed: UInt64, maxSize: Int = 1 << 16) {
        rng = SplitMix64(seed: seed)
        self.maxSize = maxSize
    }

    /// A random number in `0..<n` (0 when `n` is 0).
    mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }

    /// A mutant of `input`: one to four operators applied, `other` used for splicing.
    package mutating func mutate(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0...below(4) {
            switch below(9) {
            case 0 where !b.isEmpty:  // flip a bit
                let i = below(b.count)
                b[i] ^= UInt8(1) << UInt8(below(8))
            case 1 where !b.isEmpty:  // set a byte
                b[below(b.count)] = UInt8(truncatingIfNeeded: rng.next())
            case 2:  // insert a token
                b.insert(contentsOf: FuzzMutator.dictionary[below(FuzzMutator.dictionary.count)], at: below(b.count + 1))
            case 3 where !b.isEmpty:  // delete a range
                let i = below(b.count)
                b.removeSubrange(i..<min(b.count, i + 1 + below(32)))
            case 4 where !b.isEmpty:  // duplicate a range (deep nesting, long chains)
                let i = below(b.count)
                let piece = b[i..<min(b.count, i + 1 + below(64))]
                let times = 1 + below(below(2) == 0 ? 4 : 300)
                var copies: [UInt8] = []
                for _ in 0..<times where copies.count + piece.count <= maxSize { copies += piece }
                b.insert(contentsOf: copies, at: i)
            case 5 where !other.isEmpty:  // splice from another seed
                let i = below(other.count)
                let piece = other[i..<min(other.count, i + 1 + below(256))]
                b.insert(contentsOf: piece, at: below(b.count + 1))
            case 6 where !b.isEmpty:  // truncate
                b.removeSubrange(below(b.count)...)
            case 7 where b.count > 1:  // swap two bytes
                b.swapAt(below(b.count), below(b.count))
            default:  // interesting number in place of a digit
                if let i = b.indices.dropFirst(below(b.count)).first(where: { b[$0] >= 0x30 && b[$0] <= 0x39 }) {
                    let n = ["0", "-0", "1e308", "9007199254740993", "-1", "0.0000001", "1E-400"][below(7)]
                    b.replaceSubrange(i...i, with: Array(n.utf8))
                }
            }
        }
        if b.count > maxSize { b.removeSubrange(maxSize...) }
        return b
    }
}

/// Runs fuzz cases against one target. The program (for dossier, waivers
/// and explain) is loaded once by the caller.
package struct Fuzzer {
    /// The ruleset dossiers are checked against.
    package let program: Program
    /// The date checks are made on.
    package let asOf: CivilDate
    /// Inputs mutants start from (dossiers, rule files or waiver files, by target).
    package let seeds: [[UInt8]]
    /// A case slower than this is a hang.
    package var budget: Double
    /// Called before each case with its input (to save it, so a crash leaves it behind).
    package var beforeCase: ([UInt8]) -> Void = { _ in }

    /// A fuzzer of `program` starting from `seeds`, with a per-case time budget in seconds.
    package init(program: Program, asOf: CivilDate, seeds: [[UInt8]], budget: Double = 2) {
        self.program = program
        self.asOf = asOf
        self.seeds = seeds.isEmpty ? [Array("{}".utf8)] : seeds
        self.budget = budget
    }

    /// The inputs `run` would try, without running them (for a runner that
    /// feeds them to the executable, one process per case).
    package func mutants(cases: Int, seed: UInt64, maxSize: Int = 1 << 16) -> [[UInt8]] {
        var mutator = FuzzMutator(seed: seed, maxSize: maxSize)
        return (0..<cases).map { k in
            let base = seeds[k % seeds.count]
            let input = k % 8 == 0 ? base : mutator.mutate(base, other: seeds[mutator.below(seeds.count)])
            _ = mutator.below(1 << 20)
            return input
        }
    }

    /// Runs `cases` mutants of the seeds through `target`, from `seed`.
    package func run(_ target: FuzzTarget, cases: Int, seed: UInt64, maxSize: Int = 1 << 16) -> FuzzReport {
        var mutator = FuzzMutator(seed: seed, maxSize: maxSize)
        let evaluator = Evaluator(program: program, asOf: asOf)
        let context = ReportContext(program: program, toolVersion: "fuzz", asOf: asOf.description, lang: "en")
        var report = FuzzReport(target: target, cases: 0, hangs: [], seconds: 0, slowest: 0)
        let started = DispatchTime.now().uptimeNanoseconds
        for k in 0..<cases {
            let base = seeds[k % seeds.count]
            // One case in eight is a seed itself (or nearly): valid input must go through too.
            let input = k % 8 == 0 ? base : mutator.mutate(base, other: seeds[mutator.below(seeds.count)])
            beforeCase(input)
            let t0 = DispatchTime.now().uptimeNanoseconds
            runCase(target, input, evaluator, context, pick: mutator.below(1 << 20))
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e9
            report.slowest = max(report.slowest, elapsed)
            if elapsed > budget { report.hangs.append(input) }
            report.cases += 1
        }
        report.seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return report
    }

    /// One case; anything it returns is thrown away — only crashes and time count.
    func runCase(_ target: FuzzTarget, _ input: [UInt8], _ evaluator: Evaluator, _ context: ReportContext, pick: Int) {
        switch target {
        case .dossier:
            let r = evaluator.check(bytes: input, path: "fuzz.json", digest: true)
            var text = makeReportWriter(.text, context)
            var html = makeReportWriter(.html, context)
            _ = text.dossier(r)
            _ = html.dossier(r)
        case .rules:
            var files = SourceMap()
            let source = files.add(path: "fuzz.rules", bytes: input)
            let (parsed, syntax) = Parser.parse(source)
            let (_, semantic) = Analyzer.analyze(files: files, parsed: [parsed])
            _ = DiagnosticRenderer().render(syntax + semantic, files: files)
            _ = RulesFormatter.format(source)
        case .waivers:
            do throws(WaiverLoadError) {
                let file = try WaiverFile.parse(bytes: input, path: "fuzz-waivers.json", program: program)
                var applier = WaiverApplier(file, asOf: asOf, program: program)
                // A dossier with findings for the waivers to cover.
                var r = evaluator.check(bytes: Array(#"{"id": "CT-2024-0012", "project": {"type": "factory"}}"#.utf8), path: "d.json", digest: false)
                applier.apply(&r)
                _ = applier.render(applier.unusedWarnings + applier.expiredWarnings)
            } catch {
                _ = error.rendered()
            }
        case .explain:
            guard !program.rules.isEmpty else { return }
            let rule = program.rules[pick % program.rules.count]
            var files = SourceMap()
            let source = files.add(path: "fuzz.json", bytes: input)
            guard let document = try? JSONParser.parse(input) else { return }
            // `explain` traces only a dossier that is a JSON object (else it prints the error).
            let result = evaluator.check(bytes: input, path: "fuzz.json", digest: false)
            if result.error != nil { return }
            _ = evaluator.explain(rule, document: document, source: source)
        }
    }
}
