import CSHA256

/// SHA-256 (FIPS 180-4), for the digests that reports record: the ruleset's
/// text and each dossier. Dependency-free (no CryptoKit on Linux).
///
/// On a CPU with SHA instructions (x86-64 SHA extensions) the blocks go
/// through the small C target `CSHA256`; elsewhere through `compress` below,
/// which is also the reference the tests check the hardware path against.
/// Be careful when changing `compress`: it is on the path of every dossier
/// in the JSON-like formats and is written for speed (no allocation, no
/// bounds checks in the rounds).
package struct SHA256: Sendable {
    /// Which compression function a digest uses.
    package enum Implementation: Sendable, CaseIterable {
        /// The CPU's SHA instructions (only where `hardwareAvailable`).
        case hardware
        /// Portable Swift.
        case portable
    }

    /// Whether this CPU has the SHA instructions the hardware path needs.
    package static let hardwareAvailable = tuanthu_sha256_hardware_available() != 0

    /// The implementation a digest gets by default: hardware where available.
    package static let preferred: Implementation = hardwareAvailable ? .hardware : .portable

    private let useHardware: Bool
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) =
        (0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19)
    /// Bytes of an incomplete block, waiting for more input.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// Starts a digest of no bytes, with the preferred implementation.
    package init() { useHardware = SHA256.hardwareAvailable }

    /// Starts a digest of no bytes with `implementation`; `.hardware` falls
    /// back to portable Swift on a CPU without SHA instructions.
    package init(implementation: Implementation) {
        useHardware = implementation == .hardware && SHA256.hardwareAvailable
    }

    /// The hex digest of `bytes`.
    package static func hex(_ bytes: [UInt8]) -> String {
        bytes.withUnsafeBufferPointer { hex($0) }
    }

    /// The hex digest of `input` in one pass, allocating nothing but the
    /// result (every dossier of a JSON-like report is digested): the whole
    /// blocks straight from `input`, the padded tail on the stack.
    package static func hex(_ input: UnsafeBufferPointer<UInt8>, implementation: Implementation = preferred) -> String {
        if implementation == .hardware && hardwareAvailable {
            var words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
            withUnsafeMutablePointer(to: &words) { w in
                w.withMemoryRebound(to: UInt32.self, capacity: 8) { tuanthu_sha256_digest_hardware(input.baseAddress, input.count, $0) }
            }
            return hexDigits(words)
        }
        var s = SHA256(implementation: implementation)
        let whole = input.count / 64
        if whole > 0 { s.compressBlocks(input.baseAddress!, count: whole) }
        let rest = input.count - whole * 64
        // At most two blocks: the rest (< 64 bytes), 0x80, zeros, the bit length.
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                   UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &tail) { t in
            let p = t.baseAddress!.assumingMemoryBound(to: UInt8.self)
            if rest > 0 { p.update(from: input.baseAddress! + whole * 64, count: rest) }
            p[rest] = 0x80
            let blocks = rest + 9 <= 64 ? 1 : 2
            let bitLength = UInt64(input.count) &* 8
            for i in 0..<8 { p[blocks * 64 - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8)) }
            s.compressBlocks(UnsafePointer(p), count: blocks)
        }
        return hexDigits(s.h)
    }

    /// The hex digests of two inputs, computed together: with the SHA
    /// instructions their rounds interleave on one core, about twice the
    /// throughput of one digest after the other (the instructions wait on
    /// each other's results; a second message fills the gaps). The same
    /// digests as `hex` of each, whatever the implementation.
    package static func hexPair(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>,
                                implementation: Implementation = preferred) -> (String, String) {
        guard implementation == .hardware && hardwareAvailable else {
            return (hex(a, implementation: implementation), hex(b, implementation: implementation))
        }
        var x: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0)
        var y = x
        withUnsafeMutablePointer(to: &x) { xp in
            withUnsafeMutablePointer(to: &y) { yp in
                xp.withMemoryRebound(to: UInt32.self, capacity: 8) { xw in
                    yp.withMemoryRebound(to: UInt32.self, capacity: 8) { yw in
                        tuanthu_sha256_digest_two_hardware(a.baseAddress, a.count, xw, b.baseAddress, b.count, yw)
                    }
                }
            }
        }
        return (hexDigits(x), hexDigits(y))
    }

    /// The hex digests of two byte arrays, computed together (`hexPair`).
    package static func hexPair(_ a: [UInt8], _ b: [UInt8], implementation: Implementation = preferred) -> (String, String) {
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in hexPair(a, b, implementation: implementation) } }
    }

    /// Eight state words as 64 lowercase hex digits.
    private static func hexDigits(_ state: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)) -> String {
        var state = state
        return withUnsafeBytes(of: &state) { raw in
            let words = raw.assumingMemoryBound(to: UInt32.self)
            return String(unsafeUninitializedCapacity: 64) { out in
                let digits: StaticString = "0123456789abcdef"
                let d = digits.utf8Start
                var k = 0
                for w in words {
                    var shift: UInt32 = 28
                    while true {
                        out[k] = d[Int((w &>> shift) & 0xF)]
                        k += 1
                        if shift == 0 { break }
                        shift -= 4
                    }
                }
                return 64
            }
        }
    }

    /// Feeds more bytes into the digest.
    package mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    /// Feeds more bytes into the digest.
    package mutating func update(_ input: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(input.count)
        var offset = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, input.count)
            pending.append(contentsOf: input[0..<take])
            offset = take
            if pending.count == 64 {
                pending.withUnsafeBufferPointer { compressBlocks($0.baseAddress!, count: 1) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        guard let base = input.baseAddress else { return }
        let blocks = (input.count - offset) / 64
        if blocks > 0 {
            compressBlocks(base + offset, count: blocks)
            offset += blocks * 64
        }
        if offset < input.count { pending.append(contentsOf: input[offset...]) }
    }

    /// Pads, finishes and returns the digest as 64 lowercase hex digits.
    package mutating func finalizeHex() -> String {
        let bitLength = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for i in (0..<8).reversed() { tail.append(UInt8(truncatingIfNeeded: bitLength >> (UInt64(i) * 8))) }
        tail.withUnsafeBufferPointer { t in compressBlocks(t.baseAddress!, count: t.count / 64) }
        return Self.hexDigits(h)
    }

    /// Runs the compression function over `count` consecutive 64-byte blocks.
    private mutating func compressBlocks(_ blocks: UnsafePointer<UInt8>, count: Int) {
        if useHardware {
            // `h` is a homogeneous tuple of eight UInt32: laid out as an array.
            withUnsafeMutablePointer(to: &h) { state in
                state.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                    tuanthu_sha256_compress_hardware(words, blocks, count)
                }
            }
            return
        }
        for k in 0..<count { compress(blocks + k &* 64) }
    }

    private mutating func compress(_ block: UnsafePointer<UInt8>) {
        // The 64-word schedule lives on the stack; the round constants are read
        // through a pointer, so the rounds have no bounds checks.
        var w: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var (a, b, c, d, e, f, g, hh) = h
        withUnsafeMutableBytes(of: &w) { raw in
            let w = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            let input = UnsafeRawPointer(block)
            for i in 0..<16 {
                w[i] = UInt32(bigEndian: input.loadUnaligned(fromByteOffset: i &* 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let x = w[i &- 15], y = w[i &- 2]
                let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                w[i] = w[i &- 16] &+ s0 &+ w[i &- 7] &+ s1
            }
            sha256K.withUnsafeBufferPointer { kb in
                let k = kb.baseAddress!
                // Eight rounds per pass, the roles of the working variables
                // rotated by argument order instead of by moves (measured:
                // the moves were a third of the rounds' instructions).
                var i = 0
                while i < 64 {
                    round(a, b, c, &d, e, f, g, &hh, k[i] &+ w[i])
                    round(hh, a, b, &c, d, e, f, &g, k[i &+ 1] &+ w[i &+ 1])
                    round(g, hh, a, &b, c, d, e, &f, k[i &+ 2] &+ w[i &+ 2])
                    round(f, g, hh, &a, b, c, d, &e, k[i &+ 3] &+ w[i &+ 3])
                    round(e, f, g, &hh, a, b, c, &d, k[i &+ 4] &+ w[i &+ 4])
                    round(d, e, f, &g, hh, a, b, &c, k[i &+ 5] &+ w[i &+ 5])
                    round(c, d, e, &f, g, hh, a, &b, k[i &+ 6] &+ w[i &+ 6])
                    round(b, c, d, &e, f, g, hh, &a, k[i &+ 7] &+ w[i &+ 7])
                    i &+= 8
                }
            }
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e, h.5 &+ f, h.6 &+ g, h.7 &+ hh)
    }
}

/// One round: `d` takes `d + t1` and `h` takes `t1 + t2`; the caller passes
/// the variables in their roles for this round.
@inline(__always)
private func round(_ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32,
                   _ e: UInt32, _ f: UInt32, _ g: UInt32, _ h: inout UInt32, _ kw: UInt32) {
    let s1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
    let ch = g ^ (e & (f ^ g))
    let t1 = h &+ s1 &+ ch &+ kw
    let s0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
    let maj = (a & b) | (c & (a | b))
    d = d &+ t1
    h = t1 &+ s0 &+ maj
}

// Masking shifts (`&>>`): Swift's `>>` checks the amount, which costs as much as the rotate.
@inline(__always) private func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x &>> n) | (x &<< (32 &- n)) }

private let sha256K: [UInt32] = [
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]
