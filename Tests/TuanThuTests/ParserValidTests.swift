import Base
import Diagnostics
@testable import Syntax
import Testing

/// Snippets that must parse with no diagnostic and no `.bad` node: one per
/// production of the grammar (Rules/README.md section 2), and its variants.
let validSources: [String] = [
    // file = { decl } ;
    "",
    "// only a comment\n",
    "\u{FEFF}let a = 1",
    "let a = 1\r\nlet b = 2\r\n",
    // ruleset
    "ruleset r {}",
    #"ruleset kl81 { title "T" version "2024.07" date_field submitted_on }"#,
    "ruleset r { date_field project.dates.submitted_on }",
    // source
    #"source "1032-CV/TU" {}"#,
    #"source "S" { title "Công văn" issued 2024-07-09 item "2" "Text" item "4" "Tuyên truyền" not_checkable "Không thể hiện" }"#,
    #"source "S" { item "1" "a" verified item "2" "b" unverified item "3" "c" unverified "not found" item "4" "d" not_checkable "why" verified }"#,
    #"source "S" { item "28" "Tiêu chí" verified { point "4(a)" "a" point "4(c)" "c" unverified } item "29" "x" unverified {} }"#,
    // threshold
    "threshold t = 1000\n  cite \"S\" item \"1\" point \"a\"\n  verified",
    "threshold t = [1, 2]\n  cite \"S\"\n  cite \"T\" item \"2\"\n  unverified \"not found\"",
    "threshold t = 2025-09-01 unverified \"x\" cite \"S\"",
    // schema and every type
    "schema {}",
    "schema { a: string b: number c: integer d: bool e: date }",
    "schema { a: string, b: number, }",
    #"schema { kind: enum("a", "b", "c") one: enum("only") }"#,
    "schema { xs: [string] grid: [[number]] }",
    "schema { plan: { items: [{ name: string budget?: number criteria: { climate?: [string] } }] } }",
    "schema { note?: string }",
    #"schema { "tên dự án": string "x y"?: [date] }"#,
    // let
    "let industrial = project.type in [\"a\", \"b\"]",
    "let title = 1",
    // def with 0, 1 and n parameters
    "def now() = today()",
    "def twice(x) = x * 2",
    "def between(x, lo, hi) = x >= lo and x <= hi",
    // rules and every meta
    "rule A {}",
    "rule KL81-3.5-WW-01 { require true }",
    "rule 81.2-a_b { require true }",
    #"rule A { title "Plain title" }"#,
    #"rule A { title vi "Tiêu đề" title en "Title" }"#,
    #"rule A { cite "1032-CV/TU" }"#,
    #"rule A { cite "1032-CV/TU" item "3.5" cite "Law" item "12" }"#,
    "rule A { severity error } rule B { severity warning } rule C { severity info }",
    "rule A { tags planning }",
    "rule A { tags planning, climate, water_2 }",
    "rule A { effective from 2024-07-09 }",
    "rule A { effective until 2025-12-31 }",
    "rule A { effective from 2024-07-09 until 2025-12-31 }",
    #"rule A { hint "Raise the capacity" hint en "Raise it" hint vi "Nâng công suất" }"#,
    "rule A { when industrial require x > 1 }",
    "rule A { when a and b\n require x }",
    // metas after the body (the language reference puts `hint` last)
    #"rule A { require x hint en "h" }"#,
    // require with messages
    #"rule A { require x else "Plain message" }"#,
    #"rule A { require x else vi "Thiếu" }"#,
    #"rule A { require x else vi "Thiếu {x}" en "Missing {x}" }"#,
    #"rule A { require x else "Default" en "English" }"#,
    "rule A { require x\n require y }",
    "rule A { require x else vi \"a\"\n require \"b\" == x else \"c\"\n when \"d\" in y hint \"e\" title \"f\" cite \"g\" }",
    "rule A { require x else \"a\" }\ntest \"t\" { given {} }",
    // for each, nested, with where
    "rule A { for each it in plan.items { require it.ok } }",
    "rule A { for each it in plan.items where it.budget > 0 { require it.ok } }",
    "rule A { for each a in xs { for each b in a.ys where b != null { require b > 0 for each c in b.zs {} } } }",
    "rule A { for each it in xs {} }",
    // for each with the element's position
    "rule A { for each it, i in plan.items where i > 1 { require it.ok else \"hạng mục {i}\" } }",
    // raw strings wherever a string is
    "rule A { title `Raw {title}` require matches(id, `^CT-[0-9]{4}$`) else `mã {id} sai` }",
    "let xs = [`a`, `b{2}`, \"c\"]",
    // `///` descriptions
    "/// Describes A.\n/// Second line.\nrule A { require x }",
    // tests
    #"test "t" { given {} }"#,
    #"test "t" { given { "a": 1, "b": [1, -2.5, "x", true, false, null], "c": { "d": {} } } expect A pass }"#,
    "test \"t\" {\n  given { \"a\": 1, // why this value\n    /* the rest */ \"b\": 2 }\n}",
    #"test "t" { given file "dossiers/a.json" expect KL81-3.5-WW-01 fail at "/wastewater/treatment/capacity_m3_day" }"#,
    #"test "t" { given {} expect A pass expect B fail expect C missing expect D not_applicable expect E-1.2 fail at "/a/0" }"#,
    // keywords are contextual: rule-body words are names in expressions
    "let a = title + source + item + rule + test + given + expect + at + where + each + severity",
    "rule A { require title == \"x\" and item.source != null and for_each > 0 }",
    "rule A { when when require require }",
    // comments anywhere
    "rule A { // c\n /* b */ require /* in */ x // end\n}",
]

/// Expressions and the shape of the tree they parse to.
let expressionCases: [(String, String)] = [
    // literals
    ("12", "12"), ("0.8", "0.8"), ("1e6", "1e6"), ("1_000_000", "1000000"),
    ("\"text\"", "\"text\""), ("2024-07-09", "#2024-07-09"),
    ("true", "true"), ("false", "false"), ("null", "null"),
    ("\"a\\\"b\\\\c\\nd\\te\\u{1EA1}\"", #""a\"b\\c\nd\teạ""#),
    ("\"{{not interpolated}}\"", #""{not interpolated}""#),
    // NFC normalisation: "e" + combining circumflex + combining dot below is "ệ"
    ("\"e\u{302}\u{323}\"", "\"ệ\""),
    // interpolation
    ("\"a {x} b\"", #"(str "a " {x} " b")"#),
    ("\"{x.y ?? \"none\"} m³\"", #"(str {(?? (. x y) "none")} " m³")"#),
    ("\"{ {\"k\": 1}[\"k\"] }\"", #"(str {([] (object ("k" 1)) "k")})"#),
    ("\"{\"in {x}\"}\"", #"(str {(str "in " {x})})"#),
    ("\"{f(\"}\")}\"", #"(str {(call f "}")})"#),
    // precedence, loosest first
    ("a or b and c", "(or a (and b c))"),
    ("a and b or c", "(or (and a b) c)"),
    ("a or b or c", "(or (or a b) c)"),
    ("not a and b", "(and (not a) b)"),
    ("not not a", "(not (not a))"),
    ("not a == b", "(not (== a b))"),
    ("a == b and c != d", "(and (== a b) (!= c d))"),
    ("a < b + c", "(< a (+ b c))"),
    ("a + b * c", "(+ a (* b c))"),
    ("a * b + c", "(+ (* a b) c)"),
    ("a - b - c", "(- (- a b) c)"),
    ("a / b * c", "(* (/ a b) c)"),
    ("-a * b", "(* (neg a) b)"),
    ("- - a", "(neg (neg a))"),
    ("a - -1", "(- a (neg 1))"),
    ("a ?? b + c", "(+ (?? a b) c)"),
    ("a ?? b * c", "(* (?? a b) c)"),
    ("a ?? b ?? c", "(?? a (?? b c))"),
    ("a ?? -1", "(?? a (neg 1))"),
    ("-a ?? b", "(neg (?? a b))"),
    ("count(x ?? []) >= 1", "(>= (call count (?? x (list))) 1)"),
    ("(a + b) * c", "(* (paren (+ a b)) c)"),
    ("(a)", "(paren a)"),
    // comparisons
    ("a <= b", "(<= a b)"), ("a >= b", "(>= a b)"), ("a > b", "(> a b)"), ("a < b", "(< a b)"),
    ("x in xs", "(in x xs)"),
    ("x not in xs", "(not in x xs)"),
    ("not x in xs", "(not (in x xs))"),
    ("not x not in xs", "(not (not in x xs))"),
    ("x in [1, 2] or y", "(or (in x (list 1 2)) y)"),
    // postfix
    ("a.b.c", "(. (. a b) c)"),
    ("a[0]", "([] a 0)"),
    ("a[\"field name\"]", "([] a \"field name\")"),
    ("a[\"tên\"].b", "(. ([] a \"tên\") b)"),
    ("a[*]", "([*] a)"),
    ("plan.items[*].budget", "(. ([*] (. plan items)) budget)"),
    ("a[*][*]", "([*] ([*] a))"),
    ("a[i + 1]", "([] a (+ i 1))"),
    ("a.in.not", "(. (. a in) not)"),
    ("f(x).y", "(. (call f x) y)"),
    ("[1, 2][0]", "([] (list 1 2) 0)"),
    // calls
    ("today()", "(call today)"),
    ("f(a)", "(call f a)"),
    ("round(x / 3, 2)", "(call round (/ x 3) 2)"),
    ("f(a, b,)", "(call f a b)"),
    ("count(xs)", "(call count xs)"),
    ("count(xs.items[*])", "(call count ([*] (. xs items)))"),
    ("mentions(title, \"khí hậu\")", "(call mentions title \"khí hậu\")"),
    // quantifiers
    ("all(x in xs: x > 0)", "(all x xs (> x 0))"),
    ("any(x in plan.items: x.budget > 0)", "(any x (. plan items) (> (. x budget) 0))"),
    ("none(x in xs: x == null)", "(none x xs (== x null))"),
    ("count(x in xs: x.ok) >= 2", "(>= (count x xs (. x ok)) 2)"),
    ("all(x in xs: any(y in x.ys: y))", "(all x xs (any y (. x ys) y))"),
    // raw strings: no escapes, no interpolation
    ("`^CT-[0-9]{4}-\\d+$`", "(raw \"^CT-[0-9]{4}-\\\\d+$\")"),
    ("``", "(raw \"\")"),
    ("\"a {{4}} b\"", "\"a {4} b\""),
    ("\"n {f(`{2}\"`)}\"", "(str \"n \" {(call f (raw \"{2}\\\"\"))})"),
    // type tests are calls
    ("is_number(x) and not is_null(y)", "(and (call is_number x) (not (call is_null y)))"),
    // conditional: the lowest precedence inside its branches
    ("if a then b else c", "(if a b c)"),
    ("if a > 1 then x + 1 else y or z", "(if (> a 1) (+ x 1) (or y z))"),
    ("1 + (if a then 2 else 3)", "(+ 1 (paren (if a 2 3)))"),
    ("if a then if b then 1 else 2 else 3", "(if a (if b 1 2) 3)"),
    // comprehensions
    ("[it.x for it in xs]", "(for[] (. it x) it xs)"),
    ("[it.x for it in xs where it.x > 0]", "(for[] (. it x) it xs (> (. it x) 0))"),
    ("sum(it.b for it in plan.items where is_number(it.b))", "(call sum (for (. it b) it (. plan items) (call is_number (. it b))))"),
    ("count(x for x in xs where x)", "(call count (for x x xs x))"),
    ("[[y for y in x] for x in xs]", "(for[] (for[] y y x) x xs)"),
    // lists and objects
    ("[]", "(list)"),
    ("[1]", "(list 1)"),
    ("[1, \"a\", [b]]", "(list 1 \"a\" (list b))"),
    ("{}", "(object)"),
    ("{\"a\": 1, \"b c\": [2]}", "(object (\"a\" 1) (\"b c\" (list 2)))"),
    ("{\"a\": {\"b\": null}}", "(object (\"a\" (object (\"b\" null))))"),
    // contextual keywords are names here
    ("title", "title"), ("source.item", "(. source item)"), ("count", "count"), ("count + 1", "(+ count 1)"),
    // layout does not matter
    ("a\n  and b\n  and c", "(and (and a b) c)"),
]

@Suite struct ParserValidTests {
    @Test(arguments: validSources)
    func parsesWithoutDiagnostics(_ source: String) {
        let p = parse(source)
        #expect(p.summary == [])
        #expect(!containsBad(p.file))
    }

    @Test(arguments: expressionCases)
    func expressionShape(_ source: String, _ expected: String) throws {
        let p = parse("let x = " + source)
        #expect(p.summary == [])
        let decl = try #require(p.file.decls.first)
        guard case .let(let l) = decl else {
            Issue.record("not a let: \(decl)")
            return
        }
        #expect(sexpr(l.value) == expected)
        // The expression's span is exactly its source text.
        #expect(p.source.text(l.value.span) == source)
    }

    @Test func rulesetDeclaration() throws {
        let p = parse(#"ruleset kl81 { title "T" version "2024.07" date_field a.b }"#)
        guard case .ruleset(let r)? = p.file.decls.first else { Issue.record("no ruleset"); return }
        #expect(r.name.text == "kl81")
        #expect(r.title?.plainText == "T")
        #expect(r.version?.plainText == "2024.07")
        #expect(r.dateField?.map(\.text) == ["a", "b"])
        #expect(p.source.text(r.span) == p.source.text(Span(file: p.source.id, start: 0, end: UInt32(p.source.bytes.count))))
    }

    @Test func sourceDeclaration() throws {
        let p = parse(#"source "S" { title "T" issued 2024-07-09 item "2" "Two" item "4" "Four" not_checkable "Why" }"#)
        guard case .source(let s)? = p.file.decls.first else { Issue.record("no source"); return }
        #expect(s.name.plainText == "S")
        #expect(s.title?.plainText == "T")
        #expect(s.issued?.value == CivilDate(year: 2024, month: 7, day: 9))
        #expect(s.items.map { $0.id.plainText } == ["2", "4"])
        #expect(s.items.map { $0.text.plainText } == ["Two", "Four"])
        #expect(s.items.map { $0.notCheckable?.plainText } == [nil, "Why"])
        #expect(p.source.text(s.items[1].span) == #"item "4" "Four" not_checkable "Why""#)
    }

    @Test func verificationAndPoints() throws {
        let p = parse(#"source "S" { item "28" "T" verified { point "4(a)" "a" point "4(c)" "c" unverified "why" } item "1" "x" not_checkable "n" unverified item "2" "y" }"#)
        guard case .source(let s)? = p.file.decls.first else { Issue.record("no source"); return }
        #expect(s.items.map { $0.verification?.isVerified } == [true, false, nil])
        #expect(s.items[0].points.map { $0.id.plainText } == ["4(a)", "4(c)"])
        #expect(s.items[0].points.map { $0.verification?.isVerified } == [nil, false])
        #expect(s.items[0].points[1].verification?.reason?.plainText == "why")
        #expect(s.items[1].notCheckable?.plainText == "n")
        #expect(p.source.text(s.items[0].pointsBlock!) == #"{ point "4(a)" "a" point "4(c)" "c" unverified "why" }"#)
        #expect(p.source.text(s.items[1].span) == #"item "1" "x" not_checkable "n" unverified"#)
    }

    @Test func thresholdIsALetWithItsBasis() throws {
        let p = parse("threshold t = 1000\n  cite \"S\" item \"1\" point \"a\"\n  cite \"T\"\n  unverified \"not found\"\nrule A {\n  cite \"S\" item \"2\" point \"b\"\n}")
        guard case .let(let l)? = p.file.decls.first, let t = l.threshold else { Issue.record("no threshold"); return }
        #expect(l.name.text == "t")
        #expect(sexpr(l.value) == "1000")
        #expect(t.cites.map { [$0.source.plainText, $0.item?.plainText, $0.point?.plainText] } == [["S", "1", "a"], ["T", nil, nil]])
        #expect(t.verification?.isVerified == false)
        #expect(t.verification?.reason?.plainText == "not found")
        #expect(p.source.text(l.span).hasSuffix(#"unverified "not found""#))
        guard case .rule(let r)? = p.file.decls.last, case .cite(let c)? = r.metas.first?.kind else { Issue.record("no cite"); return }
        #expect(c.point?.plainText == "b")
        // A plain `let` has no threshold clauses.
        guard case .let(let plain)? = parse("let x = 1").file.decls.first else { Issue.record("no let"); return }
        #expect(plain.threshold == nil)
    }

    @Test func inspectOn() throws {
        let p = parse("test \"t\" {\n  inspect on 2026-01-15\n  given { }\n  expect A pass\n}")
        guard case .test(let t)? = p.file.decls.first else { Issue.record("no test"); return }
        #expect(t.inspectOn?.date.value == CivilDate(year: 2026, month: 1, day: 15))
        #expect(p.source.text(t.inspectOn!.span) == "inspect on 2026-01-15")
        #expect(t.expectations.count == 1)
    }

    @Test func schemaTypes() throws {
        let p = parse(#"schema { a: string b?: [enum("x", "y")] c: { d: [{ e?: date }] } "f g": integer h: bool i: number }"#)
        guard case .schema(let s)? = p.file.decls.first else { Issue.record("no schema"); return }
        func show(_ t: TypeExpr) -> String {
            switch t.kind {
            case .string: "string"
            case .number: "number"
            case .integer: "integer"
            case .bool: "bool"
            case .date: "date"
            case .enumeration(let vs): "enum(\(vs.compactMap(\.value.plainText).joined(separator: ",")))"
            case .list(let e): "[\(show(e))]"
            case .object(let fs): "{\(fs.map(show).joined(separator: " "))}"
            case .bad: "BAD"
            }
        }
        func show(_ f: SchemaField) -> String { "\(f.name.text)\(f.isOptional ? "?" : ""):\(show(f.type))" }
        #expect(s.fields.map(show) == ["a:string", "b?:[enum(x,y)]", "c:{d:[{e?:date}]}", "f g:integer", "h:bool", "i:number"])
    }

    @Test func letAndDef() throws {
        let p = parse("let a = 1\ndef none_() = 2\ndef f(x) = x\ndef g(x, y, z) = x")
        let shapes = p.file.decls.map { d -> String in
            switch d {
            case .let(let l): "let \(l.name.text) = \(sexpr(l.value))"
            case .def(let d): "def \(d.name.text)(\(d.parameters.map(\.text).joined(separator: ","))) = \(sexpr(d.body))"
            default: "?"
            }
        }
        #expect(shapes == ["let a = 1", "def none_() = 2", "def f(x) = x", "def g(x,y,z) = x"])
    }

    @Test func ruleWithEveryPart() throws {
        let text = """
            /// The description.
            rule KL81-2-PLAN-01 {
              title vi "Tiêu đề"
              title en "Title"
              cite "1032-CV/TU" item "2"
              severity warning
              tags planning, climate
              effective from 2024-07-09 until 2025-01-01
              hint en "Do it"
              when industrial
              for each it in plan.items where it.active {
                require it.x >= 1 else vi "Thiếu {it.name}" en "Missing {it.name}"
                for each c in it.cs { require c }
              }
              require done
            }
            """
        let p = parse(text)
        #expect(p.summary == [])
        guard case .rule(let r)? = p.file.decls.first else { Issue.record("no rule"); return }
        #expect(r.id.text == "KL81-2-PLAN-01")
        #expect(r.doc == ["The description."])
        #expect(!r.isBroken)
        let metas = r.metas.map { m -> String in
            switch m.kind {
            case .title(let lang, let s): "title \(lang?.text ?? "-") \(s.plainText ?? "?")"
            case .cite(let c): "cite \(c.source.plainText ?? "?") \(c.item?.plainText ?? "-")"
            case .severity(let n): "severity \(n.text)"
            case .tags(let ts): "tags \(ts.map(\.text).joined(separator: ","))"
            case .effective(let from, let until): "effective \(from.map { "\($0.value)" } ?? "-") \(until.map { "\($0.value)" } ?? "-")"
            case .hint(let lang, let s): "hint \(lang?.text ?? "-") \(s.plainText ?? "?")"
            case .allow(let what, let s): "allow \(what.text) \(s.plainText ?? "?")"
            }
        }
        #expect(metas == [
            "title vi Tiêu đề", "title en Title", "cite 1032-CV/TU 2", "severity warning", "tags planning,climate",
            "effective 2024-07-09 2025-01-01", "hint en Do it",
        ])
        #expect(r.when.map(sexpr) == "industrial")
        #expect(r.body.count == 2)
        guard case .forEach(let f) = r.body[0], case .require(let last) = r.body[1] else { Issue.record("body"); return }
        #expect(f.variable.text == "it")
        #expect(sexpr(f.collection) == "(. plan items)")
        #expect(f.filter.map(sexpr) == "(. it active)")
        #expect(f.body.count == 2)
        guard case .require(let req) = f.body[0], case .forEach(let inner) = f.body[1] else { Issue.record("inner body"); return }
        #expect(sexpr(req.condition) == "(>= (. it x) 1)")
        #expect(req.messages.map { "\($0.lang?.text ?? "-") \(sexpr($0.text))" } == [
            #"vi (str "Thiếu " {(. it name)})"#, #"en (str "Missing " {(. it name)})"#,
        ])
        #expect(inner.body.count == 1)
        #expect(sexpr(last.condition) == "done")
        #expect(p.source.text(r.span).hasPrefix("rule KL81-2-PLAN-01 {") && p.source.text(r.span).hasSuffix("}"))
    }

    @Test func testDeclarations() throws {
        let p = parse(#"""
            test "object" {
              given { "a": { "b": [1, 2] } }
              expect A-1 pass
              expect B fail at "/a/b/0"
              expect C missing
              expect D not_applicable
            }
            test "file" { given file "d.json" }
            """#)
        #expect(p.summary == [])
        guard case .test(let t)? = p.file.decls.first, case .test(let u)? = p.file.decls.last else { Issue.record("no tests"); return }
        #expect(t.name.plainText == "object")
        guard case .object(let given)? = t.given else { Issue.record("no object"); return }
        #expect(sexpr(given) == "(object (\"a\" (object (\"b\" (list 1 2)))))")
        #expect(t.expectations.map { "\($0.rule.text) \($0.outcome.text) \($0.at?.plainText ?? "-")" } == [
            "A-1 pass -", "B fail /a/b/0", "C missing -", "D not_applicable -",
        ])
        guard case .file(let path)? = u.given else { Issue.record("no file"); return }
        #expect(path.plainText == "d.json")
        #expect(u.expectations.isEmpty)
    }

    @Test func givenIsJSON() throws {
        let p = parse(#"""
            test "json" {
              given { "s": "a\/b \u00e9 \ud83d\ude00 {x} {} {{ \b\f\r\n\t \" \\", "n": [-1, 0, 0.5, -2.5e-3, 1E6], "e": "", "t": true, "f": false, "z": null, "o": {}, "l": [] }
              expect A pass
            }
            test "after" { given {} expect "B" pass }
            """#)
        #expect(p.summary == ["E1010 expected a rule id after `expect`, found `\"B\"` «\"B\"»"])
        guard case .test(let t)? = p.file.decls.first, case .object(let given)? = t.given else { Issue.record("no given"); return }
        #expect(sexpr(given) == #"(object ("s" "a/b é 😀 {x} {} {{ \u{08}\u{0C}\r\n\t \" \\") ("n" (list -1 0 0.5 -2.5e-3 1E6)) ("e" "") ("t" true) ("f" false) ("z" null) ("o" (object)) ("l" (list)))"#)
        #expect(t.expectations.count == 1)
    }

    @Test func commentsAreKeptWithKinds() {
        let p = parse("// a\n/// b\nrule A { /* c */ }")
        #expect(p.file.comments.map(\.kind) == [.line, .doc, .block])
    }

    @Test func interpolationSpansPointIntoTheFile() throws {
        let p = parse(#"let s = "total {plan.budget} VND""#)
        guard case .let(let l)? = p.file.decls.first, case .string(let s) = l.value.kind else { Issue.record("no string"); return }
        guard case .interpolation(let e) = s.parts[1] else { Issue.record("no interpolation"); return }
        #expect(p.source.text(e.span) == "plan.budget")
    }

    @Test func numbersKeepTheirValue() throws {
        let p = parse("let a = [12, 0.8, 1e6, 1_000_000, 2.5e-3]")
        guard case .let(let l)? = p.file.decls.first, case .list(let xs) = l.value.kind else { Issue.record("no list"); return }
        let values = xs.compactMap { e -> Double? in if case .number(let v, _) = e.kind { v } else { nil } }
        #expect(values == [12, 0.8, 1_000_000, 1_000_000, 0.0025])
    }
}

/// The backtick spelling the help of E1030 and E2017 offers for an ordinary
/// string (its text between the quotes), or nil when no raw string says the same.
@Suite struct RawStringSpellingTests {
    static let cases: [(String, String?)] = [
        ("^CT-[0-9]{4}$", "`^CT-[0-9]{4}$`"),
        ("a {{b}} c", "`a {b} c`"),
        (#"\\d{2}"#, #"`\d{2}`"#),
        (#"say \"hi\" {2}"#, #"`say "hi" {2}`"#),
        ("", "``"),
        ("a ` b", nil),
        (#"line\n{2}"#, nil),
        (#"\u{1EA1}{2}"#, nil),
    ]

    @Test(arguments: cases) func spelling(_ quoted: String, _ expected: String?) {
        #expect(rawStringSpelling(ofQuoted: quoted) == expected)
    }
}
