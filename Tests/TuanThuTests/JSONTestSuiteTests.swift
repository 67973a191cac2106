import Diagnostics
import Foundation
@testable import JSON
import Testing

// Nicolas Seriot's JSONTestSuite, read in place from ../shared/testdata:
// every `y_` accepted, every `n_` rejected at a position inside the file,
// every `i_` either way without a crash.

private let parsingFolder = sharedTestdata.appendingPathComponent("JSONTestSuite/test_parsing")
private let transformFolder = sharedTestdata.appendingPathComponent("JSONTestSuite/test_transform")

/// File names in the parsing folder with this prefix, sorted (empty if the folder is missing).
private func suiteFiles(_ prefix: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: parsingFolder.path)) ?? []
    return names.filter { $0.hasPrefix(prefix) && $0.hasSuffix(".json") }.sorted()
}

private func suiteBytes(_ name: String) throws -> [UInt8] {
    try #require(readBytes(parsingFolder.appendingPathComponent(name)), "cannot read \(name)")
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

@Suite("JSONTestSuite")
struct JSONTestSuiteTests {
    @Test func folderHasTheExpectedCases() {
        #expect(FileManager.default.fileExists(atPath: parsingFolder.path), "missing \(parsingFolder.path)")
        #expect(suiteFiles("y_").count == 95)
        #expect(suiteFiles("n_").count == 188)
        #expect(suiteFiles("i_").count == 35)
    }

    @Test(arguments: suiteFiles("y_"))
    func accepts(_ name: String) throws {
        let bytes = try suiteBytes(name)
        do {
            let doc = try JSONParser.parse(bytes)
            expectWellFormed(doc)
        } catch {
            Issue.record("rejected: \(error.message) at offset \(error.offset)")
        }
    }

    @Test(arguments: suiteFiles("n_"))
    func rejects(_ name: String) throws {
        let bytes = try suiteBytes(name)
        guard let error = parseError(bytes) else {
            Issue.record("accepted an invalid document")
            return
        }
        #expect(Int(error.offset) <= bytes.count)
        #expect(!error.message.isEmpty)
        #expect(error.code.rawValue.hasPrefix("E3"))
        let file = SourceFile(id: FileID(0), path: name, bytes: bytes)
        let location = file.location(of: error.offset)
        #expect(location.line >= 1 && location.line <= file.lines.lineCount)
        #expect(location.column >= 1 && location.byteColumn >= location.column)
        // The rendered diagnostic must not trap whatever the bytes are.
        var files = SourceMap()
        files.insert(file)
        let text = DiagnosticRenderer().render(error.diagnostic(file: file.id), files: files)
        #expect(text.hasPrefix("error[\(error.code)]: "))
    }

    @Test(arguments: suiteFiles("i_"))
    func decidesWithoutCrashing(_ name: String) throws {
        let bytes = try suiteBytes(name)
        do {
            expectWellFormed(try JSONParser.parse(bytes))
        } catch {
            #expect(Int(error.offset) <= bytes.count)
        }
    }

    @Test func deepestNestingFailsQuicklyWithTheDepthError() throws {
        let bytes = try suiteBytes("n_structure_100000_opening_arrays.json")
        let started = DispatchTime.now().uptimeNanoseconds
        let error = try #require(parseError(bytes))
        let elapsed = DispatchTime.now().uptimeNanoseconds - started
        #expect(error.code == "E3006")
        #expect(error.offset == UInt32(JSONParser.maxDepth))
        // A generous bound: only a pathological (quadratic) parser could exceed it.
        #expect(elapsed < 1_000_000_000)
    }

    @Test func openArrayObjectFailsWithTheDepthError() throws {
        let bytes = try suiteBytes("n_structure_open_array_object.json")
        #expect(parseError(bytes)?.code == "E3006")
    }
}

@Suite("JSONTestSuite transforms")
struct JSONTransformTests {
    private func document(_ name: String) throws -> JSONDocument {
        let bytes = try #require(readBytes(transformFolder.appendingPathComponent(name)), "cannot read \(name)")
        return try JSONParser.parse(bytes)
    }

    /// (file, number text, value, written as an integer, exact as a Double)
    static let numbers: [(String, String, Double, Bool, Bool)] = [
        ("number_-9223372036854775808.json", "-9223372036854775808", -9223372036854775808.0, true, false),
        ("number_-9223372036854775809.json", "-9223372036854775809", -9223372036854775809.0, true, false),
        ("number_1.0.json", "1.0", 1, false, false),
        ("number_1.000000000000000005.json", "1.000000000000000005", 1, false, false),
        ("number_1000000000000000.json", "1000000000000000", 1e15, true, true),
        ("number_10000000000000000999.json", "10000000000000000999", 1e19, true, false),
        ("number_1e-999.json", "1E-999", 0, false, false),
        ("number_1e6.json", "1E6", 1e6, false, false),
        ("number_9223372036854775807.json", "9223372036854775807", 9223372036854775807.0, true, false),
        ("number_9223372036854775808.json", "9223372036854775808", 9223372036854775808.0, true, false),
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
        for name in ["object_key_nfc_nfd.json", "object_key_nfd_nfc.json"] {
            let doc = try document(name)
            #expect(doc.duplicateKeys.isEmpty)
            #expect(doc.member(0, key: "\u{E9}").map(doc.string) == "NFC")
            #expect(doc.member(0, key: "e\u{301}").map(doc.string) == "NFD")
        }
    }

    @Test(arguments: [
        ("object_same_key_different_values.json", "2"),
        ("object_same_key_same_value.json", "1"),
        ("object_same_key_unclear_values.json", "-0"),
    ])
    func duplicateKeysAreRecordedAndTheLastWins(_ name: String, _ last: String) throws {
        let doc = try document(name)
        #expect(doc.duplicateKeys == [DuplicateKey(object: 0, first: 1, second: 3)])
        let value = try #require(doc.member(0, key: "a"))
        #expect(doc.numberText(value) == last)
    }

    @Test func escapedNULStaysInTheString() throws {
        let doc = try document("string_with_escaped_NULL.json")
        let s = try #require(doc.element(0, at: 0))
        #expect(doc.withStringBytes(s) { Array($0) } == [0x41, 0x00, 0x42])
    }

    @Test(arguments: [
        "string_1_escaped_invalid_codepoint.json", "string_2_escaped_invalid_codepoints.json",
        "string_3_escaped_invalid_codepoints.json",
    ])
    func escapedLoneSurrogatesAreRejected(_ name: String) throws {
        let bytes = try #require(readBytes(transformFolder.appendingPathComponent(name)))
        #expect(parseError(bytes)?.code == "E3005")
    }

    @Test(arguments: [
        "string_1_invalid_codepoint.json", "string_2_invalid_codepoints.json", "string_3_invalid_codepoints.json",
    ])
    func encodedSurrogatesAreRejectedAsInvalidUTF8(_ name: String) throws {
        let bytes = try #require(readBytes(transformFolder.appendingPathComponent(name)))
        let error = try #require(parseError(bytes))
        #expect(error.code == "E3002")
        #expect(error.offset == 2)
    }
}
