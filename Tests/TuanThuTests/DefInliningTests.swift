import Base
import Diagnostics
import Evaluator
import Foundation
import Semantics
import Testing
import TuanThu

// Small defs are compiled inline into the rules that call them (the
// analyzer copies the body to the call site, its parameters in the rule's
// frame). Inlining must change nothing a report shows: each case checks
// dossiers with the ruleset compiled both ways and compares every field
// of every finding — kind, pointer, span, missing paths, evidence, messages.

private let source = """
    schema {
      a?: number
      b?: number
      level?: string
      items?: [{ name?: string, v?: number }]
    }

    let limit = 10

    def reaches(expected, amount, limit) = (amount ?? 0) >= limit or (expected and amount >= limit)
    def both(x, y) = x > 0 and y > 0
    def twice(x) = x + x
    def label(l) = if l == "high" then "cao" else if l == "low" then "thấp" else "không"
    def any_big(xs) = any(i in xs: i.v > limit)
    def nested(x, y) = both(twice(x), y)
    def first_only(x, y) = x > 1
    def known(x) = x in ["high", "low"]

    rule R1 { require reaches(true, a, 5) else "a = {a}, {label(level)}" }
    rule R2 { require both(a, b) }
    rule R3 { require nested(a, b) }
    rule R4 {
      for each it in items where twice(it.v) > 0 {
        require both(it.v, a) else "{it.name}: {twice(it.v)}"
      }
    }
    rule R5 { require not any_big(items) }
    rule R6 { require first_only(a, b) }
    rule R7 { require count([x for x in items where twice(x.v) > 4]) >= 1 }
    rule R8 { require all(x in items: both(x.v, twice(x.v))) }
    rule R9 { require known(level) and nested(nested(a, b), twice(b)) }
    """

private let dossiers = [
    #"{}"#,
    #"{"a": 1}"#,
    #"{"a": 7, "b": -1, "level": "high"}"#,
    #"{"a": "x", "b": 2}"#,
    #"{"a": null, "b": 3, "level": "mid"}"#,
    #"{"a": 20, "b": 3, "level": "low", "items": [{"name": "p", "v": 2}, {"name": "q", "v": 30}]}"#,
    #"{"a": 2, "b": 1, "items": [{"name": "p"}, {"name": "q", "v": "s"}, {"v": null}, {"name": "r", "v": -4}]}"#,
    #"{"a": 5, "b": 5, "items": []}"#,
    #"{"a": 5, "b": 5, "items": "none"}"#,
]

/// The ruleset compiled with or without inlining.
private func program(_ text: String, inline: Bool) throws -> Program {
    let parsed = RulesetFiles.parse(sources: [("r.rules", text)])
    let (program, problems) = Analyzer.analyze(files: parsed.files, parsed: parsed.parsed, inlineDefs: inline)
    let errors = problems.filter { $0.severity == .error }
    try #require(errors.isEmpty, "\(DiagnosticRenderer().render(errors, files: parsed.files))")
    return program
}

/// How many nodes of each kind the program's IR holds.
private func kinds(_ p: Program) -> [IRKind: Int] {
    var out: [IRKind: Int] = [:]
    for n in p.ir.tables.pointee.nodes { out[n.kind, default: 0] += 1 }
    return out
}

/// Everything a report can show of a result.
private func describe(_ r: DossierResult) -> [String] {
    [r.outcome.rawValue, r.rules.map(\.rawValue).joined(separator: " ")] + r.findings.map { f in
        let evidence = f.evidence.map { "\($0.expr)@\($0.pointer)=\($0.valueJSON ?? "∅")" }.joined(separator: "; ")
        return "\(f.rule) \(f.kind.rawValue) \(f.pointer) \(f.span.start)-\(f.span.end) missing=\(f.missing) evidence=[\(evidence)] "
            + "vi=\(f.message("vi")) en=\(f.message("en")) hint=\(f.hint.map(\.text))"
    }
}

@Suite struct DefInliningTests {
    @Test(arguments: dossiers.indices)
    func inliningChangesNoFinding(_ k: Int) throws {
        let inlined = try program(source, inline: true), called = try program(source, inline: false)
        for purpose in CheckPurpose.allCases {
            let a = Evaluator(program: inlined, asOf: evalAsOf, purpose: purpose).check(bytes: Array(dossiers[k].utf8), path: "d.json")
            let b = Evaluator(program: called, asOf: evalAsOf, purpose: purpose).check(bytes: Array(dossiers[k].utf8), path: "d.json")
            #expect(describe(a) == describe(b))
            // And the dossiers do reach the rules: a case with no finding tests little.
            if k == 0 { #expect(a.findings.count >= 5) }
        }
    }

    @Test func smallDefsAreInlinedIntoRulesOnly() throws {
        let inlined = kinds(try program(source, inline: true)), called = kinds(try program(source, inline: false))
        #expect(called[.inlined] == nil)
        // Every call in the rules but `known` (a membership test) is inlined,
        // the calls in an inlined body too (R1 2, R2 1, R3 3, R4 3, R5 1, R6 1,
        // R7 1, R8 2, R9 7); the defs' own bodies keep theirs (`nested`: 2).
        #expect(inlined[.inlined] == 21, "\(inlined)")
        #expect(inlined[.callDef] == 3, "\(inlined)")
        // Without inlining, each call written is one (16 in the rules).
        #expect(called[.callDef] == 2 + 16, "\(called)")
    }

    @Test(arguments: [
        // Over the size budget: `big`'s body has more than `Analyzer.maxInlinedNodes` nodes.
        ("def big(x) = " + Array(repeating: "x", count: 40).joined(separator: " + "), "big(a) > 0", false),
        // A membership test: the evaluator memoizes its list per node, so a copy per call site would record its reads again.
        (#"def k(x) = x in ["p", "q"]"#, "k(level)", false),
        (#"def k(x) = contains(["p", "q"], x)"#, "k(level)", false),
        // Small: inlined.
        ("def pos(x) = x > 0", "pos(a)", true),
    ])
    func whatIsInlined(_ def: String, _ call: String, _ inlines: Bool) throws {
        let p = try program("schema {\n  a?: number\n  level?: string\n}\n\(def)\nrule R { require \(call) }\n", inline: true)
        #expect((kinds(p)[.inlined] ?? 0 > 0) == inlines)
    }

    @Test func aRecursiveDefIsReportedNotInlined() throws {
        let parsed = RulesetFiles.parse(sources: [("r.rules", "def f(x) = f(x)\nrule R { require f(1) }\n")])
        let (p, problems) = Analyzer.analyze(files: parsed.files, parsed: parsed.parsed)
        #expect(problems.map(\.code.rawValue).contains("E2006"))
        #expect(kinds(p)[.inlined] == nil)
    }

    @Test func thePackChecksTheSameInlinedOrCalled() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let parsed = try RulesetFiles.parse(paths: [root.appendingPathComponent("Rules/kl81-cantho").path])
        let inlined = Analyzer.analyze(files: parsed.files, parsed: parsed.parsed, inlineDefs: true).0
        let called = Analyzer.analyze(files: parsed.files, parsed: parsed.parsed, inlineDefs: false).0
        #expect((kinds(inlined)[.inlined] ?? 0) > 0)
        let examples = root.appendingPathComponent("Examples").path
        let files = try FileManager.default.contentsOfDirectory(atPath: examples).filter { $0.hasSuffix(".json") }.sorted()
        #expect(files.count >= 10)
        for f in files {
            let bytes = try #require(FileManager.default.contents(atPath: examples + "/" + f)).map { $0 }
            for purpose in CheckPurpose.allCases {
                let a = Evaluator(program: inlined, asOf: evalAsOf, purpose: purpose).check(bytes: bytes, path: f)
                let b = Evaluator(program: called, asOf: evalAsOf, purpose: purpose).check(bytes: bytes, path: f)
                #expect(describe(a) == describe(b), "\(f) \(purpose)")
            }
        }
    }
}
