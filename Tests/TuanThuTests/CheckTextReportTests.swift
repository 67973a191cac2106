import Foundation
import JSON
import Run
import Testing
import TuanThu

@Suite("check: text report details")
struct CheckTextReportTests {
    @Test(arguments: [("{\"a\": 1}", "  1 applicable rule, no findings."), ("{\"a\": 1, \"b\": 1}", "  2 applicable rules, no findings."), ("{\"n\": 1}", "  0 applicable rules, no findings.")])
    func aCleanDossierCountsItsApplicableRules(_ json: String, _ line: String) throws {
        let program = try loadProgram("rule A {\n when exists(a)\n require a > 0\n}\nrule B {\n when exists(b)\n require b > 0\n}")
        let inputs = ndjsonRecords(Array(json.utf8)).map { DossierInput.record($0, streamName: "s.ndjson") }
        let out = runBatch(program, inputs, format: .text, jobs: 1, lang: "en").output
        #expect(out.components(separatedBy: "\n").dropFirst().first == line)
    }

    @Test func anNDJSONRecordIsLocatedOnItsLineOfTheStream() throws {
        let program = try loadProgram("rule A { require a > 0 }")
        let inputs = ndjsonRecords(Array("{\"a\": 1}\n{\"a\": 0}\n".utf8)).map { DossierInput.record($0, streamName: "<stdin>") }
        let out = runBatch(program, inputs, format: .text, jobs: 1, lang: "en").output
        #expect(out.contains(" --> <stdin>:2:7\n"))
        #expect(out.contains("2 | {\"a\": 0}\n"))
    }
}
