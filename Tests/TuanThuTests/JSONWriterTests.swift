import Base
import Corpus
import Diagnostics
import Evaluator
import Foundation
import JSON
@testable import Reporters
import Run
import Semantics
import Testing
import TuanThu

// The JSON written straight into bytes (`JSONWriter`, the JSON and NDJSON
// reports' dossier objects) against a frozen copy of the tree serialiser and
// dossier builder they replaced: the same bytes, compact and indented, for
// random trees and for checked dossiers of every outcome.

@Suite("JSON written straight into bytes")
struct JSONWriterTests {
    /// Random trees, near the one-line width and deeper than two levels,
    /// serialise as the frozen tree serialiser did, at several indents.
    @Test(arguments: [0, 1, 2, 3])
    func treesSerialiseAsBefore(_ indent: Int) {
        var g = SplitMix64(seed: UInt64(100 + indent))
        for k in 0..<400 {
            let (tree, reference) = randomTree(&g, depth: 0)
            let pretty = tree.serialized(pretty: true, indent: indent)
            #expect(pretty == reference.serialized(pretty: true, indent: indent), "tree \(k), indent \(indent)")
            #expect(tree.serialized() == reference.serialized(), "tree \(k), compact")
            var bytes: [UInt8] = Array("prefix ".utf8)
            tree.write(into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "prefix " + reference.serialized(), "tree \(k), appended")
        }
    }

    /// Integers as decimal text, without `String(describing:)`.
    @Test(arguments: [0, 1, 9, 10, -1, -9, -10, 99, 100, 12_345, -67_890, Int.max, Int.min, Int.max - 1, Int.min + 1])
    func integersAreDecimal(_ v: Int) {
        var out: [UInt8] = []
        appendDecimal(v, to: &out)
        #expect(String(decoding: out, as: UTF8.self) == String(v))
    }

    /// Strings of every byte class (controls, quotes, backslashes, DEL,
    /// U+2028/U+2029, other 0xE2 sequences, multi-byte text) escape as the
    /// frozen escaper did.
    /// Entries made once and copied by index (the NDJSON rule entries) give
    /// the bytes of writing each as raw JSON, with or without an element
    /// before them, compact and indented.
    @Test(arguments: [[], [0], [2, 0, 2, 1], [3, 3, 3], [1, 2, 3, 0, 1, 2, 3, 0]])
    func rawElementsAreTheRawValues(_ elements: [Int]) {
        let entries = [#"{"rule":"A","outcome":"pass"}"#, "[2]", #""xé""#, "3"]
        var source: [UInt8] = []
        var starts = [0]
        for e in entries {
            source += Array(e.utf8)
            starts.append(source.count)
        }
        for pretty in [false, true] {
            for before in [false, true] {
                var fast = JSONWriter(pretty: pretty)
                var slow = JSONWriter(pretty: pretty)
                source.withUnsafeBufferPointer { src in
                    starts.withUnsafeBufferPointer { st in
                        fast.array { w in
                            if before { w.string("first") }
                            w.rawElements(src, starts: st, elements)
                            w.int(9)
                        }
                    }
                }
                slow.array { w in
                    if before { w.string("first") }
                    for e in elements { entries[e].utf8CString.withUnsafeBufferPointer { c in
                        c.withMemoryRebound(to: UInt8.self) { w.raw(UnsafeBufferPointer(rebasing: $0.dropLast())) }
                    } }
                    w.int(9)
                }
                #expect(String(decoding: fast.bytes, as: UTF8.self) == String(decoding: slow.bytes, as: UTF8.self), "pretty \(pretty), before \(before)")
            }
        }
    }

    @Test func stringsEscapeAsBefore() {
        var g = SplitMix64(seed: 7)
        let pieces: [String] = ["a", "é", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1f}", "\u{7f}", "\u{2028}", "\u{2029}",
                                "\u{2026}", "Nhà máy", "/", " ", "\u{1F600}", "\u{e2}"]
        for _ in 0..<2_000 {
            // Long enough for the eight-byte steps, each special byte at every offset in a word.
            let n = Int(g.next() % 40)
            let s = (0..<n).map { _ in pieces[Int(g.next() % UInt64(pieces.count))] }.joined()
            #expect(escapeJSONString(s) == referenceEscaped(s), "\(Array(s.utf8))")
        }
        // Each piece at every offset of two eight-byte words.
        let filler = "abcdefghijklmnopqrstuvwx"
        for piece in pieces {
            for at in 0...17 {
                let s = String(filler.prefix(at)) + piece + String(filler.dropFirst(at))
                #expect(escapeJSONString(s) == referenceEscaped(s), "\(Array(s.utf8))")
            }
        }
    }

    /// Checked dossiers of the bundled pack — passes, failures, missing data,
    /// unverified thresholds, waived findings, reserved checks, unreadable
    /// records — give the frozen builder's bytes, compact and indented, and
    /// the reports' `bytesAlone` wraps exactly those; compact, both the
    /// one-pass writer (`writeCompactDossier`) and `JSONWriter` give them.
    @Test func dossierObjectsAreTheTreesBytes() throws {
        let loaded = try RulesetLoader.load(paths: [packageRoot.appendingPathComponent("Rules/kl81-cantho").path])
        #expect(!loaded.hasErrors)
        var inputs = (0..<120).map { k in
            DossierInput.record(NDJSONRecord(line: k + 1, bytes: Corpus.dossier(seed: UInt64(300 + k), approximateBytes: 3_000 + 40 * k)),
                                streamName: "<stdin>")
        }
        inputs.append(.record(NDJSONRecord(line: 500, bytes: Array(#"{"id": "CT-X", "id": "CT-Y"}"#.utf8)), streamName: "<stdin>"))
        inputs.append(.record(NDJSONRecord(line: 501, bytes: Array(#"{"id": "CT-Z", "name": "broken"#.utf8)), streamName: "<stdin>"))
        inputs.append(.document(bytes: Array("{\"id\": \"T\\u2028\\\"q\\\"\", \"kind\": \"nope\"}".utf8), name: "a \"quoted\" path.json"))
        let checker = BatchChecker(program: loaded.program, options: CheckOptions(asOf: CivilDate("2026-11-29")!, jobs: 1))
        var results = checker.check(inputs)
        // Waive every other finding of some dossiers, so waivers and the waived outcome show.
        for k in results.indices where k % 5 == 0 {
            for j in results[k].findings.indices where j % 2 == 0 {
                results[k].findings[j].waiver = AppliedWaiver(reason: "Lý do \"đặc biệt\"\n", approvedBy: "Sở TN&MT", expires: "2027-01-31")
            }
        }
        #expect(Set(results.map(\.outcome)).count == 4, "the batch must hold every outcome")
        #expect(results.contains { $0.findings.contains { !$0.unverified.isEmpty } })
        #expect(results.contains { $0.findings.contains { $0.rule.hasPrefix("tuanthu.") } })
        for lang in ["vi", "en"] {
            var context = ReportContext(program: loaded.program, toolVersion: "test", asOf: "2026-11-29", lang: lang)
            context.failOn = .warning
            let ndjson = makeReportWriter(.ndjson, context)
            var json = makeReportWriter(.json, context)
            for (k, r) in results.enumerated() {
                let tree = referenceDossierJSON(r, context)
                let compact = tree.serialized()
                let pretty = tree.serialized(pretty: true, indent: 2)
                #expect(String(decoding: dossierJSONBytes(r, context), as: UTF8.self) == compact, "dossier \(k)")
                // The writer's compact mode (the one-pass compact writer's model) gives them too.
                var writer = JSONWriter(pretty: false)
                JSONReport(context, pretty: false, lines: true).writeDossier(r, &writer)
                #expect(String(decoding: writer.bytes, as: UTF8.self) == compact, "dossier \(k)")
                #expect(String(decoding: try #require(ndjson.bytesAlone(r)), as: UTF8.self) == compact + "\n", "dossier \(k)")
                let separator = json.separator(beforeBytesOf: r)
                #expect(separator == (k == 0 ? [] : Array(",".utf8)))
                #expect(String(decoding: try #require(json.bytesAlone(r)), as: UTF8.self) == "\n    " + pretty, "dossier \(k)")
            }
        }
    }
}

// MARK: - Random trees

/// A random tree in both forms: strings near and past the one-line width,
/// empty and nested containers.
private func randomTree(_ g: inout SplitMix64, depth: Int) -> (JSONOut, ReferenceJSON) {
    let roll = Int(g.next() % 10)
    if depth < 4 && roll < 5 {
        let n = Int(g.next() % 5)
        var items: [(String, JSONOut, ReferenceJSON)] = []
        for k in 0..<n {
            let (a, b) = randomTree(&g, depth: depth + 1)
            items.append((k % 3 == 2 ? "k\"\(k)" : "key\(k)", a, b))
        }
        if roll < 3 {
            return (.object(items.map { ($0.0, $0.1) }), .object(items.map { ($0.0, $0.2) }))
        }
        return (.array(items.map(\.1)), .array(items.map(\.2)))
    }
    switch Int(g.next() % 7) {
    case 0: return (.null, .null)
    case 1: return boolPair(g.next() % 2 == 0)
    case 2:
        let v = Int(truncatingIfNeeded: g.next()) >> Int(g.next() % 64)
        return (.int(v), .number(String(v)))
    case 3:
        let s = String(repeating: "x", count: Int(g.next() % 40)) + (g.next() % 4 == 0 ? "\n\"é\u{2028}" : "")
        return (.string(s), .string(s))
    case 4:
        let r = "[1,2,{\"a\":3}]"
        return (.raw(r), .raw(r))
    case 5:
        let r = "\"rå\""
        return (.rawBytes(Array(r.utf8)), .raw(r))
    default: return (.optionalString(nil), .null)
    }
}

private func boolPair(_ b: Bool) -> (JSONOut, ReferenceJSON) { (.bool(b), .bool(b)) }
