import Base
import Diagnostics
import Syntax

// The compiled form of every expression of a ruleset: flat tables of plain
// nodes, built by the analyzer as it checks the syntax tree (`IRBuilder`)
// and frozen once per ruleset (`IRProgram`), then shared read-only by every
// evaluator. The hot loop walks POD nodes by index and pays no reference
// counting. `X` is a handle to one expression; its `op` decodes into an enum
// whose payloads are all plain values, so the evaluator reads like a tree walk.
//
// Measured with callgrind on `check` of 1,000 corpus dossiers: together with
// the path cache and the raw document views, evaluation went from 441 M to
// 261 M instructions (about 170 M after later work: plain rule bodies,
// prefix-cached root paths, constant lets kept between dossiers).
//
// The handles are decoded in the evaluator's module (IRDecode.swift): a
// decode in this module, even `@inlinable`, was not inlined into the
// evaluation loop (measured: evaluation 35 % more instructions).

/// One node of the flat table.
package struct IRNode {
    /// What the node is.
    package var kind: IRKind
    /// Operator, built-in or quantifier, by index.
    package var sub: UInt8
    /// The payloads; what each means depends on `kind` (see `X.op`).
    package var a: Int32
    package var b: Int32
    package var c: Int32
    package var d: Int32
}

/// The kinds of `IRNode`.
package enum IRKind: UInt8 {
    case constant, format, path, root, local, global, call, matches, callDef, quantifier
    case not, negate, binary, list, object, toDate, bad
    case conditional, comprehension
    /// A `def` call inlined at its call site (see `XOp.inlined`).
    case inlined
}

/// One step of a path: key (a = key index), index (a = node), project.
package struct IRStep {
    /// 0 a key, 1 an index expression, 2 `[*]`.
    package var kind: UInt8
    /// The key's index or the index expression's node.
    package var a: Int32
}

/// The POD tables, at a fixed address for the program's lifetime.
package struct IRTables {
    package var nodes: UnsafeMutableBufferPointer<IRNode>
    package var spans: UnsafeMutableBufferPointer<Span>
    package var operands: UnsafeMutableBufferPointer<Int32>
    package var steps: UnsafeMutableBufferPointer<IRStep>
    package var keyBytes: UnsafeMutableBufferPointer<UInt8>
    /// Start and end of each key in `keyBytes`.
    package var keyRanges: UnsafeMutableBufferPointer<Int32>
    /// Rule bodies: each body is a run of consecutive statements.
    package var statements: UnsafeMutableBufferPointer<XStatement>
    // What `IRNode.sub` indexes, as plain tables: reading a global array
    // here cost a lazy-initialisation check and a retain per node visited.
    package var builtins: UnsafeMutableBufferPointer<Builtin>
    package var quantifiers: UnsafeMutableBufferPointer<Quantifier>
    package var binaryOperators: UnsafeMutableBufferPointer<BinaryOperator>
    /// `Program.pathCachePrefix`.
    package var pathPrefix: UnsafeMutableBufferPointer<Int32>
}

/// A handle to one expression. Decoded by the evaluator (its
/// `Sources/Evaluator/IRDecode.swift`, where the decode inlines into the
/// evaluation loop).
package struct X {
    /// The node's index in `IRTables.nodes`.
    package let id: Int32
    /// The tables the node is in.
    package let t: UnsafePointer<IRTables>

    /// A handle to node `id` of `t`.
    @inlinable @inline(__always) package init(id: Int32, t: UnsafePointer<IRTables>) {
        self.id = id
        self.t = t
    }
}

/// A decoded node. `.constant` and `.matches` name entries of the side
/// tables (`SideTables.constants`, `.regexes`); a `.format` operand is a node
/// or, negative, a text (`-(k + 1)` for `SideTables.texts[k]`).
package enum XOp {
    case constant(Int)
    case format(XList)
    /// A path from `base`; `slot` is its entry in the per-dossier path cache, or -1.
    case path(X, XSteps, slot: Int)
    case root
    /// A frame slot: a `for each` or quantifier variable, or a `def` parameter.
    case local(Int)
    /// A `let`, by index.
    case global(Int)
    case call(Builtin, XList)
    case matches(X, Int)
    /// A `def`, by index, with its arguments: evaluated in a frame of its own.
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
    /// `callDef` without a frame of its own: the arguments are evaluated
    /// first, all of them, and the body's reads are promoted before theirs.
    case inlined(slot: Int, XList, X)
}

/// Expressions listed in the operand table (arguments, list items).
package struct XList {
    /// The first entry's index in the operand table.
    package let start: Int32
    /// How many entries.
    package let count32: Int32
    /// The tables the entries are in.
    package let t: UnsafePointer<IRTables>
    /// The run `start..<start + count32` of `t`'s operands.
    @inlinable @inline(__always) package init(start: Int32, count32: Int32, t: UnsafePointer<IRTables>) {
        self.start = start
        self.count32 = count32
        self.t = t
    }
}

/// A field name of a path.
package struct KeyRef {
    /// The key's index (`SideTables.keyTexts`).
    package let index: Int32
    /// The tables the key is in.
    package let t: UnsafePointer<IRTables>
    /// Key `index` of `t`.
    @inlinable @inline(__always) package init(index: Int32, t: UnsafePointer<IRTables>) {
        self.index = index
        self.t = t
    }
}

/// A decoded path step.
package enum XStep {
    case key(KeyRef)
    case index(X)
    case project
}

/// The steps of a path.
package struct XSteps {
    /// The first step's index in the step table.
    package let start: Int32
    /// How many steps.
    package let count32: Int32
    /// The tables the steps are in.
    package let t: UnsafePointer<IRTables>
    /// The run `start..<start + count32` of `t`'s steps.
    @inlinable @inline(__always) package init(start: Int32, count32: Int32, t: UnsafePointer<IRTables>) {
        self.start = start
        self.count32 = count32
        self.t = t
    }
}

/// A statement of a rule body, over handles. Plain values only: the body
/// loop copies each statement, and a message array or a name here cost a
/// retain and a release per statement run. `message` and `variable` index
/// `SideTables.messages` and `.variables`, read only to report.
package enum XStatement {
    case require(condition: X, message: Int)
    /// `indexSlot` is -1 when the loop names no position variable.
    case forEach(slot: Int, indexSlot: Int, variable: Int, collection: X, filter: X?, body: XBody)
}

/// The statements of a body.
package struct XBody {
    /// The first statement's index in the statement table.
    package let start: Int32
    /// How many statements.
    package let count32: Int32
    /// The tables the statements are in.
    package let t: UnsafePointer<IRTables>
    /// The run `start..<start + count32` of `t`'s statements.
    @inlinable @inline(__always) package init(start: Int32, count32: Int32, t: UnsafePointer<IRTables>) {
        self.start = start
        self.count32 = count32
        self.t = t
    }
}

/// A rule's `when` and body, over handles.
package struct XRule {
    /// The `when` condition, or nil for always.
    package var when: X?
    /// The statements.
    package var body: XBody
}

/// Where a rule body's statements are in the statement table.
package struct IRBody: Sendable {
    /// The first statement.
    package var start: Int32
    /// How many statements.
    package var count: Int32
    /// An empty body.
    package static let empty = IRBody(start: 0, count: 0)
}

// MARK: - The program's IR

/// What an evaluator reads besides the node tables: the values the nodes
/// name (constants, texts, regexes, …) and, per rule, let and def, what the
/// hot loop needs as plain values. Said once: the program holds one, and an
/// evaluator reads it (or a private copy of it, see `privateCopy`).
package struct SideTables {
    package var constants: [Value]
    package var texts: [String]
    /// Each key's name (`KeyRef.index`), for pointers and messages.
    package var keyTexts: [String]
    package var regexes: [RegexBox]
    /// The keys of object literals (`XOp.object`'s `keys` is the first).
    package var objectKeys: [String]
    /// Each `require`'s message (by `XStatement.require.message`).
    package var messages: [[(lang: String, text: X)]]
    /// Each `for each` variable's name (`it, i` with a position variable).
    package var variables: [String]
    /// Each comprehension's variable name, by node (read only to explain).
    package var comprehensionVariables: [Int32: String]
    /// Each `let`'s value, and the frame slots it needs.
    package var lets: [X]
    package var letFrames: [Int]
    /// Lets that read nothing of the dossier (tables of thresholds, lists of
    /// names): computed for the first dossier and kept for the others.
    /// Filled by the evaluator (`constantLets`), which decodes the IR.
    package var letIsConstant: [Bool]
    /// Each `def`'s body, and its frame (parameters first).
    package var defs: [X]
    package var defFrames: [Int]
    /// The schema's `required when` conditions (`Program.schemaConditions`) and their frame sizes.
    package var schemaConditions: [X]
    package var schemaConditionFrames: [Int]
    /// Per rule (of the program the tables were made for): its `when` and
    /// body, dates in force and frame size.
    package var rules: [XRule]
    package var ruleFrom: [CivilDate?]
    package var ruleUntil: [CivilDate?]
    package var ruleFrames: [Int]
    /// The ruleset's `date_field`, as field names.
    package var dateKeys: [[UInt8]]?

    /// The same tables for `rules` (a selection of the program's, in their
    /// order): the rule entries are remade, the rest is shared.
    package func forRules(_ rules: [CompiledRule], _ t: UnsafePointer<IRTables>) -> SideTables {
        var s = self
        s.rules = rules.map { XRule(when: $0.when.map { X(id: $0, t: t) }, body: XBody(start: $0.body.start, count32: $0.body.count, t: t)) }
        s.ruleFrom = rules.map(\.effectiveFrom)
        s.ruleUntil = rules.map(\.effectiveUntil)
        s.ruleFrames = rules.map(\.frameSize)
        return s
    }

    /// The same tables in storage of their own: no buffer shared with the
    /// program's, so evaluators on different cores do not share the
    /// reference counts of the values they return (see `Evaluator.init`).
    package func privateCopy() -> SideTables {
        var s = self
        s.constants = constants.map(privateValue)
        s.texts = texts.map(privateString)
        s.keyTexts = keyTexts.map(privateString)
        s.objectKeys = objectKeys.map(privateString)
        s.messages = messages.map { $0.map { (privateString($0.lang), $0.text) } }
        s.variables = variables.map(privateString)
        s.lets = lets.map { $0 }
        s.letFrames = letFrames.map { $0 }
        s.letIsConstant = letIsConstant.map { $0 }
        s.defs = defs.map { $0 }
        s.defFrames = defFrames.map { $0 }
        s.schemaConditions = schemaConditions.map { $0 }
        s.schemaConditionFrames = schemaConditionFrames.map { $0 }
        s.rules = rules.map { $0 }
        s.ruleFrom = ruleFrom.map { $0 }
        s.ruleUntil = ruleUntil.map { $0 }
        s.ruleFrames = ruleFrames.map { $0 }
        s.dateKeys = dateKeys?.map { $0.map { $0 } }
        return s
    }
}

/// The same value in storage of its own.
private func privateValue(_ v: Value) -> Value {
    switch v {
    case .string(let s): return .string(privateString(s))
    case .list(let vs): return .list(vs.map(privateValue))
    case .object(let entries): return .object(entries.map { (privateString($0.0), privateValue($0.1)) })
    case .bigInteger(let d, let digits): return .bigInteger(d, privateString(digits))
    default: return v
    }
}

/// A string with its own storage, not sharing another's buffer.
private func privateString(_ s: String) -> String {
    String(decoding: Array(s.utf8), as: UTF8.self)
}

/// A ruleset's IR, built once by the analyzer (`IRBuilder.finish`) and
/// shared read-only by every evaluator of the ruleset: the node tables
/// (plain values, at a fixed address) and the side tables.
// Unchecked: every stored property is a `let`; `tables` points to memory this object owns and writes only in `init`.
package final class IRProgram: @unchecked Sendable {
    /// The node tables.
    package let tables: UnsafeMutablePointer<IRTables>
    /// The side tables, for the rules the analyzer compiled.
    package let side: SideTables

    fileprivate init(tables: UnsafeMutablePointer<IRTables>, side: SideTables) {
        self.tables = tables
        self.side = side
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

    /// A handle to node `id`.
    package func expr(_ id: Int32) -> X { X(id: id, t: UnsafePointer(tables)) }

    /// How many nodes the tables hold.
    package var nodeCount: Int { tables.pointee.nodes.count }
}

// MARK: - Building

/// One step of a path being built.
package enum PathStep {
    case key(String)
    /// `[expr]`: a number indexes a list, a string names a field (the node).
    case index(Int32)
    /// `[*]`: the remaining steps apply to every element.
    case project
}

/// One piece of an interpolated string being built.
package enum FormatPiece {
    case text(String)
    case value(Int32)
}

private let builtins = Builtin.allCases
private let quantifiers: [Quantifier] = [.all, .any, .none, .count]
private let binaryOperators = BinaryOperator.allCases

/// Appends IR nodes to growing tables while the analyzer checks the syntax
/// tree; `finish` freezes them into an `IRProgram`. Nodes are named by
/// index (`Int32`); the analyzer looks back at what it built through
/// `kind`, `constantValue` and `path`.
package struct IRBuilder {
    /// Where the tables will be: fixed first, so the statements built refer to it.
    private let t: UnsafeMutablePointer<IRTables>
    private var nodes: [IRNode] = []
    private var spans: [Span] = []
    private var operands: [Int32] = []
    private var steps: [IRStep] = []
    private var keyBytes: [UInt8] = []
    private var keyRanges: [Int32] = []
    private var keyIndex: [String: Int32] = [:]
    private var statements: [XStatement] = []
    private var side = SideTables(
        constants: [], texts: [], keyTexts: [], regexes: [], objectKeys: [], messages: [], variables: [], comprehensionVariables: [:],
        lets: [], letFrames: [], letIsConstant: [], defs: [], defFrames: [], schemaConditions: [], schemaConditionFrames: [],
        rules: [], ruleFrom: [], ruleUntil: [], ruleFrames: [], dateKeys: nil)
    private var finished = false

    /// An empty builder.
    package init() {
        t = .allocate(capacity: 1)
    }

    private var handle: UnsafePointer<IRTables> { UnsafePointer(t) }

    /// Appends a node; returns its index.
    package mutating func add(_ kind: IRKind, _ span: Span, sub: UInt8 = 0, _ a: Int32 = 0, _ b: Int32 = 0, _ c: Int32 = 0, _ d: Int32 = 0) -> Int32 {
        nodes.append(IRNode(kind: kind, sub: sub, a: a, b: b, c: c, d: d))
        spans.append(span)
        return Int32(nodes.count - 1)
    }

    /// Appends `ids` to the operand table; returns where they start and how many.
    private mutating func operandList(_ ids: [Int32]) -> (Int32, Int32) {
        let start = Int32(operands.count)
        operands += ids
        return (start, Int32(ids.count))
    }

    private mutating func key(_ text: String) -> Int32 {
        if let i = keyIndex[text] { return i }
        let i = Int32(side.keyTexts.count)
        keyRanges.append(Int32(keyBytes.count))
        keyBytes += text.utf8
        keyRanges.append(Int32(keyBytes.count))
        side.keyTexts.append(text)
        keyIndex[text] = i
        return i
    }

    /// A constant.
    package mutating func constant(_ v: Value, _ span: Span) -> Int32 {
        side.constants.append(v)
        return add(.constant, span, Int32(side.constants.count - 1))
    }

    /// A string with interpolations.
    package mutating func format(_ pieces: [FormatPiece], _ span: Span) -> Int32 {
        var raw: [Int32] = []
        for p in pieces {
            switch p {
            case .text(let s):
                side.texts.append(s)
                raw.append(-Int32(side.texts.count))
            case .value(let n):
                raw.append(n)
            }
        }
        let (s, n) = operandList(raw)
        return add(.format, span, s, n)
    }

    /// A path from `base`, with its cache slot (-1 for none).
    package mutating func path(_ base: Int32, _ pathSteps: [PathStep], slot: Int, _ span: Span) -> Int32 {
        var built: [IRStep] = []
        for s in pathSteps {
            switch s {
            case .key(let k): built.append(IRStep(kind: 0, a: key(k)))
            case .index(let n): built.append(IRStep(kind: 1, a: n))
            case .project: built.append(IRStep(kind: 2, a: 0))
            }
        }
        let start = Int32(steps.count)
        steps += built
        return add(.path, span, base, start, Int32(built.count), Int32(slot))
    }

    /// A call of a built-in.
    package mutating func call(_ f: Builtin, _ args: [Int32], _ span: Span) -> Int32 {
        let (s, n) = operandList(args)
        return add(.call, span, sub: UInt8(builtins.firstIndex(of: f)!), s, n)
    }

    /// `matches` or `full_match` with its pattern compiled.
    package mutating func matches(_ arg: Int32, _ box: RegexBox, _ span: Span) -> Int32 {
        side.regexes.append(box)
        return add(.matches, span, arg, Int32(side.regexes.count - 1))
    }

    /// A call of `def` number `k`, in a frame of its own.
    package mutating func callDef(_ k: Int, _ args: [Int32], _ span: Span) -> Int32 {
        let (s, n) = operandList(args)
        return add(.callDef, span, Int32(k), s, n)
    }

    /// A `def`'s body compiled at its call site, its parameters in the caller's slots from `slot`.
    package mutating func inlined(slot: Int, _ args: [Int32], body: Int32, _ span: Span) -> Int32 {
        let (s, n) = operandList(args)
        return add(.inlined, span, Int32(slot), s, n, body)
    }

    /// `q(x in collection: body)`, `x` in `slot`.
    package mutating func quantifier(_ q: Quantifier, slot: Int, _ collection: Int32, _ body: Int32, _ span: Span) -> Int32 {
        add(.quantifier, span, sub: UInt8(quantifiers.firstIndex(of: q)!), Int32(slot), collection, body)
    }

    /// `l op r`.
    package mutating func binary(_ op: BinaryOperator, _ l: Int32, _ r: Int32, _ span: Span) -> Int32 {
        add(.binary, span, sub: UInt8(binaryOperators.firstIndex(of: op)!), l, r)
    }

    /// A list literal of expressions.
    package mutating func list(_ items: [Int32], _ span: Span) -> Int32 {
        let (s, n) = operandList(items)
        return add(.list, span, s, n)
    }

    /// An object literal.
    package mutating func object(_ entries: [(String, Int32)], _ span: Span) -> Int32 {
        let keys = Int32(side.objectKeys.count)
        side.objectKeys += entries.map(\.0)
        let (s, n) = operandList(entries.map(\.1))
        return add(.object, span, s, n, keys)
    }

    /// `[element for variable in collection where filter]`, the variable in `slot`.
    package mutating func comprehension(slot: Int, variable: String, _ collection: Int32, filter: Int32?, element: Int32, _ span: Span) -> Int32 {
        let id = add(.comprehension, span, Int32(slot), collection, element, filter ?? -1)
        side.comprehensionVariables[id] = variable
        return id
    }

    /// What node `id` is.
    package func kind(_ id: Int32) -> IRKind { nodes[Int(id)].kind }

    /// Where node `id` was written.
    package func span(_ id: Int32) -> Span { spans[Int(id)] }

    /// The value of a constant node, or nil.
    package func constantValue(_ id: Int32) -> Value? {
        let n = nodes[Int(id)]
        return n.kind == .constant ? side.constants[Int(n.a)] : nil
    }

    /// A path node's base and steps, or nil.
    package func path(_ id: Int32) -> (base: Int32, steps: [PathStep])? {
        let n = nodes[Int(id)]
        guard n.kind == .path else { return nil }
        let run = steps[Int(n.b)..<Int(n.b + n.c)]
        return (n.a, run.map { s in
            switch s.kind {
            case 0: .key(side.keyTexts[Int(s.a)])
            case 1: .index(s.a)
            default: .project
            }
        })
    }

    /// A mark to drop the nodes built after it (`dropConstants(after:)`).
    package var mark: (nodes: Int, constants: Int) { (nodes.count, side.constants.count) }

    /// Drops the nodes built since `mark` when they are all constants (the
    /// items of a list literal folded into one constant): nothing else can
    /// refer to them. Returns whether they were dropped.
    @discardableResult
    package mutating func dropConstants(after mark: (nodes: Int, constants: Int)) -> Bool {
        guard nodes[mark.nodes...].allSatisfy({ $0.kind == .constant }) else { return false }
        nodes.removeSubrange(mark.nodes...)
        spans.removeSubrange(mark.nodes...)
        side.constants.removeSubrange(mark.constants...)
        return true
    }

    /// Appends a rule body's statements (inner bodies were appended before,
    /// so each body is a consecutive run).
    package mutating func body(_ built: [XStatement]) -> IRBody {
        let start = Int32(statements.count)
        statements += built
        return IRBody(start: start, count: Int32(built.count))
    }

    /// A `require` statement, its message by language.
    package mutating func require(condition: Int32, message: [(lang: String, text: Int32)]) -> XStatement {
        side.messages.append(message.map { ($0.lang, X(id: $0.text, t: handle)) })
        return .require(condition: X(id: condition, t: handle), message: side.messages.count - 1)
    }

    /// A `for each` statement; `variable` as reports name it.
    package mutating func forEach(slot: Int, indexSlot: Int, variable: String, collection: Int32, filter: Int32?, body: IRBody) -> XStatement {
        side.variables.append(variable)
        return .forEach(slot: slot, indexSlot: indexSlot, variable: side.variables.count - 1, collection: X(id: collection, t: handle),
                        filter: filter.map { X(id: $0, t: handle) }, body: XBody(start: body.start, count32: body.count, t: handle))
    }

    /// Freezes the tables into the program's IR, with the side tables of
    /// its lets, defs, schema conditions and rules. Call once.
    package mutating func finish(lets: [CompiledLet], defs: [CompiledDef], conditions: [SchemaCondition], rules: [CompiledRule],
                                 pathCachePrefix: [Int], dateKeys: [[UInt8]]?) -> IRProgram {
        precondition(!finished, "an IR builder is finished once")
        finished = true
        func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, a.count))
            _ = p.initialize(from: a)
            return UnsafeMutableBufferPointer(rebasing: p[0..<a.count])
        }
        t.initialize(to: IRTables(
            nodes: copy(nodes), spans: copy(spans), operands: copy(operands), steps: copy(steps),
            keyBytes: copy(keyBytes), keyRanges: copy(keyRanges), statements: copy(statements),
            builtins: copy(builtins), quantifiers: copy(quantifiers), binaryOperators: copy(binaryOperators),
            pathPrefix: copy(pathCachePrefix.map { Int32($0) })))
        var s = side
        s.lets = lets.map { X(id: $0.value, t: handle) }
        s.letFrames = lets.map(\.frameSize)
        s.defs = defs.map { X(id: $0.body, t: handle) }
        s.defFrames = defs.map(\.frameSize)
        s.schemaConditions = conditions.map { X(id: $0.node, t: handle) }
        s.schemaConditionFrames = conditions.map(\.frameSize)
        s.dateKeys = dateKeys
        return IRProgram(tables: t, side: s.forRules(rules, handle))
    }
}
