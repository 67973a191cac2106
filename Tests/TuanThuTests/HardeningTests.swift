import Diagnostics
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import Run
import Semantics
import Testing
import TuanThu

// Hardening, in-process: each test reproduces one problem of the adversarial
// run (numbered as in the issue) and checks it is now handled.

@Suite("hardening: limits, escaping, inputs, duplicate ids")
struct HardeningTests {
    // MARK: 4. stack overflows and quadratic memory

    static func loadErrors(_ text: String, path: String = "r.rules") -> [Diagnostic] {
        RulesetLoader.load(sources: [(path, text)]).diagnostics.filter { $0.severity == .error }
    }

    @Test func aLongFlatAndChainIsALocatedErrorNotAStackOverflow() {
        let text = "rule A { require " + Array(repeating: "x > 0", count: 20_000).joined(separator: " and ") + " }"
        let errors = Self.loadErrors(text)
        #expect(errors.map(\.code.rawValue) == ["E1060"])
        #expect(errors.first?.help?.contains("let") == true)
    }

    @Test(arguments: [" + ", " * ", " or "])
    func otherLongChainsAreCappedToo(_ op: String) {
        let text = "rule A { require (" + Array(repeating: "x", count: 5_000).joined(separator: op) + ") != 0 }"
        #expect(Self.loadErrors(text).map(\.code.rawValue) == ["E1060"])
    }

    @Test func aChainWithinTheLimitLoadsAndChecks() throws {
        let text = "rule A { require " + Array(repeating: "x > 0", count: 200).joined(separator: " and ") + " }"
        let program = try loadProgram(text)
        let r = checkDossier(program, #"{"x": 1}"#)
        #expect(r.rules == [.pass])
    }

    @Test func aPathOfAHundredThousandSegmentsIsALocatedError() {
        let text = "rule A { require x" + String(repeating: ".a", count: 100_000) + " > 0 }"
        let errors = Self.loadErrors(text)
        #expect(errors.map(\.code.rawValue) == ["E1061"])
    }

    @Test func aLetChainTenThousandDeepIsALoadErrorNotACrashInCheck() {
        var lines = ["let l10000 = 1"]
        for i in 0..<10_000 { lines.append("let l\(i) = l\(i + 1) + 1") }
        lines.append("rule A { require l0 > 0 }")
        let errors = Self.loadErrors(lines.joined(separator: "\n"))
        #expect(errors.map(\.code.rawValue) == ["E2061"])
        #expect(errors.first?.message.contains("`l0`") == true)
    }

    @Test func aDefChainIsMeasuredLikeALetChain() {
        var lines = ["def f300(v) = v"]
        for i in 0..<300 { lines.append("def f\(i)(v) = f\(i + 1)(v)") }
        lines.append("rule A { require f0(x) > 0 }")
        #expect(Self.loadErrors(lines.joined(separator: "\n")).map(\.code.rawValue) == ["E2061"])
    }

    @Test func defsThatDoubleAtEachLevelAreALoadErrorNotAHang() {
        var lines = ["def f30(v) = v"]
        for i in 1..<30 { lines.append("def f\(i)(v) = f\(i + 1)(v) + f\(i + 1)(v)") }
        lines.append("rule A { require f1(x) > 0 }")
        let errors = Self.loadErrors(lines.joined(separator: "\n"))
        #expect(errors.map(\.code.rawValue) == ["E2062"])
        // A let that calls such a function once is as costly.
        let viaLet = Self.loadErrors((lines.dropLast() + ["let total = f1(1)", "rule A { require total > 0 }"]).joined(separator: "\n"))
        #expect(viaLet.map(\.code.rawValue) == ["E2062"])
    }

    @Test func aFewRepeatedCallsAreFine() throws {
        let program = try loadProgram("def sq(v) = v * v\ndef quad(v) = sq(v) * sq(v)\nrule A { require quad(x) + quad(x) == 32 }")
        #expect(checkDossier(program, #"{"x": 2}"#).rules == [.pass])
    }

    @Test func aLetChainWithinTheLimitEvaluatesOnce() throws {
        var lines = ["let l100 = 1"]
        for i in 0..<100 { lines.append("let l\(i) = l\(i + 1) + 1") }
        lines.append("rule A { require l0 == 101 }")
        let program = try loadProgram(lines.joined(separator: "\n"))
        #expect(checkDossier(program, "{}").rules == [.pass])
    }

    @Test func cyclesAreStillReported() {
        let errors = Self.loadErrors("let a = b + 1\nlet b = c + 1\nlet c = a + 1\nrule A { require a > 0 }")
        #expect(errors.map(\.code.rawValue) == ["E2007"])
        #expect(errors.first?.message.contains("`a` → `b` → `c` → `a`") == true)
    }

    // MARK: 6. terminal injection

    static let controls: [String] = ["\u{1B}[2J", "\u{7}", "\r", "\u{9B}", "\u{202E}", "\u{2066}", "\u{200F}", "\u{61C}", "\u{7F}", "\u{0}"]

    @Test(arguments: controls)
    func controlsInADossierAreEscapedInTheTextReport(_ control: String) throws {
        let program = try loadProgram(#"rule R { require name == "ok" else en "bad name {name}" }"#)
        let json = "{\"id\": \"a\(jsonEscape(control))b\", \"name\": \"x\(jsonEscape(control))y\"}"
        let run = runBatch(program, ndjsonRecords(Array(json.utf8)).map { .record($0, streamName: "s\(control)") }, format: .text, jobs: 1, lang: "en")
        let raw = run.output.unicodeScalars.filter { isTerminalControl($0.value) }
        #expect(raw.isEmpty, "raw: \(raw.map { String($0.value, radix: 16) })")
        #expect(run.output.contains(escapedScalar(control.unicodeScalars.first!.value)))
    }

    @Test func caretsStayUnderTheValueAfterAnEscapedControl() throws {
        var files = SourceMap()
        let text = "{\"a\": \"\u{1B}[31m\", \"b\": 42}"
        let file = files.add(path: "d.json", bytes: Array(text.utf8))
        let start = UInt32(Array(text.utf8).firstIndex(of: UInt8(ascii: "4"))!)
        let d = Diagnostic.error("E9999", "here", at: Span(file: file.id, start: start, end: start + 2))
        let lines = DiagnosticRenderer().render(d, files: files).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let code = try #require(lines.first { $0.hasPrefix("1 | ") })
        let caret = try #require(lines.first { $0.contains("^") })
        #expect(code.contains(#"\u{1B}[31m"#))
        let valueColumn = try #require(code.range(of: "42")).lowerBound
        let caretColumn = try #require(caret.firstIndex(of: "^"))
        #expect(code.distance(from: code.startIndex, to: valueColumn) == caret.distance(from: caret.startIndex, to: caretColumn))
    }

    @Test func controlsInAWideLineAreEscapedInTheWindowToo() {
        var files = SourceMap()
        let text = "{\"pad\": \"" + String(repeating: "p", count: 300) + "\u{1B}]0;x\u{7}\", \"b\": 42}"
        let file = files.add(path: "d.json", bytes: Array(text.utf8))
        let start = UInt32(text.utf8.count - 3)
        let out = DiagnosticRenderer().render(Diagnostic.error("E9999", "here", at: Span(file: file.id, start: start, end: start + 2)), files: files)
        #expect(out.unicodeScalars.allSatisfy { !isTerminalControl($0.value) })
        #expect(out.contains(#"\u{1B}]0;x\u{7}"#))
    }

    // MARK: 7. given file confined to the rule set's folder

    @Test func givenFileOutsideTheFolderIsRefusedAtLoad() throws {
        let dir = try makeTempFolder()
        try FileManager.default.createDirectory(atPath: dir + "/pack/tests", withIntermediateDirectories: true)
        try #"{"secret": "s3cr3t"}"#.write(toFile: dir + "/secret.json", atomically: false, encoding: .utf8)
        try "{}".write(toFile: dir + "/pack/tests/ok.json", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/pack/tests/link.json", withDestinationPath: "../../secret.json")
        let rules = """
            rule A { require secret == "x" }
            test "up" { given file "../secret.json" expect A pass }
            test "absolute" { given file "\(dir)/secret.json" expect A pass }
            test "link" { given file "tests/link.json" expect A pass }
            test "inside" { given file "tests/ok.json" expect A missing }
            """
        try rules.write(toFile: dir + "/pack/a.rules", atomically: false, encoding: .utf8)
        let loaded = try RulesetLoader.load(paths: [dir + "/pack"])
        let errors = loaded.diagnostics.filter { $0.severity == .error }
        #expect(errors.map(\.code.rawValue) == ["E2060", "E2060", "E2060"])
        #expect(errors.compactMap { e in loaded.files[e.span.file]?.location(of: e.span.start).line } == [2, 3, 4])
        for e in errors { #expect(!e.message.contains("s3cr3t")) }
        let messages = errors.map(\.message).joined(separator: "\n")
        #expect(messages.contains("goes up with `..`"))
        #expect(messages.contains("is an absolute path"))
        #expect(messages.contains("is a symbolic link out of it"))
    }

    @Test func waiverErrorsQuoteAShortExcerpt() {
        let long = String(repeating: "z", count: 5_000)
        let bytes = Array("[{\"rule\": \"R\", \"dossier\": \"d\", \"reason\": \"r\", \"approved_by\": \"a\", \"expires\": \"\(long)\", \"\(long)\": 1}]".utf8)
        #expect(throws: WaiverLoadError.self) { try WaiverFile.parse(bytes: bytes, path: "w.json") }
        do {
            _ = try WaiverFile.parse(bytes: bytes, path: "w.json")
        } catch {
            for d in error.diagnostics { #expect(d.message.count < 200, "\(d.message.prefix(120))…") }
        }
    }

    @Test func aWaiversFileWithThousandsOfMistakesReportsTheFirstHundred() {
        // Found by the fuzzer: 500 repeated unknown fields took seconds to report.
        let fields = (0..<1_000).map { _ in "\"expiresved_by\": 1" }.joined(separator: ", ")
        let bytes = Array("[{\"rule\": \"R\", \(fields)}]".utf8)
        do {
            _ = try WaiverFile.parse(bytes: bytes, path: "w.json")
            Issue.record("the file must be refused")
        } catch {
            #expect(error.diagnostics.count == WaiverFile.maxDiagnostics)
            #expect(error.omitted > 1_000)
            #expect(error.summary.en.contains("more problems not shown"))
        }
    }

    @Test func aSuggestionForAVeryLongNameIsCheap() {
        // Found by the fuzzer: a 13 KB rule id was compared letter by letter with every rule id.
        let long = String(repeating: "tuanthu.duplic", count: 1_000)
        #expect(closestMatch(to: long, in: ["tuanthu.duplicate-id", "tuanthu.duplicate-key"]) == nil)
        #expect(closestMatch(to: "tuanthu.duplicat-id", in: ["tuanthu.duplicate-id", "tuanthu.duplicate-key"]) == "tuanthu.duplicate-id")
    }

    // MARK: 8. --max-bytes while reading a stdin line

    @Test func theNDJSONReaderSkipsALineOverTheLimitWithoutBufferingIt() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        let long = [UInt8](repeating: 0x61, count: 2_000_000)
        let (readEnd, writeEnd) = (fds[0], fds[1])
        let writer = Thread {
            var data = Array("{\"a\": 1}\n".utf8) + long + [0x0A] + Array("{\"b\": 2}\n".utf8) + long
            _ = data.withUnsafeMutableBytes { p in
                var off = 0
                while off < p.count {
                    let n = write(writeEnd, p.baseAddress! + off, p.count - off)
                    if n <= 0 { break }
                    off += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        var reader = NDJSONReader(fileDescriptor: readEnd, chunkSize: 4096, maxLineBytes: 10_000)
        var records: [NDJSONRecord] = []
        while let r = reader.next() { records.append(r) }
        close(readEnd)
        #expect(records.map(\.line) == [1, 2, 3, 4])
        #expect(records.map(\.overLimit) == [false, true, false, true])
        #expect(records[1].bytes.isEmpty && records[1].length == 2_000_000)
        #expect(records[3].length == 2_000_000)
        #expect(String(decoding: records[2].bytes, as: UTF8.self) == "{\"b\": 2}")
    }

    @Test func aRecordOverTheLimitIsAnUnreadableDossierAtItsLine() throws {
        let program = try loadProgram("rule A { require x > 0 }")
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 1, maxBytes: 100))
        let results = checker.check([.record(NDJSONRecord(line: 7, overLimitLength: 5_000), streamName: "<stdin>")])
        #expect(results.map(\.outcome) == [.error])
        // Named by its stream, with its line: `<stdin>:7` in text, `"line": 7` in JSON.
        #expect(results.first?.file == "<stdin>")
        #expect(results.first?.line == 7)
        #expect(results.first?.error?.rendered(.en) == "error[E4001]: <stdin>:7: the record is 5000 bytes, over --max-bytes 100\n")
        #expect(results.first?.error?.message == "the record is 5000 bytes, over --max-bytes 100")
    }

    @Test func readsAreBoundedAndNeverWaitForAWriter() throws {
        let dir = try makeTempFolder()
        #expect(mkfifo(dir + "/a.json", 0o644) == 0)
        // A FIFO without a writer reads as empty instead of blocking the batch.
        guard case .success(let empty) = readFileBounded(dir + "/a.json", maxBytes: 100) else {
            Issue.record("a FIFO without a writer must read as empty")
            return
        }
        #expect(empty.isEmpty)
        // A device without end is refused at the limit.
        guard case .failure(let e) = readFileBounded("/dev/zero", maxBytes: 100_000) else {
            Issue.record("/dev/zero must be refused")
            return
        }
        #expect(e.message.contains("over --max-bytes 100000"))
        let program = try loadProgram("rule A { require x > 0 }")
        let results = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 1)).check(expandDossierPaths([dir]))
        #expect(results.map(\.outcome) == [.error])
    }

    // MARK: 9. HTML report size

    @Test func anHTMLReportOfAOneLineMegabyteDossierStaysSmall() throws {
        let program = try loadProgram("""
            rule A { require a > 0 }
            rule B { require b > 0 }
            rule C { require c > 0 }
            """)
        let big = String(repeating: "x", count: 1_000_000)
        let json = "{\"pad\": \"\(big)\", \"a\": 0, \"b\": 0, \"c\": 0, \"tail\": \"\(big)\"}"
        let run = runBatch(program, ndjsonRecords(Array(json.utf8)).map { .record($0, streamName: "s") }, format: .html, jobs: 1)
        #expect(run.results.first?.findings.count == 3)
        #expect(run.output.utf8.count < 100_000, "HTML of \(run.output.utf8.count) bytes")
        #expect(run.output.contains("<mark>0</mark>"))
    }

    @Test func aMarkdownReportCapsAHugeMessage() throws {
        let program = try loadProgram(#"rule A { require name == "ok" else en "bad: {name}" }"#)
        let json = "{\"name\": \"\(String(repeating: "y", count: 200_000))\"}"
        let run = runBatch(program, ndjsonRecords(Array(json.utf8)).map { .record($0, streamName: "s") }, format: .markdown, jobs: 1, lang: "en")
        #expect(run.output.utf8.count < 20_000)
        #expect(run.output.contains("bad: yyy"))
    }

    // MARK: 10. folders: nothing skipped silently

    @Test func foldersMatchExtensionsWithoutCaseFollowSymlinksOnceAndReportBadNames() throws {
        let dir = try makeTempFolder()
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/in/sub", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/elsewhere", withIntermediateDirectories: true)
        for name in ["in/a.json", "in/B.JSON", "in/c.Json", "in/sub/d.json", "elsewhere/e.json"] {
            try "{}".write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
        }
        try "x".write(toFile: dir + "/in/notes.txt", atomically: false, encoding: .utf8)
        try fm.createSymbolicLink(atPath: dir + "/in/linked", withDestinationPath: "../elsewhere")
        try fm.createSymbolicLink(atPath: dir + "/in/sub/loop", withDestinationPath: "..")
        // A name that is not UTF-8.
        let badName = Array((dir + "/in/bad").utf8) + [0xFF] + Array(".json".utf8) + [0]
        let fd = badName.withUnsafeBufferPointer { p in p.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_CREAT | O_WRONLY, 0o644) } }
        #expect(fd >= 0)
        close(fd)
        var notices: [Diagnostics.LocalizedText] = []
        let inputs = expandDossierPaths([dir + "/in"], notices: &notices)
        let names = inputs.map { String($0.displayPath.dropFirst(dir.count + 4)) }
        #expect(names == ["B.JSON", "a.json", #"bad\x{FF}.json"#, "c.Json", "linked/e.json", "sub/d.json"])
        if case .unreadable(_, let message) = inputs[2] {
            #expect(message.en.contains("not valid UTF-8"))
        } else {
            Issue.record("the non-UTF-8 name must be an unreadable input, got \(inputs[2])")
        }
        #expect(notices.count == 1)
        #expect(notices.first?.en.contains("sub/loop") == true)
    }

    /// A project's `tuanthu.json` beside its dossiers is its settings: noted,
    /// not checked; named on the command line, it is checked as any file.
    @Test func theConfigFileInACheckedFolderIsNotedNotChecked() throws {
        let dir = try makeTempFolder()
        try FileManager.default.createDirectory(atPath: dir + "/plans/sub", withIntermediateDirectories: true)
        for name in ["plans/tuanthu.json", "plans/a.json", "plans/sub/tuanthu.json", "plans/sub/Tuanthu-notes.json"] {
            try "{}".write(toFile: dir + "/" + name, atomically: false, encoding: .utf8)
        }
        var notices: [Diagnostics.LocalizedText] = []
        let inputs = expandDossierPaths([dir + "/plans"], notices: &notices)
        #expect(inputs.map { String($0.displayPath.dropFirst(dir.count + 7)) } == ["a.json", "sub/Tuanthu-notes.json"])
        #expect(notices.map(\.en) == [
            "`\(dir)/plans/sub/tuanthu.json` is tuanthu's config file, not a dossier: not checked (name it on the command line to check it)",
            "`\(dir)/plans/tuanthu.json` is tuanthu's config file, not a dossier: not checked (name it on the command line to check it)",
        ])
        var none: [Diagnostics.LocalizedText] = []
        #expect(expandDossierPaths([dir + "/plans/tuanthu.json"], notices: &none).map(\.displayPath) == [dir + "/plans/tuanthu.json"])
        #expect(none.isEmpty)
    }

    @Test func aNonUTF8NameOnTheCommandLineIsExplained() {
        // Arguments arrive decoded, a bad byte as U+FFFD: the file cannot be opened by that name.
        guard case .unreadable(_, let message)? = expandDossierPaths(["/nonexistent-tuanthu/bad\u{FFFD}.json"]).first else {
            Issue.record("must be an unreadable input")
            return
        }
        #expect(message.en.contains("not valid UTF-8"))
    }

    // MARK: 11. duplicate ids

    static let waiverRules = """
        rule R { severity error
          require x > 0 }
        """

    func runWithWaivers(_ program: Program, _ inputs: [DossierInput], _ waiversJSON: String) throws -> [DossierResult] {
        let file = try WaiverFile.parse(bytes: Array(waiversJSON.utf8), path: "w.json", program: program)
        var waivers: WaiverApplier? = WaiverApplier(file, asOf: evalAsOf, program: program)
        let context = ReportContext(program: program, toolVersion: "test", asOf: evalAsOf.description, lang: "en")
        var writer = makeReportWriter(.text, context)
        var results: [DossierResult] = []
        var k = 0
        _ = checkAndReport(BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 2)), next: {
            guard k < inputs.count else { return nil }
            k += 1
            return inputs[k - 1]
        }, writer: &writer, context: context, waivers: &waivers, write: { _ in }, observe: { results.append($0) })
        return results
    }

    @Test func aSecondDossierWithTheSameIDIsFlaggedAndInheritsNoWaiver() throws {
        let program = try loadProgram(Self.waiverRules)
        let records = ndjsonRecords(Array("{\"id\": \"CT-1\", \"x\": 0}\n{\"id\": \"CT-2\", \"x\": 1}\n{\"x\": 0, \"id\": \"CT-1\"}".utf8))
        let inputs = records.map { DossierInput.record($0, streamName: "s") }
        let results = try runWithWaivers(program, inputs, #"[{"rule": "R", "dossier": "CT-1", "reason": "r", "approved_by": "a", "expires": "2030-01-01"}]"#)
        #expect(results.map(\.outcome) == [.pass, .pass, .fail])
        #expect(results[0].rules == [.waived])
        let dup = try #require(results[2].findings.first { $0.rule == duplicateIDRule })
        #expect(dup.pointer == "/id")
        #expect((results[2].location(of: dup).line, results[2].location(of: dup).column) == (3, 16))
        #expect(dup.message("en").contains("s:1"))
        #expect(results[2].rules == [.fail], "the duplicate must not inherit the first dossier's waiver")
        #expect(results[1].findings.isEmpty)
    }

    @Test func aWaiverPinnedToAFileCoversOnlyThatFile() throws {
        let program = try loadProgram(Self.waiverRules)
        let dir = try makeTempFolder()
        try #"{"id": "CT-9", "x": 0}"#.write(toFile: dir + "/a.json", atomically: false, encoding: .utf8)
        try #"{"id": "CT-8", "x": 0}"#.write(toFile: dir + "/b.json", atomically: false, encoding: .utf8)
        let waivers = """
            [{"rule": "R", "dossier": "CT-9", "file": "\(dir)/b.json", "reason": "r", "approved_by": "a", "expires": "2030-01-01"},
             {"rule": "R", "dossier": "\(dir)/b.json", "reason": "r", "approved_by": "a", "expires": "2030-01-01"}]
            """
        let results = try runWithWaivers(program, [.file(path: dir + "/a.json"), .file(path: dir + "/b.json")], waivers)
        #expect(results.map { $0.rules } == [[.fail], [.waived]])
    }

    /// Thousands of ids (the table of ids seen grows several times), each
    /// repeated once far later: every repeat, and only a repeat, is flagged
    /// and names where its id was first; an id written in another Unicode
    /// form (NFD) is the same id, as strings compare everywhere else.
    @Test(arguments: [1, 2])
    func everyRepeatedIDAmongThousandsIsFlagged(_ jobs: Int) throws {
        let program = try loadProgram(Self.waiverRules)
        var lines: [String] = []
        for k in 0..<5000 { lines.append("{\"id\": \"CT-\(k)\", \"x\": 1}") }
        for k in stride(from: 0, to: 5000, by: 7) { lines.append("{\"id\": \"CT-\(k)\", \"x\": 1}") }
        lines.append("{\"id\": \"Tr\u{1EA7}n\", \"x\": 1}")   // NFC ầ
        lines.append("{\"id\": \"Tra\u{0302}\u{0300}n\", \"x\": 1}")  // NFD
        let inputs = ndjsonRecords(Array(lines.joined(separator: "\n").utf8)).map { DossierInput.record($0, streamName: "s") }
        let flagged = runBatch(program, inputs, format: .text, jobs: jobs, lang: "en").results.enumerated().compactMap { n, r in
            r.findings.first { $0.rule == duplicateIDRule }.map { (n, $0.message("en")) }
        }
        let repeats = Array(stride(from: 0, to: 5000, by: 7))
        #expect(flagged.map(\.0) == (0..<repeats.count).map { 5000 + $0 } + [lines.count - 1])
        for (k, first) in repeats.enumerated() where k % 50 == 0 {
            #expect(flagged[k].1.contains("s:\(first + 1)"), "CT-\(first)")
        }
        #expect(flagged.last?.1.contains("s:\(lines.count - 1)") == true)
    }

    @Test func theDuplicateFindingIsInEveryFormat() throws {
        let program = try loadProgram(Self.waiverRules)
        let inputs = ndjsonRecords(Array("{\"id\": \"A\", \"x\": 1}\n{\"id\": \"A\", \"x\": 1}".utf8)).map { DossierInput.record($0, streamName: "s") }
        for format in ReportFormat.allCases {
            let run = runBatch(program, inputs, format: format, jobs: 1, lang: "en")
            #expect(run.output.contains("tuanthu.duplicate-id"), "\(format)")
            #expect(ExitCode.of(run.summary) == 1, "\(format)")
        }
    }
}

/// `s` as the inside of a JSON string (controls as `\u00XX`).
private func jsonEscape(_ s: String) -> String {
    var out = ""
    for u in s.unicodeScalars {
        if u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) {
            out += String(format: "\\u%04x", u.value)
        } else {
            out.unicodeScalars.append(u)
        }
    }
    return out
}
