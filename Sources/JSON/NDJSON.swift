#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One non-blank line of an NDJSON stream.
public struct NDJSONRecord: Sendable {
    /// 1-based line number in the stream.
    public var line: Int
    /// The line's bytes, without its line terminator.
    public var bytes: [UInt8]

    public init(line: Int, bytes: [UInt8]) {
        self.line = line
        self.bytes = bytes
    }
}

/// Reads NDJSON (one document per line) from a file descriptor in chunks, so
/// memory stays flat however long the stream. Blank lines are skipped; a
/// broken line is the caller's to report — the reader goes on.
public struct NDJSONReader {
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var line = 0
    private var isEOF = false
    private let chunkSize: Int

    public init(fileDescriptor: Int32, chunkSize: Int = 1 << 16) {
        self.fd = fileDescriptor
        self.chunkSize = chunkSize
    }

    /// The next non-blank line, or nil at the end of the stream.
    public mutating func next() -> NDJSONRecord? {
        while true {
            let newline: Int? = buffer.withUnsafeBufferPointer { b in
                guard start < b.count, let p = memchr(b.baseAddress! + start, 0x0A, b.count - start) else { return nil }
                return b.baseAddress!.distance(to: p.assumingMemoryBound(to: UInt8.self))
            }
            if let nl = newline {
                line += 1
                var end = nl
                if end > start && buffer[end - 1] == 0x0D { end -= 1 }
                let bytes = Array(buffer[start..<end])
                start = nl + 1
                if isBlank(bytes) { continue }
                return NDJSONRecord(line: line, bytes: bytes)
            }
            if isEOF {
                guard start < buffer.count else { return nil }
                line += 1
                var bytes = Array(buffer[start...])
                if bytes.last == 0x0D { bytes.removeLast() }
                start = buffer.count
                if isBlank(bytes) { return nil }
                return NDJSONRecord(line: line, bytes: bytes)
            }
            fill()
        }
    }

    private mutating func fill() {
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let old = buffer.count
        buffer.reserveCapacity(old + chunkSize)
        buffer.append(contentsOf: repeatElement(0, count: chunkSize))
        let n = buffer.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + old, chunkSize) }
        if n <= 0 {
            buffer.removeSubrange(old...)
            isEOF = true
        } else {
            buffer.removeSubrange((old + n)...)
        }
    }

    private func isBlank(_ bytes: [UInt8]) -> Bool {
        bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
    }
}

/// Splits an in-memory NDJSON text into records (for tests and small inputs).
public func ndjsonRecords(_ bytes: [UInt8]) -> [NDJSONRecord] {
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
            if !rec.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { out.append(NDJSONRecord(line: line, bytes: rec)) }
            s = i + 1
        }
        i += 1
    }
    return out
}
