import Foundation

// Text comparison as Rules/README.md section 4 wants it: canonical equivalence
// (NFC and NFD forms of the same Vietnamese text are equal), and `mentions`
// folding case, diacritics, `đ` and whitespace.

/// Could these UTF-8 bytes differ from a canonically equivalent text?
/// False only when the text is certainly its own NFC form and nothing in it
/// combines or reorders (`isCertainlyNFC`); then bytes compare as they are.
/// Combining marks anywhere, and singletons such as U+212B ANGSTROM SIGN
/// (whose NFC is U+00C5), take the NFC path.
@inline(__always)
func mayNeedNormalization(_ b: UnsafeBufferPointer<UInt8>) -> Bool { !isCertainlyNFC(b) }

/// Is this UTF-8 text certainly its own NFC form? True when every scalar is
/// below U+0300, in U+1E80–U+1EFF (the Vietnamese precomposed letters) or in
/// U+2002–U+203F (spaces, dashes, quotes): none of them changes under NFC
/// nor combines with what precedes it. Anything else may change (a
/// combining mark, a singleton like U+212B, a Hangul jamo), so it is
/// normalized before comparing or hashing. ASCII is skipped eight bytes at
/// a time.
package func isCertainlyNFC(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let p = b.baseAddress else { return true }
    let n = b.count
    var i = 0
    while i < n {
        if i + 8 <= n && UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
            i += 8
            continue
        }
        let c = p[i]
        if c < 0x80 { i += 1; continue }
        if c >= 0xC2 && c <= 0xCB { i += 2; continue }  // U+0080–U+02FF
        if c == 0xE1, i + 2 < n, p[i + 1] == 0xBA || p[i + 1] == 0xBB { i += 3; continue }  // U+1E80–U+1EFF
        if c == 0xE2, i + 2 < n, p[i + 1] == 0x80, p[i + 2] >= 0x82 { i += 3; continue }  // U+2002–U+203F
        return false
    }
    return true
}

/// NFC form of UTF-8 bytes.
func nfc(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    Array(String(decoding: b, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
}

/// Are two UTF-8 strings canonically equivalent?
///
/// Most comparisons are of different texts (an enum value against each
/// allowed value): where the bytes first differ, if both are ASCII the
/// answer is no without looking further. An ASCII character is a starter
/// that decomposes to itself, so the canonical decompositions of both
/// texts hold those two different characters at one position (the equal
/// bytes before it end on a character boundary, and reordering of marks
/// never crosses a starter).
@inline(__always)
package func canonicallyEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = Swift.min(a.count, b.count)
    var i = 0
    if n > 0 {
        let pa = a.baseAddress!, pb = b.baseAddress!
        while i + 8 <= n && UnsafeRawPointer(pa + i).loadUnaligned(as: UInt64.self) == UnsafeRawPointer(pb + i).loadUnaligned(as: UInt64.self) { i += 8 }
        while i < n && pa[i] == pb[i] { i += 1 }
        if i < n && pa[i] < 0x80 && pb[i] < 0x80 { return false }
    }
    if i == n && a.count == b.count { return true }
    guard mayNeedNormalization(a) || mayNeedNormalization(b) else { return false }
    return nfc(a) == nfc(b)
}

/// Orders two strings by the Unicode scalars of their NFC forms (UTF-8 byte
/// order is scalar order).
func canonicalCompare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
    if mayNeedNormalization(a) || mayNeedNormalization(b) {
        let x = nfc(a), y = nfc(b)
        return x.lexicographicallyPrecedes(y) ? -1 : (x == y ? 0 : 1)
    }
    let n = min(a.count, b.count)
    if n > 0 {
        let c = memcmp(a.baseAddress!, b.baseAddress!, n)
        if c != 0 { return c < 0 ? -1 : 1 }
    }
    return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
}

/// Folds text for `mentions`: case, diacritics (precomposed or combining),
/// `đ`→`d`, whitespace runs collapsed to one space, trimmed. Canonically
/// equivalent texts fold alike: NFC and NFD, and singletons such as
/// U+212B ANGSTROM SIGN (which is Å).
func foldForMentions(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    if isCertainlyNFC(b) { return foldLetters(b) }
    // A singleton, a Hangul syllable or its jamo, marks in another order:
    // only one canonical form folds them alike, and the decomposed one is
    // what the loop reads (base letters, then the marks it drops).
    let decomposed = Array(String(decoding: b, as: UTF8.self).decomposedStringWithCanonicalMapping.utf8)
    return decomposed.withUnsafeBufferPointer { foldLetters($0) }
}

/// The folding loop. On text that is certainly NFC it gives what it gives on
/// the text's NFD form: the table maps each precomposed Latin letter to the
/// ASCII base its decomposition starts with.
///
/// Written as a byte loop with a lookup table for the Latin letters with
/// diacritics, because rules call it on dossier text for every dossier.
private func foldLetters(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var pendingSpace = false
    let table = latinFoldTable  // once per call, not once per letter
    var i = 0
    let n = b.count
    while i < n {
        let c = b[i]
        if c < 0x80 {
            i += 1
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C {
                pendingSpace = true
            } else {
                emit(c >= 0x41 && c <= 0x5A ? c + 32 : c, &out, &pendingSpace)
            }
            continue
        }
        // Decode one scalar (the input is valid UTF-8: it came from a parsed document).
        var v: UInt32
        var len: Int
        if c < 0xE0 { v = UInt32(c & 0x1F); len = 2 } else if c < 0xF0 { v = UInt32(c & 0x0F); len = 3 } else { v = UInt32(c & 0x07); len = 4 }
        if i + len > n { break }
        for k in 1..<len { v = v << 6 | UInt32(b[i + k] & 0x3F) }
        let start = i
        i += len
        if v >= 0x300 && v <= 0x36F { continue }  // a combining mark
        if v == 0x111 || v == 0x110 { emit(UInt8(ascii: "d"), &out, &pendingSpace); continue }
        if v == 0xA0 || (v >= 0x2000 && v <= 0x200A) || v == 0x202F || v == 0x205F || v == 0x3000 || v == 0x85 {
            pendingSpace = true
            continue
        }
        if let base = latinBase(v, table) {
            emit(base, &out, &pendingSpace)
            continue
        }
        if let scalar = Unicode.Scalar(v) {
            // Most other scalars (dashes, quotes, symbols) have no lowercase:
            // copy their bytes without building the mapping string.
            if !scalar.properties.changesWhenLowercased {
                for k in start..<i { emit(b[k], &out, &pendingSpace) }
            } else {
                for byte in scalar.properties.lowercaseMapping.utf8 { emit(byte, &out, &pendingSpace) }
            }
        }
    }
    return out
}

/// Appends a folded byte, after the one space a pending whitespace run leaves.
/// (A function with `inout` parameters, not a closure over locals: captured
/// variables would be checked for exclusive access at every byte.)
@inline(__always)
private func emit(_ c: UInt8, _ out: inout [UInt8], _ pendingSpace: inout Bool) {
    if pendingSpace && !out.isEmpty { out.append(0x20) }
    pendingSpace = false
    out.append(c)
}

/// The lowercase ASCII base letter of a Latin letter with diacritics
/// (U+00C0–U+024F, U+1E00–U+1EFF), from its canonical decomposition.
@inline(__always)
private func latinBase(_ v: UInt32, _ table: [UInt8]) -> UInt8? {
    let t: UInt8
    if v >= 0xC0 && v <= 0x24F {
        t = table[Int(v - 0xC0)]
    } else if v >= 0x1E00 && v <= 0x1EFF {
        t = table[Int(v - 0x1E00) + 0x190]
    } else {
        return nil
    }
    return t == 0 ? nil : t
}

/// The ASCII base letter of each scalar of U+00C0–U+024F then
/// U+1E00–U+1EFF, lowercase, `.` for none: the first scalar of its
/// canonical decomposition when the rest are combining marks (U+0300–U+036F).
/// 32 scalars a line, each block from a line of its own (U+0240–U+024F
/// fill half of one). Written out, not derived from Foundation's
/// decompositions at start-up (that took millions of instructions in every
/// process that folds a text); `FoldTableTests` derives it again and compares.
private let latinFoldLetters: StaticString = """
aaaaaa.ceeeeiiii.nooooo..uuuuy..
aaaaaa.ceeeeiiii.nooooo..uuuuy.y
aaaaaaccccccccdd..eeeeeeeeeegggg
gggghh..iiiiiiiii...jjkk.llllll.
...nnnnnn...oooooo..rrrrrrssssss
sstttt..uuuuuuuuuuuuwwyyyzzzzzz.
................................
oo.............uu...............
.............aaiioouuuuuuuuuu.aa
aa....ggkkoooo..j...gg..nnaa....
aaaaeeeeiiiioooorrrruuuusstt..hh
......aaeeooooooooyy............
................
aabbbbbbccddddddddddeeeeeeeeeeff
gghhhhhhhhhhiiiikkkkkkllllllllmm
mmmmnnnnnnnnoooooooopppprrrrrrrr
ssssssssssttttttttuuuuuuuuuuvvvv
wwwwwwwwwwxxxxyyzzzzzzhtwy......
aaaaaaaaaaaaaaaaaaaaaaaaeeeeeeee
eeeeeeeeiiiioooooooooooooooooooo
oooouuuuuuuuuuuuuuyyyyyyyy......
"""

/// `latinFoldLetters` as bytes: entry 0 means no ASCII base.
let latinFoldTable: [UInt8] = latinFoldLetters.withUTF8Buffer { letters in
    letters.filter { $0 != 0x0A }.map { $0 == UInt8(ascii: ".") ? 0 : $0 }
}

/// Does `haystack` contain `needle` (bytes)?
func containsBytes(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
    if needle.isEmpty { return true }
    if needle.count > haystack.count { return false }
    // memchr to each candidate first byte, memcmp for the rest (glibc's memmem is not in the Swift overlay).
    let h = haystack.baseAddress!, n = needle.baseAddress!, last = haystack.count - needle.count
    var i = 0
    while i <= last {
        guard let hit = memchr(h + i, Int32(n[0]), last - i + 1) else { return false }
        i = h.distance(to: hit.assumingMemoryBound(to: UInt8.self))
        if memcmp(h + i, n, needle.count) == 0 { return true }
        i += 1
    }
    return false
}

/// Are two byte strings identical?
@inline(__always)
func sameBytes(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0)
}

/// ASCII without a carriage return: every character is one byte (`\r\n`
/// is one character), so text comparisons may work on the bytes.
@inline(__always)
func isPlainASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for c in b where c >= 0x80 || c == 0x0D { return false }
    return true
}

/// The number of characters (grapheme clusters, as `String.count`) of UTF-8
/// text when each scalar is a character of its own — ASCII but the carriage
/// return (`\r\n` is one character), U+0080–U+02FF, the Vietnamese letters
/// U+1E80–U+1EFF, and U+2002–U+203F but the joiners U+200C/U+200D: none of
/// these extends or joins a neighbour. Nil for other text.
package func simpleCharacterCount(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    var i = 0, count = 0
    let n = b.count
    while i < n {
        let c = b[i]
        if c < 0x80 {
            if c == 0x0D { return nil }
            i += 1
        } else if c >= 0xC2 && c <= 0xCB {
            i += 2
        } else if c == 0xE1, i + 2 < n, b[i + 1] == 0xBA || b[i + 1] == 0xBB {
            i += 3
        } else if c == 0xE2, i + 2 < n, b[i + 1] == 0x80, b[i + 2] >= 0x82, b[i + 2] != 0x8C, b[i + 2] != 0x8D {
            i += 3
        } else {
            return nil
        }
        count += 1
    }
    return i == n ? count : nil
}

/// Does `haystack` contain `needle` (bytes)?
func containsBytes(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    if needle.isEmpty { return true }
    if needle.count > haystack.count { return false }
    let first = needle[0]
    var i = 0
    let last = haystack.count - needle.count
    while i <= last {
        if haystack[i] == first {
            var k = 1
            while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
            if k == needle.count { return true }
        }
        i += 1
    }
    return false
}

/// `x` rounded to 15 significant digits, as spreadsheets compute: binary
/// doubles make 0.52 + 0.3 come out as 0.8200000000000001, which would
/// fail `ground >= tide + 0.3` for a ground level of exactly 0.82.
/// (Dividing an exact integer by an exact power of ten gives the double
/// nearest the decimal, the same one the text `0.82` reads as.)
func significant15(_ x: Double) -> Double {
    guard x.isFinite, x != 0 else { return x }
    let shift = 14 - Int(log10(abs(x)).rounded(.down))
    guard shift > 0 && shift <= 22 else { return x }  // 10^shift is exact up to 10^22
    var scale = 1.0
    for _ in 0..<shift { scale *= 10 }
    let scaled = (x * scale).rounded()
    guard abs(scaled) < 9_007_199_254_740_992 else { return x }
    return scaled / scale
}

/// A number as a person writes it: no `.0` on whole numbers, no exponent
/// for ordinary magnitudes.
package func formatNumber(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-∞" : "∞" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    if let s = shortestFixed(d) { return s }
    return formatNumberGeneral(d)
}

/// `formatNumber` of a fraction from 10^-4 to 10^15 whose shortest
/// round-trip digits (`description`) number 15 or fewer: then those digits
/// are the ones `%.15g` gives, in the same fixed notation. (A double's
/// spacing is below a tenth of the 15-digit spacing, so the double's exact
/// value rounds to 15 digits onto that shorter decimal, and `%g` strips the
/// trailing zeros.) Nil otherwise. `String(format:)` goes through
/// Foundation's NSString, tens of thousands of instructions a number.
func shortestFixed(_ d: Double) -> String? {
    let magnitude = abs(d)
    guard magnitude >= 1e-4 && magnitude < 1e15 else { return nil }
    let s = d.description
    var digits = 0
    var leading = true
    for c in s.utf8 {
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") { return nil }
        guard c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") else { continue }
        if leading && c == UInt8(ascii: "0") { continue }
        leading = false
        digits += 1
    }
    return digits <= 15 ? s : nil
}

/// `formatNumber` for any non-integer or huge double, through `%.15g`
/// (the reference `shortestFixed` is tested against).
package func formatNumberGeneral(_ d: Double) -> String {
    // At most 15 significant digits: 0.1 + 0.2 shows as 0.3, not 0.30000000000000004.
    var s = d == d.rounded() ? String(d) : String(format: "%.15g", d)
    if s.utf8.contains(UInt8(ascii: "e")) {
        // Written out: whole numbers below 10^21, and small ones down to 10^-10 (15 significant digits).
        if d == d.rounded() {
            if abs(d) >= 1e21 { return s }
            s = String(format: "%.0f", d)
        } else if abs(d) >= 1e-10 {
            // (From 10^15 on no decimal is left: a negative precision printed `%.0-1f`.)
            s = String(format: "%.\(Swift.max(0, 14 - Int(log10(abs(d)).rounded(.down))))f", d)
            if s.utf8.contains(UInt8(ascii: ".")) {
                while s.hasSuffix("0") { s.removeLast() }
                if s.hasSuffix(".") { s.removeLast() }
            }
        }
    }
    return s
}

/// Compares two integers written in decimal (optional `-`), exactly.
func compareDecimalIntegers(_ a: String, _ b: String) -> Int {
    let an = a.hasPrefix("-"), bn = b.hasPrefix("-")
    if an != bn { return an ? -1 : 1 }
    func magnitude(_ s: String) -> String {
        var t = Substring(s.hasPrefix("-") || s.hasPrefix("+") ? String(s.dropFirst()) : s)
        while t.count > 1 && t.hasPrefix("0") { t = t.dropFirst() }
        return String(t)
    }
    let x = magnitude(a), y = magnitude(b)
    var c: Int
    if x.count != y.count { c = x.count < y.count ? -1 : 1 } else { c = x == y ? 0 : (x < y ? -1 : 1) }
    return an ? -c : c
}
