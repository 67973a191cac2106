import Diagnostics
import Foundation
import Testing
import TuanThu

/// Golden files for rendered load-time diagnostics:
/// `Tests/Fixtures/diagnostics-semantic/<case>.rules` and `<case>.expected.txt`,
/// compared byte for byte. `UPDATE_GOLDEN=1 swift test` rewrites them.
let semanticGoldenFolder = fixturesRoot.appendingPathComponent("diagnostics-semantic")

let semanticGoldenCases: [String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: semanticGoldenFolder.path)) ?? []
    return names.filter { $0.hasSuffix(".rules") }.map { String($0.dropLast(".rules".count)) }.sorted()
}()

/// The rendered diagnostics of a fixture, as `lint` prints them (no colour);
/// the display path is the fixture's file name, so goldens do not depend on
/// where the package is.
func renderSemanticGolden(_ name: String) throws -> (text: String, codes: [String]) {
    let text = try String(contentsOf: semanticGoldenFolder.appendingPathComponent(name + ".rules"), encoding: .utf8)
    let loaded = RulesetLoader.load(sources: [(path: name + ".rules", text: text)])
    return (DiagnosticRenderer(colorize: false).render(loaded.diagnostics, files: loaded.files), loaded.diagnostics.map(\.code.rawValue))
}

@Suite struct SemanticCheckGoldenTests {
    @Test(arguments: semanticGoldenCases)
    func renderedDiagnostics(_ name: String) throws {
        let (actual, codes) = try renderSemanticGolden(name)
        #expect(!codes.isEmpty, "every golden case has a diagnostic")
        #expect(codes.allSatisfy { $0.hasPrefix("E2") || $0.hasPrefix("W2") }, "only load-time checks: \(codes)")
        expectGolden(actual, at: semanticGoldenFolder.appendingPathComponent(name + ".expected.txt"))
    }

    @Test func goldensCoverManyKinds() throws {
        #expect(semanticGoldenCases.count >= 15)
        var codes = Set<String>()
        for name in semanticGoldenCases { codes.formUnion(try renderSemanticGolden(name).codes) }
        #expect(codes.count >= 15, "\(codes.sorted())")
    }

    @Test func everyGoldenHasItsExpectedFile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: semanticGoldenFolder.path)
        let expected = names.filter { $0.hasSuffix(".expected.txt") }.map { String($0.dropLast(".expected.txt".count)) }
        #expect(Set(expected) == Set(semanticGoldenCases))
    }
}
