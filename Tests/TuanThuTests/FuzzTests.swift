import Foundation
import Fuzz
import Run
import Testing
import TuanThu

// The fuzz harness at a fixed seed, in-process: a crash kills the test run
// (and so fails it), a case over its time budget is a hang. A few thousand
// cases here; `.ci/fuzz.sh` runs 100,000 per target in a child process.

@Suite("fuzz: seeded mutants of every input reader")
struct FuzzTests {
    static let rules = """
        let limit = 10
        def big(v) = v > limit
        rule A { title en "a" severity error
          when exists(project)
          require big(project.size ?? 0) and count(project.items ?? []) >= 1
            else en "size {project.size} of {project.name}" }
        rule B { severity warning
          for each it in project.items ?? [] where it.kind == "x" {
            require it.value != null and matches(it.name ?? "", "^[a-z]+$")
          } }
        rule C { severity info
          require id != "" and submitted_on >= 2024-01-01 }
        """

    static func seeds() -> [[UInt8]] {
        var seeds: [[UInt8]] = [
            Array(#"{"id": "CT-1", "submitted_on": "2024-09-06", "project": {"name": "Nhà máy", "size": 12, "items": [{"kind": "x", "name": "abc", "value": 1}, {"kind": "y"}]}}"#.utf8),
            Array(#"{"project": {"size": "1.200", "items": {}}, "id": 5, "id": "dup"}"#.utf8),
        ]
        for case .file(let p) in expandDossierPaths([packageRootPath + "/Examples"]).prefix(4) {
            if let d = FileManager.default.contents(atPath: p) { seeds.append([UInt8](d)) }
        }
        return seeds
    }

    static let cases: [(FuzzTarget, Int)] = [(.dossier, 1000), (.waivers, 600), (.explain, 600), (.rules, 300)]

    @Test(arguments: cases)
    func noCaseCrashesOrHangs(_ target: FuzzTarget, _ count: Int) throws {
        let program = try loadProgram(Self.rules)
        let seeds: [[UInt8]] = switch target {
        case .rules: [Array(Self.rules.utf8), Array(#"test "t" { given { "a": [1, {"b": null}] } expect A fail at "/a" } rule X { require a.b[0] == 1 }"#.utf8)]
        case .waivers: [Array(#"[{"rule": "A", "dossier": "CT-2024-0012", "pointer": "/project", "reason": "r", "approved_by": "a", "expires": "2030-01-01"}, {"rule": "tuanthu.duplicate-key", "dossier": "d.json", "file": "d.json", "reason": "r", "approved_by": "a", "expires": "2020-01-01"}]"#.utf8)]
        default: Self.seeds()
        }
        // Generous for a debug build on a shared machine; a real hang is seconds or forever.
        let fuzzer = Fuzzer(program: program, asOf: evalAsOf, seeds: seeds, budget: 5)
        let report = fuzzer.run(target, cases: count, seed: 20_261_129, maxSize: 1 << 14)
        #expect(report.cases == count)
        #expect(report.hangs.isEmpty, "\(report.hangs.count) cases over 5 s; first: \(String(decoding: report.hangs.first ?? [], as: UTF8.self).prefix(200))")
    }

    @Test func theMutatorIsDeterministicAndBounded() {
        var a = FuzzMutator(seed: 42, maxSize: 64), b = FuzzMutator(seed: 42, maxSize: 64)
        let input = Array(#"{"a": [1, 2, {"b": "c"}]}"#.utf8)
        var differs = 0
        for _ in 0..<200 {
            let x = a.mutate(input, other: input), y = b.mutate(input, other: input)
            #expect(x == y)
            #expect(x.count <= 64)
            if x != input { differs += 1 }
        }
        #expect(differs > 150, "mutants must differ from their seed")
    }
}
