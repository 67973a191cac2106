import CJSONScan
import Diagnostics
@testable import JSON
import Testing

// The string scan checks UTF-8 16 bytes at a time (the C target CJSONScan)
// and leaves anything unusual to the exact byte-by-byte check: every kind
// of bad sequence, at every offset within a block and across the 16- and
// 32-byte block edges, before and after a multi-byte letter, in a value and
// in a key, must give the error and offset of the plain algorithm.

/// Offset of the first byte of the first bad UTF-8 sequence in `bytes`, or
/// nil: the UTF-8 table of RFC 3629 (Unicode 3-7), byte by byte.
private func firstBadSequence(_ bytes: [UInt8]) -> Int? {
    var i = 0
    func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool { k < bytes.count && range.contains(bytes[k]) }
    while i < bytes.count {
        let b = bytes[i]
        let length: Int
        switch b {
        case 0x00...0x7F: length = 1
        case 0xC2...0xDF: length = continuation(i + 1) ? 2 : 0
        case 0xE0: length = continuation(i + 1, 0xA0...0xBF) && continuation(i + 2) ? 3 : 0
        case 0xED: length = continuation(i + 1, 0x80...0x9F) && continuation(i + 2) ? 3 : 0
        case 0xE1...0xEF: length = continuation(i + 1) && continuation(i + 2) ? 3 : 0
        case 0xF0: length = continuation(i + 1, 0x90...0xBF) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        case 0xF4: length = continuation(i + 1, 0x80...0x8F) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        case 0xF1...0xF3: length = continuation(i + 1) && continuation(i + 2) && continuation(i + 3) ? 4 : 0
        default: length = 0
        }
        if length == 0 { return i }
        i += length
    }
    return nil
}

@Suite("JSON UTF-8 check")
struct JSONUTF8Tests {
    /// (name, bytes): one of each kind of bad sequence; each is bad at its first byte.
    static let badSequences: [(String, [UInt8])] = [
        ("lone continuation 80", [0x80]),
        ("lone continuation BF", [0xBF]),
        ("overlong lead C0", [0xC0, 0x80]),
        ("overlong lead C1", [0xC1, 0xBF]),
        ("two-byte lead, then ASCII", [0xC3, 0x61]),
        ("two-byte lead, then a lead", [0xC3, 0xC3, 0xA9]),
        ("three-byte lead, then ASCII", [0xE1, 0x61]),
        ("three-byte lead, one continuation, then ASCII", [0xE1, 0xBB, 0x61]),
        ("three-byte lead, then a two-byte letter", [0xE1, 0xC3, 0xA9]),
        ("E0 overlong", [0xE0, 0x80, 0x80]),
        ("E0 overlong, last", [0xE0, 0x9F, 0xBF]),
        ("ED surrogate", [0xED, 0xA0, 0x80]),
        ("ED surrogate, last", [0xED, 0xBF, 0xBF]),
        ("F0 overlong", [0xF0, 0x8F, 0xBF, 0xBF]),
        ("F4 above U+10FFFF", [0xF4, 0x90, 0x80, 0x80]),
        ("four-byte lead cut short", [0xF0, 0x9F, 0x98, 0x61]),
        ("F5", [0xF5, 0x80, 0x80, 0x80]),
        ("F8", [0xF8, 0x80, 0x80, 0x80, 0x80]),
        ("FE", [0xFE]),
        ("FF", [0xFF]),
    ]

    /// Valid sequences at the edges of the table, which the word check leaves to the exact one.
    static let edgeLetters: [[UInt8]] = [
        [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80], [0xEF, 0xBF, 0xBF],
        [0xF0, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
    ]

    /// Text before the bad sequence: ASCII, or ending with a multi-byte
    /// letter; every length up to past the first block edge, and the
    /// lengths around the second.
    static let prefixes: [[UInt8]] = (Array(0..<19) + Array(28..<35)).flatMap { n -> [[UInt8]] in
        let ascii = Array(String(repeating: "a", count: n).utf8)
        // `n` bytes that end with `ệ` (three bytes) or `ă` (two bytes).
        let letter3 = n >= 3 ? Array(String(repeating: "b", count: n - 3).utf8) + Array("ệ".utf8) : nil
        let letter2 = n >= 2 ? Array(String(repeating: "c", count: n - 2).utf8) + Array("ă".utf8) : nil
        return [ascii] + [letter3, letter2].compactMap { $0 }
    }

    /// Text after it: none (the bad sequence is the last byte before the
    /// quote), ASCII, Vietnamese, and an escape.
    static let suffixes: [[UInt8]] = [[], Array("x".utf8), Array("ệ abc định".utf8), Array("tỉnh Cần Thơ và các xã phường".utf8), Array("\\n".utf8)]

    /// Wraps string content as an array element or as an object key.
    static func documents(_ content: [UInt8]) -> [(bytes: [UInt8], contentStart: Int)] {
        [(Array("[\"".utf8) + content + Array("\"]".utf8), 2),
         (Array("{\"".utf8) + content + Array("\": 1}".utf8), 2),
         (Array("{\"k\": [1, \"".utf8) + content + Array("\"]}".utf8), 11)]
    }

    @Test(arguments: badSequences)
    func everyBadSequenceIsReportedAtItsFirstByte(_ c: (String, [UInt8])) throws {
        for prefix in Self.prefixes {
            for suffix in Self.suffixes {
                for (bytes, contentStart) in Self.documents(prefix + c.1 + suffix) {
                    let e = try #require(parseError(bytes), "\(c.0) after \(prefix.count) bytes accepted")
                    #expect(e.code.rawValue == "E3002", "\(c.0): \(e.message)")
                    #expect(Int(e.offset) == contentStart + prefix.count, "\(c.0) after \(prefix), then \(suffix)")
                    #expect(e.reason == .invalidUTF8)
                }
            }
        }
    }

    /// A bad sequence as the very last bytes of the input (no closing quote).
    @Test(arguments: badSequences)
    func aBadSequenceAtTheEndOfTheInput(_ c: (String, [UInt8])) throws {
        for prefix in Self.prefixes {
            let e = try #require(parseError(Array("[\"".utf8) + prefix + c.1))
            #expect(e.code.rawValue == "E3002" && Int(e.offset) == 2 + prefix.count, "\(c.0) after \(prefix): \(e.message) at \(e.offset)")
        }
    }

    @Test(arguments: edgeLetters)
    func edgeLettersAreAccepted(_ letter: [UInt8]) throws {
        for prefix in Self.prefixes {
            for suffix in Self.suffixes.dropLast() {
                let content = prefix + letter + suffix
                for (bytes, contentStart) in Self.documents(content) {
                    let doc = try JSONParser.parse(bytes)
                    let node = contentStart == 11 ? 4 : 1
                    #expect(doc.string(node) == String(decoding: content, as: UTF8.self))
                    #expect(Int(doc[node].start) == contentStart - 1)
                }
            }
        }
    }

    /// Random strings of interesting bytes: the parser accepts exactly what
    /// the table accepts, and reports the first bad sequence where it starts.
    @Test func randomStringsAgreeWithTheTable() throws {
        let alphabet: [UInt8] = [0x61, 0x20, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBB, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF3, 0xF4, 0xF5, 0xFF]
        let letters: [[UInt8]] = ["ệ", "ă", "Đ", "ư", "ờ", "a", "n", "\u{1F600}"].map { Array($0.utf8) }
        var rng = SplitMix64(seed: 17)
        var accepted = 0
        for _ in 0..<20_000 {
            var content: [UInt8] = []
            for _ in 0..<rng.next(below: 40) {
                // Mostly valid letters, so that the bad byte comes after some text.
                if rng.next(below: 8) == 0 {
                    content.append(alphabet[rng.next(below: alphabet.count)])
                } else {
                    content += letters[rng.next(below: letters.count)]
                }
            }
            let bytes = Array("[\"".utf8) + content + Array("\"]".utf8)
            if let bad = firstBadSequence(content) {
                let e = try #require(parseError(bytes), "accepted \(content)")
                #expect(e.code.rawValue == "E3002" && Int(e.offset) == 2 + bad, "\(content): \(e.message) at \(e.offset), expected \(2 + bad)")
            } else {
                let doc = try JSONParser.parse(bytes)
                #expect(doc.string(1) == String(decoding: content, as: UTF8.self))
                accepted += 1
            }
        }
        // Both outcomes are exercised.
        #expect(accepted > 1000 && accepted < 19_000)
    }

    /// Every scan path this CPU has: 0 portable, 1 SSSE3, 2 AVX2.
    static let scanLevels = Array(0...Int(tuanthu_json_scan_level()))

    /// Each scan path against the portable one and the table, on random
    /// content of quotes, backslashes, control bytes, ASCII, letters and bad
    /// bytes, of every length across the 16- and 32-byte blocks: the same
    /// stop, the same "has non-ASCII", and "check again" exactly when the
    /// bytes before the stop are not UTF-8 (the portable path always asks).
    @Test(arguments: scanLevels)
    func vectorScanAgreesWithThePortableScanAndTheTable(_ level: Int) {
        let alphabet: [UInt8] = [0x00, 0x1F, 0x20, 0x22, 0x5C, 0x61, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xDF, 0xE0, 0xE1, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF]
        let letters: [[UInt8]] = ["ệ", "ă", "Đ", "ư", "ờ", "a", "n", " ", "\u{1F600}", "\u{10FFFF}", "\u{D7FF}", "\u{E000}"].map { Array($0.utf8) }
        var rng = SplitMix64(seed: 33)
        var checked = 0, stopped = 0
        for round in 0..<30_000 {
            var content: [UInt8] = Array(repeating: 0x61, count: rng.next(below: 40))
            let pieces = rng.next(below: 30)
            for _ in 0..<pieces {
                // Rare odd bytes, so that many strings run long before they stop.
                if rng.next(below: round % 2 == 0 ? 6 : 40) == 0 {
                    content.append(alphabet[rng.next(below: alphabet.count)])
                } else {
                    content += letters[rng.next(below: letters.count)]
                }
            }
            let scan = content.withUnsafeBufferPointer { tuanthu_json_scan_string_at_level($0.baseAddress!, $0.count, Int32(level)) }
            let portable = content.withUnsafeBufferPointer { tuanthu_json_scan_string_portable($0.baseAddress!, $0.count) }
            let stop = content.firstIndex { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } ?? content.count
            let before = Array(content[..<stop])
            let high = before.contains { $0 >= 0x80 }
            #expect(Int(UInt32(truncatingIfNeeded: scan)) == stop, "\(content)")
            #expect(Int(UInt32(truncatingIfNeeded: portable)) == stop, "\(content)")
            #expect((scan & TUANTHU_JSON_SCAN_HIGH != 0) == high && (portable & TUANTHU_JSON_SCAN_HIGH != 0) == high, "\(content)")
            #expect((portable & TUANTHU_JSON_SCAN_CHECK != 0) == high)
            if level > 0 {
                #expect((scan & TUANTHU_JSON_SCAN_CHECK != 0) == (firstBadSequence(before) != nil), "\(before)")
            } else {
                #expect((scan & TUANTHU_JSON_SCAN_CHECK != 0) == high)
            }
            if firstBadSequence(before) != nil { checked += 1 }
            if stop < content.count { stopped += 1 }
        }
        // Every outcome is exercised: bad and good content, stopped and unterminated.
        #expect(checked > 1000 && checked < 29_000 && stopped > 1000 && stopped < 29_000)
    }

    /// Each vector path on long valid text with one bad byte at each
    /// position, and with each bad sequence at each position: "check
    /// again" exactly when the table finds a bad sequence.
    @Test(arguments: scanLevels.filter { $0 > 0 })
    func vectorScanFindsABadSequenceAnywhereInLongText(_ level: Int) {
        let text = Array("Hồ sơ đã được Phòng Kinh tế, Hạ tầng và Đô thị góp ý, chỉnh sửa theo ý kiến thẩm định.".utf8)
        func needsCheck(_ bytes: [UInt8]) -> Bool {
            bytes.withUnsafeBufferPointer { tuanthu_json_scan_string_at_level($0.baseAddress!, $0.count, Int32(level)) } & TUANTHU_JSON_SCAN_CHECK != 0
        }
        #expect(!needsCheck(text) && !needsCheck(text + [0x22]))
        for k in 0..<text.count {
            for (_, bad) in Self.badSequences {
                let content = Array(text[..<k]) + bad + Array(text[k...])
                #expect(needsCheck(content) == (firstBadSequence(content) != nil), "\(bad) at \(k)")
                #expect(needsCheck(content + [0x22]) == (firstBadSequence(content) != nil), "\(bad) at \(k), then a quote")
            }
            // A letter cut short by the closing quote.
            #expect(needsCheck(Array(text[..<k]) + [0xE1, 0xBB, 0x22]), "cut at \(k)")
        }
    }

    /// Long valid text (many blocks) with one bad byte at each position: the
    /// scan reports the sequence it breaks wherever it falls in its block.
    @Test func oneBadByteAtEveryPositionOfLongText() throws {
        let text = Array("Hồ sơ đã được Phòng Kinh tế, Hạ tầng và Đô thị góp ý, chỉnh sửa theo ý kiến thẩm định.".utf8)
        #expect(try JSONParser.parse(Array("[\"".utf8) + text + Array("\"]".utf8)).string(1) == String(decoding: text, as: UTF8.self))
        for k in 0..<text.count {
            var bad = text
            bad[k] = 0xFF
            let at = try #require(firstBadSequence(bad))
            #expect(at <= k)
            let e = try #require(parseError(Array("[\"".utf8) + bad + Array("\"]".utf8)))
            #expect(e.reason == .invalidUTF8 && Int(e.offset) == 2 + at, "0xFF at \(k): \(e.message) at \(e.offset)")
        }
    }
}
