import Foundation

// Writing outputs as careful tools do. A regular file (or a new one) is
// written to a hidden sibling temporary file and renamed over the target once
// complete, so a failed run never leaves a truncated or emptied file; the
// rename goes to the *resolved* target, so a symlink stays a symlink, and the
// target keeps its mode and owner. A FIFO, a character device or any other
// existing non-regular file is written in place (renaming over it would
// replace a device node or starve a reader). Every write goes through
// write(2): a closed pipe (EPIPE), a full disk (ENOSPC) or an I/O error ends
// the command with a message and exit code 4, never a crash.

/// The identity of a file on disk (device and inode), to tell whether two paths name one file.
package struct FileIdentity: Hashable, Sendable {
    /// `st_dev` of the file.
    package var device: UInt64
    /// `st_ino` of the file.
    package var inode: UInt64

    /// The identity of the file `path` names (symlinks followed), or nil if it does not exist.
    package init?(path: String) {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
    }
}

/// `path` with every symlink in its last component followed (up to 40 hops);
/// the folders above are left as written, since rename works through them.
/// A dangling link resolves to the file it would create.
func resolveSymlinks(_ path: String) -> String {
    var current = path
    for _ in 0..<40 {
        var st = stat()
        guard lstat(current, &st) == 0, (st.st_mode & S_IFMT) == S_IFLNK else { return current }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(current, &buffer, buffer.count - 1)
        guard n > 0 else { return current }
        let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if target.hasPrefix("/") {
            current = target
        } else {
            let dir = (current as NSString).deletingLastPathComponent
            current = dir.isEmpty ? target : dir + "/" + target
        }
    }
    return current
}

/// The absolute, normalised form of `path` with every symlink resolved where
/// the file exists (for comparing an output path with the files of a batch).
package func canonicalPath(_ path: String) -> String {
    let resolved = resolveSymlinks(path)
    if let c = realpath(resolved, nil) {
        defer { free(c) }
        return String(cString: c)
    }
    // Not there yet: resolve its folder, keep its name.
    let dir = (resolved as NSString).deletingLastPathComponent
    let name = (resolved as NSString).lastPathComponent
    if let c = realpath(dir.isEmpty ? "." : dir, nil) {
        defer { free(c) }
        return String(cString: c) + "/" + name
    }
    return URL(fileURLWithPath: resolved).standardizedFileURL.path
}

/// Why an output could not be written: the message, and the exit code (4).
package struct WriteFailure: Error {
    /// What failed and why, e.g. "cannot write the report to `r.txt`: no space left on the device".
    package var message: String
    /// Creates a failure from its message.
    package init(message: String) { self.message = message }
}

/// Writes all of `bytes` to `fd`, retrying short writes and EINTR; the errno on failure.
package func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Int32? {
    var offset = 0
    while offset < bytes.count {
        let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        if n == 0 { return EIO }
        offset += n
    }
    return nil
}

/// A message for a failed write's errno, naming the broken pipe and full disk plainly.
package func writeErrorMessage(_ code: Int32, target: String) -> String {
    switch code {
    case EPIPE: "cannot write the report to \(target): the reader closed the pipe"
    case ENOSPC: "cannot write the report to \(target): no space left on the device"
    default: "cannot write the report to \(target): \(String(cString: strerror(code)))"
    }
}

/// Where a command's output goes: standard output, or a file written safely
/// (see the top of this file). Writes after the first failure are dropped;
/// `finish()` reports it.
package final class OutputSink {
    private let fd: Int32
    /// The target as named on the command line (for messages).
    package let displayName: String
    /// For a regular file: the temporary file and the resolved target it is renamed to.
    private let temporary: (path: String, target: String)?
    private let owned: Bool
    /// The errno of the first failed write.
    package private(set) var failure: Int32? = nil

    /// A sink on standard output (a new one each time: a sink's failure is its own run's).
    package static var standardOutput: OutputSink { OutputSink(fd: 1, displayName: "standard output", temporary: nil, owned: false) }

    private init(fd: Int32, displayName: String, temporary: (path: String, target: String)?, owned: Bool) {
        self.fd = fd
        self.displayName = displayName
        self.temporary = temporary
        self.owned = owned
    }

    /// Opens `path` for a report: a temporary sibling of the resolved target
    /// for a regular or new file, the file itself for anything else.
    package static func open(path: String) throws(WriteFailure) -> OutputSink {
        let target = resolveSymlinks(path)
        var st = stat()
        let exists = stat(target, &st) == 0
        if exists && (st.st_mode & S_IFMT) == S_IFDIR {
            throw WriteFailure(message: "cannot write the report to `\(path)`: it is a folder")
        }
        if exists && (st.st_mode & S_IFMT) != S_IFREG {
            // FIFO, device, socket…: written in place, never replaced.
            let fd = openForWriting(target)
            if fd < 0 { throw WriteFailure(message: "cannot write the report to `\(path)`: \(String(cString: strerror(errno)))") }
            return OutputSink(fd: fd, displayName: "`\(path)`", temporary: nil, owned: true)
        }
        let dir = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var template = Array(((dir.isEmpty ? "" : dir + "/") + "." + name + ".tuanthu-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        if fd < 0 { throw WriteFailure(message: "cannot write the report to `\(path)`: \(String(cString: strerror(errno)))") }
        let tmp = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        if exists {
            // Keep the target's mode, and its owner where we may.
            _ = fchmod(fd, st.st_mode & 0o7777)
            _ = fchown(fd, st.st_uid, st.st_gid)
        } else {
            // A new file gets what creat(2) would give it: 0666 less the umask.
            let mask = umask(0)
            umask(mask)
            _ = fchmod(fd, 0o666 & ~mask)
        }
        removeOnSignal(tmp, adding: true)
        return OutputSink(fd: fd, displayName: "`\(path)`", temporary: (tmp, target), owned: true)
    }

    /// Writes `s`; after a failure nothing more is written.
    package func write(_ s: String) {
        guard failure == nil, !s.isEmpty else { return }
        var s = s
        failure = s.withUTF8 { writeAll(fd, UnsafeRawBufferPointer($0)) }
    }

    /// Writes `bytes` (not necessarily text); after a failure nothing more is written.
    package func write(bytes: [UInt8]) {
        guard failure == nil, !bytes.isEmpty else { return }
        failure = bytes.withUnsafeBytes { writeAll(fd, $0) }
    }

    /// Gives the output up before anything was written: a temporary file is
    /// removed (the target is left as it was), a file opened in place closed.
    package func abandon() {
        guard owned else { return }
        close(fd)
        if let t = temporary {
            unlink(t.path)
            removeOnSignal(t.path, adding: false)
        }
    }

    /// Completes the output: the temporary file is renamed over its target
    /// (or removed, on a failure). Throws the first failure.
    package func finish() throws(WriteFailure) {
        if let t = temporary {
            if failure == nil, fsync(fd) != 0, errno != EINVAL { failure = errno }
            if close(fd) != 0, failure == nil { failure = errno }
            if failure == nil, rename(t.path, t.target) != 0 { failure = errno }
            if failure != nil { unlink(t.path) }
            removeOnSignal(t.path, adding: false)
        } else if owned {
            if close(fd) != 0, failure == nil { failure = errno }
        }
        if let code = failure { throw WriteFailure(message: writeErrorMessage(code, target: displayName)) }
    }
}

/// Replaces the file at `path` with `text` as `OutputSink` does (for `fmt`):
/// symlinks followed, mode and owner kept, never truncated on a failure.
package func replaceFileContents(_ path: String, with text: String) throws(WriteFailure) {
    let sink = try OutputSink.open(path: path)
    sink.write(text)
    try sink.finish()
}

/// Replaces the file at `path` with `bytes` as `replaceFileContents` does.
package func replaceFileContents(_ path: String, with bytes: [UInt8]) throws(WriteFailure) {
    let sink = try OutputSink.open(path: path)
    sink.write(bytes: bytes)
    try sink.finish()
}

/// Creates the folder `path` and the folders above it that are missing.
package func createFolder(_ path: String) throws(WriteFailure) {
    do {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    } catch {
        throw WriteFailure(message: "cannot create the folder `\(path)`: \(error.localizedDescription)")
    }
}

/// open(2) for writing, without creating or truncating.
private func openForWriting(_ path: String) -> Int32 {
    open(path, O_WRONLY | O_CLOEXEC)
}

/// The temporary output files to remove if the run is interrupted (C
/// strings in a fixed table, read by the signal handler; only the main thread
/// changes it). A run writes a few reports at most: one slot each.
nonisolated(unsafe) private let pendingTemporaries: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
    let table = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: pendingSlots)
    table.initialize(repeating: nil, count: pendingSlots)
    return table
}()
private let pendingSlots = 64

/// Makes SIGINT, SIGTERM and SIGHUP remove `path` before the process dies as
/// it would have (`adding` false: stop removing it): an interrupted run
/// leaves no hidden file beside its outputs. The handler calls only
/// unlink(2), signal(2) and raise(3).
private func removeOnSignal(_ path: String, adding: Bool) {
    if adding {
        guard let slot = (0..<pendingSlots).first(where: { pendingTemporaries[$0] == nil }) else { return }
        pendingTemporaries[slot] = strdup(path)
    } else if let slot = (0..<pendingSlots).first(where: { pendingTemporaries[$0].map { String(cString: $0) } == path }) {
        let old = pendingTemporaries[slot]
        pendingTemporaries[slot] = nil
        free(old)
    }
    let any = (0..<pendingSlots).contains { pendingTemporaries[$0] != nil }
    // A parent may have blocked these signals (the mask is inherited): unblocked, or
    // an interrupt would wait forever and the temporary file stay.
    var set = sigset_t()
    sigemptyset(&set)
    for sig in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, sig) }
    if any { sigprocmask(SIG_UNBLOCK, &set, nil) }
    for sig in [SIGINT, SIGTERM, SIGHUP] {
        signal(sig, !any ? SIG_DFL : { s in
            for k in 0..<64 { if let p = pendingTemporaries[k] { unlink(p) } }
            signal(s, SIG_DFL)
            raise(s)
        })
    }
}
