import Base
import Diagnostics
import Dispatch
import FileIO
import Foundation
import Fuzz
import Reporters
import Run
import Semantics
import Synchronization
import TuanThu

/// `tuanthu fuzz`: seeded mutation fuzzing of the input readers, in this
/// process. `.ci/fuzz.sh` runs it once per target as a child process and
/// reports a crash (a signal) with the input `--save` left behind.
let fuzzCommand = CommandSpec(
    name: "fuzz",
    summary: "Fuzz the dossier, rules and waivers readers and explain with seeded mutants (for .ci/fuzz.sh).",
    usage: "[--target TARGET] [--cases N] [--seed N] [--budget SECONDS] [--save DIR]",
    discussion: """
        Mutates seed inputs (the ruleset's own .rules files, the example dossiers, built-in waiver \
        files) and runs each mutant through the target, timing it. Prints, per target, the cases run, \
        the hangs (cases over --budget) and the time. A case that runs ten times over the budget ends \
        the run (exit 5) with its input saved; a crash kills the process, and with --save the input \
        that caused it is left in DIR/current-TARGET.bin. Exit 0 when no case hung.
        """,
    options: [
        OptionSpec(name: "--target", value: "TARGET", help: "What to fuzz.", choices: ["all"] + FuzzTarget.allCases.map(\.rawValue), defaultValue: "all"),
        OptionSpec(name: "--cases", value: "N", help: "Cases per target.", defaultValue: "1000"),
        OptionSpec(name: "--seed", value: "N", help: "Seed of the mutations (the same seed gives the same cases).", defaultValue: "1"),
        OptionSpec(name: "--budget", value: "SECONDS", help: "A case slower than this is a hang.", defaultValue: "2"),
        OptionSpec(name: "--save", value: "DIR", help: "Save each case's input before running it, and every hang, in DIR."),
        OptionSpec(name: "--rules", short: "-r", value: "PATH", help: "Ruleset to check mutants against, and whose files seed the rules target.", defaultValue: "the bundled Rules/kl81-cantho"),
        OptionSpec(name: "--seeds", value: "DIR", help: "Folder of seed dossiers (*.json).", defaultValue: "Examples/ beside the bundled rules"),
        OptionSpec(name: "--emit", value: "DIR", help: "Write the target's mutants to DIR (case-N.json, .rules or .waivers.json) instead of running them, for a runner that feeds them to the tool one process each."),
    ],
    maxPositionals: 0
) { args in
    guard let cases = Int(args.value("--cases") ?? "1000"), cases >= 0 else { throw UsageError(localize(CommandMessage.wholeNumberOption, ["option": .text("--cases")])) }
    guard let seed = UInt64(args.value("--seed") ?? "1") else { throw UsageError(localize(CommandMessage.wholeNumberOption, ["option": .text("--seed")])) }
    guard let budget = Double(args.value("--budget") ?? "2"), budget > 0 else { throw UsageError(localize(CommandMessage.secondsOption, ["option": .text("--budget")])) }
    let rulesPath = try args.value("--rules") ?? bundledRulesPath()
    let loaded = try loadRulesetOrFail(rulesPath)
    let asOf = CivilDate(year: 2026, month: 11, day: 29) ?? todayInVietnam()

    // Seeds: dossiers from the examples, the ruleset's own files, small waiver files.
    let seedDir = args.value("--seeds") ?? URL(fileURLWithPath: rulesPath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Examples").path
    var dossiers: [[UInt8]] = []
    for case .file(let p) in expandDossierPaths([seedDir]) {
        if case .success(let d) = readFileBounded(p, maxBytes: 1 << 16) { dossiers.append(d) }
    }
    var ruleFiles: [[UInt8]] = []
    if let list = try? RulesetFiles.list(rulesPath) {
        for p in list { if case .success(let d) = readFileBounded(p, maxBytes: 1 << 16) { ruleFiles.append(d) } }
    }
    let targets = args.value("--target").flatMap(FuzzTarget.init(rawValue:)).map { [$0] } ?? FuzzTarget.allCases
    let saveDir = args.value("--save")
    if let d = saveDir { try? createFolder(d) }

    if let emit = args.value("--emit") {
        try? createFolder(emit)
        for target in targets {
            let (seeds, suffix): ([[UInt8]], String) = switch target {
            case .dossier, .explain: (dossiers, ".json")
            case .rules: (ruleFiles, ".rules")
            case .waivers: (waiverSeeds, ".waivers.json")
            }
            let fuzzer = Fuzzer(program: loaded.program, asOf: asOf, seeds: seeds, budget: budget)
            for (k, m) in fuzzer.mutants(cases: cases, seed: seed).enumerated() {
                guard (try? replaceFileContents("\(emit)/\(target.rawValue)-\(k)\(suffix)", with: m)) != nil else {
                    throw CommandError(localize(CommandMessage.cannotWriteTo, ["path": .text(emit)]), code: ExitCode.writeFailed)
                }
            }
        }
        return ExitCode.clean
    }

    // The watchdog: a case far over its budget would never end the run on its own.
    let caseStart = Atomic<UInt64>(0)
    let currentTarget = Mutex<String>("")
    let hardLimit = UInt64(max(budget * 10, 10) * 1e9)
    let watchdog = Thread {
        while true {
            Thread.sleep(forTimeInterval: 0.1)
            let start = caseStart.load(ordering: .relaxed)
            if start != 0 && DispatchTime.now().uptimeNanoseconds - start > hardLimit {
                let target = currentTarget.withLock { $0 }
                if let d = saveDir {
                    _ = rename(d + "/current-\(target).bin", d + "/hang-\(target)-\(seed).bin")
                }
                let seconds: MessageArg = .number(String(format: "%.1f", Double(hardLimit) / 1e9))
                printError("error: " + (saveDir.map { say(FuzzMessage.hangSaved, ["target": .text(target), "seconds": seconds, "path": .text("\($0)/hang-\(target)-\(seed).bin")]) }
                    ?? say(FuzzMessage.hang, ["target": .text(target), "seconds": seconds])))
                exit(ExitCode.hang)
            }
        }
    }
    watchdog.start()

    var hung = false
    for target in targets {
        let seeds: [[UInt8]] = switch target {
        case .dossier, .explain: dossiers
        case .rules: ruleFiles
        case .waivers: waiverSeeds
        }
        currentTarget.withLock { $0 = target.rawValue }
        var fuzzer = Fuzzer(program: loaded.program, asOf: asOf, seeds: seeds, budget: budget)
        let path = saveDir.map { $0 + "/current-\(target.rawValue).bin" }
        fuzzer.beforeCase = { input in
            if let path { try? replaceFileContents(path, with: input) }
            caseStart.store(DispatchTime.now().uptimeNanoseconds, ordering: .relaxed)
        }
        let report = fuzzer.run(target, cases: cases, seed: seed)
        caseStart.store(0, ordering: .relaxed)
        if let d = saveDir {
            for (k, h) in report.hangs.enumerated() {
                try? replaceFileContents(d + "/hang-\(target.rawValue)-\(seed)-\(k).bin", with: h)
            }
        }
        hung = hung || !report.hangs.isEmpty
        writeOutput(say(FuzzMessage.targetLine, [
            "target": .text(target.rawValue), "cases": .number(String(report.cases)), "hangs": .number(String(report.hangs.count)),
            "seconds": .number(String(format: "%.1f", report.seconds)), "slowest": .number(String(format: "%.3f", report.slowest)),
        ]) + "\n")
    }
    return hung ? ExitCode.hang : ExitCode.clean
}

/// Small waiver files the waivers target mutates.
private let waiverSeeds: [[UInt8]] = [
    #"[{"rule": "KL81-3.5-WW-01", "dossier": "CT-2024-0012", "pointer": "/wastewater", "reason": "Second module under construction", "approved_by": "Sở Nông nghiệp và Môi trường", "expires": "2030-06-30"}]"#,
    #"[{"rule": "KL81-2-PLAN-01", "dossier": "d.json", "file": "d.json", "reason": "r", "approved_by": "a", "expires": "2020-01-01"}, {"rule": "tuanthu.duplicate-key", "dossier": "CT-2024-0012", "reason": "r", "approved_by": "a", "expires": "2031-12-31"}]"#,
    #"[]"#,
].map { Array($0.utf8) }
