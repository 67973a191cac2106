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
package struct NDJSONReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
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

    /// A reader of `fileDescriptor` (not closed by the reader) that reads
    /// `chunkSize` bytes at a time. A line longer than `maxLineBytes` is
    /// never held in memory: it is read through to its end and returned as
    /// an `overLimit` record, and the stream goes on with the next line.
    package init(fileDescriptor: Int32, chunkSize: Int = 1 << 16, maxLineBytes: Int = Int.max) {
        self.fd = fileDescriptor
        self.chunkSize = max(1, chunkSize)
        self.maxLineBytes = max(1, maxLineBytes)
    }

    /// The next non-blank line, or nil at the end of the stream.
    package mutating func next() -> NDJSONRecord? {
        while true {
            // memchr: a byte-at-a-time `firstIndex` costs more than parsing the line.
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard scanned < b.count, let p = memchr(b.baseAddress! + scanned, 0x0A, b.count - scanned) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if let nl = newline {
                line += 1
                let record = NDJSONRecord(line: line, bytes: lineBytes(start..<nl))
                start = nl + 1
                scanned = start
                if isBlank(record.bytes) { continue }
                return record
            }
            scanned = buffer.count
            if buffer.count - start > maxLineBytes {
                return skipLongLine()
            }
            if isEOF {
                guard start < buffer.count else { return nil }
                line += 1
                let record = NDJSONRecord(line: line, bytes: lineBytes(start..<buffer.count))
                start = buffer.count
                scanned = start
                return isBlank(record.bytes) ? nil : record
            }
            fill()
        }
    }

    /// Reads through a line already over the limit without keeping it, and
    /// returns its record; the buffer then holds what follows its LF.
    private mutating func skipLongLine() -> NDJSONRecord {
        var length = buffer.count - start
        line += 1
        let number = line
        buffer.removeAll(keepingCapacity: true)
        start = 0
        scanned = 0
        while true {
            if isEOF { return NDJSONRecord(line: number, overLimitLength: length) }
            fill()
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard !b.isEmpty, let p = memchr(b.baseAddress!, 0x0A, b.count) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if let nl = newline {
                length += nl
                start = nl + 1
                scanned = start
                return NDJSONRecord(line: number, overLimitLength: length)
            }
            length += buffer.count
            buffer.removeAll(keepingCapacity: true)
        }
    }

    /// The bytes of a line without a CR before its LF.
    private func lineBytes(_ range: Range<Int>) -> [UInt8] {
        var end = range.upperBound
        if end > range.lowerBound && buffer[end - 1] == 0x0D { end -= 1 }
        return Array(buffer[range.lowerBound..<end])
    }

    private mutating func fill() {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            scanned -= start
            start = 0
        }
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        var n: Int
        repeat {
            n = buffer.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + old, chunkSize) }
        } while n < 0 && errno == EINTR
        if n < 0 { readError = errno }
        if n <= 0 {
            buffer.removeSubrange(old...)
            isEOF = true
        } else {
            buffer.removeSubrange((old + n)...)
        }
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
