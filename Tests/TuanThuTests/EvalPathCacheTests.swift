import Evaluator
import Testing

// Root paths of field names are looked up once per dossier and cached. A
// value that failed schema validation makes every path through it, or to
// it, invalid: these cases read such paths twice (the second read comes
// from the cache) beside paths that stay clean in the same dossier.

@Suite("Evaluation: cached root paths and values that failed validation")
struct EvalPathCacheTests {
    static let schema = "schema { a?: { b?: number, c?: { d?: number } }, e?: number }"

    static let cases: [EvalCase] = [
        EvalCase(name: "a clean path beside a failed value passes, read twice", prelude: schema,
                 rule: "require a.b == 1 and a.b >= 1", dossier: #"{"a": {"b": 1}, "e": "x"}"#, outcome: .pass),
        EvalCase(name: "a path to a failed value is invalid, read twice", prelude: schema,
                 rule: "require a.b == 1 or a.b == 2", dossier: #"{"a": {"b": "1"}}"#, outcome: .fail, findings: ["invalid /a/b"]),
        EvalCase(name: "a path through a failed object is invalid", prelude: schema,
                 rule: "require a.c.d == 1 or a.c.d == 2", dossier: #"{"a": {"b": 1, "c": "x"}}"#, outcome: .fail, findings: ["invalid /a/c"]),
        EvalCase(name: "a path through a failed object is invalid, not missing, past it", prelude: schema,
                 rule: "require a.c.d == 1", dossier: #"{"a": "x"}"#, outcome: .fail, findings: ["invalid /a"]),
        EvalCase(name: "its prefix read first, then the longer path", prelude: schema,
                 rule: "require exists(a.c) and a.c.d == 1", dossier: #"{"a": {"c": {"d": "1"}}}"#, outcome: .fail, findings: ["invalid /a/c/d"]),
        EvalCase(name: "an absent path beside a failed value is missing", prelude: schema,
                 rule: "require a.c.d == 1", dossier: #"{"a": {"b": 1}, "e": "x"}"#, outcome: .missing, findings: ["missing /a"], missing: ["/a/c/d"]),
        EvalCase(name: "exists of a failed value is invalid", prelude: schema,
                 rule: "require exists(a.b)", dossier: #"{"a": {"b": "1"}}"#, outcome: .fail, findings: ["invalid /a/b"]),
    ]

    @Test(arguments: cases) func cachedPaths(_ c: EvalCase) throws { try run(c) }

    /// One evaluator over dossiers in turn: what was cached of one dossier,
    /// clean or failed, never leaks into the next.
    @Test func cacheIsPerDossier() throws {
        let program = try loadProgram(Self.schema + "\nrule R { require a.b == 1 }\n")
        let evaluator = Evaluator(program: program, asOf: evalAsOf)
        let dossiers: [(String, RuleOutcome)] = [
            (#"{"a": {"b": 1}}"#, .pass),
            (#"{"a": {"b": "1"}}"#, .fail),
            (#"{"a": {"b": 1}, "e": "x"}"#, .pass),
            (#"{"a": "x"}"#, .fail),
            (#"{"a": {"b": 2}}"#, .fail),
            (#"{"a": {}}"#, .missing),
            (#"{"a": {"b": 1}}"#, .pass),
        ]
        for (json, expected) in dossiers {
            let result = evaluator.check(bytes: Array(json.utf8), path: "d.json")
            #expect(outcome(result, program) == expected, "\(json)")
        }
    }
}
