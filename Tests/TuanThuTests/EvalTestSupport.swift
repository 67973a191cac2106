import Base
import Diagnostics
import Evaluator
import Foundation
import JSON
import Semantics
import Testing
import TuanThu

// Helpers of the evaluation and `check` tests: load a ruleset from text,
// check a dossier from text, describe findings compactly.

/// The as-of date of every evaluation test.
let evalAsOf = CivilDate("2026-11-29")!

/// Loads a ruleset from source text; a load error fails the test (with the rendered diagnostics).
func loadProgram(_ source: String, path: String = "r.rules") throws -> Program {
    let loaded = RulesetLoader.load(sources: [(path, source)])
    let errors = loaded.diagnostics.filter { $0.severity == .error }
    try #require(errors.isEmpty, "the ruleset does not load:\n\(DiagnosticRenderer().render(errors, files: loaded.files))\n\(source)")
    return loaded.program
}

/// Checks one dossier (JSON text) as `d.json`.
func checkDossier(_ program: Program, _ json: String, asOf: CivilDate = evalAsOf) -> DossierResult {
    Evaluator(program: program, asOf: asOf).check(bytes: Array(json.utf8), path: "d.json")
}

/// `kind pointer`, with `<root>` for the empty pointer.
func describeFinding(_ f: Finding) -> String {
    "\(f.kind.rawValue) \(f.pointer.isEmpty ? "<root>" : f.pointer)"
}

/// The outcome of rule `id`.
func outcome(_ r: DossierResult, _ program: Program, _ id: String = "R") -> RuleOutcome? {
    guard let k = program.rules.firstIndex(where: { $0.id == id }), k < r.rules.count else { return nil }
    return r.rules[k]
}

/// One case of the semantics tables: a rule `R` (its body, after an
/// optional prelude of declarations), a dossier, and what checking gives.
struct EvalCase: Sendable, CustomTestStringConvertible {
    var name: String
    var prelude: String = ""
    var rule: String
    var dossier: String
    var outcome: RuleOutcome
    /// `kind pointer` of each finding of `R`, in order.
    var findings: [String] = []
    /// The pointers in the findings' `missing` lists, in order (checked when given).
    var missing: [String]? = nil

    var testDescription: String { name }
    var source: String { "\(prelude)\nrule R {\n\(rule)\n}\n" }
}

/// Runs one case and checks the outcome, the findings' kinds and pointers,
/// and that each finding's line:column is where its pointer's value starts.
func run(_ c: EvalCase) throws {
    let program = try loadProgram(c.source)
    let result = checkDossier(program, c.dossier)
    #expect(result.error == nil, "\(c.name): the dossier is unreadable: \(result.error?.message ?? "")")
    let own = result.findings.filter { $0.rule == "R" }
    #expect(outcome(result, program) == c.outcome, "\(c.name): findings \(own.map { describeFinding($0) + ": " + $0.message("en") })")
    #expect(own.map(describeFinding) == c.findings, "\(c.name): \(own.map { $0.message("en") })")
    if let m = c.missing {
        #expect(own.flatMap(\.missing) == m, "\(c.name)")
    }
    try expectLocationsMatchPointers(result)
}

/// Every finding's line:column is where the value its pointer names
/// starts; every evidence value's span is exactly the bytes of a value its
/// pointer names (a duplicated key names both copies), and a missing path's
/// evidence has no span.
func expectLocationsMatchPointers(_ result: DossierResult) throws {
    guard let source = result.source else {
        #expect(result.findings.isEmpty || result.error != nil)
        return
    }
    let doc = try JSONParser.parse(source.bytes)
    for f in result.findings {
        let node = try #require(doc.node(atPointer: f.pointer), "pointer \(f.pointer) of \(f.rule) names nothing")
        let loc = source.location(of: doc.nodes[node].start)
        let at = result.location(of: f)
        #expect(f.span.file == source.id, "\(f.rule): its span is in another file")
        #expect(loc.line == at.line && loc.column == at.column,
                "\(f.rule) at \(f.pointer): reported \(at.line):\(at.column), the value starts at \(loc.line):\(loc.column)")
        for e in f.evidence {
            guard let span = e.span else {
                #expect(e.valueJSON == nil, "\(f.rule): evidence \(e.expr) has a value but no span")
                continue
            }
            #expect(e.valueJSON != nil, "\(f.rule): evidence \(e.expr) of a missing path has a span")
            #expect(span.file == source.id, "\(f.rule): evidence \(e.expr) is in another file")
            let exact = doc.nodes.indices.filter { doc.nodes[$0].start == span.start && doc.nodes[$0].end == span.end }
            #expect(exact.contains { doc.pointer(of: $0) == e.pointer },
                    "\(f.rule): evidence \(e.expr) at \(e.pointer): its span \(span.start)..<\(span.end) is not that value")
        }
    }
}

extension Evidence {
    /// Evidence as a test writes it, without a place: spans are checked apart.
    init(expr: String, pointer: String, value: String?) {
        self.init(expr: expr, pointer: pointer, value: value, span: nil)
    }

    /// This evidence without its span, to compare with evidence a test writes.
    var unplaced: Evidence {
        var e = self
        e.span = nil
        return e
    }
}
