import Digest
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import Run
import Testing
import TuanThu

// The whole command's fast paths keep its behaviour: the one-pass digest,
// NDJSON lines rendered straight into bytes, the output sink's buffer, the
// reader's large chunks, and the worker threads' ring, whose results come
// back in input order however long the stream.

@Suite("check's throughput paths give the same bytes")
struct ThroughputPathTests {
    /// The one-pass digest (blocks from the input, tail on the stack) against
    /// the streaming one, at every length across the padding boundaries, on
    /// each implementation.
    @Test(arguments: SHA256.Implementation.allCases)
    func theOnePassDigestIsTheStreamingDigest(_ implementation: SHA256.Implementation) {
        var rng = SplitMix64(seed: 17)
        let bytes = (0..<400).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        for length in 0...bytes.count {
            let prefix = Array(bytes[..<length])
            var streaming = SHA256(implementation: implementation)
            streaming.update(prefix)
            let onePass = prefix.withUnsafeBufferPointer { SHA256.hex($0, implementation: implementation) }
            #expect(onePass == streaming.finalizeHex(), "length \(length)")
        }
    }

    /// An NDJSON line made as bytes on a worker is the compact `tuanthu/1`
    /// object of the dossier and a newline — the same bytes the frozen JSON
    /// tree serialises to — for every outcome (pass, fail, missing, unreadable,
    /// duplicate keys).
    @Test func anNDJSONLineAsBytesIsTheSerialisedDossierObject() throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        let context = ReportContext(program: program, toolVersion: "test", asOf: evalAsOf.description, lang: "vi")
        let writer = makeReportWriter(.ndjson, context)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 1))
        var g = SplitMix64(seed: 2026)
        let inputs = (0..<150).map { k in
            DossierInput.record(NDJSONRecord(line: k + 1, bytes: Array(oneLine(generateDossier(k, &g)).utf8)), streamName: "<stdin>")
        }
        let results = checker.check(inputs)
        #expect(Set(results.map(\.outcome)).count >= 3, "the batch must hold several outcomes")
        for r in results {
            let line = try #require(writer.bytesAlone(r))
            #expect(String(decoding: line, as: UTF8.self) == referenceDossierJSON(r, context).serialized() + "\n", "\(r.file):\(r.line ?? 0)")
        }
    }

    /// A stream several times longer than the workers' window of dossiers in
    /// flight, with ids repeated across the window, writes the same bytes
    /// with any number of workers, each record at its line, in input order.
    @Test(arguments: [2, 3])
    func aStreamLongerThanTheWindowKeepsItsOrder(_ jobs: Int) throws {
        let program = try loadFixtureRuleset("Tests/Fixtures/check/ruleset.rules")
        var g = SplitMix64(seed: 99)
        let inputs = (0..<1_000).map { k in
            var text = oneLine(generateDossier(k, &g))
            // Every 97th dossier reuses the id of one 300 records before it: the
            // duplicate is found in order, across the window.
            if k % 97 == 0, k >= 300 { text = text.replacingOccurrences(of: "\"CT-\(1000 + k)\"", with: "\"CT-\(1000 + k - 300)\"") }
            return DossierInput.record(NDJSONRecord(line: 2 * k + 1, bytes: Array(text.utf8)), streamName: "<stdin>")
        }
        for format in [ReportFormat.ndjson, .text] {
            let one = runBatch(program, inputs, format: format, jobs: 1)
            let many = runBatch(program, inputs, format: format, jobs: jobs)
            #expect(one.output == many.output, "\(format)")
            #expect(many.results.map { $0.line ?? 0 } == inputs.indices.map { 2 * $0 + 1 })
            #expect(many.results.contains { $0.findings.contains { $0.rule == "tuanthu.duplicate-id" } })
        }
    }

    /// Whatever the sizes of the pieces — many small ones, one larger than
    /// the buffer, one exactly its size — the file holds all of them in order.
    @Test func theBufferedSinkWritesEveryPieceInOrder() throws {
        let dir = try makeTempFolder("tuanthu-sink")
        let path = dir + "/out.ndjson"
        let sink = try OutputSink.open(path: path)
        var expected: [UInt8] = []
        var rng = SplitMix64(seed: 5)
        let sizes = (0..<2_000).map { _ in Int(rng.next() % 700) } + [OutputSink.bufferSize + 3, 1, OutputSink.bufferSize, 0, 10]
        for (k, size) in sizes.enumerated() {
            // Printable ASCII, so a piece reads the same as bytes and as a String.
            let piece = (0..<size).map { UInt8(0x20 + ($0 &+ k) % 90) }
            expected += piece
            if k % 2 == 0 {
                sink.write(piece)
            } else {
                sink.write(String(decoding: piece, as: UTF8.self))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path), "nothing is renamed into place before finish")
        try sink.finish()
        #expect(try Array(Data(contentsOf: URL(fileURLWithPath: path))) == expected)
    }

    /// The reader calls `beforeRead` before each read(2) — where a run flushes
    /// what it has checked — and its large default chunk gives the same records.
    @Test func theReaderSaysWhenItIsAboutToRead() throws {
        var g = SplitMix64(seed: 7)
        var text = ""
        for k in 0..<300 { text += oneLine(generateDossier(k, &g)) + (k % 10 == 0 ? "\r\n\n" : "\n") }
        let bytes = Array(text.utf8)
        let fd = try temporaryFileHolding(bytes)
        defer { close(fd) }
        var reader = NDJSONReader(fileDescriptor: fd, chunkSize: 4096, maps: false)
        let reads = Counter()
        reader.beforeRead = { reads.value += 1 }
        var got: [NDJSONRecord] = []
        while let r = reader.next() { got.append(r) }
        #expect(got == ndjsonRecords(bytes))
        // One read per chunk, one more to see the end.
        #expect(reads.value == (bytes.count + 4095) / 4096 + 1)
        #expect(NDJSONReader.defaultChunkSize >= 1 << 20)
    }
}

/// A counter a closure can bump.
private final class Counter {
    var value = 0
}

/// A generated dossier on one line (its newlines are whitespace in JSON;
/// one inside a string would not be, and the generator writes none).
private func oneLine(_ text: String) -> String {
    text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
}

/// An unlinked temporary file holding `bytes`, open for reading at its start.
private func temporaryFileHolding(_ bytes: [UInt8]) throws -> Int32 {
    let path = try makeTempFolder("tuanthu-reader") + "/in.ndjson"
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let fd = open(path, O_RDONLY)
    try #require(fd >= 0)
    unlink(path)
    return fd
}
