import Foundation
import Testing

// Runs the built `tuanthu` executable, as a user would: the catalogue's
// examples and the READMEs' console blocks are checked through it.

/// The `tuanthu` executable `swift test` built beside the test bundle, or nil.
let tuanthuExecutable: URL? = {
    var candidates: [URL] = []
    if let first = CommandLine.arguments.first {
        candidates.append(URL(fileURLWithPath: first).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("tuanthu"))
    }
    if let path = Bundle.main.executablePath {
        candidates.append(URL(fileURLWithPath: path).resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("tuanthu"))
    }
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("tuanthu"))
    candidates.append(packageRoot.appendingPathComponent(".build/debug/tuanthu"))
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}()

/// What one run of the tool gave.
struct ToolRun {
    var status: Int32
    var stdout: String
    var stderr: String
}

/// Runs `tuanthu arguments` in `directory` (with `NO_COLOR` and a fixed
/// `TUANTHU_RULES`-free environment) and returns its exit status and output.
func runTool(_ arguments: [String], in directory: URL) throws -> ToolRun {
    let executable = try #require(tuanthuExecutable, "the tuanthu executable was not found beside the tests (run `swift build` first)")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    environment["TUANTHU_RULES"] = nil
    process.environment = environment
    // Output goes to files, so that neither stream can fill a pipe and block the child.
    let scratch = try makeTemporaryFolder("tuanthu-run")
    defer { try? FileManager.default.removeItem(at: scratch) }
    let outURL = scratch.appendingPathComponent("stdout"), errURL = scratch.appendingPathComponent("stderr")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    try out.close()
    try err.close()
    let outData = try Data(contentsOf: outURL), errData = try Data(contentsOf: errURL)
    return ToolRun(status: process.terminationStatus,
                   stdout: String(decoding: outData, as: UTF8.self),
                   stderr: String(decoding: errData, as: UTF8.self))
}

/// A new empty folder under the temporary directory.
func makeTemporaryFolder(_ prefix: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
