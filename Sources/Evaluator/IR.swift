import Base
import Diagnostics
import Semantics
import Syntax

// The evaluator's form of a compiled program: every expression flattened
// into plain tables, so the hot loop walks POD nodes by index and pays no
// reference counting (the `Code` tree costs two retains and releases per
// node visited). `X` is a handle to one expression; its `op` decodes into
// an enum whose payloads are all plain values, so the evaluator reads like
// a tree walk.
//
// Measured with callgrind on `check` of 1,000 corpus dossiers: together with
// the path cache and the raw document views, evaluation went from 441 M to
// 261 M instructions (about 170 M after later work: plain rule bodies,
// prefix-cached root paths, constant lets kept between dossiers).

/// One node of the flat table.
struct IRNode {
    var kind: IRKind
    /// Operator, built-in or quantifier, by index.
    var sub: UInt8
    var a: Int32
    var b: Int32
    var c: Int32
    var d: Int32
}

enum IRKind: UInt8 {
    case constant, format, path, root, local, global, call, matches, callDef, quantifier
    case not, negate, binary, list, object, toDate, bad
    case conditional, comprehension
}

/// One step of a path: key (a = key index), index (a = node), project.
struct IRStep {
    var kind: UInt8
    var a: Int32
}

/// The POD tables, at a fixed address for the evaluator's lifetime.
struct IRTables {
    var nodes: UnsafeMutableBufferPointer<IRNode>
    var spans: UnsafeMutableBufferPointer<Span>
    var operands: UnsafeMutableBufferPointer<Int32>
    var steps: UnsafeMutableBufferPointer<IRStep>
    var keyBytes: UnsafeMutableBufferPointer<UInt8>
    /// Start and end of each key in `keyBytes`.
    var keyRanges: UnsafeMutableBufferPointer<Int32>
    /// Rule bodies: each body is a run of consecutive statements.
    var statements: UnsafeMutableBufferPointer<XStatement>
    // What `IRNode.sub` indexes, as plain tables: reading a global array
    // here cost a lazy-initialisation check and a retain per node visited.
    var builtins: UnsafeMutableBufferPointer<Builtin>
    var quantifiers: UnsafeMutableBufferPointer<Quantifier>
    var binaryOperators: UnsafeMutableBufferPointer<BinaryOperator>
    /// `Program.pathCachePrefix`.
    var pathPrefix: UnsafeMutableBufferPointer<Int32>
}

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
        }
    }
}

/// A decoded node. `.constant` and `.matches` name entries of the side
/// tables (`IRProgram.constants`, `.regexes`); a `.format` operand is a node
/// or, negative, a text (`-(k + 1)` for `IRProgram.texts[k]`).
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
    var bytes: UnsafeBufferPointer<UInt8> {
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

private let builtins = Builtin.allCases
private let quantifiers: [Quantifier] = [.all, .any, .none, .count]
private let binaryOperators = BinaryOperator.allCases

/// Does `x` read nothing of the dossier, nor of a variable or the date?
/// `constantLets` tells which of the lets before it are constant.
private func isConstant(_ x: X, _ constantLets: [Bool]) -> Bool {
    func all(_ list: XList) -> Bool { list.allSatisfy { isConstant($0, constantLets) } }
    switch x.op {
    case .constant: return true
    case .root, .local, .callDef, .quantifier: return false
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

/// A statement of a rule body, over handles. Plain values only: the body
/// loop copies each statement, and a message array or a name here cost a
/// retain and a release per statement run. `message` and `variable` index
/// `IRProgram.messages` and `.variables`, read only to report.
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
    subscript(i: Int) -> XStatement { t.pointee.statements[Int(start) + i] }
}

/// A rule's `when` and body, over handles.
struct XRule {
    var when: X?
    var body: XBody
}

/// A program lowered to the flat IR, once per ruleset: the tables every
/// worker walks (shared read-only, never written after `init`) and the side
/// tables the evaluators copy (see `IRStorage`). Build it once and hand it to
/// each `Evaluator`; the lowering, the regexes and the analysis of constant
/// lets are then done once however many workers check.
// Unchecked: every stored property is a `let`; `tables` points to memory this object owns and writes only in `init`.
package final class IRProgram: @unchecked Sendable {
    /// The program this IR was lowered from.
    package let program: Program
    let tables: UnsafeMutablePointer<IRTables>
    let constants: [Value]
    let texts: [String]
    let keyTexts: [String]
    let regexes: [RegexBox]
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
    let rules: [XRule]
    // Per rule, let and def: what the hot loop needs, as plain values, so a
    // worker never touches the shared program's reference counts.
    let ruleFrom: [CivilDate?]
    let ruleUntil: [CivilDate?]
    let ruleFrames: [Int]
    let letFrames: [Int]
    let defFrames: [Int]
    /// The ruleset's `date_field`, as field names.
    let dateKeys: [[UInt8]]?

    /// Lowers `program`'s lets, defs, rules and schema conditions into the tables.
    package init(program: Program) {
        self.program = program
        // The tables' address is fixed first, so the handles made while
        // lowering already point at it; they are read only once it is filled.
        tables = .allocate(capacity: 1)
        var b = Builder(t: UnsafePointer(tables))
        lets = program.lets.map { b.lower($0.value) }
        defs = program.defs.map { b.lower($0.body) }
        rules = program.rules.map { r in XRule(when: r.when.map { b.lower($0) }, body: b.lower(r.body)) }
        schemaConditions = program.schemaConditions.map { b.lower($0.code) }
        schemaConditionFrames = program.schemaConditions.map(\.frameSize)
        func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, a.count))
            _ = p.initialize(from: a)
            return UnsafeMutableBufferPointer(rebasing: p[0..<a.count])
        }
        tables.initialize(to: IRTables(
            nodes: copy(b.nodes), spans: copy(b.spans), operands: copy(b.operands), steps: copy(b.steps),
            keyBytes: copy(b.keyBytes), keyRanges: copy(b.keyRanges), statements: copy(b.statements),
            builtins: copy(builtins), quantifiers: copy(quantifiers), binaryOperators: copy(binaryOperators),
            pathPrefix: copy(program.pathCachePrefix.map { Int32($0) })))
        constants = b.constants
        texts = b.texts
        keyTexts = b.keyTexts
        regexes = b.regexes
        objectKeys = b.objectKeys
        messages = b.messages
        variables = b.variables
        comprehensionVariables = b.comprehensionVariables
        var constant: [Bool] = []
        for x in lets { constant.append(isConstant(x, constant)) }
        letIsConstant = constant
        ruleFrom = program.rules.map(\.effectiveFrom)
        ruleUntil = program.rules.map(\.effectiveUntil)
        ruleFrames = program.rules.map(\.frameSize)
        letFrames = program.lets.map(\.frameSize)
        defFrames = program.defs.map(\.frameSize)
        dateKeys = program.dateField?.map { Array($0.text.utf8) }
    }

    deinit {
        let t = tables.pointee
        for p in [UnsafeMutableRawPointer(t.nodes.baseAddress), UnsafeMutableRawPointer(t.spans.baseAddress),
                  UnsafeMutableRawPointer(t.operands.baseAddress), UnsafeMutableRawPointer(t.steps.baseAddress),
                  UnsafeMutableRawPointer(t.keyBytes.baseAddress), UnsafeMutableRawPointer(t.keyRanges.baseAddress),
                  UnsafeMutableRawPointer(t.statements.baseAddress), UnsafeMutableRawPointer(t.builtins.baseAddress),
                  UnsafeMutableRawPointer(t.quantifiers.baseAddress), UnsafeMutableRawPointer(t.binaryOperators.baseAddress),
                  UnsafeMutableRawPointer(t.pathPrefix.baseAddress)] {
            p?.deallocate()
        }
        tables.deinitialize(count: 1)
        tables.deallocate()
    }

    /// Flattens `Code` trees into the arrays copied into the tables.
    private struct Builder {
        let t: UnsafePointer<IRTables>
        var nodes: [IRNode] = []
        var spans: [Span] = []
        var operands: [Int32] = []
        var steps: [IRStep] = []
        var keyBytes: [UInt8] = []
        var keyRanges: [Int32] = []
        var keyIndex: [String: Int32] = [:]
        var constants: [Value] = []
        var texts: [String] = []
        var keyTexts: [String] = []
        var regexes: [RegexBox] = []
        var objectKeys: [String] = []
        var statements: [XStatement] = []
        var messages: [[(lang: String, text: X)]] = []
        var variables: [String] = []
        var comprehensionVariables: [Int32: String] = [:]

        /// Lowers inner bodies first, so each body's statements end up consecutive.
        mutating func lower(_ body: [CompiledStatement]) -> XBody {
            var lowered: [XStatement] = []
            for s in body {
                switch s {
                case .require(let c, let message, _):
                    let condition = lower(c)
                    messages.append(message.entries.map { ($0.lang, lower($0.text)) })
                    lowered.append(.require(condition: condition, message: messages.count - 1))
                case .forEach(let slot, let index, let v, let c, let f, let inner, _):
                    let collection = lower(c), filter = f.map { lower($0) }, innerBody = lower(inner)
                    variables.append(index.map { v + ", " + $0.name } ?? v)
                    lowered.append(.forEach(slot: slot, indexSlot: index?.slot ?? -1, variable: variables.count - 1, collection: collection, filter: filter, body: innerBody))
                }
            }
            let start = Int32(statements.count)
            statements += lowered
            return XBody(start: start, count32: Int32(lowered.count), t: t)
        }

        mutating func lower(_ code: Code) -> X {
            X(id: node(code), t: t)
        }

        private mutating func add(_ kind: IRKind, _ span: Span, sub: UInt8 = 0, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0, _ d: Int32 = 0) -> Int32 {
            nodes.append(IRNode(kind: kind, sub: sub, a: a, b: b, c: c, d: d))
            spans.append(span)
            return Int32(nodes.count - 1)
        }

        /// Lowers children first, then appends the operands list.
        private mutating func list(_ codes: [Code]) -> (Int32, Int32) {
            let ids = codes.map { node($0) }
            let start = Int32(operands.count)
            operands += ids
            return (start, Int32(ids.count))
        }

        private mutating func key(_ k: Key) -> Int32 {
            if let i = keyIndex[k.text] { return i }
            let i = Int32(keyTexts.count)
            keyRanges.append(Int32(keyBytes.count))
            keyBytes += k.bytes
            keyRanges.append(Int32(keyBytes.count))
            keyTexts.append(k.text)
            keyIndex[k.text] = i
            return i
        }

        private mutating func node(_ code: Code) -> Int32 {
            let span = code.span
            switch code.op {
            case .constant(let v):
                constants.append(v)
                return add(.constant, span, Int32(constants.count - 1))
            case .format(let parts):
                var raw: [Int32] = []
                for p in parts {
                    switch p {
                    case .text(let t):
                        texts.append(t)
                        raw.append(-Int32(texts.count))
                    case .value(let c):
                        raw.append(node(c))
                    }
                }
                let start = Int32(operands.count)
                operands += raw
                return add(.format, span, start, Int32(raw.count))
            case .path(let base, let ss, let slot):
                let b = node(base)
                var lowered: [IRStep] = []
                for s in ss {
                    switch s {
                    case .key(let k): lowered.append(IRStep(kind: 0, a: key(k)))
                    case .index(let c): lowered.append(IRStep(kind: 1, a: node(c)))
                    case .project: lowered.append(IRStep(kind: 2, a: 0))
                    }
                }
                let start = Int32(steps.count)
                steps += lowered
                return add(.path, span, b, start, Int32(lowered.count), Int32(slot))
            case .root:
                return add(.root, span)
            case .local(let slot):
                return add(.local, span, Int32(slot))
            case .global(let k):
                return add(.global, span, Int32(k))
            case .call(let f, let args):
                let (s, n) = list(args)
                return add(.call, span, sub: UInt8(Builtin.allCases.firstIndex(of: f)!), s, n)
            case .matches(let arg, let box):
                let a = node(arg)
                regexes.append(box)
                return add(.matches, span, a, Int32(regexes.count - 1))
            case .callDef(let k, let args):
                let (s, n) = list(args)
                return add(.callDef, span, Int32(k), s, n)
            case .quantifier(let q, let slot, let collection, let body):
                let c = node(collection), b = node(body)
                return add(.quantifier, span, sub: UInt8(quantifiers.firstIndex(of: q)!), Int32(slot), c, b)
            case .not(let x):
                return add(.not, span, node(x))
            case .negate(let x):
                return add(.negate, span, node(x))
            case .binary(let op, let l, let r):
                let a = node(l), b = node(r)
                return add(.binary, span, sub: UInt8(BinaryOperator.allCases.firstIndex(of: op)!), a, b)
            case .list(let items):
                let (s, n) = list(items)
                return add(.list, span, s, n)
            case .object(let entries):
                let keysStart = Int32(objectKeys.count)
                objectKeys += entries.map(\.0)
                let (s, n) = list(entries.map(\.1))
                return add(.object, span, s, n, keysStart)
            case .toDate(let x):
                return add(.toDate, span, node(x))
            case .conditional(let c, let a, let b):
                let x = node(c), y = node(a), z = node(b)
                return add(.conditional, span, x, y, z)
            case .comprehension(let slot, let variable, let collection, let filter, let element):
                let c = node(collection), f = filter.map { node($0) } ?? -1, e = node(element)
                let id = add(.comprehension, span, Int32(slot), c, e, f)
                comprehensionVariables[id] = variable
                return id
            case .bad:
                return add(.bad, span)
            }
        }
    }
}

/// One evaluator's view of a shared `IRProgram`: the tables are the
/// program's (plain values, read without reference counting); the side
/// tables are private copies. A constant string or list returned by `eval`
/// is retained, and a buffer shared between workers makes the cores fight
/// over its reference count (measured: sharing them cost the second core a
/// quarter of its throughput), so each evaluator copies them, which is far
/// cheaper than lowering the program again.
// Unchecked: every stored property is a `let`; the tables are the shared program's, never written after its `init`.
final class IRStorage: @unchecked Sendable {
    /// The IR this evaluator reads; it keeps `tables` alive.
    let shared: IRProgram
    let tables: UnsafeMutablePointer<IRTables>
    let constants: [Value]
    let texts: [String]
    let keyTexts: [String]
    let regexes: [RegexBox]
    let objectKeys: [String]
    let messages: [[(lang: String, text: X)]]
    let variables: [String]
    let comprehensionVariables: [Int32: String]
    let lets: [X]
    let schemaConditions: [X]
    let schemaConditionFrames: [Int]
    let letIsConstant: [Bool]
    let defs: [X]
    let rules: [XRule]
    let ruleFrom: [CivilDate?]
    let ruleUntil: [CivilDate?]
    let ruleFrames: [Int]
    let letFrames: [Int]
    let defFrames: [Int]
    let dateKeys: [[UInt8]]?

    /// Private copies of `shared`'s side tables (new buffers, not shared ones).
    init(_ shared: IRProgram) {
        self.shared = shared
        tables = shared.tables
        constants = shared.constants.map(privateCopy)
        texts = shared.texts.map(privateString)
        keyTexts = shared.keyTexts.map(privateString)
        regexes = shared.regexes
        objectKeys = shared.objectKeys.map(privateString)
        messages = shared.messages.map { $0.map { (privateString($0.lang), $0.text) } }
        variables = shared.variables.map(privateString)
        comprehensionVariables = shared.comprehensionVariables
        lets = shared.lets.map { $0 }
        schemaConditions = shared.schemaConditions.map { $0 }
        schemaConditionFrames = shared.schemaConditionFrames.map { $0 }
        letIsConstant = shared.letIsConstant.map { $0 }
        defs = shared.defs.map { $0 }
        rules = shared.rules.map { $0 }
        ruleFrom = shared.ruleFrom.map { $0 }
        ruleUntil = shared.ruleUntil.map { $0 }
        ruleFrames = shared.ruleFrames.map { $0 }
        letFrames = shared.letFrames.map { $0 }
        defFrames = shared.defFrames.map { $0 }
        dateKeys = shared.dateKeys?.map { $0.map { $0 } }
    }
}

/// A string with its own storage, not sharing another's buffer.
private func privateString(_ s: String) -> String {
    String(decoding: Array(s.utf8), as: UTF8.self)
}
