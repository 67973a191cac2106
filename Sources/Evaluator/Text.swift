import Foundation

// Text comparison as LANGUAGE.md section 3 wants it: canonical equivalence
// (NFC and NFD forms of the same Vietnamese text are equal), and `mentions`
// folding case, diacritics, `đ` and whitespace.

/// Could these UTF-8 bytes hold a combining mark (U+0300–U+036F, UTF-8 lead
/// bytes 0xCC/0xCD)? If neither side does, bytes compare as they are.
@inline(__always)
func mayNeedNormalization(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    for x in b where x == 0xCC || x == 0xCD { return true }
    return false
}

/// NFC form of UTF-8 bytes.
func nfc(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    Array(String(decoding: b, as: UTF8.self).precomposedStringWithCanonicalMapping.utf8)
}

/// Are two UTF-8 strings canonically equivalent?
func canonicallyEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
    if a.count == b.count && (a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0) { return true }
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

/// Folds text for `mentions`: decomposed, combining marks dropped, `đ`→`d`,
/// lowercased, whitespace runs collapsed to one space, trimmed.
func foldForMentions(_ b: UnsafeBufferPointer<UInt8>) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(b.count)
    var pendingSpace = false
    func emit(_ c: UInt8) {
        if pendingSpace && !out.isEmpty { out.append(0x20) }
        pendingSpace = false
        out.append(c)
    }
    if !b.contains(where: { $0 >= 0x80 }) {
        for c in b {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { pendingSpace = true; continue }
            emit(c >= 0x41 && c <= 0x5A ? c + 32 : c)
        }
        return out
    }
    let s = String(decoding: b, as: UTF8.self).decomposedStringWithCanonicalMapping.lowercased()
    for u in s.unicodeScalars {
        let v = u.value
        if (0x300...0x36F).contains(v) { continue }
        if u.properties.isWhitespace { pendingSpace = true; continue }
        if v == 0x111 || v == 0x110 { emit(UInt8(ascii: "d")); continue }
        if v < 0x80 {
            emit(UInt8(v))
        } else {
            for byte in String(u).utf8 { emit(byte) }
        }
    }
    return out
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

/// A number as a person writes it: no `.0` on whole numbers, no exponent
/// for ordinary magnitudes.
public func formatNumber(_ d: Double) -> String {
    if d.isNaN { return "NaN" }
    if d.isInfinite { return d < 0 ? "-∞" : "∞" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
    var s = String(d)
    if s.contains("e") {
        s = String(format: "%.10f", d)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
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
