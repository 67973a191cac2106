import Evaluator
import Semantics
import Testing

// Outside tracing the evaluator reads the commonest shapes without its
// general walk: a field looked for where it was found last (member hints),
// comparisons of plain numbers and dates read in place, dates read from
// their text once per dossier, a quantifier body `x.f == "text"` tested on
// the element's bytes, a loop body of one `require` decided in the loop.
// These cases give each way what would make it wrong if it skipped a check:
// objects of other shapes, absent fields, values of another type, repeated
// keys, and one evaluator reading dossiers in turn.

@Suite("Evaluation: fast paths agree with the general walk")
struct EvalFastPathTests {
    static let dates = "schema { start: date, xs: [{ d: date }] }"

    static let cases: [EvalCase] = [
        EvalCase(name: "a field found in elements of different shapes",
                 rule: "for each x in xs { require x.a > 0 }",
                 dossier: #"{"xs": [{"a": 1, "b": 2}, {"b": 2, "a": 3}, {"c": {"d": 1}, "a": 5}]}"#, outcome: .pass),
        EvalCase(name: "the element that fails is blamed",
                 rule: "for each x in xs { require x.a > 0 }",
                 dossier: #"{"xs": [{"a": 1}, {"b": 1, "a": 0}]}"#, outcome: .fail, findings: ["violation /xs/1/a"]),
        EvalCase(name: "an element without the field is missing",
                 rule: "for each x in xs { require x.a > 0 }",
                 dossier: #"{"xs": [{"a": 1}, {"b": 1}]}"#, outcome: .missing, findings: ["missing /xs/1"], missing: ["/xs/1/a"]),
        EvalCase(name: "a text where a number is compared is a type error",
                 rule: "for each x in xs { require x.a > 0 }",
                 dossier: #"{"xs": [{"a": 1}, {"a": "2"}]}"#, outcome: .fail, findings: ["invalid /xs/1/a"]),
        EvalCase(name: "any: an element with a number in the field does not stop a later match",
                 rule: #"require any(x in xs: x.k == "yes")"#,
                 dossier: #"{"xs": [{"k": 1}, {"k": "yes"}]}"#, outcome: .pass),
        EvalCase(name: "all: an element without the field makes it unknown",
                 rule: #"require all(x in xs: x.k != "no")"#,
                 dossier: #"{"xs": [{"k": "yes"}, {"j": "no"}]}"#, outcome: .missing, findings: ["missing /xs/1"], missing: ["/xs/1/k"]),
        EvalCase(name: "none: a matching element is blamed",
                 rule: #"require none(x in xs: x.k == "no")"#,
                 dossier: #"{"xs": [{"k": "yes"}, {"k": "no"}]}"#, outcome: .fail, findings: ["violation /xs/1/k"]),
        EvalCase(name: "dates of list elements against a root date", prelude: dates,
                 rule: "for each x in xs { require x.d >= start }",
                 dossier: #"{"start": "2024-01-10", "xs": [{"d": "2024-01-10"}, {"d": "2024-01-09"}]}"#,
                 outcome: .fail, findings: ["violation /xs/1/d"]),
        EvalCase(name: "a date that failed validation is invalid, not compared", prelude: dates,
                 rule: "for each x in xs { require x.d >= start }",
                 dossier: #"{"start": "2024-13-01", "xs": [{"d": "2024-01-10"}]}"#, outcome: .fail, findings: ["invalid /xs/0"]),
        EvalCase(name: "and of comparisons decided in place",
                 rule: "require a >= 0 and a <= 100",
                 dossier: #"{"a": 101}"#, outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "or of a comparison and an absent path",
                 rule: "require a > 0 or b > 0",
                 dossier: #"{"a": 0}"#, outcome: .missing, findings: ["missing <root>"], missing: ["/b"]),
    ]

    @Test(arguments: cases) func fastPaths(_ c: EvalCase) throws { try run(c) }

    /// One evaluator over dossiers in turn: a field's remembered place, and a
    /// date read from its text, never carry the previous dossier's answer.
    @Test func oneEvaluatorOverDossiers() throws {
        let schema = "schema { start: date, xs: [{ d: date }], ys: [{ a: number, b?: { c: number } }] }"
        let program = try loadProgram(schema + "\nrule R { for each x in xs { require x.d >= start } }\n"
            + "rule S { require all(x in ys: x.a > 0) }\n")
        let evaluator = Evaluator(program: program, asOf: evalAsOf)
        let dossiers: [(String, RuleOutcome, RuleOutcome)] = [
            (#"{"start": "2024-01-10", "xs": [{"d": "2024-01-11"}], "ys": [{"a": 1}]}"#, .pass, .pass),
            // The same nodes hold another date: compared anew.
            (#"{"start": "2024-01-12", "xs": [{"d": "2024-01-11"}], "ys": [{"a": 1}]}"#, .fail, .pass),
            // `a` written twice: the last copy counts, wherever the first was found before.
            (#"{"start": "2024-01-10", "xs": [{"d": "2024-01-11"}], "ys": [{"a": 0, "a": 2}]}"#, .pass, .pass),
            (#"{"start": "2024-01-10", "xs": [{"d": "2024-01-11"}], "ys": [{"a": 2, "a": 0}]}"#, .pass, .fail),
            // Another shape: the field elsewhere in the object.
            (#"{"ys": [{"b": {"c": 1}, "a": 0}], "xs": [{"d": "2024-01-11"}], "start": "2024-01-10"}"#, .pass, .fail),
        ]
        for (json, r, s) in dossiers {
            let result = evaluator.check(bytes: Array(json.utf8), path: "d.json")
            #expect(outcome(result, program, "R") == r, "\(json)")
            #expect(outcome(result, program, "S") == s, "\(json)")
        }
    }

    static let pointers: [(String, String)] = [
        ("", ""),
        ("/a/b", "a.b"),
        ("/xs/0/a", "xs[0].a"),
        ("/xs/*/a", "xs[*].a"),
        ("/0/a", "[0].a"),
        ("/a//b", "a..b"),
        ("/a~1b/c", "a/b.c"),
        ("/a~0b", "a~b"),
        ("/địa_chỉ/1", "địa_chỉ[1]"),
    ]

    /// `dotted` words a pointer the same on its ASCII fast path and off it.
    @Test(arguments: pointers) func dottedPointers(_ p: (String, String)) {
        #expect(dotted(p.0) == p.1)
    }
}
