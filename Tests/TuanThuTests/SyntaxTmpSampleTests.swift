import Foundation
import Testing
@testable import Syntax
import TuanThu

@Test func tmpSample() throws {
    let original = try [UInt8](Data(contentsOf: fixturesURL.appendingPathComponent("rules/example.rules")))
    var m = Mutator(seed: 99, original: original)
    var out = ""
    var counts: [Int: Int] = [:]
    for k in 0..<400 {
        let v = m.mutate(original)
        let p = parse(bytes: v, path: "m\(k).rules")
        counts[p.diagnostics.count, default: 0] += 1
        if k < 60 || p.diagnostics.count >= 3 {
            out += "######## variant \(k)\n" + DiagnosticRenderer().render(p.diagnostics, files: p.files)
        }
    }
    try out.write(toFile: "/tmp/syn/sample.txt", atomically: true, encoding: .utf8)
    print("COUNTS", counts.sorted { $0.key < $1.key })
}
