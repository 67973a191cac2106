import Diagnostics
import Semantics
import Syntax

// The decode of the IR's handles (the types are the analyzer's, in
// Sources/Semantics/IR.swift). Here, in the evaluator's module, `op` folds
// into the evaluation loop's switch and the collections specialize; from
// the Semantics module, even `@inlinable`, each node visited cost a call
// (measured with callgrind on 500 dossiers: evaluation 164 M instructions
// here, 222 M there).

extension X {
    /// Where the expression was written.
    @inline(__always) var span: Span { t.pointee.spans[Int(id)] }

    /// The node, decoded (all payloads plain values). Inlined: the decode
    /// folds into the evaluator's switch.
    @inline(__always) var op: XOp {
        let n = t.pointee.nodes[Int(id)]
        switch n.kind {
        case .constant: return .constant(Int(n.a))
        case .format: return .format(XList(start: n.a, count32: n.b, t: t))
        case .path: return .path(X(id: n.a, t: t), XSteps(start: n.b, count32: n.c, t: t), slot: Int(n.d))
        case .root: return .root
        case .local: return .local(Int(n.a))
        case .global: return .global(Int(n.a))
        case .call: return .call(t.pointee.builtins[Int(n.sub)], XList(start: n.a, count32: n.b, t: t))
        case .matches: return .matches(X(id: n.a, t: t), Int(n.b))
        case .callDef: return .callDef(Int(n.a), XList(start: n.b, count32: n.c, t: t))
        case .quantifier: return .quantifier(t.pointee.quantifiers[Int(n.sub)], Int(n.a), X(id: n.b, t: t), X(id: n.c, t: t))
        case .not: return .not(X(id: n.a, t: t))
        case .negate: return .negate(X(id: n.a, t: t))
        case .binary: return .binary(t.pointee.binaryOperators[Int(n.sub)], X(id: n.a, t: t), X(id: n.b, t: t))
        case .list: return .list(XList(start: n.a, count32: n.b, t: t))
        case .object: return .object(XList(start: n.a, count32: n.b, t: t), keys: Int(n.c))
        case .toDate: return .toDate(X(id: n.a, t: t))
        case .bad: return .bad
        case .conditional: return .conditional(X(id: n.a, t: t), X(id: n.b, t: t), X(id: n.c, t: t))
        case .comprehension:
            return .comprehension(slot: Int(n.a), X(id: n.b, t: t), n.d < 0 ? nil : X(id: n.d, t: t), X(id: n.c, t: t))
        case .inlined: return .inlined(slot: Int(n.a), XList(start: n.b, count32: n.c, t: t), X(id: n.d, t: t))
        }
    }
}

/// A run of entries of one of the tables: where it starts, how many, and
/// the tables themselves. `XList` and `XSteps` differ only in what an entry is.
// `package`: the conformances of the analyzer's types must be as visible as they are.
package protocol TableRun: RandomAccessCollection where Index == Int {
    /// The first entry's index in its table.
    var start: Int32 { get }
    /// How many entries.
    var count32: Int32 { get }
}

extension TableRun {
    /// 0.
    package var startIndex: Int { 0 }
    /// The number of entries.
    package var endIndex: Int { Int(count32) }
}

extension XList: TableRun {
    /// Entry `i` as a handle.
    package subscript(i: Int) -> X { X(id: raw(i), t: t) }
    /// The raw operand (a format text is negative).
    func raw(_ i: Int) -> Int32 { t.pointee.operands[Int(start) + i] }
}

extension KeyRef {
    /// The name's UTF-8 bytes.
    var bytes: UnsafeBufferPointer<UInt8> {
        let r = t.pointee.keyRanges
        let s = Int(r[Int(index) * 2]), e = Int(r[Int(index) * 2 + 1])
        return UnsafeBufferPointer(rebasing: t.pointee.keyBytes[s..<e])
    }
}

extension XSteps: TableRun {
    /// Step `i`, decoded.
    package subscript(i: Int) -> XStep {
        let s = t.pointee.steps[Int(start) + i]
        switch s.kind {
        case 0: return .key(KeyRef(index: s.a, t: t))
        case 1: return .index(X(id: s.a, t: t))
        default: return .project
        }
    }
}

extension XBody: TableRun {
    /// Statement `i`.
    package subscript(i: Int) -> XStatement { t.pointee.statements[Int(start) + i] }
}

/// Which of `lets` read nothing of the dossier, nor of a variable or the
/// date (`SideTables.letIsConstant`); a let is constant only if the lets it
/// reads, all before it, are.
func constantLets(_ lets: [X]) -> [Bool] {
    var constant: [Bool] = []
    for x in lets { constant.append(isConstant(x, constant)) }
    return constant
}

/// Does `x` read nothing of the dossier, nor of a variable or the date?
/// `constantLets` tells which of the lets before it are constant.
private func isConstant(_ x: X, _ constantLets: [Bool]) -> Bool {
    func all(_ list: XList) -> Bool { list.allSatisfy { isConstant($0, constantLets) } }
    switch x.op {
    case .constant: return true
    case .root, .local, .callDef, .inlined, .quantifier: return false
    case .global(let k): return k < constantLets.count && constantLets[k]
    case .path(let base, let steps, _):
        return isConstant(base, constantLets) && (0..<steps.count).allSatisfy {
            if case .index(let i) = steps[$0] { return isConstant(i, constantLets) }
            return true
        }
    case .format(let parts):
        return parts.indices.allSatisfy { parts.raw($0) < 0 || isConstant(parts[$0], constantLets) }
    case .call(let f, let args): return f != .today && f != .as_of && f != .reference_date && all(args)
    case .matches(let a, _), .not(let a), .negate(let a), .toDate(let a): return isConstant(a, constantLets)
    case .binary(_, let l, let r): return isConstant(l, constantLets) && isConstant(r, constantLets)
    case .list(let items), .object(let items, _): return all(items)
    case .conditional(let c, let a, let b): return isConstant(c, constantLets) && isConstant(a, constantLets) && isConstant(b, constantLets)
    // It reads a variable of its own; not worth proving constant.
    case .comprehension: return false
    case .bad: return false
    }
}
