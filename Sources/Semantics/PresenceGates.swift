import Diagnostics
import Syntax

/// The presence-gate lint (W2011): a rule whose `when` tests whether a
/// dossier path is present — `exists(p)`, `p ?? …` or `p != null`, written in
/// the rule or reached through `let`s and `def`s — while its `require`s or
/// `for each` read that same path (or something under it). Such a rule is
/// `not_applicable` exactly when its evidence is missing, so a dossier that
/// leaves the evidence out passes. Applicability belongs to the project's
/// characteristics; a section a project must have is declared in the schema
/// with `required when`.
///
/// The check is syntactic and conservative: it flags a gate whatever its
/// polarity, since an author who needs one in a rare legitimate case says so
/// with `allow presence_gate "reason"`.
struct PresenceGateLint {
    /// A dossier path as field names from the root; `[]` stands for "every element".
    typealias Path = [String]

    /// The name of the allowance, `allow presence_gate "reason"`.
    static let allowance = "presence_gate"

    private let lets: [String: Expr]
    private let defs: [String: DefDecl]

    /// Creates the lint over a ruleset's top-level definitions.
    init(lets: [LetDecl], defs: [DefDecl]) {
        var l: [String: Expr] = [:]
        for d in lets where l[d.name.text] == nil { l[d.name.text] = d.value }
        var f: [String: DefDecl] = [:]
        for d in defs where f[d.name.text] == nil { f[d.name.text] = d }
        self.lets = l
        self.defs = f
    }

    /// One gate found (or one read of the body): the path, and where in the rule it comes from.
    struct Gate {
        /// The dossier path tested (in a gate) or read (in the body).
        var path: Path
        /// Where in the rule itself: the expression, or the `let`/`def` use it was reached through.
        var site: Span
    }

    /// The gates in a rule's `when` whose path its body reads: the first one, with the path read.
    func check(_ rule: RuleDecl) -> (gate: Gate, read: Gate)? {
        guard let when = rule.when else { return nil }
        var gates: [Gate] = []
        var seen: Set<String> = []
        collectGates(when, scope: [:], site: nil, seen: &seen, into: &gates)
        guard !gates.isEmpty else { return nil }
        var reads: [Gate] = []
        var readSeen: Set<String> = []
        for s in rule.body { collectReads(s, scope: [:], seen: &readSeen, into: &reads) }
        for g in gates {
            if let r = reads.first(where: { overlaps(g.path, $0.path) }) { return (g, r) }
        }
        return nil
    }

    /// Whether one path is a prefix of the other: the body reads what the gate tests, or inside it.
    private func overlaps(_ a: Path, _ b: Path) -> Bool {
        let n = min(a.count, b.count)
        return n > 0 && a.prefix(n) == b.prefix(n)
    }

    // MARK: - Paths

    /// The dossier path an expression denotes, if it is one: a field name
    /// (not a local or a `let`) followed by members, indexes or `[*]`.
    /// `scope` maps loop and quantifier variables (and def parameters) to
    /// the paths they stand for; nil for a local that is not a path.
    private func path(_ e: Expr, _ scope: [String: Path?]) -> Path? {
        switch e.kind {
        case .name(let n):
            if let bound = scope[n] { return bound }
            if lets[n] != nil { return nil }
            return [n]
        case .member(let base, let name):
            return path(base, scope).map { $0 + [name.text] }
        case .index(let base, _), .project(let base):
            return path(base, scope).map { $0 + [""] }
        case .paren(let inner):
            return path(inner, scope)
        case .binary(.coalesce, let l, _):
            // `(p ?? x).q` still reads p.
            return path(l, scope)
        default:
            return nil
        }
    }

    // MARK: - Gates

    /// Collects the presence tests of `e`, following `let`s and `def`s;
    /// `site` is the span in the rule's own `when` the walk came through.
    private func collectGates(_ e: Expr, scope: [String: Path?], site: Span?, seen: inout Set<String>, into gates: inout [Gate]) {
        let here = site ?? e.span
        switch e.kind {
        case .call(let name, let args):
            if name.text == "exists", args.count == 1, let p = path(args[0], scope) {
                gates.append(Gate(path: p, site: here))
            } else if let d = defs[name.text], scope[name.text] == nil, !seen.contains("d:" + name.text) {
                seen.insert("d:" + name.text)
                var inner: [String: Path?] = [:]
                for (k, p) in d.parameters.enumerated() { inner[p.text] = .some(k < args.count ? path(args[k], scope) : nil) }
                collectGates(d.body, scope: inner, site: site ?? e.span, seen: &seen, into: &gates)
                seen.remove("d:" + name.text)
            }
            for a in args { collectGates(a, scope: scope, site: site, seen: &seen, into: &gates) }
        case .binary(.coalesce, let l, let r):
            if let p = path(l, scope) { gates.append(Gate(path: p, site: here)) }
            collectGates(l, scope: scope, site: site, seen: &seen, into: &gates)
            collectGates(r, scope: scope, site: site, seen: &seen, into: &gates)
        case .binary(let op, let l, let r):
            if op == .notEqual {
                if isNull(r), let p = path(l, scope) { gates.append(Gate(path: p, site: here)) }
                if isNull(l), let p = path(r, scope) { gates.append(Gate(path: p, site: here)) }
            }
            collectGates(l, scope: scope, site: site, seen: &seen, into: &gates)
            collectGates(r, scope: scope, site: site, seen: &seen, into: &gates)
        case .name(let n):
            if scope[n] == nil, let value = lets[n], !seen.contains("l:" + n) {
                seen.insert("l:" + n)
                collectGates(value, scope: [:], site: site ?? e.span, seen: &seen, into: &gates)
                seen.remove("l:" + n)
            }
        case .quantifier(_, let v, let xs, let body):
            collectGates(xs, scope: scope, site: site, seen: &seen, into: &gates)
            var inner = scope
            inner[v.text] = .some(path(xs, scope).map { $0 + [""] })
            collectGates(body, scope: inner, site: site, seen: &seen, into: &gates)
        default:
            forEachChild(e) { collectGates($0, scope: scope, site: site, seen: &seen, into: &gates) }
        }
    }

    private func isNull(_ e: Expr) -> Bool {
        switch e.kind {
        case .null: true
        case .paren(let inner): isNull(inner)
        default: false
        }
    }

    // MARK: - Reads

    /// Collects the dossier paths a statement reads, following `let`s and `def`s.
    private func collectReads(_ s: Statement, scope: [String: Path?], seen: inout Set<String>, into reads: inout [Gate]) {
        switch s {
        case .require(let r):
            collectReads(r.condition, scope: scope, site: nil, seen: &seen, into: &reads)
        case .forEach(let f):
            collectReads(f.collection, scope: scope, site: nil, seen: &seen, into: &reads)
            var inner = scope
            inner[f.variable.text] = .some(path(f.collection, scope).map { $0 + [""] })
            if let i = f.index { inner[i.text] = .some(nil) }  // a position, not a path
            if let w = f.filter { collectReads(w, scope: inner, site: nil, seen: &seen, into: &reads) }
            for b in f.body { collectReads(b, scope: inner, seen: &seen, into: &reads) }
        }
    }

    private func collectReads(_ e: Expr, scope: [String: Path?], site: Span?, seen: inout Set<String>, into reads: inout [Gate]) {
        if let p = path(e, scope) {
            reads.append(Gate(path: p, site: site ?? e.span))
            // A `??` default may read more.
            if case .binary(.coalesce, _, let r) = e.kind { collectReads(r, scope: scope, site: site, seen: &seen, into: &reads) }
            return
        }
        switch e.kind {
        case .name(let n):
            if scope[n] == nil, let value = lets[n], !seen.contains("l:" + n) {
                seen.insert("l:" + n)
                collectReads(value, scope: [:], site: site ?? e.span, seen: &seen, into: &reads)
                seen.remove("l:" + n)
            }
        case .call(let name, let args):
            for a in args { collectReads(a, scope: scope, site: site, seen: &seen, into: &reads) }
            if let d = defs[name.text], scope[name.text] == nil, !seen.contains("d:" + name.text) {
                seen.insert("d:" + name.text)
                var inner: [String: Path?] = [:]
                for (k, p) in d.parameters.enumerated() { inner[p.text] = .some(k < args.count ? path(args[k], scope) : nil) }
                collectReads(d.body, scope: inner, site: site ?? e.span, seen: &seen, into: &reads)
                seen.remove("d:" + name.text)
            }
        case .quantifier(_, let v, let xs, let body):
            collectReads(xs, scope: scope, site: site, seen: &seen, into: &reads)
            var inner = scope
            inner[v.text] = .some(path(xs, scope).map { $0 + [""] })
            collectReads(body, scope: inner, site: site, seen: &seen, into: &reads)
        case .comprehension(let c):
            collectReads(c.collection, scope: scope, site: site, seen: &seen, into: &reads)
            var inner = scope
            inner[c.variable.text] = .some(path(c.collection, scope).map { $0 + [""] })
            collectReads(c.element, scope: inner, site: site, seen: &seen, into: &reads)
            if let w = c.filter { collectReads(w, scope: inner, site: site, seen: &seen, into: &reads) }
        default:
            forEachChild(e) { collectReads($0, scope: scope, site: site, seen: &seen, into: &reads) }
        }
    }

    /// Calls `f` on each direct sub-expression (string interpolations included).
    private func forEachChild(_ e: Expr, _ f: (Expr) -> Void) {
        switch e.kind {
        case .number, .date, .bool, .null, .name, .bad: break
        case .string(let s):
            for case .interpolation(let x) in s.parts { f(x) }
        case .member(let b, _), .project(let b), .paren(let b), .unary(_, let b): f(b)
        case .index(let b, let i): f(b); f(i)
        case .call(_, let args): args.forEach(f)
        case .quantifier(_, _, let xs, let body): f(xs); f(body)
        case .binary(_, let l, let r): f(l); f(r)
        case .list(let xs): xs.forEach(f)
        case .object(let entries): entries.forEach { f($0.value) }
        case .conditional(let c, let a, let b): f(c); f(a); f(b)
        case .comprehension(let c): f(c.collection); f(c.element); if let w = c.filter { f(w) }
        }
    }
}

extension PresenceGateLint.Path {
    /// The path as written in a rule: `plan.items[*].criteria`.
    var dotted: String {
        var out = ""
        for step in self {
            if step.isEmpty { out += "[*]" } else { out += (out.isEmpty ? "" : ".") + step }
        }
        return out
    }
}
