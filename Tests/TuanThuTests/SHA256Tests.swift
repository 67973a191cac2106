import Digest
import Testing

// SHA-256 against known digests (FIPS 180-4 examples and Python's hashlib),
// at the lengths where padding changes: 55, 56, 63, 64, 65 bytes.

private let vectors: [(String, String)] = [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
    (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
    (String(repeating: "a", count: 63), "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
    (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    (String(repeating: "a", count: 65), "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
    (String(repeating: "a", count: 119), "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
    (String(repeating: "a", count: 1000), "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"),
    ("Cần Thơ — tuân thủ", "e81a4f9a87698e24ca20e260ccdc380f787e9ee5d38624c95d7f862bd6508c39"),
    // FIPS 180-2 appendix B.3's 896-bit message, and B.3's one million `a`.
    ("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
     "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"),
    (String(repeating: "a", count: 1_000_000), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"),
]

@Test(arguments: vectors.indices)
func knownDigests(_ k: Int) {
    let (text, digest) = vectors[k]
    #expect(SHA256.hex(Array(text.utf8)) == digest, "length \(text.utf8.count)")
}

@Test(arguments: [1, 3, 63, 64, 65, 200])
func feedingInPiecesGivesTheSameDigest(_ piece: Int) {
    let bytes = Array(String(repeating: "a", count: 1000).utf8)
    var h = SHA256()
    var i = 0
    while i < bytes.count {
        h.update(Array(bytes[i..<min(i + piece, bytes.count)]))
        i += piece
    }
    #expect(h.finalizeHex() == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
}

// The hardware path (SHA instructions, C) against the portable Swift one, on
// random lengths and bytes; both against the known digests above.

@Test(arguments: SHA256.Implementation.allCases)
func everyImplementationGivesTheKnownDigests(_ implementation: SHA256.Implementation) {
    for (text, digest) in vectors {
        var h = SHA256(implementation: implementation)
        h.update(Array(text.utf8))
        #expect(h.finalizeHex() == digest, "\(implementation), length \(text.utf8.count)")
    }
}

@Test func hardwareAndPortablePathsAgreeOnRandomInputs() {
    var rng = SplitMix64(seed: 0x5AA5_2026)
    for _ in 0..<400 {
        let length = Int(rng.next() % 2_000)
        let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        var hardware = SHA256(implementation: .hardware)
        var portable = SHA256(implementation: .portable)
        // Feed the same bytes in different pieces to each, so block
        // boundaries fall in different places.
        let cut = length == 0 ? 0 : Int(rng.next() % UInt64(length))
        hardware.update(Array(bytes[..<cut]))
        hardware.update(Array(bytes[cut...]))
        portable.update(bytes)
        #expect(hardware.finalizeHex() == portable.finalizeHex(), "length \(length), cut \(cut)")
    }
}

@Test func theHardwarePathIsTakenWhereTheCPUHasIt() {
    // On x86-64 with SHA extensions (this project's CI machines), the
    // preferred implementation must be the hardware one.
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
    let hasSHA = flags.split(separator: " ").contains("sha_ni")
    #if arch(x86_64)
    #expect(SHA256.hardwareAvailable == hasSHA)
    #expect(SHA256.preferred == (hasSHA ? .hardware : .portable))
    #else
    #expect(!SHA256.hardwareAvailable)
    #endif
}

// Two digests at once (`hexPair`: with the SHA instructions, two messages'
// rounds interleaved in one loop): every pair of known digests, both
// orders, so each length is the shorter and the longer of a pair; then
// random pairs against the portable path, one at a time.

@Test(arguments: SHA256.Implementation.allCases)
func everyPairOfKnownDigestsComesOutOfOnePairedRun(_ implementation: SHA256.Implementation) {
    let inputs = vectors.map { Array($0.0.utf8) }
    // The million bytes only with the shortest (the portable path is slow in a debug build).
    let short = vectors.indices.filter { inputs[$0].count < 2_000 }
    let pairs = short.flatMap { i in short.map { (i, $0) } } + vectors.indices.filter { !short.contains($0) }.flatMap { i in [(i, 0), (0, i), (i, i)] }
    for (i, j) in pairs {
        do {
            let (a, b) = SHA256.hexPair(inputs[i], inputs[j], implementation: implementation)
            #expect(a == vectors[i].1, "\(implementation): first of (\(inputs[i].count), \(inputs[j].count)) bytes")
            #expect(b == vectors[j].1, "\(implementation): second of (\(inputs[i].count), \(inputs[j].count)) bytes")
        }
    }
}

@Test func pairedDigestsAgreeWithThePortablePathOnRandomPairs() {
    var rng = SplitMix64(seed: 0x2026_1206)
    func random(_ length: Int) -> [UInt8] { (0..<length).map { _ in UInt8(truncatingIfNeeded: rng.next()) } }
    // Short pairs cover every padding case on either side (0..300 bytes:
    // one to six blocks, the tail one or two); a few large ones run many
    // blocks on both lanes before the longer one finishes alone.
    var lengths: [(Int, Int)] = (0..<600).map { _ in (Int(rng.next() % 301), Int(rng.next() % 301)) }
    lengths += [(0, 0), (55, 56), (56, 55), (64, 64), (119, 120), (100_000, 99_937), (65_536, 3), (7, 250_001), (1 << 20, 1 << 20)]
    for (m, n) in lengths {
        let a = random(m), b = random(n)
        let (x, y) = SHA256.hexPair(a, b)
        let px = a.withUnsafeBufferPointer { SHA256.hex($0, implementation: .portable) }
        let py = b.withUnsafeBufferPointer { SHA256.hex($0, implementation: .portable) }
        #expect(x == px, "first of (\(m), \(n)) bytes")
        #expect(y == py, "second of (\(m), \(n)) bytes")
    }
}

@Test func aPairOfOneBufferTwiceGivesItsDigestTwice() {
    // The two lanes may read the same bytes (a dossier sent twice).
    let bytes = Array(String(repeating: "tuân thủ ", count: 700).utf8)
    let one = SHA256.hex(bytes)
    #expect(SHA256.hexPair(bytes, bytes) == (one, one))
}
