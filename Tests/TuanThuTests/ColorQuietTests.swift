import Foundation
import Testing

// `--color auto|always|never` (NO_COLOR counts only when non-empty), decided
// in one place for every command, and `check --quiet`.

private let escape = "\u{1B}["

/// A ruleset with an error in it (for `lint`'s coloured diagnostics on standard error).
private let brokenRules = "rule A {\n  require matches(\"x\", \"[a-\")\n}\n"

@Suite("--color and --quiet")
struct ColorQuietTests {
    /// Output to a file (not a terminal): only `always` colours; NO_COLOR never overrides `always`.
    @Test(arguments: [
        (["--color", "always"], [String: String?](), true),
        (["--color", "always"], ["NO_COLOR": "1"], true),
        (["--color", "never"], [:], false),
        (["--color", "auto"], [:], false),
        ([], [:], false),
    ] as [([String], [String: String?], Bool)])
    func colourOnAFile(_ flags: [String], _ env: [String: String?], _ coloured: Bool) throws {
        let dir = try makeTempFolder("tuanthu-color")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try brokenRules.write(toFile: dir + "/r.rules", atomically: true, encoding: .utf8)
        // stdout (test, check) and stderr (lint's diagnostics) follow the same choice.
        let test = try runTool(["test", packageRootPath + "/Tests/Fixtures/test-report", "--as-of", "2026-11-29", "--no-config"] + flags, in: dir, environment: env)
        #expect(test.stdout.contains(escape) == coloured)
        let check = try runTool(["check", "--rules", packageRootPath + "/Rules/kl81-cantho", failingExample, "--as-of", "2026-11-29", "--no-config"] + flags, in: dir, environment: env)
        #expect(check.stdout.contains(escape) == coloured)
        let lint = try runTool(["lint", "r.rules", "--no-config"] + flags, in: dir, environment: env)
        #expect(lint.status == 2)
        #expect(lint.stderr.contains(escape) == coloured)
    }

    /// On a terminal (through script(1)): `auto` colours unless NO_COLOR is non-empty or TERM is dumb.
    @Test(arguments: [
        ([String: String?](), true),
        (["NO_COLOR": ""], true),
        (["NO_COLOR": "1"], false),
        (["NO_COLOR": "false"], false),
        (["TERM": "dumb"], false),
    ] as [([String: String?], Bool)])
    func autoOnATerminal(_ env: [String: String?], _ coloured: Bool) throws {
        guard let script = programOnPath("script") else { return }
        let tool = try #require(tuanthuExecutable).path
        var environment = env
        if environment["TERM"] == nil { environment["TERM"] = "xterm" }
        let command = "'\(tool)' test '\(packageRootPath)/Tests/Fixtures/test-report' --as-of 2026-11-29 --no-config --lang en --run '^A passes'"
        let run = try runProgram(script, ["-qec", command, "/dev/null"], in: packageRootPath, environment: environment)
        #expect(run.stdout.contains("PASS"), "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(escape) == coloured, "\(run.stdout.debugDescription)")
    }

    @Test func colourFromTheConfigFile() throws {
        let dir = try makeTempFolder("tuanthu-color")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try #"{"color": "always"}"#.write(toFile: dir + "/tuanthu.json", atomically: true, encoding: .utf8)
        let run = try runTool(["test", packageRootPath + "/Tests/Fixtures/test-report", "--as-of", "2026-11-29"], in: dir, environment: [:])
        #expect(run.stdout.contains(escape))
        let never = try runTool(["test", packageRootPath + "/Tests/Fixtures/test-report", "--as-of", "2026-11-29", "--color", "never"], in: dir, environment: [:])
        #expect(!never.stdout.contains(escape))
    }

    /// `--quiet` keeps only the dossiers that fail the run, and the same summary line.
    @Test(arguments: ["error", "warning", "never"])
    func quietShowsOnlyFailingDossiers(_ failOn: String) throws {
        let base = ["check", "Examples/", "--as-of", "2026-11-29", "--lang", "en", "--fail-on", failOn, "--no-config"]
        let full = try runTool(base, in: packageRoot)
        let quiet = try runTool(base + ["--quiet"], in: packageRoot)
        #expect(quiet.status == full.status)
        let heads = { (s: String) in s.split(separator: "\n").filter { $0.hasPrefix("Examples/") }.map(String.init) }
        let summary = { (s: String) in s.split(separator: "\n").suffix(2).joined(separator: "\n") }
        #expect(summary(quiet.stdout) == summary(full.stdout))
        // Every dossier under Examples/ is headed in the full report.
        let examples = ((try? FileManager.default.subpathsOfDirectory(atPath: packageRootPath + "/Examples")) ?? [])
            .filter { $0.lowercased().hasSuffix(".json") }
        #expect(heads(full.stdout).count == examples.count)
        if failOn == "never" {
            #expect(heads(quiet.stdout).isEmpty)
        } else {
            #expect(!heads(quiet.stdout).isEmpty)
            #expect(heads(quiet.stdout).allSatisfy { !$0.hasSuffix(": PASS") })
            #expect(heads(quiet.stdout).count < heads(full.stdout).count)
        }
    }

    /// Other formats are complete under --quiet: the same bytes.
    @Test(arguments: ["json", "ndjson", "sarif", "junit", "markdown"])
    func quietLeavesOtherFormatsWhole(_ format: String) throws {
        let base = ["check", "Examples/", "--as-of", "2026-11-29", "--format", format, "--jobs", "1", "--no-config"]
        let full = try runTool(base, in: packageRoot)
        let quiet = try runTool(base + ["-q"], in: packageRoot)
        #expect(quiet.stdout == full.stdout)
    }
}
