#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One non-blank line of an NDJSON stream.
public struct NDJSONRecord: Sendable, Hashable {
    /// 1-based line number in the stream.
    package var line: Int
    /// The line's bytes, without its line terminator; empty when the line
    /// was over the reader's limit (`overLimit`).
    package var bytes: [UInt8]
    /// The line was longer than the reader's `maxLineBytes`: its bytes were
    /// skipped unbuffered, and the record must be reported as unreadable.
    package var overLimit: Bool
    /// The line's length in bytes (counted even when its bytes were skipped).
    package var length: Int

    /// Creates a record from its line number and bytes.
    package init(line: Int, bytes: [UInt8]) {
        self.line = line
        self.bytes = bytes
        self.overLimit = false
        self.length = bytes.count
    }

    /// A record of a line over the limit: its number and length only.
    package init(line: Int, overLimitLength length: Int) {
        self.line = line
        self.bytes = []
        self.overLimit = true
        self.length = length
    }
}

/// Reads NDJSON (one document per line) from a file descriptor in chunks, so
/// memory stays flat however long the stream. Blank lines are skipped; a
/// broken line is the caller's to report — the reader goes on.
///
/// One buffer, allocated once (it grows only for a line longer than a
/// chunk): read(2) fills its free tail directly, a line is found with
/// memchr and copied out once, and the unread rest is moved to the front
/// only when the tail is too short for another chunk.
///
/// A regular file (`tuanthu check - < corpus.ndjson`) is mapped instead
/// (`FileMapping`): each line is copied straight from the file's pages by
/// the thread that asked for it, which with several workers is the one
/// that checks it. Read into one buffer, the bytes were written by the
/// kernel on whichever core read that chunk and then fetched from that
/// core's cache by the other (measured: 2 to 3 % of the CPU time of
/// `--jobs 2`). The file is read as it was when mapped: what is appended
/// later is not read, and truncating it while it is read ends the process
/// (SIGBUS), as with every program that maps its input.
package struct NDJSONReader {
    private let fd: Int32
    /// Bytes `0..<end` are read; the rest is room for the next read(2).
    private var buffer: [UInt8] = []
    private var end = 0
    /// Start of the current line in `buffer`.
    private var start = 0
    /// Where to resume looking for `\n`: a long line is scanned once, not once per chunk.
    private var scanned = 0
    private var line = 0
    private var isEOF = false
    private let chunkSize: Int
    /// The longest line buffered; a longer one is skipped to its end.
    private let maxLineBytes: Int
    /// The `errno` of a failed read; the stream ends there.
    package private(set) var readError: Int32? = nil
    /// Called before each read(2), which may wait for the writer: a caller
    /// streaming results flushes its output there, so nothing it has already
    /// checked waits on input that has not come.
    package var beforeRead: (() -> Void)? = nil
    /// The rest of the stream, mapped, when it is a regular file; then
    /// `0..<end` are its bytes and the stream has ended (`isEOF`).
    private var mapping: FileMapping? = nil

    /// The default chunk: large, so a fast stream costs one read(2) per
    /// hundred dossiers or so.
    package static let defaultChunkSize = 1 << 20

    /// A reader of `fileDescriptor` (not closed by the reader) that reads
    /// `chunkSize` bytes at a time. A line longer than `maxLineBytes` is
    /// never held in memory: it is read through to its end and returned as
    /// an `overLimit` record, and the stream goes on with the next line.
    /// With `maps` (the default), a regular file is mapped rather than read
    /// (`chunkSize` then plays no part); the tests turn it off to read one.
    package init(fileDescriptor: Int32, chunkSize: Int = NDJSONReader.defaultChunkSize, maxLineBytes: Int = Int.max, maps: Bool = true) {
        self.fd = fileDescriptor
        self.chunkSize = max(1, chunkSize)
        self.maxLineBytes = max(1, maxLineBytes)
        if maps, let m = FileMapping(fileDescriptor: fileDescriptor) {
            mapping = m
            end = m.count
            isEOF = true
        }
    }

    /// Is the stream read from a mapping of the file (see the type's notes)?
    package var isMapped: Bool { mapping != nil }

    /// The bytes `0..<end`: the mapped file, or the buffer.
    @inline(__always)
    private func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let mapping { return body(UnsafeBufferPointer(start: mapping.bytes, count: mapping.count)) }
        return buffer.withUnsafeBufferPointer(body)
    }

    /// The next non-blank line, or nil at the end of the stream.
    package mutating func next() -> NDJSONRecord? {
        while true {
            // memchr: a byte-at-a-time `firstIndex` costs more than parsing the line.
            let newline: Int? = withBytes { b in
                guard scanned < end, let p = memchr(b.baseAddress! + scanned, 0x0A, end - scanned) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if let nl = newline {
                line += 1
                let range = start..<nl
                start = nl + 1
                scanned = start
                if isBlank(range) {
                    mapping?.advance(to: start)
                    continue
                }
                let r = record(range)
                mapping?.advance(to: start)
                return r
            }
            scanned = end
            if mapping == nil && end - start > maxLineBytes {
                return skipLongLine()
            }
            if isEOF {
                guard start < end else { return nil }
                line += 1
                let range = start..<end
                start = end
                scanned = start
                return isBlank(range) ? nil : record(range)
            }
            fill()
        }
    }

    /// Whether `next()` would return without reading: a whole non-blank
    /// line is buffered, or the stream has ended.
    package func hasBufferedRecord() -> Bool {
        if isEOF { return true }
        var lineStart = start, from = scanned
        while from < end {
            let newline: Int? = withBytes { b in
                guard let p = memchr(b.baseAddress! + from, 0x0A, end - from) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            guard let nl = newline else { return false }
            if !isBlank(lineStart..<nl) { return true }
            lineStart = nl + 1
            from = nl + 1
        }
        return false
    }

    /// Whether the stream is one JSON document spread over several lines (a
    /// pretty-printed dossier) rather than NDJSON: its first non-blank line
    /// starts a value that does not end on that line. Reads ahead as far as
    /// the end of that line (at most `maxLineBytes`), consuming nothing.
    public mutating func holdsOneDocument() -> Bool {
        while true {
            let verdict: Bool? = withBytes { b in
                var i = start
                while i < end, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
                guard i < end else { return nil }
                var e = i
                while e < end, b[e] != 0x0A { e += 1 }
                if e == end && !isEOF {
                    // The line has not ended yet: read on, unless it is already over
                    // the limit — then it is a record over the limit, reported as such.
                    return end - start > maxLineBytes ? false : nil
                }
                return !jsonValueEndsOnLine(UnsafeBufferPointer(rebasing: b[i..<e]))
            }
            if let verdict { return verdict }
            if isEOF { return false }
            fill()
        }
    }

    /// Everything left in the stream, for a stream that holds one document:
    /// at most `limit` bytes; `over` when there was more (the rest is drained unread).
    public mutating func readToEnd(limit: Int) -> (bytes: [UInt8], over: Bool) {
        while !isEOF && end - start <= limit { fill() }
        var over = end - start > limit
        let bytes = over ? [] : withBytes { Array($0[start..<end]) }
        mapping = nil
        buffer.removeAll(keepingCapacity: false)
        start = 0
        end = 0
        scanned = 0
        // Drained, so a writer is never left blocked on a full pipe.
        while !isEOF {
            fill()
            if end > 0 { over = true }
            start = 0
            end = 0
        }
        return (bytes, over)
    }

    /// Reads through a line already over the limit without keeping it, and
    /// returns its record; the buffer then holds what follows its LF.
    private mutating func skipLongLine() -> NDJSONRecord {
        var length = end - start
        line += 1
        let number = line
        start = 0
        end = 0
        scanned = 0
        while true {
            if isEOF { return NDJSONRecord(line: number, overLimitLength: length) }
            fill()
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard end > 0, let p = memchr(b.baseAddress!, 0x0A, end) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if let nl = newline {
                length += nl
                start = nl + 1
                scanned = start
                return NDJSONRecord(line: number, overLimitLength: length)
            }
            length += end
            start = 0
            end = 0
        }
    }

    /// The record of the line at `range`: its bytes, or, over the limit,
    /// its length only (a mapped file has the whole line at hand: it is
    /// still not copied, as a read one is not buffered).
    private func record(_ range: Range<Int>) -> NDJSONRecord {
        let content = withoutCR(range)
        // Its length as a record's bytes count it: without a CR before the LF.
        if mapping != nil && range.count > maxLineBytes { return NDJSONRecord(line: line, overLimitLength: content.count) }
        return NDJSONRecord(line: line, bytes: withBytes { Array(UnsafeBufferPointer(rebasing: $0[content])) })
    }

    /// A line's range without a CR before its LF.
    private func withoutCR(_ range: Range<Int>) -> Range<Int> {
        withBytes { b in range.upperBound > range.lowerBound && b[range.upperBound - 1] == 0x0D ? range.lowerBound..<range.upperBound - 1 : range }
    }

    /// Is the line empty or only spaces, tabs and carriage returns?
    private func isBlank(_ range: Range<Int>) -> Bool {
        withBytes { b in
            UnsafeBufferPointer(rebasing: b[range]).allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
        }
    }

    /// Reads up to one chunk after `end`, first making room: the unread bytes
    /// move to the front when the free tail is short, and the buffer grows
    /// only when the unread bytes fill most of it (a line longer than a chunk).
    private mutating func fill() {
        if buffer.count - end < chunkSize && start > 0 {
            let kept = end - start
            buffer.withUnsafeMutableBufferPointer { b in
                if kept > 0 { memmove(b.baseAddress!, b.baseAddress! + start, kept) }
            }
            scanned -= start
            start = 0
            end = kept
        }
        if buffer.count - end < chunkSize {
            buffer.append(contentsOf: repeatElement(0, count: max(chunkSize, buffer.count) - (buffer.count - end)))
        }
        beforeRead?()
        var n: Int
        repeat {
            n = buffer.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + end, chunkSize) }
        } while n < 0 && errno == EINTR
        if n < 0 { readError = errno }
        if n <= 0 {
            isEOF = true
        } else {
            end += n
        }
    }
}

/// The unread part of a regular file, mapped read-only, for `NDJSONReader`:
/// unmapped when the last copy of the reader goes. As the reader moves on,
/// the pages ahead are mapped a window at a time in one call (instead of a
/// page fault every few pages), and those behind are given back, so the
/// process's memory stays flat however large the file.
private final class FileMapping {
    /// What is mapped: from the page holding the first unread byte to the end.
    private let region: UnsafeMutableRawPointer
    private let regionLength: Int
    /// The first unread byte (the descriptor's offset when mapped) and the count from there.
    let bytes: UnsafePointer<UInt8>
    let count: Int
    /// Offsets (of `bytes`) below which pages were given back, and up to which they are mapped ahead.
    private var released = 0
    private var populated = 0
    private let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    /// Mapped ahead in one call; given back once this much is behind.
    private static let window = 2 << 20

    /// Maps the rest of `fd` when it is a regular file with bytes left; nil
    /// otherwise (a pipe, a terminal, an empty file, a file that cannot be
    /// mapped: those are read). The descriptor's offset moves to the end,
    /// as if the rest had been read.
    init?(fileDescriptor fd: Int32) {
        var st = stat()
        guard fd >= 0, fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
        let offset = Int(lseek(fd, 0, SEEK_CUR))
        let size = Int(st.st_size)
        guard offset >= 0, size > offset else { return nil }
        let first = offset - offset % page
        guard let p = mmap(nil, size - first, PROT_READ, MAP_PRIVATE, fd, off_t(first)), p != MAP_FAILED else { return nil }
        _ = madvise(p, size - first, MADV_SEQUENTIAL)
        region = p
        regionLength = size - first
        bytes = UnsafePointer(p.assumingMemoryBound(to: UInt8.self) + (offset - first))
        count = size - offset
        _ = lseek(fd, off_t(size), SEEK_SET)
    }

    deinit { munmap(region, regionLength) }

    /// The reader is at offset `position`: map the next window when within
    /// half a window of the end of the mapped part; give back what is a window behind.
    @inline(__always)
    func advance(to position: Int) {
        if position + Self.window / 2 > populated && populated < count { populate() }
        if position - released >= Self.window { release(upTo: position) }
    }

    private var lead: Int { UnsafeRawPointer(bytes) - UnsafeRawPointer(region) }

    private func populate() {
        #if os(Linux)
        // MADV_POPULATE_READ (Linux 5.14): maps the pages in one call. An older
        // kernel refuses it (EINVAL) and the pages are faulted in as read.
        let madvPopulateRead: Int32 = 22
        let lo = (lead + populated) / page * page
        let hi = Swift.min(regionLength, lead + populated + Self.window)
        if hi > lo { _ = madvise(region + lo, hi - lo, madvPopulateRead) }
        #endif
        populated = Swift.min(count, populated + Self.window)
    }

    private func release(upTo position: Int) {
        let lo = (lead + released) / page * page
        let hi = (lead + position) / page * page
        if hi > lo { _ = madvise(region + lo, hi - lo, MADV_DONTNEED) }
        released = position
    }
}

/// Is a line empty or only spaces, tabs and carriage returns?
private func isBlank(_ bytes: [UInt8]) -> Bool {
    bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
}

/// Splits an in-memory NDJSON text into records (for tests and small inputs).
package func ndjsonRecords(_ bytes: [UInt8]) -> [NDJSONRecord] {
    var out: [NDJSONRecord] = []
    var line = 0
    var s = 0
    var i = 0
    while i <= bytes.count {
        if i == bytes.count || bytes[i] == 0x0A {
            line += 1
            var e = i
            if e > s && bytes[e - 1] == 0x0D { e -= 1 }
            let rec = Array(bytes[s..<e])
            if !isBlank(rec) { out.append(NDJSONRecord(line: line, bytes: rec)) }
            s = i + 1
        }
        i += 1
    }
    return out
}

/// Whether the JSON value that starts `line` ends within it: its brackets
/// close (strings and escapes followed), or it is a scalar. Only structure is
/// looked at; a broken value still "ends" when its brackets balance.
public func jsonValueEndsOnLine(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
    var depth = 0
    var inString = false
    var escaped = false
    for b in line {
        if inString {
            if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
            continue
        }
        switch b {
        case 0x22: inString = true
        case 0x7B, 0x5B: depth += 1
        case 0x7D, 0x5D:
            depth -= 1
            if depth <= 0 { return true }
        default: break
        }
    }
    return !inString && depth == 0
}
