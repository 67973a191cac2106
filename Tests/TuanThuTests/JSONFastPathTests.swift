import Diagnostics
@testable import JSON
import Testing

// The parser's fast paths give what the plain algorithms give: pointers
// from the stored ordinals equal the sibling walk's, strings scanned a word
// at a time report the same first error, documents with more values than
// the first guess keep every node, and the word-wise byte comparison
// agrees with a byte loop.

/// A node's JSON Pointer the slow way: walk the siblings for an array
/// index, walk the members to tell a key from a value.
private func walkedPointer(_ doc: JSONDocument, _ index: Int) -> String {
    var tokens: [String] = []
    var i = index
    while doc[i].parent != UInt32.max {
        let p = Int(doc[i].parent)
        if doc[p].kind == .object {
            let key = doc[i - 1].kind == .string && doc.isKeyNode(i - 1, in: p) ? i - 1 : i
            tokens.append(escapePointerToken(doc.string(key)))
        } else {
            var position = 0
            var c = p + 1
            while c < i {
                c = doc[c].next(c)
                position += 1
            }
            tokens.append(String(position))
        }
        i = p
    }
    return tokens.reversed().map { "/" + $0 }.joined()
}

@Suite("JSON fast paths")
struct JSONFastPathTests {
    /// Documents where a key and the value before it look alike.
    static let documents: [String] = [
        #"{"a": "b", "b": "a", "c": {"d": ["x", "y", {"e": "f"}]}, "g": []}"#,
        #"{"k\"1": "v", "~/": {"/": "~"}, "": ""}"#,
        #"[[], {}, [[["deep"]]], {"x": [1, 2, {"y": null}]}, "s", true]"#,
        #"{"same": "same", "list": ["same", "same"], "o": {"same": {"same": "same"}}}"#,
        #"{"esc\u00e9": {"\u0041": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}}"#,
        "\"root\"",
    ]

    @Test(arguments: documents)
    func pointersMatchTheSiblingWalk(_ text: String) throws {
        let doc = try parseValid(text)
        for i in 0..<doc.nodes.count {
            #expect(doc.pointer(of: i) == walkedPointer(doc, i), "node \(i) of \(text)")
        }
    }

    /// Past 65,534 elements the ordinal saturates and the position is walked.
    @Test func pointersInAListLongerThanTheOrdinal() throws {
        let count = 70_000
        let text = "{\"items\": [" + (0..<count).map { $0 % 3 == 0 ? "{\"id\": \($0)}" : String($0) }.joined(separator: ",") + "]}"
        let doc = try parseValid(text)
        let list = try #require(doc.member(JSONDocument.root, key: "items"))
        for position in [0, 1, 2, 3, 65_533, 65_534, 65_535, 65_536, 65_537, 69_999] {
            let element = try #require(doc.element(list, at: position) ?? walkElement(doc, list, position))
            #expect(doc.pointer(of: element) == "/items/\(position)")
            #expect(doc.pointer(of: element) == walkedPointer(doc, element))
            if doc[element].kind == .object, let id = doc.member(element, key: "id") {
                #expect(doc.pointer(of: id) == "/items/\(position)/id")
            }
        }
    }

    private func walkElement(_ doc: JSONDocument, _ list: Int, _ position: Int) -> Int? {
        var i = list + 1
        for _ in 0..<position { i = doc[i].next(i) }
        return i < Int(doc[list].a) ? i : nil
    }

    /// More values than the first guess of one per 16 bytes: the nodes are
    /// moved to a bigger buffer and all kept.
    @Test(arguments: [1, 7, 8, 9, 100, 10_000])
    func compactDocumentsKeepEveryNode(_ count: Int) throws {
        let text = "[" + Array(repeating: "0", count: count).joined(separator: ",") + "]"
        let doc = try parseValid(text)
        #expect(doc.nodes.count == count + 1)
        #expect(doc[0].b == UInt32(count))
        #expect(Int(doc[0].a) == count + 1)
        for i in 1...count {
            #expect(doc[i].kind == .number && Int(doc[i].start) == 2 * i - 1 && doc[i].parent == 0)
        }
        #expect(doc.pointer(of: count) == "/\(count - 1)")
    }

    /// (input, code, offset): the first problem in a string is reported,
    /// whether the scan stops at a quote, a backslash, a control byte or
    /// the end, and whatever non-ASCII text comes before.
    static let stringErrors: [([UInt8], String, Int)] = [
        (Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8), "E3002", 4),
        (Array("[\"ab".utf8) + [0xC3, 0x28, 0x01] + Array("\"]".utf8), "E3002", 4),
        (Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\\n\"]".utf8), "E3002", 4),
        (Array("[\"ab".utf8) + [0xC3, 0x28], "E3002", 4),
        (Array("[\"é".utf8) + [0x01] + Array("\"]".utf8), "E3003", 4),
        (Array("[\"é".utf8) + [0xE1, 0xBB] + Array("\"]".utf8), "E3002", 4),
        (Array("[\"Điện mặt trời nổi trên hồ".utf8) + [0xED, 0xA0, 0x80] + Array("\"]".utf8), "E3002", 39),
        (Array("[\"Điện mặt trời nổi trên hồ chứa Đông Hiệp\u{1F600}".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("\"]".utf8), "E3002", 64),
        (Array("{\"ké".utf8) + [0xFF] + Array("\": 1}".utf8), "E3002", 5),
        (Array("{\"abcdefghijk".utf8) + [0x0A] + Array("\": 1}".utf8), "E3003", 13),
        (Array("[\"Điện mặt trời".utf8), "E3001", 1),
        (Array("[\"Điện\\q\"]".utf8), "E3004", 9),
    ]

    @Test(arguments: stringErrors)
    func theFirstProblemInAStringIsReported(_ c: ([UInt8], String, Int)) throws {
        let e = try #require(parseError(c.0))
        #expect(e.code.rawValue == c.1)
        #expect(Int(e.offset) == c.2)
    }

    /// Non-ASCII text of every sequence length, at every offset within a word.
    @Test func nonASCIIStringsKeepTheirBytes() throws {
        let words = ["é", "đ", "Điện", "ệ", "\u{1F600}", "a\u{301}", "nổi trên hồ chứa"]
        for pad in 0..<9 {
            for w in words {
                let value = String(repeating: "x", count: pad) + w + String(repeating: "y", count: pad)
                let doc = try parseValid("{\"k\(w)\": \"\(value)\"}")
                #expect(doc.string(2) == value)
                #expect(doc.string(1) == "k" + w)
                #expect(doc.pointer(of: 2) == "/k" + w)
            }
        }
    }

    @Test func bytesEqualAgreesWithAByteLoop() {
        for n in 0...40 {
            let a = (0..<n).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            for k in -1..<n {
                var b = a
                if k >= 0 { b[k] ^= 0x20 }
                let equal = a.withUnsafeBufferPointer { x in
                    b.withUnsafeBufferPointer { y in bytesEqual(x.baseAddress ?? UnsafePointer(bitPattern: 1)!, y.baseAddress ?? UnsafePointer(bitPattern: 1)!, n) }
                }
                #expect(equal == (a == b), "n \(n), differing at \(k)")
            }
        }
    }
}
