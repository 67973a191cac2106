import Diagnostics
import Foundation
@testable import JSON
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// NDJSON streams: blank lines skipped, CRLF handled, a broken line does not
// stop the rest, line numbers are the stream's, chunk boundaries anywhere.

/// Lines 1, 4, 5 and 7 hold records; line 5 is broken; lines end in LF or CRLF.
private let sample = Array("{\"id\": \"CT-1\", \"tên\": \"Nhà máy\"}\n\n  \n{\"id\": \"CT-2\"}\r\n{\"id\": \"CT-3\" \"x\": 1}\r\n\t\r\n{\"id\": \"CT-4\"}".utf8)

private func expectSampleRecords(_ records: [NDJSONRecord], sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    #expect(records.map(\.line) == [1, 4, 5, 7], sourceLocation: sourceLocation)
    #expect(records.allSatisfy { !$0.bytes.contains(0x0D) && !$0.bytes.contains(0x0A) }, sourceLocation: sourceLocation)
    #expect(records.first.map { String(decoding: $0.bytes, as: UTF8.self) } == "{\"id\": \"CT-1\", \"tên\": \"Nhà máy\"}", sourceLocation: sourceLocation)
}

/// All records of a reader.
private func readAll(_ reader: inout NDJSONReader) -> [NDJSONRecord] {
    var out: [NDJSONRecord] = []
    while let r = reader.next() { out.append(r) }
    return out
}

/// A pipe whose write end a background thread fills in `piece`-byte writes, then closes.
private func pipeFeeding(_ bytes: [UInt8], piece: Int) -> Int32 {
    var fds: [Int32] = [0, 0]
    precondition(pipe(&fds) == 0)
    let writeEnd = fds[1]
    Thread.detachNewThread {
        var i = 0
        while i < bytes.count {
            let n = min(piece, bytes.count - i)
            let written = bytes[i..<i + n].withUnsafeBufferPointer { write(writeEnd, $0.baseAddress!, n) }
            if written <= 0 { break }
            i += written
        }
        close(writeEnd)
    }
    return fds[0]
}

/// A temporary file holding `bytes`, opened for reading; removed when closed by the caller.
private func temporaryFile(_ bytes: [UInt8]) throws -> Int32 {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("tuanthu-ndjson-\(UUID().uuidString).ndjson")
    try Data(bytes).write(to: url)
    let fd = open(url.path, O_RDONLY)
    try FileManager.default.removeItem(at: url)
    return fd
}

@Suite("NDJSON")
struct NDJSONTests {
    @Test func inMemoryRecords() {
        expectSampleRecords(ndjsonRecords(sample))
    }

    @Test func brokenLineDoesNotStopTheRestAndKeepsItsLineNumber() throws {
        var files = SourceMap()
        var parsed: [String] = []
        var errors: [String] = []
        for record in ndjsonRecords(sample) {
            let file = files.add(path: "batch.ndjson", bytes: record.bytes, firstLine: record.line)
            do {
                let doc = try JSONParser.parse(record.bytes)
                parsed.append(doc.node(atPointer: "/id").map(doc.string) ?? "?")
            } catch {
                let location = file.location(of: error.offset)
                errors.append("\(location.line):\(location.column)")
                let text = DiagnosticRenderer().render([error.diagnostic(file: file.id)], files: files)
                #expect(text.contains("--> batch.ndjson:5:15"))
                #expect(text.contains("5 | {\"id\": \"CT-3\" \"x\": 1}"))
            }
        }
        #expect(parsed == ["CT-1", "CT-2", "CT-4"])
        #expect(errors == ["5:15"])
    }

    @Test(arguments: [
        ([UInt8](), [Int]()),
        (Array("\n\n \r\n\t\n".utf8), []),
        (Array("{}".utf8), [1]),
        (Array("{}\n".utf8), [1]),
        (Array("{}\r\n".utf8), [1]),
        (Array("\r\n{}\r".utf8), [2]),
        (Array("1\n2\n\n3".utf8), [1, 2, 4]),
    ])
    func edgeCases(_ bytes: [UInt8], _ lines: [Int]) throws {
        #expect(ndjsonRecords(bytes).map(\.line) == lines)
        for maps in [false, true] {
            let fd = try temporaryFile(bytes)
            defer { close(fd) }
            var reader = NDJSONReader(fileDescriptor: fd, chunkSize: 2, maps: maps)
            // An empty file is read (there is nothing to map).
            #expect(reader.isMapped == (maps && !bytes.isEmpty))
            let records = readAll(&reader)
            #expect(records == ndjsonRecords(bytes))
            #expect(reader.readError == nil)
            #expect(reader.next() == nil)
        }
    }

    /// The same file read through a pipe, read from the file, and mapped
    /// gives the same records — from the start, or from wherever the
    /// descriptor's offset is (a shell may hand over a file partly read).
    @Test(arguments: [0, 1, 17, 4095, 4096, 4097, 9000])
    func aMappedFileGivesWhatReadingGives(_ offset: Int) throws {
        var text = ""
        for i in 1...400 { text += i % 13 == 0 ? " \r\n" : "{\"id\": \"CT-\(i)\", \"tên\": \"Khu \(i)\"}" + (i % 2 == 0 ? "\r\n" : "\n") }
        let bytes = Array(text.utf8)
        let rest = Array(bytes[offset...])
        let fromPipe = { () -> [NDJSONRecord] in
            let fd = pipeFeeding(rest, piece: 1000)
            defer { close(fd) }
            var reader = NDJSONReader(fileDescriptor: fd, chunkSize: 333)
            return readAll(&reader)
        }()
        #expect(fromPipe == ndjsonRecords(rest))
        for maps in [false, true] {
            let fd = try temporaryFile(bytes)
            defer { close(fd) }
            #expect(lseek(fd, off_t(offset), SEEK_SET) == off_t(offset))
            var reader = NDJSONReader(fileDescriptor: fd, chunkSize: 333, maps: maps)
            #expect(reader.isMapped == maps)
            #expect(readAll(&reader) == fromPipe)
            // Either way the descriptor is left at the end, as after reading it all.
            #expect(lseek(fd, 0, SEEK_CUR) == off_t(bytes.count))
        }
    }

    /// A file larger than the mapping's window: the pages behind are given
    /// back as it goes and those ahead mapped, and nothing read changes.
    @Test func aMappedFileLargerThanItsWindowReadsWhole() throws {
        let line = "{\"id\": \"CT\", \"pad\": \"" + String(repeating: "x", count: 1000) + "\"}\n"
        let bytes = Array(String(repeating: line, count: 30_000).utf8)  // 30 MB
        let fd = try temporaryFile(bytes)
        defer { close(fd) }
        var reader = NDJSONReader(fileDescriptor: fd, maps: true)
        #expect(reader.isMapped)
        var count = 0
        let expected = Array(line.utf8.dropLast())
        while let r = reader.next() {
            if r.bytes != expected || r.line != count + 1 { Issue.record("line \(count + 1) differs"); break }
            count += 1
        }
        #expect(count == 30_000)
    }

    /// A mapped line over the limit is reported by its length and never
    /// copied; read, it is too when the limit is passed before its end is in
    /// the buffer (else its bytes come, and the run refuses them by their
    /// count). Either way the next line follows.
    @Test(arguments: [false, true])
    func aLineOverTheLimitIsALengthMappedOrRead(_ maps: Bool) throws {
        let long = "{\"a\": \"" + String(repeating: "y", count: 5000) + "\"}"
        let bytes = Array("{\"b\": 1}\n\(long)\r\n{\"c\": 2}".utf8)
        let fd = try temporaryFile(bytes)
        defer { close(fd) }
        var reader = NDJSONReader(fileDescriptor: fd, chunkSize: 1024, maxLineBytes: 4096, maps: maps)
        let records = readAll(&reader)
        #expect(records.map(\.line) == [1, 2, 3])
        #expect(records[1].length == long.utf8.count)
        if maps {
            #expect(records.map(\.overLimit) == [false, true, false])
            #expect(records[1].bytes.isEmpty)
        } else {
            #expect(records[1].overLimit || records[1].bytes.count > 4096)
        }
        #expect(records[2].bytes == Array("{\"c\": 2}".utf8))
    }

    @Test func aPipeIsNeverMapped() {
        let fd = pipeFeeding(sample, piece: 5)
        defer { close(fd) }
        var reader = NDJSONReader(fileDescriptor: fd, maps: true)
        #expect(!reader.isMapped)
        expectSampleRecords(readAll(&reader))
    }

    @Test(arguments: [1, 2, 3, 5, 7, 16, 64, 1 << 16])
    func readerOnAPipeWithAnyChunkSize(_ chunkSize: Int) {
        let fd = pipeFeeding(sample, piece: 3)
        defer { close(fd) }
        var reader = NDJSONReader(fileDescriptor: fd, chunkSize: chunkSize)
        let records = readAll(&reader)
        expectSampleRecords(records)
        #expect(records == ndjsonRecords(sample))
    }

    @Test(arguments: [13, 4096])
    func readerOnALongFileMatchesTheInMemorySplit(_ chunkSize: Int) throws {
        var text = ""
        for i in 1...3000 {
            switch i % 97 {
            case 0: text += "{\"id\": \"CT-\(i)\", \"broken\": \n"
            case 1: text += "\r\n   \n"
            default: text += "{\"id\": \"CT-\(i)\", \"tên\": \"Khu dân cư \(i)\", \"số\": [\(i), \(i * 2)]}" + (i % 2 == 0 ? "\r\n" : "\n")
            }
        }
        let bytes = Array(text.utf8)
        let fd = try temporaryFile(bytes)
        defer { close(fd) }
        // A chunk size only matters when the file is read, not mapped.
        var reader = NDJSONReader(fileDescriptor: fd, chunkSize: chunkSize, maps: chunkSize == 4096)
        var count = 0
        var broken: [Int] = []
        let expected = ndjsonRecords(bytes)
        while let record = reader.next() {
            #expect(count < expected.count && record == expected[count])
            if parseError(record.bytes) != nil { broken.append(record.line) }
            count += 1
        }
        #expect(count == expected.count)
        // Every `i % 97 == 1` writes two blank lines instead of a record.
        #expect(count == 3000 - (1...3000).filter { $0 % 97 == 1 }.count)
        #expect(broken.count == 3000 / 97)
        // Line numbers count the blank lines: `CT-97` follows 95 records and two blank lines.
        #expect(expected.first { String(decoding: $0.bytes, as: UTF8.self).contains("\"CT-97\"") }?.line == 98)
    }

    @Test func lineLongerThanManyChunks() throws {
        let long = "{\"items\": [" + (0..<20_000).map(String.init).joined(separator: ",") + "]}"
        let bytes = Array(("\(long)\n\(long)\r\n").utf8)
        let fd = pipeFeeding(bytes, piece: 4096)
        defer { close(fd) }
        var reader = NDJSONReader(fileDescriptor: fd, chunkSize: 1000)
        let records = readAll(&reader)
        #expect(records.map(\.line) == [1, 2])
        #expect(records.allSatisfy { $0.bytes == Array(long.utf8) })
        #expect(try JSONParser.parse(records[0].bytes)[2].b == 20_000)
    }

    @Test func readErrorEndsTheStream() {
        var reader = NDJSONReader(fileDescriptor: -1)
        #expect(reader.next() == nil)
        #expect(reader.readError == EBADF)
    }
}
