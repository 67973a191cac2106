import Diagnostics
import Foundation
@testable import JSON
import Testing

// Shared helpers for the JSON, NDJSON and diagnostics tests: where the
// package and its test data are, golden-file comparison, a seeded PRNG.

/// The package root: three levels up from `Tests/TuanThuTests/<file>.swift`.
let packageRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent()

/// The project's own fixtures.
let fixturesRoot: URL = packageRoot.appendingPathComponent("Tests/Fixtures")

/// Is `UPDATE_GOLDEN=1` set, so that golden tests rewrite their expected files?
let isUpdatingGoldens = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"

/// The bytes of a file, or nil if it cannot be read.
func readBytes(_ url: URL) -> [UInt8]? {
    FileManager.default.contents(atPath: url.path).map { [UInt8]($0) }
}

/// Compares `actual` byte for byte with the golden file at `url`; with
/// `UPDATE_GOLDEN=1` rewrites the file instead.
func expectGolden(_ actual: String, at url: URL, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    if isUpdatingGoldens {
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
        } catch {
            Issue.record("cannot write golden `\(url.path)`: \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = readBytes(url) else {
        Issue.record("missing golden `\(url.lastPathComponent)`; run with UPDATE_GOLDEN=1 to create it", sourceLocation: sourceLocation)
        return
    }
    let actualBytes = Array(actual.utf8)
    if actualBytes != expected {
        Issue.record(
            """
            golden `\(url.lastPathComponent)` differs (UPDATE_GOLDEN=1 rewrites it)
            --- expected
            \(String(decoding: expected, as: UTF8.self))
            --- actual
            \(actual)
            """, sourceLocation: sourceLocation)
    }
}

/// Parses bytes and returns the error, or nil if the document is valid.
func parseError(_ bytes: [UInt8]) -> JSONParseError? {
    do {
        _ = try JSONParser.parse(bytes)
        return nil
    } catch {
        return error
    }
}

/// Parses a string that must be valid JSON.
func parseValid(_ text: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> JSONDocument {
    do {
        return try JSONParser.parse(Array(text.utf8))
    } catch {
        Issue.record("unexpected parse error: \(error.message) at \(error.offset)", sourceLocation: sourceLocation)
        throw error
    }
}

/// SplitMix64: a tiny deterministic PRNG so fuzz cases are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// A value in `0..<bound` (`bound` > 0).
    mutating func next(below bound: Int) -> Int { Int(next() % UInt64(bound)) }
}
