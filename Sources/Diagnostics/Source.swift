#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
// Source files and positions, after go/token: spans are byte offsets; lines
// and columns are computed only at the edges (rendering, reports).

/// Identifies one file registered in a `SourceMap`.
@usableFromInline package struct FileID: Hashable, Sendable, Comparable {
    /// Index into the map that issued it.
    package var raw: UInt32
    /// Creates an id from its index.
    package init(_ raw: UInt32) { self.raw = raw }
    /// The file of synthesized nodes that come from no source.
    package static let none = FileID(UInt32.max)
    /// Orders ids by registration order.
    @usableFromInline package static func < (a: FileID, b: FileID) -> Bool { a.raw < b.raw }
}

/// A half-open range of UTF-8 byte offsets in one file.
@usableFromInline package struct Span: Hashable, Sendable {
    /// The file the offsets are in.
    @usableFromInline package var file: FileID
    /// Offset of the first byte, starting at 0.
    @usableFromInline package var start: UInt32
    /// Offset just past the last byte.
    @usableFromInline package var end: UInt32

    /// Creates a span; an `end` before `start` is clamped to `start`.
    @inlinable package init(file: FileID, start: UInt32, end: UInt32) {
        self.file = file
        self.start = start
        self.end = max(start, end)
    }

    /// The span of synthesized nodes, like go/token's `NoPos`.
    package static let none = Span(file: .none, start: 0, end: 0)

    /// Whether this is `Span.none` (a synthesized node).
    package var isNone: Bool { file == .none }
    /// Number of bytes covered.
    package var length: Int { Int(end - start) }

    /// The smallest span covering both (they must be in the same file).
    package func merged(with other: Span) -> Span {
        if isNone { return other }
        if other.isNone { return self }
        return Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    /// An empty span at this span's end.
    package var endPoint: Span { Span(file: file, start: end, end: end) }
}

/// A 1-based line and column; `column` counts Unicode scalars (code points),
/// `byteColumn` counts UTF-8 bytes.
package struct SourceLocation: Hashable, Sendable, Comparable {
    /// 1-based line number.
    package var line: Int
    /// 1-based column in Unicode scalars.
    package var column: Int
    /// 1-based column in UTF-8 bytes.
    package var byteColumn: Int
    /// Creates a location from its parts.
    package init(line: Int, column: Int, byteColumn: Int) {
        self.line = line
        self.column = column
        self.byteColumn = byteColumn
    }
    /// Orders by line, then byte column.
    package static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.line, a.byteColumn) < (b.line, b.byteColumn)
    }
}

/// Offsets of the first byte of every line. A line ends at `\n`, or at `\r`
/// not followed by `\n`, so CRLF counts as one line end.
package struct LineTable: Sendable {
    /// Line-start offsets; the first entry is 0.
    package private(set) var starts: [UInt32]

    /// Builds the table of a file's bytes.
    package init(bytes: UnsafeBufferPointer<UInt8>) {
        var starts: [UInt32] = [0]
        starts.reserveCapacity(bytes.count / 32 + 1)
        let n = bytes.count
        guard let base = bytes.baseAddress, n > 0 else {
            self.starts = starts
            return
        }
        // Without a lone CR (the usual case), memchr finds every line end.
        if memchr(base, 0x0D, n) == nil {
            var p = base
            let end = base + n
            while p < end, let hit = memchr(p, 0x0A, end - p) {
                let nl = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
                starts.append(UInt32(nl - base + 1))
                p = nl + 1
            }
            self.starts = starts
            return
        }
        var i = 0
        while i < n {
            let b = bytes[i]
            if b == 0x0A {
                starts.append(UInt32(i + 1))
            } else if b == 0x0D {
                if i + 1 < n && bytes[i + 1] == 0x0A { i += 1 }
                starts.append(UInt32(i + 1))
            }
            i += 1
        }
        self.starts = starts
    }

    /// Builds the table of a file's bytes.
    package init(bytes: [UInt8]) {
        self = bytes.withUnsafeBufferPointer { LineTable(bytes: $0) }
    }

    /// Number of lines; at least 1, even for an empty file.
    package var lineCount: Int { starts.count }

    /// The 0-based line index containing `offset`.
    package func lineIndex(of offset: UInt32) -> Int {
        var lo = 0
        var hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo
    }
}

/// How many Unicode scalars start in `b[from..<to]`: every byte that is not
/// a UTF-8 continuation byte (10xxxxxx), eight bytes at a time (one-line
/// dossiers are long).
@inline(__always)
private func countScalars(_ b: UnsafeBufferPointer<UInt8>, from: Int, to end: Int) -> Int {
    guard from < end, let base = b.baseAddress else { return 0 }
    let raw = UnsafeRawPointer(base)
    var scalars = 0
    var i = from
    // 32 bytes a round: each byte's continuation flag moved to its lane's
    // low bit and added up lane by lane, the lanes summed (one multiply)
    // every 7 rounds, before a lane (at most 28) could carry into the next
    // or the sum (at most 224) pass a byte.
    let high: UInt64 = 0x8080_8080_8080_8080
    while i + 32 <= end {
        var lanes: UInt64 = 0
        var rounds = 0
        let start = i
        while rounds < 7 && i + 32 <= end {
            let w0 = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let w1 = raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            let w2 = raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self)
            let w3 = raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            lanes &+= (w0 & ~(w0 << 1) & high) >> 7
            lanes &+= (w1 & ~(w1 << 1) & high) >> 7
            lanes &+= (w2 & ~(w2 << 1) & high) >> 7
            lanes &+= (w3 & ~(w3 << 1) & high) >> 7
            rounds += 1
            i += 32
        }
        scalars += (i - start) - Int(truncatingIfNeeded: (lanes &* 0x0101_0101_0101_0101) >> 56)
    }
    while i + 8 <= end {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let continuation = w & ~(w << 1) & 0x8080_8080_8080_8080
        scalars += 8 - continuation.nonzeroBitCount
        i += 8
    }
    while i < end {
        if b[i] & 0xC0 != 0x80 { scalars += 1 }
        i += 1
    }
    return scalars
}

/// One source file: its display path, bytes and line table. Immutable.
package final class SourceFile: Sendable {
    /// The id the file was registered under.
    package let id: FileID
    /// The path as the user named it (used in messages).
    package let path: String
    /// The file's contents as read, not validated as UTF-8.
    package let bytes: [UInt8]
    /// Line-start offsets of `bytes`.
    package let lines: LineTable
    /// Line number of the first line: 1, or the line of an NDJSON record in its stream.
    package let firstLine: Int

    /// Creates a file and builds its line table.
    package init(id: FileID, path: String, bytes: [UInt8], firstLine: Int = 1) {
        self.id = id
        self.path = path
        self.bytes = bytes
        self.lines = LineTable(bytes: bytes)
        self.firstLine = firstLine
    }

    /// Line and column of a byte offset (clamped to the file). To place
    /// many offsets of one file, `locations(of:)` counts each line once.
    package func location(of offset: UInt32) -> SourceLocation {
        let offset = min(offset, UInt32(bytes.count))
        let lineIndex = lines.lineIndex(of: offset)
        let lineStart = Int(lines.starts[lineIndex])
        let scalars = bytes.withUnsafeBufferPointer { countScalars($0, from: lineStart, to: Int(offset)) }
        return SourceLocation(line: lineIndex + firstLine, column: scalars + 1, byteColumn: Int(offset) - lineStart + 1)
    }

    /// The locations of many byte offsets (each clamped to the file), in the
    /// order given: the same as `location(of:)` of each, placed in one pass.
    /// The offsets are sorted and the scalars of a line are counted forward
    /// from the last offset placed on it, so a one-line NDJSON record with
    /// many findings and evidence values is read once, not once per value.
    package func locations(of offsets: [UInt32]) -> [SourceLocation] {
        let n = offsets.count
        if n == 0 { return [] }
        if n == 1 { return [location(of: offsets[0])] }
        let size = UInt32(bytes.count)
        // Offset and index packed in one word: one sort of plain integers,
        // equal offsets kept in index order.
        var order: [UInt64] = []
        order.reserveCapacity(n)
        var sorted = true
        var previous: UInt64 = 0
        for (i, o) in offsets.enumerated() {
            let key = UInt64(min(o, size)) << 32 | UInt64(i)
            if key < previous { sorted = false }
            previous = key
            order.append(key)
        }
        if !sorted { order.sort() }
        var result = repeatedArray(SourceLocation(line: 0, column: 0, byteColumn: 0), count: n)
        bytes.withUnsafeBufferPointer { b in
            let starts = lines.starts
            var line = -1
            var lineStart = 0
            var nextLineStart = 0
            var counted = 0
            var scalars = 0
            for key in order {
                let offset = Int(key >> 32)
                if line < 0 || offset >= nextLineStart {
                    line = lines.lineIndex(of: UInt32(offset))
                    lineStart = Int(starts[line])
                    nextLineStart = line + 1 < starts.count ? Int(starts[line + 1]) : Int.max
                    counted = lineStart
                    scalars = 0
                }
                scalars += countScalars(b, from: counted, to: offset)
                counted = offset
                result[Int(key & 0xFFFF_FFFF)] = SourceLocation(line: line + firstLine, column: scalars + 1, byteColumn: offset - lineStart + 1)
            }
        }
        return result
    }

    /// Byte range of a 0-based line, without its line terminator.
    package func lineRange(_ lineIndex: Int) -> Range<Int> {
        let start = Int(lines.starts[lineIndex])
        var end = lineIndex + 1 < lines.starts.count ? Int(lines.starts[lineIndex + 1]) : bytes.count
        while end > start && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D) { end -= 1 }
        return start..<end
    }

    /// Text of a 0-based line, without its terminator (invalid UTF-8 repaired).
    package func lineText(_ lineIndex: Int) -> String {
        String(decoding: bytes[lineRange(lineIndex)], as: UTF8.self)
    }

    /// The text a span covers (invalid UTF-8 repaired).
    package func text(_ span: Span) -> String {
        let s = min(Int(span.start), bytes.count)
        let e = min(Int(span.end), bytes.count)
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }
}

/// The files of one run, indexed by `FileID` (go/token's FileSet): rule
/// files are added in order; the dossiers of a `check` run get their ids
/// from the run, and a report registers the ones it shows (`register`), so
/// a streamed run never holds every dossier at once.
public struct SourceMap: Sendable {
    package private(set) var files: [SourceFile] = []
    /// Files registered under an id out of `files`' order.
    private var registered: [FileID: SourceFile] = [:]
    /// Creates an empty map.
    public init() {}

    /// Registers a file and returns it.
    @discardableResult
    package mutating func add(path: String, bytes: [UInt8], firstLine: Int = 1) -> SourceFile {
        let file = SourceFile(id: FileID(UInt32(files.count)), path: path, bytes: bytes, firstLine: firstLine)
        files.append(file)
        return file
    }

    /// Registers an already-built file under its own id (used when a file was
    /// made elsewhere, e.g. one dossier in a worker).
    package mutating func insert(_ file: SourceFile) {
        precondition(Int(file.id.raw) == files.count, "files must be inserted in id order")
        files.append(file)
    }

    /// Registers a file built elsewhere under its own id, in any order (a
    /// dossier checked by a worker of the run); a later file with the same
    /// id replaces it.
    package mutating func register(_ file: SourceFile) {
        if Int(file.id.raw) == files.count && registered.isEmpty {
            files.append(file)
        } else {
            registered[file.id] = file
        }
    }

    /// Forgets a registered file (a report done with a dossier).
    package mutating func remove(_ id: FileID) {
        if registered.removeValue(forKey: id) == nil, Int(id.raw) == files.count - 1, files.last?.id == id { files.removeLast() }
    }

    /// The file registered under `id`, or nil.
    package subscript(id: FileID) -> SourceFile? {
        if id == .none { return nil }
        if Int(id.raw) < files.count, files[Int(id.raw)].id == id { return files[Int(id.raw)] }
        return registered[id]
    }

    /// `path:line:col` of a span's start, or nil for `Span.none`.
    package func describe(_ span: Span) -> String? {
        guard let f = self[span.file] else { return nil }
        let loc = f.location(of: span.start)
        return "\(f.path):\(loc.line):\(loc.column)"
    }
}
