import Corpus
import Foundation
@testable import JSON
import Testing

// The parser's well-formed fast path (state in locals, no error wording)
// must build the very document the careful parse builds, and leave every
// error to the careful parse: documents, pools, duplicate keys and errors
// are compared both ways on dossiers, the conformance files and thousands
// of mutated documents.

/// The two documents are the same, node for node.
private func sameDocument(_ a: JSONDocument, _ b: JSONDocument) -> Bool {
    guard a.nodes.count == b.nodes.count, a.pool == b.pool, a.duplicateKeys == b.duplicateKeys else { return false }
    for i in 0..<a.nodes.count {
        let x = a.nodes[i], y = b.nodes[i]
        guard x.kind == y.kind, x.flags == y.flags, x.ordinal == y.ordinal, x.start == y.start, x.end == y.end, x.parent == y.parent,
            x.a == y.a, x.b == y.b, x.number.bitPattern == y.number.bitPattern
        else { return false }
    }
    return true
}

/// Both ways agree on `bytes`: the same document, or the same error.
private func agree(_ bytes: [UInt8]) -> Bool {
    let fast = Result { () throws(JSONParseError) in try JSONParser.parse(bytes, fastPath: true) }
    let careful = Result { () throws(JSONParseError) in try JSONParser.parse(bytes, fastPath: false) }
    switch (fast, careful) {
    case let (.success(a), .success(b)): return sameDocument(a, b)
    case let (.failure(a), .failure(b)): return a == b
    default: return false
    }
}

private let documents: [String] = [
    #"{"a": "b", "b": "a", "c": {"d": ["x", "y", {"e": "f"}]}, "g": []}"#,
    #"{"k\"1": "v", "~/": {"/": "~"}, "": "", "a long key over sixteen bytes": "a long value over sixteen bytes"}"#,
    #"[[], {}, [[["deep"]]], {"x": [1, 2, {"y": null}]}, "s", true, false, null]"#,
    #"{"dup": 1, "other": 2, "dup": 3, "dup": {"x": 1, "x": 2}}"#,
    #"{"esc\u00e9": {"\u0041": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]}, "Tiếng Việt": "Cần Thơ, đường dẫn"}"#,
    "[0, -0, 1.5e-3, -12E+4, 9007199254740993, 123456789012345678901234567890, 0.000001, 1e400, -7, 42]",
    // Decimals of at most 15 digits are read by the fast path, longer ones by the careful one.
    #"{"lat": 10.1165, "elev": 2.06, "d": [-0.05, 0.0, -0.0, 123456789012.345, 1234567890123.456, 0.1000000000000001, 7.5]}"#,
    "{\r\n  \"id\": \"CT-1\",\r\n  \"items\": [\r\n    {\"x\": 1},\r\n    {\"x\": 2}\r\n  ]\r\n}\r\n",
    "{\n\t\"a\" : [ 1 , 2 ] ,\"b\":{ },\"c\":[ ]\n}",
    "\u{FEFF}{\"bom\": true}",
    "  \"root\"  ", "7", "true", "null", "[]", "{}",
]

@Suite("JSON well-formed fast path")
struct JSONWellFormedPathTests {
    @Test(arguments: documents)
    func agreesWithTheCarefulParse(_ text: String) {
        #expect(agree(Array(text.utf8)))
    }

    /// The common documents take the fast path all the way (else the
    /// comparisons above would compare the careful parse with itself).
    @Test(arguments: [documents[0], documents[1], documents[3], documents[4], documents[5], documents[6], documents[8], "[]", "\"root\""])
    func commonDocumentsTakeTheFastPath(_ text: String) {
        #expect(JSONParser.fastPathAccepts(Array(text.utf8)))
    }

    @Test(arguments: ["{\"a\": 1,}", "[1, 2", "{\"a\" 1}", "[tru]", "[\"\u{1}\"]", "[01]", "{\"a\": [1] ]"])
    func errorsAreLeftToTheCarefulParse(_ text: String) {
        #expect(!JSONParser.fastPathAccepts(Array(text.utf8)))
        #expect(agree(Array(text.utf8)))
    }

    @Test func dossiersAgreeAndTakeTheFastPath() {
        for seed in 0..<40 {
            let bytes = Corpus.dossier(seed: UInt64(seed), approximateBytes: 1000 + seed * 300)
            #expect(JSONParser.fastPathAccepts(bytes), "seed \(seed)")
            #expect(agree(bytes), "seed \(seed)")
        }
    }

    @Test func conformanceFilesAgree() throws {
        let folder = fixturesRoot.appendingPathComponent("json-conformance")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names.count > 100)
        for name in names {
            guard let bytes = readBytes(folder.appendingPathComponent(name)) else { continue }
            #expect(agree(bytes), "\(name)")
        }
    }

    /// Objects of 2 to 40 members whose keys come from a small set (so most
    /// repeat): the fast path's inline filter passes every repeated key on,
    /// and the records are the naive pairwise ones (first earlier equal key).
    @Test func repeatedKeysAreAllFound() throws {
        var rng = SplitMix64(seed: 0x6475_7073)
        let names = ["a", "b", "id", "code", "a_key_longer_than_sixteen", "Tiếng", "x\\u0041", "k7"]
        for size in 2...40 {
            let keys = (0..<size).map { _ in names[rng.next(below: size < 12 ? names.count : 3)] + (size % 2 == 0 ? "" : String(rng.next(below: 9))) }
            let text = "{" + keys.map { "\"\($0)\": [\($0.count)]" }.joined(separator: ", ") + "}"
            let bytes = Array(text.utf8)
            #expect(agree(bytes), "\(text)")
            let doc = try JSONParser.parse(bytes, fastPath: true)
            var expected: [(Int, Int)] = []
            for j in 0..<size {
                if let i = (0..<j).first(where: { keys[$0] == keys[j] }) { expected.append((i, j)) }
            }
            // Key k of the object is node 1 + 3k (key, array, its element).
            #expect(doc.duplicateKeys.map { (($0.first - 1) / 3, ($0.second - 1) / 3) }.elementsEqual(expected, by: ==), "\(text)")
        }
    }

    /// Documents with far more values than the first guess of the node
    /// count (one per ten bytes): the fast path moves its nodes to bigger
    /// buffers as it goes, and keeps every one.
    @Test(arguments: [("1", 5000), ("[]", 3000), (#"{"a":1,"b":[0]}"#, 800)])
    func documentsDenseInValuesAgree(_ element: String, _ count: Int) throws {
        let text: String = "[" + Array(repeating: element, count: count).joined(separator: ",") + "]"
        let bytes = Array(text.utf8)
        #expect(JSONParser.fastPathAccepts(bytes))
        #expect(agree(bytes))
        #expect(try JSONParser.parse(bytes).nodes.count > bytes.count / 10 + 8)
    }

    /// Mutated documents: bytes deleted, inserted, flipped, cut.
    @Test func mutationsAgree() {
        var rng = SplitMix64(seed: 0x6661_7374)
        let seeds = documents.map { Array($0.utf8) } + [Corpus.dossier(seed: 3, approximateBytes: 2500)]
        let interesting = Array("{}[]\",:\\0123456789-+.eEtrufalsn \t\r\n/u".utf8) + [0x00, 0x1F, 0x80, 0xC3, 0xE1, 0xED, 0xF4, 0xFF]
        for variant in 0..<3000 {
            var bytes = seeds[variant % seeds.count]
            for _ in 0..<(1 + rng.next(below: 3)) {
                let at = bytes.isEmpty ? 0 : rng.next(below: bytes.count)
                switch rng.next(below: 4) {
                case 0 where !bytes.isEmpty: bytes.remove(at: at)
                case 1: bytes.insert(interesting[rng.next(below: interesting.count)], at: min(at, bytes.count))
                case 2 where !bytes.isEmpty: bytes[at] ^= UInt8(1 << rng.next(below: 8))
                default: bytes.removeSubrange(min(at, bytes.count)...)
                }
            }
            if !agree(bytes) {
                Issue.record("variant \(variant) differs: \(String(decoding: bytes, as: UTF8.self))")
                return
            }
        }
    }
}
