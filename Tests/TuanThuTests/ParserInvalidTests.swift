import Testing
@testable import Syntax

/// An input with one error: `«CODE»` marks where the primary span starts.
struct InvalidCase: CustomTestStringConvertible, Sendable {
    var source: String
    var message: String
    /// The source text under the primary span.
    var underlined: String
    var help: String? = nil

    init(_ source: String, _ message: String, _ underlined: String, help: String? = nil) {
        self.source = source
        self.message = message
        self.underlined = underlined
        self.help = help
    }

    var testDescription: String { source }
}

let invalidCases: [InvalidCase] = [
    // lexical
    InvalidCase("let x = a «E1001»& b", "unexpected character `&`", "&", help: "write `and` or `or`"),
    InvalidCase("let x = a «E1001»! b", "unexpected character `!`", "!", help: "write `not`, or `!=` to compare"),
    InvalidCase("let x = «E1001»'a'", "unexpected character `'`", "'"),
    InvalidCase("rule A { title «E1001»“Smart” }", "unexpected character `“`", "“"),
    InvalidCase("rule A { require x > 1«E1001»; }", "unexpected character `;`", ";"),
    InvalidCase("let x = «E1001»ệ", "unexpected character `ệ`", "ệ"),
    InvalidCase("let x = a«E1001»\u{00A0}+ b", "unexpected invisible character U+00A0 (a space that is not an ordinary space)", "\u{00A0}", help: "replace it with an ordinary space"),
    InvalidCase("let x = 1\n«E1001»\u{FEFF}let y = 2", "unexpected invisible character U+FEFF", "\u{FEFF}", help: "delete it; most editors do not show it"),
    InvalidCase("let x = a «E1001»\u{0C} b", "unexpected invisible character U+000C (a space that is not an ordinary space)", "\u{0C}"),
    InvalidCase("let x = a «E1001»\u{200B}", "unexpected invisible character U+200B", "\u{200B}"),
    InvalidCase("let x = «E1001»dự_án > 1", "`dự_án` is not a valid name", "dự_án"),
    InvalidCase("let x = «E1002»\"abc\nlet y = 1", "unterminated string", "\""),
    InvalidCase(#"let x = "a «E1003»\q b""#, "invalid escape `\\q` in a string", "\\q"),
    InvalidCase(#"let x = "a «E1003»\u{D800}""#, "invalid unicode escape `\\u{D800}`", "\\u{D800}"),
    InvalidCase(#"let x = "«E1003»\u{}""#, "invalid unicode escape `\\u{}`", "\\u{}"),
    InvalidCase(#"let x = "«E1003»\u1EA1""#, "invalid unicode escape `\\u`", "\\u"),
    InvalidCase("let x = 1\n«E1004»/* never closed\nrule A {", "unterminated block comment", "/*"),
    InvalidCase("let x = «E1005»1__0", "malformed number `1__0`", "1__0"),
    InvalidCase("let x = «E1005»1e", "malformed number `1e`", "1e"),
    InvalidCase("let x = «E1005»12abc", "malformed number `12abc`", "12abc"),
    InvalidCase("let x = «E1005»1_", "malformed number `1_`", "1_"),
    InvalidCase("let x = «E1006»2024-02-30", "`2024-02-30` is not a real calendar date", "2024-02-30", help: "month 2 of 2024 has 29 days"),
    InvalidCase("let x = «E1006»2024-13-01", "`2024-13-01` is not a real calendar date", "2024-13-01", help: "months run from 01 to 12"),
    InvalidCase("let x = «E1006»2024-7-9", "`2024-7-9` is not a date in the form YYYY-MM-DD", "2024-7-9", help: "write `2024-07-09`"),
    // declarations
    InvalidCase("«E1011»rul A { }", "expected a declaration, found `rul`", "rul", help: "did you mean `rule`?"),
    InvalidCase("«E1011»123", "expected a declaration (`rule`, `let`, `threshold`, `def`, `test`, `source`, `schema` or `ruleset`), found `123`", "123"),
    InvalidCase("rule A { require x }«E1011»}", "unexpected `}` between declarations", "}"),
    InvalidCase("let x = \"a\" «E1011»\"b\"", "unexpected `\"b\"` after the end of the declaration", "\"b\"", help: "an operator may be missing before it"),
    InvalidCase("let x = a «E1011»? b : c", "unexpected `?` after the end of the declaration", "?"),
    InvalidCase("rule A { require x } «E1011»)", "unexpected `)` after the end of the declaration", ")"),
    InvalidCase("let «E1010»and = 1", "expected a name after `let`, found the keyword `and`", "and", help: "`and` is reserved in expressions; choose another name"),
    InvalidCase("def f(x, «E1010»in) = x", "expected a parameter name, found the keyword `in`", "in"),
    InvalidCase("rule A { for each «E1010»null in xs { } }", "expected a variable name after `for each`, found the keyword `null`", "null"),
    InvalidCase("ruleset «E1010»{ }", "expected a ruleset name, found `{`", "{"),
    InvalidCase("ruleset r { «E1013»titel \"x\" }", "unknown word `titel` in ruleset `r`", "titel", help: "did you mean `title`?"),
    InvalidCase("ruleset r { «E1013»author \"x\" }", "expected `title`, `version`, `date_field`, `schema_severity` or `}` in ruleset `r`, found `author`", "author"),
    InvalidCase("ruleset r { title \"a\" «E1014»title \"b\" }", "`title` is given twice", "title"),
    InvalidCase("ruleset r { date_field «E1010»\"d\" }", "expected a field name, found `\"d\"`", "\"d\""),
    InvalidCase("source «E1010»S { }", "expected the source's name (a string such as `\"1032-CV/TU\"`), found `S`", "S", help: "put the text in double quotes"),
    InvalidCase("source \"S\" { issued «E1010»\"2024\" }", "expected the date the source was issued (a date such as `2024-07-09`), found `\"2024\"`", "\"2024\""),
    InvalidCase("source \"S\" { item \"1\" «E1010»}", "expected the item's text, found `}`", "}"),
    InvalidCase("source \"S\" { issued 2024-01-01 «E1014»issued 2024-01-02 }", "`issued` is given twice", "issued"),
    InvalidCase("schema { a: «E1010»strin }", "expected a type, found `strin`", "strin", help: "did you mean `string`?"),
    InvalidCase("schema { a «E1010»string }", "expected `:` after the field name, found `string`", "string"),
    InvalidCase("schema { a: enum(«E1010») }", "expected an enum value, found `)`", ")"),
    InvalidCase("schema { a: enum(\"x\" «E1010»\"y\") }", "expected `,` or `)` after the enum value, found `\"y\"`", "\"y\""),
    InvalidCase("schema { a: [string «E1010»}", "expected `]` after the element type, found `}`", "}"),
    InvalidCase("schema { «E1010»1: string }", "expected a field name, found `1`", "1"),
    InvalidCase("let «E1010»= 3", "expected a name after `let`, found `=`", "="),
    InvalidCase("let x «E1010»3", "expected `=` after the name, found `3`", "3"),
    InvalidCase("def «E1010»(a) = 1", "expected a function name after `def`, found `(`", "("),
    InvalidCase("def f(a «E1010»b) = 1", "expected `)` after the parameters, found `b`", "b"),
    InvalidCase("def f(a) «E1010»1", "expected `=` before the function's body, found `1`", "1"),
    // rules
    InvalidCase("rule «E1010»{ require x }", "expected a rule id after `rule`, found `{`", "{"),
    InvalidCase("rule A «E1010»require x", "expected `{` after the rule id, found `require`", "require"),
    InvalidCase("rule A { «E1013»titel \"x\" }", "unknown word `titel` in rule `A`", "titel", help: "did you mean `title`?"),
    InvalidCase("rule A { «E1013»= 1 }", "expected `title`, `cite`, `severity`, `tags`, `effective`, `hint`, `allow`, `when`, `require`, `for` or `}` in rule `A`, found `=`", "="),
    InvalidCase("rule A { severity «E1019»eror }", "expected `error`, `warning` or `info` after `severity`, found `eror`", "eror", help: "did you mean `error`?"),
    InvalidCase("rule A { title «E1010»enen \"x\" }", "expected a language tag such as `vi` or `en`, found `enen`", "enen", help: "tags are two lowercase letters, such as `vi` or `en`"),
    InvalidCase("rule A { hint «E1010»EN \"x\" }", "expected a language tag such as `vi` or `en`, found `EN`", "EN", help: "write `en`"),
    InvalidCase("rule A { require x else vi \"a\" «E1010»eng \"b\" }", "expected a language tag such as `vi` or `en`, found `eng`", "eng"),
    InvalidCase("rule A { title vi «E1010»}", "expected the rule's title, found `}`", "}"),
    InvalidCase("rule A { cite «E1010»1032 }", "expected the cited source (a string such as `\"1032-CV/TU\"`), found `1032`", "1032"),
    InvalidCase("rule A { cite \"S\" item «E1010»3 }", "expected the cited item (a string such as `\"3.5\"`), found `3`", "3"),
    InvalidCase("rule A { tags a, «E1010»}", "expected a tag, found `}`", "}"),
    InvalidCase("rule A { effective «E1010»2024-01-01 }", "expected `from` or `until` after `effective`, found `2024-01-01`", "2024-01-01"),
    InvalidCase("rule A { effective from «E1010»\"2024-01-01\" }", "expected the date the rule takes effect (a date such as `2024-07-09`), found `\"2024-01-01\"`", "\"2024-01-01\"", help: "write the date without quotes: `2024-01-01`"),
    InvalidCase("rule A { hint en «E1010»x }", "expected the hint text, found `x`", "x", help: "put the text in double quotes"),
    InvalidCase("rule A { when x «E1014»when y require z }", "a rule has one `when`", "when", help: "combine the conditions with `and`"),
    InvalidCase("rule A { require x else «E1010»}", "expected the message after `else`, found `}`", "}"),
    InvalidCase("rule A { require x else vi \"a\" «E1010»\"b\" }", "expected a language tag before another message, found `\"b\"`", "\"b\""),
    InvalidCase("rule A { for «E1010»x in xs { } }", "expected `each` after `for`, found `x`", "x"),
    InvalidCase("rule A { for each x «E1010»xs { } }", "expected `in` after `for each x`, found `xs`", "xs"),
    InvalidCase("rule A { for each x in xs «E1010»require x }", "expected `{` to open the `for each` body, found `require`", "require"),
    InvalidCase("rule A { for each x in xs { «E1013»severity error } }", "expected `require`, `for` or `}` in a `for each` body, found `severity`", "severity"),
    InvalidCase("rule A { require x«E1010»", "expected `}` to close rule `A`, found end of file", ""),
    InvalidCase("rule A { title \"t\"\n\n«E1010»rule B { title \"u\" }", "expected `}` to close rule `A`, found `rule`", "rule"),
    // tests
    InvalidCase("test «E1010»t { given {} }", "expected the test's name, found `t`", "t"),
    InvalidCase("test \"t\" { «E1010»expect A pass }", "expected `given` at the start of a test, found `expect`", "expect"),
    InvalidCase("test \"t\" { given «E1010»x }", "expected `{` or `file` after `given`, found `x`", "x"),
    InvalidCase("test \"t\" { given {} expect A «E1018»pas }", "expected an outcome (`pass`, `fail`, `missing` or `not_applicable`), found `pas`", "pas", help: "did you mean `pass`?"),
    InvalidCase("test \"t\" { given {} expect «E1010»{ }", "expected a rule id after `expect`, found `{`", "{"),
    InvalidCase("test \"t\" { given {} expect A pass at «E1010»/a }", "expected a JSON Pointer (a string such as `\"/wastewater/treatment\"`), found `/`", "/"),
    InvalidCase("test \"t\" { given {} «E1013»expct A pass }", "unknown word `expct` in the test", "expct", help: "did you mean `expect`?"),
    // the JSON of `given`
    InvalidCase("test \"t\" { given { \"a\": «E1022»x } }", "expected a JSON value, found `x`", "x"),
    InvalidCase("test \"t\" { given { \"d\": «E1022»2024-07-09 } }", "expected a JSON value, found `2024-07-09`", "2024-07-09", help: "JSON has no dates; write the date as a string: \"2024-07-09\""),
    InvalidCase("test \"t\" { given { \"a\": 1, «E1022»} }", "expected a key after `,`, found `}`", "}", help: "JSON allows no comma before `}`"),
    InvalidCase("test \"t\" { given { \"a\": [1, «E1022»] } }", "expected a value after `,`, found `]`", "]", help: "JSON allows no comma before `]`"),
    InvalidCase("test \"t\" { given { \"a\": «E1022»1_000 } }", "`1_000` is not a JSON number", "1_000", help: "JSON numbers have no `_`"),
    InvalidCase("test \"t\" { given { \"a\": «E1022»007 } }", "`007` is not a JSON number", "007"),
    InvalidCase("test \"t\" { given { \"a\": -«E1022»x } }", "expected a number right after `-`, found `x`", "x"),
    InvalidCase("test \"t\" { given { \"a\": «E1022»(1) } }", "expected a JSON value, found `(`", "("),
    InvalidCase("test \"t\" { given { «E1022»a: 1 } }", "expected a string key in the object, found `a`", "a"),
    InvalidCase("test \"t\" { given { \"a\": 1 «E1022»\"b\": 2 } }", "expected `,` or `}` in the object, found `\"b\"`", "\"b\""),
    InvalidCase(#"test "t" { given { "a": "«E1003»\q" } }"#, "invalid escape `\\q` in a JSON string", "\\q"),
    InvalidCase(#"test "t" { given { "a": "«E1003»\u12" } }"#, "invalid escape `\\u` in a JSON string", "\\u"),
    InvalidCase("test \"t\" { given { \"a\": \"x«E1022»\ty\" } }", "unescaped control character in a JSON string", "\t", help: "write `\\t`"),
    // expressions
    InvalidCase("let x = a > «E1012»", "expected an expression, found end of file", ""),
    InvalidCase("rule A { require x > «E1012»}", "expected an expression, found `}`", "}"),
    InvalidCase("rule A { require x + «E1012»}", "expected an expression, found `}`", "}",
                help: "the expression stops after an operator: complete it, or remove that operator"),
    InvalidCase("ruleset r { title «E1010»en \"Demo\" }", "expected the ruleset's title, found `en`", "en",
                help: "the ruleset's title is one text, in no particular language: remove `en`"),
    InvalidCase("rule A { require x == «E1012»= 3 }", "expected an expression, found `=`", "=", help: "use `==` to compare"),
    InvalidCase("rule A { require x «E1010»= 3 }", "expected `==` to compare, found `=`", "="),
    InvalidCase("let x = a < b «E1021»< c", "comparisons cannot be chained", "<", help: "write `a < b and b < c`"),
    InvalidCase("let x = «E1012»and", "expected an expression, found the keyword `and`", "and"),
    InvalidCase("let x = not «E1012»in xs", "expected an expression, found the keyword `in`", "in"),
    InvalidCase("let x = (1 +\n«E1012»rule C { require x }", "expected an expression, found `rule`", "rule"),
    InvalidCase("let x = (a «E1010»b)", "expected `)` to close `(`, found `b`", "b"),
    InvalidCase("let x = [1, 2 «E1010»}", "expected `,` or `]` in the list, found `}`", "}"),
    InvalidCase("let x = {\"a\" «E1010»1}", "expected `:` after the key, found `1`", "1"),
    InvalidCase("let x = {«E1010»a: 1}", "expected a string key in the object, found `a`", "a", help: "keys are written in double quotes, as in JSON"),
    InvalidCase("let x = {«E1080»\"{k}\": 1}", "a key cannot contain `{…}` interpolation", "\"{k}\"", help: "write `{{` and `}}` for literal braces"),
    InvalidCase("schema { «E1080»\"a{b}\": string }", "a key cannot contain `{…}` interpolation", "\"a{b}\""),
    InvalidCase("let x = f(a «E1010»b)", "expected `,` or `)` in the call to `f`, found `b`", "b"),
    InvalidCase("let x = a.«E1010»1", "expected a field name after `.`, found `1`", "1"),
    InvalidCase("let x = a[*«E1010».b]", "expected `]` after `[*`, found `.`", "."),
    InvalidCase("let x = a[1 «E1010»2]", "expected `]` after the index, found `2`", "2"),
    InvalidCase("let x = count(x in xs «E1017»x > 1)", "expected `:` before the condition of `count`, found `x`", "x"),
    InvalidCase("let x = all(xs«E1010»)", "expected `in` after `xs`, found `)`", ")"),
    InvalidCase("let x = any(«E1010»1 in xs: true)", "expected a variable name, as in `any(x in list: condition)`, found `1`", "1"),
    InvalidCase("let x = none(x in xs: x «E1010»y)", "expected `)` to close `none(`, found `y`", "y"),
    // interpolation: errors point inside the string
    InvalidCase(#"let x = "a {x +«E1012»} b""#, "expected an expression, found `}`", "}"),
    InvalidCase(#"let x = "a «E1030»{} b""#, "`{}` in a string would be an interpolation, but it holds no expression", "{}"),
    InvalidCase(#"let x = "^CT-[0-9]«E1030»{4}$""#, "`{4}` in a string would be an interpolation, but it holds no expression", "{4}",
                help: "to keep the braces as written, write the string raw, in backticks: `^CT-[0-9]{4}$`"),
    InvalidCase(#"let x = "say \"`\" «E1030»{2}""#, "`{2}` in a string would be an interpolation, but it holds no expression", "{2}",
                help: "to keep the braces as written, double them: `{{2}}`"),
    InvalidCase(#"let x = "a«E1030»{2,3}""#, "`{2,3}` in a string would be an interpolation, but it holds no expression", "{2,3}"),
    InvalidCase(#"let x = "a«E1030»{,5}""#, "`{,5}` in a string would be an interpolation, but it holds no expression", "{,5}"),
    InvalidCase(#"let x = "a«E1030»{1,2,3}""#, "`{1,2,3}` in a string would be an interpolation, but it holds no expression", "{1,2,3}"),
    InvalidCase(#"let x = "a«E1030»{ 2 , }""#, "`{ 2 , }` in a string would be an interpolation, but it holds no expression", "{ 2 , }"),
    InvalidCase(#"let x = «E1002»`^CT-[0-9]{4}"#, "unterminated raw string", "`"),
    InvalidCase("rule A { require true }\ntest \"t\" { given { \"a\": «E1001»`x` } expect A pass }", "a raw string in backticks cannot be used in `given`, which is JSON", "`",
                help: "write the string in double quotes, with JSON's escapes"),
    InvalidCase(#"let x = if a then 1 «E1010»2"#, "expected `else` after the `then` branch, found `2`", "2"),
    InvalidCase(#"let x = if a «E1010»1 else 2"#, "expected `then` after the condition of `if`, found `1`", "1"),
    InvalidCase(#"let x = [e for x «E1010»of xs]"#, "expected `in` after `for x`, found `of`", "of"),
    InvalidCase(#"let x = [e for x in xs «E1010»x]"#, "expected `]` to close the list, found `x`", "x"),
    InvalidCase(#"let x = sum(e for x in xs «E1010», 2)"#, "expected `)` after the comprehension in the call to `sum`, found `,`", ","),
    InvalidCase(#"let x = [e for «E1010»where in xs]"#, "expected a variable name after `for`, as in `[e for x in list]`, found the keyword `where`", "where"),
    InvalidCase(#"rule A { for each it, «E1010»1 in xs { require it } }"#, "expected a name for the element's position after `for each it,`, found `1`", "1"),
    InvalidCase(#"let x = "a {x «E1016»b}""#, "expected `}` to close the interpolation, found `b`", "b"),
    InvalidCase(#"let x = "total {x«E1016»" + y"#, "expected `}` to close the interpolation, found the end of the string", "\""),
    InvalidCase(#"let x = "a «E1030»{/* nothing */} b""#, "empty interpolation", "{/* nothing */}", help: "write `{{}}` for literal braces, or put an expression inside"),
    InvalidCase(#"let x = "a {«E1001»& x}""#, "unexpected character `&`", "&"),
    InvalidCase(#"let x = "a {«E1005»1__0}""#, "malformed number `1__0`", "1__0"),
    InvalidCase(#"let x = "{f("«E1003»\q")}""#, "invalid escape `\\q` in a string", "\\q"),
    // thresholds, verification, points, `inspect on`
    InvalidCase("threshold «E1071»t = 5\n  verified", "threshold `t` cites no source", "t", help: "add the article the figure comes from on the next line: `cite \"SOURCE\" item \"N\"`"),
    InvalidCase("threshold «E1070»t = 5\n  cite \"S\" item \"1\"", "threshold `t` does not say whether it was verified", "t", help: "add `verified` if the figure was checked against the cited text, or `unverified \"why\"`"),
    InvalidCase("threshold t = 5\n  cite \"S\"\n  «E1072»unverified", "`unverified` needs a reason", "unverified"),
    InvalidCase("threshold t = 5\n  cite \"S\"\n  verified «E1073»\"checked\"", "`verified` takes no text", "\"checked\""),
    InvalidCase("threshold t = 5\n  cite \"S\" «E1074»point \"a\"\n  verified", "a `point` is cited within an `item`", "point", help: "write `cite \"SOURCE\" item \"N\" point \"P\"`"),
    InvalidCase("threshold t = 5\n  cite «E1010»S\n  verified", "expected the cited source (a string such as `\"1032-CV/TU\"`), found `S`", "S"),
    InvalidCase("threshold «E1010»= 5\n  cite \"S\"\n  verified", "expected a name after `threshold`, found `=`", "="),
    InvalidCase("threshold t = 5\n  cite \"S\"\n  verified\n  «E1014»unverified \"x\"", "the verification is given twice", "unverified", help: "keep one: `verified` if the text was read in the source, else `unverified`"),
    InvalidCase("rule A {\n  cite \"S\" item \"1\" point «E1010»a\n  require true\n}", "expected the cited point (a string such as `\"a\"`), found `a`", "a"),
    InvalidCase("source \"S\" {\n  item \"1\" \"x\" verified {\n    «E1013»pont \"a\" \"y\"\n  }\n}", "unknown word `pont` in item \"1\"", "pont", help: "did you mean `point`?"),
    InvalidCase("source \"S\" {\n  item \"1\" \"x\" {\n    point \"a\" «E1010»verified\n  }\n}", "expected the point's text, found `verified`", "verified"),
    InvalidCase("source \"S\" {\n  item \"1\" \"x\" verified «E1014»verified\n}", "the verification is given twice", "verified"),
    InvalidCase("source \"S\" {\n  item \"1\" \"x\" verified {\n    point \"a\" \"y\"\n«E1010»", "expected `}` to close item \"1\", found end of file", ""),
    InvalidCase("test \"t\" {\n  inspect «E1075»at 2026-01-15\n  given { }\n}", "expected `on` after `inspect`, found `at`", "at", help: "write `inspect on 2026-01-15`: the test is an inspection on that date"),
    InvalidCase("test \"t\" {\n  given { }\n  inspect on «E1010»\"2026-01-15\"\n}", "expected the inspection date (a date such as `2024-07-09`), found `\"2026-01-15\"`", "\"2026-01-15\"", help: "write the date without quotes: `2026-01-15`"),
    InvalidCase("test \"t\" {\n  inspect on 2026-01-15\n  given { }\n  «E1014»inspect on 2026-02-01\n}", "`inspect` is given twice", "inspect"),
]

@Suite struct ParserInvalidTests {
    @Test(arguments: invalidCases)
    func reportsOneError(_ c: InvalidCase) throws {
        let (text, offset, code) = stripMarker(c.source)
        let p = parse(text)
        #expect(p.diagnostics.count == 1, "\(p.summary)")
        let d = try #require(p.diagnostics.first)
        #expect(d.code.rawValue == code)
        #expect(d.message == c.message)
        #expect(Int(d.span.start) == offset, "starts at \(p.source.location(of: d.span.start))")
        #expect(p.underlined(d) == c.underlined)
        if let help = c.help { #expect(d.help == help) }
        // The rule of messages: one line, lowercase start, no final period.
        #expect(!d.message.contains("\n") && !d.message.hasSuffix("."))
        #expect(d.message.first.map { !$0.isUppercase } ?? false)
    }

    @Test func invalidUTF8IsReportedWithItsOffset() {
        var bytes = Array("let x = \"a".utf8)
        bytes.append(0xFF)
        bytes += Array("b\"\n// c ".utf8) + [0xC3, 0x28]
        let p = parse(bytes: bytes)
        #expect(p.diagnostics.map(\.code.rawValue) == ["E1007", "E1007"])
        #expect(p.diagnostics.map(\.message) == ["invalid UTF-8 at byte 10", "invalid UTF-8 at byte 19"])
        #expect(p.diagnostics.allSatisfy { $0.span.length == 1 })
    }

    @Test func anUnclosedBlockNamesItsBrace() throws {
        let p = parse("rule A {\n  require x\n\nrule B { require y }")
        let d = try #require(p.diagnostics.first)
        #expect(p.diagnostics.count == 1)
        #expect(d.secondary.map { p.source.text($0.span) } == ["{"])
        #expect(d.secondary.map(\.text) == ["unclosed `{`"])
        // Rule B is still parsed.
        let ids = p.file.decls.compactMap { d -> String? in if case .rule(let r) = d { r.id.text } else { nil } }
        #expect(ids == ["A", "B"])
    }

    @Test func tooManyErrorsStopsParsing() {
        let text = (0..<150).map { "rule R\($0) { severity eror }" }.joined(separator: "\n")
        let p = parse(text)
        #expect(p.diagnostics.count == Parser.maxErrors + 1)
        #expect(p.diagnostics.last?.code.rawValue == "E1020")
        #expect(p.diagnostics.last?.message == "too many errors; stopped parsing")
    }

    @Test func oneErrorPerLine() {
        // Three problems on one line: the first is the one reported.
        let p = parse("let x = 1__0 + 12abc & y")
        #expect(p.summary == ["E1005 malformed number `1__0` «1__0»"])
    }
}
