import Foundation
import Testing

// The config file `tuanthu.json`: every option of every command can be set
// from it (the option layer maps keys to flags generically); flags win; the
// file is found from the working folder upwards, not past the repository
// root; mistakes are errors at their line and column with "did you mean";
// `--print-config` says where each setting came from.

/// A scratch folder holding `tuanthu.json` with `text`; removed by the caller.
private func folder(withConfig text: String?) throws -> String {
    let dir = try makeTempFolder("tuanthu-config")
    if let text { try text.write(toFile: dir + "/tuanthu.json", atomically: true, encoding: .utf8) }
    return dir
}

/// The `--print-config` rows: option → (value, origin). Columns are
/// apart by two spaces or more; a value or an origin may hold one (`mặc định`).
private func settings(_ output: String) -> [String: (value: String, from: String)] {
    var rows: [String: (String, String)] = [:]
    for line in output.split(separator: "\n") where line.hasPrefix("--") {
        let parts = line.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard parts.count == 3 else { continue }
        rows[parts[0]] = (parts[1], parts[2])
    }
    return rows
}

/// A value the option accepts, as JSON, for the generic test.
private func sampleValue(_ o: HelpOption) -> String {
    guard let v = o.value else { return "true" }
    if let c = o.choices.last { return "\"\(c)\"" }
    if v == "N" || v == "SECONDS" { return "3" }
    return "\"sample-\(v.lowercased())\""
}

@Suite("config file")
struct ConfigFileTests {
    /// Every option of every command (but the command-line-only four) is read from its section.
    @Test func everyOptionOfEveryCommandIsSettable() throws {
        let commandLineOnly: Set<String> = ["--config", "--no-config", "--print-config", "--help"]
        let commands = try declaredCommands()
        #expect(commands.count >= 14)
        for c in commands {
            let options = c.options.filter { !commandLineOnly.contains($0.name) }
            let members = options.map { "    \"\($0.name.dropFirst(2))\": \(sampleValue($0))" }
            let text = "{\n  \"\(c.name)\": {\n" + members.joined(separator: ",\n") + "\n  }\n}\n"
            let dir = try folder(withConfig: text)
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let run = try runTool([c.name, "--print-config"], in: dir, environment: [:])
            #expect(run.status == 0, "\(c.name): \(run.stderr)")
            let rows = settings(run.stdout)
            for (k, o) in options.enumerated() {
                let row = rows[o.name]
                #expect(row?.from == "tuanthu.json:\(k + 3)", "\(c.name) \(o.name): \(String(describing: row))")
                let expected = o.value == nil ? "on" : sampleValue(o).replacingOccurrences(of: "\"", with: "")
                #expect(row?.value == expected, "\(c.name) \(o.name)")
            }
        }
    }

    /// Flags win over the section, the section over the shared keys, the file over defaults.
    @Test func precedence() throws {
        let dir = try folder(withConfig: """
            {
              "lang": "en",
              "fail-on": "info",
              "check": {"fail-on": "warning", "jobs": 2},
              "explain": {}
            }
            """)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runTool(["check", "--print-config", "--jobs", "4"], in: dir, environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        let rows = settings(run.stdout)
        #expect(rows["--lang"]?.value == "en" && rows["--lang"]?.from == "tuanthu.json:2")
        #expect(rows["--fail-on"]?.value == "warning" && rows["--fail-on"]?.from == "tuanthu.json:4")
        #expect(rows["--jobs"]?.value == "4" && rows["--jobs"]?.from == "flag")
        #expect(rows["--format"]?.value == "text" && rows["--format"]?.from == "default")
        #expect(rows["--quiet"]?.value == "off" && rows["--quiet"]?.from == "default")
        #expect(run.stdout.hasPrefix("# tuanthu check: effective settings\n# config file: tuanthu.json\n"))
        // The shared key reaches another command that has the option.
        let explain = try runTool(["explain", "--print-config"], in: dir, environment: [:])
        #expect(settings(explain.stdout)["--lang"]?.from == "tuanthu.json:2")
    }

    /// The settings really change the run: English messages, and warnings fail it.
    @Test func settingsChangeTheRun() throws {
        let dir = try folder(withConfig: #"{"check": {"rules": "r.rules", "lang": "en", "fail-on": "warning", "as-of": "2026-11-29"}}"#)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "rule W-1 {\n  severity warning\n  require a > 0\n    else en \"a is not positive\" vi \"a không dương\"\n}\n".write(toFile: dir + "/r.rules", atomically: true, encoding: .utf8)
        try #"{"id": "D-1", "a": 0}"#.write(toFile: dir + "/d.json", atomically: true, encoding: .utf8)
        let run = try runTool(["check", "d.json"], in: dir, environment: ["NO_COLOR": "1"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stdout.contains("a is not positive"))
        let flagged = try runTool(["check", "d.json", "--fail-on", "error", "--lang", "vi"], in: dir, environment: ["NO_COLOR": "1"])
        #expect(flagged.status == 0)
        #expect(flagged.stdout.contains("a không dương"))
        let ignored = try runTool(["check", "d.json", "--no-config", "--rules", "r.rules"], in: dir, environment: ["NO_COLOR": "1"])
        #expect(ignored.status == 0)
        #expect(ignored.stdout.contains("a không dương"))
    }

    /// Found from a subfolder, with paths relative to the file; not past the folder holding `.git`.
    @Test func lookupGoesUpToTheRepositoryRoot() throws {
        let root = URL(fileURLWithPath: try folder(withConfig: #"{"check": {"rules": "Rules/x", "waivers": "/abs/w.json"}}"#)).standardizedFileURL.path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try FileManager.default.createDirectory(atPath: root + "/a/b", withIntermediateDirectories: true)
        let below = try runTool(["check", "--print-config", "--lang", "en"], in: root + "/a/b", environment: [:])
        #expect(below.stdout.contains("# config file: ../../tuanthu.json\n"), "\(below.stdout)\(below.stderr)")
        #expect(settings(below.stdout)["--rules"]?.value == "../../Rules/x")
        #expect(settings(below.stdout)["--rules"]?.from == "../../tuanthu.json:1")
        #expect(settings(below.stdout)["--waivers"]?.value == "/abs/w.json")
        // A repository inside: its root holds `.git` (a folder, or a file for a worktree), and the lookup stops there.
        for gitIsFile in [false, true] {
            let repo = root + "/a/repo-\(gitIsFile)"
            try FileManager.default.createDirectory(atPath: repo + "/sub", withIntermediateDirectories: true)
            if gitIsFile {
                try "gitdir: /elsewhere\n".write(toFile: repo + "/.git", atomically: true, encoding: .utf8)
            } else {
                try FileManager.default.createDirectory(atPath: repo + "/.git", withIntermediateDirectories: true)
            }
            let inside = try runTool(["check", "--print-config", "--lang", "en"], in: repo + "/sub", environment: [:])
            #expect(inside.stdout.contains("# config file: none"), "\(inside.stdout)")
            #expect(settings(inside.stdout)["--rules"]?.from == "default")
        }
        // `--config` names a file; its paths are relative to its folder.
        let named = try runTool(["check", "--print-config", "--config", root + "/tuanthu.json", "--lang", "en"], in: root + "/a/repo-false/sub", environment: [:])
        #expect(settings(named.stdout)["--rules"]?.value == root + "/Rules/x")
        #expect(settings(named.stdout)["--rules"]?.from == root + "/tuanthu.json:1")
        let none = try runTool(["check", "--print-config", "--no-config", "--lang", "en"], in: root, environment: [:])
        #expect(none.stdout.contains("# config file: not read (--no-config)\n"))
        #expect(settings(none.stdout)["--rules"]?.from == "default")
    }

    /// Each mistake: its code, its place, and the help.
    @Test(arguments: [
        (#"{"check": {"fial-on": "warning"}}"#, "E4250", "unknown key `fial-on` for `tuanthu check`", "1:12", "did you mean `fail-on`?"),
        ("{\n  \"chek\": {}\n}", "E4250", "unknown key `chek`", "2:3", "did you mean `check`?"),
        (#"{"frobnicate": 1}"#, "E4250", "unknown key `frobnicate`", "1:2", "a top-level key is a command"),
        (#"{"check": {"quiet": "yes"}}"#, "E4251", "`--quiet` of `tuanthu check` is a flag: true or false, not a string", "1:21", "write `\"quiet\": true`"),
        (#"{"lint": {"format": ["json"]}}"#, "E4251", "`--format` of `tuanthu lint` takes one value, not a list", "1:21", "write `\"format\": \"FORMAT\"`"),
        (#"{"check": {"jobs": true}}"#, "E4251", "`--jobs` of `tuanthu check` takes a string, not a boolean", "1:20", "write `\"jobs\": \"N\"`"),
        (#"{"test": 3}"#, "E4251", "`test` holds the settings of `tuanthu test`: an object, not a number", "1:10", ""),
        ("[]", "E4251", "a config file is a JSON object, but this file holds an array", "1:1", ""),
        (#"{"check": {"format": "sarf"}}"#, "E4252", "invalid value `sarf` for `--format` of `tuanthu check`", "1:22", "did you mean `sarif`?"),
        (#"{"format": "sarif"}"#, "E4252", "invalid value `sarif` for `--format` of `tuanthu lint`", "1:12", "move the key into the section of the command it is for"),
        (#"{"color": "sometimes"}"#, "E4252", "invalid value `sometimes` for `--color`", "1:11", "expected one of: auto, always, never"),
        (#"{"lang": "en", "lang": "vi"}"#, "E4253", "`lang` appears twice in one object", "1:16", "keep one"),
        (#"{"check": {"print-config": true}}"#, "E4254", "`print-config` cannot be set in a config file", "1:12", "give `--print-config` on the command line"),
        ("{\"check\": {\"lang\": \"en\",}}", "E3", "", "1:25", ""),
    ])
    func mistakeIsALocatedError(_ text: String, _ code: String, _ message: String, _ at: String, _ help: String) throws {
        let dir = try folder(withConfig: text)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runTool(["check", "--print-config", "--lang", "en"], in: dir, environment: [:])
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("error[\(code)"), "\(run.stderr)")
        #expect(message.isEmpty || run.stderr.contains(message), "\(run.stderr)")
        #expect(run.stderr.contains(" --> tuanthu.json:\(at)\n"), "\(run.stderr)")
        #expect(help.isEmpty || run.stderr.contains(help), "\(run.stderr)")
        #expect(run.stderr.contains("error: the config file `tuanthu.json` has "))
        // --no-config gets past a broken file.
        let ignored = try runTool(["check", "--print-config", "--no-config"], in: dir, environment: [:])
        #expect(ignored.status == 0)
    }

    /// A value the command itself refuses (not a closed choice) is reported with where the file set it.
    @Test(arguments: zip(["check", "test"], [#"{"check": {"jobs": "many"}}"#, #"{"as-of": "2026-13-45"}"#]))
    func aRefusedValueSaysWhereItWasSet(_ command: String, _ text: String) throws {
        let dir = try folder(withConfig: text)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let run = try runTool([command, packageRootPath + "/Tests/Fixtures/test-report", "--lang", "en"], in: dir, environment: [:])
        #expect(run.status == 2)
        #expect(run.stderr.contains("was set in tuanthu.json:1"), "\(run.stderr)")
    }

    @Test func configAndNoConfigContradict() throws {
        let run = try runTool(["check", "--config", "x.json", "--no-config", "--lang", "en"], in: packageRoot)
        #expect(run.status == 2)
        #expect(run.stderr.contains("`--config` and `--no-config` contradict each other"))
    }

    @Test func anUnreadableConfigIsAnError() throws {
        let run = try runTool(["lint", "--config", "no-such.json", "Rules/kl81-cantho", "--lang", "en"], in: packageRoot)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[E4255]: cannot read the config file `no-such.json`"))
        #expect(run.stderr.contains("no command was run"))
    }
}
