import Corpus
import Diagnostics
import Foundation
@testable import JSON
import Testing

// Deterministic mutation fuzzing: thousands of variants of valid documents
// (bytes deleted, inserted, flipped, duplicated, cut). The parser must never
// trap; it either accepts (and the document is well formed) or reports an
// error at an offset inside the input.

/// Seeds: a dossier from the corpus, escapes and surrogates, numbers, nesting, CRLF.
private let seeds: [(String, [UInt8])] = [
    ("corpus", Corpus.dossier(seed: 11, approximateBytes: 2500)),
    ("escapes", Array(#"{"a\"b": "\u00e9\ud83d\ude00\n\t\\", "k": ["x\/y", "", "Tiếng Việt"], "u": "\u0000"}"#.utf8)),
    ("numbers", Array("[0, -0, 1.5e-3, -12E+4, 9007199254740993, 123456789012345678901234567890, 0.000001, 1e400, true, false, null]".utf8)),
    ("nesting", Array(#"{"a": [[{"b": [[], {}, [{"c": {"d": [1, [2, [3, [4]]]]}}]]}]], "e": {"f": {"g": {}}}}"#.utf8)),
    ("crlf", Array("{\r\n  \"id\": \"CT-1\",\r\n  \"items\": [\r\n    {\"x\": 1},\r\n    {\"x\": 2}\r\n  ]\r\n}\r\n".utf8)),
]

/// Bytes worth inserting: JSON punctuation, digits, letters of literals, escapes, multi-byte lead and continuation bytes.
private let interesting: [UInt8] = Array("{}[]\",:\\0123456789-+.eEtrufalsn \t\r\n/u".utf8) + [0x00, 0x1F, 0x7F, 0x80, 0xBF, 0xC3, 0xE1, 0xED, 0xF0, 0xF4, 0xFF]

private func mutate(_ input: [UInt8], _ rng: inout SplitMix64) -> [UInt8] {
    var bytes = input
    for _ in 0..<(1 + rng.next(below: 3)) {
        let at = bytes.isEmpty ? 0 : rng.next(below: bytes.count)
        switch rng.next(below: 6) {
        case 0 where !bytes.isEmpty:
            bytes.remove(at: at)
        case 1:
            bytes.insert(interesting[rng.next(below: interesting.count)], at: min(at, bytes.count))
        case 2 where !bytes.isEmpty:
            bytes[at] ^= UInt8(1 << rng.next(below: 8))
        case 3 where !bytes.isEmpty:
            bytes[at] = UInt8(truncatingIfNeeded: rng.next())
        case 4 where !bytes.isEmpty:
            let length = min(1 + rng.next(below: 16), bytes.count - at)
            bytes.insert(contentsOf: bytes[at..<at + length], at: rng.next(below: bytes.count + 1))
        default:
            bytes.removeSubrange(min(at, bytes.count)...)
        }
    }
    return bytes
}

/// The document's structural invariants, checked without one expectation per node.
private func isWellFormed(_ doc: JSONDocument) -> Bool {
    let nodes = doc.nodes
    guard !nodes.isEmpty, nodes[0].parent == UInt32.max else { return false }
    for i in 0..<nodes.count {
        let n = nodes[i]
        guard n.start <= n.end, Int(n.end) <= doc.bytes.count else { return false }
        if i > 0 {
            guard Int(n.parent) < i else { return false }
            let p = nodes[Int(n.parent)]
            guard p.kind == .array || p.kind == .object, p.start < n.start, n.end <= p.end, Int(p.a) > i else { return false }
        }
        if n.kind == .array || n.kind == .object {
            guard Int(n.a) > i, Int(n.a) <= nodes.count else { return false }
        }
        if n.kind == .string {
            guard n.a <= n.b else { return false }
            let limit = n.flags & JSONNode.Flag.inPool != 0 ? doc.pool.count : doc.bytes.count
            guard Int(n.b) <= limit else { return false }
        }
    }
    return doc.duplicateKeys.allSatisfy { $0.first < $0.second && Int($0.second) < nodes.count }
}

/// Variants per seed; `FUZZ_VARIANTS=100000 swift test --filter JSONFuzz` for a longer run.
private let variantCount = Int(ProcessInfo.processInfo.environment["FUZZ_VARIANTS"] ?? "") ?? 1000

@Suite("JSON fuzz")
struct JSONFuzzTests {
    @Test(arguments: seeds.map(\.0))
    func mutationsNeverTrap(_ name: String) throws {
        let index = try #require(seeds.firstIndex { $0.0 == name })
        let seed = seeds[index].1
        #expect(parseError(seed) == nil, "the seed itself must be valid")
        var rng = SplitMix64(seed: 0x7475_616E_7468_75 &+ UInt64(index))
        var accepted = 0
        var rejected = 0
        var files = SourceMap()
        for variant in 0..<variantCount {
            let bytes = mutate(seed, &rng)
            do {
                let doc = try JSONParser.parse(bytes)
                accepted += 1
                if !isWellFormed(doc) {
                    Issue.record("variant \(variant): malformed document from \(bytes)")
                    return
                }
            } catch {
                rejected += 1
                if Int(error.offset) > bytes.count || !error.code.rawValue.hasPrefix("E3") || error.message.isEmpty {
                    Issue.record("variant \(variant): bad error \(error) for \(bytes)")
                    return
                }
                if variant % 25 == 0 {
                    // Rendering must not trap either, whatever the bytes.
                    let file = files.add(path: "v\(variant).json", bytes: bytes)
                    _ = DiagnosticRenderer().render([error.diagnostic(file: file.id)], files: files)
                    _ = file.location(of: error.offset)
                }
            }
        }
        #expect(accepted + rejected == variantCount)
        #expect(rejected > variantCount / 10, "mutations should mostly break the document")
    }
}
