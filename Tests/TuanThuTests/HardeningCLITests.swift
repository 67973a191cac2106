import Diagnostics
import Foundation
import Testing

// Hardening, through the real executable: each test reproduces one problem
// an adversarial run found (numbered as in the issue) and checks it is now
// handled. Files live in fresh temporary folders.

@Suite("hardening: outputs, crashes and exit codes (the tool run as a process)")
struct HardeningCLITests {
    // MARK: 1. --output replaced its target

    @Test func anOutputThroughASymlinkWritesTheTargetAndKeepsTheLinkAndMode() throws {
        let dir = try makeTempFolder()
        let target = dir + "/real.txt", link = dir + "/link.txt"
        try "old\n".write(toFile: target, atomically: false, encoding: .utf8)
        chmod(target, 0o600)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.txt")
        let run = try runToolProcess(["check", failingExample, "-o", link, "--as-of", "2026-11-29"])
        #expect(run.status == 1, "\(run.stderr)")
        #expect(fileType(link) == S_IFLNK, "the symlink must stay a symlink")
        #expect(fileMode(target) == 0o600, "the target keeps its mode")
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written.contains("KL81-2-CLS-02"))
        // No temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["link.txt", "real.txt"])
    }

    @Test func aFIFOIsWrittenInPlaceAndItsReaderGetsTheReport() throws {
        let dir = try makeTempFolder()
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o644) == 0)
        // A reader on the FIFO: `cat` copies what it gets into a file.
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat '\(fifo)' > '\(dir)/got.txt'"]
        try reader.run()
        let run = try runToolProcess(["check", failingExample, "-o", fifo, "--as-of", "2026-11-29"])
        reader.waitUntilExit()
        #expect(run.status == 1, "\(run.stderr)")
        #expect(fileType(fifo) == S_IFIFO, "the FIFO must stay a FIFO")
        #expect(try String(contentsOfFile: dir + "/got.txt", encoding: .utf8).contains("KL81-2-CLS-02"))
    }

    @Test func aCharacterDeviceIsWrittenInPlaceAndAFullDiskIsExit4() throws {
        // /dev/full: every write fails with ENOSPC, as a full disk does.
        try #require(fileType("/dev/full") == S_IFCHR)
        let run = try runToolProcess(["check", failingExample, "-o", "/dev/full", "--as-of", "2026-11-29", "--lang", "en"])
        #expect(!run.signaled)
        #expect(run.status == 4)
        #expect(run.stderr.contains("no space left on the device"), "\(run.stderr)")
        #expect(fileType("/dev/full") == S_IFCHR, "the device node must not be replaced")
    }

    @Test func fmtRewritesASymlinkedPrivateRulesFileThroughTheLink() throws {
        let dir = try makeTempFolder()
        let real = dir + "/real.rules", link = dir + "/a.rules"
        try "rule   A {  require x > 0 }\n".write(toFile: real, atomically: false, encoding: .utf8)
        chmod(real, 0o600)
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "real.rules")
        let run = try runToolProcess(["fmt", link])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(fileType(link) == S_IFLNK)
        #expect(fileMode(real) == 0o600)
        #expect(try String(contentsOfFile: real, encoding: .utf8).hasPrefix("rule A {"))
    }

    @Test func anInterruptedRunLeavesNoTemporaryFileBehind() throws {
        let dir = try makeTempFolder()
        let p = Process()
        p.executableURL = URL(fileURLWithPath: try toolPath())
        p.arguments = ["check", "-", "-o", dir + "/out.txt", "--as-of", "2026-11-29"]
        var env = ProcessInfo.processInfo.environment
        env["TUANTHU_RULES"] = packageRootPath + "/Rules/kl81-cantho"
        p.environment = env
        let input = Pipe()
        p.standardInput = input  // kept open: the run waits for more dossiers
        p.standardError = FileHandle.nullDevice
        try p.run()
        try input.fileHandleForWriting.write(contentsOf: Data("{\"id\": \"A\"}\n".utf8))
        // Wait (at most 30 s) until the temporary report exists, then interrupt.
        var waited = 0
        while try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty && waited < 300 {
            usleep(100_000)
            waited += 1
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).first?.hasPrefix(".out.txt.tuanthu-") == true)
        p.terminate()  // SIGTERM
        // Never wait forever: a tool that ignores the signal fails the test instead.
        var grace = 0
        while p.isRunning && grace < 100 {
            usleep(100_000)
            grace += 1
        }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            Issue.record("the tool did not end on SIGTERM")
        }
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == [], "the temporary file must be removed")
    }

    // MARK: 2. the report destroyed what it should not

    @Test func anOutputThatIsTheDossierIsRefusedAndTheDossierKept() throws {
        let dir = try makeTempFolder()
        let mine = dir + "/mine.json"
        try FileManager.default.copyItem(atPath: failingExample, toPath: mine)
        let before = try Data(contentsOf: URL(fileURLWithPath: mine))
        let run = try runToolProcess(["check", mine, "-o", mine, "--lang", "en"])
        #expect(run.status == 2)
        #expect(run.stderr.contains("the report would overwrite it"), "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: mine)) == before)
        // Also through another spelling of the same file.
        let again = try runToolProcess(["check", mine, "-o", dir + "/./mine.json"])
        #expect(again.status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: mine)) == before)
    }

    @Test func aFailedRunLeavesThePreviousReportAlone() throws {
        let dir = try makeTempFolder()
        try FileManager.default.createDirectory(atPath: dir + "/empty", withIntermediateDirectories: true)
        try "previous report\n".write(toFile: dir + "/prev.txt", atomically: false, encoding: .utf8)
        let run = try runToolProcess(["check", dir + "/empty", "-o", dir + "/prev.txt"])
        #expect(run.status == 2)
        #expect(try String(contentsOfFile: dir + "/prev.txt", encoding: .utf8) == "previous report\n")
    }

    @Test func aReportInsideTheCheckedFolderIsNotCheckedAsADossier() throws {
        let dir = try makeTempFolder()
        try FileManager.default.createDirectory(atPath: dir + "/plans", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: failingExample, toPath: dir + "/plans/a.json")
        for _ in 0..<2 {
            let run = try runToolProcess(["check", "plans", "-o", "plans/report.json", "--format", "ndjson", "--as-of", "2026-11-29"], cwd: dir)
            #expect(run.status == 1, "the previous report must not be read as a dossier: \(run.stderr)")
            let report = try String(contentsOfFile: dir + "/plans/report.json", encoding: .utf8)
            #expect(report.split(separator: "\n").count == 1, "one dossier, not the report: \(report.prefix(400))")
        }
    }

    // MARK: 3. crashes

    @Test func aClosedPipeWithSIGPIPEIgnoredIsExit4NotACrash() throws {
        let tool = try toolPath()
        let examples = packageRootPath + "/Examples"
        let script = "trap '' PIPE; '\(tool)' check '\(examples)' '\(examples)' '\(examples)' --format json --as-of 2026-11-29 --lang en 2>\"$TMPERR\" | head -c 10 >/dev/null; echo \"${PIPESTATUS[0]}\""
        let dir = try makeTempFolder()
        setenv("TMPERR", dir + "/err.txt", 1)
        let run = try runProcess("/bin/bash", ["-c", script])
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "4", "\(run.stdout) \(run.stderr)")
        #expect(try String(contentsOfFile: dir + "/err.txt", encoding: .utf8).contains("the reader closed the pipe"))
    }

    @Test(arguments: ["[]", "0.1", "\"2024-09-06\"", "null", ""])
    func explainOnADossierThatIsNotAnObjectIsExit3(_ text: String) throws {
        let dir = try makeTempFolder()
        try text.write(toFile: dir + "/a.json", atomically: false, encoding: .utf8)
        let run = try runToolProcess(["explain", "KL81-2-PLAN-01", dir + "/a.json"])
        #expect(!run.signaled, "explain crashed: \(run.stderr)")
        #expect(run.status == 3)
        #expect(run.stderr.contains("error[E3"), "\(run.stderr)")
    }

    // MARK: 6. terminal injection, through the whole tool

    @Test func controlCharactersInFileNamesAndDossiersNeverReachTheTerminalRaw() throws {
        let dir = try makeTempFolder()
        let name = dir + "/n\u{1B}[2J.json"
        let dossier = #"{"id": "X\u001b]0;pwn\u0007\u202e\u009b", "project": {"name": "a\u001b[2Jb", "type": "factory"}, "submitted_on": "2024-10-03"}"#
        try dossier.write(toFile: name, atomically: false, encoding: .utf8)
        let run = try runToolProcess(["check", dir, "--as-of", "2026-11-29", "--lang", "en"])
        #expect(run.status == 1, "\(run.stderr)")
        let raw = (run.stdout + run.stderr).unicodeScalars.filter { isTerminalControl($0.value) }
        #expect(raw.isEmpty, "raw controls: \(raw.map { String($0.value, radix: 16) })")
        #expect(run.stdout.contains(#"n\u{1B}[2J.json"#))
        #expect(run.stdout.contains(#"(X\u{1B}]0;pwn\u{7}\u{202E}\u{9B})"#))
    }

    // MARK: 8. --max-bytes on a stdin line

    @Test func anNDJSONLineOverMaxBytesIsUnreadableAndTheStreamGoesOn() throws {
        var input = Array(#"{"id": "A", "x": ""#.utf8) + [UInt8](repeating: 0x61, count: 300_000) + Array("\"}\n".utf8)
        input += Array(#"{"id": "B"}"#.utf8) + [0x0A]
        let run = try runToolProcess(["check", "-", "--max-bytes", "1000", "--format", "ndjson", "--fail-on", "never", "--as-of", "2026-11-29", "--lang", "en"], stdin: input)
        #expect(run.status == 3)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(lines.first?.contains("over --max-bytes 1000") == true)
        #expect(lines.first?.contains(#""file":"<stdin>","line":1,"#) == true, "the record is named by the stream and its line")
        #expect(lines.last?.contains("\"id\": \"B\"") == true || lines.last?.contains("\"id\":\"B\"") == true)
    }
}
