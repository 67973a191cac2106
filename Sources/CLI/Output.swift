import FileIO

// Writing files lives in Sources/FileIO/Writing.swift; these names keep the
// commands that only write text (and do not import FileIO) short.

/// Why an output could not be written (exit 4).
typealias WriteFailure = FileIO.WriteFailure

/// Writes all of `bytes` to `fd`, retrying short writes and EINTR; the errno on failure.
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    FileIO.writeAll(fd, bytes)
}

/// A message for a failed write's errno, naming the broken pipe and full disk plainly.
func writeErrorMessage(_ code: Int32, target: String) -> String {
    FileIO.writeErrorMessage(code, target: target)
}

/// Replaces the file at `path` with `text` safely (symlinks followed, mode
/// and owner kept, never truncated on a failure).
func replaceFileContents(_ path: String, with text: String) throws(WriteFailure) {
    try FileIO.replaceFileContents(path, with: text)
}
