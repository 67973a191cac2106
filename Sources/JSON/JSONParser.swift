import CJSONScan
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
        /// Short text shown under it, in both languages.
        package var text: LocalizedText

        /// A place `length` bytes long at `offset`, with its text.
        package init(offset: Int, length: Int = 1, text: LocalizedText) {
            self.offset = UInt32(clamping: offset)
            self.length = UInt32(clamping: length)
            self.text = text
        }
    }

    /// E3xxx: the kind of problem, stable across releases.
    package var code: DiagnosticCode
    /// One line, "expected …, found …", in both languages.
    package var messageText: LocalizedText
    /// The message in English.
    package var message: String { messageText.en }
    /// Offset of the offending byte, starting at 0; at most the input's length.
    package var offset: UInt32
    /// Bytes the offending token covers (at least one is underlined).
    package var length: UInt32
    /// Short text shown under the offending bytes.
    package var label: LocalizedText?
    /// A second place that explains the error, if any.
    package var related: Related?
    /// How to fix it, in both languages.
    package var helpText: LocalizedText?
    /// The help in English.
    package var help: String? { helpText?.en }
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

    /// An error at `offset`, covering `length` bytes, with texts from the catalogue.
    package init(
        _ code: DiagnosticCode, _ message: LocalizedText, offset: Int, length: Int = 1, label: LocalizedText? = nil,
        related: Related? = nil, help: LocalizedText? = nil, reason: Reason = .input
    ) {
        self.code = code
        self.messageText = message
        self.offset = UInt32(clamping: offset)
        self.length = UInt32(clamping: length)
        self.label = label
        self.related = related
        self.helpText = help
        self.reason = reason
    }

    /// The error as a diagnostic pointing into `file`.
    package func diagnostic(file: FileID) -> Diagnostic {
        let span = Span(file: file, start: offset, end: offset &+ max(1, length))
        let secondary = related.map { [Label(Span(file: file, start: $0.offset, end: $0.offset &+ max(1, $0.length)), $0.text)] } ?? []
        return Diagnostic(code, .error, messageText, at: Label(span, label), secondary: secondary, help: helpText)
    }
}

/// Strict RFC 8259 parsing on UTF-8 bytes, keeping every value's span.
package enum JSONParser {
    /// Containers nested deeper than this are an error, never a stack overflow.
    package static let maxDepth = 512

    /// Parses one document. A leading BOM is skipped; duplicate keys are
    /// recorded on the document, not errors.
    package static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONDocument {
        try parse(bytes, fastPath: true)
    }

    /// Does the well-formed fast path alone parse `bytes` (without falling
    /// back to the careful parse)? For the tests, which show that it is
    /// taken for the common documents and agrees with the careful parse.
    package static func fastPathAccepts(_ bytes: [UInt8]) -> Bool {
        guard bytes.count < Int(UInt32.max) else { return false }
        let capacity = (bytes.count + 1) / 2 + 1
        let storage = UnsafeMutablePointer<JSONNode>.allocate(capacity: capacity)
        defer { storage.deallocate() }
        return bytes.withUnsafeBufferPointer { buf in
            var p = Parser(input: buf, storage: storage, capacity: capacity)
            defer { p.deallocate() }
            if p.count >= 3 && p.base[0] == 0xEF && p.base[1] == 0xBB && p.base[2] == 0xBF { p.pos = 3 }
            p.skipWhitespace()
            return p.parseWellFormed()
        }
    }

    /// `parse`, choosing whether the well-formed fast path is tried first
    /// (the tests compare both ways; they must give the same document).
    package static func parse(_ bytes: [UInt8], fastPath: Bool) throws(JSONParseError) -> JSONDocument {
        // Spans are 32-bit offsets.
        guard bytes.count < Int(UInt32.max) else {
            throw JSONParseError("E3009", localize(InputMessage.tooLarge, ["bytes": .text(String(bytes.count))]), offset: 0, help: localize(InputMessage.tooLargeHelp))
        }
        var pool: [UInt8] = []
        var duplicates: [DuplicateKey] = []
        var result: JSONParseError? = nil
        // Nodes are written straight into the array's storage (no append, no
        // copy); a document with more values than the guess moves them to a
        // bigger buffer of the parser's, copied into an array once at the end.
        // About one value per 16 bytes of pretty-printed dossier, one per 16
        // to 10 of compact NDJSON (a spill costs more than the room); never more
        // than (n + 1) / 2 in n bytes (a container's own bytes outnumber its
        // children, a scalar has at least one).
        let guess = min(bytes.count / 10 + 8, (bytes.count + 1) / 2 + 1)
        var spilled: ContiguousArray<JSONNode>? = nil
        var nodes = ContiguousArray<JSONNode>(unsafeUninitializedCapacity: guess) { storage, initialized in
            bytes.withUnsafeBufferPointer { buf in
                var p = Parser(input: buf, storage: storage.baseAddress!, capacity: storage.count)
                p.tryFastPath = fastPath
                defer { p.deallocate() }
                do throws(JSONParseError) {
                    try p.parseDocument()
                } catch {
                    result = error
                    initialized = 0
                    return
                }
                if p.nodes == storage.baseAddress! {
                    initialized = p.nodeCount
                } else {
                    initialized = 0
                    spilled = ContiguousArray(UnsafeBufferPointer(start: p.nodes, count: p.nodeCount))
                }
                pool = p.pool
                duplicates = p.duplicates
            }
        }
        if let e = result { throw e }
        if let s = spilled { nodes = s }
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
    /// An object (else an array).
    var isObject: Bool
}

/// A key of an open object, for finding duplicates when the object closes.
private struct KeyEntry {
    /// Length and a few content bytes: equal keys have equal signatures.
    var signature: UInt64
    /// Index of the key's node.
    var node: UInt32
}

private let ones: UInt64 = 0x0101_0101_0101_0101

/// An offset or index as stored in a node: the input is shorter than
/// `UInt32.max` (checked once in `parse`), so no check per value.
@inline(__always) private func u32(_ x: Int) -> UInt32 { UInt32(truncatingIfNeeded: x) }
private let highBits: UInt64 = 0x8080_8080_8080_8080

// Be careful when changing this struct: it is the hot path of `check` and is
// optimized (byte loops, word-at-a-time scanning, no per-value allocation but
// the node array; error paths are kept out of line).
private struct Parser {
    let base: UnsafePointer<UInt8>
    let count: Int
    var pos = 0
    /// The nodes so far: the result array's storage, or after a spill a buffer of the parser's.
    var nodes: UnsafeMutablePointer<JSONNode>
    var nodeCount = 0
    var nodeCapacity: Int
    /// The result array's storage (never freed here).
    let storage: UnsafeMutablePointer<JSONNode>
    var pool: [UInt8] = []
    var duplicates: [DuplicateKey] = []
    /// Open containers, innermost at `depth - 1`; sized for `maxDepth`, so never grows.
    let frames: UnsafeMutablePointer<Frame>
    var depth = 0
    /// Keys of the open objects, innermost object's last.
    var keys: UnsafeMutablePointer<KeyEntry>
    var keyCount = 0
    var keyCapacity = 64
    /// Try `parseWellFormed` before `parseValues`.
    var tryFastPath = true

    init(input: UnsafeBufferPointer<UInt8>, storage: UnsafeMutablePointer<JSONNode>, capacity: Int) {
        // A dangling but never dereferenced pointer for empty input.
        self.base = input.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.count = input.count
        frames = .allocate(capacity: JSONParser.maxDepth + 1)
        keys = .allocate(capacity: keyCapacity)
        self.storage = storage
        nodes = storage
        nodeCapacity = capacity
    }

    func deallocate() {
        frames.deallocate()
        keys.deallocate()
        if nodes != storage { nodes.deallocate() }
    }

    /// Adds a node; its `ordinal` is set by the caller that knows it.
    @inline(__always) mutating func append(_ node: JSONNode) {
        if nodeCount == nodeCapacity { spill() }
        (nodes + nodeCount).initialize(to: node)
        nodeCount &+= 1
    }

    /// Moves the nodes to a buffer twice as big (plain values: a move is a copy).
    @inline(never) mutating func spill() {
        let bigger = UnsafeMutablePointer<JSONNode>.allocate(capacity: max(16, nodeCapacity * 2))
        bigger.moveInitialize(from: nodes, count: nodeCount)
        if nodes != storage { nodes.deallocate() }
        nodes = bigger
        nodeCapacity = max(16, nodeCapacity * 2)
    }

    /// The ordinal a new child of the innermost open container gets (see `JSONNode.ordinal`).
    @inline(__always) func childOrdinal() -> UInt16 {
        guard depth > 0 else { return 0 }
        return UInt16(truncatingIfNeeded: min(frames[depth &- 1].count, UInt32(UInt16.max)))
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
            throw JSONParseError("E3002", localize(InputMessage.utf16BOM), offset: 0, length: 2, help: localize(InputMessage.saveAsUTF8))
        }
        skipWhitespace()
        if atEnd {
            let isEmpty = count == 0 || (count == 3 && pos == 3 && base[0] == 0xEF)
            throw JSONParseError(
                "E3001", localize(InputMessage.expectedJSONValueAtEnd), offset: pos,
                help: localize(isEmpty ? InputMessage.fileEmpty : .fileOnlyWhitespace))
        }
        documentStart = pos
        if !tryFastPath || !parseWellFormed() {
            // Not the common shape, or an error somewhere: from the start
            // again, the careful way, which finds and words the first error.
            resetForCarefulParse()
            try parseValues()
        }
        skipWhitespace()
        if !atEnd { throw trailingContent() }
    }

    /// Where the document's value starts, for `resetForCarefulParse`.
    var documentStart = 0

    /// Forgets what `parseWellFormed` built, for `parseValues` to start over.
    mutating func resetForCarefulParse() {
        pos = documentStart
        nodeCount = 0
        depth = 0
        keyCount = 0
        pool.removeAll(keepingCapacity: true)
        duplicates.removeAll(keepingCapacity: true)
    }

    /// Parses the value at `pos` when the document has the common shape —
    /// compact or pretty-printed, strings short or long, escapes, integers
    /// and fractions — building exactly the nodes `parseValues` builds, with
    /// the parser's state in locals (registers) rather than in `self`.
    /// Returns false at anything wrong or unusual (an error of any kind, a
    /// container nested too deep), leaving the state to
    /// `resetForCarefulParse`: the careful parse then finds the first error
    /// and words it, so every message and position is the careful one's.
    mutating func parseWellFormed() -> Bool {
        let base = self.base, count = self.count
        var p = pos
        var n = nodeCount
        var nodes = self.nodes
        var keyCount = self.keyCount
        var depth = 0
        // The innermost open container; its parents are in `frames[0..<depth - 1]`.
        // At the root its node is `UInt32.max`, the root's parent, and its count 0.
        var cur = Frame(node: UInt32.max, count: 0, firstKey: 0, isObject: false)
        var wantKey = false

        /// Hands the locals to `self`, for a method of the careful parser.
        func store() {
            self.pos = p
            self.nodeCount = n
            self.keyCount = keyCount
        }
        /// Takes the state back after such a method.
        func load() {
            p = self.pos
            n = self.nodeCount
            nodes = self.nodes
            keyCount = self.keyCount
        }
        /// Adds a node; room was made at the top of the loop (`value:`).
        func emit(_ node: JSONNode) {
            (nodes + n).initialize(to: node)
            n &+= 1
        }
        func recordKey(_ index: Int, _ signature: UInt64) {
            if keyCount == self.keyCapacity {
                store()
                growKeys()
            }
            self.keys[keyCount] = KeyEntry(signature: signature, node: u32(index))
            keyCount &+= 1
        }
        /// `skipWhitespace` on `p`: runs of spaces (pretty-printed
        /// documents, and those joined onto one line) a word at a time.
        @inline(__always) func skipSpace() {
            while p < count {
                let b = base[p]
                if b == 0x20 {
                    p &+= 1
                    while p &+ 8 <= count {
                        let notSpace = UInt64(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt64.self)) ^ 0x2020_2020_2020_2020
                        if notSpace != 0 {
                            p &+= notSpace.trailingZeroBitCount &>> 3
                            break
                        }
                        p &+= 8
                    }
                } else if b == 0x0A || b == 0x0D || b == 0x09 {
                    p &+= 1
                } else {
                    return
                }
            }
        }

        value: while true {
            // Room for the two nodes an iteration may add here (a key and
            // a value); the careful parser's methods check for themselves.
            if nodeCapacity &- n < 2 {
                store()
                spill()
                load()
            }
            if wantKey {
                // `"key": ` before a member's value.
                guard p < count && base[p] == UInt8(ascii: "\"") else { return false }
                let contentStart = p &+ 1
                var done = false
                // An ASCII key without escapes: 16 bytes at a time to its
                // closing quote (most keys end in the first 16).
                var i = contentStart
                var stops: UInt32 = 0
                while i &+ 16 <= count {
                    stops = tuanthu_json_stops16(base + i)
                    if stops != 0 { break }
                    i &+= 16
                }
                if stops != 0 {
                    let end = i &+ Int(stops.trailingZeroBitCount)
                    if base[end] == UInt8(ascii: "\"") {
                        // The signature `addASCIIKey` gives.
                        let k = end &- contentStart
                        let w = UInt64(littleEndian: UnsafeRawPointer(base + contentStart).loadUnaligned(as: UInt64.self))
                        var signature = (k >= 8 ? w : w & ((1 &<< (UInt64(k) &<< 3)) &- 1)) ^ (UInt64(truncatingIfNeeded: k) &* 0x9E37_79B9_7F4A_7C15)
                        if k > 8 {
                            let last = UInt64(littleEndian: UnsafeRawPointer(base + (end &- 8)).loadUnaligned(as: UInt64.self))
                            signature ^= (last &* 0xC2B2_AE3D_27D4_EB4F) &>> 7
                        }
                        let index = n
                        emit(JSONNode(kind: .string, flags: JSONNode.Flag.isKey, ordinal: 0, start: u32(p), end: u32(end &+ 1), parent: cur.node,
                                      a: u32(contentStart), b: u32(end), number: 0))
                        recordKey(index, signature)
                        p = end &+ 1
                        done = true
                    }
                }
                if !done {
                    // Long, non-ASCII or escaped: the careful string parse.
                    let index = n
                    store()
                    guard wellFormedString(parent: cur.node) else { return false }
                    load()
                    nodes[index].flags |= JSONNode.Flag.isKey
                    recordKey(index, keySignature(index))
                }
                // `: ` (one 16-bit compare) then the value, as most writers put it.
                if p &+ 3 <= count && UnsafeRawPointer(base + p).loadUnaligned(as: UInt16.self) == UInt16(littleEndian: 0x203A) && base[p &+ 2] > 0x20 {
                    p &+= 2
                } else {
                    skipSpace()
                    guard p < count && base[p] == UInt8(ascii: ":") else { return false }
                    p &+= 1
                    skipSpace()
                }
                wantKey = false
            }
            // A value at `p`, white space skipped.
            guard p < count else { return false }
            let c = base[p]
            let parent = cur.node
            let ordinal = UInt16(truncatingIfNeeded: min(cur.count, UInt32(UInt16.max)))
            if c == UInt8(ascii: "\"") {
                let contentStart = p &+ 1
                var end = 0
                var done = false
                // Where the long scan starts: the bytes before the first stop
                // of the 16 checked here are plain ASCII, so the scan (and its
                // UTF-8 check) may start there and find what it would from the start.
                var scanStart = contentStart
                if contentStart &+ 16 <= count {
                    let stops = tuanthu_json_stops16(base + contentStart)
                    if stops != 0 {
                        end = contentStart &+ Int(stops.trailingZeroBitCount)
                        done = base[end] == UInt8(ascii: "\"")
                        scanStart = end
                    } else {
                        scanStart = contentStart &+ 16
                    }
                }
                if !done {
                    let scan = tuanthu_json_scan_string(base + scanStart, count &- scanStart)
                    end = scanStart &+ Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: scan))
                    if scan & TUANTHU_JSON_SCAN_CHECK != 0 && !isUTF8(from: contentStart, to: end) { return false }
                    guard end < count else { return false }
                    if base[end] != UInt8(ascii: "\"") {
                        guard base[end] == UInt8(ascii: "\\") else { return false }
                        let slot = n
                        store()
                        self.pos = end
                        guard wellFormedEscapedString(start: p, contentStart: contentStart, parent: parent) else { return false }
                        load()
                        nodes[slot].ordinal = ordinal
                        done = false
                    } else {
                        done = true
                    }
                }
                if done {
                    emit(JSONNode(kind: .string, flags: 0, ordinal: ordinal, start: u32(p), end: u32(end &+ 1), parent: parent,
                                  a: u32(contentStart), b: u32(end), number: 0))
                    p = end &+ 1
                }
            } else if c &- 0x30 < 10 || c == UInt8(ascii: "-") {
                // A short number (`shortNumber`) here; anything else by the careful reader.
                if let number = shortNumber(base, count, p) {
                    emit(JSONNode(kind: .number, flags: number.isInteger ? JSONNode.Flag.isInteger | JSONNode.Flag.isExact : 0, ordinal: ordinal,
                                  start: u32(p), end: u32(number.end), parent: parent, a: 0, b: 0, number: number.value))
                    p = number.end
                } else {
                    let slot = n
                    store()
                    guard wellFormedNumber(parent: parent) else { return false }
                    load()
                    nodes[slot].ordinal = ordinal
                }
            } else if c | 0x20 == UInt8(ascii: "{") {
                // `{` or `[` (0x5B | 0x20 is 0x7B).
                if depth >= JSONParser.maxDepth { return false }
                let isObject = c == UInt8(ascii: "{")
                let index = u32(n)
                emit(JSONNode(kind: isObject ? .object : .array, flags: 0, ordinal: ordinal, start: u32(p), end: 0, parent: parent, a: 0, b: 0, number: 0))
                if depth > 0 { frames[depth &- 1] = cur }
                cur = Frame(node: index, count: 0, firstKey: u32(keyCount), isObject: isObject)
                depth &+= 1
                p &+= 1
                if p < count && base[p] <= 0x20 { skipSpace() }
                guard p < count else { return false }
                if base[p] != c &+ 2 {  // `}` is `{` + 2, `]` is `[` + 2
                    wantKey = isObject
                    continue value
                }
                // Empty: closed below, as a value of its parent.
                p &+= 1
                depth &-= 1
                nodes[Int(index)].end = u32(p)
                nodes[Int(index)].a = u32(n)
                if depth > 0 { cur = frames[depth &- 1] } else { cur = Frame(node: UInt32.max, count: 0, firstKey: 0, isObject: false) }
            } else if c == UInt8(ascii: "t") || c == UInt8(ascii: "n") {
                guard p &+ 4 <= count else { return false }
                let word = UInt32(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt32.self))
                let isTrue = word == 0x6575_7274
                guard isTrue || word == 0x6C6C_756E else { return false }
                if p &+ 4 < count && isWordByte(base[p &+ 4]) { return false }
                emit(JSONNode(kind: isTrue ? .bool : .null, flags: isTrue ? JSONNode.Flag.isTrue : 0, ordinal: ordinal, start: u32(p), end: u32(p &+ 4),
                              parent: parent, a: 0, b: 0, number: isTrue ? 1 : 0))
                p &+= 4
            } else if c == UInt8(ascii: "f") {
                guard p &+ 5 <= count, UInt32(littleEndian: UnsafeRawPointer(base + p).loadUnaligned(as: UInt32.self)) == 0x736C_6166,
                    base[p &+ 4] == UInt8(ascii: "e")
                else { return false }
                if p &+ 5 < count && isWordByte(base[p &+ 5]) { return false }
                emit(JSONNode(kind: .bool, flags: 0, ordinal: ordinal, start: u32(p), end: u32(p &+ 5), parent: parent, a: 0, b: 0, number: 0))
                p &+= 5
            } else {
                return false
            }
            // After a value: continue its container, or close it, or finish.
            while true {
                if depth == 0 {
                    store()
                    return true
                }
                cur.count &+= 1
                // `, ` then the next value, as most writers put it.
                if p &+ 3 <= count && UnsafeRawPointer(base + p).loadUnaligned(as: UInt16.self) == UInt16(littleEndian: 0x202C) && base[p &+ 2] > 0x20 {
                    p &+= 2
                    wantKey = cur.isObject
                    continue value
                }
                guard p < count else { return false }
                var s = base[p]
                if s <= 0x20 {
                    skipSpace()
                    guard p < count else { return false }
                    s = base[p]
                }
                if s == UInt8(ascii: ",") {
                    p &+= 1
                    skipSpace()
                    wantKey = cur.isObject
                    continue value
                }
                guard s == (cur.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) else { return false }
                p &+= 1
                depth &-= 1
                let node = Int(cur.node)
                nodes[node].end = u32(p)
                nodes[node].a = u32(n)
                nodes[node].b = cur.count
                if cur.isObject {
                    if cur.count > 1 {
                        // `findDuplicateKeys`' first pass, here: most objects
                        // set no bit of the filter twice, and have no repeated key.
                        let first = Int(cur.firstKey)
                        var collides = keyCount &- first > 32
                        var seen: UInt64 = 0
                        var j = first
                        let keys = self.keys
                        while !collides && j < keyCount {
                            let bit: UInt64 = 1 &<< ((keys[j].signature &* 0x9E37_79B9_7F4A_7C15) &>> 58)
                            collides = seen & bit != 0
                            seen |= bit
                            j &+= 1
                        }
                        if collides {
                            store()
                            findDuplicateKeys(object: cur.node, from: first)
                        }
                    }
                    keyCount = Int(cur.firstKey)
                }
                if depth > 0 { cur = frames[depth &- 1] }
            }
        }
    }

    /// `validateUTF8(from:to:)` as a yes or no.
    mutating func isUTF8(from: Int, to: Int) -> Bool {
        do throws(JSONParseError) {
            try validateUTF8(from: from, to: to)
            return true
        } catch {
            return false
        }
    }

    /// `parseString` at `pos`, false on an error.
    @inline(never) mutating func wellFormedString(parent: UInt32) -> Bool {
        do throws(JSONParseError) {
            try parseString(parent: parent)
            return true
        } catch {
            return false
        }
    }

    /// `parseEscapedString` at the first backslash (`pos`), false on an error.
    @inline(never) mutating func wellFormedEscapedString(start: Int, contentStart: Int, parent: UInt32) -> Bool {
        do throws(JSONParseError) {
            try parseEscapedString(start: start, contentStart: contentStart, parent: parent)
            return true
        } catch {
            return false
        }
    }

    /// `parseOtherNumber` at `pos`, false on an error.
    @inline(never) mutating func wellFormedNumber(parent: UInt32) -> Bool {
        do throws(JSONParseError) {
            try parseOtherNumber(parent: parent)
            return true
        } catch {
            return false
        }
    }

    /// Parses one value, iteratively: open containers are kept in `frames`,
    /// so depth costs no machine stack.
    mutating func parseValues() throws(JSONParseError) {
        var parent = UInt32.max
        while true {
            // A value is expected at `pos` (whitespace skipped); its node will be `slot`.
            let b = peek
            let slot = nodeCount
            let ordinal = childOrdinal()
            switch b {
            case UInt8(ascii: "\""):
                try parseString(parent: parent)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if depth >= JSONParser.maxDepth { throw tooDeep() }
                let index = u32(nodeCount)
                let isObject = b == UInt8(ascii: "{")
                append(JSONNode(kind: isObject ? .object : .array, flags: 0, ordinal: ordinal, start: u32(pos), end: 0, parent: parent, a: 0, b: 0, number: 0))
                frames[depth] = Frame(node: index, count: 0, firstKey: u32(keyCount), isObject: isObject)
                depth &+= 1
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
            nodes[slot].ordinal = ordinal
            // After a value: it belongs to the innermost container; continue
            // that container, or close it, or finish the document.
            while true {
                if depth == 0 { return }
                let top = depth - 1
                frames[top].count &+= 1
                skipWhitespace()
                let c = peek
                let node = frames[top].node
                let isObject = frames[top].isObject
                if c == UInt8(ascii: ",") {
                    let comma = pos
                    pos &+= 1
                    // `, ` then the next value, as most writers put it.
                    if pos &+ 1 < count && base[pos] == 0x20 && base[pos &+ 1] > 0x20 {
                        pos &+= 1
                    } else {
                        skipWhitespace()
                    }
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
        depth &-= 1
        let frame = frames[depth]
        let end = u32(pos)
        let next = u32(nodeCount)
        nodes[Int(frame.node)].end = end
        nodes[Int(frame.node)].a = next
        nodes[Int(frame.node)].b = frame.count
        if frame.isObject {
            if frame.count > 1 { findDuplicateKeys(object: frame.node, from: Int(frame.firstKey)) }
            keyCount = Int(frame.firstKey)
        }
    }

    // MARK: Keys

    /// Parses `"key"` and the `:` after it; the value comes next. `comma` is
    /// the offset of the comma before the key, if any.
    ///
    /// The common key (ASCII, no escape, then `: ` and a value) is parsed
    /// here, inline in `parseValues`; anything else goes out of line, so
    /// that the error paths' frame is not set up for every key.
    @inline(__always) mutating func parseKey(object: UInt32, comma: Int?) throws(JSONParseError) {
        if pos < count && base[pos] == UInt8(ascii: "\"") && parseASCIIKey(object: object) {
            // Most keys are followed by `: ` and the value.
            if pos &+ 3 <= count && base[pos] == UInt8(ascii: ":") && base[pos &+ 1] == 0x20 && base[pos &+ 2] > 0x20 {
                pos &+= 2
                return
            }
            return try parseColon()
        }
        try parseOtherKey(object: object, comma: comma)
    }

    /// `parseKey` for a key that is not plain ASCII (escapes, other
    /// characters, errors).
    @inline(never) mutating func parseOtherKey(object: UInt32, comma: Int?) throws(JSONParseError) {
        guard peek == UInt8(ascii: "\"") else { throw expectedKey(comma: comma) }
        let index = nodeCount
        try parseString(parent: object)
        nodes[index].flags |= JSONNode.Flag.isKey
        recordKey(index, signature: keySignature(index))
        try parseColon()
    }

    /// The `:` after a key (white space around it), when not simply `: `.
    @inline(never) mutating func parseColon() throws(JSONParseError) {
        skipWhitespace()
        guard peek == UInt8(ascii: ":") else { throw expectedColon() }
        pos &+= 1
        skipWhitespace()
    }

    /// The common key: ASCII, no escape, no control byte. Adds its node and
    /// returns true; else leaves `pos` where it was for `parseString` (which
    /// finds the same end, or the error) and returns false.
    @inline(__always) mutating func parseASCIIKey(object: UInt32) -> Bool {
        let start = pos
        var i = start &+ 1
        // The key's first eight bytes (or fewer, the rest masked off) make
        // its signature for `findDuplicateKeys`, with its length and last
        // eight bytes: no second pass over the key.
        var first: UInt64 = 0
        // Most keys end within 16 bytes: one vector check.
        if i &+ 16 <= count {
            let stops = tuanthu_json_stops16(base + i)
            if stops != 0 {
                let n = Int(stops.trailingZeroBitCount)
                let end = i &+ n
                guard base[end] == UInt8(ascii: "\"") else { return false }
                let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                addASCIIKey(start: start, closingQuote: end, first: n >= 8 ? w : w & ((1 &<< (UInt64(n) &<< 3)) &- 1), object: object)
                return true
            }
        }
        while i &+ 8 <= count {
            let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let q = w ^ (ones &* 0x22), s = w ^ (ones &* 0x5C)
            // As in `parseString`, and a non-ASCII byte stops too.
            let stop = (((w &- ones &* 0x20) & ~w) | ((q &- ones) & ~q) | ((s &- ones) & ~s) | w) & highBits
            if stop != 0 {
                let k = stop.trailingZeroBitCount &>> 3
                if i == start &+ 1 { first = w & ((1 &<< (UInt64(k) &<< 3)) &- 1) }
                i &+= k
                guard base[i] == UInt8(ascii: "\"") else { return false }
                addASCIIKey(start: start, closingQuote: i, first: first, object: object)
                return true
            }
            if i == start &+ 1 { first = w }
            i &+= 8
        }
        return false
    }

    /// Adds the key node of an ASCII key without escapes (its opening quote
    /// at `start`, its closing one at `closingQuote`), with its signature
    /// for `findDuplicateKeys`: `first` (its first eight bytes, the rest
    /// masked off), its length and its last eight bytes.
    @inline(__always) mutating func addASCIIKey(start: Int, closingQuote end: Int, first: UInt64, object: UInt32) {
        let n = end &- start &- 1
        var signature = first ^ (UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
        if n > 8 {
            let last = UInt64(littleEndian: UnsafeRawPointer(base + (end &- 8)).loadUnaligned(as: UInt64.self))
            signature ^= (last &* 0xC2B2_AE3D_27D4_EB4F) &>> 7
        }
        let index = nodeCount
        append(JSONNode(kind: .string, flags: JSONNode.Flag.isKey, ordinal: 0, start: u32(start), end: u32(end &+ 1), parent: object,
                        a: u32(start &+ 1), b: u32(end), number: 0))
        recordKey(index, signature: signature)
        pos = end &+ 1
    }

    /// Adds key node `index` to the open object's keys; equal keys must have equal signatures.
    @inline(__always) mutating func recordKey(_ index: Int, signature: UInt64) {
        if keyCount == keyCapacity { growKeys() }
        keys[keyCount] = KeyEntry(signature: signature, node: u32(index))
        keyCount &+= 1
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
        let n = nodes[index]
        if n.flags & JSONNode.Flag.inPool != 0 {
            return pool.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(n.a)..<Int(n.b)])) }
        }
        return body(UnsafeBufferPointer(start: base + Int(n.a), count: Int(n.b - n.a)))
    }

    /// The signature of a key's content, as `parseASCIIKey` computes it:
    /// equal keys have equal signatures, whichever path parsed them.
    func keySignature(_ index: Int) -> UInt64 {
        withContent(index) { c in
            let n = c.count
            var first: UInt64 = 0
            for k in 0..<min(8, n) { first |= UInt64(c[k]) << (UInt64(k) * 8) }
            var signature = first ^ (UInt64(truncatingIfNeeded: n) &* 0x9E37_79B9_7F4A_7C15)
            if n > 8 {
                var last: UInt64 = 0
                for k in 0..<8 { last |= UInt64(c[n - 8 + k]) << (UInt64(k) * 8) }
                signature ^= (last &* 0xC2B2_AE3D_27D4_EB4F) &>> 7
            }
            return signature
        }
    }

    /// Records each key of the object that repeats an earlier one, pointing
    /// back at its first occurrence.
    mutating func findDuplicateKeys(object: UInt32, from first: Int) {
        let k = keyCount - first
        if k > 32 { return findDuplicateKeysHashed(object: object, from: first) }
        // A 64-bit Bloom filter of the signatures: most objects set no bit
        // twice, and then no key repeats (equal keys have equal signatures).
        // This first pass is kept tight; only a filter hit compares keys.
        var seen: UInt64 = 0
        var j = first
        while j < keyCount {
            let bit: UInt64 = 1 &<< ((keys[j].signature &* 0x9E37_79B9_7F4A_7C15) &>> 58)
            if seen & bit != 0 { break }
            seen |= bit
            j &+= 1
        }
        if j == keyCount { return }
        // A key whose bit is already set is compared with the keys before it.
        seen = 0
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
        append(JSONNode(kind: kind, flags: flags, ordinal: 0, start: u32(start), end: u32(pos), parent: parent, a: 0, b: 0, number: flags != 0 ? 1 : 0))
    }

    // MARK: Strings

    @inline(__always) mutating func parseString(parent: UInt32) throws(JSONParseError) {
        let start = pos
        let contentStart = pos &+ 1
        // A short ASCII string (a date, a code, a name) ends within 16
        // bytes: one inline vector check, no call.
        if contentStart &+ 16 <= count {
            let stops = tuanthu_json_stops16(base + contentStart)
            if stops != 0 {
                let end = contentStart &+ Int(stops.trailingZeroBitCount)
                if base[end] == UInt8(ascii: "\"") {
                    append(JSONNode(kind: .string, flags: 0, ordinal: 0, start: u32(start), end: u32(end &+ 1), parent: parent, a: u32(contentStart), b: u32(end), number: 0))
                    pos = end &+ 1
                    return
                }
            }
        }
        pos = contentStart
        // To the first quote, backslash or control byte, 16 bytes at a time,
        // checking the non-ASCII bytes before it as UTF-8 in the same pass
        // (Vietnamese text has them in almost every word); only when that
        // check fails (or the CPU has no vector path) are they checked again
        // byte by byte, to find the exact place.
        let scan = tuanthu_json_scan_string(base + pos, count &- pos)
        pos &+= Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: scan))
        return try finishString(start: start, contentStart: contentStart, parent: parent, high: scan & TUANTHU_JSON_SCAN_CHECK)
    }

    /// The string's scan stopped at `pos` (a quote, a backslash, a control
    /// byte or the end): the content before it is checked as UTF-8 first
    /// when `high` is not zero, so that the first problem in the input is
    /// the one reported.
    @inline(__always) mutating func finishString(start: Int, contentStart: Int, parent: UInt32, high: UInt64) throws(JSONParseError) {
        if high != 0 { try validateUTF8(from: contentStart, to: pos) }
        guard pos < count else { throw unterminatedString(start) }
        let b = base[pos]
        if b == UInt8(ascii: "\"") {
            append(JSONNode(kind: .string, flags: 0, ordinal: 0, start: u32(start), end: u32(pos + 1), parent: parent, a: u32(contentStart), b: u32(pos), number: 0))
            pos &+= 1
            return
        }
        if b == UInt8(ascii: "\\") {
            return try parseEscapedString(start: start, contentStart: contentStart, parent: parent)
        }
        throw controlCharacter(stringStart: start)
    }

    /// Checks `base[from..<to]` as UTF-8; on a bad sequence, `pos` is set to
    /// its first byte and the error thrown. A sequence cut short at `to`
    /// is bad: the byte there (a quote, a backslash, a control byte) is not
    /// a continuation byte, as the input's next byte would not be either.
    @inline(never) mutating func validateUTF8(from: Int, to: Int) throws(JSONParseError) {
        var i = from
        @inline(__always) func cont(_ i: Int) -> Bool { i < to && base[i] & 0xC0 == 0x80 }
        while i < to {
            // Runs of ASCII are stepped over a word at a time: to the first
            // byte with its high bit set, or eight bytes on.
            if i &+ 8 <= to {
                let high = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)) & highBits
                if high == 0 {
                    i &+= 8
                    continue
                }
                i &+= high.trailingZeroBitCount &>> 3
            } else if base[i] < 0x80 {
                i &+= 1
                continue
            }
            let b0 = base[i]
            // Two- and three-byte sequences (all of Vietnamese) checked with
            // one load when four bytes are there to read.
            if i &+ 4 <= to {
                let w = UInt32(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt32.self))
                if w & 0xC0E0 == 0x80C0 && b0 >= 0xC2 {
                    i &+= 2
                    continue
                }
                if w & 0xC0_C0F0 == 0x80_80E0 && !((b0 == 0xE0 && base[i &+ 1] < 0xA0) || (b0 == 0xED && base[i &+ 1] >= 0xA0)) {
                    i &+= 3
                    continue
                }
            }
            if b0 < 0xE0 {
                if b0 >= 0xC2 && cont(i &+ 1) {
                    i &+= 2
                    continue
                }
            } else if b0 < 0xF0 {
                if cont(i &+ 1) && cont(i &+ 2) {
                    let b1 = base[i &+ 1]
                    // Overlong forms and UTF-16 surrogates are not UTF-8.
                    if !((b0 == 0xE0 && b1 < 0xA0) || (b0 == 0xED && b1 >= 0xA0)) {
                        i &+= 3
                        continue
                    }
                }
            } else if b0 <= 0xF4 {
                if cont(i &+ 1) && cont(i &+ 2) && cont(i &+ 3) {
                    let b1 = base[i &+ 1]
                    if !((b0 == 0xF0 && b1 < 0x90) || (b0 == 0xF4 && b1 >= 0x90)) {
                        i &+= 4
                        continue
                    }
                }
            }
            pos = i
            throw invalidUTF8()
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
                append(JSONNode(kind: .string, flags: JSONNode.Flag.inPool, ordinal: 0, start: u32(start), end: u32(pos + 1), parent: parent, a: u32(poolStart), b: u32(pool.count), number: 0))
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

    /// Parses a number: a short one (`shortNumber`) here, anything else,
    /// and every error, by `parseOtherNumber`.
    @inline(__always) mutating func parseNumber(parent: UInt32) throws(JSONParseError) {
        if let number = shortNumber(base, count, pos) {
            append(JSONNode(kind: .number, flags: number.isInteger ? JSONNode.Flag.isInteger | JSONNode.Flag.isExact : 0, ordinal: 0,
                            start: u32(pos), end: u32(number.end), parent: parent, a: 0, b: 0, number: number.value))
            pos = number.end
            return
        }
        try parseOtherNumber(parent: parent)
    }

    /// `parseNumber` for fractions, exponents, long integers and errors.
    @inline(never) mutating func parseOtherNumber(parent: UInt32) throws(JSONParseError) {
        let start = pos
        let negative = base[pos] == UInt8(ascii: "-")
        if negative { pos += 1 }
        guard isDigit(pos) else { throw numberError(start, .numberDigitAfterMinus) }
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
            guard isDigit(pos) else { throw numberError(start, .numberDigitAfterPoint) }
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
            guard isDigit(pos) else { throw numberError(start, .numberDigitInExponent) }
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
        append(JSONNode(kind: .number, flags: flags, ordinal: 0, start: u32(start), end: u32(pos), parent: parent, a: 0, b: 0, number: value))
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
    @inline(never) func describe(at offset: Int) -> (text: LocalizedText, length: Int) {
        guard offset < count else { return (localize(InputMessage.foundEndOfInput), 0) }
        let c = base[offset]
        switch c {
        case 0x0A, 0x0D: return (localize(InputMessage.foundEndOfLine), 1)
        case 0x09: return (localize(InputMessage.foundTab), 1)
        case 0x20: return (localize(InputMessage.foundSpace), 1)
        case 0x00: return (localize(InputMessage.foundNUL), 1)
        case 0x01..<0x20, 0x7F: return (localize(InputMessage.foundControl, ["hex": .text(hex4(UInt32(c)))]), 1)
        case UInt8(ascii: "\""):
            // A short string on the same line is shown whole.
            var end = offset + 1
            while end < count && end < offset + 40 && base[end] != UInt8(ascii: "\"") && base[end] >= 0x20 {
                end += base[end] == UInt8(ascii: "\\") ? 2 : 1
            }
            if end < count && end < offset + 40 && base[end] == UInt8(ascii: "\"") {
                return (LocalizedText(verbatim: "`\(text(offset, end + 1))`"), end + 1 - offset)
            }
            return (localize(InputMessage.foundString), 1)
        case UInt8(ascii: "/") where offset + 1 < count && (base[offset + 1] == UInt8(ascii: "/") || base[offset + 1] == UInt8(ascii: "*")):
            return (localize(InputMessage.foundComment), 2)
        case 0x80...:
            // The whole character if it is valid UTF-8.
            var end = offset + 1
            while end < count && end < offset + 4 && base[end] & 0xC0 == 0x80 { end += 1 }
            let s = text(offset, end)
            return s.contains("\u{FFFD}")
                ? (localize(InputMessage.foundByte, ["hex": .text(String(c, radix: 16, uppercase: true))]), 1)
                : (LocalizedText(verbatim: "`\(s)`"), end - offset)
        default:
            if isWordByte(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") {
                let w = word(at: offset)
                return (LocalizedText(verbatim: "`\(w)`"), w.utf8.count)
            }
            return (LocalizedText(verbatim: "`\(Character(Unicode.Scalar(c)))`"), 1)
        }
    }

    /// How to fix a token found where a value (or key) should be.
    func valueHelp(at offset: Int, isKey: Bool = false) -> LocalizedText? {
        guard offset < count else { return nil }
        let c = base[offset]
        // A stray `,`, `}` or `]`: the punctuation before it says what is missing.
        if c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]"),
           let before = (0..<offset).last(where: { ![0x20, 0x0A, 0x0D, 0x09].contains(base[$0]) }) {
            let p = base[before]
            if p == UInt8(ascii: ","), c == UInt8(ascii: ",") { return localize(InputMessage.doubledComma) }
            if !isKey && p == UInt8(ascii: ":") { return localize(InputMessage.valueMissingAfterColon) }
            if !isKey && p == UInt8(ascii: "["), c == UInt8(ascii: ",") { return localize(InputMessage.elementMissingBeforeComma) }
        }
        if c == UInt8(ascii: "'") { return localize(InputMessage.singleQuotes) }
        if c == UInt8(ascii: "/") { return localize(InputMessage.noComments) }
        if c == UInt8(ascii: "<") { return localize(InputMessage.looksLikeMarkup) }
        if c == 0x00 { return localize(InputMessage.maybeUTF16) }
        if c >= 0x80 && describe(at: offset).text.en.hasPrefix("byte") {
            return localize(InputMessage.notUTF8)
        }
        if isKey {
            return isWordByte(c) ? localize(InputMessage.keysInQuotes) : nil
        }
        switch word(at: offset) {
        case "True", "TRUE": return localize(InputMessage.lowercaseLiteral, ["literal": .text("true")])
        case "False", "FALSE": return localize(InputMessage.lowercaseLiteral, ["literal": .text("false")])
        case "Null", "NULL", "None", "nil": return localize(InputMessage.writeNull)
        case "NaN", "Infinity", "-Infinity", "+Infinity", "inf", "-inf":
            return localize(InputMessage.noNaN)
        case "undefined": return localize(InputMessage.noUndefined)
        default: break
        }
        if c == UInt8(ascii: "+") { return localize(InputMessage.noPlus) }
        if c == UInt8(ascii: "."), isDigit(offset + 1) { return localize(InputMessage.zeroBeforePoint, ["word": .text(word(at: offset))]) }
        if isWordByte(c) { return localize(InputMessage.valueKinds) }
        return nil
    }

    /// The innermost open container, as a related place.
    func openContainer() -> JSONParseError.Related? {
        guard depth > 0 else { return nil }
        let n = nodes[Int(frames[depth - 1].node)]
        return JSONParseError.Related(offset: Int(n.start), text: localize(n.kind == .object ? InputMessage.objectNotClosed : .arrayNotClosed))
    }

    @inline(never) func unexpectedValue() -> JSONParseError {
        let found = describe(at: pos)
        if atEnd {
            return JSONParseError(
                "E3001", localize(InputMessage.expectedValue, ["found": .localized(found.text)]), offset: pos, related: openContainer(),
                help: localize(InputMessage.fileEndsEarly), reason: .expectedValue)
        }
        return JSONParseError("E3001", localize(InputMessage.expectedValue, ["found": .localized(found.text)]), offset: pos, length: found.length,
                              help: valueHelp(at: pos), reason: .expectedValue)
    }

    @inline(never) func expectedKey(comma: Int?) -> JSONParseError {
        let found = describe(at: pos)
        if let comma, peek == UInt8(ascii: "}") {
            return trailingComma(comma, closer: "}")
        }
        if atEnd {
            return JSONParseError(
                "E3001", localize(InputMessage.expectedKey, ["found": .localized(found.text)]), offset: pos, related: openContainer(),
                help: localize(InputMessage.fileEndsBeforeObjectClosed), reason: .expectedKey)
        }
        var help = valueHelp(at: pos, isKey: true)
        // `2,35` written with a decimal comma reads as 2, then a key `35`.
        if let comma, isDigit(pos), comma == pos - 1, nodeCount > 0, case let last = nodes[nodeCount - 1], last.kind == .number, Int(last.end) == comma {
            let number = text(Int(last.start), comma) + "." + word(at: pos)
            help = localize(InputMessage.decimalComma, ["written": .text("\(text(Int(last.start), pos))\(word(at: pos))"), "number": .text(number)])
        }
        return JSONParseError("E3001", localize(InputMessage.expectedKey, ["found": .localized(found.text)]), offset: pos, length: found.length, help: help, reason: .expectedKey)
    }

    @inline(never) func trailingComma(_ comma: Int, closer: String) -> JSONParseError {
        let isObject = closer == "}"
        return JSONParseError(
            "E3001", localize(isObject ? InputMessage.trailingCommaKey : .trailingCommaValue), offset: pos,
            related: JSONParseError.Related(offset: comma, text: localize(InputMessage.removeTrailingComma)),
            help: localize(isObject ? InputMessage.noCommaAfterLastMember : .noCommaAfterLastElement),
            reason: .trailingComma(comma: UInt32(clamping: comma)))
    }

    @inline(never) func expectedColon() -> JSONParseError {
        let found = describe(at: pos)
        return JSONParseError(
            "E3001", localize(InputMessage.expectedColon, ["found": .localized(found.text)]), offset: pos, length: found.length,
            related: atEnd ? openContainer() : nil,
            help: localize(atEnd ? InputMessage.fileEndsBeforeObjectClosed : .writeColon), reason: .expectedColon)
    }

    @inline(never) func expectedSeparator(isObject: Bool) -> JSONParseError {
        let found = describe(at: pos)
        let c = peek
        var help: LocalizedText? = nil
        var related: JSONParseError.Related? = nil
        if atEnd {
            related = openContainer()
            help = localize(isObject ? InputMessage.fileEndsBeforeObjectClosed : .fileEndsBeforeArrayClosed)
        } else if c == UInt8(ascii: "}") || c == UInt8(ascii: "]") {
            related = openContainer()
            help = localize(isObject ? InputMessage.closeObjectFirst : .closeArrayFirst)
        } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "{") || c == UInt8(ascii: "[") || isWordByte(c) || c == UInt8(ascii: "-") {
            help = localize(InputMessage.commaMissing)
        } else if c == UInt8(ascii: ":") && !isObject {
            help = localize(InputMessage.arrayHoldsValues)
        } else {
            help = valueHelp(at: pos)
        }
        let message = localize(isObject ? InputMessage.expectedAfterMember : .expectedAfterElement, ["found": .localized(found.text)])
        let container = depth > 0 ? nodes[Int(frames[depth - 1].node)].start : 0
        return JSONParseError("E3001", message, offset: pos, length: found.length, related: related, help: help,
                              reason: .expectedSeparator(isObject: isObject, container: container))
    }

    @inline(never) func trailingContent() -> JSONParseError {
        let found = describe(at: pos)
        return JSONParseError(
            "E3008", localize(InputMessage.trailingContent, ["found": .localized(found.text)]), offset: pos, length: found.length,
            help: localize(base[pos] == UInt8(ascii: "/") ? InputMessage.noComments : .oneValuePerDocument), reason: .trailingContent)
    }

    @inline(never) func tooDeep() -> JSONParseError {
        JSONParseError(
            "E3006", localize(InputMessage.tooDeep, ["max": .number(String(JSONParser.maxDepth))]), offset: pos,
            help: localize(InputMessage.tooDeepHelp), reason: .tooDeep)
    }

    @inline(never) func unterminatedString(_ start: Int) -> JSONParseError {
        JSONParseError("E3001", localize(InputMessage.unterminatedString), offset: start, label: localize(InputMessage.stringNeverClosed),
                       help: localize(InputMessage.addClosingQuote), reason: .unterminatedString)
    }

    @inline(never) func controlCharacter(stringStart: Int) -> JSONParseError {
        let b = base[pos]
        if b == 0x0A || b == 0x0D {
            return JSONParseError(
                "E3003", localize(InputMessage.endOfLineInString), offset: pos,
                related: JSONParseError.Related(offset: stringStart, text: localize(InputMessage.stringStartsHere)),
                help: localize(InputMessage.stringSpansLines), reason: .controlCharacter)
        }
        let (name, escape): (LocalizedText, String) =
            switch b {
            case 0x09: (localize(InputMessage.tabName), "\\t")
            case 0x08: (localize(InputMessage.backspaceName), "\\b")
            case 0x0C: (localize(InputMessage.formFeedName), "\\f")
            case 0x00: (LocalizedText(verbatim: " (NUL)"), "\\u0000")
            default: (LocalizedText(verbatim: ""), "\\u\(hex4(UInt32(b)))")
            }
        return JSONParseError("E3003", localize(InputMessage.controlCharacter, ["hex": .text(hex4(UInt32(b))), "name": .localized(name)]), offset: pos,
                              help: localize(InputMessage.writeItAs, ["escape": .text(escape)]), reason: .controlCharacter)
    }

    @inline(never) func invalidUTF8() -> JSONParseError {
        JSONParseError(
            "E3002", localize(InputMessage.invalidUTF8Byte, ["hex": .text(String(base[pos], radix: 16, uppercase: true))]), offset: pos,
            help: localize(InputMessage.legacyEncoding), reason: .invalidUTF8)
    }

    @inline(never) func invalidEscape() -> JSONParseError {
        let e = pos + 1 < count ? base[pos + 1] : 0
        let shown = e >= 0x21 && e < 0x7F ? String(Character(Unicode.Scalar(e))) : "U+\(hex4(UInt32(e)))"
        return JSONParseError(
            "E3004", localize(InputMessage.invalidEscape, ["shown": .text(shown)]), offset: pos, length: 2,
            help: localize(InputMessage.validEscapes), reason: .invalidEscape)
    }

    @inline(never) func incompleteUnicodeEscape(_ escapeStart: Int) -> JSONParseError {
        JSONParseError(
            "E3004", localize(InputMessage.expectedHexDigits, ["found": .localized(describe(at: pos).text)]), offset: escapeStart,
            length: pos - escapeStart + 1, help: localize(InputMessage.unicodeEscapeHelp), reason: .incompleteUnicodeEscape)
    }

    @inline(never) func loneSurrogate(_ escapeStart: Int, _ scalar: UInt32) -> JSONParseError {
        let isHigh = scalar < 0xDC00
        return JSONParseError(
            "E3005", localize(InputMessage.loneSurrogate, ["hex": .text(hex4(scalar))]), offset: escapeStart, length: 6,
            help: localize(isHigh ? InputMessage.highSurrogateHelp : .lowSurrogateHelp), reason: .loneSurrogate)
    }

    @inline(never) func numberError(_ start: Int, _ what: InputMessage) -> JSONParseError {
        let found = describe(at: pos)
        var help: LocalizedText? = nil
        let written = text(start, pos)
        switch what {
        case .numberDigitAfterMinus:
            help = valueHelp(at: start) ?? localize(InputMessage.digitsAfterMinusHelp)
        case .numberDigitAfterPoint:
            help = localize(InputMessage.digitAfterPointHelp, ["withDigit": .text(written + "0"), "without": .text(String(written.dropLast()))])
        case .numberDigitInExponent:
            // `1e`, `1.5E+`: the mantissa, and the exponent's letter with its sign.
            let mantissa = String(written.prefix { $0 != "e" && $0 != "E" })
            let e = String(written.dropFirst(mantissa.count))
            help = localize(InputMessage.exponentDigitsHelp, ["e": .text(e), "example": .text(written + "3"), "without": .text(mantissa)])
        default:
            break
        }
        return JSONParseError(
            "E3007", localize(what, ["text": .text(text(start, pos)), "found": .localized(found.text)]), offset: pos,
            length: found.length, help: help, reason: .invalidNumber(start: UInt32(start)))
    }

    @inline(never) func leadingZero(_ start: Int) -> JSONParseError {
        let w = word(at: start)
        let unsigned = w.hasPrefix("-") ? String(w.dropFirst()) : w
        let trimmed = String(unsigned.drop { $0 == "0" })
        let fixed = (w.hasPrefix("-") ? "-" : "") + (trimmed.isEmpty || trimmed.hasPrefix(".") ? "0" + trimmed : trimmed)
        return JSONParseError(
            "E3007", localize(InputMessage.leadingZero, ["text": .text(w)]), offset: start, length: w.utf8.count,
            help: localize(InputMessage.leadingZeroHelp, ["fixed": .text(fixed), "text": .text(w)]),
            reason: .invalidNumber(start: UInt32(start)))
    }

    @inline(never) func numberTail(_ start: Int) -> JSONParseError {
        let found = describe(at: pos)
        var help: LocalizedText? = nil
        if text(start, pos) == "0" && (base[pos] | 0x20) == UInt8(ascii: "x") { help = localize(InputMessage.hexNumber) }
        else if isWordByte(base[pos]) { help = localize(InputMessage.textInQuotes) }
        return JSONParseError(
            "E3007", localize(InputMessage.numberTail, ["found": .localized(found.text), "text": .text(text(start, pos))]), offset: pos, length: found.length,
            help: help, reason: .invalidNumber(start: UInt32(start)))
    }
}

/// The number at `start` when it is short — an integer of at most 15
/// digits, or a decimal of at most 15 digits in all (`2.06`, `10.1165`) —
/// and followed by `,`, `}`, `]` or white space: where it ends, its value
/// (exact digits, over an exact power of ten for a decimal: one rounding,
/// as `parseOtherNumber` computes it) and whether it is an integer. Nil for
/// any other number and for every error, which the careful reader words.
/// Both parsers read numbers through it: most numbers of a dossier are short.
/// (`@_transparent`: with `@inline(__always)` it stayed a call in the fast
/// pass, and parsing lost 5 %; inlined, `bench json` 1,260 → 1,290 MB/s.)
@_transparent
private func shortNumber(_ base: UnsafePointer<UInt8>, _ count: Int, _ start: Int) -> (end: Int, value: Double, isInteger: Bool)? {
    @inline(__always) func endsNumber(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]") || c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09
    }
    var q = start
    let negative = base[q] == UInt8(ascii: "-")
    if negative { q &+= 1 }
    guard q < count else { return nil }
    let d0 = base[q] &- 0x30
    guard d0 < 10 else { return nil }
    var mantissa = UInt64(d0)
    q &+= 1
    // After a leading `0` no digit may follow (the careful reader words that error).
    if d0 != 0 {
        let limit = min(count, q &+ 14)
        while q < limit {
            let d = base[q] &- 0x30
            if d >= 10 { break }
            mantissa = mantissa &* 10 &+ UInt64(d)
            q &+= 1
        }
    }
    guard q < count else { return nil }
    if endsNumber(base[q]) {
        let value = Double(mantissa)
        return (q, negative ? -value : value, true)
    }
    guard base[q] == UInt8(ascii: ".") else { return nil }
    let integerDigits = q &- start &- (negative ? 1 : 0)
    let fractionStart = q &+ 1
    var r = fractionStart
    let limit = min(count, fractionStart &+ (15 &- integerDigits))
    while r < limit {
        let d = base[r] &- 0x30
        if d >= 10 { break }
        mantissa = mantissa &* 10 &+ UInt64(d)
        r &+= 1
    }
    guard r > fractionStart && r < count && endsNumber(base[r]) else { return nil }
    let value = Double(mantissa) / powersOf10[r &- fractionStart]
    return (r, negative ? -value : value, false)
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

/// A JSON kind as a phrase, "this file holds {kind}": `an array`, `một mảng`.
package func jsonKindName(_ k: JSONKind) -> LocalizedText {
    switch k {
    case .object: localize(InputMessage.kindObject)
    case .array: localize(InputMessage.kindArray)
    case .string: localize(InputMessage.kindString)
    case .number: localize(InputMessage.kindNumber)
    case .bool: localize(InputMessage.kindBool)
    case .null: localize(InputMessage.kindNull)
    }
}
