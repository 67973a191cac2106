import Foundation
import JSON
import Reporters
import Run
import Semantics
import Testing
import TuanThu

// The check-side items of pipelines and CLI conventions: layered rule sets, rule selection, several
// reports per run, standard input (one document or NDJSON, with lines),
// mapper mode, and warnings headed, counted and exited on alike.

/// Runs `tuanthu ARGS` with standard input read from the file `stdinPath`
/// (a folder, to see a read error), the bundled rules as default.
private func runWithStandardInput(_ args: [String], from stdinPath: String) throws -> ProcessRun {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: try toolPath())
    p.arguments = args
    p.currentDirectoryURL = URL(fileURLWithPath: packageRootPath)
    var env = ProcessInfo.processInfo.environment
    env["TUANTHU_RULES"] = packageRootPath + "/Rules/kl81-cantho"
    env["NO_COLOR"] = "1"
    p.environment = env
    let fd = open(stdinPath, O_RDONLY)
    try #require(fd >= 0)
    p.standardInput = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    let dir = try makeTempFolder("tuanthu-run")
    FileManager.default.createFile(atPath: dir + "/out", contents: nil)
    FileManager.default.createFile(atPath: dir + "/err", contents: nil)
    p.standardOutput = FileHandle(forWritingAtPath: dir + "/out")
    p.standardError = FileHandle(forWritingAtPath: dir + "/err")
    try p.run()
    p.waitUntilExit()
    return ProcessRun(status: p.terminationStatus, signaled: p.terminationReason == .uncaughtSignal,
                      stdout: try String(contentsOfFile: dir + "/out", encoding: .utf8),
                      stderr: try String(contentsOfFile: dir + "/err", encoding: .utf8))
}

/// The example dossiers, each on one line (NDJSON).
private func exampleLines() throws -> [String] {
    let dir = packageRootPath + "/Examples"
    return try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".json") }.sorted().map { name in
        let data = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + name))
        let object = try JSONSerialization.jsonObject(with: data)
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}

/// The `tuanthu/1` records of NDJSON output.
private func records(_ ndjson: String) throws -> [[String: Any]] {
    try ndjson.split(separator: "\n").map { line in
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
}

@Suite("check: standard input, one document or NDJSON")
struct StandardInputTests {
    struct Shape: Sendable, CustomTestStringConvertible {
        var name: String
        var text: String
        var oneDocument: Bool
        var testDescription: String { name }
    }

    static let shapes: [Shape] = [
        Shape(name: "a pretty-printed object", text: "{\n  \"id\": \"A\",\n  \"a\": 1\n}\n", oneDocument: true),
        Shape(name: "blank lines, then a pretty-printed object", text: "\n  \n{\n  \"id\": \"A\"\n}\n", oneDocument: true),
        Shape(name: "an object whose first line opens a nested one", text: "{\"id\": \"A\", \"p\": {\n\"a\": 1}}\n", oneDocument: true),
        Shape(name: "a string broken over the first line", text: "{\"id\": \"A\n\"}\n", oneDocument: true),
        Shape(name: "NDJSON: one object a line", text: "{\"id\": \"A\"}\n{\"id\": \"B\"}\n", oneDocument: false),
        Shape(name: "NDJSON with braces inside strings", text: "{\"id\": \"{[\\\"\"}\n{\"id\": \"B\"}\n", oneDocument: false),
        Shape(name: "a single compact object", text: "{\"id\": \"A\"}", oneDocument: false),
        Shape(name: "NDJSON whose second line is broken", text: "{\"id\": \"A\"}\n{\"id\": \n", oneDocument: false),
        Shape(name: "a scalar first line", text: "42\n{\"id\": \"B\"}\n", oneDocument: false),
        Shape(name: "nothing", text: "\n\n", oneDocument: false),
    ]

    /// The rule: one document exactly when the first non-blank line starts a
    /// value that does not end on it — read from a pipe, or from a mapped file.
    @Test(arguments: shapes, [false, true]) func theFirstLineDecides(_ shape: Shape, _ mapped: Bool) throws {
        let bytes = Array(shape.text.utf8)
        let fd: Int32
        if mapped {
            let path = try makeTempFolder("tuanthu-shape") + "/in.ndjson"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            fd = open(path, O_RDONLY)
            try #require(fd >= 0)
        } else {
            var fds: [Int32] = [0, 0]
            try #require(pipe(&fds) == 0)
            #expect(write(fds[1], bytes, bytes.count) == bytes.count)
            close(fds[1])
            fd = fds[0]
        }
        defer { close(fd) }
        var reader = NDJSONReader(fileDescriptor: fd, chunkSize: 3)
        // A file of blank lines only is mapped too; an empty one would not be.
        #expect(reader.isMapped == (mapped && !bytes.isEmpty))
        #expect(reader.holdsOneDocument() == shape.oneDocument)
        if shape.oneDocument {
            let (all, over) = reader.readToEnd(limit: 1 << 20)
            #expect(!over)
            #expect(all == bytes, "nothing is consumed by the look-ahead")
        } else {
            let lines = ndjsonRecords(bytes)
            var got: [NDJSONRecord] = []
            while let r = reader.next() { got.append(r) }
            #expect(got == lines, "the look-ahead leaves the records as they were")
        }
    }

    /// A file on standard input is mapped, a pipe is read: the same stream —
    /// examples, blank and CRLF lines, a broken line, one over `--max-bytes`
    /// — gives the same report and exit code either way, with one worker or two.
    @Test(arguments: [["--format", "ndjson"], ["--lang", "en"]], [1, 2])
    func aFileAndAPipeOnStandardInputGiveTheSameReport(_ format: [String], _ jobs: Int) throws {
        let lines = try exampleLines()
        var text = lines[0] + "\n\n" + lines[1] + "\r\n   \n{\"id\": \"BROKEN\", \"x\": \n"
        text += "{\"id\": \"LONG\", \"pad\": \"" + String(repeating: "p", count: 3000) + "\"}\n"
        text += lines.dropFirst(2).joined(separator: "\n")
        let path = try makeTempFolder("tuanthu-stdin") + "/batch.ndjson"
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        let args = ["check", "-", "--as-of", "2026-11-29", "--max-bytes", "2000", "--jobs", String(jobs)] + format
        let fromFile = try runWithStandardInput(args, from: path)
        let fromPipe = try runToolProcess(args, cwd: packageRootPath, stdin: Array(text.utf8))
        #expect(fromFile.status == 3, "\(fromFile.stdout)\(fromFile.stderr)")
        #expect(fromFile.status == fromPipe.status)
        #expect(fromFile.stdout == fromPipe.stdout)
        // Line 5 is broken, line 6 over the limit: each an unreadable dossier at its line.
        for line in [5, 6] {
            #expect(fromFile.stdout.contains(format.contains("ndjson") ? "\"line\":\(line)," : "<stdin>:\(line): UNREADABLE"), "line \(line)")
        }
    }

    @Test func aPrettyPrintedDossierOnStandardInputIsOneDossier() throws {
        let path = packageRootPath + "/Examples/trang-trai-dien-mat-troi-co-do.json"
        let run = try runToolProcess(["check", "-", "--as-of", "2026-11-29", "--lang", "en"], cwd: packageRootPath,
                                     stdin: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.hasPrefix("<stdin> (CT-2025-0356): PASS\n"), "\(run.stdout)")
        #expect(run.stdout.contains("Checked 1 dossier "))
        #expect(!run.stdout.contains("truncated"))
    }

    @Test func aFindingOfAPrettyPrintedDossierPointsAtItsLineOnStandardInput() throws {
        let path = packageRootPath + "/Examples/nha-may-che-bien-thuy-san-thot-not.json"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(#""capacity_m3_day": 800,"#) }) + 1
        let run = try runToolProcess(["check", "-", "--as-of", "2026-11-29", "--only", "KL81-3.5-WW-01"], cwd: packageRootPath, stdin: Array(text.utf8))
        #expect(run.status == 1)
        #expect(run.stdout.contains("--> <stdin>:\(line):26"), "\(run.stdout)")
    }

    /// `check - < /`, in the language of `--lang` (Vietnamese by default).
    @Test(arguments: [
        ([], "error[E4001]: <stdin>: không đọc được đầu vào chuẩn: đó là một thư mục", "1 lỗi đọc"),
        (["--lang", "vi"], "error[E4001]: <stdin>: không đọc được đầu vào chuẩn: đó là một thư mục", "1 lỗi đọc"),
        (["--lang", "en"], "error[E4001]: <stdin>: cannot read standard input: it is a folder", "1 unreadable"),
    ])
    func standardInputThatCannotBeReadIsExit3WithAMessage(_ lang: [String], _ message: String, _ count: String) throws {
        let run = try runWithStandardInput(["check", "-"] + lang, from: "/")
        #expect(run.status == 3, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains(message), "\(run.stdout)")
        #expect(run.stdout.contains(count))
    }

    @Test func recordsCarryTheirLineInJSONAndText() throws {
        let lines = try exampleLines()
        let input = "\n" + lines[0] + "\n\n" + lines[1] + "\n{\"id\": \"broken\",\n"
        let json = try runToolProcess(["check", "-", "--format", "ndjson", "--as-of", "2026-11-29"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(json.status == 3)
        let got = try records(json.stdout)
        #expect(got.map { $0["line"] as? Int } == [2, 4, 5])
        #expect(got.map { $0["file"] as? String } == ["<stdin>", "<stdin>", "<stdin>"])
        #expect(got.map { $0["outcome"] as? String }.last == "error")
        let text = try runToolProcess(["check", "-", "--as-of", "2026-11-29"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(text.stdout.contains("\n<stdin>:4 ("), "\(text.stdout)")
        #expect(text.stdout.contains("<stdin>:5: LỖI ĐỌC HỒ SƠ\n"))
        // The parser's "the file ends…; it may be truncated" is not said of a line.
        #expect(!text.stdout.contains("truncated"))
        #expect(text.stdout.contains("dòng kết thúc trước khi đối tượng được đóng: đầu vào chuẩn được đọc theo NDJSON, mỗi dòng một hồ sơ trọn vẹn"))
        let english = try runToolProcess(["check", "-", "--as-of", "2026-11-29", "--lang", "en"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(english.stdout.contains("the line ends before the object is closed: standard input is read as NDJSON, one whole dossier per line"))
    }

    struct MapperCase: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var testDescription: String { arguments.joined(separator: " ") }
    }

    /// A broken record fails the task unless in mapper mode.
    @Test(arguments: [
        MapperCase(arguments: ["--fail-on", "never"], status: 3),
        MapperCase(arguments: ["--mapper"], status: 0),
        MapperCase(arguments: ["--mapper", "--fail-on", "never"], status: 0),
    ])
    func aBrokenRecordInMapperMode(_ c: MapperCase) throws {
        let lines = try exampleLines()
        let input = lines[0] + "\n{\"id\": \"broken\",\n" + lines[1] + "\n"
        let run = try runToolProcess(["check", "-", "--format", "ndjson", "--as-of", "2026-11-29"] + c.arguments, cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(run.status == c.status, "\(run.stderr)")
        let got = try records(run.stdout)
        #expect(got.count == 3, "the broken record is an output record")
        #expect(got.map { $0["line"] as? Int } == [1, 2, 3])
        #expect((got[1]["error"] as? [String: Any])?["code"] as? String == "E3001")
    }

    @Test func mapperModeReadsNDJSONEvenWhenTheFirstLineIsBroken() throws {
        let lines = try exampleLines()
        let input = "{\"id\": \"broken\",\n" + lines[0] + "\n"
        let run = try runToolProcess(["check", "-", "--mapper", "--format", "ndjson", "--as-of", "2026-11-29"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(run.status == 0)
        #expect(try records(run.stdout).map { $0["outcome"] as? String } == ["error", "fail"])
    }

    /// SARIF's `invocations[0].exitCode` is the process's: 0 in mapper mode, 3 without it.
    @Test(arguments: [(["--mapper"], 0), (["--fail-on", "never"], 3)])
    func sarifExitCodeAgreesWithTheProcess(_ flags: [String], _ status: Int) throws {
        let input = "{\"id\": \"broken\"\n" + (try exampleLines()[0]) + "\n"
        let run = try runToolProcess(["check", "-", "--format", "sarif", "--as-of", "2026-11-29"] + flags, cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(Int(run.status) == status)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let runs = try #require(sarif["runs"] as? [[String: Any]])
        let invocation = try #require((runs.first?["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["exitCode"] as? Int == status)
    }

    /// Standard input with no dossier in it is not a clean run of zero
    /// dossiers: it is an unreadable `<stdin>` (exit 3), in every format,
    /// after the files before it are checked. A mapper's empty split gives
    /// no record and exit 0.
    @Test(arguments: ["", "\n\n", "  \r\n\t\n"])
    func standardInputWithNoDossierIsUnreadable(_ input: String) throws {
        let text = try runToolProcess(["check", "-", "--lang", "en"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(text.status == 3)
        #expect(text.stdout.contains("standard input is empty: there is no dossier to check"))
        #expect(text.stdout.contains("1 unreadable"))
        let ndjson = try runToolProcess(["check", "-", "--format", "ndjson", "--as-of", "2026-11-29"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(ndjson.status == 3)
        let lines = ndjson.stdout.split(separator: "\n")
        #expect(lines.count == 1)
        let record = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(record["file"] as? String == "<stdin>")
        #expect(record["outcome"] as? String == "error")
        let withFile = try runToolProcess(["check", failingExample, "-", "--format", "ndjson", "--as-of", "2026-11-29"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(withFile.status == 3)
        #expect(withFile.stdout.split(separator: "\n").count == 2)
        let mapper = try runToolProcess(["check", "-", "--mapper", "--format", "ndjson", "--as-of", "2026-11-29"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(mapper.status == 0)
        #expect(mapper.stdout.isEmpty)
        // No path at all (a CI step that forgot them): standard input was read, and the message says why.
        let noPath = try runToolProcess(["check", "--lang", "en"], cwd: packageRootPath, stdin: Array(input.utf8))
        #expect(noPath.status == 3)
        #expect(noPath.stdout.contains("no path was given, so standard input was read, and it is empty: name the dossiers' files or folders"))
    }

    @Test func mapperModeRefusesFilesAndAFailOnOtherThanNever() throws {
        let files = try runToolProcess(["check", "--mapper", "Examples/", "--lang", "en"], cwd: packageRootPath)
        #expect(files.status == 2)
        #expect(files.stderr.contains("--mapper reads standard input only"))
        let failOn = try runToolProcess(["check", "-", "--mapper", "--fail-on", "error"], cwd: packageRootPath, stdin: [])
        #expect(failOn.status == 2)
    }
}

@Suite("check: layered rule sets (--rules twice)")
struct LayeredRuleSetTests {
    /// An example dossier without the investor's tax code, which the department's rule asks for.
    static func dossierWithoutTaxCode() throws -> String {
        let dir = try makeTempFolder("tuanthu-layers")
        let data = try Data(contentsOf: URL(fileURLWithPath: packageRootPath + "/Examples/nha-may-che-bien-thuy-san-thot-not.json"))
        var dossier = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        var investor = try #require(dossier["investor"] as? [String: Any])
        #expect(investor.removeValue(forKey: "tax_code") != nil)
        dossier["investor"] = investor
        try JSONSerialization.data(withJSONObject: dossier, options: [.prettyPrinted, .sortedKeys]).write(to: URL(fileURLWithPath: dir + "/d.json"))
        return dir + "/d.json"
    }

    @Test func theBundledPackAndALocalRuleFileRunAsOne() throws {
        let dossier = try Self.dossierWithoutTaxCode()
        let run = try runToolProcess(["check", dossier, "--rules", "Rules/kl81-cantho", "--rules", "Examples/so-tnmt.rules",
                                      "--as-of", "2026-11-29", "--lang", "en", "--format", "json"], cwd: packageRootPath)
        #expect(run.status == 1, "\(run.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let dossiers = try #require(report["dossiers"] as? [[String: Any]])
        let findings = try #require(dossiers.first?["findings"] as? [[String: Any]])
        #expect(findings.contains { $0["rule"] as? String == "STNMT-01" }, "the local rule ran, on the pack's schema")
        #expect(findings.contains { ($0["rule"] as? String)?.hasPrefix("KL81-") == true }, "the pack's rules ran")
        // Each set is listed with its path as given and the digest `tuanthu digest` prints.
        let ruleset = try #require(report["ruleset"] as? [String: Any])
        let sets = try #require(ruleset["sets"] as? [[String: String]])
        #expect(sets.map { $0["path"] } == ["Rules/kl81-cantho", "Examples/so-tnmt.rules"])
        for set in sets {
            let digest = try runToolProcess(["digest", set["path"]!], cwd: packageRootPath)
            #expect(digest.stdout.hasPrefix(set["sha256"]!), "\(digest.stdout)")
        }
        let text = try runToolProcess(["check", dossier, "--rules", "Rules/kl81-cantho", "--rules", "Examples/so-tnmt.rules",
                                       "--as-of", "2026-11-29", "--lang", "en"], cwd: packageRootPath)
        #expect(text.stdout.contains("warning[STNMT-01]: The dossier does not give the investor's tax code."), "\(text.stdout)")
        #expect(text.stdout.contains("Ruleset: Rules/kl81-cantho (SHA-256 \(sets[0]["sha256"]!)); Examples/so-tnmt.rules (SHA-256 \(sets[1]["sha256"]!))"))
    }

    @Test func aRuleIdInTwoSetsIsE4200NamingBothFilesAndLines() throws {
        let dir = try makeTempFolder("tuanthu-layers")
        try "// a copy\n\nrule KL81-3.5-WW-01 {\n  require true\n}\n".write(toFile: dir + "/local.rules", atomically: true, encoding: .utf8)
        let run = try runToolProcess(["check", "Examples/", "--rules", "Rules/kl81-cantho", "--rules", dir + "/local.rules", "--lang", "en"], cwd: packageRootPath)
        #expect(run.status == 2)
        let line = try #require(run.stderr.split(separator: "\n").first { $0.hasPrefix("error[E4200]") })
        let packLine = try String(contentsOfFile: packageRootPath + "/Rules/kl81-cantho/item-3.5.rules", encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasPrefix("rule KL81-3.5-WW-01 ") }.map { $0 + 1 }
        #expect(line == "error[E4200]: rule id `KL81-3.5-WW-01` is declared in two rule sets: `Rules/kl81-cantho/item-3.5.rules:\(packLine ?? 0)` (--rules Rules/kl81-cantho) and `\(dir)/local.rules:3` (--rules \(dir)/local.rules)")
        #expect(run.stderr.contains("= help: rule ids are unique across every `--rules` set"))
    }

    @Test func aSetGivenTwiceIsRefused() throws {
        let run = try runToolProcess(["check", "Examples/", "--rules", "Rules/kl81-cantho", "--rules", "Rules/kl81-cantho/", "--lang", "en"], cwd: packageRootPath)
        #expect(run.status == 2)
        #expect(run.stderr.contains("is given twice"), "\(run.stderr)")
    }
}

@Suite("check: --only and --skip")
struct RuleSelectionTests {
    static let rules = """
        source "S" {
          item "3.5" "x"
          item "3.5.1" "y"
          item "3.6" "z"
        }
        rule KL-3.5-A { cite "S" item "3.5"
          tags water
          require a > 0 }
        rule KL-3.5-B { cite "S" item "3.5.1"
          tags water, energy
          require a > 0 }
        rule KL-3.6-C { cite "S" item "3.6"
          tags energy
          require a > 0 }
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var only: [String]
        var skip: [String]
        var selected: [String]
        var testDescription: String { "only \(only) skip \(skip)" }
    }

    @Test(arguments: [
        Case(only: [], skip: [], selected: ["KL-3.5-A", "KL-3.5-B", "KL-3.6-C"]),
        Case(only: ["KL-3.5-A"], skip: [], selected: ["KL-3.5-A"]),
        Case(only: ["KL-3.5-*"], skip: [], selected: ["KL-3.5-A", "KL-3.5-B"]),
        Case(only: ["KL-3.?-C"], skip: [], selected: ["KL-3.6-C"]),
        Case(only: ["tag:energy"], skip: [], selected: ["KL-3.5-B", "KL-3.6-C"]),
        Case(only: ["item:3.5"], skip: [], selected: ["KL-3.5-A", "KL-3.5-B"]),
        Case(only: ["item:3.5.1"], skip: [], selected: ["KL-3.5-B"]),
        Case(only: ["item:3"], skip: [], selected: ["KL-3.5-A", "KL-3.5-B", "KL-3.6-C"]),
        Case(only: [], skip: ["tag:water"], selected: ["KL-3.6-C"]),
        Case(only: ["item:3.5", "KL-3.6-C"], skip: ["KL-3.5-B"], selected: ["KL-3.5-A", "KL-3.6-C"]),
    ])
    func selects(_ c: Case) throws {
        let program = try loadProgram(Self.rules)
        let selection = RuleSelection(only: c.only, skip: c.skip)
        #expect(selection.unmatched(in: program).isEmpty)
        #expect(selection.apply(to: program).rules.map(\.id) == c.selected)
    }

    @Test func aSelectorThatMatchesNothingIsNamedWithASuggestion() throws {
        let program = try loadProgram(Self.rules)
        let unmatched = RuleSelection(only: ["tag:enrgy", "KL-3.5-Z*"], skip: ["item:9"]).unmatched(in: program)
        #expect(unmatched.map(\.selector) == ["tag:enrgy", "KL-3.5-Z*", "item:9"])
        #expect(unmatched.first?.suggestion == "tag:energy")
    }

    @Test func aTypoIsAnErrorNotASilentPass() throws {
        let run = try runToolProcess(["check", "Examples/", "--only", "KL81-3.5-WW-1", "--lang", "en"], cwd: packageRootPath)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[E4201]: `--only KL81-3.5-WW-1` matches no rule of the ruleset"), "\(run.stderr)")
        #expect(run.stderr.contains("did you mean `--only KL81-3.5-WW-01`?"))
    }

    @Test func reportsSayWhichSelectionWasUsed() throws {
        let text = try runToolProcess(["check", "Examples/", "--only", "item:3.5", "--skip", "tag:solid_waste", "--as-of", "2026-11-29", "--lang", "en"], cwd: packageRootPath)
        #expect(text.stdout.contains("rules, selected by --only item:3.5 --skip tag:solid_waste) as of 2026-11-29"), "\(text.stdout.suffix(400))")
        let json = try runToolProcess(["check", "Examples/", "--only", "item:3.5", "--as-of", "2026-11-29", "--format", "json"], cwd: packageRootPath)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((report["ruleset"] as? [String: Any])?["selection"] as? String == "--only item:3.5")
        let rules = ((report["dossiers"] as? [[String: Any]])?.first?["rules"] as? [[String: Any]]) ?? []
        #expect(!rules.isEmpty && rules.allSatisfy { ($0["rule"] as? String).map { $0.hasPrefix("KL81-3.5-") || $0.hasPrefix("tuanthu.") } ?? false })
    }

    /// The checker a run builds holds only the selected rules: an unselected
    /// one is never evaluated, not evaluated and then dropped.
    @Test func theCheckerOfARunHoldsOnlyTheSelectedRules() throws {
        let program = try loadProgram(Self.rules + "\nrule KL-3.6-D { require b > 0 }\n")
        let selected = try CheckRun.select(RuleSelection(only: ["KL-3.5-A"]), program)
        let checker = CheckRun.makeChecker(selected, options: CheckOptions(asOf: evalAsOf, jobs: 2))
        #expect(checker.workerPrograms.count == 2)
        #expect(checker.workerPrograms.allSatisfy { $0.rules.map(\.id) == ["KL-3.5-A"] })
        // The IR is the rule set's, built once when it loaded, shared by every worker.
        #expect(checker.workerIRs.allSatisfy { $0 === program.ir })
        let result = try #require(checker.check([.document(bytes: Array(#"{"a": 0, "b": 0}"#.utf8), name: "d.json")]).first)
        #expect(result.rules == [.fail])
        #expect(result.findings.map(\.rule) == ["KL-3.5-A"])
    }

    /// A rule that would fail is not in the run at all under `--only`: no
    /// finding, no outcome, and the summary counts the selected rules only.
    @Test func anUnselectedFailingRuleLeavesNoTrace() throws {
        let dir = try makeTempFolder("tuanthu-only")
        try (Self.rules + "\nrule KL-3.6-D { require b > 0 }\n").write(toFile: dir + "/r.rules", atomically: true, encoding: .utf8)
        try #"{"a": 1, "b": 0}"#.write(toFile: dir + "/d.json", atomically: true, encoding: .utf8)
        let all = try runToolProcess(["check", "--rules", dir + "/r.rules", dir + "/d.json", "--as-of", "2026-11-29", "--lang", "en"])
        #expect(all.status == 1 && all.stdout.contains("error[KL-3.6-D]"), "without --only the rule fails: \(all.stdout)")
        let only = try runToolProcess(["check", "--rules", dir + "/r.rules", dir + "/d.json", "--only", "item:3.5", "--as-of", "2026-11-29", "--lang", "en"])
        #expect(only.status == 0, "\(only.stdout)\(only.stderr)")
        #expect(!only.stdout.contains("KL-3.6-D"))
        #expect(only.stdout.contains("(2 rules, selected by --only item:3.5)"), "\(only.stdout)")
        let json = try runToolProcess(["check", "--rules", dir + "/r.rules", dir + "/d.json", "--only", "item:3.5", "--as-of", "2026-11-29", "--format", "json"])
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let dossier = try #require((report["dossiers"] as? [[String: Any]])?.first)
        #expect((dossier["rules"] as? [[String: Any]])?.compactMap { $0["rule"] as? String } == ["KL-3.5-A", "KL-3.5-B"])
        #expect((dossier["summary"] as? [String: Any])?["pass"] as? Int == 2)
        #expect((dossier["findings"] as? [Any])?.isEmpty == true)
    }
}

@Suite("check: several reports in one run (--report)")
struct SeveralReportsTests {
    @Test func sarifJUnitAndTextFromOneCheck() throws {
        let dir = try makeTempFolder("tuanthu-reports")
        let run = try runToolProcess(["check", "Examples/", "--as-of", "2026-11-29", "--report", "sarif=\(dir)/out.sarif",
                                      "--report", "junit=\(dir)/out.xml", "--report", "ndjson=\(dir)/out.ndjson"], cwd: packageRootPath)
        #expect(run.status == 1, "\(run.stderr)")
        // Every dossier a walk of Examples/ finds, subfolders included.
        let examples = try FileManager.default.subpathsOfDirectory(atPath: packageRootPath + "/Examples").count { $0.hasSuffix(".json") }
        #expect(run.stdout.contains("Đã kiểm tra \(examples) hồ sơ"))
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out.sarif"))) as? [String: Any])
        #expect(sarif["version"] as? String == "2.1.0")
        let junit = try String(contentsOfFile: dir + "/out.xml", encoding: .utf8)
        #expect(junit.hasPrefix("<?xml") && junit.hasSuffix("</testsuites>\n"))
        #expect(try records(String(contentsOfFile: dir + "/out.ndjson", encoding: .utf8)).count == examples)
        // No temporary file left beside the reports.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["out.ndjson", "out.sarif", "out.xml"])
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        var spec: String
        var message: String
        var testDescription: String { spec }
    }

    /// A bad report fails before anything is checked: exit 2, nothing on standard output.
    @Test(arguments: [
        Bad(spec: "sarif", message: "error[E4202]: `--report sarif` names no file"),
        Bad(spec: "sarf=out.sarif", message: "did you mean `sarif=out.sarif`?"),
        Bad(spec: "junit=", message: "error[E4202]: `--report junit=` names no file"),
        Bad(spec: "junit=/nonexistent/folder/out.xml", message: "error[E4202]: cannot open the report to `/nonexistent/folder/out.xml`"),
        Bad(spec: "json=d.json", message: "error: the output `d.json` is the dossier `d.json`"),
    ])
    func aBadReportFailsBeforeChecking(_ bad: Bad) throws {
        // A copy of a dossier, in a folder of its own: a report written over it would do no harm.
        let dir = try makeTempFolder("tuanthu-reports")
        try FileManager.default.copyItem(atPath: packageRootPath + "/Examples/nha-may-che-bien-thuy-san-thot-not.json", toPath: dir + "/d.json")
        let run = try runToolProcess(["check", "d.json", "--report", "sarif=never.sarif", "--report", bad.spec, "--lang", "en"], cwd: dir)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty, "nothing checked: \(run.stdout.prefix(200))")
        #expect(run.stderr.contains(bad.message), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["d.json"], "no report left behind")
        #expect(try Data(contentsOf: URL(fileURLWithPath: dir + "/d.json")) == Data(contentsOf: URL(fileURLWithPath: packageRootPath + "/Examples/nha-may-che-bien-thuy-san-thot-not.json")))
    }

    @Test func twoReportsToOneFileAreRefused() throws {
        let run = try runToolProcess(["check", "Examples/", "--output", "/tmp/r.txt", "--report", "json=/tmp/r.txt", "--lang", "en"], cwd: packageRootPath)
        #expect(run.status == 2)
        #expect(run.stderr.contains("error[E4202]: two reports are written to `/tmp/r.txt`"), "\(run.stderr)")
    }
}

@Suite("check: warnings headed, counted and exited on alike")
struct WarningConsistencyTests {
    static let rules = """
        rule E { severity error
          require a > 0 }
        rule W { severity warning
          require b > 0 }
        """

    struct Case: Sendable, CustomTestStringConvertible {
        var failOn: RuleSeverity?
        var dossier: String
        var heading: String
        var junitFailures: Int
        var sarifLevels: [String]
        var exitCode: Int32
        var testDescription: String { "--fail-on \(failOn?.rawValue ?? "never"): \(dossier) → \(heading)" }
    }

    static let none = #"{"a": 1, "b": 1}"#, warning = #"{"a": 1, "b": 0}"#, error = #"{"a": 0, "b": 1}"#

    @Test(arguments: [
        Case(failOn: .error, dossier: none, heading: "PASS", junitFailures: 0, sarifLevels: [], exitCode: 0),
        Case(failOn: .error, dossier: warning, heading: "PASS (with warnings)", junitFailures: 0, sarifLevels: ["warning"], exitCode: 0),
        Case(failOn: .error, dossier: error, heading: "FAIL", junitFailures: 1, sarifLevels: ["error"], exitCode: 1),
        Case(failOn: .warning, dossier: none, heading: "PASS", junitFailures: 0, sarifLevels: [], exitCode: 0),
        Case(failOn: .warning, dossier: warning, heading: "FAIL", junitFailures: 1, sarifLevels: ["warning"], exitCode: 1),
        Case(failOn: .warning, dossier: error, heading: "FAIL", junitFailures: 1, sarifLevels: ["error"], exitCode: 1),
        Case(failOn: nil, dossier: none, heading: "PASS", junitFailures: 0, sarifLevels: [], exitCode: 0),
        Case(failOn: nil, dossier: warning, heading: "PASS (with warnings)", junitFailures: 0, sarifLevels: ["warning"], exitCode: 0),
        Case(failOn: nil, dossier: error, heading: "PASS (with warnings)", junitFailures: 0, sarifLevels: ["error"], exitCode: 0),
    ])
    func everyReportAgreesWithTheExitCode(_ c: Case) throws {
        let program = try loadProgram(Self.rules)
        let inputs = ndjsonRecords(Array(c.dossier.utf8)).map { DossierInput.record($0, streamName: "s") }
        let text = runBatch(program, inputs, format: .text, jobs: 1, lang: "en", failOn: c.failOn)
        #expect(text.output.hasPrefix("s:1: \(c.heading)\n"), "\(text.output)")
        #expect(ExitCode.of(text.summary) == c.exitCode)
        let junit = runBatch(program, inputs, format: .junit, jobs: 1, lang: "en", failOn: c.failOn)
        #expect(junit.output.contains("<testsuites name=\"tuanthu: unnamed\" tests=\"2\" failures=\"\(c.junitFailures)\""), "\(junit.output)")
        if c.junitFailures == 0 && !c.sarifLevels.isEmpty {
            #expect(junit.output.contains("<system-out>"), "a finding below --fail-on is still shown")
        }
        let sarif = runBatch(program, inputs, format: .sarif, jobs: 1, lang: "en", failOn: c.failOn)
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(sarif.output.utf8)) as? [String: Any])
        let run = try #require((doc["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == c.sarifLevels)
        #expect(((run["invocations"] as? [[String: Any]])?.first?["exitCode"] as? Int) == Int(c.exitCode))
        let json = runBatch(program, inputs, format: .json, jobs: 1, lang: "en", failOn: c.failOn)
        let verdict = c.heading == "PASS (with warnings)" ? "pass_with_warnings" : c.heading.lowercased()
        #expect(json.output.contains("\"verdict\": \"\(verdict)\""), "\(json.output)")
        // HTML: the badge is worded and coloured by the verdict (a pass with warnings is not red).
        let html = runBatch(program, inputs, format: .html, jobs: 1, lang: "en", failOn: c.failOn).output
        #expect(html.contains("<h2><span class=\"badge o-\(verdict)\">\(c.heading)</span>"), "\(html)")
        #expect(html.contains("<tr class=\"o-\(verdict)\">"))
        // The page's totals count it among the passes, saying with warnings, as the text summary does.
        #expect(html.contains("<span class=\"badge o-pass\">\(verdict.hasPrefix("pass") ? 1 : 0) PASS</span>\(verdict == "pass_with_warnings" ? " (1 with warnings)" : "") "), "\(html)")
        #expect(html.contains(".badge.o-\(verdict) {") || html.contains(".badge.o-\(verdict) "), "the badge class has a style")
    }

    @Test func theSummaryCountsPassesWithWarnings() throws {
        let program = try loadProgram(Self.rules)
        let inputs = ndjsonRecords(Array([Self.none, Self.warning, Self.error].joined(separator: "\n").utf8)).map { DossierInput.record($0, streamName: "s") }
        let vi = runBatch(program, inputs, format: .text, jobs: 1, failOn: .error)
        #expect(vi.output.contains("s:2: ĐẠT (có cảnh báo)\n"))
        #expect(vi.output.contains(": 2 đạt (1 có cảnh báo), 1 không đạt, 0 thiếu dữ liệu, 0 lỗi đọc; 2 phát hiện."), "\(vi.output)")
    }
}

@Suite("--only/--skip and layered sets in test, coverage, lint and explain")
struct SelectionInOtherCommandsTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var arguments: [String]
        var status: Int32
        var output: String
        var testDescription: String { arguments.joined(separator: " ") }
    }

    @Test(arguments: [
        // The pack's tests narrowed to item 3.5: fewer tests run, all pass.
        Case(arguments: ["test", "Rules/kl81-cantho", "--as-of", "2026-11-29", "--quiet", "--only", "item:3.5"], status: 0, output: " passed, 0 failed\n"),
        Case(arguments: ["test", "Rules/kl81-cantho", "--as-of", "2026-11-29", "--quiet", "--only", "tag:nope"], status: 2, output: "error[E4201]: `--only tag:nope` matches no rule of the ruleset"),
        // A selection's coverage keeps only the points its rules cite: no gap, exit 0.
        Case(arguments: ["coverage", "--only", "KL81-3.5-WW-01"], status: 0, output: "  item 3.5  KL81-3.5-WW-01\n"),
        Case(arguments: ["coverage", "--skip", "KL81-3.5-*", "--only", "KL81-3.5-WW-0?"], status: 2, output: "error[E4201]: the selection `--only KL81-3.5-WW-0? --skip KL81-3.5-*` leaves no rule to check"),
        Case(arguments: ["lint", "Rules/kl81-cantho", "Examples/so-tnmt.rules"], status: 0, output: " rules, no problems"),
        // The two-set run as a test: the department's tests over the pack's schema, and the pack's own.
        Case(arguments: ["test", "Rules/kl81-cantho", "Examples/so-tnmt.rules", "--as-of", "2026-11-29", "--only", "STNMT-01"], status: 0, output: "3 passed, 0 failed\n"),
        Case(arguments: ["test", "Rules/kl81-cantho", "Examples/so-tnmt.rules", "--as-of", "2026-11-29", "--quiet"], status: 0, output: " passed, 0 failed\n"),
        Case(arguments: ["explain", "STNMT-01", "Examples/vung-nuoi-tom-vinh-chau.json", "--rules", "Rules/kl81-cantho", "--rules", "Examples/so-tnmt.rules", "--as-of", "2026-11-29"],
             status: 0, output: "exists(investor.tax_code)  ⇒ true"),
    ])
    func runs(_ c: Case) throws {
        let run = try runToolProcess(c.arguments + ["--lang", "en"], cwd: packageRootPath)
        #expect(run.status == c.status, "\(run.stdout)\(run.stderr)")
        #expect((run.stdout + run.stderr).contains(c.output), "\(run.stdout)\(run.stderr)")
    }

    @Test func testWithASelectionRunsFewerTests() throws {
        func passed(_ extra: [String]) throws -> Int {
            let run = try runToolProcess(["test", "Rules/kl81-cantho", "--as-of", "2026-11-29", "--quiet"] + extra, cwd: packageRootPath)
            let last = run.stdout.split(separator: "\n").last ?? ""
            return Int(last.split(separator: " ").first ?? "") ?? -1
        }
        let all = try passed([]), some = try passed(["--only", "item:3.5"]), rest = try passed(["--skip", "item:3.5"])
        #expect(some > 0 && rest > 0 && some < all && rest < all)
    }
}

@Suite("check: the ruleset's warnings")
struct RulesetWarningsNoteTests {
    /// `check` does not print a ruleset's warnings (lint does), but it says
    /// there are some, once, on standard error: a presence gate can let a
    /// rule decide without its evidence. The report and exit code are those
    /// of a run without the note; a clean ruleset gets no note.
    @Test func aRulesetWithWarningsIsNotedOnce() throws {
        let dir = try makeTempFolder("tuanthu-warnings")
        let rules = """
            rule A {
              title en "a"
              severity error
              when exists(x)
              require x > 1
            }

            let unused = 2
            """
        try rules.write(toFile: dir + "/r.rules", atomically: true, encoding: .utf8)
        let run = try runToolProcess(["check", "--rules", dir + "/r.rules", "--lang", "en", "--format", "ndjson", "-"], cwd: packageRootPath,
                                     stdin: Array("{\"x\": 2}\n".utf8))
        #expect(run.status == 0)
        #expect(run.stderr == "note: the ruleset has 2 warnings (W2011, W2001); run `tuanthu lint \(dir)/r.rules` for details\n")
        #expect(run.stdout.contains("\"outcome\":\"pass\""))
        let clean = try runToolProcess(["check", failingExample, "--lang", "en", "--format", "ndjson"], cwd: packageRootPath)
        #expect(clean.status == 1)
        #expect(clean.stderr.isEmpty)

        // SARIF carries each warning, located, as a tool configuration notification (what CI shows).
        let sarif = try runToolProcess(["check", "--rules", "r.rules", "--lang", "en", "--format", "sarif", "-"], cwd: dir,
                                       stdin: Array("{\"x\": 2}\n".utf8))
        #expect(sarif.status == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: Data(sarif.stdout.utf8)) as? [String: Any])
        let invocation = try #require(((document["runs"] as? [[String: Any]])?.first?["invocations"] as? [[String: Any]])?.first)
        let notes = try #require(invocation["toolConfigurationNotifications"] as? [[String: Any]])
        #expect(notes.compactMap { ($0["descriptor"] as? [String: Any])?["id"] as? String } == ["W2011", "W2001"])
        let place = try #require(((notes[0]["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]))
        #expect((place["artifactLocation"] as? [String: Any])?["uri"] as? String == "r.rules")
        #expect((place["region"] as? [String: Any])?["startLine"] as? Int == 4)
        #expect(notes.allSatisfy { $0["level"] as? String == "warning" })
        let cleanSARIF = try runToolProcess(["check", failingExample, "--format", "sarif"], cwd: packageRootPath)
        #expect(!cleanSARIF.stdout.contains("toolConfigurationNotifications"))
    }
}

@Suite("check: files beside the dossiers")
struct FilesBesideDossiersTests {
    /// The waivers file kept in the checked folder is not checked as a
    /// dossier (it failed every rule): a note says so; the dossier is checked.
    @Test func theWaiversFileInACheckedFolderIsNotedNotChecked() throws {
        let dir = try makeTempFolder("tuanthu-waivers-beside")
        try FileManager.default.copyItem(atPath: failingExample, toPath: dir + "/d.json")
        try "[]".write(toFile: dir + "/waivers.json", atomically: true, encoding: .utf8)
        let run = try runToolProcess(["check", dir, "--waivers", dir + "/waivers.json", "--lang", "en", "--format", "ndjson", "--as-of", "2026-11-29"],
                                     cwd: packageRootPath)
        #expect(run.status == 1)
        #expect(run.stderr == "note: `\(dir)/waivers.json` is the waivers file (--waivers), not a dossier: not checked\n")
        #expect(run.stdout.split(separator: "\n").count == 1)
        #expect(run.stdout.contains("/d.json\""))
    }
}
