import Diagnostics

/// Why a document could not be parsed: a code, a one-line message and the
/// byte offset where it went wrong (yyjson's `pos`), with what the
/// diagnostic needs to show it well.
package struct JSONParseError: Error, Sendable, Hashable {
    /// A second place that explains the error: the bracket of a container that
    /// is never closed, the comma to remove, where an unclosed string starts.
    package struct Related: Sendable, Hashable {
        /// Offset of the first byte, starting at 0.
        package var offset: UInt32
        /// Bytes covered (at least one is underlined).
        package var length: UInt32
        /// Short text shown under it.
        package var text: String

        /// A place `length` bytes long at `offset`, with its text.
        package init(offset: Int, length: Int = 1, text: String) {
            self.offset = UInt32(clamping: offset)
            self.length = UInt32(clamping: length)
            self.text = text
        }
    }

    /// E3xxx: the kind of problem, stable across releases.
    package var code: DiagnosticCode
    /// One line, "expected …, found …".
    package var message: String
    /// Offset of the offending byte, starting at 0; at most the input's length.
    package var offset: UInt32
    /// Bytes the offending token covers (at least one is underlined).
    package var length: UInt32
    /// Short text shown under the offending bytes.
    package var label: String?
    /// A second place that explains the error, if any.
    package var related: Related?
    /// How to fix it.
    package var help: String?
    /// What went wrong, typed: a caller that embeds JSON in another language
    /// (a rule test's `given { … }`) phrases its own message from it.
    package var reason: Reason

    /// What went wrong, with the offsets a caller needs to phrase it.
    package enum Reason: Sendable, Hashable {
        /// The input as a whole: too large, empty, a UTF-16 byte order mark.
        case input
        /// A value was expected at `offset`.
        case expectedValue
        /// An object key was expected at `offset`.
        case expectedKey
        /// A comma before the closing bracket at `offset`; the comma is at `comma`.
        case trailingComma(comma: UInt32)
        /// `:` was expected after a key.
        case expectedColon
        /// `,` or the closing bracket was expected after a member or element
        /// of the container that opens at `container`.
        case expectedSeparator(isObject: Bool, container: UInt32)
        /// Something after the top-level value.
        case trailingContent
        /// Containers nested deeper than `JSONParser.maxDepth`.
        case tooDeep
        /// A string that starts at `offset` and never closes.
        case unterminatedString
        /// A raw control character inside a string, at `offset`.
        case controlCharacter
        /// Bytes that are not UTF-8 inside a string.
        case invalidUTF8
        /// An escape that JSON does not have (`\q`) at `offset`.
        case invalidEscape
        /// `\u` not followed by four hex digits; the escape starts at `offset`.
        case incompleteUnicodeEscape
        /// A surrogate escape without its pair; the escape starts at `offset`.
        case loneSurrogate
        /// A malformed number that starts at `start`.
        case invalidNumber(start: UInt32)
    }

    /// An error at `offset`, covering `length` bytes.
    package init(
        _ code: DiagnosticCode, _ message: String, offset: Int, length: Int = 1, label: String? = nil,
        related: Related? = nil, help: String? = nil, reason: Reason = .input
    ) {
        self.code = code
        self.message = message
        self.offset = UInt32(clamping: offset)
        self.length = UInt32(clamping: length)
        self.label = label
        self.related = related
        self.help = help
        self.reason = reason
    }

    /// The error as a diagnostic pointing into `file`.
    package func diagnostic(file: FileID) -> Diagnostic {
        let span = Span(file: file, start: offset, end: offset &+ max(1, length))
        let secondary = related.map { [Label(Span(file: file, start: $0.offset, end: $0.offset &+ max(1, $0.length)), $0.text)] } ?? []
        return Diagnostic(code, .error, message, at: Label(span, label), secondary: secondary, help: help)
    }
}

/// Strict RFC 8259 parsing on UTF-8 bytes, keeping every value's span.
package enum JSONParser {
    /// Containers nested deeper than this are an error, never a stack overflow.
    package static let maxDepth = 512

    /// Parses one document. A leading BOM is skipped; duplicate keys are
    /// recorded on the document, not errors.
    package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
        // Spans are 32-bit offsets.
        guard bytes.count < Int(UInt32.max) else {
            throw JSONParseError("E3009", "document too large: \(bytes.count) bytes", offset: 0, help: "a document must be smaller than 4 GiB")
        }
        var nodes = ContiguousArray<JSONNode>()
        var pool: [UInt8] = []
        var duplicates: [DuplicateKey] = []
        let result: JSONParseError? = bytes.withUnsafeBufferPointer { buf in
            var p = Parser(input: buf)
            defer { p.deallocate() }
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

/// One open container.
private struct Frame {
    /// Index of the container's node.
    var node: UInt32
    /// Elements or members so far.
    var count: UInt32
    /// Where this object's keys start in the parser's key list.
    var firstKey: UInt32
}

/// A key of an open object, for finding duplicates when the object closes.
private struct KeyEntry {
    /// Length and a few content bytes: equal keys have equal signatures.
    var signature: UInt64
    /// Index of the key's node.
    var node: UInt32
}

private let ones: UInt64 = 0x0101_0101_0101_0101
private let highBits: UInt64 = 0x8080_8080_8080_8080

// Be careful when changing this struct: it is the hot path of `check` and is
// optimized (byte loops, word-at-a-time scanning, no per-value allocation but
// the node array; error paths are kept out of line).
private struct Parser {
    let base: UnsafePointer<UInt8>
    let count: Int
    var pos = 0
    var nodes = ContiguousArray<JSONNode>()
    var pool: [UInt8] = []
    var duplicates: [DuplicateKey] = []
    /// Open containers, innermost at `depth - 1`; sized for `maxDepth`, so never grows.
    let frames: UnsafeMutablePointer<Frame>
    var depth = 0
    /// Keys of the open objects, innermost object's last.
    var keys: UnsafeMutablePointer<KeyEntry>
    var keyCount = 0
    var keyCapacity = 64

    init(input: UnsafeBufferPointer<UInt8>) {
        // A dangling but never dereferenced pointer for empty input.
        self.base = input.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.count = input.count
        frames = .allocate(capacity: JSONParser.maxDepth + 1)
        keys = .allocate(capacity: keyCapacity)
        // About one value per 16 bytes of pretty-printed dossier.
        nodes.reserveCapacity(input.count / 16 + 8)
    }

    func deallocate() {
        frames.deallocate()
        keys.deallocate()
    }

    @inline(__always) var atEnd: Bool { pos >= count }
    @inline(__always) var peek: UInt8 { pos < count ? base[pos] : 0 }

    @inline(__always) mutating func skipWhitespace() {
        while pos < count {
            let b = base[pos]
            if b > 0x20 { return }
            if b == 0x20 || b == 0x0A {
                pos &+= 1
                // Indentation comes in runs of spaces: skip them a word at a time.
                while pos &+ 8 <= count {
                    let notSpace = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self)) ^ 0x2020_2020_2020_2020
                    if notSpace != 0 {
                        pos &+= notSpace.trailingZeroBitCount >> 3
                        break
                    }
                    pos &+= 8
                }
            } else if b == 0x0D || b == 0x09 {
                pos &+= 1
            } else {
                return
            }
        }
    }

    mutating func parseDocument() throws(JSONParseError) {
        if count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF { pos = 3 }
        if count >= 2 && ((base[0] == 0xFF && base[1] == 0xFE) || (base[0] == 0xFE && base[1] == 0xFF)) {
            throw JSONParseError("E3002", "expected UTF-8, found a UTF-16 byte order mark", offset: 0, length: 2, help: "save the file as UTF-8")
        }
        skipWhitespace()
        if atEnd {
            let isEmpty = count == 0 || (count == 3 && pos == 3 && base[0] == 0xEF)
            throw JSONParseError(
                "E3001", "expected a JSON value, found end of input", offset: pos,
                help: isEmpty ? "the file is empty" : "the file holds only whitespace")
        }
        try parseValues()
        skipWhitespace()
        if !atEnd { throw trailingContent() }
    }

    /// Parses one value, iteratively: open containers are kept in `frames`,
    /// so depth costs no machine stack.
    mutating func parseValues() throws(JSONParseError) {
        var parent = UInt32.max
        while true {
            // A value is expected at `pos` (whitespace skipped).
            let b = peek
            switch b {
            case UInt8(ascii: "\""):
                try parseString(parent: parent)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth >= JSONParser.maxDepth { throw tooDeep() }
                let index = UInt32(nodes.count)
                let isObject = b == UInt8(ascii: "{")
                nodes.append(JSONNode(kind: isObject ? .object : .array, flags: 0, start: UInt32(pos), end: 0, parent: parent, a: 0, b: 0, number: 0))
                frames[depth] = Frame(node: index, count: 0, firstKey: UInt32(keyCount))
                depth += 1
                pos &+= 1
                skipWhitespace()
                if peek == b &+ 2 {  // `}` is `{` + 2, `]` is `[` + 2
                    pos &+= 1
                    closeContainer()
                } else {
                    parent = index
                    if isObject { try parseKey(object: index, comma: nil) }
                    continue
                }
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                try parseNumber(parent: parent)
            case UInt8(ascii: "t"):
                try literal(0x6575_7274, length: 4, kind: .bool, flags: JSONNode.Flag.isTrue, parent: parent)
            case UInt8(ascii: "f"):
                try literal(0x736C_6166, length: 5, kind: .bool, flags: 0, parent: parent)
            case UInt8(ascii: "n"):
                try literal(0x6C6C_756E, length: 4, kind: .null, flags: 0, parent: parent)
            default:
                throw unexpectedValue()
            }
            // After a value: it belongs to the innermost container; continue
            // that container, or close it, or finish the document.
            while true {
                if depth == 0 { return }
                let top = depth - 1
                frames[top].count += 1
                skipWhitespace()
                let c = peek
                let node = frames[top].node
                let isObject = nodes.withUnsafeBufferPointer { $0[Int(node)].kind == .object }
                if c == UInt8(ascii: ",") {
                    let comma = pos
                    pos &+= 1
                    skipWhitespace()
                    if isObject {
                        try parseKey(object: node, comma: comma)
                    } else if peek == UInt8(ascii: "]") {
                        throw trailingComma(comma, closer: "]")
                    }
                    parent = node
                    break
                } else if c == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    pos &+= 1
                    closeContainer()
                } else {
                    throw expectedSeparator(isObject: isObject)
                }
            }
        }
    }

    /// Closes the innermost container (its closing byte was just consumed).
    @inline(__always) mutating func closeContainer() {
        depth -= 1
        let frame = frames[depth]
        let end = UInt32(pos)
        let next = UInt32(nodes.count)
        let isObject = nodes.withUnsafeMutableBufferPointer { n in
            n[Int(frame.node)].end = end
            n[Int(frame.node)].a = next
            n[Int(frame.node)].b = frame.count
            return n[Int(frame.node)].kind == .object
        }
        if isObject {
            if frame.count > 1 { findDuplicateKeys(object: frame.node, from: Int(frame.firstKey)) }
            keyCount = Int(frame.firstKey)
        }
    }

    // MARK: Keys

    /// Parses `"key"` and the `:` after it; the value comes next. `comma` is
    /// the offset of the comma before the key, if any.
    @inline(__always) mutating func parseKey(object: UInt32, comma: Int?) throws(JSONParseError) {
        guard peek == UInt8(ascii: "\"") else { throw expectedKey(comma: comma) }
        let index = nodes.count
        try parseString(parent: object)
        recordKey(index)
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw expectedColon() }
        pos &+= 1
        skipWhitespace()
    }

    @inline(__always) mutating func recordKey(_ index: Int) {
        if keyCount == keyCapacity { growKeys() }
        keys[keyCount] = KeyEntry(signature: keySignature(index), node: UInt32(index))
        keyCount += 1
    }

    mutating func growKeys() {
        let bigger = UnsafeMutablePointer<KeyEntry>.allocate(capacity: keyCapacity * 2)
        bigger.moveInitialize(from: keys, count: keyCount)
        keys.deallocate()
        keys = bigger
        keyCapacity *= 2
    }

    /// Calls `body` with the bytes of a string node's content.
    @inline(__always) func withContent<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let n = nodes.withUnsafeBufferPointer { $0[index] }
        if n.flags & JSONNode.Flag.inPool != 0 {
            return pool.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(n.a)..<Int(n.b)])) }
        }
        return body(UnsafeBufferPointer(start: base + Int(n.a), count: Int(n.b - n.a)))
    }

    /// Length, first two and last two bytes: cheap to compare, and equal for equal keys.
    @inline(__always) func keySignature(_ index: Int) -> UInt64 {
        withContent(index) { s in
            let n = s.count
            if n == 0 { return 0 }
            let edges = UInt64(s[0]) | UInt64(s[min(1, n - 1)]) << 8 | UInt64(s[max(0, n - 2)]) << 16 | UInt64(s[n - 1]) << 24
            return UInt64(n) << 32 | edges
        }
    }

    /// Records each key of the object that repeats an earlier one, pointing
    /// back at its first occurrence.
    mutating func findDuplicateKeys(object: UInt32, from first: Int) {
        let k = keyCount - first
        if k > 32 { return findDuplicateKeysHashed(object: object, from: first) }
        // A 64-bit Bloom filter of the signatures seen: only a key whose bit is
        // already set is compared with the keys before it (most objects have
        // no duplicate, and then most keys are compared with none).
        var seen: UInt64 = 0
        for j in first..<keyCount {
            let sj = keys[j].signature
            let bit: UInt64 = 1 &<< ((sj &* 0x9E37_79B9_7F4A_7C15) &>> 58)
            if seen & bit != 0 {
                for i in first..<j where keys[i].signature == sj && keysEqual(Int(keys[i].node), Int(keys[j].node)) {
                    duplicates.append(DuplicateKey(object: Int(object), first: Int(keys[i].node), second: Int(keys[j].node)))
                    break
                }
            }
            seen |= bit
        }
    }

    /// The same for large objects, in O(k log k): sort by hash, compare runs.
    mutating func findDuplicateKeysHashed(object: UInt32, from first: Int) {
        var entries: [(hash: UInt64, node: UInt32)] = []
        entries.reserveCapacity(keyCount - first)
        for i in first..<keyCount {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
            withContent(Int(keys[i].node)) { for b in $0 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 } }
            entries.append((h, keys[i].node))
        }
        entries.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.node < $1.node }
        var found: [DuplicateKey] = []
        var runStart = 0
        while runStart < entries.count {
            var runEnd = runStart + 1
            while runEnd < entries.count && entries[runEnd].hash == entries[runStart].hash { runEnd += 1 }
            // Within a run (sorted by node), each key's first occurrence is the earliest equal one.
            if runEnd - runStart > 1 {
                for j in runStart + 1..<runEnd {
                    for i in runStart..<j where keysEqual(Int(entries[i].node), Int(entries[j].node)) {
                        found.append(DuplicateKey(object: Int(object), first: Int(entries[i].node), second: Int(entries[j].node)))
                        break
                    }
                }
            }
            runStart = runEnd
        }
        found.sort { $0.second < $1.second }
        duplicates.append(contentsOf: found)
    }

    func keysEqual(_ x: Int, _ y: Int) -> Bool {
        withContent(x) { a in
            withContent(y) { b in
                a.count == b.count && (a.count == 0 || memcmpEqual(a.baseAddress!, b.baseAddress!, a.count))
            }
        }
    }

    // MARK: Literals

    /// `true`, `false`, `null`: `word` holds the first four bytes, little-endian.
    @inline(__always) mutating func literal(_ word: UInt32, length: Int, kind: JSONKind, flags: UInt8, parent: UInt32) throws(JSONParseError) {
        let start = pos
        guard pos + length <= count, UInt32(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt32.self)) == word,
            length == 4 || base[pos + 4] == UInt8(ascii: "e")
        else { throw unexpectedValue() }
        pos += length
        // `truex`, `nullified`: the word must end there.
        if pos < count && isWordByte(base[pos]) {
            pos = start
            throw unexpectedValue()
        }
        nodes.append(JSONNode(kind: kind, flags: flags, start: UInt32(start), end: UInt32(pos), parent: parent, a: 0, b: 0, number: flags != 0 ? 1 : 0))
    }

    // MARK: Strings

    @inline(__always) mutating func parseString(parent: UInt32) throws(JSONParseError) {
        let start = pos
        pos &+= 1
        let contentStart = pos
        while true {
            // Plain ASCII goes eight bytes at a time; any quote, backslash,
            // control or non-ASCII byte stops the word loop.
            while pos &+ 8 <= count {
                // Little-endian, so the first byte in memory is the lowest.
                let w = UInt64(littleEndian: UnsafeRawPointer(base + pos).loadUnaligned(as: UInt64.self))
                let special = (w & highBits) | ((w &- ones &* 0x20) & ~w & highBits)
                    | (((w ^ (ones &* 0x22)) &- ones) & ~(w ^ (ones &* 0x22)) & highBits)
                    | (((w ^ (ones &* 0x5C)) &- ones) & ~(w ^ (ones &* 0x5C)) & highBits)
                if special != 0 {
                    pos &+= (special.trailingZeroBitCount >> 3)
                    break
                }
                pos &+= 8
            }
            guard pos < count else { throw unterminatedString(start) }
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
                nodes.append(JSONNode(kind: .string, flags: 0, start: UInt32(start), end: UInt32(pos + 1), parent: parent, a: UInt32(contentStart), b: UInt32(pos), number: 0))
                pos &+= 1
                return
            }
            if b >= 0x80 {
                try validateUTF8()
            } else if b == UInt8(ascii: "\\") {
                return try parseEscapedString(start: start, contentStart: contentStart, parent: parent)
            } else if b < 0x20 {
                throw controlCharacter(stringStart: start)
            } else {
                pos &+= 1
            }
        }
    }

    /// Checks one UTF-8 sequence starting at `pos` and steps over it.
    @inline(__always) mutating func validateUTF8() throws(JSONParseError) {
        let b0 = base[pos]
        @inline(__always) func cont(_ i: Int) -> Bool { i < count && base[i] & 0xC0 == 0x80 }
        switch b0 {
        case 0xC2...0xDF:
            if cont(pos + 1) {
                pos &+= 2
                return
            }
        case 0xE0...0xEF:
            if cont(pos + 1) && cont(pos + 2) {
                let b1 = base[pos + 1]
                // Overlong forms and UTF-16 surrogates are not UTF-8.
                if !((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) {
                    pos &+= 3
                    return
                }
            }
        case 0xF0...0xF4:
            if cont(pos + 1) && cont(pos + 2) && cont(pos + 3) {
                let b1 = base[pos + 1]
                if !((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) {
                    pos &+= 4
                    return
                }
            }
        default: break
        }
        throw invalidUTF8()
    }

    /// The slow path: copy the content into the pool, decoding escapes.
    mutating func parseEscapedString(start: Int, contentStart: Int, parent: UInt32) throws(JSONParseError) {
        let poolStart = pool.count
        pool.append(contentsOf: UnsafeBufferPointer(start: base + contentStart, count: pos - contentStart))
        while pos < count {
            let b = base[pos]
            if b == UInt8(ascii: "\"") {
                nodes.append(JSONNode(kind: .string, flags: JSONNode.Flag.inPool, start: UInt32(start), end: UInt32(pos + 1), parent: parent, a: UInt32(poolStart), b: UInt32(pool.count), number: 0))
                pos &+= 1
                return
            }
            if b == UInt8(ascii: "\\") {
                try decodeEscape(stringStart: start)
            } else if b < 0x20 {
                throw controlCharacter(stringStart: start)
            } else if b >= 0x80 {
                let s = pos
                try validateUTF8()
                pool.append(contentsOf: UnsafeBufferPointer(start: base + s, count: pos - s))
            } else {
                pool.append(b)
                pos &+= 1
            }
        }
        throw unterminatedString(start)
    }

    mutating func decodeEscape(stringStart: Int) throws(JSONParseError) {
        let escapeStart = pos
        pos &+= 1
        guard pos < count else { throw unterminatedString(stringStart) }
        let e = base[pos]
        pos &+= 1
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
                guard pos + 1 < count, base[pos] == UInt8(ascii: "\\"), base[pos + 1] == UInt8(ascii: "u") else {
                    throw loneSurrogate(escapeStart, scalar)
                }
                let lowStart = pos
                pos &+= 2
                let low = try hex4Digits(lowStart)
                guard low >= 0xDC00 && low <= 0xDFFF else { throw loneSurrogate(escapeStart, scalar) }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00 && scalar <= 0xDFFF {
                throw loneSurrogate(escapeStart, scalar)
            }
            appendUTF8(scalar)
        default:
            pos = escapeStart
            throw invalidEscape()
        }
    }

    mutating func hex4Digits(_ escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard pos < count else { throw incompleteUnicodeEscape(escapeStart) }
            let c = base[pos]
            let d: UInt32
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
            default: throw incompleteUnicodeEscape(escapeStart)
            }
            v = v << 4 | d
            pos &+= 1
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

    @inline(__always) func isDigit(_ i: Int) -> Bool { i < count && base[i] &- 0x30 < 10 }

    @inline(__always) mutating func parseNumber(parent: UInt32) throws(JSONParseError) {
        let start = pos
        let negative = base[pos] == UInt8(ascii: "-")
        if negative { pos += 1 }
        guard isDigit(pos) else { throw numberError(start, "expected a digit after `-`") }
        var mantissa: UInt64 = 0
        var digits = 0
        if base[pos] == UInt8(ascii: "0") {
            pos &+= 1
            if isDigit(pos) { throw leadingZero(start) }
        } else {
            while isDigit(pos) {
                if digits < 19 { mantissa = mantissa &* 10 &+ UInt64(base[pos] &- 0x30) }
                digits += 1
                pos &+= 1
            }
        }
        var isInteger = true
        var fractionDigits = 0
        if pos < count && base[pos] == UInt8(ascii: ".") {
            isInteger = false
            pos &+= 1
            guard isDigit(pos) else { throw numberError(start, "expected a digit after `.`") }
            while isDigit(pos) {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(base[pos] &- 0x30)
                    fractionDigits += 1
                    // Leading zeros of the fraction are not significant digits.
                    if mantissa != 0 || digits > 0 { digits += 1 }
                } else {
                    digits += 1
                }
                pos &+= 1
            }
        }
        var exponent = 0
        if pos < count && base[pos] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            pos &+= 1
            var expNegative = false
            if pos < count && (base[pos] == UInt8(ascii: "+") || base[pos] == UInt8(ascii: "-")) {
                expNegative = base[pos] == UInt8(ascii: "-")
                pos &+= 1
            }
            guard isDigit(pos) else { throw numberError(start, "expected a digit in the exponent") }
            while isDigit(pos) {
                if exponent < 100_000 { exponent = exponent * 10 + Int(base[pos] &- 0x30) }
                pos &+= 1
            }
            if expNegative { exponent = -exponent }
        }
        // `12abc`, `1.5.2`: the number must end there.
        if pos < count && (isWordByte(base[pos]) || base[pos] == UInt8(ascii: ".")) { throw numberTail(start) }
        var value: Double
        var flags: UInt8 = isInteger ? JSONNode.Flag.isInteger : 0
        let e10 = exponent - fractionDigits
        if digits <= 19 && mantissa < (1 << 53) && (e10 >= -22 && e10 <= 22) {
            // Clinger's fast path: both factors are exact doubles, so one rounding.
            value = Double(mantissa)
            if e10 < 0 { value /= powersOf10[-e10] } else if e10 > 0 { value *= powersOf10[e10] }
        } else {
            value = slowNumber(start)
        }
        // Integers up to 2^53 in magnitude are exact; larger ones keep their
        // text for comparison. `mantissa` holds the digits whenever `digits` <= 19.
        if isInteger && digits <= 19 && mantissa <= 1 << 53 { flags |= JSONNode.Flag.isExact }
        if negative { value = -value }
        nodes.append(JSONNode(kind: .number, flags: flags, start: UInt32(start), end: UInt32(pos), parent: parent, a: 0, b: 0, number: value))
    }

    /// Magnitude of a number outside the fast path, correctly rounded by the standard library.
    @inline(never) func slowNumber(_ start: Int) -> Double {
        let unsigned = base[start] == UInt8(ascii: "-") ? start + 1 : start
        let text = String(decoding: UnsafeBufferPointer(start: base + unsigned, count: pos - unsigned), as: UTF8.self)
        return Double(text) ?? .nan
    }

    // MARK: - Errors
    //
    // Kept out of line, so the hot functions above stay small. Messages are
    // "expected X, found Y"; `help` says how to fix it.

    /// Can this byte continue a word (`true`, `NaN`, an unquoted key)?
    @inline(__always) func isWordByte(_ c: UInt8) -> Bool {
        (c | 0x20) &- UInt8(ascii: "a") < 26 || c &- 0x30 < 10 || c == UInt8(ascii: "_")
    }

    /// The word of letters, digits, `_`, `.`, `+`, `-` starting at `offset` (at most 40 bytes).
    func word(at offset: Int) -> String {
        var end = offset
        while end < count && end < offset + 40
            && (isWordByte(base[end]) || base[end] == UInt8(ascii: ".") || base[end] == UInt8(ascii: "+") || base[end] == UInt8(ascii: "-"))
        {
            end += 1
        }
        return text(offset, end)
    }

    func text(_ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: base + from, count: max(0, min(to, count) - from)), as: UTF8.self)
    }

    /// What is at `offset`, for "found …", and the bytes it covers.
    @inline(never) func describe(at offset: Int) -> (text: String, length: Int) {
        guard offset < count else { return ("end of input", 0) }
        let c = base[offset]
        switch c {
        case 0x0A, 0x0D: return ("end of line", 1)
        case 0x09: return ("a tab", 1)
        case 0x20: return ("a space", 1)
        case 0x00: return ("a NUL byte", 1)
        case 0x01..<0x20, 0x7F: return ("control character U+\(hex4(UInt32(c)))", 1)
        case UInt8(ascii: "\""):
            // A short string on the same line is shown whole.
            var end = offset + 1
            while end < count && end < offset + 40 && base[end] != UInt8(ascii: "\"") && base[end] >= 0x20 {
                end += base[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            if end < count && end < offset + 40 && base[end] == UInt8(ascii: "\"") {
                return ("`\(text(offset, end + 1))`", end + 1 - offset)
            }
            return ("a string", 1)
        case UInt8(ascii: "/") where offset + 1 < count && (base[offset + 1] == UInt8(ascii: "/") || base[offset + 1] == UInt8(ascii: "*")):
            return ("a comment", 2)
        case 0x80...:
            // The whole character if it is valid UTF-8.
            var end = offset + 1
            while end < count && end < offset + 4 && base[end] & 0xC0 == 0x80 { end += 1 }
            let s = text(offset, end)
            return s.contains("\u{FFFD}") ? ("byte 0x\(String(c, radix: 16, uppercase: true))", 1) : ("`\(s)`", end - offset)
        default:
            if isWordByte(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") {
                let w = word(at: offset)
                return ("`\(w)`", w.utf8.count)
            }
            return ("`\(Character(Unicode.Scalar(c)))`", 1)
        }
    }

    /// How to fix a token found where a value (or key) should be.
    func valueHelp(at offset: Int, isKey: Bool = false) -> String? {
        guard offset < count else { return nil }
        let c = base[offset]
        if c == UInt8(ascii: "'") { return "strings are written in double quotes" }
        if c == UInt8(ascii: "/") { return "JSON has no comments; remove it, or keep the note in a string field" }
        if c == UInt8(ascii: "<") { return "this looks like XML or HTML, not JSON" }
        if c == 0x00 { return "the file may be UTF-16; save it as UTF-8" }
        if c >= 0x80 && describe(at: offset).text.hasPrefix("byte") {
            return "the file is not valid UTF-8; save it as UTF-8"
        }
        if isKey {
            return isWordByte(c) ? "object keys must be in double quotes" : nil
        }
        switch word(at: offset) {
        case "True", "TRUE": return "JSON literals are lowercase: write `true`"
        case "False", "FALSE": return "JSON literals are lowercase: write `false`"
        case "Null", "NULL", "None", "nil": return "JSON writes no value as `null`"
        case "NaN", "Infinity", "-Infinity", "+Infinity", "inf", "-inf":
            return "JSON has no NaN or Infinity; write `null`, or leave the field out"
        case "undefined": return "JSON has no `undefined`; write `null`, or leave the field out"
        default: break
        }
        if c == UInt8(ascii: "+") { return "write the number without `+`" }
        if c == UInt8(ascii: "."), isDigit(offset + 1) { return "write a zero before the point: `0\(word(at: offset))`" }
        if isWordByte(c) { return "a value is a string in double quotes, a number, an object, an array, `true`, `false` or `null`" }
        return nil
    }

    /// The innermost open container, as a related place.
    func openContainer() -> JSONParseError.Related? {
        guard depth > 0 else { return nil }
        let n = nodes[Int(frames[depth - 1].node)]
        return JSONParseError.Related(offset: Int(n.start), text: "this \(n.kind == .object ? "object" : "array") is not closed")
    }

    @inline(never) func unexpectedValue() -> JSONParseError {
        let found = describe(at: pos)
        if atEnd {
            return JSONParseError(
                "E3001", "expected a value, found end of input", offset: pos, related: openContainer(),
                help: "the file ends too early; it may be truncated", reason: .expectedValue)
        }
        return JSONParseError("E3001", "expected a value, found \(found.text)", offset: pos, length: found.length, help: valueHelp(at: pos), reason: .expectedValue)
    }

    @inline(never) func expectedKey(comma: Int?) -> JSONParseError {
        let found = describe(at: pos)
        if let comma, peek == UInt8(ascii: "}") {
            return trailingComma(comma, closer: "}")
        }
        if atEnd {
            return JSONParseError(
                "E3001", "expected a string key, found end of input", offset: pos, related: openContainer(),
                help: "the file ends before the object is closed; it may be truncated", reason: .expectedKey)
        }
        var help = valueHelp(at: pos, isKey: true)
        // `2,35` written with a decimal comma reads as 2, then a key `35`.
        if let comma, isDigit(pos), comma == pos - 1, let last = nodes.last, last.kind == .number, Int(last.end) == comma {
            let number = text(Int(last.start), comma) + "." + word(at: pos)
            help = "if `\(text(Int(last.start), pos))\(word(at: pos))` is one number, write it with a decimal point: `\(number)`"
        }
        return JSONParseError("E3001", "expected a string key, found \(found.text)", offset: pos, length: found.length, help: help, reason: .expectedKey)
    }

    @inline(never) func trailingComma(_ comma: Int, closer: String) -> JSONParseError {
        let what = closer == "}" ? "a string key" : "a value"
        return JSONParseError(
            "E3001", "expected \(what) after ',', found `\(closer)`", offset: pos,
            related: JSONParseError.Related(offset: comma, text: "remove this trailing comma"),
            help: "JSON allows no comma after the last \(closer == "}" ? "member" : "element")", reason: .trailingComma(comma: UInt32(clamping: comma)))
    }

    @inline(never) func expectedColon() -> JSONParseError {
        let found = describe(at: pos)
        return JSONParseError(
            "E3001", "expected ':' after an object key, found \(found.text)", offset: pos, length: found.length,
            related: atEnd ? openContainer() : nil,
            help: atEnd ? "the file ends before the object is closed; it may be truncated" : "write `:` between a key and its value", reason: .expectedColon)
    }

    @inline(never) func expectedSeparator(isObject: Bool) -> JSONParseError {
        let found = describe(at: pos)
        let closer = isObject ? "}" : "]"
        let what = isObject ? "',' or '}' after an object member" : "',' or ']' after an array element"
        let kind = isObject ? "object" : "array"
        let c = peek
        var help: String? = nil
        var related: JSONParseError.Related? = nil
        if atEnd {
            related = openContainer()
            help = "the file ends before the \(kind) is closed; it may be truncated"
        } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
            related = openContainer()
            help = "close the \(kind) with `\(closer)` first"
        } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "{") || c == UInt8(ascii: "[") || isWordByte(c) || c == UInt8(ascii: "-") {
            help = "a comma is probably missing before this"
        } else if c == UInt8(ascii: ":") && !isObject {
            help = "an array holds values, not `key: value` members; use an object `{…}`"
        } else {
            help = valueHelp(at: pos)
        }
        let container = depth > 0 ? nodes[Int(frames[depth - 1].node)].start : 0
        return JSONParseError(
            "E3001", "expected \(what), found \(found.text)", offset: pos, length: found.length, related: related, help: help,
            reason: .expectedSeparator(isObject: isObject, container: container))
    }

    @inline(never) func trailingContent() -> JSONParseError {
        let found = describe(at: pos)
        return JSONParseError(
            "E3008", "expected end of input after the top-level value, found \(found.text)", offset: pos, length: found.length,
            help: "a document holds one value; use NDJSON (one document per line) for several", reason: .trailingContent)
    }

    @inline(never) func tooDeep() -> JSONParseError {
        JSONParseError(
            "E3006", "nesting deeper than \(JSONParser.maxDepth) levels", offset: pos,
            help: "a dossier never needs this depth; the file is probably generated wrongly", reason: .tooDeep)
    }

    @inline(never) func unterminatedString(_ start: Int) -> JSONParseError {
        JSONParseError("E3001", "unterminated string", offset: start, label: "this string is never closed", help: "add the closing `\"`", reason: .unterminatedString)
    }

    @inline(never) func controlCharacter(stringStart: Int) -> JSONParseError {
        let b = base[pos]
        if b == 0x0A || b == 0x0D {
            return JSONParseError(
                "E3003", "expected the closing `\"` of a string, found end of line", offset: pos,
                related: JSONParseError.Related(offset: stringStart, text: "the string starts here"),
                help: "a string cannot span lines: close it, or write the line break as `\\n`", reason: .controlCharacter)
        }
        let (name, escape): (String, String) =
            switch b {
            case 0x09: (" (tab)", "\\t")
            case 0x08: (" (backspace)", "\\b")
            case 0x0C: (" (form feed)", "\\f")
            case 0x00: (" (NUL)", "\\u0000")
            default: ("", "\\u\(hex4(UInt32(b)))")
            }
        return JSONParseError("E3003", "control character U+\(hex4(UInt32(b)))\(name) in a string", offset: pos, help: "write it as `\(escape)`", reason: .controlCharacter)
    }

    @inline(never) func invalidUTF8() -> JSONParseError {
        JSONParseError(
            "E3002", "invalid UTF-8 byte 0x\(String(base[pos], radix: 16, uppercase: true)) in a string", offset: pos,
            help: "save the file as UTF-8 (it may be in a legacy encoding such as Windows-1258, TCVN3 or VNI)", reason: .invalidUTF8)
    }

    @inline(never) func invalidEscape() -> JSONParseError {
        let e = pos + 1 < count ? base[pos + 1] : 0
        let shown = e >= 0x21 && e < 0x7F ? String(Character(Unicode.Scalar(e))) : "U+\(hex4(UInt32(e)))"
        return JSONParseError(
            "E3004", "invalid escape `\\\(shown)` in a string", offset: pos, length: 2,
            help: "valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a backslash as `\\\\`", reason: .invalidEscape)
    }

    @inline(never) func incompleteUnicodeEscape(_ escapeStart: Int) -> JSONParseError {
        JSONParseError(
            "E3004", "expected four hex digits after `\\u`, found \(describe(at: pos).text)", offset: escapeStart,
            length: pos - escapeStart + 1, help: "write a character as `\\u` and four hex digits, e.g. `\\u00E9` for `é`",
            reason: .incompleteUnicodeEscape)
    }

    @inline(never) func loneSurrogate(_ escapeStart: Int, _ scalar: UInt32) -> JSONParseError {
        let isHigh = scalar < 0xDC00
        return JSONParseError(
            "E3005", "lone surrogate `\\u\(hex4(scalar))` in a string", offset: escapeStart, length: 6,
            help: isHigh
                ? "a high surrogate must be followed by a low one (`\\uDC00`–`\\uDFFF`); or write the character itself in UTF-8"
                : "a low surrogate must follow a high one (`\\uD800`–`\\uDBFF`); or write the character itself in UTF-8",
            reason: .loneSurrogate)
    }

    @inline(never) func numberError(_ start: Int, _ what: String) -> JSONParseError {
        let found = describe(at: pos)
        var help: String? = nil
        if base[start] == UInt8(ascii: "-") && pos == start + 1 { help = valueHelp(at: start) }
        return JSONParseError(
            "E3007", "invalid number `\(text(start, pos))`: \(what), found \(found.text)", offset: pos,
            length: found.length, help: help, reason: .invalidNumber(start: UInt32(start)))
    }

    @inline(never) func leadingZero(_ start: Int) -> JSONParseError {
        let w = word(at: start)
        let unsigned = w.hasPrefix("-") ? String(w.dropFirst()) : w
        let trimmed = String(unsigned.drop { $0 == "0" })
        let fixed = (w.hasPrefix("-") ? "-" : "") + (trimmed.isEmpty || trimmed.hasPrefix(".") ? "0" + trimmed : trimmed)
        return JSONParseError(
            "E3007", "invalid number `\(w)`: leading zero", offset: start, length: w.utf8.count,
            help: "write `\(fixed)`; if the zeros matter (a code, not a quantity), write it as a string: `\"\(w)\"`",
            reason: .invalidNumber(start: UInt32(start)))
    }

    @inline(never) func numberTail(_ start: Int) -> JSONParseError {
        let found = describe(at: pos)
        var help: String? = nil
        if text(start, pos) == "0" && (base[pos] | 0x20) == UInt8(ascii: "x") { help = "JSON numbers are decimal; write it in decimal" }
        else if isWordByte(base[pos]) { help = "if this is text, write it as a string in double quotes" }
        return JSONParseError(
            "E3007", "invalid number: unexpected \(found.text) after `\(text(start, pos))`", offset: pos, length: found.length,
            help: help, reason: .invalidNumber(start: UInt32(start)))
    }
}

private let powersOf10: [Double] = (0...22).map { k in
    var v = 1.0
    for _ in 0..<k { v *= 10 }
    return v
}

/// Four or more uppercase hex digits, as in `U+00E9`.
func hex4(_ v: UInt32) -> String {
    let s = String(v, radix: 16, uppercase: true)
    return String(repeating: "0", count: max(0, 4 - s.count)) + s
}
