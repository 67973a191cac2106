import Diagnostics
import Foundation

/// The kind of a JSON value.
// `@usableFromInline` here and on JSONNode, JSONView and their stored
// properties: the `@inlinable package` members below are inlined into the
// evaluator only when their type is usable from inline code (measured with
// callgrind: without it, every `kind ==` is a call through `Equatable`).
@usableFromInline package enum JSONKind: UInt8, Sendable {
    case null, bool, number, string, array, object

    /// Same kind. Written out and `@inlinable` so the evaluator's many tests
    /// of a node's kind compile to a byte compare, not a call through
    /// `Equatable` (cross-module code that is not `public` is not inlined
    /// unless it says so).
    @inlinable package static func == (a: JSONKind, b: JSONKind) -> Bool { a.rawValue == b.rawValue }
}

/// One value of a parsed document, stored flat in document order (simdjson's
/// tape, yyjson's value area). An object's children alternate key (a string
/// node) and value; a container knows the index just past its subtree, so
/// skipping a value is O(1).
@usableFromInline package struct JSONNode: Sendable {
    /// What the value is.
    @usableFromInline package var kind: JSONKind
    /// `JSONNode.Flag` bits.
    @usableFromInline package var flags: UInt8
    /// An array element's index, so that a pointer is built without
    /// walking siblings; `UInt16.max` when it is that or more (then found by
    /// walking). In an object, the member's index (unused). It fills what
    /// was padding: the node stays 32 bytes.
    package var ordinal: UInt16
    /// Byte span of the whole value in the input (for strings: with quotes).
    package var start: UInt32
    /// Offset just past the value.
    package var end: UInt32
    /// Index of the enclosing container (for a member value and its key: the object), or `UInt32.max` for the root.
    package var parent: UInt32
    /// Container: index just past the subtree. String: start of the content (input, or pool when escaped).
    @usableFromInline package var a: UInt32
    /// Container: number of elements or members. String: end of the content.
    @usableFromInline package var b: UInt32
    /// Number: the value as a Double (exact for integers up to 2^53). Bool: 1 or 0.
    package var number: Double

    /// Bits of `flags`.
    @usableFromInline package enum Flag {
        /// Bool: the value is `true`.
        @usableFromInline package static let isTrue: UInt8 = 1
        /// String: the content had escapes and lives in the document's pool.
        @usableFromInline package static let inPool: UInt8 = 2
        /// Number: written without fraction or exponent.
        @usableFromInline package static let isInteger: UInt8 = 4
        /// Number: `number` holds the written value exactly.
        @usableFromInline package static let isExact: UInt8 = 8
        /// String: an object's key (not a member's value).
        @usableFromInline package static let isKey: UInt8 = 16
    }

    /// Bool: is it `true`?
    @inlinable package var isTrue: Bool { flags & Flag.isTrue != 0 }
    /// Number: written without fraction or exponent?
    @inlinable package var isInteger: Bool { flags & Flag.isInteger != 0 }
    /// Number: does `number` hold the written value exactly?
    @inlinable package var isExact: Bool { flags & Flag.isExact != 0 }
    /// Index just past this node's subtree.
    package func next(_ index: Int) -> Int {
        kind == .array || kind == .object ? Int(a) : index + 1
    }
}

/// Two members of one object with the same key. The checker turns each into a
/// `tuanthu.duplicate-key` finding.
package struct DuplicateKey: Sendable, Hashable {
    /// Index of the object node.
    package var object: Int
    /// Index of the first key node and of the repeated one.
    package var first: Int
    /// Index of the repeated key node.
    package var second: Int
}

/// A parsed JSON document that knows where every value is.
// No `@inlinable` on the accessors: with `tuanthu bench json` (navigation
// line) and callgrind, `member`, `next` and the subscript cost the same
// 24.5 M instructions per 100 dossiers × 8 walks with and without it, and
// about 46 ns per lookup either way (release build, Swift 6.3).
package struct JSONDocument: Sendable {
    /// The input, as read (spans index into it).
    package let bytes: [UInt8]
    /// All values in document order; the root is node 0.
    package var nodes: ContiguousArray<JSONNode>
    /// Unescaped content of strings that had escapes.
    package var pool: [UInt8]
    /// Repeated keys, in document order of the repetition.
    package var duplicateKeys: [DuplicateKey]

    /// Index of the root value.
    package static let root = 0

    // MARK: - Values

    /// The node at `index`.
    package subscript(index: Int) -> JSONNode { nodes[index] }

    /// The content bytes of a string node, unescaped.
    package func withStringBytes<R>(_ index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let n = nodes[index]
        if n.flags & JSONNode.Flag.inPool != 0 {
            return try pool.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[Int(n.a)..<Int(n.b)])) }
        }
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[Int(n.a)..<Int(n.b)])) }
    }

    /// The value of a string node.
    package func string(_ index: Int) -> String {
        withStringBytes(index) { String(decoding: $0, as: UTF8.self) }
    }

    /// The number as written in the input (for printing large integers exactly).
    package func numberText(_ index: Int) -> String {
        let n = nodes[index]
        return String(decoding: bytes[Int(n.start)..<Int(n.end)], as: UTF8.self)
    }

    /// The raw source text of any value.
    package func sourceText(_ index: Int) -> String {
        let n = nodes[index]
        return String(decoding: bytes[Int(n.start)..<Int(n.end)], as: UTF8.self)
    }

    /// Does string node `index` equal these UTF-8 bytes?
    package func stringEquals(_ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = nodes[index]
        if Int(n.b - n.a) != key.count { return false }
        return withStringBytes(index) { s in
            if key.isEmpty { return true }
            return memcmpEqual(s.baseAddress!, key.baseAddress!, key.count)
        }
    }

    // MARK: - Navigation

    /// The indices of an array's elements, or of an object's values.
    package func children(_ index: Int) -> [Int] {
        let n = nodes[index]
        var out: [Int] = []
        out.reserveCapacity(Int(n.b))
        var i = index + 1
        let isObject = n.kind == .object
        while i < Int(n.a) {
            if isObject { i += 1 }
            out.append(i)
            i = nodes[i].next(i)
        }
        return out
    }

    /// (key node, value node) pairs of an object, in document order.
    package func members(_ index: Int) -> [(key: Int, value: Int)] {
        let n = nodes[index]
        var out: [(Int, Int)] = []
        var i = index + 1
        while i < Int(n.a) {
            out.append((i, i + 1))
            i = nodes[i + 1].next(i + 1)
        }
        return out
    }

    /// The value of `key` in object `index`; with duplicate keys, the last one
    /// (as JavaScript's `JSON.parse` does; the duplicate is reported anyway).
    // Be careful when changing this function: it is the evaluator's hot path,
    // so it walks raw buffers and compares lengths before bytes.
    package func member(_ index: Int, key: UnsafeBufferPointer<UInt8>) -> Int? {
        withView { $0.member(index, key) }
    }

    /// Runs `body` with raw views of this document's storage.
    package func withView<R>(_ body: (JSONView) -> R) -> R {
        nodes.withUnsafeBufferPointer { n in
            bytes.withUnsafeBufferPointer { b in
                pool.withUnsafeBufferPointer { p in
                    body(JSONView(nodes: n, input: b, pool: p, firstMatchWins: duplicateKeys.isEmpty))
                }
            }
        }
    }

    /// The value of `key` in object `index` (see the byte-buffer variant).
    package func member(_ index: Int, key: String) -> Int? {
        var k = key
        return k.withUTF8 { member(index, key: $0) }
    }

    /// Element `position` (0-based) of array `index`.
    package func element(_ index: Int, at position: Int) -> Int? {
        let n = nodes[index]
        guard n.kind == .array, position >= 0, position < Int(n.b) else { return nil }
        var i = index + 1
        for _ in 0..<position { i = nodes[i].next(i) }
        return i
    }

    // MARK: - JSON Pointer (RFC 6901)

    /// The node a JSON Pointer names, or nil.
    package func node(atPointer pointer: String) -> Int? {
        if pointer.isEmpty { return JSONDocument.root }
        guard pointer.hasPrefix("/") else { return nil }
        var current = JSONDocument.root
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            switch nodes[current].kind {
            case .object:
                guard let m = member(current, key: token) else { return nil }
                current = m
            case .array:
                guard let p = Int(token), String(p) == token, let e = element(current, at: p) else { return nil }
                current = e
            default:
                return nil
            }
        }
        return current
    }

    /// The JSON Pointer of a node, built by walking up its parents: O(depth),
    /// each step reading the node's `ordinal` (a container of 65,535
    /// children or more walks its siblings for the ones past that).
    package func pointer(of index: Int) -> String {
        // The steps up, innermost first (the depth is at most `JSONParser.maxDepth`).
        var steps: [(container: Int, child: Int)] = []
        var i = index
        while nodes[i].parent != UInt32.max {
            let p = Int(nodes[i].parent)
            steps.append((p, i))
            i = p
        }
        var out: [UInt8] = []
        out.reserveCapacity(steps.count * 12)
        for (p, i) in steps.reversed() {
            out.append(UInt8(ascii: "/"))
            if nodes[p].kind == .object {
                withStringBytes(isKey(i, in: p) ? i : i - 1) { appendPointerToken($0, to: &out) }
            } else {
                let ordinal = nodes[i].ordinal
                appendDecimal(ordinal != UInt16.max ? Int(ordinal) : position(of: i, in: p), to: &out)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Is child `index` of object `object` a key (else a member's value)?
    private func isKey(_ index: Int, in object: Int) -> Bool {
        nodes[index].flags & JSONNode.Flag.isKey != 0
    }

    /// The 0-based position of element `index` of array `array`, by walking.
    private func position(of index: Int, in array: Int) -> Int {
        var pos = 0
        var c = array + 1
        while c < index {
            c = nodes[c].next(c)
            pos += 1
        }
        return pos
    }

    /// Is `index` a key node of object `object`?
    package func isKeyNode(_ index: Int, in object: Int) -> Bool {
        var i = object + 1
        let end = Int(nodes[object].a)
        while i < end && i <= index {
            if i == index { return true }
            i = nodes[i + 1].next(i + 1)
        }
        return false
    }

    /// The span of a node's value.
    package func span(_ index: Int, file: FileID) -> Span {
        Span(file: file, start: nodes[index].start, end: nodes[index].end)
    }
}

/// Appends one JSON Pointer reference token, `~` and `/` escaped.
func appendPointerToken(_ token: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    for b in token {
        switch b {
        case UInt8(ascii: "~"): out += [UInt8(ascii: "~"), UInt8(ascii: "0")]
        case UInt8(ascii: "/"): out += [UInt8(ascii: "~"), UInt8(ascii: "1")]
        default: out.append(b)
        }
    }
}

/// Appends a non-negative integer in decimal.
func appendDecimal(_ value: Int, to out: inout [UInt8]) {
    var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                 UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    var v = value
    var n = 0
    withUnsafeMutableBytes(of: &digits) { d in
        repeat {
            d[n] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            n += 1
        } while v > 0
        while n > 0 {
            n -= 1
            out.append(d[n])
        }
    }
}

/// Escapes `~` and `/` in one JSON Pointer reference token.
package func escapePointerToken(_ s: String) -> String {
    // A byte scan: Foundation's `contains` is a locale-aware search, and
    // findings build a pointer for every value they name.
    guard s.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) else { return s }
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 4)
    for b in s.utf8 {
        switch b {
        case UInt8(ascii: "~"): out += [UInt8(ascii: "~"), UInt8(ascii: "0")]
        case UInt8(ascii: "/"): out += [UInt8(ascii: "~"), UInt8(ascii: "1")]
        default: out.append(b)
        }
    }
    return String(decoding: out, as: UTF8.self)
}

func memcmpEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    bytesEqual(a, b, n)
}

/// Are the `n` bytes at `a` and `b` equal? Inline and word-wise, for the
/// short keys and codes compared per value (a call to `memcmp` costs more
/// than the comparison): 8-byte words, the last one overlapping; below 8
/// bytes, two overlapping 4-byte words or single bytes. Never reads outside
/// the `n` bytes.
@inlinable @inline(__always)
package func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    let x = UnsafeRawPointer(a), y = UnsafeRawPointer(b)
    if n >= 8 {
        var i = 0
        while i &+ 8 < n {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self) != y.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i &+= 8
        }
        return x.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == y.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
    }
    if n >= 4 {
        return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
            && x.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) == y.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
    }
    var i = 0
    while i < n {
        if a[i] != b[i] { return false }
        i &+= 1
    }
    return true
}

/// Raw views of a document's storage, valid only inside
/// `JSONDocument.withView`. Reading through them copies no array (and so
/// retains nothing): the evaluator looks up every path step this way.
@usableFromInline package struct JSONView {
    /// The document's nodes, in document order.
    @usableFromInline package let nodes: UnsafeBufferPointer<JSONNode>
    /// The input bytes, which unescaped strings point into.
    @usableFromInline package let input: UnsafeBufferPointer<UInt8>
    /// The unescaped contents of strings that had escapes.
    @usableFromInline package let pool: UnsafeBufferPointer<UInt8>
    /// No key is repeated in the document, so a lookup may stop at the first match.
    @usableFromInline package let firstMatchWins: Bool

    /// Views of the given buffers.
    package init(nodes: UnsafeBufferPointer<JSONNode>, input: UnsafeBufferPointer<UInt8>, pool: UnsafeBufferPointer<UInt8>, firstMatchWins: Bool) {
        self.nodes = nodes
        self.input = input
        self.pool = pool
        self.firstMatchWins = firstMatchWins
    }

    /// Views of nothing, for when no document is being read.
    package static let empty = JSONView(
        nodes: UnsafeBufferPointer(start: nil, count: 0), input: UnsafeBufferPointer(start: nil, count: 0),
        pool: UnsafeBufferPointer(start: nil, count: 0), firstMatchWins: true)

    /// The value of `key` in object `object`; with duplicate keys, the last one
    /// (as JavaScript's `JSON.parse` does; the duplicate is reported anyway).
    ///
    /// Be careful when changing this function: it runs for every path step.
    @inlinable
    package func member(_ object: Int, _ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let o = nodes[object]
        guard o.kind == .object else { return nil }
        let count = key.count
        var found: Int? = nil
        var i = object &+ 1
        let end = Int(o.a)
        while i < end {
            let k = nodes[i]
            if Int(k.b &- k.a) == count {
                let base = k.flags & JSONNode.Flag.inPool != 0 ? pool.baseAddress : input.baseAddress
                if count == 0 || bytesEqual(base! + Int(k.a), key.baseAddress!, count) {
                    if firstMatchWins { return i &+ 1 }
                    found = i &+ 1
                }
            }
            // Past the value: a container's end (array and object are the last kinds), else the next key.
            let v = nodes[i &+ 1]
            i = v.kind.rawValue >= JSONKind.array.rawValue ? Int(v.a) : i &+ 2
        }
        return found
    }

    /// The unescaped bytes of string node `n`.
    @inlinable
    package func stringBytes(_ n: Int) -> UnsafeBufferPointer<UInt8> {
        let node = nodes[n]
        let base = node.flags & JSONNode.Flag.inPool != 0 ? pool : input
        return UnsafeBufferPointer(rebasing: base[Int(node.a)..<Int(node.b)])
    }
}

// Unchecked: a view only reads; the `JSONDocument` it was made from must outlive it (the pointers are into its arrays).
extension JSONView: @unchecked Sendable {}
