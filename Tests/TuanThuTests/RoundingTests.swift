import Evaluator
import Foundation
import Testing

// `round(x, places)` rounds the decimal number a person reads, halves away
// from zero. Most calls take the double arithmetic (`roundHalfAwayExactly`);
// a value whose scaled fraction is near one half takes `Decimal`. Both must
// give the same, correctly rounded double.

@Suite("round: halves away from zero, exactly")
struct RoundingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var x: Double
        var places: Int
        var expected: Double
        /// Whether the double arithmetic may decide it (false: too near a half).
        var fast: Bool
        var testDescription: String { "round(\(x), \(places)) = \(expected)" }
    }

    static let cases: [Case] = [
        // On .5 boundaries: the decimal number is a half; the double may sit on either side of it.
        Case(x: 2.5, places: 0, expected: 3, fast: false),
        Case(x: -2.5, places: 0, expected: -3, fast: false),
        Case(x: 0.5, places: 0, expected: 1, fast: false),
        Case(x: -0.5, places: 0, expected: -1, fast: false),
        Case(x: 1.005, places: 2, expected: 1.01, fast: false),
        Case(x: 2.675, places: 2, expected: 2.68, fast: false),
        Case(x: -0.005, places: 2, expected: -0.01, fast: false),
        Case(x: 0.125, places: 2, expected: 0.13, fast: false),
        Case(x: 1.45, places: 1, expected: 1.5, fast: false),
        Case(x: 8.345, places: 2, expected: 8.35, fast: false),
        Case(x: -8.345, places: 2, expected: -8.35, fast: false),
        Case(x: 123456789.125, places: 2, expected: 123456789.13, fast: false),
        Case(x: 0.0000005, places: 6, expected: 0.000001, fast: false),
        // Just beside a half: the next doubles are other decimal numbers, rounded as they read.
        Case(x: 2.5.nextUp, places: 0, expected: 3, fast: false),
        Case(x: 2.5.nextDown, places: 0, expected: 2, fast: false),
        // Away from a half: the double arithmetic, correctly rounded.
        Case(x: 0.8962877, places: 3, expected: 0.896, fast: true),
        Case(x: 1237.88981, places: 4, expected: 1237.8898, fast: true),
        Case(x: -49.9947684, places: 6, expected: -49.994768, fast: true),
        Case(x: 2.4, places: 0, expected: 2, fast: true),
        Case(x: 2.6, places: 0, expected: 3, fast: true),
        Case(x: -0.3, places: 0, expected: 0, fast: true),
        Case(x: 0.1 + 0.2, places: 2, expected: 0.3, fast: true),
        Case(x: 3.14159, places: 10, expected: 3.14159, fast: true),
        // At 15 places the scaled number's unit in the last place is 0.5: too coarse to decide, so `Decimal` does.
        Case(x: 3.14159, places: 15, expected: 3.14159, fast: false),
    ]

    @Test(arguments: cases)
    func rounds(_ c: Case) {
        let v = roundHalfAway(c.x, c.places)
        #expect(v == c.expected)
        // -0.3 to 0 places is 0, never -0 (it would print as -0).
        #expect(v.sign == c.expected.sign || v == 0 && c.expected == 0 && v.sign == .plus)
        let fast = roundHalfAwayExactly(c.x, c.places)
        #expect((fast != nil) == c.fast)
        if let fast { #expect(fast.bitPattern == v.bitPattern) }
    }

    /// The double arithmetic agrees with `Decimal` (the number's shortest
    /// text, rounded, read back) on many decimal-looking numbers.
    @Test func agreesWithDecimal() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return seed
        }
        let tens: [Double] = [1, 10, 100, 1000, 10_000, 100_000, 1e6, 1e7, 1e8]
        var checked = 0
        for _ in 0..<20_000 {
            let m = Double(Int64(next() % 200_000_000) - 100_000_000)
            let x = m / tens[Int(next() % 9)]
            let places = Int(next() % 7)
            guard let fast = roundHalfAwayExactly(x, places) else { continue }
            var d = Decimal(string: "\(x)")!
            var r = Decimal()
            NSDecimalRound(&r, &d, places, .plain)
            let expected = Double("\(r)")!
            #expect(fast.bitPattern == (expected == 0 ? 0 : expected).bitPattern, "round(\(x), \(places))")
            checked += 1
        }
        #expect(checked > 10_000)
    }
}
