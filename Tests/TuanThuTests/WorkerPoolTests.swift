import Digest
import Foundation
import JSON
import Run
import Testing

// `check --jobs N`: N workers and no other thread. Each worker checks batches
// of inputs and takes turns at the serial work — reading from `next` and
// emitting in input order — so `next` and `emit` are never called at once,
// nor on the calling thread, which only waits; what is read and not yet
// emitted stays bounded; a short run is still spread over the workers.

@Suite("check's workers: serial turns, batches, the window")
struct WorkerPoolTests {
    static let rules = """
        rule R {
          require x > 0
        }
        """

    /// `n` one-line dossiers, every third failing `R`.
    static func records(_ n: Int) -> [DossierInput] {
        (0..<n).map { k in
            .record(NDJSONRecord(line: k + 1, bytes: Array("{\"id\": \"D-\(k)\", \"x\": \(k % 3)}".utf8)), streamName: "s")
        }
    }

    /// Runs `body` as the holder of `turn`, counting in `overlaps` each call
    /// made while another holds it (a call that should have waited its turn).
    static func exclusive<T>(_ turn: NSLock, _ overlaps: Tally, _ body: () -> T) -> T {
        let mine = turn.try()
        if !mine { overlaps.add() }
        defer { if mine { turn.unlock() } }
        return body()
    }

    @Test(arguments: [1, 2, 3, 4])
    func nextAndEmitTakeTurnsOffTheCallingThreadAndInOrder(_ jobs: Int) throws {
        let program = try loadProgram(Self.rules)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: jobs))
        let inputs = Self.records(3_000)
        let turn = NSLock(), overlaps = Tally()
        let caller = pthread_self()
        var onCaller = 0, read = 0, emitted: [Int] = [], mostInFlight = 0
        checker.run(next: {
            Self.exclusive(turn, overlaps) {
                if pthread_equal(pthread_self(), caller) != 0 { onCaller += 1 }
                guard read < inputs.count else { return nil }
                // A pause now and then holds the turn long enough for a worker
                // that did not wait for it to be caught.
                if read % 50 == 0 { usleep(200) }
                read += 1
                mostInFlight = max(mostInFlight, read - emitted.count)
                return inputs[read - 1]
            }
        }, emit: { r in
            Self.exclusive(turn, overlaps) {
                if pthread_equal(pthread_self(), caller) != 0 { onCaller += 1 }
                emitted.append(r.line ?? 0)
                if emitted.count % 70 == 0 { usleep(200) }
            }
        })
        #expect(overlaps.count == 0, "`next` or `emit` called while the other was running")
        #expect(emitted == Array(1...inputs.count), "results in input order, each at its line")
        #expect(mostInFlight <= BatchChecker.maxInputsInFlight(jobs: jobs))
        if jobs == 1 {
            #expect(onCaller == 2 * inputs.count + 1, "one job: everything on the calling thread")
        } else {
            #expect(onCaller == 0, "the calling thread only waits")
            // Not the whole stream read ahead: memory stays flat.
            #expect(BatchChecker.maxInputsInFlight(jobs: jobs) < inputs.count)
        }
    }

    /// Six dossiers, two workers: the first batches are small (1, 2, 4 …
    /// inputs), so both workers get some — each `prepare` waits until two
    /// threads have entered it, which happens only if the run is spread.
    @Test func aShortRunIsSpreadOverTheWorkers() throws {
        let program = try loadProgram(Self.rules)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 2))
        let inputs = Self.records(6)
        let seen = ThreadSet()
        var k = 0
        var lines: [Int] = []
        checker.run(next: { k < inputs.count ? (k += 1, inputs[k - 1]).1 : nil }, prepare: { _ in
            seen.insert(pthread_self())
            // At most 20 s: a run that keeps every dossier on one worker fails here, never hangs.
            for _ in 0..<20_000 where seen.count < 2 { usleep(1_000) }
        }, emit: { r, _ in lines.append(r.line ?? 0) })
        #expect(seen.count == 2)
        #expect(lines == Array(1...6))
    }

    /// Once `next` has said the input is over (as `check` does after a failed
    /// write), it is not called again, and what was read is all emitted.
    @Test(arguments: [1, 2, 3])
    func nothingIsReadAfterTheEnd(_ jobs: Int) throws {
        let program = try loadProgram(Self.rules)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: jobs))
        let inputs = Self.records(500)
        var calls = 0, emitted = 0
        checker.run(next: {
            calls += 1
            return calls <= 200 ? inputs[calls - 1] : nil
        }, emit: { _ in emitted += 1 })
        #expect(calls == 201)
        #expect(emitted == 200)
    }
}

/// Dossiers are digested two at a time (two SHA-256 lanes on one core): in
/// a worker's batch, and with one job when the next record is already read.
/// Each result keeps its own dossier's digest, whatever it was paired with.
@Suite("check digests dossiers in pairs")
struct PairedDigestTests {
    /// Records of varied lengths (padding cases, many blocks), a record over
    /// the size limit (not digested, reported unreadable) among them.
    static func inputs(_ n: Int) -> [DossierInput] {
        (0..<n).map { k in
            let pad = String(repeating: "ư", count: (k * 37) % 400)
            if k == 5 { return .record(NDJSONRecord(line: k + 1, overLimitLength: 1 << 30), streamName: "s") }
            return .record(NDJSONRecord(line: k + 1, bytes: Array("{\"id\": \"D-\(k)\", \"x\": \(k % 3), \"p\": \"\(pad)\"}".utf8)), streamName: "s")
        }
    }

    static func expected(_ input: DossierInput) -> String {
        guard case .record(let r, _) = input, !r.overLimit else { return "" }
        return SHA256.hex(r.bytes)
    }

    @Test(arguments: [(1, true), (1, false), (2, true), (2, false), (3, true)])
    func eachResultHasItsOwnDossiersDigest(_ jobs: Int, _ ready: Bool) throws {
        let program = try loadProgram(WorkerPoolTests.rules)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: jobs))
        // An odd count: the last dossier of the run is digested alone.
        let inputs = Self.inputs(301)
        var k = 0
        var digests: [String] = [], lines: [Int] = []
        checker.run(next: { k < inputs.count ? (k += 1, inputs[k - 1]).1 : nil }, ready: { ready }, emit: { r in
            digests.append(r.sha256)
            lines.append(r.line ?? 0)
        })
        #expect(lines == Array(1...inputs.count))
        #expect(digests == inputs.map(Self.expected))
        #expect(checker.check(inputs).map(\.sha256) == digests)
    }

    /// With one job a result is never held back for input that is not there:
    /// `next()` is called again only once every result read so far is out,
    /// unless `ready()` says the next one is already read.
    @Test(arguments: [false, true])
    func oneJobReadsAheadOnlyWhatIsReady(_ ready: Bool) throws {
        let program = try loadProgram(WorkerPoolTests.rules)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 1))
        let inputs = Self.inputs(40)
        var read = 0, emitted = 0, aheadOfOutput = 0
        checker.run(next: {
            if read > emitted { aheadOfOutput += 1 }
            guard read < inputs.count else { return nil }
            read += 1
            return inputs[read - 1]
        }, ready: { ready }, emit: { _ in emitted += 1 })
        #expect(emitted == inputs.count)
        if ready {
            #expect(aheadOfOutput > 0, "ready input is checked in pairs")
        } else {
            #expect(aheadOfOutput == 0)
        }
    }

    /// Once `next()` has said the input is over, it is not called again, even
    /// when `ready()` invited a second input.
    @Test func nothingIsReadAfterTheEndWhenPairing() throws {
        let program = try loadProgram(WorkerPoolTests.rules)
        let checker = BatchChecker(program: program, options: CheckOptions(asOf: evalAsOf, jobs: 1))
        let inputs = Self.inputs(9)
        var calls = 0, emitted = 0
        checker.run(next: {
            calls += 1
            return calls <= 7 ? inputs[calls - 1] : nil
        }, ready: { true }, emit: { _ in emitted += 1 })
        #expect(calls == 8)
        #expect(emitted == 7)
    }
}

/// `tuanthu bench check` times one worker and two (and all cores when
/// more), alternated in each round, and gives each count's speed-up over one.
@Suite struct BenchCheckWorkersTests {
    @Test func oneAndTwoWorkersAreTimedAndCompared() throws {
        let dir = try makeTemporaryFolder("bench-workers")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "rule SMALL { require n < 10 }\n".write(to: dir.appendingPathComponent("p.rules"), atomically: true, encoding: .utf8)
        try (0..<40).map { "{\"n\": \($0 % 12)}" }.joined(separator: "\n").write(to: dir.appendingPathComponent("c.ndjson"), atomically: true, encoding: .utf8)
        let json = try runTool(["bench", "check", "--corpus", "c.ndjson", "--rules", "p.rules", "--rounds", "1", "--format", "json"], in: dir)
        #expect(json.status == 0, "\(json.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let workers = try #require(object["workers"] as? [[String: Any]])
        let cores = try #require(object["cores"] as? Int)
        #expect(workers.compactMap { $0["jobs"] as? Int } == (cores > 2 ? [1, 2, cores] : [1, 2]))
        let one = try #require(object["one_worker"] as? [String: Any]), two = try #require(object["two_workers"] as? [String: Any])
        #expect(one["speed_up"] as? Double == 1)
        let oneNs = try #require(one["median_ns"] as? Int), twoNs = try #require(two["median_ns"] as? Int)
        let speedUp = try #require(two["speed_up"] as? Double)
        #expect(abs(speedUp - Double(oneNs) / Double(twoNs)) < 0.001)
        let text = try runTool(["bench", "check", "--corpus", "c.ndjson", "--rules", "p.rules", "--rounds", "1", "--lang", "en"], in: dir)
        #expect(text.status == 0)
        #expect(text.stdout.contains("× with 2 workers"), "\(text.stdout)")
    }
}

/// The default `--jobs`: the cores the process may use — its affinity mask,
/// and its cgroup's CPU quota — not every core of the machine.
@Suite struct AvailableCoresTests {
    @Test(arguments: [("3", 2), ("1", 1), ("ff", 8), ("00000000,00000001", 1), ("f0,0000000f", 8), ("", nil), ("xyz", nil), ("0", nil)] as [(String, Int?)])
    func theAffinityMaskIsCounted(_ mask: String, _ cpus: Int?) {
        #expect(cpuCount(mask: Substring(mask)) == cpus)
    }

    @Test func theQuotasOfTheGroupAndItsParentsAreRead() {
        let files = [
            "/sys/fs/cgroup/a/b/cpu.max": "150000 100000\n",
            "/sys/fs/cgroup/a/cpu.max": "max 100000\n",
            "/sys/fs/cgroup/cpu.max": "400000 100000\n",
            "/sys/fs/cgroup/cpu/job/cpu.cfs_quota_us": "50000\n",
            "/sys/fs/cgroup/cpu/job/cpu.cfs_period_us": "100000\n",
            "/sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1\n",
            "/sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n",
        ]
        #expect(cgroupCPUQuotas("0::/a/b\n", read: { files[$0] }) == [1.5, 4])
        #expect(cgroupCPUQuotas("4:memory:/x\n2:cpu,cpuacct:/job\n", read: { files[$0] }) == [0.5])
        #expect(cgroupCPUQuotas("0::/\n", read: { _ in nil }) == [])
    }

    #if os(Linux)
    @Test func aProcessPinnedToOneCoreChecksWithOneWorker() throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset"))
        let dir = try makeTemporaryFolder("bench-cores")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "rule SMALL { require n < 10 }\n".write(to: dir.appendingPathComponent("p.rules"), atomically: true, encoding: .utf8)
        try "{\"n\": 1}\n".write(to: dir.appendingPathComponent("c.ndjson"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/taskset")
        p.arguments = ["-c", "0", try toolPath(), "bench", "check", "--corpus", "c.ndjson", "--rules", "p.rules", "--rounds", "1", "--format", "json"]
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["cores"] as? Int == 1)
    }
    #endif
}

/// A count several threads may add to.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func add() { lock.withLock { value += 1 } }
    var count: Int { lock.withLock { value } }
}

/// The distinct threads that have entered a step.
final class ThreadSet: @unchecked Sendable {
    private let lock = NSLock()
    private var threads: [pthread_t] = []
    func insert(_ t: pthread_t) {
        lock.withLock { if !threads.contains(where: { pthread_equal($0, t) != 0 }) { threads.append(t) } }
    }
    var count: Int { lock.withLock { threads.count } }
}
