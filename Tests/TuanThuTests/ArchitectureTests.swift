import Diagnostics
import Foundation
import Testing

// The library's shape, as README.md's "Architecture" section states it: a
// small public surface (counted as .ci/public-api.sh counts it), no module
// re-exported, and DiagnosticBag collecting as go/scanner's ErrorList.

/// The modules the `TuanThu` library product ships (Package.swift).
private let libraryModules = ["Base", "Digest", "Diagnostics", "JSON", "Syntax", "Format", "Semantics", "Evaluator", "Reporters", "TuanThu"]

/// Lines of the library's sources that declare something `public` or `open`.
private func publicDeclarations() throws -> [String] {
    let decl = try Regex(#"^\s*(@[A-Za-z_]+(\([^)]*\))?\s+)*(public|open)\s"#)
    var found: [String] = []
    for module in libraryModules {
        let dir = packageRoot.appendingPathComponent("Sources/\(module)")
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".swift") {
            let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false)
            where line.contains(decl) && !line.contains("import ") {
                found.append("\(module)/\(name): \(line)")
            }
        }
    }
    return found
}

@Suite("architecture")
struct ArchitectureTests {
    @Test func publicSurfaceStaysSmall() throws {
        let decls = try publicDeclarations()
        // 806 when TuanThu re-exported every module; the aim is under 150.
        #expect(decls.count < 150, "\(decls.count) public declarations:\n\(decls.joined(separator: "\n"))")
        #expect(decls.count > 50, "the facade's API is public: a count this low means the scan is broken")
    }

    @Test func noModuleIsReexported() throws {
        for module in libraryModules {
            let dir = packageRoot.appendingPathComponent("Sources/\(module)")
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".swift") {
                let text = try String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)
                #expect(!text.contains("@_exported"), "\(module)/\(name)")
            }
        }
    }

    struct BagCase: Sendable, CustomTestStringConvertible {
        var name: String
        /// Diagnostics added, as (file, start, code).
        var added: [(UInt32, UInt32, String)]
        /// What the bag holds after `sort()` and `removeDuplicates()`.
        var kept: [(UInt32, UInt32, String)]
        var testDescription: String { name }
    }

    static let bagCases: [BagCase] = [
        BagCase(name: "sorted by file, then position", added: [(1, 5, "E1"), (0, 9, "E2"), (0, 2, "E3")], kept: [(0, 2, "E3"), (0, 9, "E2"), (1, 5, "E1")]),
        BagCase(name: "ties keep the order added", added: [(0, 4, "E2"), (0, 4, "E1")], kept: [(0, 4, "E2"), (0, 4, "E1")]),
        BagCase(name: "an identical diagnostic is kept once", added: [(0, 4, "E1"), (0, 1, "E9"), (0, 4, "E1")], kept: [(0, 1, "E9"), (0, 4, "E1")]),
        BagCase(name: "the same code at another place is not a duplicate", added: [(0, 4, "E1"), (0, 5, "E1")], kept: [(0, 4, "E1"), (0, 5, "E1")]),
        BagCase(name: "empty", added: [], kept: []),
    ]

    @Test(arguments: bagCases) func diagnosticBagSortsAndRemovesDuplicates(_ c: BagCase) {
        func diagnostic(_ t: (UInt32, UInt32, String)) -> Diagnostic {
            .error(DiagnosticCode(t.2), "message", at: Span(file: FileID(t.0), start: t.1, end: t.1 + 1))
        }
        var bag = DiagnosticBag()
        for t in c.added { bag.add(diagnostic(t)) }
        #expect(bag.errorCount == c.added.count)
        bag.sort()
        bag.removeDuplicates()
        #expect(bag.diagnostics == c.kept.map(diagnostic))
    }
}
