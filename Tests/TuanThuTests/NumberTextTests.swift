@testable import Evaluator
import Testing

// A computed number in a message or evidence is written with at most 15
// significant digits (`formatNumber`). Most fractions take the shortest
// round-trip text (`shortestFixed`); the rest go through `%.15g`
// (`formatNumberGeneral`). Both must write every number alike.

@Suite("formatNumber: the shortest text agrees with %.15g")
struct NumberTextTests {
    @Test(arguments: [
        (0.1, "0.1"), (0.1 + 0.2, "0.3"), (1234.5, "1234.5"), (-0.75, "-0.75"), (0.0001, "0.0001"),
        (2.0 / 3.0, "0.666666666666667"), (123_456_789_012_345.6, "123456789012346"), (0.000015, "0.000015"),
        (1e15 + 0.5, "1000000000000000"), (5.0, "5"), (-1e20, "-100000000000000000000"),
    ])
    func writes(_ x: Double, _ expected: String) {
        #expect(formatNumber(x) == expected)
        #expect(formatNumberGeneral(x) == expected || x == x.rounded())
    }

    /// On many decimal-looking numbers and quotients, the fast path, where
    /// it applies, writes what `%.15g` writes.
    @Test func shortestAgreesWithPrintf() {
        var seed: UInt64 = 0x2545_F491_4F6C_DD1D
        func next() -> UInt64 {
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return seed
        }
        let tens: [Double] = [1, 10, 100, 1000, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e12, 1e15]
        var fast = 0
        for k in 0..<30_000 {
            let x: Double
            switch k % 3 {
            case 0: x = Double(Int64(next() % 2_000_000_000_000) - 1_000_000_000_000) / tens[Int(next() % 12)]
            case 1: x = Double(Int64(next() % 100_000) + 1) / Double(Int64(next() % 997) + 1)
            default: x = Double(bitPattern: 0x3F00_0000_0000_0000 + next() % 0x0600_0000_0000_0000)
            }
            guard x != x.rounded() else { continue }
            if let s = shortestFixed(x) {
                fast += 1
                #expect(s == formatNumberGeneral(x), "\(x)")
            }
            #expect(formatNumber(x) == formatNumberGeneral(x), "\(x)")
        }
        #expect(fast > 5_000)
    }
}
