import Diagnostics
import Foundation
@testable import JSON
import Testing

// The project's own JSON conformance cases, in Tests/Fixtures/json-conformance,
// named as in JSONTestSuite: every `y_` accepted, every `n_` rejected with an
// E3xxx error located inside the file, every `i_` (implementation-defined)
// decided either way without a crash. The outside suite itself is run by
// `.ci/outside-suites.sh` when it is present beside the project.

private let conformanceFolder = fixturesRoot.appendingPathComponent("json-conformance")

/// File names in the conformance folder with this prefix, sorted.
private func conformanceFiles(_ prefix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: conformanceFolder.path)) ?? []
    return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
}

private func conformanceBytes(_ name: String) throws -> [UInt8] {
    try #require(readBytes(conformanceFolder.appendingPathComponent(name)), "cannot read \(name)")
}

/// Checks the structural invariants every parsed document must keep.
func expectWellFormed(_ doc: JSONDocument, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    let count = doc.nodes.count
    #expect(count > 0, sourceLocation: sourceLocation)
    #expect(doc.nodes[0].parent == UInt32.max, sourceLocation: sourceLocation)
    for i in 0..<count {
        let n = doc.nodes[i]
        guard n.start <= n.end, Int(n.end) <= doc.bytes.count else {
            Issue.record("node \(i): span \(n.start)..<\(n.end) outside the input", sourceLocation: sourceLocation)
            return
        }
        if i > 0 {
            guard Int(n.parent) < i else {
                Issue.record("node \(i): parent \(n.parent) not before it", sourceLocation: sourceLocation)
                return
            }
            let p = doc.nodes[Int(n.parent)]
            #expect(p.kind == .array || p.kind == .object, sourceLocation: sourceLocation)
            #expect(p.start < n.start && n.end <= p.end, "node \(i) not inside its parent", sourceLocation: sourceLocation)
        }
        if n.kind == .array || n.kind == .object {
            guard Int(n.a) > i, Int(n.a) <= count else {
                Issue.record("node \(i): subtree end \(n.a) out of range", sourceLocation: sourceLocation)
                return
            }
            let children = doc.children(i)
            #expect(children.count == Int(n.b), "node \(i): child count", sourceLocation: sourceLocation)
            for c in children { #expect(Int(doc.nodes[c].parent) == i, sourceLocation: sourceLocation) }
        }
    }
}

/// Checks that a rejection is an E3xxx error located inside the input whose
/// rendering does not trap, whatever the bytes are.
private func expectLocatedError(_ error: JSONParseError, _ bytes: [UInt8], name: String,
                                sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(Int(error.offset) <= bytes.count, sourceLocation: sourceLocation)
    #expect(!error.message.isEmpty, sourceLocation: sourceLocation)
    #expect(error.code.rawValue.hasPrefix("E3"), sourceLocation: sourceLocation)
    let file = SourceFile(id: FileID(0), path: name, bytes: bytes)
    let location = file.location(of: error.offset)
    #expect(location.line >= 1 && location.line <= file.lines.lineCount, sourceLocation: sourceLocation)
    #expect(location.column >= 1 && location.byteColumn >= location.column, sourceLocation: sourceLocation)
    var files = SourceMap()
    files.insert(file)
    let text = DiagnosticRenderer().render(error.diagnostic(file: file.id), files: files)
    #expect(text.hasPrefix("error[\(error.code)]: "), sourceLocation: sourceLocation)
    #expect(text.contains(" --> \(name):\(location.line):\(location.column)"), sourceLocation: sourceLocation)
}

@Suite("JSON conformance")
struct JSONConformanceTests {
    @Test func everyClassHasItsCases() {
        #expect(conformanceFiles("y_").count >= 50)
        #expect(conformanceFiles("n_").count >= 60)
        #expect(conformanceFiles("i_").count >= 10)
        let all = (try? FileManager.default.contentsOfDirectory(atPath: conformanceFolder.path)) ?? []
        let stray = all.filter { !($0.hasPrefix("y_") || $0.hasPrefix("n_") || $0.hasPrefix("i_")) || !$0.hasSuffix(".json") }
        #expect(stray.isEmpty, "files that are no case: \(stray)")
    }

    @Test(arguments: conformanceFiles("y_"))
    func accepts(_ name: String) throws {
        let bytes = try conformanceBytes(name)
        do {
            expectWellFormed(try JSONParser.parse(bytes))
        } catch {
            Issue.record("rejected: \(error.code) \(error.message) at offset \(error.offset)")
        }
    }

    @Test(arguments: conformanceFiles("n_"))
    func rejects(_ name: String) throws {
        let bytes = try conformanceBytes(name)
        guard let error = parseError(bytes) else {
            Issue.record("accepted an invalid document")
            return
        }
        expectLocatedError(error, bytes, name: name)
    }

    @Test(arguments: conformanceFiles("i_"))
    func decidesWithoutCrashing(_ name: String) throws {
        let bytes = try conformanceBytes(name)
        do {
            expectWellFormed(try JSONParser.parse(bytes))
        } catch {
            expectLocatedError(error, bytes, name: name)
        }
    }

    /// Rejections whose code and offset matter: the class of error a user sees.
    @Test(arguments: [
        ("n_structure_depth_513.json", "E3006", 512),
        ("n_structure_depth_100000.json", "E3006", 512),
        ("n_structure_second_value.json", "E3008", 4),
        ("n_structure_trailing_comma_array.json", "E3001", 3),
        ("n_string_lone_high_surrogate.json", "E3005", 2),
        ("n_string_lone_low_surrogate.json", "E3005", 2),
        ("n_string_raw_newline.json", "E3003", 3),
        ("n_string_raw_nul.json", "E3003", 3),
        ("n_string_bad_escape_x.json", "E3004", 2),
        ("n_string_overlong_slash.json", "E3002", 2),
        ("n_string_utf8_surrogate.json", "E3002", 2),
        ("n_string_beyond_10ffff.json", "E3002", 2),
        ("n_number_leading_zero.json", "E3007", 1),
        ("n_structure_utf16_bom.json", "E3002", 0),
    ])
    func rejectsWithThisCodeAndOffset(_ name: String, _ code: String, _ offset: Int) throws {
        let error = try #require(parseError(try conformanceBytes(name)))
        #expect(error.code.rawValue == code)
        #expect(Int(error.offset) == offset)
    }

    @Test func deepestNestingFailsQuicklyWithTheDepthError() throws {
        let bytes = try conformanceBytes("n_structure_depth_100000.json")
        let started = DispatchTime.now().uptimeNanoseconds
        let error = try #require(parseError(bytes))
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        #expect(error.code == "E3006")
        // A generous bound: only a pathological (quadratic) parser could exceed it.
        #expect(elapsed < 1_000_000_000)
    }
}

@Suite("JSON transforms")
struct JSONTransformTests {
    private func document(_ text: String) throws -> JSONDocument {
        try JSONParser.parse(Array(text.utf8))
    }

    /// (document, number text, value, written as an integer, exact as a Double)
    static let numbers: [(String, String, Double, Bool, Bool)] = [
        ("[-9223372036854775808]", "-9223372036854775808", -9223372036854775808.0, true, false),
        ("[-9223372036854775809]", "-9223372036854775809", -9223372036854775809.0, true, false),
        ("[1.0]", "1.0", 1, false, false),
        ("[1.000000000000000005]", "1.000000000000000005", 1, false, false),
        ("[1000000000000000]", "1000000000000000", 1e15, true, true),
        ("[10000000000000000999]", "10000000000000000999", 1e19, true, false),
        ("[1E-999]", "1E-999", 0, false, false),
        ("[1E6]", "1E6", 1e6, false, false),
        ("[9223372036854775807]", "9223372036854775807", 9223372036854775807.0, true, false),
        ("[-0]", "-0", 0, true, true),
        ("[2.5e-1]", "2.5e-1", 0.25, false, false),
    ]

    @Test(arguments: numbers)
    func numberKeepsItsText(_ c: (String, String, Double, Bool, Bool)) throws {
        let doc = try document(c.0)
        let n = try #require(doc.element(0, at: 0))
        #expect(doc[n].kind == .number)
        #expect(doc.numberText(n) == c.1)
        #expect(doc[n].number == c.2)
        #expect(doc[n].isInteger == c.3)
        #expect(doc[n].isExact == c.4)
    }

    @Test func keysCompareByBytesNotByNormalization() throws {
        for text in ["{\"\u{E9}\": \"NFC\", \"e\u{301}\": \"NFD\"}", "{\"e\u{301}\": \"NFD\", \"\u{E9}\": \"NFC\"}"] {
            let doc = try document(text)
            #expect(doc.duplicateKeys.isEmpty)
            #expect(doc.member(0, key: "\u{E9}").map(doc.string) == "NFC")
            #expect(doc.member(0, key: "e\u{301}").map(doc.string) == "NFD")
        }
    }

    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "2"),
        (#"{"a": 1, "a": 1}"#, "1"),
        (#"{"a": 0, "a": -0}"#, "-0"),
    ])
    func duplicateKeysAreRecordedAndTheLastWins(_ text: String, _ last: String) throws {
        let doc = try document(text)
        #expect(doc.duplicateKeys == [DuplicateKey(object: 0, first: 1, second: 3)])
        let value = try #require(doc.member(0, key: "a"))
        #expect(doc.numberText(value) == last)
    }

    @Test func escapedNULStaysInTheString() throws {
        let doc = try document(#"["A\u0000B"]"#)
        let s = try #require(doc.element(0, at: 0))
        #expect(doc.withStringBytes(s) { Array($0) } == [0x41, 0x00, 0x42])
    }

    @Test func surrogatePairDecodesToOneScalar() throws {
        let doc = try document(#"["\uD83C\uDF3E"]"#)
        let s = try #require(doc.element(0, at: 0))
        #expect(doc.string(s) == "\u{1F33E}")
    }

    @Test(arguments: [#"["\uDADA"]"#, #"["\uD888\u1234"]"#, #"["\uD800\uD800\uD800"]"#, #"["\uDFFF"]"#])
    func escapedLoneSurrogatesAreRejected(_ text: String) throws {
        #expect(parseError(Array(text.utf8))?.code == "E3005")
    }

    @Test(arguments: [
        [0x5B, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x5D] as [UInt8],
        [0x5B, 0x22, 0xED, 0xAF, 0xBF, 0xED, 0xBF, 0xBF, 0x22, 0x5D],
        [0x5B, 0x22, 0xED, 0xBF, 0xBF, 0x22, 0x5D],
    ])
    func encodedSurrogatesAreRejectedAsInvalidUTF8(_ bytes: [UInt8]) throws {
        let error = try #require(parseError(bytes))
        #expect(error.code == "E3002")
        #expect(error.offset == 2)
    }
}
