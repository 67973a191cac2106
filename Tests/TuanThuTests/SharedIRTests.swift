import Base
@testable import Evaluator
import Run
import Semantics
import Testing
import TuanThu

// The IR is built once per ruleset, by the analyzer, and shared read-only by
// every evaluator; each evaluator keeps private copies of the
// reference-counted side tables.

@Suite struct SharedIRTests {
    static let source = """
        let names = ["a", "b"]
        rule R {
          require project.name in names else "`{project.name}` is not a known name"
        }
        rule S {
          require len(project.name) <= 3
        }
        """

    @Test func theWorkersOfARunShareOneIR() throws {
        let program = try loadProgram(Self.source)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 4))
        let irs = checker.workerIRs
        #expect(irs.count == 4)
        #expect(irs.allSatisfy { $0 === program.ir })
        // And it checks as a fresh evaluator does, dossier after dossier.
        let inputs = (0..<12).map { k in DossierInput.document(bytes: Array("{\"project\": {\"name\": \"\(k % 3 == 0 ? "a" : "zzzz")\"}}".utf8), name: "d\(k).json") }
        let results = checker.check(inputs)
        let alone = inputs.map { input -> DossierResult in
            guard case .document(let bytes, let name) = input else { fatalError() }
            return Evaluator(program: program, asOf: evalAsOf).check(bytes: bytes, path: name)
        }
        #expect(results.map { $0.rules.map(\.rawValue) } == alone.map { $0.rules.map(\.rawValue) })
        #expect(results.map { $0.findings.map { "\($0.rule) \($0.message("en"))" } } == alone.map { $0.findings.map { "\($0.rule) \($0.message("en"))" } })
    }

    @Test func evaluatorsOverOneIRShareItsTablesNotItsValues() throws {
        let program = try loadProgram(Self.source)
        let ir = program.ir
        let a = Evaluator(program: program, asOf: evalAsOf)
        let b = Evaluator(program: program, asOf: CivilDate("2027-01-01")!, purpose: .inspection)
        #expect(a.sharedIR === ir && b.sharedIR === ir)
        // The flat tables are one block of memory…
        #expect(a.t == b.t)
        #expect(a.t == UnsafePointer(ir.tables))
        // …the side tables each evaluator's own buffers (no shared reference counts).
        #expect(!a.ir.constants.isEmpty)
        let bufferA = a.ir.constants.withUnsafeBufferPointer { $0.baseAddress }
        let bufferB = b.ir.constants.withUnsafeBufferPointer { $0.baseAddress }
        #expect(bufferA != bufferB)
        #expect(a.ir.rules.count == program.rules.count)
        // A program with fewer rules (a selection) keeps the IR; the evaluator's rule tables are its own.
        var narrowed = program
        narrowed.rules.removeFirst()
        let c = Evaluator(program: narrowed, asOf: evalAsOf)
        #expect(c.sharedIR === ir && c.ir.rules.count == 1)
        let r = c.check(bytes: Array("{\"project\": {\"name\": \"abcd\"}}".utf8), path: "d.json")
        #expect(r.rules.map(\.rawValue) == ["fail"] && r.findings.map(\.rule) == ["S"])
        // Loading the ruleset again builds another IR.
        #expect(try loadProgram(Self.source).ir !== ir)
    }

    @Test func aPacksTestsRunOverOneIR() throws {
        let program = try loadProgram(Self.source + """

            test "known" {
              given { "project": { "name": "a" } }
              expect R pass
              expect S pass
            }
            test "unknown, inspected" {
              inspect on 2026-01-15
              given { "project": { "name": "abcd" } }
              expect R fail
              expect S fail
            }
            """)
        let results = TestRunner(program: program, asOf: evalAsOf).run()
        #expect(results.map(\.passed) == [true, true], "\(results.map(\.failures))")
    }
}
