// The catalogue of every diagnostic code the tool emits: what it means, a
// minimal input that triggers it, and how to fix it. `tuanthu explain-code`
// prints an entry; `Rules/DIAGNOSTICS.md` is generated from it. Tests check
// that every code written in Sources/ is here and that each example, run
// through the built tool, really emits its code.

/// One file an example is made of, written into an empty folder.
package struct CodeExampleFile: Sendable {
    /// The file's name, relative to the folder.
    package var name: String
    /// The file's exact content as text (empty when given as `bytes`).
    package var text: String
    /// The file's exact bytes.
    package var bytes: [UInt8]
    /// What `explain-code` shows instead of `text` when the content is long
    /// (a generated file); nil to show `text`.
    package var shown: String?

    /// Creates an example file.
    package init(_ name: String, _ text: String, shown: String? = nil) {
        self.name = name
        self.text = text
        self.bytes = Array(text.utf8)
        self.shown = shown
    }

    /// Creates an example file from bytes that are not valid UTF-8; `shown`
    /// describes them.
    package init(_ name: String, bytes: [UInt8], shown: String) {
        self.name = name
        self.text = ""
        self.bytes = bytes
        self.shown = shown
    }
}

/// A minimal input that triggers a code: files, and the `tuanthu` arguments
/// that read them, run from the folder holding the files.
package struct CodeExample: Sendable {
    /// The files, written into an empty folder.
    package var files: [CodeExampleFile]
    /// The arguments after `tuanthu`, e.g. `["lint", "r.rules"]`.
    package var arguments: [String]
    /// Why the example cannot be run by the tests, or nil when it can.
    package var notRunnable: String?

    /// Creates an example.
    package init(files: [CodeExampleFile], arguments: [String], notRunnable: String? = nil) {
        self.files = files
        self.arguments = arguments
        self.notRunnable = notRunnable
    }

    /// A ruleset file `r.rules`, linted.
    static func rules(_ text: String, shown: String? = nil) -> CodeExample {
        CodeExample(files: [CodeExampleFile("r.rules", text, shown: shown)], arguments: ["lint", "r.rules"])
    }

    /// A JSON file `d.json`, read by `json-check`.
    static func json(_ text: String, shown: String? = nil) -> CodeExample {
        CodeExample(files: [CodeExampleFile("d.json", text, shown: shown)], arguments: ["json-check", "d.json"])
    }

    /// A waivers file `w.json` used in a check of `d.json` against `r.rules`.
    static func waivers(_ waivers: String, dossier: String = #"{"id": "D-1", "a": 0}"#) -> CodeExample {
        CodeExample(
            files: [
                CodeExampleFile("r.rules", "rule A {\n  require a > 0\n}\n"),
                CodeExampleFile("d.json", dossier + "\n"),
                CodeExampleFile("w.json", waivers + "\n"),
            ],
            arguments: ["check", "--rules", "r.rules", "--waivers", "w.json", "--as-of", "2025-01-15", "d.json"])
    }
}

/// One code of the catalogue.
package struct CodeEntry: Sendable {
    /// The code, e.g. `E2017`.
    package var code: String
    /// One line: what is wrong.
    package var title: String
    /// Why it is an error and when the tool reports it.
    package var explanation: String
    /// A minimal input that triggers it.
    package var example: CodeExample
    /// How to fix it.
    package var fix: String
    /// The message catalogue entries (`Messages/`) whose text this code's
    /// diagnostics carry: one meaning per code, worded by these keys only.
    package var messageKeys: [String] = []
}

/// Every diagnostic code the tool emits, grouped and sorted by code.
package enum CodeCatalogue {
    /// The entry for `code` (case-insensitive), or nil.
    package static func entry(_ code: String) -> CodeEntry? {
        let wanted = code.uppercased()
        return entries.first { $0.code == wanted }
    }

    /// Codes no longer emitted, and the code that took their place: a
    /// warning that became an error because it let a rule decide silently.
    package static let renamed: [String: String] = ["W2002": "E2018", "W2003": "E2016"]

    /// `explain-code`'s text for one entry.
    package static func explanation(_ e: CodeEntry) -> String {
        var s = "\(e.code): \(e.title)\n\n\(e.explanation)\n\nExample (`tuanthu \(e.example.arguments.joined(separator: " "))`):\n"
        for f in e.example.files {
            s += "\n  \(f.name):\n"
            let body = f.shown ?? f.text
            for line in body.split(separator: "\n", omittingEmptySubsequences: false).dropLast(body.hasSuffix("\n") ? 1 : 0) {
                s += line.isEmpty ? "\n" : "    \(line)\n"
            }
        }
        if let why = e.example.notRunnable { s += "\n  (not run by the tests: \(why))\n" }
        s += "\nHow to fix it: \(e.fix)\n"
        return s
    }

    /// The Markdown index of every code (`Rules/DIAGNOSTICS.md`).
    package static func markdown() -> String {
        var s = """
            # Diagnostic codes

            Generated from `Sources/Diagnostics/CodeCatalogue.swift`; do not edit by hand.
            Regenerate with `swift run tuanthu explain-code --markdown > Rules/DIAGNOSTICS.md`.
            `tuanthu explain-code CODE` prints one entry.

            E1xxx lexing and parsing a ruleset, E2xxx names and types, E3xxx JSON input,
            E4xxx files and waivers, Wxxxx warnings.

            | code | meaning |
            |---|---|

            """
        for e in entries { s += "| [\(e.code)](#\(e.code.lowercased())) | \(e.title.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")) |\n" }
        for e in entries {
            s += "\n## \(e.code)\n\n**\(e.title)**\n\n\(e.explanation)\n\nExample (`tuanthu \(e.example.arguments.joined(separator: " "))`):\n"
            for f in e.example.files {
                let body = f.shown ?? f.text
                let fence = body.contains("```") ? "````" : "```"
                s += "\n`\(f.name)`:\n\n\(fence)text\n\(body)\(body.hasSuffix("\n") ? "" : "\n")\(fence)\n"
            }
            if let why = e.example.notRunnable { s += "\n(Not run by the tests: \(why).)\n" }
            s += "\nHow to fix it: \(e.fix)\n"
        }
        return s
    }

    /// Every entry, sorted by code.
    package static let entries: [CodeEntry] = (syntax + semantic + input + files + warnings + inspection).sorted { $0.code < $1.code }

    // MARK: - E1xxx: lexing and parsing a ruleset

    static let syntax: [CodeEntry] = [
        CodeEntry(
            code: "E1001", title: "unexpected character",
            explanation: "The lexer met a character that starts no token: an operator the language lacks (`&`, `|`), a smart quote, an invisible or non-ASCII character outside a string, or a name with letters outside ASCII.",
            example: .rules("rule A {\n  require x > 1 & y < 2\n}\n"),
            fix: "Use the language's words and operators (`and`, `or`, `not`), straight quotes, and ASCII names; put other text inside a string.",
            messageKeys: [
                "syntax.invalidName", "syntax.invisibleCharacter", "syntax.invisibleSpace", "syntax.unexpectedCharacter",
                "syntax.rawStringInGiven",
            ]),
        CodeEntry(
            code: "E1002", title: "unterminated string",
            explanation: "A string literal has no closing `\"` on its line. Strings do not span lines.",
            example: .rules("rule A {\n  title \"Missing the closing quote\n  require true\n}\n"),
            fix: "Add the closing `\"` on the same line; write `\\n` for a line break inside the text.",
            messageKeys: ["syntax.unterminatedRawString", "syntax.unterminatedString"]),
        CodeEntry(
            code: "E1003", title: "invalid escape in a string",
            explanation: "A backslash in a string is followed by a character that is no escape. Rule strings know `\\\"`, `\\\\`, `\\n`, `\\t` and `\\u{…}`; JSON strings in a test's `given` know JSON's escapes.",
            example: .rules("rule A {\n  require true else \"Path C:\\data\"\n}\n"),
            fix: "Double the backslash (`\\\\`) for a literal one, or use a valid escape.",
            messageKeys: ["syntax.badUnicodeEscape", "syntax.badEscape", "syntax.jsonBadEscape", "syntax.jsonIncompleteEscape", "syntax.jsonLoneSurrogate"]),
        CodeEntry(
            code: "E1004", title: "unterminated block comment",
            explanation: "A `/*` comment is never closed with `*/`, so the rest of the file would be a comment.",
            example: .rules("rule A {\n  require true\n}\n\n/* work in progress\n"),
            fix: "Close the comment with `*/`, or use `//` line comments.",
            messageKeys: ["syntax.unterminatedComment"]),
        CodeEntry(
            code: "E1005", title: "malformed number",
            explanation: "A number literal does not have the shape of one: digits, an optional fraction, an optional exponent, and single `_` between digits as separators.",
            example: .rules("let budget = 1__000_000\n\nrule A {\n  require budget > 0\n}\n"),
            fix: "Write numbers like `12`, `0.8`, `1e6` or `1_000_000`.",
            messageKeys: ["syntax.malformedNumber"]),
        CodeEntry(
            code: "E1006", title: "malformed or impossible date",
            explanation: "A date literal is not written `YYYY-MM-DD` with two-digit month and day, or names a day the calendar does not have (`2025-02-30`).",
            example: .rules("rule A {\n  effective from 2024-7-9\n  require true\n}\n"),
            fix: "Write the date as `YYYY-MM-DD` with zero padding, e.g. `2024-07-09`, and check that the day exists.",
            messageKeys: ["syntax.notADateForm", "syntax.notARealDate"]),
        CodeEntry(
            code: "E1007", title: "invalid UTF-8 in a rules file",
            explanation: "A `.rules` file must be UTF-8; a byte at this offset starts no valid UTF-8 sequence (a file saved as Latin-1 or Windows-1258, for instance).",
            example: CodeExample(files: [CodeExampleFile("r.rules", bytes: Array("rule A {\n  title \"Caf".utf8) + [0xE9] + Array("\"\n  require true\n}\n".utf8),
                                                         shown: "rule A {\n  title \"Caf<byte 0xE9>\"\n  require true\n}\n")],
                                 arguments: ["lint", "r.rules"]),
            fix: "Save the file as UTF-8.",
            messageKeys: ["syntax.invalidUTF8"]),
        CodeEntry(
            code: "E1010", title: "expected a particular token",
            explanation: "The parser needed a specific token here (a rule id, `)`, `}`, a type, `in`, a language tag, …) and found another. The message names both; the help often names the usual cause.",
            example: .rules("rule A {\n  require (1 > 0\n}\n"),
            fix: "Write the token the message expects; for an unclosed bracket, close it where the expression ends.",
            messageKeys: ["syntax.expectedFound", "syntax.expectedDateFound", "syntax.closeBlock"]),
        CodeEntry(
            code: "E1011", title: "expected a declaration",
            explanation: "At the top level of a file only `rule`, `let`, `def`, `test`, `source`, `schema` and `ruleset` may start a declaration; a misspelt keyword or a stray `}` ends up here.",
            example: .rules("rul A {\n  require true\n}\n"),
            fix: "Spell the declaration keyword correctly, or remove the stray token.",
            messageKeys: [
                "syntax.strayCloseBrace", "syntax.afterDeclaration", "syntax.expectedDeclarationList", "syntax.expectedDeclaration",
            ]),
        CodeEntry(
            code: "E1012", title: "expected an expression",
            explanation: "An expression was needed (after an operator, after `require`, inside an interpolation) but a keyword, a closing bracket or the end of the line came instead.",
            example: .rules("rule A {\n  require 1 +\n}\n"),
            fix: "Complete the expression, or remove the dangling operator.",
            messageKeys: ["syntax.expectedFound", "syntax.phrase.anExpression"]),
        CodeEntry(
            code: "E1013", title: "unknown word in a block",
            explanation: "Inside a `rule`, `ruleset` or `source` block each line starts with one of the block's words (`title`, `cite`, `severity`, `when`, `require`, …); this word is none of them.",
            example: .rules("rule A {\n  titel \"Misspelt\"\n  require true\n}\n"),
            fix: "Use one of the words the message lists (the help suggests the closest).",
            messageKeys: ["syntax.unknownWordIn", "syntax.expectedWordsIn"]),
        CodeEntry(
            code: "E1014", title: "given twice",
            explanation: "A clause that is allowed once is given again: a rule's second `when`, a second `title` or `version` in a block, a second `verified`/`unverified` on one item or threshold, a second `vi` or `en` label on one enum value, or a JSON object in a test's `given` with the same key twice.",
            example: .rules("rule A {\n  when true\n  when false\n  require true\n}\n"),
            fix: "Combine the two conditions with `and`, or keep one of the keys.",
            messageKeys: [
                "syntax.secondEnumLabel", "syntax.secondWhen", "syntax.verificationTwice", "syntax.givenTwice",
            ]),
        CodeEntry(
            code: "E1015", title: "nesting too deep",
            explanation: "An expression nests more than 100 levels of brackets or operators. The parser stops there rather than exhaust its stack.",
            example: .rules("let x = " + String(repeating: "(", count: 101) + "1" + String(repeating: ")", count: 101) + "\n",
                            shown: "let x = ((((…(1)…))))      // 101 levels of brackets\n"),
            fix: "Split the expression into named parts with `let` or `def`.",
            messageKeys: ["syntax.nestingTooDeep"]),
        CodeEntry(
            code: "E1016", title: "interpolation not closed",
            explanation: "A `{` in a string starts an interpolation, an expression written inside braces; after the expression the parser met something other than the closing `}` (a second expression, or the end of the string).",
            example: .rules("rule A {\n  require true else en \"Use {x y} here\"\n}\n"),
            fix: "Close the expression with `}`, or write `{{` and `}}` for literal braces.",
            messageKeys: ["syntax.expectedFound", "syntax.phrase.closeInterpolation"]),
        CodeEntry(
            code: "E1030", title: "braces that cannot be an interpolation",
            explanation: "In an ordinary string, `{…}` interpolates an expression. Braces that hold no expression — only digits, commas or spaces (`{4}`, `{2,3}`, `{}`), or only a comment — are almost always a regular-expression quantifier or a literal brace, so they are refused rather than silently interpolated.",
            example: .rules("rule A {\n  require matches(\"CT-0001\", \"^CT-[0-9]{4}$\")\n}\n"),
            fix: "Write the text as a raw string in backticks, `` `^CT-[0-9]{4}$` ``, where nothing is interpolated or escaped; or double the braces, `{{4}}`.",
            messageKeys: ["syntax.bracesWithoutExpression", "syntax.emptyInterpolation"]),
        CodeEntry(
            code: "E1017", title: "missing `:` in a quantifier",
            explanation: "A quantifier is written `all(x in list: condition)` (likewise `any`, `none`, `count`); the `:` before the condition is missing.",
            example: .rules("rule A {\n  require all(it in [1, 2] it > 0)\n}\n"),
            fix: "Write `all(it in list: condition)`.",
            messageKeys: ["syntax.expectedFound", "syntax.phrase.colonBeforeCondition"]),
        CodeEntry(
            code: "E1018", title: "unknown outcome in `expect`",
            explanation: "A test's `expect` names an outcome that does not exist. The outcomes are `pass`, `fail`, `missing` and `not_applicable`.",
            example: .rules("rule A {\n  require true\n}\n\ntest \"t\" {\n  given { \"a\": 1 }\n  expect A passed\n}\n"),
            fix: "Use one of `pass`, `fail`, `missing`, `not_applicable`.",
            messageKeys: ["syntax.expectedFound", "syntax.phrase.outcome"]),
        CodeEntry(
            code: "E1019", title: "unknown severity",
            explanation: "`severity` takes `error`, `warning` or `info`.",
            example: .rules("rule A {\n  severity fatal\n  require true\n}\n"),
            fix: "Write `severity error`, `severity warning` or `severity info`.",
            messageKeys: ["syntax.expectedFound", "syntax.phrase.severityAfterSeverity"]),
        CodeEntry(
            code: "E1020", title: "too many errors",
            explanation: "A file produced 100 syntax errors; the parser stopped there, because what follows is usually a cascade of the first ones.",
            example: .rules(String(repeating: "rule A { require ) }\n", count: 101),
                            shown: "rule A { require ) }\n… the same line 101 times\n"),
            fix: "Fix the first errors and run again.",
            messageKeys: ["syntax.tooManyErrors"]),
        CodeEntry(
            code: "E1021", title: "chained comparison",
            explanation: "`0 < x < 10` does not mean what it says in most languages, so it is an error here.",
            example: .rules("rule A {\n  require 0 < 5 < 10\n}\n"),
            fix: "Write `0 < x and x < 10`.",
            messageKeys: ["syntax.chainedComparison"]),
        CodeEntry(
            code: "E1022", title: "a test's `given` is not JSON",
            explanation: "The dossier written inline after `given` must be JSON (comments allowed): double-quoted keys, no trailing commas, no unescaped control characters, dates as strings.",
            example: .rules("rule A {\n  require true\n}\n\ntest \"t\" {\n  given { \"a\": 1, }\n  expect A pass\n}\n"),
            fix: "Write strict JSON: remove trailing commas, quote keys and dates.",
            messageKeys: [
                "syntax.jsonExpectedValue", "syntax.jsonCommaBeforeClose", "syntax.jsonControlCharacter", "syntax.notAJSONNumber",
                "syntax.expectedFound", "syntax.phrase.stringKey", "syntax.phrase.numberAfterMinus", "syntax.phrase.commaOrBraceInObject",
                "syntax.phrase.commaOrBracketInArray",
            ]),
        CodeEntry(
            code: "E1060", title: "expression tree too deep",
            explanation: "An expression is more than 256 levels deep, counting each operand of an `and`, `or`, `+`, `*` chain and each path segment as a level as well as brackets: every later stage (load-time checks, formatting, evaluation) walks the tree recursively, so a longer chain is refused rather than overflow the stack.",
            example: .rules("let x = 1" + String(repeating: " + 1", count: 300) + "\n",
                            shown: "let x = 1 + 1 + 1 + … + 1      // 301 terms\n"),
            fix: "Split the chain into named parts with `let` (`let part_1 = a and b and …`), then combine the parts.",
            messageKeys: ["syntax.expressionTooDeep"]),
        CodeEntry(
            code: "E1061", title: "path too long",
            explanation: "A path has more than 128 segments (`.name`, `[i]`, `[*]`). No dossier nests that deep; such a path is a mistake or an attack on the checker.",
            example: .rules("let x = a" + String(repeating: ".b", count: 130) + "\n",
                            shown: "let x = a.b.b.b.….b      // 130 segments\n"),
            fix: "Check the path; name a part of it with `let` if it really is that long.",
            messageKeys: ["syntax.pathTooLong"]),
        CodeEntry(
            code: "E1080", title: "interpolation in a key",
            explanation: "An object key in an expression, or a schema field name written in quotes, holds a `{…}` interpolation. Keys are fixed names, known when the ruleset loads.",
            example: .rules("schema {\n  \"name{x}\": string\n}\n"),
            fix: "Write the key without braces, or `{{` and `}}` for literal braces.",
            messageKeys: ["syntax.interpolatedKey"]),
    ]

    // MARK: - E2xxx: names and types

    static let semantic: [CodeEntry] = [
        CodeEntry(
            code: "E1070", title: "threshold without verification",
            explanation: "A `threshold` must say whether its figure was checked against the text it cites: `verified`, or `unverified \"why\"`. Reports show every finding resting on an unverified threshold, so the marker cannot be left out.",
            example: .rules("source \"50/2010/QH12\" {\n  item \"Điều 33\" \"Cơ sở sử dụng năng lượng trọng điểm\" verified\n}\n\nthreshold key_energy_user_toe_year = 1000\n  cite \"50/2010/QH12\" item \"Điều 33\"\n"),
            fix: "Add `verified` on a line after the cites if the figure was read in the cited text, else `unverified \"why\"`.",
            messageKeys: ["syntax.thresholdUnverified"]),
        CodeEntry(
            code: "E1071", title: "threshold without a citation",
            explanation: "A `threshold` names the article its figure comes from with at least one `cite` line.",
            example: .rules("threshold key_energy_user_toe_year = 1000\n  unverified \"Decree 30/2026 not found\"\n"),
            fix: "Add `cite \"SOURCE\" item \"N\"` (and `point \"P\"` if the item has points) on a line after the value.",
            messageKeys: ["syntax.thresholdCitesNothing"]),
        CodeEntry(
            code: "E1072", title: "`unverified` threshold without a reason",
            explanation: "An `unverified` threshold says why its figure could not be checked, so that a reader knows what to look for.",
            example: .rules("source \"50/2010/QH12\" {\n  item \"Điều 33\" \"Cơ sở sử dụng năng lượng trọng điểm\" verified\n}\n\nthreshold key_energy_user_toe_year = 1000\n  cite \"50/2010/QH12\" item \"Điều 33\"\n  unverified\n"),
            fix: "Write the reason after the keyword: `unverified \"the decree's text was not found\"`.",
            messageKeys: ["syntax.unverifiedNeedsReason"]),
        CodeEntry(
            code: "E1073", title: "`verified` with a text",
            explanation: "`verified` takes no text: a figure checked against its source needs no explanation. A text after it is most likely a reason meant for `unverified`.",
            example: .rules("source \"50/2010/QH12\" {\n  item \"Điều 33\" \"Cơ sở sử dụng năng lượng trọng điểm\" verified\n}\n\nthreshold key_energy_user_toe_year = 1000\n  cite \"50/2010/QH12\" item \"Điều 33\"\n  verified \"checked\"\n"),
            fix: "Remove the text, or write `unverified \"why\"` if the figure was not found in the source.",
            messageKeys: ["syntax.verifiedTakesNoText"]),
        CodeEntry(
            code: "E1074", title: "point cited without an item",
            explanation: "A `cite` names a `point` without the `item` it belongs to; points are declared inside items.",
            example: .rules("rule A {\n  cite \"72/2020/QH14\" point \"a\"\n  require true\n}\n"),
            fix: "Write `cite \"SOURCE\" item \"N\" point \"P\"`.",
            messageKeys: ["syntax.pointOutsideItem"]),
        CodeEntry(
            code: "E1075", title: "`inspect` without `on`",
            explanation: "In a test, `inspect on DATE` makes the test an inspection on that date; the word `on` is missing or misspelt.",
            example: .rules("rule A {\n  require true\n}\n\ntest \"t\" {\n  inspect at 2026-01-15\n  given { \"a\": 1 }\n  expect A pass\n}\n"),
            fix: "Write `inspect on 2026-01-15`.",
            messageKeys: ["syntax.expectedFound", "syntax.phrase.onAfterInspect"]),
        CodeEntry(
            code: "E2001", title: "unknown name",
            explanation: "A name in an expression is no `let`, no parameter or loop variable in scope, and — when the ruleset declares a `schema` — no field of its top level. Without a schema, an unknown name is read as a top-level field of the dossier. (A function's name used without a call is E2080.)",
            example: .rules("schema {\n  limit: number\n}\n\nrule A {\n  require limt > 0\n}\n"),
            fix: "Correct the spelling (the help suggests the closest name), or declare it with `let`.",
            messageKeys: ["semantic.unknownName"]),
        CodeEntry(
            code: "E2002", title: "unknown function",
            explanation: "A call names neither a built-in function nor a `def`.",
            example: .rules("rule A {\n  require lenght(\"abc\") > 0\n}\n"),
            fix: "Use a built-in (see Rules/README.md) or declare the function with `def`.",
            messageKeys: ["semantic.unknownFunction"]),
        CodeEntry(
            code: "E2003", title: "wrong number of arguments",
            explanation: "A built-in or a `def` is called with more or fewer arguments than it takes.",
            example: .rules("def big(x) = x > 10\n\nrule A {\n  require big(1, 2)\n}\n"),
            fix: "Pass exactly the arguments the function declares.",
            messageKeys: ["semantic.wrongArgumentCount"]),
        CodeEntry(
            code: "E2004", title: "duplicate rule id",
            explanation: "Two rules of one ruleset (across all its files) have the same id; findings and tests name rules by id, so ids are unique.",
            example: .rules("rule A {\n  require true\n}\n\nrule A {\n  require false\n}\n"),
            fix: "Rename one of the rules.",
            messageKeys: ["semantic.duplicateRuleID"]),
        CodeEntry(
            code: "E2005", title: "name declared twice",
            explanation: "A `let` or `def` name is declared twice in the ruleset, or a `def` takes the name of a built-in function.",
            example: .rules("let limit = 1\nlet limit = 2\n\nrule A {\n  require limit > 0\n}\n"),
            fix: "Rename one, or remove the second declaration.",
            messageKeys: ["semantic.declaredTwice", "semantic.builtinName", "semantic.elementAndPosition"]),
        CodeEntry(
            code: "E2006", title: "recursive function",
            explanation: "A `def` calls itself, directly or through other functions. Functions are expanded, not run, so recursion has no end.",
            example: .rules("def deep(x) = deep(x)\n\nrule A {\n  require deep(1)\n}\n"),
            fix: "Write the condition without recursion, e.g. with a quantifier over a list.",
            messageKeys: ["semantic.callsItself", "semantic.functionCycle"]),
        CodeEntry(
            code: "E2007", title: "definition in terms of itself",
            explanation: "A `let` refers to itself, directly or through other `let`s, so it has no value.",
            example: .rules("let total = total + 1\n\nrule A {\n  require total > 1\n}\n"),
            fix: "Define the value from other names or literals.",
            messageKeys: ["semantic.definedInTermsOfItself", "semantic.definitionCycle"]),
        CodeEntry(
            code: "E2008", title: "`expect` names an unknown rule",
            explanation: "A test expects an outcome of a rule the ruleset does not have.",
            example: .rules("rule PLAN-01 {\n  require true\n}\n\ntest \"t\" {\n  given { \"a\": 1 }\n  expect PLAN-10 pass\n}\n"),
            fix: "Name an existing rule (the help suggests the closest id).",
            messageKeys: ["semantic.expectUnknownRule"]),
        CodeEntry(
            code: "E2009", title: "undeclared source",
            explanation: "A rule's `cite` names a source no `source { … }` block declares. Citations are checked so that every finding points to a real legal text.",
            example: .rules("rule A {\n  cite \"1032-CV/TU\" item \"3.5\"\n  require true\n}\n"),
            fix: "Declare the source with its items (`source \"1032-CV/TU\" { item \"3.5\" \"…\" }`), or correct the name.",
            messageKeys: ["semantic.notADeclaredSource"]),
        CodeEntry(
            code: "E2010", title: "unknown item of a source",
            explanation: "A `cite` names an item the source does not declare.",
            example: .rules("source \"1032-CV/TU\" {\n  item \"3.5\" \"Xử lý nước thải\"\n}\n\nrule A {\n  cite \"1032-CV/TU\" item \"3.6\"\n  require true\n}\n"),
            fix: "Cite a declared item, or add the item to the `source` block.",
            messageKeys: ["semantic.noSuchItem"]),
        CodeEntry(
            code: "E2011", title: "effective dates reversed",
            explanation: "A rule's `effective from` date is on or after its `until` date, so it would never be in force. `until` is the first day the rule no longer applies.",
            example: .rules("rule A {\n  effective from 2025-01-01 until 2024-01-01\n  require true\n}\n"),
            fix: "Swap or correct the dates so that `from` comes before `until`.",
            messageKeys: ["semantic.effectiveOrder"]),
        CodeEntry(
            code: "E2012", title: "no such field",
            explanation: "With a `schema`, a path names a field the schema does not declare, a field of a list, or a field of a value that is not an object; also the ruleset's `date_field` when the schema lacks it.",
            example: .rules("schema {\n  project: {\n    name: string\n  }\n}\n\nrule A {\n  require project.nam != \"\"\n}\n"),
            fix: "Correct the field name (the help suggests the closest), use `[*]` or `for each` for a list, or add the field to the schema.",
            messageKeys: [
                "semantic.noField", "semantic.listNoField", "semantic.scalarNoField", "semantic.schemaNoField",
            ]),
        CodeEntry(
            code: "E2013", title: "incompatible types",
            explanation: "An operation gets values of types it cannot combine: comparing a date with a number, subtracting dates, a condition that is not true or false, arithmetic on text.",
            example: .rules("schema {\n  submitted_on: date\n}\n\nrule A {\n  require submitted_on > 5\n}\n"),
            fix: "Compare values of one type; use `days_between(a, b)` for dates.",
            messageKeys: [
                "semantic.ifBranchesDiffer", "semantic.datesSubtracted", "semantic.cannotCompare", "semantic.cannotLookFor",
                "semantic.conditionNotBool", "semantic.needsNumber",
            ]),
        CodeEntry(
            code: "E2014", title: "wrong kind of argument",
            explanation: "A built-in, `for each`, a quantifier, `[*]` or `in` receives a value of the wrong kind: `count` of a string, `for each` over a number, `sum` of a list of strings.",
            example: .rules("schema {\n  name: string\n}\n\nrule A {\n  require count(name) > 1\n}\n"),
            fix: "Pass what the function needs (the message says what), e.g. `len(name)` for a string's length.",
            messageKeys: [
                "semantic.needsList", "semantic.needsArgument", "semantic.existsNeedsPath", "semantic.needsNumberList",
                "semantic.inNeedsListOrString",
            ]),
        CodeEntry(
            code: "E2015", title: "declared or given twice",
            explanation: "A second `ruleset` or `schema` block, a source or a source's item declared twice, a rule with two `severity` lines, or two messages in one language for one `require`.",
            example: .rules("rule A {\n  severity error\n  severity warning\n  require true\n}\n"),
            fix: "Keep one; merge the two blocks.",
            messageKeys: [
                "semantic.secondRuleset", "semantic.sourceTwice", "semantic.itemTwice", "semantic.secondSchema",
                "semantic.schemaSeverityTwice", "semantic.severityTwice", "semantic.twoMessagesOneLanguage",
            ]),
        CodeEntry(
            code: "E2016", title: "value not allowed by the schema",
            explanation: "A string literal is compared with (or looked for among) an `enum` field of the schema but is not one of its values. `==` can then never be true, `!=` is always true, and in `x in [\"a\", …]` that value never matches, so the rule would pass, fail or not apply whatever the dossier says: a misspelled value would give silent verdicts, so the ruleset does not load. (Before December 2026 this was the warning W2003.)",
            example: .rules("schema {\n  project: {\n    type: enum(\"factory\", \"industrial_park\")\n  }\n}\n\nrule A {\n  when project.type == \"factry\"\n  require project.type != \"\"\n}\n"),
            fix: "Use one of the schema's values (the help suggests the closest), or add the value to the `enum`.",
            messageKeys: ["semantic.notAnEnumValue"]),
        CodeEntry(
            code: "E2017", title: "invalid regular expression",
            explanation: "The pattern of `matches(text, pattern)` or `full_match(text, pattern)` must be a valid regular expression (and a constant, E2081); it is compiled when the ruleset loads, not when a dossier is checked. Patterns run in time linear in the text, so what needs backtracking is refused: backreferences, look-ahead and look-behind, atomic groups, possessive quantifiers; so are unknown escapes, unbalanced brackets, ranges out of order, counts above 1000 and patterns too large. The error points at the offending part of the pattern; Rules/REGEX.md has the syntax.",
            example: .rules("rule A {\n  require matches(\"abc\", \"[a-\")\n}\n"),
            fix: "Correct the pattern as the help line says, and write it as a literal (raw, in backticks, is easiest).",
            messageKeys: [
                "semantic.invalidRegex", "regex.patternTooLong", "regex.unmatchedParen", "regex.nothingToRepeat",
                "regex.braceNotRepetition", "regex.unescapedCloseBrace", "regex.unescapedCloseBracket", "regex.lookAhead",
                "regex.lookBehind", "regex.atomicGroup", "regex.namedGroup", "regex.caseFlagNotAtStart", "regex.unsupportedGroup",
                "regex.groupsTooDeep", "regex.unclosedGroup", "regex.repeatAboveLimit", "regex.repeatMinAboveMax",
                "regex.repeatsRepetition", "regex.possessive", "regex.loneBackslash", "regex.boundaryInClass", "regex.backreference",
                "regex.unknownEscape", "regex.invalidEscape", "regex.unclosedClass", "regex.emptyClass", "regex.bracketInClass",
                "regex.rangeBadStart", "regex.rangeBadEnd", "regex.rangeOutOfOrder", "regex.programTooLarge",
            ]),
        CodeEntry(
            code: "E2030", title: "a comprehension without brackets outside an aggregate",
            explanation: "`e for x in xs where c` may stand without brackets only as the single argument of `sum`, `count`, `min`, `max` or `distinct`; anywhere else a list is written `[e for x in xs where c]`.",
            example: .rules("rule A {\n  require len(x for x in [1, 2]) == 2\n}\n"),
            fix: "Put the comprehension in brackets: `len([x for x in [1, 2]])`.",
            messageKeys: ["semantic.bareComprehension"]),
        CodeEntry(
            code: "E2018", title: "rule without `require`",
            explanation: "A rule has no `require`, so it can only pass (or be not applicable): it would pass every dossier it concerns while checking nothing, so the ruleset does not load. (Before December 2026 this was the warning W2002.)",
            example: .rules("rule A {\n  title \"Plan\"\n}\n"),
            fix: "Add the `require` the rule is meant to check.",
            messageKeys: ["semantic.noRequire"]),
        CodeEntry(
            code: "E2019", title: "`at` is not a JSON Pointer",
            explanation: "In a test, `expect RULE OUTCOME at \"…\"` takes a JSON Pointer (RFC 6901): empty, or starting with `/`.",
            example: .rules("rule A {\n  require true\n}\n\ntest \"t\" {\n  given { \"a\": 1 }\n  expect A pass at \"wastewater\"\n}\n"),
            fix: "Write the pointer with slashes, e.g. `at \"/wastewater/treatment\"`.",
            messageKeys: ["semantic.notAPointer"]),
        CodeEntry(
            code: "E2020", title: "test without `expect`",
            explanation: "A `test` block has no `expect` line, so it would pass whatever the rules decide: a test that checks nothing.",
            example: .rules("rule A {\n  require a > 0\n}\n\ntest \"t\" {\n  given { \"a\": 1 }\n}\n"),
            fix: "Add `expect RULE pass|fail|missing|not_applicable` (with `at \"/pointer\"` where the finding should point) for the outcome the dossier should give.",
            messageKeys: ["semantic.testExpectsNothing"]),
        CodeEntry(
            code: "E2021", title: "a test's dossier file does not exist",
            explanation: "`given file \"x.json\"` names a file that is not there. The path is relative to the folder of the `.rules` file.",
            example: .rules("rule A {\n  require true\n}\n\ntest \"t\" {\n  given file \"no-such-dossier.json\"\n  expect A pass\n}\n"),
            fix: "Correct the path, or add the file.",
            messageKeys: ["semantic.noDossierFile"]),
        CodeEntry(
            code: "E2022", title: "interpolation where none is allowed",
            explanation: "Titles, hints and other texts that describe a rule rather than a finding cannot contain `{…}`: there is no dossier to take values from.",
            example: .rules("rule A {\n  title \"Budget {1 + 1}\"\n  require true\n}\n"),
            fix: "Remove the braces, or write `{{` and `}}` for literal braces; values belong in the `else` message.",
            messageKeys: ["semantic.interpolationNotAllowed"]),
        CodeEntry(
            code: "E2031", title: "an `allow` without a reason",
            explanation: "`allow presence_gate \"reason\"` lets a rule keep a `when` that tests whether its own evidence is present. The reason is what a reviewer judges, so it cannot be empty.",
            example: .rules("rule A {\n  allow presence_gate \"\"\n  when exists(a)\n  require a > 0\n}\n"),
            fix: "Say why absence means the rule does not concern the project, e.g. `allow presence_gate \"the section is optional by law for this project: …\"`; better, decide applicability from the project's characteristics.",
            messageKeys: ["semantic.allowWithoutReason"]),
        CodeEntry(
            code: "E2032", title: "not a warning a rule can allow",
            explanation: "`allow` names a warning a rule may keep on purpose; the only one is `presence_gate`.",
            example: .rules("rule A {\n  allow presence_gates \"optional by law\"\n  when exists(a)\n  require a > 0\n}\n"),
            fix: "Write `allow presence_gate \"reason\"`, or remove the line.",
            messageKeys: ["semantic.notAllowable"]),
        CodeEntry(
            code: "E2040", title: "`required when` on a field that is always required",
            explanation: "A field written without `?` must always be present, so a condition saying when it is required has nothing to decide.",
            example: .rules("schema {\n  kind: string\n  wastewater: number required when kind == \"factory\"\n}\n\nrule A {\n  require wastewater >= 0\n}\n"),
            fix: "Mark the field optional (`wastewater?:`) so the condition decides, or remove `required when`.",
            messageKeys: ["semantic.requiredWhenOnRequired"]),
        CodeEntry(
            code: "E2041", title: "unknown word in `schema_severity`",
            explanation: "`schema_severity KIND SEVERITY` in the `ruleset` block sets the severity of one kind of schema finding. The kinds are `type`, `enum`, `date`, `unknown_key` and `required`; the severities `error`, `warning` and `info`.",
            example: .rules("ruleset r {\n  schema_severity unknown_keys error\n}\n\nrule A {\n  require true\n}\n"),
            fix: "Use one of the kinds and severities listed (the help suggests the closest).",
            messageKeys: ["semantic.notAFindingKind", "semantic.notASeverity"]),
        CodeEntry(
            code: "E2060", title: "a test's dossier file is outside the rule set's folder",
            explanation: "`given file` may name only a file inside the folder of its `.rules` file: an absolute path, a `..` or a symbolic link leading out is refused when the ruleset loads. A failing test prints its dossier, so a rule file could otherwise make `tuanthu test` print any file the user can read.",
            example: .rules("rule A {\n  require true\n}\n\ntest \"t\" {\n  given file \"../secret.json\"\n  expect A pass\n}\n"),
            fix: "Copy the dossier next to the rules (e.g. `tests/dossier.json`) and give its path relative to the `.rules` file, without `..`.",
            messageKeys: ["semantic.givenFileOutside"]),
        CodeEntry(
            code: "E2061", title: "`let`/`def` chain too deep to evaluate",
            explanation: "Evaluating a `let` or `def` goes through the bodies it refers to; their depths, added along the longest chain of references, exceed 256 levels. The evaluator recurses through them, so such a chain is refused at load rather than overflow the stack while checking.",
            example: .rules((1...3).map { k in "let l\(k) = " + String(repeating: "(", count: 99) + (k == 1 ? "1" : "l\(k - 1)") + String(repeating: ")", count: 99) + "\n" }.joined()
                                + "rule A {\n  require l3 > 0\n}\n",
                            shown: "let l1 = ((((…(1)…))))       // 99 levels each\nlet l2 = ((((…(l1)…))))\nlet l3 = ((((…(l2)…))))\n"),
            fix: "Shorten the chain: compute the value in fewer steps, or write it as one expression.",
            messageKeys: ["semantic.definitionsTooDeep"]),
        CodeEntry(
            code: "E2062", title: "`def` calls that multiply",
            explanation: "One evaluation of a `let` or `def` would make more than 100,000 calls of `def` functions, counted when the ruleset loads: a function that calls the next one twice doubles the work at each level, and thirty levels are a billion calls, a hang rather than an answer.",
            example: .rules("def f20(v) = v\n" + (1...19).reversed().map { "def f\($0)(v) = f\($0 + 1)(v) + f\($0 + 1)(v)\n" }.joined() + "rule A {\n  require f1(1) > 0\n}\n",
                            shown: "def f20(v) = v\ndef f19(v) = f20(v) + f20(v)\n…\ndef f1(v) = f2(v) + f2(v)\n"),
            fix: "Call the function once and reuse the value (e.g. `2 * f(v)`), or compute it in a `let`.",
            messageKeys: ["semantic.tooManyCalls"]),
        CodeEntry(
            code: "E2080", title: "a function used as a value",
            explanation: "A `def`'s name stands in an expression without a call. A function has no value of its own; it gives one only when called with its arguments.",
            example: .rules("def big(x) = x > 10\n\nrule A {\n  require big\n}\n"),
            fix: "Call it with its arguments: `big(capacity)`.",
            messageKeys: ["semantic.functionAsValue"]),
        CodeEntry(
            code: "E2081", title: "a pattern that is not a constant",
            explanation: "The pattern of `matches` or `full_match` must be written out in the call as a string, so that it is checked and compiled when the ruleset loads; a name, a path or a string with a `{…}` interpolation would be known only when a dossier is checked.",
            example: .rules("let pattern = \"^CT-\"\n\nrule A {\n  require matches(\"CT-1\", pattern)\n}\n"),
            fix: "Write the pattern itself as the second argument, raw in backticks if it has braces: `` matches(id, `^CT-[0-9]{4}$`) ``.",
            messageKeys: ["semantic.patternInterpolated", "semantic.patternNotLiteral"]),
    ]

    // MARK: - E3xxx: JSON input

    static let input: [CodeEntry] = [
        CodeEntry(
            code: "E2070", title: "unknown point of a source item",
            explanation: "A `cite` names a point the cited item does not declare inside its braces.",
            example: .rules("source \"72/2020/QH14\" {\n  item \"Điều 28\" \"Tiêu chí về môi trường để phân loại dự án\" verified {\n    point \"4(a)\" \"dự án nhóm II không thuộc các điểm c, d, đ, e\"\n    point \"4(c)\" \"dự án có yếu tố nhạy cảm về môi trường\"\n  }\n}\n\nrule A {\n  cite \"72/2020/QH14\" item \"Điều 28\" point \"4(b)\"\n  require true\n}\n"),
            fix: "Cite a declared point (the help suggests the closest), or add `point \"ID\" \"text\"` inside the item's braces.",
            messageKeys: ["semantic.noSuchPoint"]),
        CodeEntry(
            code: "E2071", title: "point declared twice",
            explanation: "An item declares two points with the same id, so a citation of it would be ambiguous.",
            example: .rules("source \"72/2020/QH14\" {\n  item \"Điều 28\" \"Tiêu chí\" verified {\n    point \"4(a)\" \"nhóm II\"\n    point \"4(a)\" \"nhóm II, bis\"\n  }\n}\n"),
            fix: "Rename or remove one of the points.",
            messageKeys: ["semantic.pointTwice"]),
        CodeEntry(
            code: "E2072", title: "`reference_date()` without a `date_field`",
            explanation: "`reference_date()` gives the dossier's `date_field` in a pre-validation (the `--as-of` date in an inspection); a ruleset that declares no `date_field` has no such date.",
            example: .rules("rule A {\n  require reference_date() > 2025-01-01\n}\n"),
            fix: "Declare the dossier's date in the `ruleset` block (`date_field submitted_on`), or use `as_of()`, the date of the check whatever its purpose.",
            messageKeys: ["semantic.referenceDateNeedsField"]),
        CodeEntry(
            code: "E3001", title: "syntax error in JSON",
            explanation: "A dossier (or a waivers file) is not well-formed JSON: a missing comma or colon, a trailing comma, an unquoted key, a value missing, an unterminated string or an unclosed bracket. The reader is strict RFC 8259.",
            example: .json("{\n  \"id\": \"CT-1\"\n  \"project\": {}\n}\n"),
            fix: "Correct the JSON at the position shown; the help names the usual cause (often a missing comma on the line before)."),
        CodeEntry(
            code: "E3002", title: "invalid UTF-8 in JSON",
            explanation: "JSON is read as UTF-8: a byte that starts no valid sequence, an overlong or truncated sequence, an encoded surrogate, or a UTF-16 byte order mark.",
            example: CodeExample(files: [CodeExampleFile("d.json", bytes: [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x20, 0x22, 0x43, 0xE2, 0x6E, 0x22, 0x7D, 0x0A],
                                                         shown: "{\"a\": \"C<byte 0xE2>n\"}     // Latin-1, not UTF-8\n")],
                                 arguments: ["json-check", "d.json"]),
            fix: "Save the file as UTF-8 (without a UTF-16 byte order mark)."),
        CodeEntry(
            code: "E3003", title: "control character in a JSON string",
            explanation: "A raw control character (U+0000 to U+001F: a line break, a tab) stands inside a string; JSON requires it escaped. An unescaped line break usually means a missing closing quote.",
            example: .json("{\"note\": \"line one\nline two\"}\n"),
            fix: "Escape it (`\\n`, `\\t`, `\\u00XX`) or close the string before the line ends."),
        CodeEntry(
            code: "E3004", title: "invalid escape in a JSON string",
            explanation: "A backslash is followed by a character JSON does not allow there, or `\\u` by fewer than four hex digits. JSON's escapes are `\\\"` `\\\\` `\\/` `\\b` `\\f` `\\n` `\\r` `\\t` and `\\uXXXX`.",
            example: .json("{\"path\": \"C:\\data\"}\n"),
            fix: "Double the backslash for a literal one, or write a valid escape."),
        CodeEntry(
            code: "E3005", title: "lone surrogate",
            explanation: "A `\\uD800`–`\\uDFFF` escape is not part of a high-low surrogate pair, so it stands for no character.",
            example: .json("{\"name\": \"\\uD83C\"}\n"),
            fix: "Write the full pair (`\\uD83C\\uDF3E`) or the character itself."),
        CodeEntry(
            code: "E3006", title: "nesting too deep in JSON",
            explanation: "Arrays and objects nest more than 512 levels. The reader stops there instead of exhausting memory or stack.",
            example: .json(String(repeating: "[", count: 513) + String(repeating: "]", count: 513) + "\n",
                           shown: "[[[[…]]]]      // 513 levels\n"),
            fix: "Flatten the document; no dossier needs that depth."),
        CodeEntry(
            code: "E3007", title: "invalid JSON number",
            explanation: "A number has a leading zero, a lone `-`, a `.` without digits after it, an empty exponent, or is `NaN`/`Infinity`, none of which JSON allows.",
            example: .json("{\"area_ha\": 012}\n"),
            fix: "Write the number in JSON form: `12`, `0.5`, `1e6`; write a decimal point, not a comma."),
        CodeEntry(
            code: "E3008", title: "a second top-level value",
            explanation: "A JSON document holds one value; more follows it. Several dossiers in one file are NDJSON, one per line, read with `tuanthu check -`.",
            example: .json("{\"id\": \"CT-1\"}\n{\"id\": \"CT-2\"}\n"),
            fix: "Keep one value per file, or write NDJSON and pass it on standard input."),
        CodeEntry(
            code: "E3009", title: "document too large to read",
            explanation: "The reader indexes a document with 32-bit offsets, so a document must be smaller than 4 GiB. (`check --max-bytes` refuses large files earlier, with E4001.)",
            example: CodeExample(files: [CodeExampleFile("d.json", "", shown: "a JSON file of 4 GiB or more\n")], arguments: ["json-check", "d.json"],
                                 notRunnable: "it needs a 4 GiB file"),
            fix: "Split the input: one dossier per file, or NDJSON."),
        CodeEntry(
            code: "E3010", title: "a dossier is not a JSON object",
            explanation: "A dossier is a JSON object of fields; this file holds an array, a string or another value.",
            example: CodeExample(files: [CodeExampleFile("r.rules", "rule A {\n  require a > 0\n}\n"), CodeExampleFile("d.json", "[{\"a\": 1}]\n")],
                                 arguments: ["check", "--rules", "r.rules", "d.json"]),
            fix: "Wrap the dossier's fields in `{ … }`; for several dossiers use NDJSON, one per line."),
    ]

    // MARK: - E4xxx: files and waivers

    static let files: [CodeEntry] = [
        CodeEntry(
            code: "E4001", title: "dossier cannot be read",
            explanation: "A dossier file does not exist, is a folder, cannot be read, or is larger than `--max-bytes`; or standard input (`check -`) cannot be read or holds no dossier at all (empty, or only blank lines: a run that checked nothing is not a clean one). The other dossiers are still checked; the exit code is 3.",
            example: CodeExample(files: [CodeExampleFile("r.rules", "rule A {\n  require a > 0\n}\n"), CodeExampleFile("d.json", "{\"a\": 1}\n")],
                                 arguments: ["check", "--rules", "r.rules", "--max-bytes", "4", "d.json"]),
            fix: "Check the path; raise `--max-bytes` for a legitimately large dossier; for an empty standard input, check the step that was to write the dossiers."),
        CodeEntry(
            code: "E4101", title: "waivers file cannot be read",
            explanation: "The file given to `--waivers` does not exist, is a folder or cannot be read.",
            example: CodeExample(files: [CodeExampleFile("r.rules", "rule A {\n  require a > 0\n}\n"), CodeExampleFile("d.json", "{\"a\": 1}\n")],
                                 arguments: ["check", "--rules", "r.rules", "--waivers", "no-such-waivers.json", "d.json"]),
            fix: "Check the path of the waivers file."),
        CodeEntry(
            code: "E4102", title: "waivers file is not an array",
            explanation: "A waivers file is a JSON array of waiver objects.",
            example: .waivers(#"{"rule": "A", "dossier": "D-1", "reason": "r", "approved_by": "p", "expires": "2025-06-30"}"#),
            fix: "Wrap the waivers in `[ … ]`."),
        CodeEntry(
            code: "E4103", title: "a waiver is not an object",
            explanation: "Each element of the waivers array must be a JSON object.",
            example: .waivers(#"["A"]"#),
            fix: "Write each waiver as `{\"rule\": …, \"dossier\": …, \"reason\": …, \"approved_by\": …, \"expires\": …}`."),
        CodeEntry(
            code: "E4104", title: "a waiver lacks a field",
            explanation: "Every waiver says what (`rule`), which dossier (`dossier`), why (`reason`), who approved it (`approved_by`) and until when (`expires`); only `pointer` is optional.",
            example: .waivers(#"[{"rule": "A", "dossier": "D-1", "reason": "r", "expires": "2025-06-30"}]"#),
            fix: "Add the missing field."),
        CodeEntry(
            code: "E4105", title: "a waiver field is not a non-empty string",
            explanation: "Waiver fields are strings; all but `pointer` must be non-empty.",
            example: .waivers(#"[{"rule": "A", "dossier": "D-1", "reason": "", "approved_by": "p", "expires": "2025-06-30"}]"#),
            fix: "Write the field as a non-empty string."),
        CodeEntry(
            code: "E4106", title: "waiver expiry is not a date",
            explanation: "`expires` is a calendar date written `YYYY-MM-DD`.",
            example: .waivers(#"[{"rule": "A", "dossier": "D-1", "reason": "r", "approved_by": "p", "expires": "30/06/2025"}]"#),
            fix: "Write e.g. `\"expires\": \"2025-06-30\"`."),
        CodeEntry(
            code: "E4107", title: "waiver pointer is not a JSON Pointer",
            explanation: "`pointer` is a JSON Pointer into the dossier: empty, or starting with `/`.",
            example: .waivers(#"[{"rule": "A", "dossier": "D-1", "pointer": "wastewater.treatment", "reason": "r", "approved_by": "p", "expires": "2025-06-30"}]"#),
            fix: "Write it with slashes, e.g. `\"/wastewater/treatment\"`."),
        CodeEntry(
            code: "E4108", title: "a waiver field appears twice",
            explanation: "One waiver object has the same key twice; which copy counts would be ambiguous.",
            example: .waivers(#"[{"rule": "A", "rule": "B", "dossier": "D-1", "reason": "r", "approved_by": "p", "expires": "2025-06-30"}]"#),
            fix: "Keep one copy; write a second waiver for a second rule."),
        CodeEntry(
            code: "E4109", title: "unknown waiver field",
            explanation: "A waiver has a field that is not one of `rule`, `dossier`, `pointer`, `reason`, `approved_by`, `expires`; a misspelt field would silently be ignored otherwise.",
            example: .waivers(#"[{"rule": "A", "dossier": "D-1", "reason": "r", "approved_by": "p", "expires": "2025-06-30", "expiry": "2025-06-30"}]"#),
            fix: "Correct the field name (the help suggests the closest) or remove it."),
        CodeEntry(
            code: "E4200", title: "a rule id is declared in two rule sets",
            explanation: "`--rules` given more than once layers rule sets into one ruleset; a rule id must be unique across all of them, or a finding could not say which rule it is. The message names both files and lines and the `--rules` each came from.",
            example: CodeExample(files: [CodeExampleFile("a.rules", "rule A {\n  require a > 0\n}\n"), CodeExampleFile("b.rules", "rule A {\n  require a > 1\n}\n"),
                                        CodeExampleFile("d.json", "{\"a\": 1}\n")],
                                 arguments: ["check", "--rules", "a.rules", "--rules", "b.rules", "d.json"]),
            fix: "Rename the rule in your own set, e.g. with your department's prefix (`STNMT-01`)."),
        CodeEntry(
            code: "E4201", title: "a rule selection matches no rule",
            explanation: "A `--only` or `--skip` selector (a rule id, a glob such as `KL81-3.5-*`, `tag:NAME` or `item:N`) names no rule of the ruleset. A misspelt selector would otherwise check nothing and pass, so the run stops before checking (exit 2).",
            example: CodeExample(files: [CodeExampleFile("r.rules", "rule A {\n  tags water\n  require a > 0\n}\n"), CodeExampleFile("d.json", "{\"a\": 1}\n")],
                                 arguments: ["check", "--rules", "r.rules", "--only", "tag:watr", "d.json"]),
            fix: "Correct the selector (the help suggests the closest rule id, tag or item); `tuanthu coverage` lists the rules with their items."),
        CodeEntry(
            code: "E4202", title: "a report cannot be written where asked",
            explanation: "A `--report FORMAT=PATH` is malformed (no `=`, an unknown format, no path), its file cannot be opened (a missing folder, no permission), or two reports name one file. Every report is opened before any dossier is read, so nothing is checked (exit 2).",
            example: CodeExample(files: [CodeExampleFile("r.rules", "rule A {\n  require a > 0\n}\n"), CodeExampleFile("d.json", "{\"a\": 1}\n")],
                                 arguments: ["check", "--rules", "r.rules", "--report", "sarif=no-such-folder/out.sarif", "d.json"]),
            fix: "Write `--report FORMAT=PATH` with one of the `--format` values and a path in an existing folder; give each report its own file."),
        CodeEntry(
            code: "E4250", title: "unknown key in the config file",
            explanation: "A key of `tuanthu.json` is neither a command (whose object holds its settings) nor an option's long name without dashes; inside a command's section, it is not one of that command's options. A misspelt key would silently leave its option at the default, so it is an error (exit 2), with the closest key suggested.",
            example: CodeExample(files: [CodeExampleFile("tuanthu.json", "{\"check\": {\"fial-on\": \"warning\"}}\n")], arguments: ["check", "--print-config"]),
            fix: "Correct the key (the help suggests the closest); `tuanthu COMMAND --help` lists the options, and the key is the long name without `--`."),
        CodeEntry(
            code: "E4251", title: "config value of the wrong type",
            explanation: "A flag takes `true` or `false`; an option with a value takes a string or a number; only a repeatable option takes a list; a command's section is an object, and so is the whole file. A value shared at the top level must suit every command that has the option.",
            example: CodeExample(files: [CodeExampleFile("tuanthu.json", "{\"check\": {\"quiet\": \"yes\"}}\n")], arguments: ["check", "--print-config"]),
            fix: "Write the value as the help shows, e.g. `\"quiet\": true`, `\"format\": \"sarif\"`."),
        CodeEntry(
            code: "E4252", title: "config value not among the option's choices",
            explanation: "An option with a closed set of values (`format`, `fail-on`, `lang`, `color`, …) is given another one in `tuanthu.json`, as the command line would refuse it.",
            example: CodeExample(files: [CodeExampleFile("tuanthu.json", "{\"check\": {\"format\": \"sarf\"}}\n")], arguments: ["check", "--print-config"]),
            fix: "Use one of the values listed in the help (the closest is suggested); for a shared key, move it into the section of the command it is for."),
        CodeEntry(
            code: "E4253", title: "a config key appears twice",
            explanation: "One object of `tuanthu.json` has the same key twice; which copy counts would be ambiguous.",
            example: CodeExample(files: [CodeExampleFile("tuanthu.json", "{\"lang\": \"en\", \"lang\": \"vi\"}\n")], arguments: ["check", "--print-config"]),
            fix: "Keep one copy."),
        CodeEntry(
            code: "E4254", title: "option only for the command line in the config file",
            explanation: "`config`, `no-config`, `print-config` and `help` decide which file is read or end the command before it runs; a config file cannot set them.",
            example: CodeExample(files: [CodeExampleFile("tuanthu.json", "{\"config\": \"other.json\"}\n")], arguments: ["check", "--print-config"]),
            fix: "Remove the key; give the option on the command line."),
        CodeEntry(
            code: "E4255", title: "config file cannot be read",
            explanation: "The file given to `--config` does not exist, is a folder, cannot be read or is over 1 MiB.",
            example: CodeExample(files: [CodeExampleFile("d.json", "{}\n")], arguments: ["check", "--config", "no-such-config.json", "--print-config"]),
            fix: "Check the path given to `--config`, or run with `--no-config`."),
    ]

    // MARK: - Wxxxx: warnings

    static let warnings: [CodeEntry] = [
        CodeEntry(
            code: "W2001", title: "unused `let` or `def`",
            explanation: "A `let` or `def` is declared but no rule, test or other declaration uses it.",
            example: .rules("let limit = 1\n\nrule A {\n  require true\n}\n"),
            fix: "Remove it, or use it in a rule.",
            messageKeys: ["semantic.neverUsed"]),
        CodeEntry(
            code: "W2011", title: "presence gate",
            explanation: "A rule's `when` tests whether a value its own `require`s read is present (`exists(p)`, `p ?? …`, `p != null`, directly or through a `let` or `def`). The rule is then skipped exactly when its evidence is missing, and a dossier that leaves the evidence out passes — a silent pass.",
            example: .rules("rule A {\n  when exists(wastewater)\n  require wastewater.treated_m3_day >= 0\n}\n"),
            fix: "Decide applicability from the project's characteristics (kind, type, group, capacity, location, stage), and declare the section in the schema as `wastewater?: { … } required when CONDITION`. If absence truly means the rule does not apply, keep the gate with `allow presence_gate \"reason\"`.",
            messageKeys: ["semantic.presenceGate"]),
        CodeEntry(
            code: "W2012", title: "`allow presence_gate` on a rule with no presence gate",
            explanation: "The rule allows a presence gate but its `when` has none (any more), so the allowance is stale.",
            example: .rules("rule A {\n  allow presence_gate \"optional by law\"\n  require true\n}\n"),
            fix: "Remove the `allow` line.",
            messageKeys: ["semantic.allowWithoutGate"]),
        CodeEntry(
            code: "W2030", title: "unused position in `for each`",
            explanation: "`for each it, i in xs` names a position variable `i` that no `require`, `where` or message uses.",
            example: .rules("rule A {\n  for each it, i in [1, 2] {\n    require it > 0\n  }\n}\n"),
            fix: "Use the position (e.g. in the message: `item {i}`), or write `for each it in xs`.",
            messageKeys: ["semantic.positionUnused"]),
        CodeEntry(
            code: "W2070", title: "source item without verification",
            explanation: "A source item says neither `verified` (its text was read in the source) nor `unverified` (it was not found). Reports mark citations of unverified items, so every item should say which it is.",
            example: .rules("source \"72/2020/QH14\" {\n  item \"Điều 30\" \"Đối tượng phải thực hiện đánh giá tác động môi trường\"\n}\n"),
            fix: "Add `verified` or `unverified` after the item's text.",
            messageKeys: ["semantic.itemUnverified"]),
        CodeEntry(
            code: "W3001", title: "duplicate key in a JSON object",
            explanation: "An object has the same key twice. Tools disagree on which copy wins, so a duplicate could smuggle a value past a checker; `check` makes it an invalid finding (`tuanthu.duplicate-key`), `json-check` a warning.",
            example: .json("{\"capacity_m3_day\": 800, \"capacity_m3_day\": 1200}\n"),
            fix: "Keep one of the two members."),
        CodeEntry(
            code: "W4101", title: "waiver names an unknown rule",
            explanation: "A waiver names a rule the ruleset does not have, so it can match nothing.",
            example: .waivers(#"[{"rule": "B", "dossier": "D-1", "reason": "r", "approved_by": "p", "expires": "2025-06-30"}]"#),
            fix: "Correct the rule id (the help suggests the closest) or remove the waiver."),
        CodeEntry(
            code: "W4102", title: "waiver expired",
            explanation: "A waiver's `expires` date is before the as-of date of the check, so it is ignored and its findings count again.",
            example: .waivers(#"[{"rule": "A", "dossier": "D-1", "reason": "r", "approved_by": "p", "expires": "2024-12-31"}]"#),
            fix: "Renew the approval with a new `expires` date, or fix the dossier."),
        CodeEntry(
            code: "W4103", title: "waiver matched no finding",
            explanation: "A live waiver matched no finding of the batch: the dossier may have been fixed, or its `dossier` or `pointer` is wrong.",
            example: .waivers(#"[{"rule": "A", "dossier": "D-1", "reason": "r", "approved_by": "p", "expires": "2025-06-30"}]"#,
                              dossier: #"{"id": "D-1", "a": 5}"#),
            fix: "Remove the waiver if the dossier is fixed, or correct its `dossier` and `pointer`."),
    ]
}

// MARK: - E43xx, W43xx: inspection (records, resubmission diffs)

extension CodeCatalogue {
    /// A check `record` of `d.json` against `r.rules`, with the agency file `a.json`.
    private static func agency(_ text: String) -> CodeExample {
        CodeExample(
            files: [
                CodeExampleFile("r.rules", "rule A {\n  require a > 0\n}\n"),
                CodeExampleFile("d.json", "{\"id\": \"D-1\", \"a\": 1}\n"),
                CodeExampleFile("a.json", text + "\n"),
            ],
            arguments: ["record", "--rules", "r.rules", "--agency", "a.json", "--output", "records", "--as-of", "2026-11-29", "d.json"])
    }

    /// A one-dossier `tuanthu/1` report checked against a ruleset with this digest.
    private static func report(_ digest: String, dossiers: Int = 1) -> String {
        let d = #"{"file": "d.json", "id": "D-1", "sha256": null, "outcome": "pass", "error": null, "rules": [{"rule": "A", "outcome": "pass"}], "findings": [], "summary": {}}"#
        return #"{"format": "tuanthu/1", "ruleset": {"name": "r", "sha256": ""# + digest + #""}, "as_of": "2026-11-29", "dossiers": ["#
            + Array(repeating: d, count: dossiers).joined(separator: ", ") + "]}\n"
    }

    static let inspection: [CodeEntry] = [
        CodeEntry(
            code: "E4300", title: "agency file cannot be read",
            explanation: "The file given to `record --agency` does not exist, is a folder, cannot be read or is over 1 MiB.",
            example: CodeExample(files: [CodeExampleFile("r.rules", "rule A {\n  require a > 0\n}\n"), CodeExampleFile("d.json", "{\"a\": 1}\n")],
                                 arguments: ["record", "--rules", "r.rules", "--agency", "no-such-agency.json", "--output", "records", "d.json"]),
            fix: "Check the path of the agency file."),
        CodeEntry(
            code: "E4301", title: "agency file is not an object",
            explanation: "An agency file is one JSON object with the agency's and the inspection's details.",
            example: agency(#"["Sở Nông nghiệp và Môi trường"]"#),
            fix: "Write `{\"agency\": \"Sở Nông nghiệp và Môi trường thành phố Cần Thơ\", \"inspectors\": [{\"name\": \"…\"}]}`."),
        CodeEntry(
            code: "E4302", title: "agency field of the wrong type",
            explanation: "`agency`, `parent_agency`, `inspection_no`, `date` and `place` are strings; `inspectors` is a list of people and `representative` a person, each `{\"name\": …, \"title\": …}`.",
            example: agency(#"{"agency": "Sở Nông nghiệp và Môi trường", "inspectors": "Nguyễn Văn An"}"#),
            fix: "Write the field with its type, e.g. `\"inspectors\": [{\"name\": \"Nguyễn Văn An\", \"title\": \"Trưởng đoàn\"}]`."),
        CodeEntry(
            code: "E4303", title: "unknown or repeated agency field",
            explanation: "An agency file has a field that is not one of `agency`, `parent_agency`, `inspection_no`, `date`, `place`, `inspectors`, `representative` (a person has `name` and `title`), or has one twice; a misspelt field would silently leave a blank on the record.",
            example: agency(#"{"agency": "Sở Nông nghiệp và Môi trường", "inspection_number": "15/BB-KTMT"}"#),
            fix: "Correct the field name (the help suggests the closest) or remove it."),
        CodeEntry(
            code: "E4304", title: "agency file lacks a name",
            explanation: "The record must name the inspecting agency (`agency`), and every person named on it needs a `name`.",
            example: agency(#"{"place": "Cần Thơ"}"#),
            fix: "Add `\"agency\": \"…\"` (or pass `--agency-name`), and a `name` for each person."),
        CodeEntry(
            code: "E4305", title: "agency date is not a date",
            explanation: "`date`, the date printed on the record, is a calendar date written `YYYY-MM-DD`.",
            example: agency(#"{"agency": "Sở Nông nghiệp và Môi trường", "date": "29/11/2026"}"#),
            fix: "Write e.g. `\"date\": \"2026-11-29\"`, or leave it out to print the `--as-of` date."),
        CodeEntry(
            code: "E4310", title: "report without dossiers",
            explanation: "An input of `diff` says it is a `tuanthu/1` report but has no `dossiers` list, so there is no version to compare.",
            example: CodeExample(files: [CodeExampleFile("old.json", #"{"format": "tuanthu/1"}"# + "\n"), CodeExampleFile("new.json", report("ab"))],
                                 arguments: ["diff", "old.json", "new.json"]),
            fix: "Give a dossier, or a report written by `tuanthu check DOSSIER --format json`."),
        CodeEntry(
            code: "E4311", title: "report of several dossiers given to `diff`",
            explanation: "`diff` compares one version of a dossier with another; a report of a batch holds many dossiers and it cannot tell which to pair.",
            example: CodeExample(files: [CodeExampleFile("old.json", report("ab", dossiers: 2)), CodeExampleFile("new.json", report("ab"))],
                                 arguments: ["diff", "old.json", "new.json"]),
            fix: "Check each version alone (`tuanthu check OLD.json --format json --output old-report.json`), or give `diff` the two dossiers."),
        CodeEntry(
            code: "W4300", title: "versions checked against different rulesets",
            explanation: "The two versions `diff` compares were checked against rulesets with different SHA-256 digests, so a finding may be fixed or new because the rules changed, not the dossier.",
            example: CodeExample(files: [CodeExampleFile("old.json", report("ab")), CodeExampleFile("new.json", report("cd"))],
                                 arguments: ["diff", "old.json", "new.json"]),
            fix: "Check both versions with the same `--rules`, or give `diff` the two dossiers so it checks both now."),
    ]
}
