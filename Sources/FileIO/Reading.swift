import Foundation

// Reading files, for every command: dossiers, rule files, waivers, the
// config file, agency and evidence files. One function, bounded: a regular
// file is refused by its size before it is read; a pipe, FIFO or device is
// read up to the limit and refused past it; opening a FIFO without a writer
// never blocks. Writing is in Writing.swift.

/// Why a file could not be read, in a sentence.
package struct FileReadError: Error, Sendable {
    /// E.g. `cannot open: No such file or directory`, `the file is 90 bytes, over --max-bytes 64`.
    package var message: String
}

/// Reads a file of at most `maxBytes` bytes, never blocking on a FIFO that
/// has no writer and never reading a device without end: a regular file is
/// refused by its size before it is read; a pipe, FIFO or device is read up
/// to the limit and refused past it (`check <(…)` works, `/dev/zero` does not hang).
package func readFileBounded(_ path: String, maxBytes: Int) -> Result<[UInt8], FileReadError> {
    // O_NONBLOCK: opening a FIFO without a writer must not wait for one.
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    if fd < 0 { return .failure(FileReadError(message: "cannot open: \(String(cString: strerror(errno)))")) }
    defer { close(fd) }
    var st = stat()
    if fstat(fd, &st) != 0 { return .failure(FileReadError(message: "cannot read: \(String(cString: strerror(errno)))")) }
    let type = st.st_mode & S_IFMT
    if type == S_IFDIR { return .failure(FileReadError(message: "is a folder, not a file")) }
    // Reads block again from here on (a pipe's writer may be slower than us); a FIFO without writers reads as empty.
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    let isRegular = type == S_IFREG
    let size = isRegular ? Int(st.st_size) : 0
    if size > maxBytes {
        return .failure(FileReadError(message: "the file is \(size) bytes, over --max-bytes \(maxBytes)"))
    }
    var bytes = [UInt8](repeating: 0, count: isRegular ? size : min(maxBytes + 1, 1 << 16))
    var got = 0
    while true {
        if got == bytes.count {
            if isRegular || got > maxBytes { break }
            bytes.append(contentsOf: [UInt8](repeating: 0, count: min(bytes.count, maxBytes + 1 - got)))
        }
        let n = bytes.withUnsafeMutableBytes { read(fd, $0.baseAddress! + got, $0.count - got) }
        if n < 0 {
            if errno == EINTR { continue }
            return .failure(FileReadError(message: "cannot read: \(String(cString: strerror(errno)))"))
        }
        if n == 0 { break }
        got += n
    }
    if got > maxBytes {
        return .failure(FileReadError(message: "the input is over --max-bytes \(maxBytes) bytes"))
    }
    if got < bytes.count { bytes.removeSubrange(got...) }
    return .success(bytes)
}

/// The most any file is read at (the JSON parser's spans are 32-bit): for
/// files with no limit of their own (rule files, `fmt`, `json-check`).
package let noReadLimit = Int(UInt32.max) - 1

/// The whole of the file at `path` (up to `noReadLimit`), or nil when it
/// cannot be read: for callers that say themselves what went wrong.
package func readWholeFile(_ path: String) -> [UInt8]? {
    try? readFileBounded(path, maxBytes: noReadLimit).get()
}
