import Foundation
import Testing

// Interpolated `else` messages render values as a person expects: computed
// numbers without `.0` or binary noise, dossier numbers and dates as written
// (a zero fraction dropped), big integers with all their digits.

@Suite("Evaluation: interpolated messages")
struct EvalMessagesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var interpolation: String
        var dossier: String
        var rendered: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a computed whole number has no .0", interpolation: "{a * 2}", dossier: #"{"a": 600}"#, rendered: "1200"),
        Case(name: "a computed sum of decimals has no binary noise", interpolation: "{a + b}", dossier: #"{"a": 0.1, "b": 0.2}"#, rendered: "0.3"),
        Case(name: "a computed fraction", interpolation: "{a / 4}", dossier: #"{"a": 1}"#, rendered: "0.25"),
        Case(name: "a computed repeating fraction is cut at 15 digits", interpolation: "{a / 3}", dossier: #"{"a": 1}"#, rendered: "0.333333333333333"),
        Case(name: "a small computed number is written out", interpolation: "{a / 100000}", dossier: #"{"a": 1.23456789}"#, rendered: "0.0000123456789"),
        Case(name: "a tiny computed number keeps its exponent", interpolation: "{a * 1}", dossier: #"{"a": 1.5e-300}"#, rendered: "1.5e-300"),
        Case(name: "a large computed whole number is written out", interpolation: "{a * 10}", dossier: #"{"a": 1e19}"#, rendered: "100000000000000000000"),
        Case(name: "a dossier number as written", interpolation: "{a}", dossier: #"{"a": 1200.50}"#, rendered: "1200.50"),
        Case(name: "a dossier number written with a zero fraction drops it", interpolation: "{a}", dossier: #"{"a": 800.0}"#, rendered: "800"),
        Case(name: "a dossier number with an exponent is written out", interpolation: "{a}", dossier: #"{"a": 1.2e3}"#, rendered: "1200"),
        Case(name: "a negative dossier number", interpolation: "{a}", dossier: #"{"a": -3.5}"#, rendered: "-3.5"),
        Case(name: "a dossier integer beyond 2^53 keeps its digits", interpolation: "{a}", dossier: #"{"a": 9007199254740993}"#, rendered: "9007199254740993"),
        Case(name: "a dossier date as written (DD/MM/YYYY)", interpolation: "{d}", dossier: #"{"d": "09/07/2024"}"#, rendered: "09/07/2024"),
        Case(name: "a dossier date as written (YYYY-MM-DD)", interpolation: "{d}", dossier: #"{"d": "2024-07-09"}"#, rendered: "2024-07-09"),
        Case(name: "today() is the as-of date", interpolation: "{today()}", dossier: "{}", rendered: "2026-11-29"),
        Case(name: "a computed count", interpolation: "{count(l)}", dossier: #"{"l": [1, 2, 3]}"#, rendered: "3"),
        Case(name: "a list is comma-separated", interpolation: "{l}", dossier: #"{"l": ["a", "b", 3]}"#, rendered: "a, b, 3"),
        Case(name: "a string without quotes", interpolation: "«{s}»", dossier: #"{"s": "Nhà máy"}"#, rendered: "«Nhà máy»"),
        Case(name: "a string with escapes, unescaped", interpolation: "{s}", dossier: #"{"s": "a \"b\" \u00e0"}"#, rendered: "a \"b\" à"),
        Case(name: "a bool", interpolation: "{ok}", dossier: #"{"ok": true}"#, rendered: "true"),
        Case(name: "a missing value is a question mark", interpolation: "{nothing}", dossier: "{}", rendered: "?"),
        Case(name: "literal braces", interpolation: "{{x}} = {a}", dossier: #"{"a": 1}"#, rendered: "{x} = 1"),
        Case(name: "a rounded number", interpolation: "{round(a, 1)}", dossier: #"{"a": 2.25}"#, rendered: "2.3"),
    ]

    @Test(arguments: cases) func rendering(_ c: Case) throws {
        let p = try loadProgram("rule R {\n  require false\n    else en \"\(c.interpolation)\"\n}")
        let r = checkDossier(p, c.dossier)
        let f = try #require(r.findings.first)
        #expect(f.message("en") == c.rendered)
    }

    @Test func everyLanguageOfTheRuleIsRendered() throws {
        let p = try loadProgram("""
            rule R {
              for each it in items {
                require it.cap >= it.need
                  else vi "Hạng mục «{it.name}»: công suất {it.cap} < {it.need}."
                       en "Item “{it.name}”: capacity {it.cap} < {it.need}."
              }
            }
            """)
        let r = checkDossier(p, #"{"items": [{"name": "Trạm 1", "cap": 800.0, "need": 1200}]}"#)
        let f = try #require(r.findings.first)
        #expect(f.message.map(\.lang) == ["vi", "en"])
        #expect(f.message("vi") == "Hạng mục «Trạm 1»: công suất 800 < 1200.")
        #expect(f.message("en") == "Item “Trạm 1”: capacity 800 < 1200.")
        // A language the rule does not give falls back to vi.
        #expect(f.message("fr") == f.message("vi"))
    }

    @Test func anUntaggedMessageIsVietnamese() throws {
        let p = try loadProgram("rule R {\n require a > 0 else \"Thiếu {a}\"\n}")
        let f = try #require(checkDossier(p, #"{"a": 0}"#).findings.first)
        #expect(f.message.map(\.lang) == ["vi"] && f.message("en") == "Thiếu 0")
    }

    @Test func aRequireWithoutMessageQuotesTheCondition() throws {
        let p = try loadProgram("rule R {\n require a > 0\n}")
        let f = try #require(checkDossier(p, #"{"a": 0}"#).findings.first)
        #expect(f.message("en") == "Requirement not met: `a > 0`.")
        #expect(f.message("vi") == "Không đạt yêu cầu: `a > 0`.")
    }
}
