import Foundation
import Testing

// The newer forms of the language (Rules/NEW-FORMS.md), construct by construct, as in
// EvalSemanticsTests: type tests, `if … then … else`, comprehensions, the
// position in `for each`, raw strings, and integer literals beyond 2^53.

@Suite("Evaluation: new forms")
struct EvalNewFormsTests {
    // MARK: Type tests

    static let typeTests: [EvalCase] = [
        EvalCase(name: "is_number of a number", rule: "require is_number(a)", dossier: #"{"a": 1.5}"#, outcome: .pass),
        EvalCase(name: "is_number of a number written as a string is false", rule: "require is_number(a)", dossier: #"{"a": "1.200"}"#,
                 outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "is_number of an absent field is false, never missing", rule: "require is_number(a.b)", dossier: #"{"a": {}}"#,
                 outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "is_number of a null is false", rule: "require is_number(a)", dossier: #"{"a": null}"#,
                 outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "is_string of a string", rule: "require is_string(a) and not is_string(b)", dossier: #"{"a": "x", "b": 1}"#, outcome: .pass),
        EvalCase(name: "is_bool of true and false", rule: "require is_bool(a) and is_bool(b) and not is_bool(c)", dossier: #"{"a": true, "b": false, "c": "true"}"#, outcome: .pass),
        EvalCase(name: "is_list of an array and of a computed list", rule: "require is_list(a) and is_list([1]) and not is_list(b)", dossier: #"{"a": [], "b": {}}"#, outcome: .pass),
        EvalCase(name: "is_object of an object and of an object literal", rule: #"require is_object(b) and is_object({"k": 1}) and not is_object(a)"#, dossier: #"{"a": [], "b": {}}"#, outcome: .pass),
        EvalCase(name: "is_null is true for a null", rule: "require is_null(a)", dossier: #"{"a": null}"#, outcome: .pass),
        EvalCase(name: "is_null is false for an absent field", rule: "require is_null(a)", dossier: "{}", outcome: .fail, findings: ["violation <root>"]),
        EvalCase(name: "is_null is false for a value", rule: "require is_null(a)", dossier: #"{"a": 0}"#, outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "a type test of an invalid value is false, not invalid", rule: "require not is_number(a + 1)", dossier: #"{"a": "x"}"#, outcome: .pass),
        EvalCase(name: "a type test guards a comparison", rule: "require is_number(a) and a > 1", dossier: #"{"a": "5"}"#,
                 outcome: .fail, findings: ["violation /a"]),
    ]

    @Test(arguments: typeTests) func typeTest(_ c: EvalCase) throws { try run(c) }

    // MARK: if … then … else

    static let conditionals: [EvalCase] = [
        EvalCase(name: "a true condition takes the then branch", rule: "require (if a > 1 then b else c) == 1", dossier: #"{"a": 2, "b": 1, "c": 0}"#, outcome: .pass),
        EvalCase(name: "a false condition takes the else branch", rule: "require (if a > 1 then b else c) == 1", dossier: #"{"a": 0, "b": 1, "c": 0}"#,
                 outcome: .fail, findings: ["violation /c"]),
        EvalCase(name: "the branch not taken is not read", rule: "require (if a > 1 then b else c) == 1", dossier: #"{"a": 2, "b": 1}"#, outcome: .pass),
        EvalCase(name: "an unknown condition is unknown with its missing paths", rule: "require (if a > 1 then b else c) == 1", dossier: #"{"b": 1, "c": 1}"#,
                 outcome: .missing, findings: ["missing <root>"], missing: ["/a"]),
        EvalCase(name: "a null condition is unknown", rule: "require if a then b == 1 else true", dossier: #"{"a": null, "b": 1}"#,
                 outcome: .missing, findings: ["missing /a"], missing: ["/a"]),
        EvalCase(name: "an invalid condition is invalid", rule: "require (if a > 1 then b else c) == 1", dossier: #"{"a": "x", "b": 1, "c": 1}"#,
                 outcome: .fail, findings: ["invalid /a"]),
        EvalCase(name: "a condition that is not a bool is invalid", rule: "require if a then true else true", dossier: #"{"a": 3}"#,
                 outcome: .fail, findings: ["invalid /a"]),
        EvalCase(name: "the chosen branch's missing value is missing", rule: "require (if a then b else 0) > 0", dossier: #"{"a": true}"#,
                 outcome: .missing, findings: ["missing <root>"], missing: ["/b"]),
        EvalCase(name: "a conditional as a condition", rule: #"require if kind == "dam" then height < 15 else true"#, dossier: #"{"kind": "dam", "height": 20}"#,
                 outcome: .fail, findings: ["violation /height"]),
    ]

    @Test(arguments: conditionals) func conditional(_ c: EvalCase) throws { try run(c) }

    // MARK: Comprehensions

    static let comprehensions: [EvalCase] = [
        EvalCase(name: "sum over the elements a where keeps", rule: "require sum(it.b for it in items where is_number(it.b)) == 5",
                 dossier: #"{"items": [{"b": 2}, {"b": "n/a"}, {"b": 3}, {}]}"#, outcome: .pass),
        EvalCase(name: "count with where", rule: "require count(it for it in items where it.b > 1) == 2",
                 dossier: #"{"items": [{"b": 2}, {"b": 1}, {"b": 3}]}"#, outcome: .pass),
        EvalCase(name: "min and max of a filtered list", rule: "require min(x for x in xs where x > 0) == 2 and max(x for x in xs where x < 9) == 5",
                 dossier: #"{"xs": [0, 2, 5, 9]}"#, outcome: .pass),
        EvalCase(name: "distinct of mapped values", rule: #"require count(distinct(it.k for it in items)) == 2"#,
                 dossier: #"{"items": [{"k": "a"}, {"k": "b"}, {"k": "a"}]}"#, outcome: .pass),
        EvalCase(name: "a bracketed comprehension is a list anywhere", rule: #"require "b" in [it.k for it in items where it.n > 0]"#,
                 dossier: #"{"items": [{"k": "a", "n": 0}, {"k": "b", "n": 1}]}"#, outcome: .pass),
        EvalCase(name: "nothing kept: an empty list", rule: "require count([x for x in xs where x > 10]) == 0 and sum(x for x in xs where x > 10) == 0",
                 dossier: #"{"xs": [1, 2]}"#, outcome: .pass),
        EvalCase(name: "a where that is unknown for an element makes the result unknown", rule: "require count(it for it in items where it.b > 1) == 1",
                 dossier: #"{"items": [{"b": 2}, {}]}"#, outcome: .missing, findings: ["missing /items/1"], missing: ["/items/1/b"]),
        EvalCase(name: "a where that is invalid for an element makes the result invalid", rule: "require count(it for it in items where it.b > 1) == 1",
                 dossier: #"{"items": [{"b": 2}, {"b": "x"}]}"#, outcome: .fail, findings: ["invalid /items/1/b"]),
        EvalCase(name: "an invalid where after an unknown one makes the result invalid", rule: "require count(it for it in items where it.b > 1) == 1",
                 dossier: #"{"items": [{}, {"b": "x"}]}"#, outcome: .fail, findings: ["invalid /items/1/b"]),
        EvalCase(name: "every element whose where is unknown is named", rule: "require count(it for it in items where it.b > 1) == 1",
                 dossier: #"{"items": [{}, {"b": 2}, {}]}"#, outcome: .missing, findings: ["missing /items/0"], missing: ["/items/0/b", "/items/2/b"]),
        EvalCase(name: "a kept element that is missing makes sum missing", rule: "require sum(it.b for it in items) >= 0",
                 dossier: #"{"items": [{"b": 2}, {}]}"#, outcome: .missing, findings: ["missing /items/1"], missing: ["/items/1/b"]),
        EvalCase(name: "a kept element of the wrong type makes sum invalid", rule: "require sum(it.b for it in items) >= 0",
                 dossier: #"{"items": [{"b": 2}, {"b": "3"}]}"#, outcome: .fail, findings: ["invalid /items/1/b"]),
        EvalCase(name: "a comprehension over an absent list is missing", rule: "require sum(it.b for it in items) >= 0",
                 dossier: "{}", outcome: .missing, findings: ["missing <root>"], missing: ["/items"]),
        EvalCase(name: "a comprehension over null is missing", rule: "require count(it for it in items) >= 0",
                 dossier: #"{"items": null}"#, outcome: .missing, findings: ["missing /items"], missing: ["/items"]),
        EvalCase(name: "a comprehension over a non-list is invalid", rule: "require count(it for it in items) >= 0",
                 dossier: #"{"items": "abc"}"#, outcome: .fail, findings: ["invalid /items"]),
        // As for `sum(items[*].b)`: the list is blamed.
        EvalCase(name: "a failing aggregate over a comprehension is a violation at the list", rule: "require sum(it.b for it in items where it.b > 0) <= 4",
                 dossier: #"{"items": [{"b": 2}, {"b": 3}]}"#, outcome: .fail, findings: ["violation /items"]),
        EvalCase(name: "nested comprehensions", rule: "require sum(sum(y for y in x.ys) for x in xs) == 6",
                 dossier: #"{"xs": [{"ys": [1, 2]}, {"ys": [3]}]}"#, outcome: .pass),
    ]

    @Test(arguments: comprehensions) func comprehension(_ c: EvalCase) throws { try run(c) }

    // MARK: for each with the element's position

    static let positions: [EvalCase] = [
        EvalCase(name: "the position starts at 1", rule: "for each it, i in items { require it.v == i }",
                 dossier: #"{"items": [{"v": 1}, {"v": 2}, {"v": 5}]}"#, outcome: .fail, findings: ["violation /items/2/v"]),
        EvalCase(name: "the position counts the elements where skips", rule: "for each it, i in items where it.on { require it.v == i }",
                 dossier: #"{"items": [{"on": false, "v": 9}, {"on": true, "v": 2}]}"#, outcome: .pass),
        EvalCase(name: "the position in where", rule: "for each it, i in items where i > 1 { require it.v > 0 }",
                 dossier: #"{"items": [{"v": 0}, {"v": 1}]}"#, outcome: .pass),
        EvalCase(name: "nested loops have positions of their own", rule: "for each p, i in ps { for each q, j in p.qs { require q == i * 10 + j } }",
                 dossier: #"{"ps": [{"qs": [11, 12]}, {"qs": [21]}]}"#, outcome: .pass),
    ]

    @Test(arguments: positions) func position(_ c: EvalCase) throws { try run(c) }

    @Test func thePositionIsInTheMessage() throws {
        let p = try loadProgram("""
            rule R {
              for each it, i in items {
                require it.v > 0 else vi "Hạng mục thứ {i}: {it.v}" en "Item {i}: {it.v}"
              }
            }
            """)
        let r = checkDossier(p, #"{"items": [{"v": 1}, {"v": 0}]}"#)
        #expect(r.findings.map { $0.message("vi") } == ["Hạng mục thứ 2: 0"])
        #expect(r.findings.map { $0.message("en") } == ["Item 2: 0"])
    }

    // MARK: Raw strings

    static let rawStrings: [EvalCase] = [
        EvalCase(name: "a raw pattern keeps its repetition braces", rule: "require matches(id, `^CT-[0-9]{4}-[0-9]{4}$`)",
                 dossier: #"{"id": "CT-2025-0087"}"#, outcome: .pass),
        EvalCase(name: "a raw pattern that does not match", rule: "require matches(id, `^CT-[0-9]{4}-[0-9]{4}$`)",
                 dossier: #"{"id": "CT-25-0087"}"#, outcome: .fail, findings: ["violation /id"]),
        EvalCase(name: "a raw string equals the same ordinary string", rule: #"require `a{b}\c` == "a{{b}}\\c""#, dossier: "{}", outcome: .pass),
        EvalCase(name: "a raw string in a list", rule: "require kind in [`dam`, `dyke`]", dossier: #"{"kind": "dyke"}"#, outcome: .pass),
    ]

    @Test(arguments: rawStrings) func rawString(_ c: EvalCase) throws { try run(c) }

    @Test func aRawMessageIsNotInterpolated() throws {
        let p = try loadProgram("rule R {\n  require false else en `{x} as written`\n}")
        let f = try #require(checkDossier(p, #"{"x": 1}"#).findings.first)
        #expect(f.message("en") == "{x} as written")
    }

    // MARK: Integer literals beyond 2^53

    static let bigIntegers: [EvalCase] = [
        EvalCase(name: "a rule literal beyond 2^53 equals that integer in the dossier", rule: "require a == 9007199254740993",
                 dossier: #"{"a": 9007199254740993}"#, outcome: .pass),
        EvalCase(name: "the integer next to it is not equal", rule: "require a == 9007199254740993",
                 dossier: #"{"a": 9007199254740992}"#, outcome: .fail, findings: ["violation /a"]),
        EvalCase(name: "underscores in a big literal", rule: "require a == 9_007_199_254_740_993", dossier: #"{"a": 9007199254740993}"#, outcome: .pass),
        EvalCase(name: "a negative big literal", rule: "require a == -9007199254740993 and a < -9007199254740992",
                 dossier: #"{"a": -9007199254740993}"#, outcome: .pass),
        EvalCase(name: "ordering by digits", rule: "require a > 12345678901234567890 and a < 12345678901234567892",
                 dossier: #"{"a": 12345678901234567891}"#, outcome: .pass),
        EvalCase(name: "a big literal in a list", rule: "require a in [9007199254740993, 1]", dossier: #"{"a": 9007199254740993}"#, outcome: .pass),
        EvalCase(name: "a big literal not in a list", rule: "require a not in [9007199254740993]", dossier: #"{"a": 9007199254740995}"#, outcome: .pass),
        EvalCase(name: "two big literals", rule: "require 9007199254740993 != 9007199254740992", dossier: "{}", outcome: .pass),
        EvalCase(name: "a big literal against a fraction compares as numbers", rule: "require a < 9007199254740993", dossier: #"{"a": 0.5}"#, outcome: .pass),
    ]

    @Test(arguments: bigIntegers) func bigInteger(_ c: EvalCase) throws { try run(c) }

    @Test func aBigLiteralIsRenderedWithItsDigits() throws {
        let p = try loadProgram("let big = 9007199254740993\nrule R {\n  require a == big else en \"{a} is not {big}\"\n}")
        let f = try #require(checkDossier(p, #"{"a": 1}"#).findings.first)
        #expect(f.message("en") == "1 is not 9,007,199,254,740,993")
    }
}
