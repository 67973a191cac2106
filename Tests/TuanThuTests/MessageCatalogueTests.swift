import Diagnostics
import Testing

/// The message catalogue: every entry in both languages, with the same
/// placeholders, and the number and date forms of each language.
@Suite struct MessageCatalogueTests {
    @Test func everyEntryHasBothLanguagesWithTheSamePlaceholders() {
        let entries = allMessageEntries()
        #expect(entries.count >= ReportWord.allCases.count)
        var seen = Set<String>()
        for e in entries {
            #expect(seen.insert(e.key).inserted, "key \(e.key) is defined twice")
            #expect(!e.vi.isEmpty, "\(e.key) has no Vietnamese text")
            #expect(!e.en.isEmpty, "\(e.key) has no English text")
            #expect(e.vi != e.en, "\(e.key): the Vietnamese text is the English one")
            #expect(placeholders(e.vi).sorted() == placeholders(e.en).sorted(), "\(e.key): placeholders differ")
        }
    }

    @Test(arguments: [
        ("1100", Lang.vi, "1.100"), ("1100", .en, "1,100"), ("18.6", .vi, "18,6"), ("18.6", .en, "18.6"),
        ("-1234567.5", .vi, "-1.234.567,5"), ("999", .en, "999"), ("1e5", .vi, "1e5"),
    ])
    func numbersAsEachLanguageWritesThem(plain: String, lang: Lang, expected: String) {
        #expect(formatNumber(plain, lang) == expected)
    }

    @Test func datesAndFilledPlaceholders() {
        #expect(formatDate("2025-06-15", .vi) == "15/06/2025")
        #expect(formatDate("2025-06-15", .en) == "2025-06-15")
        #expect(formatDate("15 June", .vi) == "15 June")
        let t = localize(ReportWord.waiverLine, ["reason": .text("R"), "approver": .text("A"), "expires": .date("2025-06-30")])
        #expect(t(.vi) == "được miễn: R — người duyệt A, hiệu lực đến 30/06/2025")
        #expect(t(.en) == "waived: R — approved by A, until 2025-06-30")
    }
}

/// Templates that probe the filling of placeholders (a test-only area).
enum FillProbe: String, MessageArea {
    case plain, adjacent, edges, unfilled, multibyte, notPlaceholders, alone, number, onlyUnfilled, identifier

    var key: String { "probe.\(rawValue)" }

    var templates: (vi: String, en: String) {
        let t: String
        switch self {
        case .plain: t = "no placeholder {{ }} here"
        case .adjacent: t = "{a}{b}"
        case .edges: t = "{a} at start and end {a}"
        case .unfilled: t = "{missing} stays, {a} filled"
        case .multibyte: t = "Khóa «{key}» ở dòng {line} — 🌾"
        case .notPlaceholders: t = "\\u{1EA1} and { a } and {1x} and {a-b} and {a"
        case .alone: t = "{a}"
        case .number: t = "số {n}"
        case .onlyUnfilled: t = "{zzz} and {yyy}"
        case .identifier: t = "[{a_1}|{_b}|{B2}]"
        }
        return (t, "en: " + t)
    }
}

/// Filling must give what the template says, byte for byte, in both languages.
@Test(arguments: [
    (FillProbe.plain, "no placeholder {{ }} here"),
    (.adjacent, "XY"),
    (.edges, "X at start and end X"),
    (.unfilled, "{missing} stays, X filled"),
    (.multibyte, "Khóa «đào 🌾» ở dòng 12 — 🌾"),
    (.notPlaceholders, "\\u{1EA1} and { a } and {1x} and {a-b} and {a"),
    (.alone, "X"),
    (.number, "số 1.100"),
    (.onlyUnfilled, "{zzz} and {yyy}"),
    (.identifier, "[one|two|three]"),
])
func placeholdersAreFilledAsWritten(_ probe: FillProbe, _ expectedVi: String) {
    let args: KeyValuePairs<String, MessageArg> = [
        "a": .text("X"), "b": .text("Y"), "key": .text("đào 🌾"), "line": .text("12"), "n": .number("1100"),
        "a_1": .text("one"), "_b": .text("two"), "B2": .text("three"),
    ]
    let t = localize(probe, args)
    #expect(t(.vi) == expectedVi)
    let expectedEn = probe == .number ? "en: số 1,100" : "en: " + expectedVi
    #expect(t(.en) == expectedEn)
}

@Test func placeholderNamesInOrder() {
    #expect(placeholders("{a}{b} {a} \\u{1EA1} {c_2} {x") == ["a", "b", "a", "c_2"])
    #expect(placeholders("Khóa «{key}» ở dòng {line}") == ["key", "line"])
    #expect(placeholders("").isEmpty)
}
