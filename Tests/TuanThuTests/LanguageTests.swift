import Base
import Diagnostics
import Foundation
import JSON
import Reporters
import Run
import Semantics
import Testing
import TuanThu

// `--lang vi` is Vietnamese everywhere, `--lang en` English everywhere: the
// dossier input (E3xxx), files, command line and outputs (E4xxx) and
// waivers (E41xx, W41xx) render from the message catalogue in the language
// asked for; English reports never write "Điều".

/// One diagnostic (or error) of the catalogue, rendered in each language.
struct LanguageCase: Sendable, CustomStringConvertible {
    var description: String
    /// The text the tool prints for it, in `lang`.
    var render: @Sendable (Lang) throws -> String
    /// A part of the Vietnamese text.
    var vi: String
    /// A part of the English text.
    var en: String
}

private func jsonError(_ text: String) -> @Sendable (Lang) throws -> String {
    { lang in
        var files = SourceMap()
        let file = files.add(path: "d.json", bytes: Array(text.utf8))
        do throws(JSONParseError) {
            _ = try JSONParser.parse(file.bytes)
            return "parsed"
        } catch {
            var renderer = DiagnosticRenderer()
            renderer.lang = lang
            return renderer.render(error.diagnostic(file: file.id), files: files)
        }
    }
}

private func waiverError(_ text: String) -> @Sendable (Lang) throws -> String {
    { lang in
        do throws(WaiverLoadError) {
            _ = try WaiverFile.parse(bytes: Array(text.utf8), path: "waivers.json")
            return "loaded"
        } catch {
            return error.rendered(lang: lang) + error.summary(lang)
        }
    }
}

private let waiverRules = """
    rule R {
      require true
    }
    """

private let languageCases: [LanguageCase] = [
    LanguageCase(description: "E3001 missing comma", render: jsonError("{\"a\": 1 \"b\": 2}"),
                 vi: "error[E3001]: mong đợi ',' hoặc '}' sau một thành phần của đối tượng, gặp `\"b\"`",
                 en: "error[E3001]: expected ',' or '}' after an object member, found `\"b\"`"),
    LanguageCase(description: "E3001 empty file", render: jsonError(""),
                 vi: "mong đợi một giá trị JSON, gặp hết dữ liệu", en: "expected a JSON value, found end of input"),
    LanguageCase(description: "E3001 trailing comma, with its label", render: jsonError("[1,]"),
                 vi: "bỏ dấu phẩy thừa này", en: "remove this trailing comma"),
    LanguageCase(description: "E3001 truncated file", render: jsonError("{\"a\": [1, 2"),
                 vi: "tệp kết thúc trước khi mảng được đóng; có thể tệp bị cắt cụt", en: "the file ends before the array is closed; it may be truncated"),
    LanguageCase(description: "E3004 invalid escape", render: jsonError("\"\\q\""),
                 vi: "chuỗi thoát `\\q` không hợp lệ trong chuỗi", en: "invalid escape `\\q` in a string"),
    LanguageCase(description: "E3007 leading zero", render: jsonError("{\"n\": 012}"),
                 vi: "số `012` không hợp lệ: có chữ số 0 ở đầu", en: "invalid number `012`: leading zero"),
    LanguageCase(description: "E3008 second value", render: jsonError("{} {}"),
                 vi: "dùng NDJSON (mỗi dòng một tài liệu)", en: "use NDJSON (one document per line)"),
    LanguageCase(description: "E4102 waivers file not an array", render: waiverError("{}"),
                 vi: "tệp miễn trừ là một mảng JSON các miễn trừ, nhưng tệp này chứa một đối tượng",
                 en: "a waivers file is a JSON array of waivers, but this file holds an object"),
    LanguageCase(description: "E4109 unknown waiver field", render: waiverError(#"[{"rule": "R", "dosier": "x"}]"#),
                 vi: "trường miễn trừ `dosier` không xác định", en: "unknown waiver field `dosier`"),
    LanguageCase(description: "E4105 empty field, with the summary", render: waiverError(
        #"[{"rule": "R", "dossier": "x", "reason": " ", "approved_by": "A", "expires": "2030-01-01"}]"#),
                 vi: "tệp miễn trừ `waivers.json` có 1 lỗi; chưa hồ sơ nào được kiểm tra", en: "the waivers file `waivers.json` has 1 error; no dossier was checked"),
    LanguageCase(description: "W4102 expired waiver", render: { lang in
        let program = try loadProgram(waiverRules)
        let file = try WaiverFile.parse(bytes: Array(#"[{"rule": "R", "dossier": "x", "reason": "r", "approved_by": "A", "expires": "2020-01-01"}]"#.utf8),
                                        path: "waivers.json", program: program)
        let applier = WaiverApplier(file, asOf: CivilDate("2026-11-29")!, program: program)
        return applier.render(applier.expiredWarnings, lang: lang)
    }, vi: "warning[W4102]: miễn trừ cho `R` của `x` đã hết hạn ngày 2020-01-01", en: "warning[W4102]: the waiver of `R` for `x` expired on 2020-01-01"),
    LanguageCase(description: "E4202 unknown report format", render: { lang in
        do throws(RunError) {
            _ = try ReportTarget.parse("sarf=out.sarif")
            return "parsed"
        } catch {
            return error.rendered(lang)
        }
    }, vi: "error[E4202]: `--report sarf=out.sarif`: `sarf` không phải một định dạng báo cáo\n  = help: có phải ý bạn là `sarif=out.sarif`? FORMAT là một trong",
       en: "error[E4202]: `--report sarf=out.sarif`: `sarf` is not a report format\n  = help: did you mean `sarif=out.sarif`? FORMAT is one of"),
    LanguageCase(description: "E4201 selector matching no rule", render: { lang in
        let program = try loadProgram(waiverRules)
        do throws(RunError) {
            _ = try CheckRun.select(RuleSelection(only: ["Q"], skip: []), program)
            return "selected"
        } catch {
            return error.rendered(lang)
        }
    }, vi: "không khớp quy tắc nào của bộ quy tắc", en: "matches no rule of the ruleset"),
    LanguageCase(description: "E4301 agency file not an object", render: { lang in
        do throws(AgencyLoadError) {
            _ = try AgencyFile.parse(bytes: Array("[]".utf8), path: "agency.json")
            return "parsed"
        } catch {
            return error.rendered(lang: lang)
        }
    }, vi: "error[E4301]: tệp cơ quan là một đối tượng JSON", en: "error[E4301]: an agency file is a JSON object"),
    LanguageCase(description: "E4001 reason: a folder", render: { lang in
        localize(CommandMessage.cannotReadStandardInput, ["why": .localized(systemErrorText(EISDIR))])(lang)
    }, vi: "không đọc được đầu vào chuẩn: đó là một thư mục", en: "cannot read standard input: it is a folder"),
]

@Suite struct LanguageTests {
    @Test(arguments: languageCases)
    func aDiagnosticIsSaidInTheLanguageAskedFor(_ c: LanguageCase) throws {
        let vi = try c.render(.vi), en = try c.render(.en)
        #expect(vi.contains(c.vi), "\(vi)")
        #expect(en.contains(c.en), "\(en)")
        #expect(!vi.contains(c.en), "the Vietnamese text holds the English one: \(vi)")
        #expect(!en.contains(c.vi), "the English text holds the Vietnamese one: \(en)")
    }

    @Test(arguments: zip(
        ["72/2020/QH14 Điều 32", "khoản 4 Điều 28", "Điểm a khoản 2 Điều 3", "Phụ lục II", "Điều"],
        ["72/2020/QH14 Art. 32", "cl. 4 Art. 28", "Pt. a cl. 2 Art. 3", "Phụ lục II", "Art."]))
    func aLegalReferenceIsWrittenInEnglishWords(_ vi: String, _ en: String) {
        #expect(legalWordsInEnglish(vi) == en)
        // Written decomposed (NFD), as some editors save Vietnamese.
        #expect(legalWordsInEnglish(vi.decomposedStringWithCanonicalMapping) == en.decomposedStringWithCanonicalMapping)
    }

    /// A broken dossier and an unreadable standard input, through the tool.
    @Test(arguments: [("vi", "mong đợi ',' hoặc '}' sau một thành phần của đối tượng", "LỖI ĐỌC HỒ SƠ"),
                      ("en", "expected ',' or '}' after an object member", "UNREADABLE")])
    func checkSpeaksTheLanguageOfLang(_ lang: String, _ message: String, _ heading: String) throws {
        let run = try runToolProcess(["check", "Tests/Fixtures/json-errors/missing-comma.json", "--as-of", "2026-11-29", "--lang", lang],
                                     cwd: packageRootPath)
        #expect(run.status == 3)
        #expect(run.stdout.contains("error[E3001]: \(message)"), "\(run.stdout)")
        #expect(run.stdout.contains(heading))
        let usage = try runToolProcess(["check", "--lang", lang, "--no-such-option"], cwd: packageRootPath)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains(lang == "vi" ? "lệnh `tuanthu check` không có tùy chọn `--no-such-option`"
                                                   : "unknown option `--no-such-option` for `tuanthu check`"), "\(usage.stderr)")
    }

    /// A missing positional argument is named, not the whole usage line
    /// (which follows the error); several are named together.
    @Test(arguments: [(["explain"], "error: missing arguments: RULE DOSSIER"),
                      (["explain", "WW-01"], "error: missing argument: DOSSIER"),
                      (["diff", "a.json"], "error: missing argument: NEW"),
                      (["lint"], "error: missing argument: PATH..."),
                      (["completion"], "error: missing argument: bash|zsh|fish")])
    func aMissingArgumentIsNamed(_ args: [String], _ message: String) throws {
        let run = try runToolProcess(args + ["--lang", "en"], cwd: packageRootPath)
        #expect(run.status == 2)
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.first.map(String.init) == message, "\(run.stderr)")
        #expect(lines.dropFirst().first?.hasPrefix("USAGE: tuanthu \(args[0])") == true, "\(run.stderr)")
    }

    /// No English report on the examples writes "Điều" in text for people
    /// (machine keys such as SARIF's `citations` property keep the rule
    /// file's wording, as identifiers).
    @Test(arguments: ["text", "markdown", "html", "junit", "sarif", "json"])
    func anEnglishReportNeverWritesDieu(_ format: String) throws {
        let run = try runToolProcess(["check", "Examples/", "--as-of", "2026-11-29", "--lang", "en", "--format", format], cwd: packageRootPath)
        #expect(run.status == 1 || run.status == 3, "\(run.stderr)")
        let people: [Substring]
        switch format {
        case "sarif": people = run.stdout.split(separator: "\n").filter { $0.contains("\"text\":") }
        case "json": people = run.stdout.split(separator: "\n").filter { $0.contains("\"message\":") || $0.contains("\"hint\":") }
        default: people = [Substring(run.stdout)]
        }
        #expect(!people.isEmpty)
        for line in people { #expect(!line.contains("Điều"), "\(line)") }
        // The same under vi does cite Vietnamese articles: the test would see them.
        let vi = try runToolProcess(["check", "Examples/", "--as-of", "2026-11-29", "--lang", "vi", "--format", format], cwd: packageRootPath)
        if format != "json" { #expect(vi.stdout.contains("Điều")) }
    }

    @Test func summaryDiffAndRecordInEnglishNeverWriteDieu() throws {
        let summary = try runToolProcess(["summary", "Examples/", "--as-of", "2026-11-29", "--lang", "en", "--format", "markdown"], cwd: packageRootPath)
        #expect(!summary.stdout.isEmpty)
        #expect(!summary.stdout.contains("Điều"), "\(summary.stdout)")
        let out = try makeTemporaryFolder("tuanthu-records")
        defer { try? FileManager.default.removeItem(at: out) }
        let record = try runToolProcess(["record", "Examples/", "--as-of", "2026-11-29", "--lang", "en", "--agency-name", "Agency", "--output", out.path],
                                        cwd: packageRootPath)
        #expect(record.stderr.contains("wrote "), "\(record.stderr)")
        let pages = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".html") }
        #expect(!pages.isEmpty)
        for p in pages {
            let html = try String(contentsOfFile: out.path + "/" + p, encoding: .utf8)
            #expect(!html.contains("Điều"), "\(p)")
            #expect(html.contains("SOCIALIST REPUBLIC OF VIET NAM"))
        }
    }
}
