/// A JSON value to write, as a tree: for documents made once per run (the
/// head of a report, a schema, a summary). Per-dossier output does not build
/// one: it is written straight into bytes with a `JSONWriter`, which this
/// tree is also serialised through (one place decides the layout).
///
/// Not `indirect`: the containers' arrays already give the recursion its
/// indirection, and an indirect case would cost one allocation per node.
package enum JSONOut: Sendable {
    case null
    case bool(Bool)
    /// A number, already as JSON text.
    case number(String)
    case string(String)
    case array([JSONOut])
    case object([(String, JSONOut)])
    /// JSON text inserted as is (must be valid JSON).
    case raw(String)
    /// JSON text inserted as is, as UTF-8 bytes (must be valid JSON).
    case rawBytes([UInt8])

    /// An integer as a JSON number.
    package static func int(_ v: Int) -> JSONOut { .number(String(v)) }
    /// A string, or `null` when nil.
    package static func optionalString(_ s: String?) -> JSONOut { s.map { .string($0) } ?? .null }

    /// Serialises compactly (one line), or indented by two spaces, small
    /// containers kept on one line (see `JSONWriter`).
    package func serialized(pretty: Bool = false, indent: Int = 0) -> String {
        var w = JSONWriter(pretty: pretty, indent: indent, capacity: 1024)
        w.value(self)
        return String(decoding: w.bytes, as: UTF8.self)
    }

    /// Appends the value, compact (one line), to `out`: the bytes
    /// `serialized()` would give, without making a `String` of them.
    package func write(into out: inout [UInt8]) {
        var w = JSONWriter(pretty: false, indent: 0, capacity: 0)
        swap(&w.bytes, &out)
        w.value(self)
        swap(&w.bytes, &out)
    }
}

/// Writes JSON straight into a byte buffer, in document order: no tree, no
/// `String` per field. Compact (one line, no spaces), or pretty: indented by
/// two spaces, with a container kept on one line (`{"a": 1, "b": [2]}`) when
/// it nests at most one container deep and takes at most 72 bytes.
///
/// Containers take their members as a closure. In pretty mode the writer
/// first tries the one-line form; once that overflows it ignores every
/// further write (cheaply) to the end of the container, rolls back and runs
/// the closure again in the indented form. So a container's closure may run
/// twice: compute anything costly before opening the container.
package struct JSONWriter {
    /// The JSON text written so far.
    package var bytes: [UInt8]
    /// Indented output (else compact).
    package let pretty: Bool
    /// The indent level (two spaces each) of the next member of an indented container.
    private var indent: Int
    /// Containers open.
    private var depth = 0
    /// The next value needs a separator first (a member was written in this container).
    private var needsComma = false
    /// A key was just written: the next value follows it without a separator.
    private var afterKey = false
    /// In a one-line attempt: the depth of the current container within the
    /// attempt (its first container is 0); -1 outside an attempt.
    private var inlineDepth = -1
    /// The attempt fails when `bytes` grows past this.
    private var inlineLimit = 0
    /// The attempt failed: writes are ignored to the end of its first container.
    private var abandoned = false

    /// The widest one-line container, in bytes from its opening bracket to its closing one.
    static let inlineWidth = 72

    /// A writer whose first value is written at `indent` (pretty mode), with
    /// room for `capacity` bytes.
    package init(pretty: Bool, indent: Int = 0, capacity: Int = 0) {
        self.pretty = pretty
        self.indent = indent
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Writes an object; `body` writes its members (`key` then a value, each).
    /// `multiline: true` skips the one-line attempt when the caller knows the
    /// object cannot fit (its fixed members alone are longer than 72 bytes);
    /// debug builds check it.
    @inline(__always)
    package mutating func object(multiline: Bool = false, _ body: (inout JSONWriter) -> Void) {
        container(UInt8(ascii: "{"), UInt8(ascii: "}"), multiline: multiline, body)
    }

    /// Writes an array; `body` writes its elements.
    @inline(__always)
    package mutating func array(multiline: Bool = false, _ body: (inout JSONWriter) -> Void) {
        container(UInt8(ascii: "["), UInt8(ascii: "]"), multiline: multiline, body)
    }

    /// Writes an object member's key, a plain ASCII literal that needs no
    /// escaping (the tool's own key names).
    @inline(__always)
    package mutating func key(_ k: StaticString) {
        guard beforeKey() else { return }
        assert(k.isASCII && !k.withUTF8Buffer { $0.contains { $0 == 0x22 || $0 == 0x5C || $0 < 0x20 } })
        bytes.append(UInt8(ascii: "\""))
        k.withUTF8Buffer { bytes.append(contentsOf: $0) }
        // Byte by byte: appending a `String`'s UTF-8 view costs more than the key.
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
        afterKey = true
    }

    /// Writes an object member's key given at run time (escaped). A
    /// separate label: a literal key takes the `StaticString` overload,
    /// which copies it as it is.
    package mutating func key(escaping k: String) {
        guard beforeKey() else { return }
        appendEscaped(k, to: &bytes)
        if pretty {
            bytes.append(contentsOf: ": ".utf8)
        } else {
            bytes.append(UInt8(ascii: ":"))
        }
        afterKey = true
    }

    /// Writes a string.
    package mutating func string(_ s: String) {
        guard beforeValue() else { return }
        appendEscaped(s, to: &bytes)
        afterValue()
    }

    /// Writes a string, or `null` when nil.
    package mutating func string(_ s: String?) {
        if let s { string(s) } else { null() }
    }

    /// Writes an integer, in decimal (no Foundation, no `String`).
    package mutating func int(_ v: Int) {
        guard beforeValue() else { return }
        appendDecimal(v, to: &bytes)
        afterValue()
    }

    /// Writes `true` or `false`.
    package mutating func bool(_ b: Bool) {
        guard beforeValue() else { return }
        let text: StaticString = b ? "true" : "false"
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
        afterValue()
    }

    /// Writes `null`.
    package mutating func null() {
        guard beforeValue() else { return }
        // Byte by byte, as for keys.
        bytes.append(UInt8(ascii: "n"))
        bytes.append(UInt8(ascii: "u"))
        bytes.append(UInt8(ascii: "l"))
        bytes.append(UInt8(ascii: "l"))
        afterValue()
    }

    /// Writes JSON text as it is (it must be one valid JSON value).
    package mutating func raw(_ text: String) {
        guard beforeValue() else { return }
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
        afterValue()
    }

    /// Writes JSON text given as UTF-8 bytes as it is (one valid JSON value).
    package mutating func raw(_ text: UnsafeBufferPointer<UInt8>) {
        guard beforeValue() else { return }
        bytes.append(contentsOf: text)
        afterValue()
    }

    /// Writes array elements that are JSON texts given as slices of one
    /// buffer, element `e` being `source[starts[e]..<starts[e + 1]]`: the
    /// NDJSON lines' rule entries, made once a run. One loop, no closure
    /// per element.
    package mutating func rawElements(_ source: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>, _ elements: [Int]) {
        guard !pretty else {
            for e in elements { raw(UnsafeBufferPointer(rebasing: source[starts[e]..<starts[e + 1]])) }
            return
        }
        guard !abandoned, !elements.isEmpty, let from = source.baseAddress else { return }
        // The room for all of them made at once (zeroed, then overwritten):
        // one copy per element, not one `append` each.
        var total = needsComma ? elements.count : elements.count - 1
        for e in elements { total += starts[e + 1] - starts[e] }
        var at = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: total))
        bytes.withUnsafeMutableBufferPointer { out in
            let to = out.baseAddress!
            for (k, e) in elements.enumerated() {
                if k > 0 || needsComma {
                    to[at] = UInt8(ascii: ",")
                    at += 1
                }
                let length = starts[e + 1] - starts[e]
                (to + at).update(from: from + starts[e], count: length)
                at += length
            }
        }
        needsComma = true
    }

    /// Writes a tree.
    package mutating func value(_ v: JSONOut) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let n): raw(n)
        case .string(let s): string(s)
        case .raw(let r): raw(r)
        case .rawBytes(let r): r.withUnsafeBufferPointer { raw($0) }
        case .array(let items):
            array { w in for item in items { w.value(item) } }
        case .object(let members):
            object { w in
                for (k, item) in members {
                    w.key(escaping: k)
                    w.value(item)
                }
            }
        }
    }

    // MARK: - Layout

    /// The separator and line break before an array element or the root
    /// value; false when the write is to be ignored.
    @inline(__always)
    private mutating func beforeValue() -> Bool {
        if abandoned { return false }
        if afterKey {
            afterKey = false
            return true
        }
        if depth > 0 { separate() }
        return true
    }

    /// The separator and line break before an object member's key.
    @inline(__always)
    private mutating func beforeKey() -> Bool {
        if abandoned { return false }
        separate()
        return true
    }

    @inline(__always)
    private mutating func separate() {
        if !pretty {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
        } else if inlineDepth >= 0 {
            if needsComma { bytes.append(contentsOf: ", ".utf8) }
        } else {
            if needsComma { bytes.append(UInt8(ascii: ",")) }
            newline(indent)
        }
    }

    @inline(__always)
    private mutating func afterValue() {
        needsComma = true
        if inlineDepth >= 0 && bytes.count > inlineLimit { abandoned = true }
    }

    private mutating func newline(_ level: Int) {
        bytes.append(0x0A)
        for _ in 0..<(level * 2) { bytes.append(0x20) }
    }

    private mutating func container(_ open: UInt8, _ close: UInt8, multiline: Bool, _ body: (inout JSONWriter) -> Void) {
        guard beforeValue() else { return }
        if !pretty {
            bytes.append(open)
            needsComma = false
            depth += 1
            body(&self)
            depth -= 1
            bytes.append(close)
            needsComma = true
            return
        }
        if inlineDepth >= 0 {
            // Inside a one-line attempt: a third level of containers does not fit.
            if inlineDepth >= 1 {
                abandoned = true
                return
            }
            bytes.append(open)
            needsComma = false
            depth += 1
            inlineDepth += 1
            body(&self)
            inlineDepth -= 1
            depth -= 1
            guard !abandoned else { return }
            bytes.append(close)
            afterValue()
            return
        }
        let mark = bytes.count
        #if DEBUG
        let tryInline = true
        #else
        let tryInline = !multiline
        #endif
        if tryInline {
            inlineDepth = 0
            inlineLimit = mark + Self.inlineWidth
            bytes.append(open)
            needsComma = false
            depth += 1
            body(&self)
            depth -= 1
            if !abandoned {
                bytes.append(close)
                if bytes.count > inlineLimit { abandoned = true }
            }
            inlineDepth = -1
            if !abandoned {
                assert(!multiline, "a container said to be multi-line fits on one line")
                needsComma = true
                return
            }
            abandoned = false
            bytes.removeSubrange(mark...)
        }
        bytes.append(open)
        needsComma = false
        depth += 1
        indent += 1
        body(&self)
        indent -= 1
        depth -= 1
        // Not empty: an empty container fits on one line.
        newline(indent)
        bytes.append(close)
        needsComma = true
    }
}

/// Where bytes are appended: an array, or the NDJSON line's `LineBuffer`.
/// The escaper and the decimal writer are generic over it (and specialised).
package protocol ByteSink: ~Copyable {
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends the bytes of `bytes`.
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: ByteSink where Element == UInt8 {}

/// A growable byte buffer written through a pointer, for one NDJSON line:
/// an append is a bounds check and a copy, with none of `Array`'s
/// per-call bookkeeping (the line takes a few dozen appends a finding).
/// Noncopyable, so no copy can share the memory it frees: `finish()`
/// consumes it and hands the bytes over, and a buffer dropped without it
/// frees its memory in `deinit`.
struct LineBuffer: ~Copyable, ByteSink {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    /// A buffer with room for `capacity` bytes to start with.
    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = .allocate(capacity: self.capacity)
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf bytes: UnsafeBufferPointer<UInt8>) {
        let n = bytes.count
        guard n > 0, let from = bytes.baseAddress else { return }
        if n > capacity - count { grow(n) }
        (base + count).update(from: from, count: n)
        count += n
    }

    /// Appends a literal's bytes.
    @inline(__always)
    mutating func append(_ s: StaticString) {
        append(contentsOf: UnsafeBufferPointer(start: s.utf8Start, count: s.utf8CodeUnitCount))
    }

    private mutating func grow(_ n: Int) {
        let bigger = max(capacity * 2, count + n)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        moved.update(from: base, count: count)
        base.deallocate()
        base = moved
        capacity = bigger
    }

    /// The bytes written, as an array; frees the buffer and ends it.
    consuming func finish() -> [UInt8] {
        let bytes = Array(UnsafeBufferPointer(start: base, count: count))
        base.deallocate()
        discard self
        return bytes
    }

    deinit { base.deallocate() }
}

/// Appends `v` in decimal.
@inline(__always)
package func appendDecimal<Sink: ByteSink & ~Copyable>(_ v: Int, to out: inout Sink) {
    if v >= 0 && v < 10 {
        out.append(UInt8(truncatingIfNeeded: v) &+ 0x30)
        return
    }
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { p in
        var x = v.magnitude
        var i = p.count
        repeat {
            i -= 1
            p[i] = UInt8(truncatingIfNeeded: x % 10) &+ 0x30
            x /= 10
        } while x > 0
        if v < 0 {
            i -= 1
            p[i] = UInt8(ascii: "-")
        }
        for k in i..<p.count { out.append(p[k]) }
    }
}

/// Appends a JSON string literal, escaped per RFC 8259, and U+2028 and
/// U+2029 too (they break JavaScript string literals); runs of bytes that
/// need nothing are copied whole.
package func appendEscaped<Sink: ByteSink & ~Copyable>(_ s: String, to out: inout Sink) {
    // Read in place: a copy to call `withUTF8` on retained and released the
    // string's storage, often a rule's, whose count every worker touches.
    if s.utf8.withContiguousStorageIfAvailable({ appendEscaped($0, to: &out) }) == nil {
        var s = s
        s.withUTF8 { appendEscaped($0, to: &out) }
    }
}

/// Appends the UTF-8 bytes `b` as a JSON string literal (see above).
package func appendEscaped<Sink: ByteSink & ~Copyable>(_ b: UnsafeBufferPointer<UInt8>, to out: inout Sink) {
    out.append(UInt8(ascii: "\""))
    var runStart = 0
    var i = 0
    let n = b.count
    let raw = UnsafeRawPointer(b.baseAddress)
    while i < n {
        // Eight bytes at a time while none needs a look (SWAR).
        if i + 8 <= n, let raw, plainWord(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) {
            i += 8
            continue
        }
        let c = b[i]
        // Most bytes need nothing: a few compares decide (the rare 0xE2 is
        // looked at below for U+2028 and U+2029).
        if c >= 0x20 && c != 0x22 && c != 0x5C && c != 0x7F && c != 0xE2 {
            i += 1
            continue
        }
        let escape: StaticString
        switch c {
        case UInt8(ascii: "\""): escape = "\\\""
        case UInt8(ascii: "\\"): escape = "\\\\"
        case 0x0A: escape = "\\n"
        case 0x0D: escape = "\\r"
        case 0x09: escape = "\\t"
        case 0xE2:
            // U+2028 and U+2029 break JavaScript string literals.
            guard i + 2 < n && b[i + 1] == 0x80 && (b[i + 2] == 0xA8 || b[i + 2] == 0xA9) else {
                i += 1
                continue
            }
            escape = b[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
        default:
            // The other controls (C0 and DEL) as \u00XX.
            out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
            let hex: StaticString = "0123456789abcdef"
            let h = hex.utf8Start
            for byte in [0x5C, 0x75, 0x30, 0x30, h[Int(c >> 4)], h[Int(c & 0xF)]] { out.append(byte) }
            i += 1
            runStart = i
            continue
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<i]))
        out.append(contentsOf: UnsafeBufferPointer(start: escape.utf8Start, count: escape.utf8CodeUnitCount))
        i += c == 0xE2 ? 3 : 1
        runStart = i
    }
    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[runStart..<n]))
    out.append(UInt8(ascii: "\""))
}

/// Do the eight bytes of `w` need no escaping and no look (no control,
/// quote, backslash, DEL or 0xE2)? The classic "has a zero byte" and "has a
/// byte below n" tests: exact for whether any byte matches.
@inline(__always)
private func plainWord(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let high: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZero(_ v: UInt64) -> UInt64 { (v &- ones) & ~v & high }
    let below20 = (w &- ones &* 0x20) & ~w & high
    let special = hasZero(w ^ (ones &* 0x22)) | hasZero(w ^ (ones &* 0x5C)) | hasZero(w ^ (ones &* 0x7F)) | hasZero(w ^ (ones &* 0xE2))
    return (below20 | special) == 0
}

/// A JSON string literal, escaped per RFC 8259.
package func escapeJSONString(_ s: String) -> String {
    var out: [UInt8] = []
    out.reserveCapacity(s.utf8.count + 2)
    appendEscaped(s, to: &out)
    return String(decoding: out, as: UTF8.self)
}
