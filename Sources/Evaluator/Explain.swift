import Diagnostics
import JSON
import Semantics
import Syntax

/// One line of an explanation: an expression, its value, and where in the
/// dossier the value came from.
package struct ExplainLine: Sendable {
    /// Nesting depth, for indentation.
    package var depth: Int
    /// The expression as written, or a statement like `for each it in plan.items`.
    package var text: String
    /// The value (`missing` for an absent path).
    package var value: String
    /// `line:col` and pointer of a dossier value, when the expression read one.
    package var location: String?
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
            lines.append(ExplainLine(depth: 0, text: "effective from \(from)", value: "not in force on \(date): not_applicable", location: nil))
            return lines
        }
        if let until = rule.effectiveUntil, date >= until {
            lines.append(ExplainLine(depth: 0, text: "effective until \(until)", value: "not in force on \(date): not_applicable", location: nil))
            return lines
        }
        let compiled = ir.rules[program.rules.firstIndex { $0.id == rule.id } ?? 0]
        if let w = compiled.when {
            lines.append(ExplainLine(depth: 0, text: "when", value: "", location: nil))
            explainExpr(w, 1, source, &lines)
            switch truth(eval(w), w.span) {
            case .yes: break
            case .no:
                lines.append(ExplainLine(depth: 0, text: "→ the rule does not apply", value: "not_applicable", location: nil))
                return lines
            case .unknown:
                lines.append(ExplainLine(depth: 0, text: "→ cannot tell whether the rule applies", value: "missing", location: nil))
                return lines
            case .invalid:
                lines.append(ExplainLine(depth: 0, text: "→ cannot tell whether the rule applies", value: "invalid", location: nil))
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
                let verdict = t == .yes ? "pass" : t == .no ? "violation" : t == .unknown ? "missing" : "invalid"
                lines.append(ExplainLine(depth: depth, text: "require", value: verdict, location: nil))
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
                    let shown = indexSlot >= 0 ? "\(variable) = element \(index - 1), \(index)" : "\(variable) = element \(index - 1)"
                    lines.append(ExplainLine(depth: depth + 1, text: shown, value: summary(e), location: where_(e, source)))
                    if let filter {
                        explainExpr(filter, depth + 2, source, &lines)
                        switch truth(eval(filter), filter.span) {
                        case .yes: break
                        case .no:
                            lines.append(ExplainLine(depth: depth + 2, text: "→ skipped by `where`", value: "", location: nil))
                            return true
                        case .unknown, .invalid:
                            // Not skipped: the element gets a finding of its own.
                            lines.append(ExplainLine(depth: depth + 2, text: "→ cannot tell whether this element is concerned", value: truth(eval(filter), filter.span) == .unknown ? "missing" : "invalid", location: nil))
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
                location = "would be at \(pointer)"
            }
        }
        lines.append(ExplainLine(depth: depth, text: text(code.span), value: summary(v), location: location))
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
            if let field = program.dateField { lines[lines.count - 1].text = field.map(\.text).joined(separator: ".") }
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
                lines.append(ExplainLine(depth: depth + 1, text: "\(ir.comprehensionVariables[code.id] ?? "x") = element \(index)", value: summary(e), location: where_(e, source)))
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

    private func summary(_ v: Value) -> String {
        switch v {
        case .missing: return "missing"
        case .invalid: return "invalid"
        case .node(let n):
            let node = nodes[Int(n)]
            switch node.kind {
            case .array: return node.b == 1 ? "[1 element]" : "[\(node.b) elements]"
            case .object: return node.b == 1 ? "{1 field}" : "{\(node.b) fields}"
            default:
                let t = doc.sourceText(Int(n))
                return t.count > 80 ? String(t.prefix(77)) + "…\"" : t
            }
        case .string(let s): return "\"\(s)\""
        case .list(let vs): return "[" + vs.prefix(8).map(summary).joined(separator: ", ") + (vs.count > 8 ? ", …" : "") + "]"
        default: return render(v)
        }
    }

    private func where_(_ v: Value, _ source: SourceFile) -> String? {
        guard case .node(let n) = v else { return nil }
        let loc = source.location(of: nodes[Int(n)].start)
        return "\(loc.line):\(loc.column) \(doc.pointer(of: Int(n)).isEmpty ? "(root)" : doc.pointer(of: Int(n)))"
    }
}
