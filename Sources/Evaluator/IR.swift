import Base
import Diagnostics
import Semantics
import Syntax

// The evaluator's handles over a program's IR (the tables are the
// analyzer's, Sources/Semantics/IR.swift): `X` names one expression, and
// its `op` decodes into an enum whose payloads are all plain values, so the
// evaluator reads like a tree walk while the hot loop walks POD nodes by
// index and pays no reference counting. They live in this module so that
// the decode folds into the evaluation loop's switch (from the Semantics
// module, even `@inlinable`, each node visited cost calls: measured with
// callgrind on 500 dossiers, evaluation 181 M instructions against 164 M).

/// A handle to one expression.
struct X {
    let id: Int32
    let t: UnsafePointer<IRTables>

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

/// A decoded node. `.constant` and `.matches` name entries of the side
/// tables (`SideTables.constants`, `.regexes`); a `.format` operand is a node
/// or, negative, a text (`-(k + 1)` for `SideTables.texts[k]`).
enum XOp {
    case constant(Int)
    case format(XList)
    case path(X, XSteps, slot: Int)
    case root
    case local(Int)
    case global(Int)
    case call(Builtin, XList)
    case matches(X, Int)
    case callDef(Int, XList)
    case quantifier(Quantifier, Int, X, X)
    case not(X)
    case negate(X)
    case binary(BinaryOperator, X, X)
    case list(XList)
    case object(XList, keys: Int)
    case toDate(X)
    case bad
    /// `if c then a else b`.
    case conditional(X, X, X)
    /// `[element for x in collection where filter]`, `x` in `slot`.
    case comprehension(slot: Int, X, X?, X)
    /// A small `def`'s body compiled at its call site: the arguments go, in
    /// order, into the caller's frame slots from `slot` (where the copy of
    /// the body reads its parameters), then the body is evaluated. Exactly
    /// `callDef` without a frame of its own: every argument is evaluated
    /// first, and the body's reads are promoted before theirs.
    case inlined(slot: Int, XList, X)
}

/// A run of entries of one of the tables: where it starts, how many, and
/// the tables themselves. `XList` and `XSteps` differ only in what an entry is.
protocol TableRun: RandomAccessCollection where Index == Int {
    var start: Int32 { get }
    var count32: Int32 { get }
}

extension TableRun {
    var startIndex: Int { 0 }
    var endIndex: Int { Int(count32) }
}

/// Expressions listed in the operand table (arguments, list items).
struct XList: TableRun {
    let start: Int32
    let count32: Int32
    let t: UnsafePointer<IRTables>
    subscript(i: Int) -> X { X(id: raw(i), t: t) }
    /// The raw operand (a format text is negative).
    func raw(_ i: Int) -> Int32 { t.pointee.operands[Int(start) + i] }
}

/// A field name of a path.
struct KeyRef {
    let index: Int32
    let t: UnsafePointer<IRTables>
    @inline(__always) var bytes: UnsafeBufferPointer<UInt8> {
        let r = t.pointee.keyRanges
        let s = Int(r[Int(index) * 2]), e = Int(r[Int(index) * 2 + 1])
        return UnsafeBufferPointer(rebasing: t.pointee.keyBytes[s..<e])
    }
}

enum XStep {
    case key(KeyRef)
    case index(X)
    case project
}

/// The steps of a path.
struct XSteps: TableRun {
    let start: Int32
    let count32: Int32
    let t: UnsafePointer<IRTables>
    subscript(i: Int) -> XStep {
        let s = t.pointee.steps[Int(start) + i]
        switch s.kind {
        case 0: return .key(KeyRef(index: s.a, t: t))
        case 1: return .index(X(id: s.a, t: t))
        default: return .project
        }
    }
}

/// The same value in storage of its own.
private func privateCopy(_ v: Value) -> Value {
    switch v {
    case .string(let s): return .string(String(decoding: Array(s.utf8), as: UTF8.self))
    case .list(let vs): return .list(vs.map(privateCopy))
    case .object(let entries): return .object(entries.map { (String(decoding: Array($0.0.utf8), as: UTF8.self), privateCopy($0.1)) })
    case .bigInteger(let d, let digits): return .bigInteger(d, String(decoding: Array(digits.utf8), as: UTF8.self))
    default: return v
    }
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

/// A statement of a rule body, over handles (decoded from the table's
/// `IRStatement`). Plain values only: the body loop copies each statement,
/// and a message array or a name here cost a retain and a release per
/// statement run. `message` and `variable` index `SideTables.messages` and
/// `.variables`, read only to report.
enum XStatement {
    case require(condition: X, message: Int)
    /// `indexSlot` is -1 when the loop names no position variable.
    case forEach(slot: Int, indexSlot: Int, variable: Int, collection: X, filter: X?, body: XBody)
}

/// The statements of a body.
struct XBody: TableRun {
    let start: Int32
    let count32: Int32
    let t: UnsafePointer<IRTables>
    subscript(i: Int) -> XStatement {
        let s = t.pointee.statements[Int(start) + i]
        if s.kind == 0 { return .require(condition: X(id: s.a, t: t), message: Int(s.b)) }
        return .forEach(slot: Int(s.a), indexSlot: Int(s.b), variable: Int(s.c), collection: X(id: s.d, t: t),
                        filter: s.e < 0 ? nil : X(id: s.e, t: t), body: XBody(start: s.f, count32: s.g, t: t))
    }
}

/// A rule's `when` and body, over handles.
struct XRule {
    var when: X?
    var body: XBody
}

/// What the evaluator reads besides the node tables, said once: the values
/// the nodes name (from the program's `IRProgram`, copied), and per rule,
/// let and def of the evaluator's program, what the hot loop needs as plain
/// values. Each evaluator builds its own from the shared IR: a constant
/// string or list returned by `eval` is retained, and a buffer shared
/// between workers makes the cores fight over its reference count
/// (measured when it was introduced: sharing them cost the second core a
/// quarter of its throughput), so the copies are private — far cheaper than
/// compiling the program again.
struct SideTables {
    let constants: [Value]
    let texts: [String]
    let keyTexts: [String]
    let regexes: [RegexBox]
    /// `regexes`, unretained: read per dossier without a retain (they live as long as `regexes`).
    let regexRefs: [Unmanaged<RegexBox>]
    let objectKeys: [String]
    /// Each `require`'s message (by `XStatement.require.message`).
    let messages: [[(lang: String, text: X)]]
    /// Each `for each` variable's name (`it, i` with a position variable).
    let variables: [String]
    /// Each comprehension's variable name, by node (read only to explain).
    let comprehensionVariables: [Int32: String]
    let lets: [X]
    /// The schema's `required when` conditions (`Program.schemaConditions`) and their frame sizes.
    let schemaConditions: [X]
    let schemaConditionFrames: [Int]
    /// Lets that read nothing of the dossier (tables of thresholds, lists of
    /// names): computed for the first dossier and kept for the others.
    let letIsConstant: [Bool]
    let defs: [X]
    /// Per rule of the program (a selection keeps only its rules): its
    /// `when` and body, the dates it is in force, its frame size.
    let rules: [XRule]
    let ruleFrom: [CivilDate?]
    let ruleUntil: [CivilDate?]
    let ruleFrames: [Int]
    let letFrames: [Int]
    let defFrames: [Int]
    /// The ruleset's `date_field`, as field names.
    let dateKeys: [[UInt8]]?

    /// The tables of `program` over its IR's tables `t`, in storage of their own.
    init(_ program: Program, _ t: UnsafePointer<IRTables>) {
        let ir = program.ir
        func x(_ id: Int32) -> X { X(id: id, t: t) }
        constants = ir.constants.map(privateCopy)
        texts = ir.texts.map(privateString)
        keyTexts = ir.keyTexts.map(privateString)
        regexes = ir.regexes
        regexRefs = ir.regexes.map { Unmanaged.passUnretained($0) }
        objectKeys = ir.objectKeys.map(privateString)
        messages = ir.messages.map { $0.map { (privateString($0.lang), x($0.node)) } }
        variables = ir.variables.map(privateString)
        comprehensionVariables = ir.comprehensionVariables
        lets = program.lets.map { x($0.value) }
        schemaConditions = program.schemaConditions.map { x($0.node) }
        schemaConditionFrames = program.schemaConditions.map(\.frameSize)
        var constant: [Bool] = []
        for l in lets { constant.append(isConstant(l, constant)) }
        letIsConstant = constant
        defs = program.defs.map { x($0.body) }
        rules = program.rules.map { XRule(when: $0.when.map(x), body: XBody(start: $0.body.start, count32: $0.body.count, t: t)) }
        ruleFrom = program.rules.map(\.effectiveFrom)
        ruleUntil = program.rules.map(\.effectiveUntil)
        ruleFrames = program.rules.map(\.frameSize)
        letFrames = program.lets.map(\.frameSize)
        defFrames = program.defs.map(\.frameSize)
        dateKeys = program.dateField?.map { Array($0.text.utf8) }
    }
}

/// A string with its own storage, not sharing another's buffer.
private func privateString(_ s: String) -> String {
    String(decoding: Array(s.utf8), as: UTF8.self)
}
