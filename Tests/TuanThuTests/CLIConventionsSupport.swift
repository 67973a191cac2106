import Foundation
import Testing

// Helpers of the command-line convention tests: the tool run with a chosen
// environment, and the commands and options its own `--help` declares.

/// Runs `tuanthu arguments` in `directory` with `environment` changes (nil
/// removes a variable) on top of the tests' own environment, without `NO_COLOR`
/// unless given and without `TUANTHU_RULES`.
func runTool(_ arguments: [String], in directory: String, environment changes: [String: String?]) throws -> ToolRun {
    let executable = try #require(tuanthuExecutable, "the tuanthu executable was not found beside the tests (run `swift build` first)")
    return try runProgram(executable.path, arguments, in: directory, environment: changes)
}

/// Runs a program with the output in files (no pipe can fill and block it).
func runProgram(_ executable: String, _ arguments: [String], in directory: String, environment changes: [String: String?] = [:]) throws -> ToolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = nil
    environment["TUANTHU_RULES"] = nil
    for (k, v) in changes { environment[k] = v }
    process.environment = environment
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
    return ToolRun(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
}

/// The path of a program on `PATH`, or nil.
func programOnPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// One option as `--help` lists it.
struct HelpOption: Sendable, CustomStringConvertible {
    /// `--format`.
    var name: String
    /// `-f`, if any.
    var short: String?
    /// `FORMAT`, or nil for a flag.
    var value: String?
    /// The values listed in `(a|b|c)`, if any.
    var choices: [String]
    var description: String { name }
}

/// The commands `tuanthu --help` lists, each with the options its `--help` lists.
func declaredCommands() throws -> [(name: String, options: [HelpOption])] {
    let top = try runTool(["--help"], in: packageRoot)
    var names: [String] = []
    var inCommands = false
    for line in top.stdout.split(separator: "\n", omittingEmptySubsequences: false) {
        if line == "COMMANDS:" { inCommands = true; continue }
        if inCommands {
            if line.isEmpty { if !names.isEmpty { break } else { continue } }
            if let word = line.split(separator: " ").first { names.append(String(word)) }
        }
    }
    return try names.map { name in
        let help = try runTool([name, "--help"], in: packageRoot).stdout
        var options: [HelpOption] = []
        // An option's entry is its line, and the next one when a long name pushed the help down.
        let lines = help.split(separator: "\n").map(String.init)
        for (i, line) in lines.enumerated() where line.hasPrefix("  -") {
            var entry = line
            if i + 1 < lines.count, lines[i + 1].hasPrefix("      ") { entry += " " + lines[i + 1] }
            let words = line.split(separator: " ").map(String.init)
            var k = 0
            var short: String? = nil
            if words[0].hasSuffix(","), !words[0].hasPrefix("--") { short = String(words[0].dropLast()); k = 1 }
            let long = words[k]
            let value = k + 1 < words.count && words[k + 1].hasPrefix("<") ? String(words[k + 1].dropFirst().dropLast()) : nil
            // Choices are the `(a|b|c)` group: no spaces, at least one bar.
            var choices: [String] = []
            for group in entry.split(separator: "(").dropFirst() {
                guard let close = group.firstIndex(of: ")") else { continue }
                let inside = group[..<close]
                if inside.contains("|") && !inside.contains(" ") { choices = inside.split(separator: "|").map(String.init) }
            }
            options.append(HelpOption(name: long, short: short, value: value, choices: choices))
        }
        return (name, options)
    }
}
