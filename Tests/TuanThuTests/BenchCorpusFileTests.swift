import Foundation
import Testing

// `tuanthu bench check --corpus FILE`: the engine timed on given dossiers (the
// peer comparison, .ci/peer-compare.sh, passes its own corpus and policy).

@Suite struct BenchCorpusFileTests {
    @Test func checksTheDossiersOfTheFileAgainstTheGivenRules() throws {
        let dir = try makeTemporaryFolder("bench-corpus")
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
            schema {
              n: number
            }

            rule SMALL { require n < 10 }
            """.write(to: dir.appendingPathComponent("p.rules"), atomically: true, encoding: .utf8)
        // Three dossiers, one failing; the blank lines are not dossiers.
        try "{\"n\": 1}\n\n{\"n\": 20}\n  \n{\"n\": 3}\n".write(to: dir.appendingPathComponent("c.ndjson"), atomically: true, encoding: .utf8)
        let run = try runTool(["bench", "check", "--corpus", "c.ndjson", "--rules", "p.rules", "--rounds", "1", "--format", "json"], in: dir)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(json["documents"] as? Int == 3)
        #expect(json["rules"] as? Int == 1)
        #expect(json["failing_dossiers"] as? Int == 1)
        #expect(json["bytes"] as? Int == 25)
    }

    @Test func anUnreadableCorpusIsAUsageError() throws {
        let dir = try makeTemporaryFolder("bench-corpus")
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = try runTool(["bench", "check", "--corpus", "absent.ndjson", "--rounds", "1", "--lang", "en"], in: dir)
        #expect(run.status == 2)
        #expect(run.stderr.contains("cannot read `absent.ndjson`"))
    }
}
