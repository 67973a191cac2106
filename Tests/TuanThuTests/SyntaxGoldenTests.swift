import Diagnostics
import Foundation
import Testing

/// Golden files for rendered parse diagnostics:
/// `Tests/Fixtures/diagnostics-syntax/<case>.rules` and `<case>.expected.txt`,
/// compared byte for byte. `UPDATE_GOLDEN=1 swift test` rewrites them.
let goldenFolder = fixturesURL.appendingPathComponent("diagnostics-syntax")

let goldenCases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenFolder.path)) ?? []
    return names.filter { $0.hasSuffix(".rules") }.map { String($0.dropLast(".rules".count)) }.sorted()
}()

/// The rendered diagnostics of a fixture, as `lint` prints them (no colour).
func renderGolden(_ name: String) throws -> (text: String, codes: [String]) {
    let bytes = try [UInt8](Data(contentsOf: goldenFolder.appendingPathComponent(name + ".rules")))
    let p = parse(bytes: bytes, path: name + ".rules")
    return (DiagnosticRenderer(colorize: false).render(p.diagnostics, files: p.files), p.diagnostics.map(\.code.rawValue))
}

@Suite struct SyntaxGoldenTests {
    @Test(arguments: goldenCases)
    func renderedDiagnostics(_ name: String) throws {
        let (actual, codes) = try renderGolden(name)
        #expect(!codes.isEmpty, "every golden case has an error")
        let expectedURL = goldenFolder.appendingPathComponent(name + ".expected.txt")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: expectedURL)
            return
        }
        // Bytes, not `String`s: `String` equality would equate NFC and NFD.
        let expected = try Data(contentsOf: expectedURL)
        #expect(Data(actual.utf8) == expected, "\(name): run with UPDATE_GOLDEN=1 to accept:\n\(actual)")
    }

    @Test func goldensCoverManyErrorKinds() throws {
        #expect(goldenCases.count >= 15)
        var codes = Set<String>()
        for name in goldenCases { codes.formUnion(try renderGolden(name).codes) }
        #expect(codes.count >= 15, "\(codes.sorted())")
    }

    @Test func everyGoldenHasItsExpectedFile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: goldenFolder.path)
        let expected = names.filter { $0.hasSuffix(".expected.txt") }.map { String($0.dropLast(".expected.txt".count)) }
        #expect(Set(expected) == Set(goldenCases))
    }
}
