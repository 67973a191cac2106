import Foundation
import Testing

// `--lang vi` is Vietnamese everywhere: each command is run under `--lang en`
// and `--lang vi`, and no English word the tool says under `en` may appear
// under `vi`. A word is the tool's when it is not data: not in the command
// line, not in the input files (test names, rule texts), not a name the
// tool keeps in both languages (the markers `error:` and `= help:`, option
// values, the parsers `bench json` compares). The English output must say
// something of its own, so that the check can fail.

/// The fixture: a ruleset whose own texts are Vietnamese, with passing and
/// failing tests, a gap, an unverified threshold, a broken dossier file and
/// two versions of a dossier to explain (a list, an object, a `where` that
/// skips) and to compare.
private let fixture = "Tests/Fixtures/lang"

/// One command line to run in both languages.
struct SweepCase: Sendable, CustomTestStringConvertible {
    /// The arguments, without `--lang`.
    var arguments: [String]
    /// Run in an empty temporary folder (no config file is found there).
    var inEmptyFolder = false
    var testDescription: String { arguments.joined(separator: " ") }
}

/// Words the tool writes the same in both languages: diagnostic markers,
/// option values, names of products, and the rule language's keywords and
/// literals (`expect A pass`, `true`) quoted as a rules file writes them.
private let sameInBothLanguages: Set<String> = [
    "error", "help", "note", "warning",
    "text", "json", "junit", "auto", "prevalidation", "inspection", "all", "MiB",
    "tuanthu", "Foundation", "JSONSerialization", "Asia",
    "expect", "pass", "fail", "missing", "true", "false",
]

/// The ASCII words of `text` (three letters or more, not all capitals: a
/// placeholder such as `PATH` or a unit such as `MB` is no sentence).
/// Tokens holding a digit, `_`, `.`, `-`, `/` or `\` inside (`KL81-3.5`,
/// `as_of`, `JSONParser.parse`, `Rules/kl81-cantho`, `MB/s`, Markdown's
/// `ngon\_ngu`) and options (`--quiet`) are names, not words; so is code
/// quoted in backticks, which both languages write alike.
func asciiWords(_ text: String) -> Set<String> {
    var words = Set<String>()
    // Backticked spans out: `{` `let` `def` are the rule language's, in either language.
    let prose = text.split(separator: "`", omittingEmptySubsequences: false).enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
    let separators = CharacterSet.letters.union(.decimalDigits).union(CharacterSet(charactersIn: "_.-/\\")).inverted
    for raw in prose.components(separatedBy: separators) where !raw.hasPrefix("-") {
        let token = raw.trimmingCharacters(in: CharacterSet(charactersIn: ".-"))
        guard token.count >= 3, token.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("A"..."Z").contains($0) }),
              token.uppercased() != token
        else { continue }
        words.insert(token)
    }
    return words
}

/// The words of the fixture's files, comments left out (no command prints them).
private let fixtureWords: Set<String> = {
    let folder = packageRoot.appendingPathComponent(fixture)
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var words = Set<String>()
    for f in files {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(f), encoding: .utf8) else { continue }
        let code = text.split(separator: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("//") }.joined(separator: "\n")
        words.formUnion(asciiWords(code))
    }
    return words
}()

/// Every command of the tool.
private let everyCommand = ["check", "lint", "test", "fmt", "summary", "record", "diff", "explain", "explain-code", "coverage",
                            "schema", "digest", "json-check", "bench", "fuzz", "completion", "man"]

@Suite("--lang vi says no English")
struct LanguageSweepTests {
    @Test(arguments: [
        SweepCase(arguments: ["test", fixture, "--as-of", "2026-11-29", "--coverage"]),
        SweepCase(arguments: ["test", fixture, "--as-of", "2026-11-29", "--quiet", "--run", "sai"]),
        SweepCase(arguments: ["coverage", fixture]),
        SweepCase(arguments: ["coverage", fixture, "--format", "markdown"]),
        SweepCase(arguments: ["check", "--print-config", "--no-config"]),
        SweepCase(arguments: ["test", "--print-config"], inEmptyFolder: true),
        SweepCase(arguments: ["fuzz", "--print-config", "--no-config"]),
        SweepCase(arguments: ["bench", "json", "--documents", "5", "--rounds", "1"]),
        SweepCase(arguments: ["bench", "check", "--documents", "5", "--rounds", "1", "--rules", fixture]),
        SweepCase(arguments: ["fuzz", "--cases", "5", "--target", "dossier", "--rules", fixture, "--seeds", fixture]),
        SweepCase(arguments: ["check", "--no-such-option"]),
        SweepCase(arguments: ["test", fixture, "--run", "[a-"]),
        SweepCase(arguments: ["explain", "C", fixture + "/ho-so.json", "--rules", fixture, "--as-of", "2026-11-29"]),
        SweepCase(arguments: ["explain", "B", fixture + "/ho-so.json", "--rules", fixture, "--as-of", "2026-11-29"]),
        SweepCase(arguments: ["check", fixture + "/ho-so.json", fixture + "/hong.json", "--rules", fixture, "--as-of", "2026-11-29"]),
        SweepCase(arguments: ["check", fixture + "/ho-so.json", "--rules", fixture, "--as-of", "2026-11-29", "--format", "markdown"]),
        SweepCase(arguments: ["summary", fixture + "/ho-so.json", fixture + "/ho-so-moi.json", "--rules", fixture, "--as-of", "2026-11-29"]),
        SweepCase(arguments: ["lint", fixture + "/hong.json"]),
        SweepCase(arguments: ["diff", fixture + "/ho-so.json", fixture + "/ho-so-moi.json", "--rules", fixture, "--as-of", "2026-11-29"]),
    ])
    func vietnameseOutputHasNoEnglishOfTheTool(_ c: SweepCase) throws {
        let folder = c.inEmptyFolder ? try makeTemporaryFolder("tuanthu-lang") : packageRoot
        defer { if c.inEmptyFolder { try? FileManager.default.removeItem(at: folder) } }
        let en = try runTool(c.arguments + ["--lang", "en"], in: folder)
        let vi = try runTool(c.arguments + ["--lang", "vi"], in: folder)
        #expect(en.status == vi.status, "\(en.stderr)\(vi.stderr)")
        let data = fixtureWords.union(asciiWords(c.arguments.joined(separator: " "))).union(sameInBothLanguages)
        let english = asciiWords(en.stdout + en.stderr).subtracting(data)
        #expect(english.count >= 3, "the English output says too little of its own to compare: \(english.sorted())\n\(en.stdout)\(en.stderr)")
        let leaked = asciiWords(vi.stdout + vi.stderr).intersection(english)
        #expect(leaked.isEmpty, "English under --lang vi: \(leaked.sorted())\n\(vi.stdout)\(vi.stderr)")
    }

    /// Every command's `--print-config`: a default described in words (`today
    /// in Asia/Ho_Chi_Minh`, `all cores`) is said in the language too.
    @Test(arguments: everyCommand)
    func printConfigOfEveryCommand(_ command: String) throws {
        let en = try runTool([command, "--print-config", "--no-config", "--lang", "en"], in: packageRoot)
        let vi = try runTool([command, "--print-config", "--no-config", "--lang", "vi"], in: packageRoot)
        #expect(en.status == 0 && vi.status == 0, "\(en.stderr)\(vi.stderr)")
        let english = asciiWords(en.stdout).subtracting(sameInBothLanguages).subtracting([command])
        #expect(english.isSuperset(of: ["effective", "settings", "option", "value", "from"]))
        let leaked = asciiWords(vi.stdout).intersection(english)
        #expect(leaked.isEmpty, "English under --lang vi: \(leaked.sorted())\n\(vi.stdout)")
    }

    /// The list above is every command `tuanthu --help` lists.
    @Test func everyCommandIsListed() throws {
        #expect(try declaredCommands().map(\.name).sorted() == everyCommand.sorted())
    }

    /// The word finder itself: names and placeholders are not words, Vietnamese is not English.
    @Test func asciiWordsAreEnglishLookingWordsOnly() {
        #expect(asciiWords("3 passed, 0 failed (--run `^A`) KL81-3.5-WW-01 as_of PATH MB/s ms/round ngon\\_ngu `let` or `def`") == ["passed", "failed"])
        #expect(asciiWords("2 đạt, 3 không đạt; độ phủ: mục 3.5") == [])
    }

    /// `--print-config` in Vietnamese: the header, the words of the table, where each setting came from.
    @Test func printConfigInVietnamese() throws {
        let run = try runTool(["check", "--print-config", "--no-config", "--jobs", "2", "--quiet", "--lang", "vi"], in: packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("# tuanthu check: các thiết lập có hiệu lực\n# tệp cấu hình: không đọc tệp nào (--no-config)\n"))
        let rows = run.stdout.split(separator: "\n").map { $0.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
        #expect(rows.contains(["tùy chọn", "giá trị", "nguồn"]))
        #expect(rows.contains(["--jobs", "2", "dòng lệnh"]))
        #expect(rows.contains(["--quiet", "bật", "dòng lệnh"]))
        #expect(rows.contains(["--mapper", "tắt", "mặc định"]))
        #expect(rows.contains(["--waivers", "(chưa đặt)", "mặc định"]))
        #expect(rows.contains(["--as-of", "hôm nay theo giờ Asia/Ho_Chi_Minh", "mặc định"]))
        #expect(rows.contains(["--rules", "bộ quy tắc đi kèm Rules/kl81-cantho", "mặc định"]))
    }
}
