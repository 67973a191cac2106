import Diagnostics
import Foundation
import Testing
import TuanThu

// Rule-file diagnostics (E1xxx, E2xxx, W2xxx) in both languages, through the
// real parser and checker: the renderer prints the Vietnamese text under
// `lang = .vi` and the English text under `.en`; a small golden set shows
// whole Vietnamese diagnostics (labels, notes, helps) as `lint` prints them.

/// One rule text with `«CODE»` before the token the diagnostic underlines,
/// and its message (and optionally help) in each language.
struct BilingualCase: CustomTestStringConvertible, Sendable {
    var source: String
    var vi: String
    var en: String
    var viHelp: String? = nil
    var enHelp: String? = nil
    var testDescription: String { source }
}

/// A schema for the cases that read dossier fields.
private let bilingualSchema = """
    schema {
      project: {
        name: string
        type: enum("factory", "industrial_park")
      }
      submitted_on: date
    }

    """

let bilingualCases: [BilingualCase] = [
    // lexer and parser (E1xxx)
    BilingualCase(source: "let x = a «E1001»& b", vi: "ký tự `&` không mong đợi", en: "unexpected character `&`",
                  viHelp: "viết `and` hoặc `or`", enHelp: "write `and` or `or`"),
    BilingualCase(source: "let x = «E1002»\"abc\nlet y = x", vi: "chuỗi chưa được đóng", en: "unterminated string"),
    BilingualCase(source: "let x = \"a «E1003»\\q b\"", vi: "chuỗi thoát `\\q` trong chuỗi không hợp lệ", en: "invalid escape `\\q` in a string"),
    BilingualCase(source: "let x = «E1006»2024-02-30", vi: "`2024-02-30` không phải là một ngày có thật trên lịch",
                  en: "`2024-02-30` is not a real calendar date", viHelp: "tháng 2 năm 2024 có 29 ngày", enHelp: "month 2 of 2024 has 29 days"),
    BilingualCase(source: "def f(a «E1010»b) = a", vi: "mong đợi `)` sau các tham số, gặp `b`", en: "expected `)` after the parameters, found `b`"),
    BilingualCase(source: "rule A {\n  require (1 > 0\n«E1010»}\n", vi: "mong đợi `)` để đóng `(`, gặp `}`", en: "expected `)` to close `(`, found `}`"),
    BilingualCase(source: "let «E1010»and = 1", vi: "mong đợi một tên sau `let`, gặp từ khóa `and`", en: "expected a name after `let`, found the keyword `and`",
                  viHelp: "`and` là từ dành riêng trong biểu thức; hãy chọn tên khác", enHelp: "`and` is reserved in expressions; choose another name"),
    BilingualCase(source: "«E1011»rul A { }", vi: "mong đợi một khai báo, gặp `rul`", en: "expected a declaration, found `rul`",
                  viHelp: "có phải ý bạn là `rule`?", enHelp: "did you mean `rule`?"),
    BilingualCase(source: "rule A {\n  require 1 +\n«E1012»}\n", vi: "mong đợi một biểu thức, gặp `}`", en: "expected an expression, found `}`",
                  viHelp: "biểu thức dừng sau một toán tử: hãy viết tiếp, hoặc xóa toán tử đó",
                  enHelp: "the expression stops after an operator: complete it, or remove that operator"),
    BilingualCase(source: "ruleset r { «E1013»author \"x\" }",
                  vi: "mong đợi `title`, `version`, `date_field`, `schema_severity` hoặc `}` trong bộ quy tắc `r`, gặp `author`",
                  en: "expected `title`, `version`, `date_field`, `schema_severity` or `}` in ruleset `r`, found `author`"),
    BilingualCase(source: "rule A {\n  when true\n  «E1014»when false\n  require true\n}\n", vi: "mỗi quy tắc chỉ có một `when`", en: "a rule has one `when`",
                  viHelp: "gộp các điều kiện bằng `and`", enHelp: "combine the conditions with `and`"),
    BilingualCase(source: "let x = \"a {x «E1016»b}\"", vi: "mong đợi `}` để đóng phần nội suy, gặp `b`", en: "expected `}` to close the interpolation, found `b`"),
    BilingualCase(source: "let x = 1 < 2 «E1021»< 3", vi: "không được nối liền các phép so sánh", en: "comparisons cannot be chained"),
    BilingualCase(source: "let x = \"a «E1030»{4} b\"", vi: "`{4}` trong chuỗi sẽ là một phần nội suy, nhưng không chứa biểu thức nào",
                  en: "`{4}` in a string would be an interpolation, but it holds no expression",
                  viHelp: "để giữ nguyên dấu ngoặc nhọn, hãy viết chuỗi ở dạng thô, trong dấu backtick: `a {4} b`",
                  enHelp: "to keep the braces as written, write the string raw, in backticks: `a {4} b`"),
    BilingualCase(source: "rule A { require true }\ntest \"t\" {\n  given { \"a\": 1, «E1022»}\n  expect A pass\n}",
                  vi: "mong đợi một khóa sau `,`, gặp `}`", en: "expected a key after `,`, found `}`",
                  viHelp: "JSON không cho phép dấu phẩy trước `}`", enHelp: "JSON allows no comma before `}`"),
    BilingualCase(source: "threshold «E1071»t = 5\n  verified", vi: "ngưỡng `t` không viện dẫn văn bản nguồn nào", en: "threshold `t` cites no source"),
    BilingualCase(source: "let x = {«E1080»\"{k}\": 1}", vi: "khóa không được chứa phần nội suy `{…}`", en: "a key cannot contain `{…}` interpolation",
                  viHelp: "viết `{{` và `}}` cho dấu ngoặc nhọn thông thường", enHelp: "write `{{` and `}}` for literal braces"),
    // load-time checks (E2xxx)
    BilingualCase(source: bilingualSchema + "rule A { require «E2001»projet.name != \"\" }", vi: "tên `projet` chưa được khai báo", en: "unknown name `projet`",
                  viHelp: "có phải ý bạn là `project`?", enHelp: "did you mean `project`?"),
    BilingualCase(source: "def big(x) = x > 10\nrule A { require «E2003»big(1, 2) }", vi: "`big` nhận 1 đối số, nhưng có 2 đối số được truyền vào",
                  en: "`big` takes 1 argument, but 2 were given", viHelp: "viết `big(x)`", enHelp: "write `big(x)`"),
    BilingualCase(source: "rule A { require true }\nrule «E2004»A { require false }", vi: "mã quy tắc `A` bị trùng", en: "duplicate rule id `A`"),
    BilingualCase(source: "rule A {\n  effective from 2025-01-01 until «E2011»2024-01-01\n  require true\n}\n",
                  vi: "quy tắc bắt đầu có hiệu lực (01/01/2025) vào hoặc sau ngày hết hiệu lực (01/01/2024)",
                  en: "the rule takes effect (2025-01-01) on or after the day it ends (2024-01-01)"),
    BilingualCase(source: bilingualSchema + "rule A { require project.«E2012»nam != \"\" }", vi: "`project` không có trường `nam`", en: "`project` has no field `nam`",
                  viHelp: "có phải ý bạn là `name`?", enHelp: "did you mean `name`?"),
    BilingualCase(source: bilingualSchema + "rule A { require «E2013»submitted_on > 5 }",
                  vi: "không thể so sánh `submitted_on` (một ngày) với `5` (một số)", en: "cannot compare `submitted_on` (a date) with `5` (a number)",
                  viHelp: "một ngày so sánh được với một ngày, hoặc với một chuỗi như \"2024-07-09\"",
                  enHelp: "a date compares with a date, or with a string like \"2024-07-09\""),
    BilingualCase(source: bilingualSchema + "rule A { require count(«E2014»project.name) > 1 }",
                  vi: "`count` cần một danh sách, nhưng `project.name` là một chuỗi", en: "`count` needs a list, but `project.name` is a string",
                  viHelp: "có phải ý bạn là `len(…)`?", enHelp: "did you mean `len(…)`?"),
    BilingualCase(source: "rule A { require matches(\"abc\", \"x«E2017»[a-\") }", vi: "biểu thức chính quy không hợp lệ: lớp ký tự chưa được đóng",
                  en: "invalid regular expression: unclosed character class",
                  viHelp: "thêm `]` để đóng nó, hoặc viết `\\[` cho dấu ngoặc vuông thông thường", enHelp: "add `]` to close it, or write `\\[` for a literal bracket"),
    BilingualCase(source: "def big(x) = x > 10\nrule A { require big(1) and «E2080»big }", vi: "`big` là một hàm; hãy gọi nó bằng `big(…)`",
                  en: "`big` is a function; call it with `big(…)`"),
    BilingualCase(source: "let pattern = \"^x$\"\nrule A { require matches(\"x\", «E2081»pattern) }",
                  vi: "`matches` cần mẫu được viết ra ngay trong lời gọi, nhưng `pattern` không phải là một chuỗi viết sẵn",
                  en: "`matches` needs its pattern written out in the call, but `pattern` is not a string literal"),
    // lints (W2xxx)
    BilingualCase(source: "let «W2001»limit = 1\nrule A { require true }", vi: "`limit` không bao giờ được dùng", en: "`limit` is never used",
                  viHelp: "xóa nó, hoặc dùng nó trong một quy tắc", enHelp: "remove it, or use it in a rule"),
    BilingualCase(source: "rule «E2018»A { title \"x\" }", vi: "quy tắc `A` không có `require`", en: "rule `A` has no `require`"),
    BilingualCase(source: bilingualSchema + "rule A { require project.type == «E2016»\"factry\" }",
                  vi: "\"factry\" không thuộc các giá trị mà lược đồ cho phép ở đây", en: "\"factry\" is not one of the values the schema allows here",
                  viHelp: "có phải ý bạn là \"factory\"?", enHelp: "did you mean \"factory\"?"),
]

/// The Vietnamese golden cases: `Tests/Fixtures/diagnostics-vi/<case>.rules`
/// and `<case>.expected.txt`, rendered as `lint --lang vi` prints them.
let viGoldenFolder = fixturesRoot.appendingPathComponent("diagnostics-vi")

let viGoldenCases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: viGoldenFolder.path)) ?? []
    return names.filter { $0.hasSuffix(".rules") }.map { String($0.dropLast(".rules".count)) }.sorted()
}()

@Suite struct RuleFileMessageTests {
    @Test(arguments: bilingualCases)
    func rendersInEachLanguage(_ c: BilingualCase) throws {
        let (text, offset, marked) = stripMarker(c.source)
        let code = try #require(marked)
        let loaded = RulesetLoader.load(sources: [(path: "r.rules", text: text)])
        let d = try #require(loaded.diagnostics.first { $0.code.rawValue == code }, "\(loaded.diagnostics.map { "\($0.code): \($0.message)" })")
        #expect(Int(d.span.start) == offset, "the marker is not where the span starts")
        var renderer = DiagnosticRenderer(colorize: false)
        renderer.lang = .vi
        let vi = renderer.render([d], files: loaded.files)
        renderer.lang = .en
        let en = renderer.render([d], files: loaded.files)
        let severity = code.hasPrefix("W") ? "warning" : "error"
        #expect(vi.hasPrefix("\(severity)[\(code)]: \(c.vi)\n"), "\(vi)")
        #expect(en.hasPrefix("\(severity)[\(code)]: \(c.en)\n"), "\(en)")
        #expect(d.message == c.en)
        if let h = c.viHelp { #expect(vi.contains("= help: \(h)\n"), "\(vi)") }
        if let h = c.enHelp { #expect(en.contains("= help: \(h)\n"), "\(en)") }
        // Nothing English is left in the Vietnamese rendering, and no placeholder unfilled.
        #expect(!vi.contains(c.en))
        if let h = c.enHelp { #expect(!vi.contains(h)) }
        for t in [d.messageText, d.helpText].compactMap({ $0 }) + d.secondary.compactMap(\.localizedText) + [d.primary.localizedText].compactMap({ $0 }) {
            #expect(placeholders(t.vi).isEmpty && placeholders(t.en).isEmpty, "unfilled: \(t)")
        }
    }

    /// Every diagnostic the parser and checker tests and goldens produce has
    /// its own Vietnamese text, with every placeholder filled.
    @Test func everyRuleFileDiagnosticHasVietnamese() throws {
        var texts = invalidCases.map { stripMarker($0.source).text }
        texts += semanticCases.map { stripMarker(($0.withSchema ? semanticSchema : "") + $0.source).text }
        for folder in [goldenFolder, semanticGoldenFolder] {
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasSuffix(".rules") {
                texts.append(String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self))
            }
        }
        var seen = 0
        for text in texts {
            for d in RulesetLoader.load(sources: [(path: "r.rules", text: text)]).diagnostics {
                seen += 1
                let all = [d.messageText] + [d.helpText].compactMap { $0 } + d.noteTexts + ([d.primary] + d.secondary).compactMap(\.localizedText)
                for t in all {
                    // A `{name}` left in the text must come from the rule text itself.
                    #expect((placeholders(t.vi) + placeholders(t.en)).allSatisfy { text.contains("{\($0)}") }, "\(d.code): unfilled \(t)")
                }
                #expect(d.messageText.vi != d.messageText.en, "\(d.code): no Vietnamese for \(d.message)")
                if let h = d.helpText, h.en.contains(" ") { #expect(h.vi != h.en, "\(d.code): no Vietnamese help for \(h.en)") }
            }
        }
        #expect(seen >= 200)
    }

    /// Labels of the primary and secondary spans are Vietnamese too.
    @Test func labelsInVietnamese() throws {
        let loaded = RulesetLoader.load(sources: [(path: "r.rules", text: "rule A { require true }\nrule A { require false }\n")])
        let d = try #require(loaded.diagnostics.first { $0.code == "E2004" })
        #expect(d.primary.localizedText?(.vi) == "khai báo lại ở đây")
        #expect(d.secondary.map { $0.localizedText?(.vi) } == ["khai báo lần đầu ở đây"])
        #expect(d.secondary.map { $0.localizedText?(.en) } == ["first declared here"])
    }

    @Test(arguments: viGoldenCases)
    func vietnameseGolden(_ name: String) throws {
        let text = try String(contentsOf: viGoldenFolder.appendingPathComponent(name + ".rules"), encoding: .utf8)
        let loaded = RulesetLoader.load(sources: [(path: name + ".rules", text: text)])
        #expect(!loaded.diagnostics.isEmpty, "every golden case has a diagnostic")
        var renderer = DiagnosticRenderer(colorize: false)
        renderer.lang = .vi
        expectGolden(renderer.render(loaded.diagnostics, files: loaded.files), at: viGoldenFolder.appendingPathComponent(name + ".expected.txt"))
    }

    @Test func vietnameseGoldensCoverEachFamily() throws {
        #expect(viGoldenCases.count >= 6)
        var codes = Set<String>()
        for name in viGoldenCases {
            let text = try String(contentsOf: viGoldenFolder.appendingPathComponent(name + ".rules"), encoding: .utf8)
            codes.formUnion(RulesetLoader.load(sources: [(path: name + ".rules", text: text)]).diagnostics.map(\.code.rawValue))
        }
        for family in ["E10", "E20", "W20"] { #expect(codes.contains { $0.hasPrefix(family) }, "no \(family)xx golden: \(codes.sorted())") }
    }

    /// Each code names its catalogue entries: every key exists, every rule-file
    /// message is named by a code, and a message belongs to one code only
    /// (except the "expected X, found Y" forms, whose phrase names the code).
    @Test func codesNameTheirMessages() throws {
        let known = Set(allMessageEntries().map(\.key))
        var owner: [String: String] = [:]
        let shared: Set<String> = ["syntax.expectedFound", "syntax.expectedDateFound"]
        for e in CodeCatalogue.entries {
            for k in e.messageKeys {
                #expect(known.contains(k), "\(e.code) names \(k), which is not in the catalogue")
                if let other = owner[k], !shared.contains(k) { Issue.record("\(k) belongs to both \(other) and \(e.code)") }
                owner[k] = e.code
            }
        }
        // The entries that are messages (not helps, labels, notes or parts of a message).
        let prefixes = ["help", "label", "note", "found", "type", "plural", "what", "arg", "why"]
        let parts: Set<String> = ["givenOne", "givenMany", "didYouMean", "didYouMeanValue", "theExpression", "callsAbove"]
        let messages = (SyntaxMessage.allCases.map(\.key) + SemanticMessage.allCases.map(\.key) + RegexMessage.allCases.map(\.key)).filter { key in
            let name = key.split(separator: ".").last.map(String.init) ?? key
            return !parts.contains(name) && !prefixes.contains { name.hasPrefix($0) }
        }
        #expect(messages.count >= 100)
        for k in messages { #expect(owner[k] != nil, "\(k) is the message of no code in CodeCatalogue") }
    }
}
