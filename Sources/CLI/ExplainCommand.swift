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
        throw UsageError(localize(CommandMessage.noRuleIn, ["rule": .text(ruleID), "path": .text(rulesPath)]),
                         help: suggestion.map { localize(CommandMessage.didYouMean, ["suggestion": .text("`\($0)`")]) })
    }
    var asOf = todayInVietnam()
    if let s = args.value("--as-of") {
        guard let d = CivilDate(s) else { throw UsageError(localize(CommandMessage.notADate, ["text": .text(s)])) }
        asOf = d
    }
    // Bounded as `check` reads: a FIFO or /dev/zero must not hang or exhaust memory.
    let bytes: [UInt8]
    switch readFileBounded(dossierPath, maxBytes: 64 << 20) {
    case .success(let b): bytes = b
    case .failure(let e): throw CommandError(localize(CommandMessage.cannotReadWhy, ["path": .text(dossierPath), "why": .localized(e.messageText)]), code: ExitCode.unreadableDossier)
    }
    var files = SourceMap()
    let source = files.add(path: dossierPath, bytes: bytes)
    let document: JSONDocument
    do throws(JSONParseError) {
        document = try JSONParser.parse(source.bytes)
    } catch {
        printError(cliRenderer().render([error.diagnostic(file: source.id)], files: files))
        return ExitCode.unreadableDossier
    }
    let evaluator = Evaluator(program: program, asOf: asOf, purpose: purposeOption(args))
    // A dossier that is not a JSON object (`[]`, `0.1`, a string) has no rule
    // outcomes to trace: its error is shown instead (exit 3).
    let result = evaluator.check(bytes: source.bytes, path: dossierPath, digest: false)
    if let error = result.error {
        printError(error.rendered(cliLang))
        return ExitCode.unreadableDossier
    }
    let lines = evaluator.explain(rule, document: document, source: source)
    let lang = cliLang.rawValue
    var out = say(.explainRule, ["id": .text(rule.id), "title": .text(rule.title(lang).map { " — \($0)" } ?? "")]) + "\n"
    for l in lines {
        let indent = String(repeating: "  ", count: l.depth + 1)
        var row = indent + say(l.text)
        if !l.value.en.isEmpty { row += "  ⇒ " + say(l.value) }
        if let loc = l.location { row += "   [\(say(loc))]" }
        out += row + "\n"
    }
    guard let index = program.rules.firstIndex(where: { $0.id == rule.id }), index < result.rules.count else {
        throw CommandError(localize(CommandMessage.ruleNoOutcome, ["rule": .text(rule.id), "path": .text(dossierPath)]))
    }
    // The outcome and kind names stay the machine words in English (`not_applicable`), as before.
    let outcome = result.rules[index]
    out += say(.explainOutcome, ["outcome": .localized(LocalizedText(vi: localize(ruleWord(outcome)).vi, en: outcome.rawValue))]) + "\n"
    func findingLine(_ what: LocalizedText, _ f: Finding) -> String {
        "  " + say(.explainFindingAt, ["kind": .localized(what), "pointer": .localized(f.pointer.isEmpty ? localize(CommandMessage.root) : LocalizedText(verbatim: f.pointer)),
                                      "place": .text("\(dossierPath):\(result.location(of: f).line):\(result.location(of: f).column)"), "message": .text(f.message(lang))]) + "\n"
    }
    for f in result.findings where f.rule == rule.id {
        out += findingLine(LocalizedText(vi: localize(kindWord(f.kind)).vi, en: f.kind.rawValue), f)
    }
    // The dossier's schema problems: a value named there decides nothing.
    let schema = result.findings.filter { $0.rule.hasPrefix("tuanthu.schema.") }
    if !schema.isEmpty { out += say(.explainSchema) + "\n" }
    for f in schema {
        out += findingLine(LocalizedText(verbatim: f.rule), f)
    }
    // Values and messages come from the dossier: controls escaped.
    writeOutput(terminalSafe(out))
    return ExitCode.clean
}

/// The report word of a rule outcome (`đạt`, `không đạt`, …).
private func ruleWord(_ o: RuleOutcome) -> ReportWord {
    switch o {
    case .pass: .rulePass
    case .fail: .ruleFail
    case .missing: .ruleMissing
    case .notApplicable: .ruleNotApplicable
    case .waived: .ruleWaived
    }
}

/// The report word of a finding's kind (`vi phạm`, `thiếu dữ liệu`, …).
private func kindWord(_ k: FindingKind) -> ReportWord {
    switch k {
    case .violation: .kindViolation
    case .missing: .kindMissing
    case .invalid: .kindInvalid
    }
}
