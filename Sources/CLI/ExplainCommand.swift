import Base
import Diagnostics
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import TuanThu

/// `tuanthu explain RULE DOSSIER`: a step-by-step trace of one rule.
let explainCommand = CommandSpec(
    name: "explain",
    summary: "Trace one rule on one dossier: every sub-expression, its value, and where it came from.",
    usage: "[--rules PATH] [--as-of DATE] [--purpose PURPOSE] RULE DOSSIER",
    discussion: "Shows `when`, each `for each` element and each `require`, with the value of every sub-expression and the dossier line:column and JSON Pointer of every value read, then the findings.",
    options: [
        OptionSpec(name: "--rules", short: "-r", value: "PATH", help: "Rule set: a .rules file or a folder of them; again to layer more sets.", defaultValue: "the bundled Rules/kl81-cantho", repeatable: true),
        OptionSpec(name: "--as-of", value: "DATE", help: "The date the check is made on.", defaultValue: "today in Asia/Ho_Chi_Minh"),
        purposeOptionSpec,
        OptionSpec(name: "--lang", value: "LANG", help: "Message language.", choices: ["vi", "en"], defaultValue: "vi"),
    ],
    minPositionals: 2, maxPositionals: 2
) { args in
    let rulesPaths = try rulesPaths(args)
    let rulesPath = rulesPaths.joined(separator: " ")
    let loaded = try loadRulesetOrFail(rulesPaths)
    let program = loaded.program
    let ruleID = args.positionals[0], dossierPath = args.positionals[1]
    guard let rule = program.rule(ruleID) else {
        let suggestion = closestMatch(to: ruleID, in: program.rules.map(\.id))
        throw UsageError(message: "no rule `\(ruleID)` in `\(rulesPath)`", help: suggestion.map { "did you mean `\($0)`?" })
    }
    var asOf = todayInVietnam()
    if let s = args.value("--as-of") {
        guard let d = CivilDate(s) else { throw UsageError(message: "`\(s)` is not a date") }
        asOf = d
    }
    // Bounded as `check` reads: a FIFO or /dev/zero must not hang or exhaust memory.
    let bytes: [UInt8]
    switch readFileBounded(dossierPath, maxBytes: 64 << 20) {
    case .success(let b): bytes = b
    case .failure(let e): throw CommandError(message: "cannot read `\(dossierPath)`: \(e.message)", code: ExitCode.unreadableDossier)
    }
    var files = SourceMap()
    let source = files.add(path: dossierPath, bytes: bytes)
    let document: JSONDocument
    do throws(JSONParseError) {
        document = try JSONParser.parse(source.bytes)
    } catch {
        printError(DiagnosticRenderer(colorize: useColor(fd: 2)).render([error.diagnostic(file: source.id)], files: files))
        return ExitCode.unreadableDossier
    }
    let evaluator = Evaluator(program: program, asOf: asOf, purpose: purposeOption(args))
    // A dossier that is not a JSON object (`[]`, `0.1`, a string) has no rule
    // outcomes to trace: its error is shown instead (exit 3).
    let result = evaluator.check(bytes: source.bytes, path: dossierPath, digest: false)
    if let error = result.error {
        printError(error.rendered)
        return ExitCode.unreadableDossier
    }
    let lines = evaluator.explain(rule, document: document, source: source)
    let lang = args.value("--lang") ?? "vi"
    var out = "rule \(rule.id)\(rule.title(lang).map { " — \($0)" } ?? "")\n"
    for l in lines {
        let indent = String(repeating: "  ", count: l.depth + 1)
        var row = indent + l.text
        if !l.value.isEmpty { row += "  ⇒ " + l.value }
        if let loc = l.location { row += "   [\(loc)]" }
        out += row + "\n"
    }
    guard let index = program.rules.firstIndex(where: { $0.id == rule.id }), index < result.rules.count else {
        throw CommandError(message: "the rule `\(rule.id)` has no outcome on `\(dossierPath)`")
    }
    out += "outcome: \(result.rules[index].rawValue)\n"
    for f in result.findings where f.rule == rule.id {
        out += "  \(f.kind.rawValue) at \(f.pointer.isEmpty ? "(root)" : f.pointer) (\(dossierPath):\(f.line):\(f.column)): \(f.message(lang))\n"
    }
    // The dossier's schema problems: a value named there decides nothing.
    let schema = result.findings.filter { $0.rule.hasPrefix("tuanthu.schema.") }
    if !schema.isEmpty { out += "schema validation:\n" }
    for f in schema {
        out += "  \(f.rule) at \(f.pointer.isEmpty ? "(root)" : f.pointer) (\(dossierPath):\(f.line):\(f.column)): \(f.message(lang))\n"
    }
    // Values and messages come from the dossier: controls escaped.
    writeOutput(terminalSafe(out))
    return ExitCode.clean
}
