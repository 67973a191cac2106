import Diagnostics
import Foundation
import Semantics
import Testing
import TuanThu

// The linear-time regular-expression engine behind `matches` and
// `full_match` (Sources/Semantics/Regex.swift): a table of matches, a table of
// refused patterns, a differential test against Swift's `Regex`, and the
// pathological patterns that made the old backtracking engine stall.

/// A pattern, a subject, and whether `matches` (search) and `full_match` hold.
struct RegexCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var subject: String
    var search: Bool
    var whole: Bool
    init(_ pattern: String, _ subject: String, _ search: Bool, _ whole: Bool) {
        (self.pattern, self.subject, self.search, self.whole) = (pattern, subject, search, whole)
    }
    var testDescription: String { "\(pattern) on \(subject.debugDescription)" }
}


let regexCases: [RegexCase] = [
    // Literals, search versus whole match.
    RegexCase("abc", "abc", true, true),
    RegexCase("abc", "xabcx", true, false),
    RegexCase("abc", "ab", false, false),
    RegexCase("", "", true, true),
    RegexCase("", "abc", true, false),
    // Anchors are whole-string anchors.
    RegexCase("^abc$", "abc", true, true),
    RegexCase("^abc", "xabc", false, false),
    RegexCase("abc$", "abcx", false, false),
    RegexCase("^$", "", true, true),
    RegexCase("^$", "a", false, false),
    RegexCase("$", "abc", true, false),
    RegexCase("a$", "a\n", false, false),
    RegexCase("^a|b$", "xb", true, false),
    // Quantifiers, lazy forms, empty matches.
    RegexCase("a*", "", true, true),
    RegexCase("a*", "bbb", true, false),
    RegexCase("x*", "xxxxy", true, false),
    RegexCase("colou?r", "color", true, true),
    RegexCase("colou?r", "colouur", false, false),
    RegexCase("a+", "", false, false),
    RegexCase("a+?", "aaa", true, true),
    RegexCase("a*?b", "aab", true, true),
    RegexCase("a??", "a", true, true),
    RegexCase("(a*)*", "aaab", true, false),
    RegexCase("(a*)*b", "aaab", true, true),
    RegexCase("(a*|b)+c", "abbac", true, true),
    RegexCase("()*", "", true, true),
    // Counted repetition.
    RegexCase("a{3}", "aa", false, false),
    RegexCase("a{3}", "aaa", true, true),
    RegexCase("a{3}", "aaaa", true, false),
    RegexCase("a{2,}", "aaaaa", true, true),
    RegexCase("a{2,}", "a", false, false),
    RegexCase("a{2,3}", "aaaa", true, false),
    RegexCase("a{2,3}?", "aaa", true, true),
    RegexCase("a{0}b", "b", true, true),
    RegexCase("(?:ab){2}", "abab", true, true),
    RegexCase("^CT-[0-9]{4}$", "CT-2024", true, true),
    RegexCase("^CT-[0-9]{4}$", "CT-20245", false, false),
    RegexCase("x{1000}", String(repeating: "x", count: 1000), true, true),
    RegexCase("x{1000}", String(repeating: "x", count: 999), false, false),
    // Alternation and groups.
    RegexCase("a|b", "b", true, true),
    RegexCase("ab|cd", "xcd", true, false),
    RegexCase("(a|ab)(c|bcd)(d*)", "abcd", true, true),
    RegexCase("(?:ab)+", "ababab", true, true),
    RegexCase("a(|b)c", "ac", true, true),
    RegexCase("^([01][0-9]|2[0-3]):[0-5][0-9]$", "23:59", true, true),
    RegexCase("^([01][0-9]|2[0-3]):[0-5][0-9]$", "24:00", false, false),
    // Classes.
    RegexCase("[a-c]+", "abcd", true, false),
    RegexCase("[^0-9]", "123", false, false),
    RegexCase("[^0-9]", "12a3", true, false),
    RegexCase("[\\]\\[]", "]", true, true),
    RegexCase("[a\\-z]", "-", true, true),
    RegexCase("[a\\-z]", "b", false, false),
    RegexCase("[-a]", "-", true, true),
    RegexCase("[a-]", "-", true, true),
    RegexCase("[\\d\\s]", " ", true, true),
    RegexCase("[^\\d]", "5", false, false),
    RegexCase("[\\D]", "x", true, true),
    RegexCase("[.]", "x", false, false),
    RegexCase("[.]", ".", true, true),
    RegexCase("[^\\n]+", "ab", true, true),
    // Escapes: ASCII-only `\d \w \s`, metacharacters, control characters, `\u`.
    RegexCase("\\d+", "\u{663}\u{664}\u{665}", false, false),
    RegexCase("\\d{4}", "2024", true, true),
    RegexCase("\\D", "٣", true, true),
    RegexCase("\\w+", "tuân", true, false),
    RegexCase("\\W", "â", true, true),
    RegexCase("\\s", "a b", true, false),
    RegexCase("\\S+", "abc", true, true),
    RegexCase("\\{\\}\\[\\]\\(\\)", "{}[]()", true, true),
    RegexCase("\\.\\*\\+\\?\\^\\$\\|\\\\\\/\\-", ".*+?^$|\\/-", true, true),
    RegexCase("\\.", "a", false, false),
    RegexCase("a\\|b", "a|b", true, true),
    RegexCase("\\t\\n\\r", "\t\n\r", true, true),
    RegexCase("\\u1EA1", "ạ", true, true),
    RegexCase("\\u{1EA1}+", "ạạ", true, true),
    RegexCase("\\,\\#", ",#", true, true),
    // Word boundaries (ASCII word characters).
    RegexCase("\\bcat\\b", "a cat sat", true, false),
    RegexCase("\\bcat\\b", "concat", false, false),
    RegexCase("\\Bcat", "concat", true, false),
    RegexCase("^\\b$", "", false, false),
    // `.` is one code point, never `\n`.
    RegexCase("a.c", "a\nc", false, false),
    RegexCase(".", "ạ", true, true),
    RegexCase("^.$", nfd("ạ"), true, true),
    RegexCase("^..$", "ạ", false, false),
    RegexCase("😀+", "😀😀", true, true),
    RegexCase("[😀-😂]", "😁", true, true),
    RegexCase("[😀-😂]", "😃", false, false),
    // Vietnamese text, NFC and NFD, in literals and classes.
    RegexCase("^Cần Thơ$", "Cần Thơ", true, true),
    RegexCase("^Cần Thơ$", nfd("Cần Thơ"), true, true),
    RegexCase(nfd("^Cần Thơ$"), "Cần Thơ", true, true),
    RegexCase("[àáạảã]", "ạ", true, true),
    RegexCase("[àáạảã]", nfd("ạ"), true, true),
    RegexCase("[a-zà-ỹđ]+", "đường", true, true),
    // `à-ỹ` spans U+00E0–U+1EF9, which holds some capitals too (`Đ`, `Ư`, `Ờ`).
    RegexCase("[a-zà-ỹđ]+", "ĐƯỜNG", true, false),
    RegexCase("[a-zđ]+", "ĐƯỜNG", false, false),
    RegexCase("Quyết định số \\d+/QĐ-UBND", "Theo Quyết định số 123/QĐ-UBND ngày 9/7", true, false),
    // Case-insensitive flag: ASCII and Vietnamese letters, literals and classes.
    RegexCase("(?i)abc", "xABCx", true, false),
    RegexCase("(?i)cần thơ", "CẦN THƠ", true, true),
    RegexCase("(?i)^[a-zà-ỹđ]+$", "ĐƯỜNG", true, true),
    RegexCase("(?i)[^a]", "A", false, false),
    RegexCase("(?i)[^a]", "b", true, true),
    RegexCase("cần thơ", "CẦN THƠ", false, false),
    // Pathological for backtracking engines; linear here.
    RegexCase("^(a+)+$", String(repeating: "a", count: 30) + "!", false, false),
    RegexCase("(a|a)*b", String(repeating: "a", count: 30), false, false),
    RegexCase("(x+x+)+y", String(repeating: "x", count: 30), false, false),
]

/// A pattern the engine refuses, what it says, and the part of the pattern it points at.
struct RegexErrorCase: Sendable, CustomTestStringConvertible {
    var pattern: String
    var message: String
    var underlined: String
    var help: String
    init(_ pattern: String, _ message: String, _ underlined: String, help: String) {
        (self.pattern, self.message, self.underlined, self.help) = (pattern, message, underlined, help)
    }
    var testDescription: String { pattern }
}

let lookaroundHelp = "look-around cannot be matched in linear time; combine two checks instead, like `matches(s, \"a\") and not matches(s, \"b\")`"
let backreferenceHelp = "backreferences cannot be matched in linear time; repeat the group's pattern instead, or compare the two fields in the rule"

let regexErrorCases: [RegexErrorCase] = [
    RegexErrorCase("(a)\\1", "`\\1` is a backreference, which is not supported", "\\1", help: backreferenceHelp),
    RegexErrorCase("(a)\\12", "`\\12` is a backreference, which is not supported", "\\12", help: backreferenceHelp),
    RegexErrorCase("(?<n>a)\\k<n>", "named groups are not supported", "(?<", help: "write `(…)` or `(?:…)`; `matches` captures nothing"),
    RegexErrorCase("a\\k<n>", "`\\k` is a backreference, which is not supported", "\\k", help: backreferenceHelp),
    RegexErrorCase("a(?=b)", "`(?=` starts a look-ahead, which is not supported", "(?=", help: lookaroundHelp),
    RegexErrorCase("a(?!b)", "`(?!` starts a look-ahead, which is not supported", "(?!", help: lookaroundHelp),
    RegexErrorCase("(?<=a)b", "`(?<=` starts a look-behind, which is not supported", "(?<=", help: lookaroundHelp),
    RegexErrorCase("(?<!a)b", "`(?<!` starts a look-behind, which is not supported", "(?<!", help: lookaroundHelp),
    RegexErrorCase("(?>a+)b", "`(?>` starts an atomic group, which is not supported", "(?>",
                   help: "the engine never backtracks, so atomic groups are not needed; write `(?:…)`"),
    RegexErrorCase("a*+", "`*+` is a possessive quantifier, which is not supported", "*+",
                   help: "the engine never backtracks, so possessive quantifiers are not needed; write `*`"),
    RegexErrorCase("a{2,3}+", "`{2,3}+` is a possessive quantifier, which is not supported", "{2,3}+",
                   help: "the engine never backtracks, so possessive quantifiers are not needed; write `{2,3}`"),
    RegexErrorCase("a\\q", "unknown escape `\\q`", "\\q",
                   help: "escape only punctuation, like `\\.` or `\\{`; the letter escapes are `\\d \\D \\w \\W \\s \\S \\b \\B \\t \\n \\r \\uXXXX`"),
    RegexErrorCase("\\A", "unknown escape `\\A`", "\\A",
                   help: "escape only punctuation, like `\\.` or `\\{`; the letter escapes are `\\d \\D \\w \\W \\s \\S \\b \\B \\t \\n \\r \\uXXXX`"),
    RegexErrorCase("\\ạ", "unknown escape `\\ạ`", "\\ạ",
                   help: "escape only punctuation, like `\\.` or `\\{`; the letter escapes are `\\d \\D \\w \\W \\s \\S \\b \\B \\t \\n \\r \\uXXXX`"),
    RegexErrorCase("\\p{L}", "unknown escape `\\p`", "\\p",
                   help: "Unicode property classes are not supported; list the characters in a class, like `[a-zà-ỹ]`"),
    RegexErrorCase("ab\\", "the pattern ends with a lone `\\`", "\\", help: "write `\\\\` for a literal backslash"),
    RegexErrorCase("\\u12", "invalid escape `\\u12`", "\\u12",
                   help: "write `\\u` with four hex digits, like `\\u1EA1`, or with one to six in braces, like `\\u{1EA1}`"),
    RegexErrorCase("\\u{D800}", "invalid escape `\\u{D800}`", "\\u{D800}",
                   help: "write `\\u` with four hex digits, like `\\u1EA1`, or with one to six in braces, like `\\u{1EA1}`"),
    RegexErrorCase("a(b(c)", "unclosed group", "(", help: "add `)` to close it, or write `\\(` for a literal parenthesis"),
    RegexErrorCase("ab)c", "unmatched `)`", ")", help: "remove it, or write `\\)` for a literal parenthesis"),
    RegexErrorCase("x[ab", "unclosed character class", "[", help: "add `]` to close it, or write `\\[` for a literal bracket"),
    RegexErrorCase("x[]", "empty character class", "[]", help: "write `\\]` for a literal bracket inside a class"),
    RegexErrorCase("[a[b]]", "unescaped `[` inside a character class", "[",
                   help: "write `\\[`; nested classes and POSIX classes like `[:alpha:]` are not supported"),
    RegexErrorCase("[z-a]", "range `z-a` is out of order", "z-a", help: "write the lower character first: `a-z`"),
    RegexErrorCase("[ỹ-à]", "range `ỹ-à` is out of order", "ỹ-à", help: "write the lower character first: `à-ỹ`"),
    RegexErrorCase("[a-\\d]", "a range cannot end at `\\d`", "a-\\d", help: "write `\\-` for a literal dash"),
    RegexErrorCase("[\\w-z]", "a range cannot start at `\\w`", "\\w-z", help: "write `\\-` for a literal dash"),
    RegexErrorCase("[\\b]", "`\\b` cannot appear inside a character class", "\\b", help: "move the word boundary out of the `[…]`"),
    RegexErrorCase("a{5,2}", "counted repetition `{5,2}` has its minimum above its maximum", "{5,2}", help: "write `{2,5}`"),
    RegexErrorCase("a{1001}", "counted repetition `{1001}` is above the limit of 1000", "{1001}", help: "use `+` or `*` for long repeats"),
    RegexErrorCase("a{2,1001}", "counted repetition `{2,1001}` is above the limit of 1000", "{2,1001}", help: "use `+` or `*` for long repeats"),
    RegexErrorCase("a{", "`{` does not start a counted repetition like `{2}` or `{2,5}`", "{", help: "write `\\{` for a literal brace"),
    RegexErrorCase("a{,3}", "`{` does not start a counted repetition like `{2}` or `{2,5}`", "{", help: "write `\\{` for a literal brace"),
    RegexErrorCase("{2}", "`{2}` has nothing to repeat", "{2}", help: "write `\\{` for a literal brace"),
    RegexErrorCase("a}", "unescaped `}`", "}", help: "write `\\}` for a literal brace"),
    RegexErrorCase("a]", "unescaped `]`", "]", help: "write `\\]` for a literal bracket"),
    RegexErrorCase("*a", "`*` has nothing to repeat", "*", help: "write `\\*` for a literal `*`"),
    RegexErrorCase("a|+b", "`+` has nothing to repeat", "+", help: "write `\\+` for a literal `+`"),
    RegexErrorCase("(?a)", "unsupported group `(?a`", "(?a", help: "the groups are `(…)` and `(?:…)`, and the only flag is `(?i)` at the start"),
    RegexErrorCase("a|?b", "`?` has nothing to repeat", "?", help: "write `\\?` for a literal `?`"),
    RegexErrorCase("\\b+", "`+` has nothing to repeat", "+", help: "an anchor matches no character; write `\\+` for a literal `+`"),
    RegexErrorCase("^*", "`*` has nothing to repeat", "*", help: "an anchor matches no character; write `\\*` for a literal `*`"),
    RegexErrorCase("a**", "`*` repeats a repetition", "*", help: "put the repeated part in a group, like `(?:a*)*`"),
    RegexErrorCase("a{2}{3}", "`{3}` repeats a repetition", "{3}", help: "put the repeated part in a group, like `(?:a*){3}`"),
    RegexErrorCase("ab(?i)c", "`(?i)` is allowed only at the start of the pattern", "(?i)",
                   help: "move `(?i)` to the start; it applies to the whole pattern"),
    RegexErrorCase("(?m)^a", "unsupported group `(?m`", "(?m", help: "the groups are `(…)` and `(?:…)`, and the only flag is `(?i)` at the start"),
    RegexErrorCase("(?P<n>a)", "named groups are not supported", "(?P", help: "write `(…)` or `(?:…)`; `matches` captures nothing"),
    RegexErrorCase(String(repeating: "(", count: 101) + String(repeating: ")", count: 101), "groups are nested more than 100 deep", "(",
                   help: "flatten the pattern"),
]

@Suite struct RegexTests {
    @Test(arguments: regexCases)
    func matchesAsTabled(_ c: RegexCase) throws {
        let r = try LinearRegex(c.pattern)
        #expect(r.search(in: c.subject) == c.search, "search")
        #expect(r.wholeMatch(of: c.subject) == c.whole, "whole match")
    }

    @Test(arguments: regexErrorCases)
    func refusesWithALocatedError(_ c: RegexErrorCase) throws {
        do {
            _ = try LinearRegex(c.pattern)
            Issue.record("`\(c.pattern)` compiled")
        } catch {
            #expect(error.message == c.message)
            #expect(error.help == c.help)
            let bytes = Array(c.pattern.utf8)
            try #require(error.offset >= 0 && error.offset + error.length <= bytes.count)
            #expect(String(decoding: bytes[error.offset..<(error.offset + error.length)], as: UTF8.self) == c.underlined)
            #expect(!error.message.contains("\n") && !error.message.hasSuffix(".") && error.message.first?.isUppercase == false)
        }
    }

    /// The caps: pattern length, and program size (counted repetitions multiply).
    @Test func capsAreErrors() throws {
        #expect(throws: RegexSyntaxError.self) { try LinearRegex(String(repeating: "a", count: LinearRegex.maxPatternBytes + 1)) }
        #expect(try LinearRegex(String(repeating: "a", count: LinearRegex.maxPatternBytes)).instructionCount == LinearRegex.maxPatternBytes + 1)
        do {
            _ = try LinearRegex("((a{200}){200})")
            Issue.record("a 40,000-step program compiled")
        } catch {
            #expect(error.message == "the pattern is too large: it compiles to more than 20000 steps")
            #expect(error.offset == 0 && error.length == "((a{200}){200})".utf8.count)
        }
        #expect(try LinearRegex("(a{100}){100}").instructionCount <= LinearRegex.maxInstructions)
    }

    /// The pattern that took 16 s with the backtracking engine on 18 a's
    /// answers, correctly, on 10,000 (not timed: it only has to finish).
    @Test func pathologicalPatternAnswers() throws {
        let subject = String(repeating: "a", count: 10_000) + "!"
        let r = try LinearRegex("^(a+)+$")
        #expect(!r.search(in: subject))
        #expect(!r.wholeMatch(of: subject))
        #expect(try LinearRegex("^(a+)+!$").wholeMatch(of: subject))
        #expect(!(try LinearRegex("(a|aa)*b").search(in: subject)))
        #expect(!(try LinearRegex("(a*)*(b|c){2,20}").search(in: subject)))
    }

    /// Random patterns over a small alphabet and the operators both engines
    /// read alike, on random subjects: our answer equals Swift `Regex`'s.
    @Test func agreesWithSwiftRegex() throws {
        var rng = SplitMix64(seed: 0x7475_616E_7468_7500)
        var cases = 0, searchHits = 0, wholeHits = 0
        for _ in 0..<600 {
            let pattern = randomPattern(&rng, depth: 0)
            let ours = try LinearRegex(pattern)
            let theirs = try Regex(pattern)
            for _ in 0..<5 {
                let subject = String((0..<Int.random(in: 0...8, using: &rng)).map { _ in "abc1".randomElement(using: &rng)! })
                let search = ours.search(in: subject), whole = ours.wholeMatch(of: subject)
                #expect(search == (subject.firstMatch(of: theirs) != nil), "search `\(pattern)` in \(subject.debugDescription)")
                #expect(whole == (subject.wholeMatch(of: theirs) != nil), "whole `\(pattern)` on \(subject.debugDescription)")
                cases += 1
                searchHits += search ? 1 : 0
                wholeHits += whole ? 1 : 0
            }
        }
        #expect(cases == 3000)
        // Both answers are common, so agreement is not agreement on "no".
        #expect((300...2900).contains(searchHits) && (300...2700).contains(wholeHits), "\(searchHits) searches and \(wholeHits) whole matches hit")
    }
}

// MARK: - Random patterns

// (SplitMix64 is in JSONTestSupport.swift.)

/// A random pattern both engines accept and read alike: ASCII, no `\b`, no newlines.
func randomPattern(_ rng: inout SplitMix64, depth: Int) -> String {
    let atoms = ["a", "b", "c", "1", ".", "[ab]", "[^a]", "[a-c]", "\\d", "\\w", "[\\d]", "\\.", "^", "$"]
    let quantifiers = ["", "", "", "*", "+", "?", "*?", "+?", "??", "{2}", "{0,2}", "{1,}", "{1,3}?"]
    let groupQuantifiers = ["", "", "?", "??", "{2}", "{0,2}", "{1,3}?"]
    var branches: [String] = []
    for _ in 0..<Int.random(in: 1...(depth == 0 ? 3 : 2), using: &rng) {
        var branch = ""
        for _ in 0..<Int.random(in: 0...3, using: &rng) {
            if depth < 2 && Int.random(in: 0..<4, using: &rng) == 0 {
                // Groups get bounded quantifiers only: Swift's backtracking
                // engine can take minutes on an unbounded loop around a group
                // that matches empty (the very problem this engine solves).
                let group = (Bool.random(using: &rng) ? "(" : "(?:") + randomPattern(&rng, depth: depth + 1) + ")"
                branch += group + groupQuantifiers.randomElement(using: &rng)!
            } else {
                let atom = atoms.randomElement(using: &rng)!
                // Anchors are not repeated (refused here, and meaningless anyway).
                branch += atom + (atom == "^" || atom == "$" ? "" : quantifiers.randomElement(using: &rng)!)
            }
        }
        branches.append(branch)
    }
    return branches.joined(separator: "|")
}

// MARK: - The documentation

/// The rules in the examples of Rules/REGEX.md.
func regexDocRules() throws -> String {
    let text = try String(contentsOf: packageRoot.appendingPathComponent("Rules/REGEX.md"), encoding: .utf8)
    let blocks = text.components(separatedBy: "```\n").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
    return blocks.filter { $0.contains("rule ") }.joined(separator: "\n")
}

@Suite struct RegexDocumentationTests {
    /// Every example rule in Rules/REGEX.md loads without a diagnostic.
    @Test func examplesLint() throws {
        let source = try regexDocRules()
        #expect(source.components(separatedBy: "rule ").count - 1 >= 4)
        let loaded = RulesetLoader.load(sources: [("REGEX.md", source)])
        #expect(loaded.diagnostics.isEmpty, "\(DiagnosticRenderer(colorize: false).render(loaded.diagnostics, files: loaded.files))")
    }

    /// The examples decide as the document says.
    @Test func examplesDecide() throws {
        let program = try loadProgram(try regexDocRules())
        let good = #"{"code": "CT-2024-0087", "hours": {"start": "07:30"}, "approval": {"reference": "Theo 123/QĐ-UBND"}, "location": {"province": "TP. CẦN THƠ"}}"#
        let bad = #"{"code": "CT-2024-0087/A", "hours": {"start": "24:00"}, "approval": {"reference": "123/QĐ-UB"}, "location": {"province": "Hậu Giang"}}"#
        let ids = ["CODE-01", "HOURS-01", "DECISION-01", "PLACE-01"]
        let r1 = checkDossier(program, good), r2 = checkDossier(program, bad)
        #expect(ids.map { outcome(r1, program, $0) } == Array(repeating: .pass, count: 4))
        #expect(ids.map { outcome(r2, program, $0) } == Array(repeating: .fail, count: 4))
    }
}
