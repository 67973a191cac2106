import Evaluator
import Foundation
import Testing

// `canonicallyEqual` compares strings on their UTF-8 bytes, rejecting at
// the first differing pair of ASCII bytes without normalizing. Swift's own
// `String ==` is canonical equivalence: the reference it must agree with.

@Suite("Strings: canonical equality on bytes")
struct CanonicalEqualityTests {
    static func equalOnBytes(_ a: String, _ b: String) -> Bool {
        Array(a.utf8).withUnsafeBufferPointer { x in Array(b.utf8).withUnsafeBufferPointer { y in canonicallyEqual(x, y) } }
    }

    static let pairs: [(String, String, Bool)] = [
        ("", "", true),
        ("factory", "factory", true),
        ("factory", "building", false),
        ("factory", "factor", false),
        ("a", "", false),
        ("medium", "medium_", false),
        ("abcdefghij", "abcdefghiz", false),  // past the first eight bytes
        ("Nhà", "Nha\u{300}", true),           // NFC against NFD
        ("e\u{301}", "é", true),               // differs at once, one side not ASCII
        ("ae\u{301}x", "aéx", true),
        ("ab", "ab\u{301}", false),            // a prefix, then a mark
        ("ab\u{301}", "ab\u{300}", false),
        ("Cần Thơ", "Ca\u{302}\u{300}n Tho\u{31B}", true),
        ("Cần Thơ", "Cần Thô", false),
        ("x\u{323}\u{302}", "x\u{302}\u{323}", true),  // marks reordered canonically
        ("\u{212B}", "\u{C5}", true),                 // singleton: ANGSTROM SIGN is Å in NFC
        ("\u{212B}", "A\u{30A}", true),
        ("10 \u{2126}", "10 \u{3A9}", true),            // OHM SIGN is Greek capital omega
        ("\u{1100}\u{1161}", "\u{AC00}", true),         // Hangul jamo compose
        ("x\u{20D7}\u{323}", "x\u{323}\u{20D7}", true),  // marks outside U+0300–U+036F reorder too
        ("x\u{20D7}\u{301}", "x\u{301}\u{20D7}", false), // two marks of one class keep their order
        ("Cần Thơ – 2025", "Cần Thơ – 2025", true),       // a dash stays on the byte path
        ("\u{2000}", "\u{2002}", true),                 // EN QUAD is EN SPACE in NFC
    ]

    @Test(arguments: pairs.indices) func knownPairs(_ k: Int) {
        let (a, b, expected) = Self.pairs[k]
        #expect(Self.equalOnBytes(a, b) == expected, "\(a.debugDescription) vs \(b.debugDescription)")
        #expect(Self.equalOnBytes(b, a) == expected)
        #expect((a == b) == expected, "the reference disagrees with the table")
    }

    /// Random texts over ASCII letters, precomposed Vietnamese letters and
    /// combining marks agree with `String ==` both ways.
    @Test func agreesWithCanonicalEquivalence() {
        let pieces = ["a", "e", "o", "A", "é", "ầ", "ơ", "ệ", "\u{300}", "\u{301}", "\u{302}", "\u{323}", "\u{31B}", " ", "_",
                      "\u{212B}", "\u{C5}", "\u{30A}", "\u{2126}", "\u{3A9}", "\u{20D7}", "–"]
        var rng = SplitMix64(seed: 17)
        for _ in 0..<4_000 {
            let a = (0..<Int(rng.next() % 5)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            var b = a
            if rng.next() % 3 != 0 {
                b = (0..<Int(rng.next() % 5)).map { _ in pieces[Int(rng.next() % UInt64(pieces.count))] }.joined()
            } else if rng.next() % 2 == 0 {
                b = a.decomposedStringWithCanonicalMapping
            }
            #expect(Self.equalOnBytes(a, b) == (a == b), "\(a.debugDescription) vs \(b.debugDescription)")
        }
    }
}
