import Foundation
import Testing

// Helpers of the hardening tests: a fresh temporary folder, and the built
// `tuanthu` executable run as a child process (what a crash, a closed pipe
// or an output file replaced on disk can only be seen through).

/// A new empty folder under the system's temporary folder.
func makeTempFolder(_ name: String = "tuanthu-hardening") throws -> String {
    let path = NSTemporaryDirectory() + "/\(name)-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

/// The `tuanthu` executable `swift build` / `swift test` made.
func toolPath() throws -> String {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("tuanthu").path,
        packageRootPath + "/.build/debug/tuanthu",
    ]
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    return try #require(found, "the tuanthu executable was not built (looked in \(candidates))")
}

/// The result of one run of the tool.
struct ProcessRun {
    /// The exit status (or the signal number, when `signaled`).
    var status: Int32
    /// True when the process was killed by a signal (a crash).
    var signaled: Bool
    /// Standard output, decoded as UTF-8.
    var stdout: String
    /// Standard error, decoded as UTF-8.
    var stderr: String
}

/// Runs `tuanthu ARGS` in `cwd` with the bundled rules, and waits for it.
func runToolProcess(_ args: [String], cwd: String? = nil, stdin: [UInt8]? = nil) throws -> ProcessRun {
    try runProcess(toolPath(), args, cwd: cwd, stdin: stdin)
}

/// Runs a program and collects its output; the bundled pack is its default ruleset.
func runProcess(_ executable: String, _ args: [String], cwd: String? = nil, stdin: [UInt8]? = nil) throws -> ProcessRun {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    var env = ProcessInfo.processInfo.environment
    env["TUANTHU_RULES"] = packageRootPath + "/Rules/kl81-cantho"
    env["NO_COLOR"] = "1"
    p.environment = env
    let out = Pipe(), err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let input = Pipe()
    p.standardInput = stdin == nil ? FileHandle.nullDevice : input
    try p.run()
    if let stdin {
        try input.fileHandleForWriting.write(contentsOf: stdin)
        try input.fileHandleForWriting.close()
    }
    // Read both pipes while the child runs, so a large output cannot block it.
    final class Box: @unchecked Sendable { var data = Data() }
    let errBox = Box()
    let group = DispatchGroup()
    group.enter()
    Thread.detachNewThread {
        errBox.data = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    p.waitUntilExit()
    return ProcessRun(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal,
                   stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
}

/// A dossier of the bundled examples (fails with a finding: exit 1).
let failingExample = packageRootPath + "/Examples/nha-may-che-bien-thuy-san-thot-not.json"

/// File type bits of `path` (not following a final symlink).
func fileType(_ path: String) -> mode_t {
    var st = stat()
    return lstat(path, &st) == 0 ? st.st_mode & S_IFMT : 0
}

/// Permission bits of `path` (following symlinks).
func fileMode(_ path: String) -> mode_t {
    var st = stat()
    return stat(path, &st) == 0 ? st.st_mode & 0o7777 : 0
}
