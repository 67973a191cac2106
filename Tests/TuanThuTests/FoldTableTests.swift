@testable import Evaluator
import Foundation
import Testing

// `mentions` folds Latin letters with diacritics to their ASCII base
// through a table written out in the source (`latinFoldTable`). It must be
// what Foundation's canonical decompositions give.

@Suite("mentions: the written-out fold table matches the decompositions")
struct FoldTableTests {
    @Test func tableMatchesFoundation() {
        var expected = [UInt8](repeating: 0, count: 0x190 + 0x100)
        func fill(_ range: ClosedRange<UInt32>, _ offset: Int) {
            for v in range {
                guard let scalar = Unicode.Scalar(v) else { continue }
                let d = String(Character(scalar)).decomposedStringWithCanonicalMapping.lowercased()
                if let first = d.unicodeScalars.first, first.value < 0x80,
                   d.unicodeScalars.dropFirst().allSatisfy({ $0.value >= 0x300 && $0.value <= 0x36F }) {
                    expected[Int(v - range.lowerBound) + offset] = UInt8(first.value)
                }
            }
        }
        fill(0xC0...0x24F, 0)
        fill(0x1E00...0x1EFF, 0x190)
        #expect(latinFoldTable.count == expected.count)
        for (k, (got, want)) in zip(latinFoldTable, expected).enumerated() {
            #expect(got == want, "entry \(k)")
        }
    }

    @Test(arguments: [("Xâm nhập MẶN", "xam nhap man"), ("Đê bao", "de bao"), ("Ǹ Ḁ ỹ", "n a y")])
    func folds(_ text: String, _ folded: String) {
        var t = text
        let out = t.withUTF8 { foldForMentions($0) }
        #expect(String(decoding: out, as: UTF8.self) == folded)
    }
}
