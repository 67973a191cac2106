import Corpus
import Foundation
@testable import JSON
import Testing
@testable import TuanThu

// The synthetic corpus that `tuanthu bench` and later tests use: valid JSON,
// deterministic, about the size asked for, dossier-shaped.

@Suite("Synthetic corpus")
struct JSONCorpusTests {
    @Test func dossiersAreValidJSONOfAboutTheSizeAsked() throws {
        for seed in UInt64(1)...60 {
            let bytes = Corpus.dossier(seed: seed, approximateBytes: 10_000)
            #expect(bytes.count >= 10_000 && bytes.count < 11_500, "seed \(seed): \(bytes.count) bytes")
            let doc = try JSONParser.parse(bytes)
            expectWellFormed(doc)
            // A duplicate key is one of the defects planted in some dossiers; never more than one.
            #expect(doc.duplicateKeys.count <= 1)
            #expect(doc.node(atPointer: "/plan/items/0/criteria/environment") != nil)
            #expect(try JSONSerialization.jsonObject(with: Data(bytes)) is NSDictionary)
        }
    }

    @Test func sameSeedSameBytes() {
        try? Data(Corpus.dossier(seed: 5, approximateBytes: 10_000)).write(to: URL(fileURLWithPath: "/tmp/jw/d5.json"))
        #expect(Corpus.dossier(seed: 7, approximateBytes: 4000) == Corpus.dossier(seed: 7, approximateBytes: 4000))
        #expect(Corpus.dossier(seed: 7, approximateBytes: 4000) != Corpus.dossier(seed: 8, approximateBytes: 4000))
    }

    @Test func smallAndLargeSizes() throws {
        for size in [0, 100, 50_000] {
            let bytes = Corpus.dossier(seed: 3, approximateBytes: size)
            #expect(bytes.count >= size)
            _ = try JSONParser.parse(bytes)
        }
    }

    @Test func aboutOneInThreeHasADefect() throws {
        // Which defects, and that they are the only findings: CorpusRealismTests.
        var defective = 0
        let count = 300
        for seed in 1...UInt64(count) {
            let d = Corpus.annotatedDossier(seed: seed, approximateBytes: 3000)
            _ = try JSONParser.parse(d.bytes)
            if !d.defects.isEmpty { defective += 1 }
        }
        #expect(defective > count / 5 && defective < count * 2 / 5, "\(defective) of \(count)")
    }

    @Test func textIsVietnameseWithEscapes() {
        let all = (1...40).map { Corpus.dossier(seed: $0, approximateBytes: 5000) }
        let text = String(decoding: all.joined(), as: UTF8.self)
        #expect(text.contains("Cần Thơ"))
        #expect(text.contains("\\\"trọng điểm\\\""))
        #expect(text.contains("\\n"))
    }
}
