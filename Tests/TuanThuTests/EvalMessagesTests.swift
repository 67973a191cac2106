import Foundation
import Testing

// Interpolated `else` messages render values as a person expects: computed
// numbers without `.0` or binary noise, dossier numbers as written (a zero
// fraction dropped), big integers with all their digits; grouped and marked
// the way each language writes them (vi `1.234,5`, en `1,234.5`), and
// `YYYY-MM-DD` dates as `DD/MM/YYYY` in Vietnamese.

@Suite("Evaluation: interpolated messages")
struct EvalMessagesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var interpolation: String
        var dossier: String
        /// The message in English: `,` groups thousands, dates stay `YYYY-MM-DD`.
        var en: String
        /// In Vietnamese: `.` groups thousands, `,` marks decimals, dates are `DD/MM/YYYY`.
        var vi: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a computed whole number has no .0", interpolation: "{a * 2}", dossier: #"{"a": 600}"#, en: "1,200", vi: "1.200"),
        Case(name: "a computed sum of decimals has no binary noise", interpolation: "{a + b}", dossier: #"{"a": 0.1, "b": 0.2}"#, en: "0.3", vi: "0,3"),
        Case(name: "a computed fraction", interpolation: "{a / 4}", dossier: #"{"a": 1}"#, en: "0.25", vi: "0,25"),
        Case(name: "a computed repeating fraction is cut at 15 digits", interpolation: "{a / 3}", dossier: #"{"a": 1}"#, en: "0.333333333333333", vi: "0,333333333333333"),
        Case(name: "a small computed number is written out", interpolation: "{a / 100000}", dossier: #"{"a": 1.23456789}"#, en: "0.0000123456789", vi: "0,0000123456789"),
        Case(name: "a tiny computed number keeps its exponent", interpolation: "{a * 1}", dossier: #"{"a": 1.5e-300}"#, en: "1.5e-300", vi: "1.5e-300"),
        Case(name: "a large computed whole number is written out", interpolation: "{a * 10}", dossier: #"{"a": 1e19}"#, en: "100,000,000,000,000,000,000", vi: "100.000.000.000.000.000.000"),
        Case(name: "a dossier number as written", interpolation: "{a}", dossier: #"{"a": 1200.50}"#, en: "1,200.50", vi: "1.200,50"),
        Case(name: "a dossier number written with a zero fraction drops it", interpolation: "{a}", dossier: #"{"a": 800.0}"#, en: "800", vi: "800"),
        Case(name: "a dossier number with an exponent is written out", interpolation: "{a}", dossier: #"{"a": 1.2e3}"#, en: "1,200", vi: "1.200"),
        Case(name: "a negative dossier number", interpolation: "{a}", dossier: #"{"a": -3.5}"#, en: "-3.5", vi: "-3,5"),
        Case(name: "a dossier integer beyond 2^53 keeps its digits", interpolation: "{a}", dossier: #"{"a": 9007199254740993}"#, en: "9,007,199,254,740,993", vi: "9.007.199.254.740.993"),
        Case(name: "a dossier date as written (DD/MM/YYYY)", interpolation: "{d}", dossier: #"{"d": "09/07/2024"}"#, en: "09/07/2024", vi: "09/07/2024"),
        Case(name: "a dossier date as written (YYYY-MM-DD)", interpolation: "{d}", dossier: #"{"d": "2024-07-09"}"#, en: "2024-07-09", vi: "09/07/2024"),
        Case(name: "today() is the as-of date", interpolation: "{today()}", dossier: "{}", en: "2026-11-29", vi: "29/11/2026"),
        Case(name: "a computed count", interpolation: "{count(l)}", dossier: #"{"l": [1, 2, 3]}"#, en: "3", vi: "3"),
        Case(name: "a list is comma-separated", interpolation: "{l}", dossier: #"{"l": ["a", "b", 3]}"#, en: "a, b, 3", vi: "a; b; 3"),
        Case(name: "a string without quotes", interpolation: "«{s}»", dossier: #"{"s": "Nhà máy"}"#, en: "«Nhà máy»", vi: "«Nhà máy»"),
        Case(name: "a string with escapes, unescaped", interpolation: "{s}", dossier: #"{"s": "a \"b\" \u00e0"}"#, en: "a \"b\" à", vi: "a \"b\" à"),
        Case(name: "a bool", interpolation: "{ok}", dossier: #"{"ok": true}"#, en: "true", vi: "true"),
        Case(name: "a missing value is a question mark", interpolation: "{nothing}", dossier: "{}", en: "?", vi: "?"),
        Case(name: "literal braces", interpolation: "{{x}} = {a}", dossier: #"{"a": 1}"#, en: "{x} = 1", vi: "{x} = 1"),
        Case(name: "a year is not grouped", interpolation: "{year(d)}", dossier: #"{"d": "2025-06-15"}"#, en: "2025", vi: "2025"),
        Case(name: "a list of numbers: semicolons between Vietnamese decimals", interpolation: "{l}", dossier: #"{"l": [18.6, 2000]}"#, en: "18.6, 2,000", vi: "18,6; 2.000"),
        Case(name: "a literal with four digits is grouped", interpolation: "{a + 0}", dossier: #"{"a": 1100}"#, en: "1,100", vi: "1.100"),
        Case(name: "a million and a half", interpolation: "{a * 1}", dossier: #"{"a": 1234567.5}"#, en: "1,234,567.5", vi: "1.234.567,5"),
        Case(name: "a rounded number", interpolation: "{round(a, 1)}", dossier: #"{"a": 2.25}"#, en: "2.3", vi: "2,3"),
    ]

    @Test(arguments: cases) func rendering(_ c: Case) throws {
        let p = try loadProgram("rule R {\n  require false\n    else vi \"\(c.interpolation)\" en \"\(c.interpolation)\" fr \"\(c.interpolation)\"\n}")
        let r = checkDossier(p, c.dossier)
        let f = try #require(r.findings.first)
        #expect(f.message("en") == c.en)
        #expect(f.message("vi") == c.vi)
        // Any other language writes numbers and dates as English does.
        #expect(f.message("fr") == c.en)
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
        #expect(f.message("vi") == "Hạng mục «Trạm 1»: công suất 800 < 1.200.")
        #expect(f.message("en") == "Item “Trạm 1”: capacity 800 < 1,200.")
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
