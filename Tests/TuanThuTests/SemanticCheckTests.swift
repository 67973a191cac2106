import Diagnostics
import Foundation
import Testing
import TuanThu

// The load-time checks (E2001–E2032, W2001–W2012): one small ruleset per
// check, with `«CODE»` before the token the diagnostic must underline.

/// The schema most cases are checked against (prepended when `withSchema`).
let semanticSchema = """
    schema {
      project: {
        name: string
        type: enum("factory", "industrial_park")
        budget: number
        tags: [string]
      }
      submitted_on: date
      items: [{
        name: string
        budget: number
      }]
    }

    """

/// A ruleset with one expected diagnostic, marked inline by `«CODE»`.
struct SemanticCase: CustomTestStringConvertible, Sendable {
    var source: String
    var message: String
    /// The source text under the primary span.
    var underlined: String
    var help: String?
    /// The secondary labels: the text under each, and the label.
    var secondary: [String]
    var withSchema: Bool
    /// Codes of further diagnostics the case also reports.
    var also: [String]

    init(_ source: String, _ message: String, _ underlined: String, help: String? = nil, secondary: [String] = [], schema: Bool = true, also: [String] = []) {
        self.also = also
        self.source = source
        self.message = message
        self.underlined = underlined
        self.help = help
        self.secondary = secondary
        self.withSchema = schema
    }

    var testDescription: String { source }
}

/// The loaded ruleset of a case, with the marker stripped.
struct SemanticOutcome {
    var loaded: LoadedRuleset
    var offset: Int?
    var code: String?

    func text(_ span: Span) -> String { loaded.files[span.file]?.text(span) ?? "" }

    /// `CODE message «underlined»` per diagnostic, for readable failures.
    var summary: [String] {
        loaded.diagnostics.map { "\($0.code) \($0.message) «\(text($0.span))» help: \($0.help ?? "-")" }
    }
}

func loadSemantic(_ c: SemanticCase) -> SemanticOutcome {
    let (text, offset, code) = stripMarker((c.withSchema ? semanticSchema : "") + c.source)
    return SemanticOutcome(loaded: RulesetLoader.load(sources: [(path: "test.rules", text: text)]), offset: offset, code: code)
}

let messageHelp = "give each language once, e.g. `else vi \"…\" en \"…\"`; a message without a language is `vi`"

let semanticCases: [SemanticCase] = [
    // E2001 unknown name
    SemanticCase("rule A { require «E2001»projet.budget > 0 }", "unknown name `projet`", "projet", help: "did you mean `project`?"),
    SemanticCase("let threshold = 5\nrule A { require project.budget > «E2001»treshold }", "unknown name `treshold`", "treshold", help: "did you mean `threshold`?", also: ["W2001"]),
    SemanticCase("rule A { require «E2001»zzz > 0 }", "unknown name `zzz`", "zzz", help: "it is not a variable, a `let`, or a field of the schema"),
    SemanticCase("def big(x) = x > 10\nrule A { require big(1) and «E2080»big }", "`big` is a function; call it with `big(…)`", "big", schema: false),
    // E2002 unknown function
    SemanticCase(#"rule A { require «E2002»mention(project.name, "x") }"#, "unknown function `mention`", "mention", help: "did you mean `mentions`?"),
    SemanticCase("def big(x) = x > 10\nrule A { require «E2002»bigg(1) or big(2) }", "unknown function `bigg`", "bigg", help: "did you mean `big`?", schema: false),
    // E2003 wrong arity
    SemanticCase("rule A { require «E2003»len(project.name, 2) > 1 }", "`len` takes 1 argument, but 2 were given", "len(project.name, 2)", help: "write `len(string)`"),
    SemanticCase("rule A { require «E2003»today(1) > submitted_on }", "`today` takes 0 arguments, but 1 was given", "today(1)", help: "write `today()`"),
    SemanticCase("def big(x) = x > 10\nrule A { require «E2003»big(1, 2) }", "`big` takes 1 argument, but 2 were given", "big(1, 2)", help: "write `big(x)`", secondary: ["big: defined here"], schema: false),
    // E2004 duplicate rule id
    SemanticCase("rule A { require true }\nrule «E2004»A { require true }", "duplicate rule id `A`", "A", help: "rule ids are unique across the ruleset; rename one", secondary: ["A: first declared here"], schema: false),
    // E2005 duplicate let/def
    SemanticCase("let x = 1\nlet «E2005»x = 2\nrule A { require x > 0 }", "`x` is declared twice", "x", help: "rename one, or remove the second", secondary: ["x: first declared here"], schema: false),
    SemanticCase("let f = 1\ndef «E2005»f(a) = a\nrule A { require f > 0 }", "`f` is declared twice", "f", help: "rename one, or remove the second", secondary: ["f: first declared here"], schema: false),
    SemanticCase("def «E2005»count(xs) = 1\nrule A { require true }", "`count` is a built-in function", "count", help: "choose another name", schema: false),
    // E2006 recursion
    SemanticCase("def «E2006»f(x) = f(x)\nrule A { require f(1) }", "`f` calls itself", "f", help: "recursion is not allowed: rules must always finish", schema: false),
    SemanticCase("def «E2006»f(x) = g(x)\ndef g(x) = f(x)\nrule A { require f(1) }", "functions call each other in a cycle: `f` → `g` → `f`", "f", help: "recursion is not allowed: rules must always finish", schema: false),
    // E2007 a let in terms of itself
    SemanticCase("let «E2007»x = x + 1\nrule A { require x > 1 }", "`x` is defined in terms of itself", "x", help: "a `let` cannot use its own value", schema: false),
    SemanticCase("let «E2007»a = b + 1\nlet b = a + 1\nrule A { require a > 1 }", "definitions refer to each other in a cycle: `a` → `b` → `a`", "a", help: "recursion is not allowed: rules must always finish", schema: false),
    // E2008 expect of an unknown rule
    SemanticCase("rule PLAN-01 { require true }\ntest \"t\" {\n  given { \"a\": 1 }\n  expect «E2008»PLAN-10 pass\n}", "`expect` names an unknown rule `PLAN-10`", "PLAN-10", help: "did you mean `PLAN-01`?", schema: false),
    // E2009/E2010 citations
    SemanticCase("source \"1032-CV/TU\" { item \"2\" \"x\" verified }\nrule A {\n  cite «E2009»\"1032-CV/T\" item \"2\"\n  require true\n}", "`1032-CV/T` is not a declared source", "\"1032-CV/T\"", help: "did you mean `1032-CV/TU`?", schema: false),
    SemanticCase("rule A {\n  cite «E2009»\"KL81\"\n  require true\n}", "`KL81` is not a declared source", "\"KL81\"", help: "declare it with `source \"KL81\" { … }`", schema: false),
    SemanticCase("source \"1032-CV/TU\" { item \"3.5\" \"x\" verified }\nrule A {\n  cite \"1032-CV/TU\" item «E2010»\"3.6\"\n  require true\n}", "source `1032-CV/TU` has no item `3.6`", "\"3.6\"", help: "did you mean `3.5`?", secondary: ["\"1032-CV/TU\": declared here"], schema: false),
    // reference_date() reads the ruleset's date_field (E2072).
    SemanticCase("rule A {\n  require «E2072»reference_date() > 2025-01-01\n}", "`reference_date()` needs the ruleset's `date_field`", "reference_date()", help: "declare the dossier's date in the `ruleset` block (`date_field submitted_on`), or use `as_of()` for the date of the check", schema: false),
    // Points of items (E2070, E2071) and verification (W2070).
    SemanticCase("source \"72/2020/QH14\" { item \"Điều 28\" \"x\" verified { point \"4(a)\" \"a\" point \"4(c)\" \"c\" } }\nrule A {\n  cite \"72/2020/QH14\" item \"Điều 28\" point «E2070»\"4(b)\"\n  require true\n}", "item `Điều 28` of source `72/2020/QH14` has no point `4(b)`", "\"4(b)\"", help: "did you mean `4(a)`?", secondary: ["\"Điều 28\": item declared here"], schema: false),
    SemanticCase("source \"S\" { item \"1\" \"x\" verified }\nthreshold t = 5\n  cite \"S\" item \"1\" point «E2070»\"a\"\n  verified\nrule A {\n  require t > 1\n}", "item `1` of source `S` has no point `a`", "\"a\"", help: "add `point \"a\" \"…\"` inside the item's braces: `item \"1\" \"…\" { point \"a\" \"…\" }`", secondary: ["\"1\": item declared here"], schema: false),
    SemanticCase("source \"S\" {\n  item \"1\" \"x\" verified {\n    point \"a\" \"p\"\n    point «E2071»\"a\" \"q\"\n  }\n}", "point `a` of item `1` is declared twice", "\"a\"", help: "point ids are unique within an item; rename or remove one", secondary: ["\"a\": first declared here"], schema: false),
    SemanticCase("source \"S\" {\n  item «W2070»\"1\" \"x\"\n}", "source item `1` does not say whether it was verified against the text", "\"1\"", help: "add `verified` after the item's text if it was read in the source, or `unverified` if not", schema: false),
    SemanticCase("threshold t = 5\n  cite «E2009»\"S\" item \"1\"\n  unverified \"not found\"\nrule A {\n  require t > 1\n}", "`S` is not a declared source", "\"S\"", help: "declare it with `source \"S\" { … }`", schema: false),
    // E2011 effective dates
    SemanticCase("rule A {\n  effective from 2025-01-01 until «E2011»2024-01-01\n  require true\n}", "the rule takes effect (2025-01-01) on or after the day it ends (2024-01-01)", "2024-01-01", help: "swap the dates, or check them against the law", secondary: ["2025-01-01: takes effect here"], schema: false),
    // E2012 schema fields
    SemanticCase("rule A { require project.«E2012»budjet > 0 }", "`project` has no field `budjet`", "budjet", help: "did you mean `budget`?"),
    SemanticCase("rule A { require sum(it.«E2012»budjet for it in items) > 0 }", "`it` has no field `budjet`", "budjet", help: "did you mean `budget`?"),
    SemanticCase("rule A { for each it, i in items { require it.«E2012»nme != \"x\" else \"{i}\" } }", "`it` has no field `nme`", "nme", help: "did you mean `name`?"),
    SemanticCase("rule A { require project.«E2012»owner == \"x\" }", "`project` has no field `owner`", "owner", help: "the schema lists: name, type, budget, tags"),
    SemanticCase("rule A { require items.«E2012»budget > 0 }", "`items` is a list, so it has no field `budget`", "budget", help: "use `items[*].budget` for every element's value, or `for each`"),
    SemanticCase("rule A { require project.name.«E2012»first == \"a\" }", "`project.name` is a string, so it has no field `first`", "first"),
    SemanticCase("ruleset r { date_field «E2012»submited_on }\nrule A { require true }", "the schema has no field `submited_on`", "submited_on", help: "did you mean `submitted_on`?"),
    // E2013 types
    SemanticCase("rule A { require «E2013»submitted_on > 5 }", "cannot compare `submitted_on` (a date) with `5` (a number)", "submitted_on > 5", help: "a date compares with a date, or with a string like \"2024-07-09\""),
    SemanticCase("rule A { require «E2013»project.name }", "a condition must be true or false, but `project.name` is a string", "project.name", help: "compare it, e.g. `… == …`, or use `exists(…)`"),
    SemanticCase("rule A { require «E2013»project.tags }", "a condition must be true or false, but `project.tags` is a list", "project.tags", help: "use `count(…) > 0` or `exists(…)`"),
    SemanticCase("rule A { require «E2013»project.name * 2 > 1 }", "`*` needs a number, but `project.name` is a string", "project.name",
                 help: "arithmetic takes numbers: a number field, `count(…)`, or `days_between(a, b)` for two dates"),
    SemanticCase("rule A { require «E2013»submitted_on - submitted_on > 1 }", "dates cannot be subtracted", "submitted_on - submitted_on", help: "use `days_between(a, b)`"),
    SemanticCase("rule A { require «E2013»project.budget in project.tags }", "cannot look for a number in a list of strings", "project.budget in project.tags",
                 help: "look for a value of the same type as the list's elements"),
    // E2014 lists
    SemanticCase("rule A { require count(«E2014»project.name) > 1 }", "`count` needs a list, but `project.name` is a string", "project.name", help: "did you mean `len(…)`?"),
    SemanticCase("rule A { require len(«E2014»project.tags) > 1 }", "`len` needs a string, but `project.tags` is a list", "project.tags", help: "did you mean `count(…)`?"),
    SemanticCase("rule A { require sum(«E2014»project.tags) > 1 }", "`sum` needs a list of numbers, but `project.tags` is a list of strings", "project.tags"),
    SemanticCase("rule A {\n  for each x in «E2014»project.name {\n    require x != \"\"\n  }\n}", "`for each` needs a list, but `project.name` is a string", "project.name", help: "for one value, write the `require` without `for each`"),
    SemanticCase("rule A { require any(x in «E2014»project.budget: x > 1) }", "`any` needs a list, but `project.budget` is a number", "project.budget"),
    SemanticCase("rule A { require 1 in «E2014»project.budget }", "`in` needs a list or a string on its right, but `project.budget` is a number", "project.budget"),
    SemanticCase("rule A { require count(project.name«E2014»[*]) > 0 }", "`[*]` needs a list, but `project.name` is a string", "[*]"),
    // E2015 duplicates
    SemanticCase("source \"S\" { }\nsource «E2015»\"S\" { }", "source `S` is declared twice", "\"S\"", help: "merge the two `source` blocks", secondary: ["\"S\": first declared here"], schema: false),
    SemanticCase("source \"S\" {\n  item \"1\" \"a\" verified\n  item «E2015»\"1\" \"b\" verified\n}", "item `1` of source `S` is declared twice", "\"1\"", help: "item numbers are unique within a source; renumber or remove one", secondary: ["\"1\": first declared here"], schema: false),
    SemanticCase("schema { a: string }\n«E2015»schema { b: string }", "a second `schema` declaration", "schema", help: "a ruleset has one schema", secondary: ["schema: first declared here"], schema: false),
    SemanticCase("ruleset a { }\nruleset «E2015»b { }", "a second `ruleset` declaration", "b", help: "a ruleset has one `ruleset` block", secondary: ["a: first declared here"], schema: false),
    SemanticCase("rule A {\n  severity error\n  «E2015»severity warning\n  require true\n}", "`severity` is given twice", "severity warning", help: "keep one `severity` line", secondary: ["severity error: first given here"], schema: false),
    SemanticCase("rule A {\n  require true else en \"a\" «E2015»en \"b\"\n}", "two `en` messages for one `require`", "en", help: messageHelp, schema: false),
    SemanticCase("rule A {\n  require true else \"a\" «E2015»vi \"b\"\n}", "two `vi` messages for one `require`", "vi", help: messageHelp, schema: false),
    // (A `given` object that is not JSON is the parser's error, E1022/E1003: see ParserInvalidTests.)
    // E2017 regex
    // (Every way a pattern is refused is in RegexTests; these check the span inside the literal.)
    SemanticCase("rule A { require matches(project.name, \"x«E2017»[a-\") }", "invalid regular expression: unclosed character class", "[",
                 help: "add `]` to close it, or write `\\[` for a literal bracket"),
    SemanticCase("rule A { require full_match(project.name, \"^(\\\\d+)-«E2017»\\\\1$\") }", "invalid regular expression: `\\1` is a backreference, which is not supported", "\\\\1",
                 help: "backreferences cannot be matched in linear time; repeat the group's pattern instead, or compare the two fields in the rule"),
    SemanticCase("rule A { require matches(project.name, `^CT-«E2017»(?=x)`) }", "invalid regular expression: `(?=` starts a look-ahead, which is not supported", "(?=",
                 help: "look-around cannot be matched in linear time; combine two checks instead, like `matches(s, \"a\") and not matches(s, \"b\")`"),
    SemanticCase("rule A { require matches(project.name, \"\\u{1EA1}«E2017»{{5,2}}\") }", "invalid regular expression: counted repetition `{5,2}` has its minimum above its maximum", "{{5,2}}",
                 help: "write `{2,5}`"),
    SemanticCase("rule A { require matches(project.name, «E2081»project.name) }", "`matches` needs its pattern written out in the call, but `project.name` is not a string literal", "project.name",
                 help: "write the pattern itself as the second argument: a string in quotes, or raw in backticks"),
    SemanticCase("rule A { require full_match(project.name, «E2081»project.name) }", "`full_match` needs its pattern written out in the call, but `project.name` is not a string literal", "project.name",
                 help: "write the pattern itself as the second argument: a string in quotes, or raw in backticks"),
    SemanticCase("rule A { require matches(project.name, «E2081»\"^[A-Z]{project.name}$\") }", "the pattern of `matches` has an interpolation `{…}`, so it is not a constant",
                 "\"^[A-Z]{project.name}$\"", help: "for braces that belong to the pattern, write it raw, in backticks: `^[A-Z]{project.name}$`"),
    SemanticCase("let pattern = \"^x$\"\nrule A { require matches(project.name, «E2081»pattern) }", "`matches` needs its pattern written out in the call, but `pattern` is not a string literal", "pattern",
                 help: "write the pattern itself as the second argument: a string in quotes, or raw in backticks"),
    // E2014 a built-in that needs a number
    SemanticCase("rule A { require abs(«E2014»project.name) > 1 }", "`abs` needs a number, but `project.name` is a string", "project.name"),
    SemanticCase("rule A { require round(project.budget, «E2014»\"2\") > 1 }", "`round` needs a number, but `\"2\"` is a string", "\"2\""),
    // E2030 a comprehension without brackets outside an aggregate
    SemanticCase("rule A { require len(«E2030»it.name for it in items) > 1 }", "`len` does not take a comprehension without brackets", "it.name for it in items",
                 help: "only `count`, `sum`, `min`, `max` and `distinct` do; elsewhere write the list in brackets: `[… for x in list]`"),
    SemanticCase("def f(xs) = count(xs)\nrule A { require f(«E2030»it for it in items) > 1 }", "`f` does not take a comprehension without brackets", "it for it in items",
                 help: "only `count`, `sum`, `min`, `max` and `distinct` do; elsewhere write the list in brackets: `[… for x in list]`"),
    // the new forms are type-checked like the old ones
    SemanticCase("rule A { require («E2013»if project.budget > 1 then 1 else \"x\") == 1 }", "the branches of `if` differ in type: `1` is a number, `\"x\"` is a string",
                 "if project.budget > 1 then 1 else \"x\"", help: "give both branches the same type, so the result can be used one way"),
    SemanticCase("rule A { require (if «E2013»project.name then 1 else 2) == 1 }", "a condition must be true or false, but `project.name` is a string", "project.name",
                 help: "compare it, e.g. `… == …`, or use `exists(…)`"),
    SemanticCase("rule A { require count([x for x in «E2014»project.name]) > 0 }", "`for` needs a list, but `project.name` is a string", "project.name",
                 help: "a comprehension goes over a list: `[e for x in list]`"),
    SemanticCase("rule A { require sum(it.budget for it in items where «E2013»it.name) > 0 }", "a condition must be true or false, but `it.name` is a string", "it.name",
                 help: "compare it, e.g. `… == …`, or use `exists(…)`"),
    SemanticCase("rule A { require sum(«E2014»it.name for it in items) > 0 }", "`sum` needs a list of numbers, but `it.name for it in items` is a list of strings", "it.name for it in items"),
    SemanticCase("rule A { for each it, «E2005»it in items { require it > 0 } }", "`it` names both the element and its position", "it",
                 help: "give the position another name, such as `i`", secondary: ["it: the element"]),
    // W2030 an unused position
    SemanticCase("rule A { for each it, «W2030»i in items { require it.budget > 0 } }", "the position `i` is never used", "i", help: "remove `, i` from the `for each`"),
    SemanticCase("rule A { for each it, i in items { require i + «E2013»it.name > 0 } }", "`+` needs a number, but `it.name` is a string", "it.name",
                 help: "arithmetic takes numbers: a number field, `count(…)`, or `days_between(a, b)` for two dates"),
    SemanticCase("rule A { require «E2013»project.budget == [it.name for it in items] }", "cannot compare `project.budget` (a number) with `[it.name for it in items]` (a list)", "project.budget == [it.name for it in items]",
                 help: "compare values of one type: a number with a number, text with text; a field has the type its `schema` declares"),
    // E2020 a test that expects nothing
    SemanticCase("rule A { require true }\ntest «E2020»\"t\" {\n  given { \"a\": 1 }\n}", "test `t` expects nothing", "\"t\"", help: "a test without `expect` would pass without checking anything; add `expect RULE pass|fail|missing|not_applicable`", schema: false),
    // E2019 `at`
    SemanticCase("rule A { require true }\ntest \"t\" {\n  given { \"a\": 1 }\n  expect A pass at «E2019»\"wastewater\"\n}", "`wastewater` is not a JSON Pointer", "\"wastewater\"", help: "a pointer starts with `/`, e.g. \"/wastewater/treatment\"", schema: false),
    // E2021 `given file`
    SemanticCase("rule A { require true }\ntest \"t\" {\n  given file «E2021»\"no-such-dossier.json\"\n  expect A pass\n}", "no dossier file at `no-such-dossier.json`", "\"no-such-dossier.json\"", help: "the path is relative to the folder of this .rules file", schema: false),
    // E2060 `given file` out of the folder
    SemanticCase("rule A { require true }\ntest \"t\" {\n  given file «E2060»\"../secret.json\"\n  expect A pass\n}", "`given file` must name a file inside the folder of this .rules file: `../secret.json` goes up with `..`", "\"../secret.json\"", help: "copy the dossier next to the rules (e.g. `tests/dossier.json`) and give its path relative to this file, without `..`", schema: false),
    // E2061 let/def chain too deep to evaluate
    SemanticCase("let l200 = 1\n" + (1..<200).map { "let l\($0) = l\($0 + 1) + 1\n" }.joined() + "let «E2061»l0 = l1 + 1\nrule A { require l0 > 0 }", "`l0` is evaluated through 201 nested `let`/`def` definitions, more than 256 levels deep in all", "l0", help: "shorten the chain: compute the value in fewer steps, or write it as one expression", schema: false),
    // E2062 def calls that double at each level
    SemanticCase("def f20(v) = v\n" + (2...19).map { "def f\($0)(v) = f\($0 + 1)(v) + f\($0 + 1)(v)\n" }.joined() + "def «E2062»f1(v) = f2(v) + f2(v)\nrule A { require f1(x) > 0 }", "evaluating `f1` once makes 1048574 `def` calls, more than 100000", "f1", help: "a function that calls another twice doubles the work at each level: call it once and reuse the value (e.g. `2 * f(v)`), or compute it in a `let`", schema: false),
    // E2022 interpolation in plain text
    SemanticCase("rule A {\n  title «E2022»\"Budget {project.budget}\"\n  require true\n}", "a title cannot contain `{…}` interpolation", "\"Budget {project.budget}\"", help: "write `{{` and `}}` for literal braces"),
    SemanticCase("rule A {\n  hint en «E2022»\"see {x}\"\n  require true\n}", "a hint cannot contain `{…}` interpolation", "\"see {x}\"", help: "write `{{` and `}}` for literal braces", schema: false),
    // W2001 unused
    SemanticCase("let «W2001»limit = 1\nrule A { require true }", "`limit` is never used", "limit", help: "remove it, or use it in a rule", schema: false),
    SemanticCase("def «W2001»helper(x) = x\nrule A { require true }", "`helper` is never used", "helper", help: "remove it, or use it in a rule", schema: false),
    // W2002 no require
    SemanticCase("rule «E2018»A {\n  title \"x\"\n}", "rule `A` has no `require`", "A", help: "a rule without `require` would pass without checking anything; add the `require` it is meant to check", schema: false),
    // E2040 `required when` on an always-required field
    SemanticCase("schema {\n  a?: bool\n  b: string required when «E2040»a == true\n}\nrule A { require b != \"\" }", "`required when` on `b`, which is always required", "a == true",
                 help: "mark the field optional (`b?:`) so that the condition decides, or remove `required when`", schema: false),
    // E2041 schema_severity words
    SemanticCase("ruleset r {\n  schema_severity «E2041»unknown_keys error\n}\nrule A { require true }", "`unknown_keys` is not a kind of schema finding", "unknown_keys", help: "did you mean `unknown_key`?", schema: false),
    SemanticCase("ruleset r {\n  schema_severity enum «E2041»fatal\n}\nrule A { require true }", "`fatal` is not a severity", "fatal", help: "write `error`, `warning` or `info`", schema: false),
    // E2016 enum literal: an error in every position, since the comparison's result never depends on the dossier
    SemanticCase("rule A { require project.type == «E2016»\"factry\" }", "\"factry\" is not one of the values the schema allows here", "\"factry\"", help: "did you mean \"factory\"?"),
    SemanticCase("rule A { require project.type == «E2016»\"farm\" }", "\"farm\" is not one of the values the schema allows here", "\"farm\"", help: "allowed: \"factory\", \"industrial_park\""),
    SemanticCase("rule A { when project.type != «E2016»\"factori\"\n require project.name != \"\" }", "\"factori\" is not one of the values the schema allows here", "\"factori\"", help: "did you mean \"factory\"?"),
    SemanticCase("rule A { require project.type in [\"factory\", «E2016»\"industrial_prk\"] }", "\"industrial_prk\" is not one of the values the schema allows here", "\"industrial_prk\"", help: "did you mean \"industrial_park\"?"),
    // W2011 presence gate, W2012 stale allowance, E2031/E2032 allowances
    SemanticCase("let has_items = exists(items)\nrule A {\n  when «W2011»has_items\n  for each it in items { require it.budget > 0 }\n}", "presence gate: this rule is skipped exactly when its evidence is missing", "has_items",
                 help: "decide applicability from the project (kind, type, group, capacity, location, stage), and require `items` in the schema where the project must have it: `items?: … required when CONDITION`; if absence truly means the rule does not apply, say why with `allow presence_gate \"reason\"`", secondary: ["items: the rule checks `items`"]),
    SemanticCase("rule A {\n  when («W2011»project.budget ?? 0) > 0\n  require project.budget < 100\n}", "presence gate: this rule is skipped exactly when its evidence is missing", "project.budget ?? 0",
                 help: "decide applicability from the project (kind, type, group, capacity, location, stage), and require `project.budget` in the schema where the project must have it: `budget?: … required when CONDITION`; if absence truly means the rule does not apply, say why with `allow presence_gate \"reason\"`", secondary: ["project.budget: the rule checks `project.budget`"]),
    SemanticCase("rule A {\n  «W2012»allow presence_gate \"why\"\n  require project.budget < 100\n}", "`allow presence_gate` on a rule with no presence gate", "allow presence_gate \"why\"", help: "remove the `allow` line"),
    SemanticCase("rule A {\n  allow presence_gate «E2031»\"\"\n  when exists(items)\n  require count(items) < 100\n}", "`allow presence_gate` gives no reason", "\"\"",
                 help: "say why the rule may be skipped when its evidence is absent, e.g. `allow presence_gate \"the section is optional by law: …\"`"),
    SemanticCase("rule A {\n  allow «E2032»presence_gates \"why\"\n  require true\n}", "`presence_gates` is not a warning a rule can allow", "presence_gates", help: "did you mean `presence_gate`?"),
]

@Suite struct SemanticCheckTests {
    @Test(arguments: semanticCases)
    func reportsOneDiagnostic(_ c: SemanticCase) throws {
        let o = loadSemantic(c)
        let code = try #require(o.code)
        #expect(o.loaded.diagnostics.map(\.code.rawValue).sorted() == ([code] + c.also).sorted(), "\(o.summary)")
        let d = try #require(o.loaded.diagnostics.first { $0.code.rawValue == code })
        #expect(d.code.rawValue == code)
        #expect(d.severity == (code.hasPrefix("W") ? .warning : .error))
        #expect(d.message == c.message)
        #expect(o.text(d.span) == c.underlined)
        #expect(Int(d.span.start) == o.offset, "the marker is not where the span starts")
        #expect(d.help == c.help)
        #expect(d.secondary.map { "\(o.text($0.span)): \($0.text ?? "")" } == c.secondary)
        // The rule of messages: one line, lowercase start, no final period.
        #expect(!d.message.contains("\n") && !d.message.hasSuffix("."))
    }

    /// Every code the Analyzer emits has a case above.
    @Test func everyCodeIsCovered() throws {
        let analyzer = try String(contentsOf: packageRoot.appendingPathComponent("Sources/Semantics/Analyzer.swift"), encoding: .utf8)
        let regex = try Regex(#""([EW]20\d\d)""#)
        let emitted = Set(analyzer.matches(of: regex).map { String(analyzer[$0.range].dropFirst().dropLast()) })
        let covered = Set(semanticCases.compactMap { stripMarker($0.source).code })
        #expect(emitted.subtracting(covered).isEmpty, "uncovered: \(emitted.subtracting(covered).sorted())")
        #expect(emitted.count >= 22)
    }

    /// `{…}` in a `given` string is not interpolated: the object is JSON, so
    /// it is literal text, and loads without a diagnostic.
    @Test func givenStringsAreLiteral() throws {
        let o = loadSemantic(SemanticCase("rule A { require true }\ntest \"t\" {\n  given { \"a\": \"{x}\" }\n  expect A pass\n}", "", "", schema: false))
        #expect(o.loaded.diagnostics.isEmpty, "\(o.summary)")
    }

    /// One mistake in a let is reported once, where it is, not again at each use.
    @Test func noCascadeThroughUses() throws {
        let o = loadSemantic(SemanticCase("let n = count(project.name)\nrule A { require n > 1 and n < 5 }", "", ""))
        #expect(o.summary.count == 1, "\(o.summary)")
    }

    /// Several independent errors in one file are all reported, sorted by position.
    @Test func allErrorsInOneRun() throws {
        let o = loadSemantic(SemanticCase("""
            rule A { require projet.budget > 0 }
            rule A { require count(project.name) > 1 }
            rule B { require project.type == "factry" }
            """, "", ""))
        #expect(o.loaded.diagnostics.map(\.code.rawValue) == ["E2001", "E2004", "E2016"], "\(o.summary)")
    }
}
