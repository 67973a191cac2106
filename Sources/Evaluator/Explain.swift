import Diagnostics
import JSON
import Semantics
import Syntax

/// One line of an explanation: an expression, its value, and where in the
/// dossier the value came from.
package struct ExplainLine: Sendable {
    /// Nesting depth, for indentation.
    package var depth: Int
    /// The expression as written, or a statement like `for each it in plan.items`
    /// (the same in both languages), or the tool's words (`→ skipped by `where``).
    package var text: Diagnostics.LocalizedText
    /// The value (`missing` for an absent path), in both languages.
    package var value: Diagnostics.LocalizedText
    /// `line:col` and pointer of a dossier value, when the expression read
    /// one, or where an absent value would be.
    package var location: Diagnostics.LocalizedText?

    /// A line of the trace; `text`, `value` and `location` are worded in both languages.
    init(depth: Int, text: Diagnostics.LocalizedText, value: Diagnostics.LocalizedText, location: Diagnostics.LocalizedText?) {
        self.depth = depth
        self.text = text
        self.value = value
        self.location = location
    }

    /// A line whose text, value and location read the same in both languages (an expression, a JSON value).
    init(depth: Int, text: String, value: String, location: String?) {
        self.init(depth: depth, text: .init(verbatim: text), value: .init(verbatim: value), location: location.map { .init(verbatim: $0) })
    }
}

extension Evaluator {
    /// The evaluation of one rule on a parsed dossier as a tree: `when`,
    /// each `for each` element, each `require`, and every sub-expression
    /// with its value.
    package func explain(_ rule: CompiledRule, document: JSONDocument, source: SourceFile) -> [ExplainLine] {
        withDocument(document) { explainCurrent(rule, source: source) }
    }

    private func explainCurrent(_ rule: CompiledRule, source: SourceFile) -> [ExplainLine] {
        // Values that fail the schema are invalid to the trace too, as to `check`.
        _ = validateAgainstSchema()
        locals = Array(repeating: .missing, count: rule.frameSize)
        frameBase = 0
        var lines: [ExplainLine] = []
        let date = dossierDate()
        if let from = rule.effectiveFrom, date < from {
            lines.append(ExplainLine(depth: 0, text: .init(verbatim: "effective from \(from)"),
                                     value: localize(ExplainMessage.notInForce, ["date": .date(date.description)]), location: nil))
            return lines
        }
        if let until = rule.effectiveUntil, date >= until {
            lines.append(ExplainLine(depth: 0, text: .init(verbatim: "effective until \(until)"),
                                     value: localize(ExplainMessage.notInForce, ["date": .date(date.description)]), location: nil))
            return lines
        }
        let compiled = ir.rules[program.rules.firstIndex { $0.id == rule.id } ?? 0]
        if let w = compiled.when {
            lines.append(ExplainLine(depth: 0, text: "when", value: "", location: nil))
            explainExpr(w, 1, source, &lines)
            switch truth(eval(w), w.span) {
            case .yes: break
            case .no:
                lines.append(ExplainLine(depth: 0, text: localize(ExplainMessage.ruleDoesNotApply), value: localize(ExplainMessage.notApplicable), location: nil))
                return lines
            case .unknown:
                lines.append(ExplainLine(depth: 0, text: localize(ExplainMessage.cannotTellWhetherRuleApplies), value: localize(ExplainMessage.missing), location: nil))
                return lines
            case .invalid:
                lines.append(ExplainLine(depth: 0, text: localize(ExplainMessage.cannotTellWhetherRuleApplies), value: localize(ExplainMessage.invalid), location: nil))
                return lines
            }
        }
        explainBody(compiled.body, 0, source, &lines)
        return lines
    }

    private func explainBody(_ body: XBody, _ depth: Int, _ source: SourceFile, _ lines: inout [ExplainLine]) {
        for s in body {
            switch s {
            case .require(let c, _):
                let t = truth(eval(c), c.span)
                let verdict: ExplainMessage = t == .yes ? .pass : t == .no ? .violation : t == .unknown ? .missing : .invalid
                lines.append(ExplainLine(depth: depth, text: .init(verbatim: "require"), value: localize(verdict), location: nil))
                explainExpr(c, depth + 1, source, &lines)
            case .forEach(let slot, let indexSlot, let variableIndex, let collection, let filter, let inner):
                let variable = ir.variables[variableIndex]
                lines.append(ExplainLine(depth: depth, text: "for each \(variable) in \(text(collection.span))", value: "", location: nil))
                explainExpr(collection, depth + 1, source, &lines)
                let c = eval(collection)
                var index = 0
                forEachElement(c) { e in
                    locals[frameBase + slot] = e
                    index += 1
                    if indexSlot >= 0 { locals[frameBase + indexSlot] = .number(Double(index)) }
                    // `it, i = element 0, 1`: the element by its pointer's index, the position from 1.
                    let shown = indexSlot >= 0
                        ? localize(ExplainMessage.elementAtPosition, ["variable": .text(variable), "index": .text(String(index - 1)), "position": .text(String(index))])
                        : localize(ExplainMessage.element, ["variable": .text(variable), "index": .text(String(index - 1))])
                    lines.append(ExplainLine(depth: depth + 1, text: shown, value: summary(e), location: where_(e, source)))
                    if let filter {
                        explainExpr(filter, depth + 2, source, &lines)
                        switch truth(eval(filter), filter.span) {
                        case .yes: break
                        case .no:
                            lines.append(ExplainLine(depth: depth + 2, text: localize(ExplainMessage.skippedByWhere), value: .init(verbatim: ""), location: nil))
                            return true
                        case .unknown, .invalid:
                            // Not skipped: the element gets a finding of its own.
                            lines.append(ExplainLine(depth: depth + 2, text: localize(ExplainMessage.cannotTellWhetherElementConcerned),
                                                     value: localize(truth(eval(filter), filter.span) == .unknown ? ExplainMessage.missing : .invalid), location: nil))
                            return true
                        }
                    }
                    explainBody(inner, depth + 2, source, &lines)
                    return true
                }
            }
        }
    }

    private func explainExpr(_ code: X, _ depth: Int, _ source: SourceFile, _ lines: inout [ExplainLine]) {
        var v = eval(code)
        var location = where_(v, source)
        if case .missing = v, case .path = code.op {
            // Where the absent value would be: evaluate the path once more, traced.
            trace.reset()
            tracing = true
            v = eval(code)
            tracing = false
            if let pointer = trace.reads.last(where: { $0.missingPointer != nil })?.missingPointer {
                location = localize(ExplainMessage.wouldBeAt, ["pointer": .text(pointer)])
            }
        }
        lines.append(ExplainLine(depth: depth, text: .init(verbatim: text(code.span)), value: summary(v), location: location))
        // Paths and constants are leaves; quantifiers show their collection.
        switch code.op {
        case .constant, .path, .root, .local, .global, .bad, .format:
            return
        case .quantifier(_, _, let collection, _):
            explainExpr(collection, depth + 1, source, &lines)
        case .call(.reference_date, let args):
            // An inspection reads no dossier date; a pre-validation reads the
            // `date_field`, shown by its name (the rule never wrote it).
            guard purpose == .prevalidation, let a = args.first else { return }
            explainExpr(a, depth + 1, source, &lines)
            if let field = program.dateField { lines[lines.count - 1].text = .init(verbatim: field.map(\.text).joined(separator: ".")) }
        case .call(_, let args), .callDef(_, let args), .inlined(_, let args, _), .list(let args):
            for a in args { explainExpr(a, depth + 1, source, &lines) }
        case .matches(let a, _), .not(let a), .negate(let a), .toDate(let a):
            explainExpr(a, depth + 1, source, &lines)
        case .binary(_, let l, let r):
            explainExpr(l, depth + 1, source, &lines)
            explainExpr(r, depth + 1, source, &lines)
        case .conditional(let c, let a, let b):
            // The condition, then the branch it chose (none when it is unknown).
            explainExpr(c, depth + 1, source, &lines)
            switch truth(eval(c), c.span) {
            case .yes: explainExpr(a, depth + 1, source, &lines)
            case .no: explainExpr(b, depth + 1, source, &lines)
            case .unknown, .invalid: break
            }
        case .comprehension(let slot, let collection, let filter, let element):
            // The list, then each element: its `where`, and its value when kept.
            explainExpr(collection, depth + 1, source, &lines)
            var index = 0
            forEachElement(eval(collection)) { e in
                locals[frameBase + slot] = e
                lines.append(ExplainLine(depth: depth + 1, text: localize(ExplainMessage.element, ["variable": .text(ir.comprehensionVariables[code.id] ?? "x"), "index": .text(String(index))]),
                                         value: summary(e), location: where_(e, source)))
                index += 1
                if let filter {
                    explainExpr(filter, depth + 2, source, &lines)
                    guard truth(eval(filter), filter.span) == .yes else { return true }
                }
                explainExpr(element, depth + 2, source, &lines)
                return true
            }
        case .object(let values, _):
            for c in values { explainExpr(c, depth + 1, source, &lines) }
        }
    }

    /// A value as the trace shows it: JSON text as the dossier writes it, a
    /// count for a list or an object, the words for an absent or invalid value.
    private func summary(_ v: Value) -> Diagnostics.LocalizedText {
        switch v {
        case .missing: return localize(ExplainMessage.missing)
        case .invalid: return localize(ExplainMessage.invalid)
        case .node(let n):
            let node = nodes[Int(n)]
            switch node.kind {
            case .array: return localize(node.b == 1 ? ExplainMessage.oneElement : .elements, ["n": .number(String(node.b))])
            case .object: return localize(node.b == 1 ? ExplainMessage.oneField : .fields, ["n": .number(String(node.b))])
            default:
                let t = doc.sourceText(Int(n))
                return .init(verbatim: t.count > 80 ? String(t.prefix(77)) + "…\"" : t)
            }
        case .string(let s): return .init(verbatim: "\"\(s)\"")
        case .list(let vs):
            let shown = vs.prefix(8).map(summary)
            let tail = vs.count > 8 ? ", …" : ""
            return .init(vi: "[" + shown.map(\.vi).joined(separator: ", ") + tail + "]", en: "[" + shown.map(\.en).joined(separator: ", ") + tail + "]")
        default: return .init(verbatim: render(v))
        }
    }

    private func where_(_ v: Value, _ source: SourceFile) -> Diagnostics.LocalizedText? {
        guard case .node(let n) = v else { return nil }
        let loc = source.location(of: nodes[Int(n)].start)
        let pointer = doc.pointer(of: Int(n))
        let place = "\(loc.line):\(loc.column) "
        guard pointer.isEmpty else { return .init(verbatim: place + pointer) }
        let root = localize(CommandMessage.root)
        return .init(vi: place + root.vi, en: place + root.en)
    }
}
