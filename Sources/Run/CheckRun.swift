import Base
import Diagnostics
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import Semantics
import TuanThu

/// Runs `tuanthu check` from a typed request: loads the rule sets, applies
/// the selection, reads the waivers, opens every report before checking,
/// reads the inputs (files, folders, standard input), checks them on the
/// worker pool and writes each report as results come. The one place a
/// check run is put together; the command line only parses arguments.
package enum CheckRun {
    /// Runs `request`; `log` receives what goes to standard error (notes,
    /// waiver warnings). Returns the exit code, or throws why the run could
    /// not start (or could not write its reports).
    package static func execute(_ request: CheckRequest, log: (String) -> Void) throws(RunError) -> Int32 {
        let lang = Lang(rawValue: request.lang) ?? .vi
        let loaded = try loadRuleSets(request.ruleSets, colorize: request.colorStandardError, lang: lang)
        // A warning (a presence gate above all) can let a rule decide without
        // its evidence: the run says there are some, once, before checking.
        if let note = warningsNote(loaded, paths: request.ruleSets) { log("note: \(note(lang))\n") }
        let program = try select(request.selection, loaded.program)  // the rules the reports list
        let waivers = try loadWaivers(request, full: loaded.program, selected: program, log: log)

        // Inputs first (nothing read yet), so the outputs can be checked against them.
        var notices: [Diagnostics.LocalizedText] = []
        var files: [DossierInput] = []
        var readsStandardInput = false
        for p in request.inputs {
            if p == "-" {
                readsStandardInput = true
            } else {
                files += expandDossierPaths([p], notices: &notices)
            }
        }
        if request.mapper && (!files.isEmpty || !readsStandardInput) {
            throw RunError(localize(CommandMessage.mapperStandardInputOnly), help: localize(CommandMessage.mapperStandardInputOnlyHelp))
        }
        let outputs = OutputPaths(request: request, loaded: loaded)
        try outputs.refuseOverwriting(request.inputs.filter { $0 != "-" })
        files = files.filter { input in
            // A previous report inside a checked folder is not a dossier.
            if case .file(let f) = input, !request.inputs.contains(f), outputs.isOutput(f) { return false }
            // Nor is the waivers file kept beside the dossiers (said, as a skip always is).
            if case .file(let f) = input, !request.inputs.contains(f), outputs.isWaivers(f) {
                notices.append(localize(CommandMessage.waiversFileNotDossier, ["path": .text(f)]))
                return false
            }
            return true
        }
        for n in notices { log("note: \(n(lang))\n") }
        if files.isEmpty && !readsStandardInput {
            throw RunError(localize(CommandMessage.noDossiersInPaths))
        }

        // Every report is opened before any dossier is read: a bad path fails the run first.
        var base = ReportContext(program: program, toolVersion: request.toolVersion, asOf: request.asOf.description,
                                 lang: request.lang, color: false, failOn: request.mapper ? nil : request.failOn)
        base.rulesPath = request.ruleSets.count == 1 ? request.ruleSets[0] : nil
        base.ruleSets = loaded.sets
        base.selection = request.selection.summary
        base.rulesetWarnings = loaded.diagnostics.filter { $0.severity == .warning }.compactMap { d in
            guard let f = loaded.files[d.span.file] else { return nil }
            let at = f.location(of: d.span.start)
            return RulesetWarning(code: d.code.rawValue, message: d.messageText, file: f.path, line: at.line, column: at.column)
        }
        base.quiet = request.quiet
        base.mapper = request.mapper
        base.purpose = request.purpose
        var reports: [OpenReport] = []
        var folder: HTMLDirectoryReport? = nil
        do throws(WriteFailure) {
            var main = base
            main.color = request.output == nil && request.format == .text && request.colorStandardOutput
            if request.format == .html, let out = request.output, isFolderOutput(out) {
                // `--format html --output DIR/`: the writer writes its own pages; nothing goes to standard output.
                let f = HTMLDirectoryReport(main, directory: out)
                folder = f
                reports.append(OpenReport(writer: f, sink: OutputSink.standardOutput))
            } else {
                let sink = try request.output.map { p throws(WriteFailure) in try OutputSink.open(path: p) } ?? OutputSink.standardOutput
                reports.append(OpenReport(writer: makeReportWriter(request.format, main), sink: sink))
            }
            for target in request.reports {
                reports.append(OpenReport(writer: makeReportWriter(target.format, base), sink: try OutputSink.open(path: target.path)))
            }
        } catch {
            for r in reports { r.sink.abandon() }
            throw RunError(code: "E4202", error.opening, help: localize(CommandMessage.cannotOpenReportHelp))
        }

        var options = CheckOptions(asOf: request.asOf, jobs: request.jobs, maxBytes: request.maxBytes,
                                   digests: request.format != .text || request.reports.contains { $0.format != .text })
        options.purpose = request.purpose
        let checker = makeChecker(program, options: options)
        var applier = waivers
        var writers = reports.map(\.writer)
        let sinks = reports.map(\.sink)
        // What is already checked is written before the run waits for more input.
        var queue = InputQueue(files: files, standardInput: readsStandardInput, mapper: request.mapper, maxBytes: request.maxBytes,
                               standardInputImplied: request.standardInputImplied, beforeRead: { for s in sinks { s.flush() } })
        // For the folder report: the inputs handed out and not yet reported (results
        // come back in input order), so each result's summary row reads its dossier.
        var pending: [DossierInput] = []
        var head = 0
        let summary = checkAndReport(checker, next: {
            // A failed write (closed pipe, full disk) ends the batch: nobody reads the rest.
            if sinks.contains(where: { $0.failure != nil }) || folder?.failure != nil { return nil }
            let input = queue.next()
            if folder != nil, let input { pending.append(input) }
            return input
        }, ready: { queue.inputReady() }, writers: &writers, outputs: sinks.map { sink in ReportOutput(text: { sink.write($0) }, bytes: { sink.write($0) }) },
           context: base, waivers: &applier, observe: { r in
            guard let folder else { return }
            let input = pending[head]
            head += 1
            if head > 4096 {
                pending.removeFirst(head)
                head = 0
            }
            if r.source == nil, r.outcome != .error {
                switch input {
                case .file(let path): folder.nextBytes = try? readFileBounded(path, maxBytes: request.maxBytes).get()
                case .record(let rec, _): folder.nextBytes = rec.bytes
                case .document(let bytes, _): folder.nextBytes = bytes
                case .unreadable: break
                }
            }
        })
        if let folder {
            if let failure = folder.failure { throw RunError(failure, status: 4) }
            let index = (folder.directory as NSString).appendingPathComponent("index.html")
            log("note: " + localize(summary.dossiers == 1 ? CommandMessage.wroteFolderReportOne : .wroteFolderReport,
                                    ["index": .text(index), "n": .number(String(summary.dossiers))])(lang) + "\n")
        }
        var failure: WriteFailure? = nil
        for r in reports {
            do throws(WriteFailure) { try r.sink.finish() } catch { failure = failure ?? error }
        }
        if let failure { throw RunError(failure.messageText, status: 4) }
        if let w = applier, case let unused = w.unusedWarnings, !unused.isEmpty {
            log(w.render(unused, colorize: request.colorStandardError, lang: lang))
        }
        if request.mapper { return queue.streamFailed ? 3 : 0 }
        return ExitCode.of(summary)
    }

    /// The rule sets as one ruleset; E4200 for a rule id in two sets, exit 2 on any error.
    /// "the ruleset has 2 warnings (W2011, W2001 ×1 each); run `tuanthu lint …`",
    /// or nil when it has none.
    package static func warningsNote(_ loaded: LoadedRuleset, paths: [String]) -> Diagnostics.LocalizedText? {
        let warnings = loaded.diagnostics.filter { $0.severity == .warning }
        guard !warnings.isEmpty else { return nil }
        var counts: [(code: String, n: Int)] = []
        for w in warnings {
            if let k = counts.firstIndex(where: { $0.code == w.code.rawValue }) { counts[k].n += 1 } else { counts.append((w.code.rawValue, 1)) }
        }
        let codes = counts.map { $0.n > 1 ? "\($0.code) ×\($0.n)" : $0.code }.joined(separator: ", ")
        return localize(warnings.count == 1 ? CommandMessage.rulesetHasOneWarning : .rulesetHasWarnings,
                        ["n": .number(String(warnings.count)), "codes": .text(codes), "paths": .text(paths.joined(separator: " "))])
    }

    package static func loadRuleSets(_ paths: [String], colorize: Bool, lang: Lang = .en) throws(RunError) -> LoadedRuleset {
        let loaded: LoadedRuleset
        do throws(LoadError) {
            loaded = try RulesetLoader.load(sets: paths)
        } catch {
            throw RunError(error.messageText)
        }
        if loaded.hasErrors {
            let errors = loaded.diagnostics.filter { $0.severity == .error }
            let args: KeyValuePairs<String, MessageArg> = [
                "ruleset": .text(paths.map { "`\($0)`" }.joined(separator: ", ")), "n": .number(String(errors.count)),
                "paths": .text(paths.joined(separator: " ")),
            ]
            let entry: CommandMessage = paths.count == 1 ? (errors.count == 1 ? .rulesetHasOneError : .rulesetHasErrors)
                : (errors.count == 1 ? .ruleSetsHaveOneError : .ruleSetsHaveErrors)
            var renderer = DiagnosticRenderer(colorize: colorize)
            renderer.lang = lang
            throw RunError(localize(entry, args), detail: renderer.render(errors, files: loaded.files))
        }
        return loaded
    }

    /// The checker of a run over `selected`, the program `select` gives: its
    /// evaluators are built from the selected rules alone, so an unselected
    /// rule is never evaluated (nor the lets and defs only it reads: they are
    /// computed when first read). The results then hold the selected rules'
    /// outcomes in program order, their findings and the checker's own
    /// (`tuanthu.…`, which always run), as the reports list them.
    package static func makeChecker(_ selected: Program, options: CheckOptions) -> BatchChecker {
        BatchChecker(program: selected, options: options)
    }

    /// The program with the selected rules; E4201 for a selector that matches none.
    package static func select(_ selection: RuleSelection, _ program: Program) throws(RunError) -> Program {
        let unmatched = selection.unmatched(in: program)
        if !unmatched.isEmpty {
            let all = unmatched.map { "`\($0.flag) \($0.selector)`" }.joined(separator: ", ")
            let guesses = unmatched.compactMap { u in u.suggestion.map { "`\(u.flag) \($0)`" } }
            let selectors = localize(CommandMessage.selectorKinds)
            throw RunError(code: "E4201", localize(unmatched.count == 1 ? CommandMessage.selectorMatchesNoRule : .selectorsMatchNoRule, ["selectors": .text(all)]),
                           help: guesses.isEmpty ? selectors
                               : localize(CommandMessage.didYouMeanThen, ["suggestion": .text(guesses.joined(separator: ", ")), "rest": .localized(selectors)]))
        }
        let selected = selection.apply(to: program)
        if selected.rules.isEmpty && !program.rules.isEmpty {
            throw RunError(code: "E4201", localize(CommandMessage.selectionLeavesNoRule, ["selection": .text(selection.summary ?? "")]),
                           help: localize(CommandMessage.selectionLeavesNoRuleHelp))
        }
        return selected
    }

    private static func loadWaivers(_ request: CheckRequest, full: Program, selected: Program, log: (String) -> Void) throws(RunError) -> WaiverApplier? {
        guard let path = request.waivers else { return nil }
        let lang = Lang(rawValue: request.lang) ?? .vi
        do throws(WaiverLoadError) {
            let file = try WaiverFile.load(path: path, program: full)
            let applier = WaiverApplier(file, asOf: request.asOf, program: selected)
            let warnings = file.warnings + applier.expiredWarnings
            if !warnings.isEmpty { log(applier.render(warnings, colorize: request.colorStandardError, lang: lang)) }
            return applier
        } catch {
            throw RunError(error.summary, detail: error.rendered(colorize: request.colorStandardError, lang: lang))
        }
    }
}

/// A report being written: its format's writer and where it goes.
struct OpenReport {
    var writer: any ReportWriter
    let sink: OutputSink
}

/// The reports' paths, to refuse one that would overwrite an input.
struct OutputPaths {
    let paths: [(flag: String, path: String)]
    let identities: [FileIdentity?]
    let canonical: [String]
    let loaded: LoadedRuleset
    let waivers: String?

    init(request: CheckRequest, loaded: LoadedRuleset) {
        paths = (request.output.map { [("--output", $0)] } ?? []) + request.reports.map { ("--report", $0.path) }
        identities = paths.map { FileIdentity(path: $0.path) }
        canonical = paths.map { canonicalPath($0.path) }
        self.loaded = loaded
        self.waivers = request.waivers
    }

    /// The report that would write over `p`, if any.
    func output(_ p: String) -> String? {
        let id = FileIdentity(path: p)
        let c = canonicalPath(p)
        for (k, o) in paths.enumerated() {
            if let a = identities[k], let b = id, a == b { return o.path }
            if canonical[k] == c { return o.path }
        }
        return nil
    }

    func isOutput(_ p: String) -> Bool { output(p) != nil }

    /// Is `p` the `--waivers` file (the same file, or the same path), as `output` tells a report's?
    func isWaivers(_ p: String) -> Bool {
        guard let w = waivers else { return false }
        if let a = FileIdentity(path: w), let b = FileIdentity(path: p), a == b { return true }
        return canonicalPath(w) == canonicalPath(p)
    }

    /// Refuses a report path that is a dossier, a rules file, the waivers file or another report's path.
    func refuseOverwriting(_ inputs: [String]) throws(RunError) {
        let help = localize(CommandMessage.writeReportElsewhere)
        for p in inputs {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory), !isDirectory.boolValue, let out = output(p) {
                throw RunError(localize(CommandMessage.outputIsDossier, ["output": .text(out), "path": .text(p)]), help: help)
            }
        }
        if let rulesFile = loaded.files.files.first(where: { isOutput($0.path) }), let out = output(rulesFile.path) {
            throw RunError(localize(CommandMessage.outputIsRulesFile, ["output": .text(out), "path": .text(rulesFile.path)]), help: help)
        }
        if let w = waivers, let out = output(w) {
            throw RunError(localize(CommandMessage.outputIsWaiversFile, ["output": .text(out)]), help: help)
        }
        for k in paths.indices {
            for j in paths.indices where j > k && canonical[j] == canonical[k] {
                throw RunError(code: "E4202", localize(CommandMessage.twoReportsOneFile, ["path": .text(paths[j].path), "first": .text(paths[k].flag),
                                                                                        "second": .text(paths[j].flag)]),
                               help: localize(CommandMessage.twoReportsOneFileHelp))
            }
        }
    }
}

/// `check` with one report written through `write` (the library's and the
/// tests' entry: no files opened, no standard input). Returns the summary.
package func checkAndReport(_ checker: BatchChecker, next: () -> DossierInput?, writer: inout any ReportWriter,
                           context: ReportContext, waivers: inout WaiverApplier?,
                           write: @escaping (String) -> Void, observe: (DossierResult) -> Void = { _ in }) -> BatchSummary {
    var writers = [writer]
    defer { writer = writers[0] }
    let output = ReportOutput(text: write, bytes: { write(String(decoding: $0, as: UTF8.self)) })
    return checkAndReport(checker, next: next, writers: &writers, outputs: [output], context: context, waivers: &waivers, observe: observe)
}

/// Where one report's pieces go: text, or bytes made on the workers (NDJSON lines).
struct ReportOutput {
    var text: (String) -> Void
    var bytes: ([UInt8]) -> Void
}

/// A dossier as one report renders it on a worker: the bytes to write as
/// they are (`ReportWriter.bytesAlone`), or `renderAlone`'s text (or nil)
/// for the writer's `dossier`.
enum RenderedDossier {
    case bytes([UInt8])
    case text(String?)
}

/// A copy of `writer` in a new existential box (copying `any ReportWriter`
/// shares its box; the value opened and wrapped again gets its own).
private func reboxed<W: ReportWriter>(_ writer: W) -> any ReportWriter {
    writer
}

/// What the workers make of one checked dossier for `checkAndReport`: the
/// waivers it used (their indices), its part of the summary and its text in each report.
struct PreparedDossier {
    var waivers: [Int]
    var entry: BatchSummary.Entry
    /// Its text in the first report (the one most runs have), held inline:
    /// no list allocated per dossier for it.
    var first: RenderedDossier
    /// Its text in the other reports (`--report`), in order.
    var more: [RenderedDossier]
}

/// `check` as a whole: checks every input from `next()` and writes every
/// report (`writers[k]` through `outputs[k]`) as it goes. Waivers and each
/// dossier's text in every format are made on the workers, in parallel; the
/// rest in input order. `observe` sees each result as written; `ready` is
/// `BatchChecker.run`'s (whether `next()` would return at once).
func checkAndReport(_ checker: BatchChecker, next: () -> DossierInput?, ready: () -> Bool = { false }, writers: inout [any ReportWriter],
                    outputs: [ReportOutput], context: ReportContext, waivers: inout WaiverApplier?,
                    observe: (DossierResult) -> Void = { _ in }) -> BatchSummary {
    var summary = BatchSummary()
    let workerWaivers = waivers, failOn = context.failOn
    // Each worker's own writers, each in a box of its own: one shared box
    // was retained and released by every worker for every dossier.
    let workerWriters = (0..<checker.options.jobs).map { _ in writers.map { reboxed($0) } }
    for k in writers.indices { outputs[k].text(writers[k].begin()) }
    checker.run(next: next, ready: ready, prepareOn: { result, worker in
        // Waivers first: they change outcomes, which the text shows.
        let used = workerWaivers?.waive(&result) ?? []
        // The summary's part and each report's text made here, on the worker;
        // the writers are read in place (a copy of one retains what it shares
        // with the other workers' copies, a cache line both cores write).
        var first = RenderedDossier.text(nil)
        var more: [RenderedDossier] = []
        workerWriters[worker].withUnsafeBufferPointer { ws in
            for k in ws.indices {
                let made: RenderedDossier
                if let b = ws[k].bytesAlone(result) {
                    made = .bytes(b)
                } else {
                    made = .text(ws[k].renderAlone(result))
                }
                if k == 0 { first = made } else { more.append(made) }
            }
        }
        return PreparedDossier(waivers: used, entry: BatchSummary.Entry(result, failOn: failOn), first: first, more: more)
    }, emit: { result, prepared in
        if !prepared.waivers.isEmpty { waivers?.markUsed(prepared.waivers) }
        summary.add(prepared.entry)
        observe(result)
        for k in writers.indices {
            switch k == 0 ? prepared.first : prepared.more[k - 1] {
            case .bytes(let b):
                let separator = writers[k].separator(beforeBytesOf: result)
                if !separator.isEmpty { outputs[k].bytes(separator) }
                outputs[k].bytes(b)
            case .text(let t): outputs[k].text(writers[k].dossier(result, rendered: t))
            }
        }
    })
    for k in writers.indices { outputs[k].text(writers[k].end(summary)) }
    return summary
}

/// The dossiers of a run, in order: the files, then standard input — one
/// document or NDJSON records — and, if standard input could not be read,
/// one unreadable input saying why (exit 3). Shared by `check` and `summary`.
package struct InputQueue {
    private var files: [DossierInput]
    private var k = 0
    private var reader: NDJSONReader?
    private var mapper: Bool
    private let maxBytes: Int
    private var decided = false
    private var finished = false
    /// Records read from standard input.
    private var streamRecords = 0
    /// Standard input is read because no path was given.
    private let standardInputImplied: Bool
    /// Standard input could not be read (a folder, an I/O error).
    package private(set) var streamFailed = false

    /// The files in order, then standard input when `standardInput` is set;
    /// `beforeRead` is called before each read of standard input, which may
    /// wait (a run flushes its reports there).
    package init(files: [DossierInput], standardInput: Bool, mapper: Bool, maxBytes: Int, standardInputImplied: Bool = false,
                 beforeRead: (() -> Void)? = nil) {
        self.files = files
        self.standardInputImplied = standardInputImplied
        self.reader = standardInput ? NDJSONReader(fileDescriptor: 0, maxLineBytes: maxBytes) : nil
        self.reader?.beforeRead = beforeRead
        self.mapper = mapper
        self.maxBytes = maxBytes
    }

    /// Whether `next()` would return without waiting for standard input: a
    /// file, a record already read, or the end.
    package func inputReady() -> Bool {
        if k < files.count || finished { return true }
        guard let r = reader else { return true }
        return decided && r.hasBufferedRecord()
    }

    /// The next dossier, or nil at the end.
    package mutating func next() -> DossierInput? {
        if k < files.count {
            k += 1
            return files[k - 1]
        }
        guard !finished, var r = reader else { return nil }
        // Taken out while in use, so that its buffer stays uniquely
        // referenced: a second reference made every read copy the whole
        // buffer (a megabyte) before filling it.
        reader = nil
        defer { reader = r }
        if !decided {
            decided = true
            // One pretty-printed dossier, unless the first line is a whole value (NDJSON).
            if !mapper && r.holdsOneDocument() {
                finished = true
                let (bytes, over) = r.readToEnd(limit: maxBytes)
                if let e = r.readError { return streamError(e) }
                if over { return .unreadable(path: "<stdin>", message: localize(CommandMessage.inputOverMaxBytes, ["max": .text(String(maxBytes))])) }
                return .document(bytes: bytes, name: "<stdin>")
            }
        }
        if let record = r.next() {
            streamRecords += 1
            return .record(record, streamName: "<stdin>")
        }
        finished = true
        if let e = r.readError { return streamError(e) }
        // Nothing checked is not a clean run: an upstream step that wrote
        // nothing must not pass as "0 dossiers, 0 findings". A mapper's
        // split may be empty (its task gives no record, as it should).
        if streamRecords == 0 && !mapper {
            return .unreadable(path: "<stdin>", message: localize(standardInputImplied ? CommandMessage.standardInputEmptyNoPath : .standardInputEmpty))
        }
        return nil
    }

    private mutating func streamError(_ code: Int32) -> DossierInput {
        streamFailed = true
        return .unreadable(path: "<stdin>", message: localize(CommandMessage.cannotReadStandardInput, ["why": .localized(systemErrorText(code))]))
    }
}

/// Is `--output` a folder: one that exists, or a path ending in `/`?
package func isFolderOutput(_ path: String) -> Bool {
    if path.hasSuffix("/") { return true }
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
}
