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
