import Evaluator
import Foundation
import Testing

// Rules/README.md sections 4 and 5, construct by construct: a rule, a dossier,
// the rule's outcome, and the kind and JSON Pointer of each finding (and,
// where it matters, the paths the finding names as missing). Every case
// also checks that each finding's line:column is where its pointer's value
// starts in the dossier.

/// NFD (decomposed) form, as some input methods and word processors write Vietnamese.
func nfd(_ s: String) -> String { s.decomposedStringWithCanonicalMapping }

@Suite("Evaluation semantics")
struct EvalSemanticsTests {
    // MARK: Paths

    static let paths: [EvalCase] = [
        EvalCase(name: "a present path that holds passes", rule: "require a.b == 1", dossier: #"{"a": {"b": 1}}"#, outcome: .pass),
        EvalCase(name: "a present path that fails is a violation at the value", rule: "require a.b == 1", dossier: #"{"a": {"b": 2}}"#,
                 outcome: .fail, findings: ["violation /a/b"], missing: []),
        EvalCase(name: "an absent key is missing, blamed on its parent", rule: "require a.b == 1", dossier: #"{"a": {}}"#,
                 outcome: .missing, findings: ["missing /a"], missing: ["/a/b"]),
        EvalCase(name: "an absent parent is missing, blamed on the root", rule: "require a.b == 1", dossier: "{}",
                 outcome: .missing, findings: ["missing <root>"], missing: ["/a/b"]),
        EvalCase(name: "a path through a number is missing at that number", rule: "require a.b == 1", dossier: #"{"a": 5}"#,
                 outcome: .missing, findings: ["missing /a"], missing: ["/a/b"]),
        EvalCase(name: "a path through null is missing at the null", rule: "require a.b == 1", dossier: #"{"a": null}"#,
                 outcome: .missing, findings: ["missing /a"], missing: ["/a/b"]),
        EvalCase(name: "a null value in an order comparison is missing at the null", rule: "require a.b >= 1", dossier: #"{"a": {"b": null}}"#,
                 outcome: .missing, findings: ["missing /a/b"], missing: ["/a/b"]),
        EvalCase(name: "a null value compared with == is unknown, never a silent pass", rule: "require a.b != 1", dossier: #"{"a": {"b": null}}"#,
                 outcome: .missing, findings: ["missing /a/b"], missing: ["/a/b"]),
        EvalCase(name: "== null tests for null", rule: "require a.b == null", dossier: #"{"a": {"b": null}}"#, outcome: .pass),
        EvalCase(name: "== null is false for a value", rule: "require a.b == null", dossier: #"{"a": {"b": 0}}"#,
                 outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "an odd key in brackets", rule: #"require a["odd key"] > 2"#, dossier: #"{"a": {"odd key": 3}}"#, outcome: .pass),
        EvalCase(name: "an absent odd key is missing and named", rule: #"require a["odd key"] > 2"#, dossier: #"{"a": {}}"#,
                 outcome: .missing, findings: ["missing /a"], missing: ["/a/odd key"]),
        EvalCase(name: "a key with a slash is escaped in the pointer", rule: #"require a["x/y"] > 2"#, dossier: #"{"a": {"x/y": 1}}"#,
                 outcome: .fail, findings: ["violation /a/x~1y"]),
        EvalCase(name: "a list index", rule: "require items[1].v > 2", dossier: #"{"items": [{"v": 1}, {"v": 3}]}"#, outcome: .pass),
        EvalCase(name: "a list index out of range is missing and names the index", rule: "require items[1].v > 2", dossier: #"{"items": [{"v": 1}]}"#,
                 outcome: .missing, findings: ["missing /items"], missing: ["/items/1/v"]),
        EvalCase(name: "a huge index is absent (no crash)", rule: "require items[n] == 1", dossier: #"{"n": 1e300, "items": [1]}"#,
                 outcome: .missing, findings: ["missing /items"], missing: ["/items/1e+300"]),
        EvalCase(name: "a fractional index is absent", rule: "require items[n] == 1", dossier: #"{"n": 0.5, "items": [1]}"#,
                 outcome: .missing, findings: ["missing /items"], missing: ["/items/0.5"]),
        EvalCase(name: "a huge index on a computed list is absent", rule: "require distinct(items)[n] == 1", dossier: #"{"n": 1e300, "items": [1]}"#,
                 outcome: .missing, findings: ["missing /items"]),
        EvalCase(name: "a computed index", rule: "require items[n].v > 2", dossier: #"{"n": 1, "items": [{"v": 1}, {"v": 3}]}"#, outcome: .pass),
        // Root paths are looked up once per dossier, each from its cached prefix.
        EvalCase(name: "paths sharing a prefix each find their own field", rule: "require a.b.c == 1 and a.b.d == 2 and a.e == 3",
                 dossier: #"{"a": {"b": {"c": 1, "d": 2}, "e": 3}}"#, outcome: .pass),
        EvalCase(name: "paths sharing a prefix: the field that fails is blamed", rule: "require a.b.c == 1 and a.b.d == 2 and a.e == 3",
                 dossier: #"{"a": {"b": {"c": 1, "d": 5}, "e": 3}}"#, outcome: .fail, findings: ["violation /a/b/d"]),
        EvalCase(name: "a shared prefix through null leaves both paths missing", rule: "require a.b.c == 1 or a.b.d == 2",
                 dossier: #"{"a": {"b": null}}"#, outcome: .missing, findings: ["missing /a/b"], missing: ["/a/b/c", "/a/b/d"]),
        EvalCase(name: "a prefix that is absent is missing for the longer path too", rule: "require exists(a.b) or a.b.c == 1",
                 dossier: #"{"a": {}}"#, outcome: .missing, findings: ["missing /a"], missing: ["/a/b", "/a/b/c"]),
        EvalCase(name: "a string key on a list is missing and names the key", rule: #"require items[k] == 1"#, dossier: #"{"k": "x", "items": [1]}"#,
                 outcome: .missing, findings: ["missing /items"], missing: ["/items/x"]),
    ]

    @Test(arguments: paths) func path(_ c: EvalCase) throws { try run(c) }

    // MARK: [*] projection

    static let projections: [EvalCase] = [
        EvalCase(name: "a projection is the list of the elements' values", rule: "require sum(items[*].v) >= 10",
                 dossier: #"{"items": [{"v": 4}, {"v": 6}]}"#, outcome: .pass),
        EvalCase(name: "a requirement on a projection that fails blames the list", rule: "require sum(items[*].v) >= 10",
                 dossier: #"{"items": [{"v": 4}, {"v": 5}]}"#, outcome: .fail, findings: ["violation /items"]),
        EvalCase(name: "an element without the field is missing at that element", rule: "require sum(items[*].v) >= 10",
                 dossier: #"{"items": [{"v": 4}, {}]}"#, outcome: .missing, findings: ["missing /items/1"], missing: ["/items/1/v"]),
        EvalCase(name: "a projection over a non-list is invalid at it", rule: "require sum(items[*].v) >= 10",
                 dossier: #"{"items": 5}"#, outcome: .fail, findings: ["invalid /items"]),
        EvalCase(name: "a projection over null is missing at the null", rule: "require sum(items[*].v) >= 10",
                 dossier: #"{"items": null}"#, outcome: .missing, findings: ["missing /items"], missing: ["/items"]),
        EvalCase(name: "a projection over an absent list is missing and names the list", rule: "require sum(items[*].v) >= 10",
                 dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/items"]),
        EvalCase(name: "an index on a computed list", rule: "require distinct(nums)[1] == 6",
                 dossier: #"{"nums": [4, 4, 6]}"#, outcome: .pass),
        EvalCase(name: "a projection with in", rule: #"require "x" in items[*].kind"#,
                 dossier: #"{"items": [{"kind": "y"}, {"kind": "x"}]}"#, outcome: .pass),
    ]

    @Test(arguments: projections) func projection(_ c: EvalCase) throws { try run(c) }

    // MARK: let and def

    static let letsAndDefs: [EvalCase] = [
        EvalCase(name: "a let that holds", prelude: "let big = a.b > 100", rule: "require big", dossier: #"{"a": {"b": 150}}"#, outcome: .pass),
        EvalCase(name: "a let that fails blames the value it read", prelude: "let big = a.b > 100", rule: "require big",
                 dossier: #"{"a": {"b": 50}}"#, outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "a let over a missing path is missing", prelude: "let big = a.b > 100", rule: "require big",
                 dossier: #"{"a": {}}"#, outcome: .missing, findings: ["missing /a"], missing: ["/a/b"]),
        EvalCase(name: "a def with parameters and nested calls", prelude: "def pct(x) = x * 100\ndef within(x, lo, hi) = x >= lo and x <= hi",
                 rule: "require within(pct(a.b), 10, 50)", dossier: #"{"a": {"b": 0.2}}"#, outcome: .pass),
        EvalCase(name: "a def that fails blames the argument's value", prelude: "def pct(x) = x * 100\ndef within(x, lo, hi) = x >= lo and x <= hi",
                 rule: "require within(pct(a.b), 10, 50)", dossier: #"{"a": {"b": 0.9}}"#, outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "a def of a missing argument is missing", prelude: "def pct(x) = x * 100\ndef within(x, lo, hi) = x >= lo and x <= hi",
                 rule: "require within(pct(a.b), 10, 50)", dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/a/b"]),
        EvalCase(name: "a def on a loop element", prelude: "def ok(it) = it.v > 0", rule: "for each it in items { require ok(it) }",
                 dossier: #"{"items": [{"v": 1}, {"v": 0}]}"#, outcome: .fail, findings: ["violation /items/1/v"]),
        EvalCase(name: "a def calling a def with a quantifier", prelude: "def pos(x) = x > 0\ndef allpos(xs) = all(x in xs: pos(x.v))",
                 rule: "require allpos(items)", dossier: #"{"items": [{"v": 1}, {"v": -1}]}"#, outcome: .fail, findings: ["violation /items/1/v"]),
        EvalCase(name: "a let with a quantifier blames the failing element", prelude: "let allpos = all(x in items: x.v > 0)", rule: "require allpos",
                 dossier: #"{"items": [{"v": 1}, {"v": -1}]}"#, outcome: .fail, findings: ["violation /items/1/v"]),
    ]

    @Test(arguments: letsAndDefs) func letAndDef(_ c: EvalCase) throws { try run(c) }

    /// A let that reads nothing of the dossier is computed once per
    /// evaluator; one that reads the dossier, even through a constant one,
    /// is computed again for each dossier.
    @Test func constantLetsAreKeptAndOthersAreNot() throws {
        let program = try loadProgram("""
            let limits = [{"zone": "high", "setback": 50}, {"zone": "medium", "setback": 20}]
            let setback = limits[0].setback + (extra ?? 0)
            rule R {
              require distance >= setback and count(limits) == 2
            }
            """)
        let evaluator = Evaluator(program: program, asOf: evalAsOf)
        let outcomes = [#"{"distance": 60}"#, #"{"distance": 60, "extra": 20}"#, #"{"distance": 55}"#, #"{"distance": 40}"#].map {
            outcome(evaluator.check(bytes: Array($0.utf8), path: "d.json"), program)
        }
        #expect(outcomes == [.pass, .fail, .pass, .fail])
    }

    // MARK: for each … where

    static let forEach: [EvalCase] = [
        EvalCase(name: "for each checks every element", rule: "for each it in items { require it.v > 0 }",
                 dossier: #"{"items": [{"v": 1}, {"v": 0}, {}]}"#, outcome: .fail,
                 findings: ["violation /items/1/v", "missing /items/2"], missing: ["/items/2/v"]),
        EvalCase(name: "for each over an empty list passes", rule: "for each it in items { require it.v > 0 }",
                 dossier: #"{"items": []}"#, outcome: .pass),
        EvalCase(name: "where skips the elements it is false for", rule: #"for each it in items where it.kind == "a" { require it.v > 0 }"#,
                 dossier: #"{"items": [{"kind": "a", "v": 1}, {"kind": "b", "v": 0}]}"#, outcome: .pass),
        EvalCase(name: "where unknown gives a missing finding for that element", rule: #"for each it in items where it.kind == "a" { require it.v > 0 }"#,
                 dossier: #"{"items": [{"kind": "a", "v": 1}, {"v": 0}]}"#, outcome: .missing, findings: ["missing /items/1"], missing: ["/items/1/kind"]),
        EvalCase(name: "where on a wrong type is invalid at that value", rule: #"for each it in items where it.kind == "a" { require it.v > 0 }"#,
                 dossier: #"{"items": [{"kind": 5, "v": 1}]}"#, outcome: .fail, findings: ["invalid /items/0/kind"]),
        EvalCase(name: "for each over an absent list is missing", rule: "for each it in items { require it.v > 0 }",
                 dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/items"]),
        EvalCase(name: "for each over null is missing at the null", rule: "for each it in items { require it.v > 0 }",
                 dossier: #"{"items": null}"#, outcome: .missing, findings: ["missing /items"], missing: ["/items"]),
        EvalCase(name: "for each over a non-list is invalid at it", rule: "for each it in items { require it.v > 0 }",
                 dossier: #"{"items": "abc"}"#, outcome: .fail, findings: ["invalid /items"]),
        EvalCase(name: "nested for each blames the inner element", rule: "for each p in plans { for each it in p.items { require it.v > 0 } }",
                 dossier: #"{"plans": [{"items": [{"v": 1}]}, {"items": [{"v": 0}]}]}"#, outcome: .fail, findings: ["violation /plans/1/items/0/v"]),
        EvalCase(name: "inside for each the blame of a value outside the element is the element", rule: "for each it in items { require total > 0 }",
                 dossier: #"{"items": [{}, {}], "total": 0}"#, outcome: .fail, findings: ["violation /items/0", "violation /items/1"]),
        EvalCase(name: "inside for each a missing value outside the element is blamed on the element", rule: "for each it in items { require it.v <= limit }",
                 dossier: #"{"items": [{"v": 1}]}"#, outcome: .missing, findings: ["missing /items/0"], missing: ["/limit"]),
        EvalCase(name: "for each over a projection blames each value", rule: "for each v in items[*].v { require v > 0 }",
                 dossier: #"{"items": [{"v": 1}, {"v": 0}]}"#, outcome: .fail, findings: ["violation /items/1/v"]),
        EvalCase(name: "for each over a list of scalars blames the element", rule: "for each x in nums { require x > 0 }",
                 dossier: #"{"nums": [1, -1, null]}"#, outcome: .fail, findings: ["violation /nums/1", "missing /nums/2"], missing: ["/nums/2"]),
    ]

    @Test(arguments: forEach) func forEachWhere(_ c: EvalCase) throws { try run(c) }

    // MARK: all / any / none / count

    static let quantifiers: [EvalCase] = [
        EvalCase(name: "all true", rule: "require all(x in items: x.v > 0)", dossier: #"{"items": [{"v": 1}, {"v": 2}]}"#, outcome: .pass),
        EvalCase(name: "all false blames the element that is false", rule: "require all(x in items: x.v > 0)",
                 dossier: #"{"items": [{"v": 1}, {"v": 0}]}"#, outcome: .fail, findings: ["violation /items/1/v"]),
        EvalCase(name: "all unknown is missing at the element", rule: "require all(x in items: x.v > 0)",
                 dossier: #"{"items": [{"v": 1}, {}]}"#, outcome: .missing, findings: ["missing /items/1"], missing: ["/items/1/v"]),
        EvalCase(name: "all with one false and one unknown is false", rule: "require all(x in items: x.v > 0)",
                 dossier: #"{"items": [{}, {"v": 0}]}"#, outcome: .fail, findings: ["violation /items/1/v"]),
        EvalCase(name: "all over an empty list is true", rule: "require all(x in items: x.v > 0)", dossier: #"{"items": []}"#, outcome: .pass),
        EvalCase(name: "any true", rule: "require any(x in items: x.v > 5)", dossier: #"{"items": [{"v": 1}, {"v": 9}]}"#, outcome: .pass),
        EvalCase(name: "any false blames the list", rule: "require any(x in items: x.v > 5)",
                 dossier: #"{"items": [{"v": 1}, {"v": 2}]}"#, outcome: .fail, findings: ["violation /items"]),
        EvalCase(name: "any true beats unknown", rule: "require any(x in items: x.v > 5)", dossier: #"{"items": [{}, {"v": 9}]}"#, outcome: .pass),
        EvalCase(name: "any false and unknown is missing", rule: "require any(x in items: x.v > 5)",
                 dossier: #"{"items": [{}, {"v": 1}]}"#, outcome: .missing, findings: ["missing /items/0"], missing: ["/items/0/v"]),
        EvalCase(name: "any over an empty list is false", rule: "require any(x in items: x.v > 5)",
                 dossier: #"{"items": []}"#, outcome: .fail, findings: ["violation /items"]),
        EvalCase(name: "none true", rule: "require none(x in items: x.v < 0)", dossier: #"{"items": [{"v": 1}]}"#, outcome: .pass),
        EvalCase(name: "none false blames the element that matches", rule: "require none(x in items: x.v < 0)",
                 dossier: #"{"items": [{"v": 1}, {"v": -1}]}"#, outcome: .fail, findings: ["violation /items/1/v"]),
        EvalCase(name: "count of true elements", rule: "require count(x in items: x.v > 0) >= 2",
                 dossier: #"{"items": [{"v": 1}, {"v": 2}, {"v": 0}]}"#, outcome: .pass),
        EvalCase(name: "count too low blames the list", rule: "require count(x in items: x.v > 0) >= 2",
                 dossier: #"{"items": [{"v": 1}, {"v": 0}]}"#, outcome: .fail, findings: ["violation /items"]),
        EvalCase(name: "count with an unknown element is missing", rule: "require count(x in items: x.v > 0) >= 2",
                 dossier: #"{"items": [{"v": 1}, {}]}"#, outcome: .missing, findings: ["missing /items/1"], missing: ["/items/1/v"]),
        EvalCase(name: "a quantifier over a string is invalid at it", rule: "require all(x in items: x.v > 0)",
                 dossier: #"{"items": "x"}"#, outcome: .fail, findings: ["invalid /items"]),
        EvalCase(name: "a quantifier over an absent list is missing", rule: "require all(x in items: x.v > 0)",
                 dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/items"]),
        EvalCase(name: "a quantifier over null is missing at the null", rule: "require all(x in items: x.v > 0)",
                 dossier: #"{"items": null}"#, outcome: .missing, findings: ["missing /items"], missing: ["/items"]),
        EvalCase(name: "a quantifier over scalars blames the element", rule: "require all(x in nums: x > 0)",
                 dossier: #"{"nums": [1, -1]}"#, outcome: .fail, findings: ["violation /nums/1"]),
        EvalCase(name: "nested quantifiers blame the outer element that fails", rule: "require all(p in plans: any(i in p.items: i.ok == true))",
                 dossier: #"{"plans": [{"items": [{"ok": true}]}, {"items": [{"ok": false}]}]}"#, outcome: .fail, findings: ["violation /plans/1/items"]),
        EvalCase(name: "not any blames the element that matches", rule: "require not any(x in items: x.v < 0)",
                 dossier: #"{"items": [{"v": 1}, {"v": -1}]}"#, outcome: .fail, findings: ["violation /items/1/v"]),
    ]

    @Test(arguments: quantifiers) func quantifier(_ c: EvalCase) throws { try run(c) }

    // MARK: ??

    static let coalesce: [EvalCase] = [
        EvalCase(name: "?? keeps a present value", rule: "require count(a.l ?? []) >= 1", dossier: #"{"a": {"l": [1]}}"#, outcome: .pass),
        EvalCase(name: "?? falls back for a missing path (a violation, not missing)", rule: "require count(a.l ?? []) >= 1",
                 dossier: #"{"a": {}}"#, outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "?? falls back for null", rule: "require count(a.l ?? []) >= 1",
                 dossier: #"{"a": {"l": null}}"#, outcome: .fail, findings: ["violation /a/l"]),
        EvalCase(name: "?? keeps a present value of the wrong type, which is invalid", rule: "require count(a.l ?? []) >= 1",
                 dossier: #"{"a": {"l": "x"}}"#, outcome: .fail, findings: ["invalid /a/l"]),
        EvalCase(name: "?? falls back for a missing date", rule: "require (date(a.s) ?? 2000-01-01) < 2001-01-01",
                 dossier: #"{"a": {}}"#, outcome: .pass),
        EvalCase(name: "?? does not hide a type error on its left: invalid is not absent", rule: "require (date(a.s) ?? 2000-01-01) < 2001-01-01",
                 dossier: #"{"a": {"s": "garbage"}}"#, outcome: .fail, findings: ["invalid /a/s"]),
        EvalCase(name: "?? with a number fallback", rule: "require (a.b ?? 0) <= 5", dossier: "{}", outcome: .pass),
    ]

    @Test(arguments: coalesce) func coalescing(_ c: EvalCase) throws { try run(c) }

    // MARK: Arithmetic

    static let arithmetic: [EvalCase] = [
        EvalCase(name: "addition", rule: "require a.b + c.d == 5", dossier: #"{"a": {"b": 2}, "c": {"d": 3}}"#, outcome: .pass),
        EvalCase(name: "multiplication and subtraction", rule: "require a.b * 2 - 1 > c.d", dossier: #"{"a": {"b": 2}, "c": {"d": 3}}"#,
                 outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "division", rule: "require a.b / c.d >= 0.5", dossier: #"{"a": {"b": 1}, "c": {"d": 2}}"#, outcome: .pass),
        // Results have 15 significant digits, as in a spreadsheet: a margin met exactly is met.
        EvalCase(name: "a decimal sum meets its bound exactly", rule: "require ground >= tide + 0.3", dossier: #"{"ground": 0.82, "tide": 0.52}"#,
                 outcome: .pass),
        EvalCase(name: "0.1 + 0.2 == 0.3", rule: "require a + b == 0.3", dossier: #"{"a": 0.1, "b": 0.2}"#, outcome: .pass),
        EvalCase(name: "a decimal difference and product are exact", rule: "require 1 - a == 0.1 and a * 100 == 90", dossier: #"{"a": 0.9}"#,
                 outcome: .pass),
        EvalCase(name: "a decimal sum just under its bound still fails", rule: "require ground >= tide + 0.3", dossier: #"{"ground": 0.8199, "tide": 0.52}"#,
                 outcome: .fail, findings: ["violation /ground"]),
        EvalCase(name: "tiny and huge results keep their precision", rule: "require a + a == 2e-20 and b + 1 == 9007199254740992",
                 dossier: #"{"a": 1e-20, "b": 9007199254740991}"#, outcome: .pass),
        EvalCase(name: "division by zero is invalid at the divisor", rule: "require a.b / c.d >= 0.5", dossier: #"{"a": {"b": 1}, "c": {"d": 0}}"#,
                 outcome: .fail, findings: ["invalid /c/d"]),
        EvalCase(name: "arithmetic on a missing operand is missing", rule: "require a.b / c.d >= 0.5", dossier: #"{"a": {"b": 1}}"#,
                 outcome: .missing, findings: ["missing <root>"], missing: ["/c/d"]),
        EvalCase(name: "arithmetic on a string is invalid at the string", rule: "require a.b + c.d == 5", dossier: #"{"a": {"b": "2"}, "c": {"d": 3}}"#,
                 outcome: .fail, findings: ["invalid /a/b"]),
        EvalCase(name: "arithmetic on null is missing at the null", rule: "require a.b + c.d == 5", dossier: #"{"a": {"b": null}, "c": {"d": 3}}"#,
                 outcome: .missing, findings: ["missing /a/b"], missing: ["/a/b"]),
        EvalCase(name: "negation", rule: "require -a.b < 0", dossier: #"{"a": {"b": 3}}"#, outcome: .pass),
        EvalCase(name: "negation of a string is invalid", rule: "require -a.b < 0", dossier: #"{"a": {"b": "3"}}"#, outcome: .fail, findings: ["invalid /a/b"]),
    ]

    @Test(arguments: arithmetic) func arithmeticOperators(_ c: EvalCase) throws { try run(c) }

    // MARK: Comparisons

    static let vietnamese = "Nhà máy xử lý nước thải"

    static let comparisons: [EvalCase] = [
        EvalCase(name: "a string \"1.200\" compared with a number is invalid at the string", rule: "require a.b > 1000",
                 dossier: #"{"a": {"b": "1.200"}}"#, outcome: .fail, findings: ["invalid /a/b"]),
        EvalCase(name: "a number compared with a string \"1.200\" is invalid at the string", rule: "require 1000 < a.b",
                 dossier: #"{"a": {"b": "1.200"}}"#, outcome: .fail, findings: ["invalid /a/b"]),
        EvalCase(name: "a schema number holding a string is invalid, never coerced", prelude: "schema { a?: { b?: number } }", rule: "require a.b > 1000",
                 dossier: #"{"a": {"b": "1200"}}"#, outcome: .fail, findings: ["invalid /a/b"]),
        EvalCase(name: "== between a string and a number is invalid", rule: "require a.b == 1200",
                 dossier: #"{"a": {"b": "1200"}}"#, outcome: .fail, findings: ["invalid /a/b"]),
        EvalCase(name: "strings order by Unicode scalars", rule: #"require a.s < "b""#, dossier: #"{"a": {"s": "a"}}"#, outcome: .pass),
        EvalCase(name: "strings order by Unicode scalars (false)", rule: #"require a.s < "b""#, dossier: #"{"a": {"s": "c"}}"#,
                 outcome: .fail, findings: ["violation /a/s"]),
        EvalCase(name: "an NFD Vietnamese phrase equals its NFC form with ==", rule: "require name == \"\(vietnamese)\"",
                 dossier: "{\"name\": \"\(nfd(vietnamese))\"}", outcome: .pass),
        EvalCase(name: "an NFD Vietnamese phrase is not != its NFC form", rule: "require name != \"\(vietnamese)\"",
                 dossier: "{\"name\": \"\(nfd(vietnamese))\"}", outcome: .fail, findings: ["violation /name"]),
        EvalCase(name: "an NFD Vietnamese phrase orders as its NFC form", rule: "require name <= \"\(vietnamese)\" and name >= \"\(vietnamese)\"",
                 dossier: "{\"name\": \"\(nfd(vietnamese))\"}", outcome: .pass),
        EvalCase(name: "numbers beyond 2^53 compare exactly (greater)", rule: "require a.b > c.d",
                 dossier: #"{"a": {"b": 9007199254740993}, "c": {"d": 9007199254740992}}"#, outcome: .pass),
        EvalCase(name: "numbers beyond 2^53 compare exactly (not greater)", rule: "require a.b > c.d",
                 dossier: #"{"a": {"b": 9007199254740992}, "c": {"d": 9007199254740993}}"#, outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "numbers beyond 2^53 compare exactly (==)", rule: "require a.b == c.d",
                 dossier: #"{"a": {"b": 9007199254740993}, "c": {"d": 9007199254740992}}"#, outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "a number beyond 2^53 against a literal", rule: "require a.b > 9007199254740992",
                 dossier: #"{"a": {"b": 9007199254740993}}"#, outcome: .pass),
        EvalCase(name: "negative numbers beyond 2^53", rule: "require a.b < c.d",
                 dossier: #"{"a": {"b": -9007199254740993}, "c": {"d": -9007199254740992}}"#, outcome: .pass),
        EvalCase(name: "a computed list equals a dossier list element by element", rule: "require distinct(tags) == tags",
                 dossier: #"{"tags": ["a", "b"]}"#, outcome: .pass),
        EvalCase(name: "a computed list differs from a dossier list with a repeat", rule: "require distinct(tags) == tags",
                 dossier: #"{"tags": ["a", "a"]}"#, outcome: .fail, findings: ["violation /tags"]),
        EvalCase(name: "a dossier list equals a literal list", rule: #"require tags == ["a", "b"]"#,
                 dossier: #"{"tags": ["a", "b"]}"#, outcome: .pass),
        EvalCase(name: "a bool compared with a bool", rule: "require a.ok == true", dossier: #"{"a": {"ok": false}}"#,
                 outcome: .fail, findings: ["violation /a/ok"]),
    ]

    @Test(arguments: comparisons) func comparison(_ c: EvalCase) throws { try run(c) }

    // MARK: Dates

    static let schemaDate = "schema { submitted_on?: date }"

    static let dates: [EvalCase] = [
        EvalCase(name: "a schema date in DD/MM/YYYY compares with a date literal", prelude: schemaDate, rule: "require submitted_on >= 2024-07-09",
                 dossier: #"{"submitted_on": "09/07/2024"}"#, outcome: .pass),
        EvalCase(name: "a schema date in DD/MM/YYYY before the literal is a violation", prelude: schemaDate, rule: "require submitted_on >= 2024-07-09",
                 dossier: #"{"submitted_on": "08/07/2024"}"#, outcome: .fail, findings: ["violation /submitted_on"]),
        EvalCase(name: "a schema date in YYYY-MM-DD", prelude: schemaDate, rule: "require submitted_on >= 2024-07-09",
                 dossier: #"{"submitted_on": "2024-07-10"}"#, outcome: .pass),
        EvalCase(name: "a schema date in another format is invalid at it", prelude: schemaDate, rule: "require submitted_on >= 2024-07-09",
                 dossier: #"{"submitted_on": "2024/07/09"}"#, outcome: .fail, findings: ["invalid /submitted_on"]),
        EvalCase(name: "a schema date that is not a calendar date is invalid", prelude: schemaDate, rule: "require submitted_on >= 2024-07-09",
                 dossier: #"{"submitted_on": "31/02/2024"}"#, outcome: .fail, findings: ["invalid /submitted_on"]),
        EvalCase(name: "a schema date holding a number is invalid", prelude: schemaDate, rule: "require submitted_on >= 2024-07-09",
                 dossier: #"{"submitted_on": 20240709}"#, outcome: .fail, findings: ["invalid /submitted_on"]),
        EvalCase(name: "an absent schema date is missing", prelude: schemaDate, rule: "require submitted_on >= 2024-07-09",
                 dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/submitted_on"]),
        EvalCase(name: "a schema date == null tests for null (not read as a date)", prelude: schemaDate, rule: "require submitted_on == null",
                 dossier: #"{"submitted_on": null}"#, outcome: .pass),
        EvalCase(name: "a schema date != null holds for a date", prelude: schemaDate, rule: "require submitted_on != null",
                 dossier: #"{"submitted_on": "09/07/2024"}"#, outcome: .pass),
        EvalCase(name: "a null schema date compared with a date is missing at the null", prelude: schemaDate, rule: "require submitted_on >= 2024-07-09",
                 dossier: #"{"submitted_on": null}"#, outcome: .missing, findings: ["missing /submitted_on"], missing: ["/submitted_on"]),
        EvalCase(name: "a schema date against a date string literal", prelude: schemaDate, rule: #"require submitted_on <= "2024-07-09""#,
                 dossier: #"{"submitted_on": "09/07/2024"}"#, outcome: .pass),
        EvalCase(name: "two schema dates in different formats", prelude: "schema { a?: date, b?: date }", rule: "require a < b",
                 dossier: #"{"a": "31/12/2024", "b": "2025-01-01"}"#, outcome: .pass),
        EvalCase(name: "a schema date against today()", prelude: schemaDate, rule: "require submitted_on <= today()",
                 dossier: #"{"submitted_on": "30/11/2026"}"#, outcome: .fail, findings: ["violation /submitted_on"]),
        EvalCase(name: "date() reads DD/MM/YYYY", rule: "require date(d) >= 2024-07-09", dossier: #"{"d": "09/07/2024"}"#, outcome: .pass),
        EvalCase(name: "date() before the literal", rule: "require date(d) >= 2024-07-09", dossier: #"{"d": "2024-07-08"}"#,
                 outcome: .fail, findings: ["violation /d"]),
        EvalCase(name: "date() of a non-date is invalid", rule: "require date(d) >= 2024-07-09", dossier: #"{"d": "nope"}"#,
                 outcome: .fail, findings: ["invalid /d"]),
        EvalCase(name: "date() of a missing field is missing", rule: "require date(d) >= 2024-07-09", dossier: "{}",
                 outcome: .missing, findings: ["missing <root>"], missing: ["/d"]),
        EvalCase(name: "two dossier dates in both formats via date()", rule: "require date(a) <= date(b)",
                 dossier: #"{"a": "09/07/2024", "b": "2024-07-10"}"#, outcome: .pass),
        EvalCase(name: "a field compared with a date literal is read as a date without a schema", rule: "require d == 2024-07-09",
                 dossier: #"{"d": "09/07/2024"}"#, outcome: .pass),
    ]

    @Test(arguments: dates) func date(_ c: EvalCase) throws { try run(c) }

    // MARK: in / not in

    static let membership: [EvalCase] = [
        EvalCase(name: "in a literal list", rule: #"require a.t in ["x", "y"]"#, dossier: #"{"a": {"t": "y"}}"#, outcome: .pass),
        EvalCase(name: "not in a literal list is a violation at the value", rule: #"require a.t in ["x", "y"]"#, dossier: #"{"a": {"t": "z"}}"#,
                 outcome: .fail, findings: ["violation /a/t"]),
        EvalCase(name: "in with a missing value is missing", rule: #"require a.t in ["x", "y"]"#, dossier: #"{"a": {}}"#,
                 outcome: .missing, findings: ["missing /a"], missing: ["/a/t"]),
        EvalCase(name: "in with a null value is missing", rule: #"require a.t in ["x", "y"]"#, dossier: #"{"a": {"t": null}}"#,
                 outcome: .missing, findings: ["missing /a/t"], missing: ["/a/t"]),
        EvalCase(name: "a number in a list of strings is invalid", rule: #"require a.t in ["x", "y"]"#, dossier: #"{"a": {"t": 3}}"#,
                 outcome: .fail, findings: ["invalid /a/t"]),
        EvalCase(name: "not in", rule: #"require a.t not in ["x"]"#, dossier: #"{"a": {"t": "y"}}"#, outcome: .pass),
        EvalCase(name: "not in (false)", rule: #"require a.t not in ["x"]"#, dossier: #"{"a": {"t": "x"}}"#, outcome: .fail, findings: ["violation /a/t"]),
        EvalCase(name: "not in with a missing value is missing", rule: #"require a.t not in ["x"]"#, dossier: "{}",
                 outcome: .missing, findings: ["missing <root>"], missing: ["/a/t"]),
        EvalCase(name: "in a dossier list", rule: #"require "x" in a.tags"#, dossier: #"{"a": {"tags": ["y", "x"]}}"#, outcome: .pass),
        EvalCase(name: "in a dossier list (false) blames the list", rule: #"require "x" in a.tags"#, dossier: #"{"a": {"tags": ["y"]}}"#,
                 outcome: .fail, findings: ["violation /a/tags"]),
        EvalCase(name: "in a null list is missing at the null", rule: #"require "x" in a.tags"#, dossier: #"{"a": {"tags": null}}"#,
                 outcome: .missing, findings: ["missing /a/tags"], missing: ["/a/tags"]),
        EvalCase(name: "in a number is invalid at it", rule: #"require "x" in a.tags"#, dossier: #"{"a": {"tags": 5}}"#,
                 outcome: .fail, findings: ["invalid /a/tags"]),
        EvalCase(name: "in a string is a substring test", rule: #"require "máy" in name"#, dossier: #"{"name": "Nhà máy"}"#, outcome: .pass),
        EvalCase(name: "in a string is canonical (NFD text)", rule: #"require "máy" in name"#, dossier: "{\"name\": \"\(nfd("Nhà máy"))\"}", outcome: .pass),
        EvalCase(name: "an NFD value in a list of NFC strings", rule: "require name in [\"\(vietnamese)\", \"x\"]",
                 dossier: "{\"name\": \"\(nfd(vietnamese))\"}", outcome: .pass),
    ]

    @Test(arguments: membership) func inAndNotIn(_ c: EvalCase) throws { try run(c) }

    // MARK: Kleene logic

    static let kleene: [EvalCase] = [
        EvalCase(name: "false and unknown is a violation", rule: "require a.b > 0 and c.d > 0", dossier: #"{"a": {"b": 0}}"#,
                 outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "unknown and false is a violation at the false side", rule: "require a.b > 0 and c.d > 0", dossier: #"{"c": {"d": 0}}"#,
                 outcome: .fail, findings: ["violation /c/d"]),
        EvalCase(name: "true and unknown is missing", rule: "require a.b > 0 and c.d > 0", dossier: #"{"a": {"b": 1}}"#,
                 outcome: .missing, findings: ["missing <root>"], missing: ["/c/d"]),
        EvalCase(name: "true and false blames the false side", rule: "require a.b > 0 and c.d > 0", dossier: #"{"a": {"b": 1}, "c": {"d": 0}}"#,
                 outcome: .fail, findings: ["violation /c/d"]),
        EvalCase(name: "true or unknown passes", rule: "require a.b > 0 or c.d > 0", dossier: #"{"a": {"b": 1}}"#, outcome: .pass),
        EvalCase(name: "unknown or true passes", rule: "require a.b > 0 or c.d > 0", dossier: #"{"c": {"d": 1}}"#, outcome: .pass),
        EvalCase(name: "false or unknown is missing", rule: "require a.b > 0 or c.d > 0", dossier: #"{"a": {"b": 0}}"#,
                 outcome: .missing, findings: ["missing <root>"], missing: ["/c/d"]),
        EvalCase(name: "false or false is a violation", rule: "require a.b > 0 or c.d > 0", dossier: #"{"a": {"b": 0}, "c": {"d": 0}}"#,
                 outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "not of unknown is unknown", rule: "require not (a.b > 0)", dossier: "{}",
                 outcome: .missing, findings: ["missing <root>"], missing: ["/a/b"]),
        EvalCase(name: "not of true is a violation", rule: "require not (a.b > 0)", dossier: #"{"a": {"b": 1}}"#,
                 outcome: .fail, findings: ["violation /a/b"]),
        EvalCase(name: "invalid and false is false", rule: "require a.b > 0 and c.d > 0", dossier: #"{"a": {"b": "x"}, "c": {"d": 0}}"#,
                 outcome: .fail, findings: ["violation /c/d"]),
        EvalCase(name: "invalid or true is true", rule: "require a.b > 0 or c.d > 0", dossier: #"{"a": {"b": "x"}, "c": {"d": 1}}"#, outcome: .pass),
        EvalCase(name: "invalid and true is invalid", rule: "require a.b > 0 and c.d > 0", dossier: #"{"a": {"b": "x"}, "c": {"d": 1}}"#,
                 outcome: .fail, findings: ["invalid /a/b"]),
        EvalCase(name: "a non-boolean value as a condition is invalid", rule: "require a.ok", dossier: #"{"a": {"ok": "yes"}}"#,
                 outcome: .fail, findings: ["invalid /a/ok"]),
    ]

    @Test(arguments: kleene) func kleeneLogic(_ c: EvalCase) throws { try run(c) }

    // MARK: when / require

    static let when: [EvalCase] = [
        EvalCase(name: "when false: not applicable", rule: "when a.kind == \"x\"\nrequire a.v > 0", dossier: #"{"a": {"kind": "y", "v": 0}}"#,
                 outcome: .notApplicable),
        EvalCase(name: "when true: the body runs", rule: "when a.kind == \"x\"\nrequire a.v > 0", dossier: #"{"a": {"kind": "x", "v": 0}}"#,
                 outcome: .fail, findings: ["violation /a/v"]),
        EvalCase(name: "when true and the body holds: pass", rule: "when a.kind == \"x\"\nrequire a.v > 0", dossier: #"{"a": {"kind": "x", "v": 1}}"#,
                 outcome: .pass),
        EvalCase(name: "a missing when field gives missing, not pass", rule: "when a.kind == \"x\"\nrequire a.v > 0", dossier: #"{"a": {"v": 1}}"#,
                 outcome: .missing, findings: ["missing /a"], missing: ["/a/kind"]),
        EvalCase(name: "a null when field gives missing, not a silent skip", rule: "when a.kind == \"x\"\nrequire a.v > 0", dossier: #"{"a": {"kind": null, "v": 1}}"#,
                 outcome: .missing, findings: ["missing /a/kind"], missing: ["/a/kind"]),
        EvalCase(name: "when unknown: the body is not run", rule: "when a.kind == \"x\"\nrequire a.v > 0", dossier: #"{"a": {"v": 0}}"#,
                 outcome: .missing, findings: ["missing /a"], missing: ["/a/kind"]),
        // Undecidable, not a violation: cannot tell (never pass, never not_applicable).
        EvalCase(name: "when on a wrong type cannot tell", rule: "when a.kind > 5\nrequire a.v > 0", dossier: #"{"a": {"kind": "x", "v": 1}}"#,
                 outcome: .missing, findings: ["invalid /a/kind"]),
        EvalCase(name: "several requires each give their finding", rule: "require a.v > 0\nrequire a.w > 0\nrequire a.x > 0",
                 dossier: #"{"a": {"v": 0, "x": 1}}"#, outcome: .fail, findings: ["violation /a/v", "missing /a"], missing: ["/a/w"]),
        EvalCase(name: "a rule with only missing findings is missing", rule: "require a.v > 0\nrequire a.w > 0",
                 dossier: #"{"a": {"v": 1}}"#, outcome: .missing, findings: ["missing /a"], missing: ["/a/w"]),
    ]

    @Test(arguments: when) func whenAndRequire(_ c: EvalCase) throws { try run(c) }

    // MARK: effective from / until

    static let dated = "ruleset t { date_field submitted_on }"

    static let effective: [EvalCase] = [
        EvalCase(name: "submitted before `effective from`: not applicable", prelude: dated, rule: "effective from 2025-01-01\nrequire a > 0",
                 dossier: #"{"submitted_on": "2024-12-31", "a": 0}"#, outcome: .notApplicable),
        EvalCase(name: "submitted on the `effective from` day: the rule applies", prelude: dated, rule: "effective from 2025-01-01\nrequire a > 0",
                 dossier: #"{"submitted_on": "2025-01-01", "a": 0}"#, outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "a DD/MM/YYYY date_field before `effective from`", prelude: dated, rule: "effective from 2025-01-01\nrequire a > 0",
                 dossier: #"{"submitted_on": "31/12/2024", "a": 0}"#, outcome: .notApplicable),
        EvalCase(name: "submitted after `effective until`: not applicable", prelude: dated, rule: "effective until 2025-06-30\nrequire a > 0",
                 dossier: #"{"submitted_on": "2025-07-01", "a": 0}"#, outcome: .notApplicable),
        EvalCase(name: "submitted on the `effective until` day: the rule no longer applies (until is the successor's first day)", prelude: dated, rule: "effective until 2025-06-30\nrequire a > 0",
                 dossier: #"{"submitted_on": "30/06/2025", "a": 0}"#, outcome: .notApplicable),
        EvalCase(name: "submitted the day before `effective until`: the rule applies", prelude: dated, rule: "effective until 2025-06-30\nrequire a > 0",
                 dossier: #"{"submitted_on": "29/06/2025", "a": 0}"#, outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "between from and until: the rule applies", prelude: dated, rule: "effective from 2025-01-01 until 2025-12-31\nrequire a > 0",
                 dossier: #"{"submitted_on": "2025-05-05", "a": 1}"#, outcome: .pass),
        EvalCase(name: "no date_field value: the rules in force on the as-of date apply", prelude: dated,
                 rule: "effective from 2025-01-01\nrequire a > 0", dossier: #"{"a": 0}"#, outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "no date_field value: a rule not yet in force on the as-of date does not apply", prelude: dated,
                 rule: "effective from 2027-01-01\nrequire a > 0", dossier: #"{"a": 0}"#, outcome: .notApplicable),
        EvalCase(name: "a null date_field counts as absent: the as-of date decides", prelude: dated,
                 rule: "effective until 2026-01-01\nrequire a > 0", dossier: #"{"submitted_on": null, "a": 0}"#, outcome: .notApplicable),
        EvalCase(name: "without a date_field declaration the as-of date decides", rule: "effective from 2027-01-01\nrequire a > 0",
                 dossier: #"{"submitted_on": "2028-01-01", "a": 0}"#, outcome: .notApplicable),
        EvalCase(name: "a nested date_field", prelude: "ruleset t { date_field meta.submitted }", rule: "effective from 2025-01-01\nrequire a > 0",
                 dossier: #"{"meta": {"submitted": "2024-01-01"}, "a": 0}"#, outcome: .notApplicable),
    ]

    @Test(arguments: effective) func effectiveDates(_ c: EvalCase) throws { try run(c) }
}
