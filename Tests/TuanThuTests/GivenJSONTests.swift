import Diagnostics
import JSON
import Semantics
@testable import Syntax
import Testing

// A test's `given { … }` is read by the JSON module (one JSON grammar for the
// tool): these check that its values, its spans and its errors land where they
// are written in the rules file.

/// One `given` object that is not JSON: the error's code, line:column in the
/// rules file, message and underlined text.
struct GivenErrorCase: CustomTestStringConvertible, Sendable {
    var source: String
    var code: String
    var location: String
    var message: String
    var underlined: String
    var help: String? = nil
    var testDescription: String { source }
}

let givenErrorCases: [GivenErrorCase] = [
    // An error on a later line of a multi-line object is at its own line:column.
    GivenErrorCase(source: "rule A { require true }\n\ntest \"t\" {\n  given {\n    \"a\": 1,\n    \"b\": nul\n  }\n}",
                   code: "E1022", location: "6:10", message: "expected a JSON value, found `nul`", underlined: "nul",
                   help: "JSON has strings, numbers, `true`, `false`, `null`, arrays and objects; names are not evaluated here"),
    // Columns count characters, not bytes: a Vietnamese key before the error.
    GivenErrorCase(source: "test \"t\" {\n  given { \"địa_điểm\": \"Cần Thơ\", \"x\": [1, ] }\n}",
                   code: "E1022", location: "2:43", message: "expected a value after `,`, found `]`", underlined: "]",
                   help: "JSON allows no comma before `]`"),
    // A comment inside the object is blanked, not read as JSON.
    GivenErrorCase(source: "test \"t\" {\n  given { // the site\n    \"a\": /* ha */ 1 2\n  }\n}",
                   code: "E1022", location: "3:21", message: "expected `,` or `}` in the object, found `2`", underlined: "2"),
    GivenErrorCase(source: "test \"t\" { given { \"a\": \"\\ud800\" } }",
                   code: "E1003", location: "1:26", message: "lone surrogate `\\ud800` in a JSON string", underlined: "\\ud800"),
    GivenErrorCase(source: "test \"t\" { given { \"a\" 1 } }",
                   code: "E1010", location: "1:24", message: "expected `:` after the key, found `1`", underlined: "1"),
    GivenErrorCase(source: "test \"t\" { given { \"a\": -01 } }",
                   code: "E1022", location: "1:26", message: "`-01` is not a JSON number", underlined: "01",
                   help: "JSON numbers look like 12, -3, 0.8 or 1e6"),
    // Never closed: the object runs into the next declaration.
    GivenErrorCase(source: "test \"t\" {\n  given { \"a\": 1\n  expect A pass\n}\nrule A { require true }",
                   code: "E1022", location: "3:3", message: "expected `,` or `}` in the object, found `expect`", underlined: "expect"),
    GivenErrorCase(source: "test \"t\" {\n  given { \"a\": [1, 2\n",
                   code: "E1022", location: "3:1", message: "expected `,` or `]` in the array, found end of file", underlined: ""),
    // A real date is a JSON error; one that does not exist is the lexer's.
    GivenErrorCase(source: "test \"t\" { given { \"a\": [1, 2024-07-09] } }",
                   code: "E1022", location: "1:29", message: "expected a JSON value, found `2024-07-09`", underlined: "2024-07-09",
                   help: "JSON has no dates; write the date as a string: \"2024-07-09\""),
    GivenErrorCase(source: "test \"t\" { given { \"a\": 2024-02-30 } }",
                   code: "E1006", location: "1:25", message: "`2024-02-30` is not a real calendar date", underlined: "2024-02-30",
                   help: "month 2 of 2024 has 29 days"),
]

@Suite struct GivenJSONTests {
    @Test(arguments: givenErrorCases)
    func errorsPointIntoTheRulesFile(_ c: GivenErrorCase) throws {
        let p = parse(c.source)
        #expect(p.diagnostics.count == 1, "\(p.summary)")
        let d = try #require(p.diagnostics.first)
        #expect(d.code.rawValue == c.code)
        #expect(d.message == c.message)
        #expect(d.span.file == p.source.id)
        let at = p.source.location(of: d.span.start)
        #expect("\(at.line):\(at.column)" == c.location)
        #expect(p.underlined(d) == c.underlined)
        if let help = c.help { #expect(d.help == help) }
    }

    @Test func valuesAndSpansComeFromTheJSONModule() throws {
        let text = """
            test "t" {
              given {
                "tên": "Nhà máy \\u0110\\u1ea1i \\"A\\" \\ud83d\\ude00\\ttab",
                "big": 123456789012345678901234567890,
                "tiny": -1.5e-300,
                /* a note */ "deep": {"a": [[{"b": [true, false, null]}]]},
                "empty": ""
              }
            }
            """
        let p = parse(text)
        #expect(p.diagnostics.isEmpty, "\(p.summary)")
        guard case .test(let t)? = p.file.decls.first, case .object(let given)? = t.given else {
            Issue.record("no given object")
            return
        }
        #expect(sexpr(given) == #"(object ("tên" "Nhà máy Đại \"A\" 😀\ttab") ("big" 123456789012345678901234567890) ("tiny" -1.5e-300) ("deep" (object ("a" (list (list (object ("b" (list true false null)))))))) ("empty" ""))"#)
        // Every span is where the value is written.
        guard case .object(let entries) = given.kind else { return }
        #expect(p.source.text(given.span).hasPrefix("{\n    \"tên\""))
        #expect(entries.map { p.source.text($0.keySpan) } == ["\"tên\"", "\"big\"", "\"tiny\"", "\"deep\"", "\"empty\""])
        #expect(p.source.text(entries[1].value.span) == "123456789012345678901234567890")
        if case .number(let v, _) = entries[1].value.kind { #expect(v == 123456789012345678901234567890.0) }
        #expect(p.source.text(entries[3].value.span) == #"{"a": [[{"b": [true, false, null]}]]}"#)
        // The bytes the checker reads: the comment blanked, offsets kept.
        let json = try #require(t.givenJSON)
        #expect(json.count == Int(given.span.end - given.span.start))
        #expect(!String(decoding: json, as: UTF8.self).contains("a note"))
        let doc = try JSONParser.parse(json)
        #expect(doc.string(try #require(doc.member(JSONDocument.root, key: "tên"))) == "Nhà máy Đại \"A\" 😀\ttab")
        // The comment is still the formatter's.
        #expect(p.file.comments.map { p.source.text(Span(file: p.source.id, start: $0.start, end: $0.end)) } == ["/* a note */"])
    }

    @Test func theRuleLanguageResumesAfterTheObject() {
        // A string after the object is the rule language's again (interpolation, raw strings).
        let p = parse("test \"t\" {\n  given { \"s\": \"{x}\" }\n  expect A pass at \"/s\"\n}\nlet y = `raw {x}`\nlet z = \"n = {y}\"")
        #expect(p.diagnostics.isEmpty, "\(p.summary)")
        #expect(p.file.decls.count == 3)
    }

    @Test func nestingDeeperThanTheParserAllowsIsE1015() throws {
        // The object is one level, so the 100th `[` is level 101.
        let text = "test \"t\" { given {\"a\": " + String(repeating: "[", count: Parser.maxDepth) + String(repeating: "]", count: Parser.maxDepth) + "} }"
        let p = parse(text)
        let d = try #require(p.diagnostics.first)
        #expect(p.diagnostics.count == 1, "\(p.summary)")
        #expect(d.code.rawValue == "E1015")
        // The bracket that goes one level too deep.
        let firstBracket = try #require(Array(text.utf8).firstIndex(of: UInt8(ascii: "[")))
        #expect(Int(d.span.start) == firstBracket + Parser.maxDepth - 1)
    }

    @Test func aTestsDossierIsTheObjectAsWritten() throws {
        var files = SourceMap()
        let source = files.add(path: "t.rules", bytes: Array("rule A { require true }\ntest \"t\" {\n  given { \"a\": 1, // why\n \"b\": [2] }\n  expect A pass\n}\n".utf8))
        let (file, diagnostics) = Parser.parse(source)
        #expect(diagnostics.isEmpty)
        let (program, problems) = Analyzer.analyze(files: files, parsed: [file])
        #expect(problems.filter { $0.severity == .error }.isEmpty)
        let test = try #require(program.tests.first)
        guard case .inline(let bytes, let f, let offset) = test.given else {
            Issue.record("no inline dossier")
            return
        }
        #expect(f == source.id)
        #expect(String(decoding: bytes, as: UTF8.self) == "{ \"a\": 1,       \n \"b\": [2] }")
        #expect(source.text(Span(file: f, start: offset, end: offset + 1)) == "{")
    }
}
