import Diagnostics
import Foundation
@testable import JSON
import Testing

// Every broken input in Tests/Fixtures/json-errors/<case>.json renders to the
// diagnostic in <case>.expected.txt, byte for byte (UPDATE_GOLDEN=1 rewrites).

private let folder = fixturesRoot.appendingPathComponent("json-errors")

private let cases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
}()

@Suite("JSON error goldens")
struct JSONErrorGoldenTests {
    @Test func thereAreEnoughCases() {
        #expect(cases.count >= 12)
    }

    @Test(arguments: cases)
    func rendersAsExpected(_ name: String) throws {
        let bytes = try #require(readBytes(folder.appendingPathComponent(name + ".json")))
        var files = SourceMap()
        let file = files.add(path: name + ".json", bytes: bytes)
        let error = try #require(parseError(bytes), "`\(name).json` parsed without error")
        let text = DiagnosticRenderer(colorize: false).render([error.diagnostic(file: file.id)], files: files)
        expectGolden(text, at: folder.appendingPathComponent(name + ".expected.txt"))
    }
}
