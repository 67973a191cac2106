import Diagnostics

/// Why a document could not be parsed: a code, a one-line message and the
/// byte offset where it went wrong (yyjson's `pos`).
public struct JSONParseError: Error, Sendable, Hashable {
    public var code: DiagnosticCode
    public var message: String
    /// Offset of the offending byte, starting at 0.
    public var offset: UInt32
    public var help: String?

    public init(_ code: DiagnosticCode, _ message: String, offset: Int, help: String? = nil) {
        self.code = code
        self.message = message
        self.offset = UInt32(clamping: offset)
        self.help = help
    }

    /// The error as a diagnostic pointing into `file`.
    public func diagnostic(file: FileID) -> Diagnostic {
        .error(code, message, at: Span(file: file, start: offset, end: offset + 1), help: help)
    }
}

/// Strict RFC 8259 parsing on UTF-8 bytes, keeping every value's span.
public enum JSONParser {
    /// Containers nested deeper than this are an error, never a stack overflow.
    public static let maxDepth = 512

    /// Parses one document. A leading BOM is skipped; duplicate keys are
    /// recorded on the document, not errors.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
        var nodes = ContiguousArray<JSONNode>()
        var pool: [UInt8] = []
        var duplicates: [DuplicateKey] = []
        let result: JSONParseError? = bytes.withUnsafeBufferPointer { buf in
            var p = Parser(input: buf)
            p.nodes.reserveCapacity(buf.count / 12 + 4)
            do throws(JSONParseError) {
                try p.parseDocument()
            } catch {
                return error
            }
            nodes = p.nodes
            pool = p.pool
            duplicates = p.duplicates
            return nil
        }
        if let e = result { throw e }
        return JSONDocument(bytes: bytes, nodes: nodes, pool: pool, duplicateKeys: duplicates)
    }
}

// MARK: - The parser

// Be careful when changing this struct: it is the hot path of `check` and is
// optimized (byte loops, no per-value allocation but the node array).
private struct Parser {
    let input: UnsafeBufferPointer<UInt8>
    var pos = 0
    var nodes = ContiguousArray<JSONNode>()
    var pool: [UInt8] = []
    var duplicates: [DuplicateKey] = []
    /// Open containers, innermost last.
    var stack: [UInt32] = []

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    @inline(__always) var atEnd: Bool { pos >= input.count }
    @inline(__always) var peek: UInt8 { pos < input.count ? input[pos] : 0 }

    @inline(__always) mutating func skipWhitespace() {
        while pos < input.count {
            let b = input[pos]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { pos += 1 } else { return }
        }
    }

    mutating func parseDocument() throws(JSONParseError) {
        if input.count >= 3 && input[0] == 0xEF && input[1] == 0xBB && input[2] == 0xBF { pos = 3 }
        skipWhitespace()
        if atEnd { throw JSONParseError("E3001", "expected a JSON value, found end of input", offset: pos, help: "the file is empty") }
        try parseValues()
        skipWhitespace()
        if !atEnd {
            throw JSONParseError(
                "E3008", "expected end of input after the top-level value, found \(describe(at: pos))", offset: pos,
                help: "a document holds one value; use NDJSON (one document per line) for several")
        }
    }

    /// Parses one value, iteratively: containers are kept on `stack`, so depth
    /// costs heap, not machine stack.
    mutating func parseValues() throws(JSONParseError) {
        var parent = UInt32.max
        while true {
            // A value is expected at `pos` (whitespace skipped).
            let b = peek
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if stack.count >= JSONParser.maxDepth {
                    throw JSONParseError(
                        "E3006", "nesting deeper than \(JSONParser.maxDepth) levels", offset: pos,
                        help: "a dossier never needs this depth; the file is probably generated wrongly")
                }
                let index = UInt32(nodes.count)
                nodes.append(JSONNode(kind: b == UInt8(ascii: "{") ? .object : .array, flags: 0, start: UInt32(pos), end: 0, parent: parent, a: 0, b: 0, number: 0))
                stack.append(index)
                pos += 1
                skipWhitespace()
                let close: UInt8 = b == UInt8(ascii: "{") ? UInt8(ascii: "}") : UInt8(ascii: "]")
                if peek == close {
                    pos += 1
                    closeContainer(Int(index))
                    break
                }
                parent = index
                if b == UInt8(ascii: "{") {
                    try parseKey(parent: index)
                }
                continue
            case UInt8(ascii: "\""):
                try parseString(parent: parent)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                try parseNumber(parent: parent)
            case UInt8(ascii: "t"):
                try literal("true", kind: .bool, flags: JSONNode.Flag.isTrue, parent: parent)
            case UInt8(ascii: "f"):
                try literal("false", kind: .bool, flags: 0, parent: parent)
            case UInt8(ascii: "n"):
                try literal("null", kind: .null, flags: 0, parent: parent)
            default:
                throw unexpectedValue()
            }
            // After a value: continue the innermost container, or finish.
            while true {
                guard let top = stack.last else { return }
                skipWhitespace()
                let c = peek
                let isObject = nodes[Int(top)].kind == .object
                if c == UInt8(ascii: ",") {
                    pos += 1
                    skipWhitespace()
                    if isObject {
                        try parseKey(parent: top)
                    } else if peek == UInt8(ascii: "]") {
                        throw JSONParseError("E3001", "expected a value after ',', found `]`", offset: pos, help: "remove the trailing comma")
                    }
                    parent = top
                    break
                } else if c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos += 1
                    closeContainer(Int(top))
                    continue
                } else {
                    let what = isObject ? "',' or '}' after an object member" : "',' or ']' after an array element"
                    var help: String? = nil
                    if c == UInt8(ascii: "\"") || c == UInt8(ascii: "{") || c == UInt8(ascii: "[") || isValueStart(c) {
                        help = "a comma is probably missing before this"
                    } else if atEnd {
                        help = "the document ends before this \(isObject ? "object" : "array") is closed"
                    }
                    throw JSONParseError("E3001", "expected \(what), found \(describe(at: pos))", offset: pos, help: help)
                }
            }
        }
    }

    @inline(__always) func isValueStart(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "-") || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "t") || c == UInt8(ascii: "f") || c == UInt8(ascii: "n")
    }

    /// Closes the container at `index` (its closing byte was just consumed).
    mutating func closeContainer(_ index: Int) {
        stack.removeLast()
        let count = nodes.count
        nodes.withUnsafeMutableBufferPointer { n in
            n[index].end = UInt32(pos)
            n[index].a = UInt32(count)
        }
        // Count children (and, for objects, check keys) in one walk.
        var children: UInt32 = 0
        var i = index + 1
        let isObject = nodes[index].kind == .object
        while i < count {
            children += 1
            if isObject { i += 1 }
            i = nodes[i].next(i)
        }
        nodes[index].b = children
        if isObject && children > 1 { findDuplicateKeys(index) }
    }

    mutating func findDuplicateKeys(_ object: Int) {
        var keys: [Int] = []
        var i = object + 1
        let end = Int(nodes[object].a)
        while i < end {
            keys.append(i)
            i = nodes[i + 1].next(i + 1)
        }
        for j in 1..<keys.count {
            for k in 0..<j where keysEqual(keys[k], keys[j]) {
                duplicates.append(DuplicateKey(object: object, first: keys[k], second: keys[j]))
                break
            }
        }
    }

    func keysEqual(_ x: Int, _ y: Int) -> Bool {
        let a = nodes[x], b = nodes[y]
        let la = Int(a.b - a.a), lb = Int(b.b - b.a)
        if la != lb { return false }
        let pa = a.flags & JSONNode.Flag.inPool != 0, pb = b.flags & JSONNode.Flag.inPool != 0
        return pool.withUnsafeBufferPointer { poolBuf in
            let ba = pa ? poolBuf.baseAddress! + Int(a.a) : input.baseAddress! + Int(a.a)
            let bb = pb ? poolBuf.baseAddress! + Int(b.a) : input.baseAddress! + Int(b.a)
            return la == 0 || memcmpEqual(ba, bb, la)
        }
    }

    /// Parses `"key"` and the `:` after it; the value comes next.
    mutating func parseKey(parent: UInt32) throws(JSONParseError) {
        guard peek == UInt8(ascii: "\"") else {
            var help: String? = nil
            if peek == UInt8(ascii: "}") { help = "remove the trailing comma" }
            else if isIdentStart(peek) { help = "object keys must be in double quotes" }
            throw JSONParseError("E3001", "expected a string key, found \(describe(at: pos))", offset: pos, help: help)
        }
        try parseString(parent: parent)
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else {
            throw JSONParseError("E3001", "expected ':' after an object key, found \(describe(at: pos))", offset: pos)
        }
        pos += 1
        skipWhitespace()
    }

    func isIdentStart(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z")) || c == UInt8(ascii: "_")
    }

    mutating func literal(_ word: StaticString, kind: JSONKind, flags: UInt8, parent: UInt32) throws(JSONParseError) {
        let start = pos
        let n = word.utf8CodeUnitCount
        let w = word.utf8Start
        for k in 0..<n {
            if pos + k >= input.count || input[pos + k] != w[k] { throw unexpectedValue() }
        }
        pos += n
        // `truex`, `nullified`: the word must end there.
        if pos < input.count && isIdentStart(input[pos]) { pos = start; throw unexpectedValue() }
        nodes.append(JSONNode(kind: kind, flags: flags, start: UInt32(start), end: UInt32(pos), parent: parent, a: 0, b: 0, number: kind == .bool && flags != 0 ? 1 : 0))
    }

    func unexpectedValue() -> JSONParseError {
        let c = peek
        var help: String? = nil
        if atEnd { return JSONParseError("E3001", "expected a value, found end of input", offset: pos, help: "the document ends too early") }
        if c == UInt8(ascii: "'") { help = "strings are written in double quotes" }
        else if c == UInt8(ascii: "/") { help = "JSON has no comments" }
        else if c == UInt8(ascii: "]") || c == UInt8(ascii: "}") { help = "remove the trailing comma" }
        else if isIdentStart(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") {
            help = "a value is a string in double quotes, a number, an object, an array, `true`, `false` or `null`"
        }
        return JSONParseError("E3001", "expected a value, found \(describe(at: pos))", offset: pos, help: help)
    }

    /// A short description of what is at `offset`, for "found ...".
    func describe(at offset: Int) -> String {
        guard offset < input.count else { return "end of input" }
        let c = input[offset]
        switch c {
        case 0x0A, 0x0D: return "end of line"
        case 0x09: return "a tab"
        case 0x20: return "a space"
        case 0x00..<0x20, 0x7F: return "control character U+\(hex4(UInt32(c)))"
        case 0x80...: 
            // Show the whole character if it is valid UTF-8.
            var end = offset + 1
            while end < input.count && end < offset + 4 && input[end] & 0xC0 == 0x80 { end += 1 }
            let s = String(decoding: UnsafeBufferPointer(rebasing: input[offset..<end]), as: UTF8.self)
            return s.contains("\u{FFFD}") ? "byte 0x\(String(c, radix: 16, uppercase: true))" : "`\(s)`"
        default:
            if isIdentStart(c) {
                var end = offset
                while end < input.count && end < offset + 20 && (isIdentStart(input[end]) || (input[end] >= 0x30 && input[end] <= 0x39)) { end += 1 }
                return "`\(String(decoding: UnsafeBufferPointer(rebasing: input[offset..<end]), as: UTF8.self))`"
            }
            return "`\(Character(Unicode.Scalar(c)))`"
        }
    }

    // MARK: Strings

    mutating func parseString(parent: UInt32) throws(JSONParseError) {
        let start = pos
        pos += 1
        let contentStart = pos
        let n = input.count
        // Fast path: plain ASCII up to the closing quote.
        while pos < n {
            let b = input[pos]
            if b == UInt8(ascii: "\"") {
                nodes.append(JSONNode(kind: .string, flags: 0, start: UInt32(start), end: UInt32(pos + 1), parent: parent, a: UInt32(contentStart), b: UInt32(pos), number: 0))
                pos += 1
                return
            }
            if b == UInt8(ascii: "\\") {
                try parseEscapedString(start: start, contentStart: contentStart, parent: parent)
                return
            }
            if b < 0x20 { throw controlCharacter() }
            if b >= 0x80 { try validateUTF8() } else { pos += 1 }
        }
        throw JSONParseError("E3001", "unterminated string", offset: start, help: "add the closing `\"`")
    }

    func controlCharacter() -> JSONParseError {
        let b = input[pos]
        return JSONParseError(
            "E3003", "control character U+\(hex4(UInt32(b))) in a string", offset: pos,
            help: b == 0x0A || b == 0x0D ? "a string cannot span lines; write `\\n`, or close the string" : "write it as an escape, e.g. `\\u\(hex4(UInt32(b)))` or `\\t`")
    }

    /// Checks one UTF-8 sequence starting at `pos` and steps over it.
    @inline(__always) mutating func validateUTF8() throws(JSONParseError) {
        let b0 = input[pos]
        let n = input.count
        @inline(__always) func cont(_ i: Int) -> Bool { i < n && input[i] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            if cont(pos + 1) { pos += 2; return }
        case 0xE0...0xEF:
            if cont(pos + 1) && cont(pos + 2) {
                let b1 = input[pos + 1]
                if (b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0) { break }  // overlong, or a surrogate
                pos += 3
                return
            }
        case 0xF0...0xF4:
            if cont(pos + 1) && cont(pos + 2) && cont(pos + 3) {
                let b1 = input[pos + 1]
                if (b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90) { break }
                pos += 4
                return
            }
        default: break
        }
        throw JSONParseError("E3002", "invalid UTF-8 byte 0x\(String(b0, radix: 16, uppercase: true)) in a string", offset: pos, help: "save the file as UTF-8")
    }

    /// The slow path: copy the content into the pool, decoding escapes.
    mutating func parseEscapedString(start: Int, contentStart: Int, parent: UInt32) throws(JSONParseError) {
        let poolStart = pool.count
        pool.append(contentsOf: UnsafeBufferPointer(rebasing: input[contentStart..<pos]))
        let n = input.count
        while pos < n {
            let b = input[pos]
            if b == UInt8(ascii: "\"") {
                nodes.append(JSONNode(kind: .string, flags: JSONNode.Flag.inPool, start: UInt32(start), end: UInt32(pos + 1), parent: parent, a: UInt32(poolStart), b: UInt32(pool.count), number: 0))
                pos += 1
                return
            }
            if b == UInt8(ascii: "\\") {
                try decodeEscape()
            } else if b < 0x20 {
                throw controlCharacter()
            } else if b >= 0x80 {
                let s = pos
                try validateUTF8()
                pool.append(contentsOf: UnsafeBufferPointer(rebasing: input[s..<pos]))
            } else {
                pool.append(b)
                pos += 1
            }
        }
        throw JSONParseError("E3001", "unterminated string", offset: start, help: "add the closing `\"`")
    }

    mutating func decodeEscape() throws(JSONParseError) {
        let escapeStart = pos
        pos += 1
        guard pos < input.count else { throw JSONParseError("E3001", "unterminated string", offset: escapeStart) }
        let e = input[pos]
        pos += 1
        switch e {
        case UInt8(ascii: "\""): pool.append(0x22)
        case UInt8(ascii: "\\"): pool.append(0x5C)
        case UInt8(ascii: "/"): pool.append(0x2F)
        case UInt8(ascii: "b"): pool.append(0x08)
        case UInt8(ascii: "f"): pool.append(0x0C)
        case UInt8(ascii: "n"): pool.append(0x0A)
        case UInt8(ascii: "r"): pool.append(0x0D)
        case UInt8(ascii: "t"): pool.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4Digits(escapeStart)
            if scalar >= 0xD800 && scalar <= 0xDBFF {
                // A high surrogate must be followed by `\u` and a low one.
                guard pos + 1 < input.count, input[pos] == UInt8(ascii: "\\"), input[pos + 1] == UInt8(ascii: "u") else {
                    throw JSONParseError("E3005", "lone surrogate `\\u\(hex4(scalar))` in a string", offset: escapeStart, help: "a high surrogate must be followed by a low one (`\\uDC00`–`\\uDFFF`)")
                }
                let lowStart = pos
                pos += 2
                let low = try hex4Digits(lowStart)
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw JSONParseError("E3005", "lone surrogate `\\u\(hex4(scalar))` in a string", offset: escapeStart, help: "a high surrogate must be followed by a low one (`\\uDC00`–`\\uDFFF`)")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw JSONParseError("E3005", "lone surrogate `\\u\(hex4(scalar))` in a string", offset: escapeStart, help: "a low surrogate must follow a high one")
            }
            appendUTF8(scalar)
        default:
            pos -= 1
            throw JSONParseError("E3004", "invalid escape `\\\(describeEscape(e))` in a string", offset: escapeStart, help: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX")
        }
    }

    func describeEscape(_ e: UInt8) -> String {
        e >= 0x21 && e < 0x7F ? String(Character(Unicode.Scalar(e))) : "U+\(hex4(UInt32(e)))"
    }

    mutating func hex4Digits(_ escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < input.count else { throw JSONParseError("E3004", "incomplete `\\u` escape", offset: escapeStart, help: "write four hex digits, e.g. `\\u00E9`") }
            let c = input[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw JSONParseError("E3004", "incomplete `\\u` escape", offset: escapeStart, help: "write four hex digits, e.g. `\\u00E9`")
            }
            v = v << 4 | d
            pos += 1
        }
        return v
    }

    mutating func appendUTF8(_ v: UInt32) {
        switch v {
        case 0..<0x80: pool.append(UInt8(v))
        case 0x80..<0x800:
            pool.append(UInt8(0xC0 | (v >> 6)))
            pool.append(UInt8(0x80 | (v & 0x3F)))
        case 0x800..<0x10000:
            pool.append(UInt8(0xE0 | (v >> 12)))
            pool.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            pool.append(UInt8(0x80 | (v & 0x3F)))
        default:
            pool.append(UInt8(0xF0 | (v >> 18)))
            pool.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            pool.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            pool.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    // MARK: Numbers

    mutating func parseNumber(parent: UInt32) throws(JSONParseError) {
        let start = pos
        let n = input.count
        var negative = false
        if input[pos] == UInt8(ascii: "-") {
            negative = true
            pos += 1
        }
        @inline(__always) func isDigit(_ i: Int) -> Bool { i < n && input[i] >= 0x30 && input[i] <= 0x39 }
        guard isDigit(pos) else {
            throw JSONParseError("E3007", "invalid number: expected a digit after `-`", offset: pos)
        }
        var mantissa: UInt64 = 0
        var digits = 0
        if input[pos] == UInt8(ascii: "0") {
            pos += 1
            if isDigit(pos) {
                throw JSONParseError("E3007", "invalid number: leading zero", offset: start, help: "write the number without leading zeros")
            }
        } else {
            while isDigit(pos) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(input[pos] - 0x30) }
                digits += 1
                pos += 1
            }
        }
        var isInteger = true
        var fractionDigits = 0
        if pos < n && input[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos += 1
            guard isDigit(pos) else { throw JSONParseError("E3007", "invalid number: expected a digit after `.`", offset: pos) }
            while isDigit(pos) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(input[pos] - 0x30)
                    fractionDigits += 1
                    if mantissa != 0 || digits > 0 { digits += 1 }
                } else {
                    digits += 1
                }
                pos += 1
            }
        }
        var exponent = 0
        if pos < n && (input[pos] == UInt8(ascii: "e") || input[pos] == UInt8(ascii: "E")) {
            isInteger = false
            pos += 1
            var expNegative = false
            if pos < n && (input[pos] == UInt8(ascii: "+") || input[pos] == UInt8(ascii: "-")) {
                expNegative = input[pos] == UInt8(ascii: "-")
                pos += 1
            }
            guard isDigit(pos) else { throw JSONParseError("E3007", "invalid number: expected a digit in the exponent", offset: pos) }
            while isDigit(pos) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(input[pos] - 0x30) }
                pos += 1
            }
            if expNegative { exponent = -exponent }
        }
        // `12abc`, `1.5.2`: the number must end there.
        if pos < n, isIdentStart(input[pos]) || input[pos] == UInt8(ascii: ".") {
            throw JSONParseError("E3007", "invalid number: unexpected \(describe(at: pos)) after `\(String(decoding: UnsafeBufferPointer(rebasing: input[start..<pos]), as: UTF8.self))`", offset: pos)
        }
        var value: Double
        var flags: UInt8 = isInteger ? JSONNode.Flag.isInteger : 0
        let e10 = exponent - fractionDigits
        if digits <= 19 && mantissa < (1 << 53) && (e10 >= -22 && e10 <= 22) {
            // Clinger's fast path: both factors are exact doubles, so one rounding.
            value = Double(mantissa)
            if e10 < 0 { value /= powersOf10[-e10] } else if e10 > 0 { value *= powersOf10[e10] }
        } else {
            let text = String(decoding: UnsafeBufferPointer(rebasing: input[start..<pos]), as: UTF8.self)
            value = Double(text) ?? .nan
            if negative { value = -abs(value) }
        }
        // Integers up to 2^53 in magnitude are exact; larger ones keep their
        // text for comparison. `mantissa` holds the digits whenever `digits` <= 19.
        if isInteger && digits <= 19 && mantissa <= 1 << 53 { flags |= JSONNode.Flag.isExact }
        if negative && value > 0 { value = -value }
        if negative && value == 0 { value = -0.0 }
        nodes.append(JSONNode(kind: .number, flags: flags, start: UInt32(start), end: UInt32(pos), parent: parent, a: 0, b: 0, number: value))
    }
}

private let powersOf10: [Double] = (0...22).map { k in
    var v = 1.0
    for _ in 0..<k { v *= 10 }
    return v
}

func hex4(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
