import Base
import Diagnostics
import Syntax

// The compiled form of every expression of a ruleset: flat tables of plain
// nodes, built by the analyzer as it checks the syntax tree (`IRBuilder`)
// and frozen once per ruleset (`IRProgram`), then shared read-only by every
// evaluator. The hot loop walks POD nodes by index and pays no reference
// counting.
//
// Measured with callgrind on `check` of 1,000 corpus dossiers: together with
// the path cache and the raw document views, evaluation went from 441 M to
// 261 M instructions (about 170 M after later work: plain rule bodies,
// prefix-cached root paths, constant lets kept between dossiers).
//
// The handles the evaluator walks the tables with (`X`, `XOp`, …) are the
// evaluator's own (Sources/Evaluator/IR.swift): made and decoded in this
// module, even `@inlinable`, each node visited cost calls (measured with
// callgrind on 500 dossiers: evaluation 164 M instructions with them in the
// evaluator's module, 181 M to 222 M with them here).

/// One node of the flat table.
package struct IRNode {
    /// What the node is.
    package var kind: IRKind
    /// Operator, built-in or quantifier, by index.
    package var sub: UInt8
    /// The payloads; what each means depends on `kind` (see the evaluator's `X.op`).
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
    package var statements: UnsafeMutableBufferPointer<IRStatement>
    // What `IRNode.sub` indexes, as plain tables: reading a global array
    // here cost a lazy-initialisation check and a retain per node visited.
    package var builtins: UnsafeMutableBufferPointer<Builtin>
    package var quantifiers: UnsafeMutableBufferPointer<Quantifier>
    package var binaryOperators: UnsafeMutableBufferPointer<BinaryOperator>
    /// `Program.pathCachePrefix`.
    package var pathPrefix: UnsafeMutableBufferPointer<Int32>
}

/// A statement of a rule body, as plain values. `require`: `a` the
/// condition's node, `b` its message (`IRProgram.messages`). `for each`:
/// `a` the variable's slot, `b` the position variable's slot or -1, `c`
/// its name (`IRProgram.variables`), `d` the collection's node, `e` the
/// filter's node or -1, `f` and `g` where its body's statements start and
/// how many.
package struct IRStatement {
    /// 0 `require`, 1 `for each`.
    package var kind: UInt8
    package var a: Int32
    package var b: Int32
    package var c: Int32 = 0
    package var d: Int32 = 0
    package var e: Int32 = 0
    package var f: Int32 = 0
    package var g: Int32 = 0
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

/// A ruleset's IR, built once by the analyzer (`IRBuilder.finish`) and
/// shared read-only by every evaluator of the ruleset: the node tables
/// (plain values, at a fixed address) and what the nodes name. The lets,
/// defs, rules and schema conditions name their nodes themselves
/// (`CompiledLet.value`, `CompiledRule.when`, …).
// Unchecked: every stored property is a `let`; `tables` points to memory this object owns and writes only in `init`.
package final class IRProgram: @unchecked Sendable {
    /// The node tables.
    package let tables: UnsafeMutablePointer<IRTables>
    /// The constants (`IRKind.constant`'s `a`).
    package let constants: [Value]
    /// The texts of interpolated strings (a `format` operand `-(k + 1)`).
    package let texts: [String]
    /// Each key's name (an `IRStep` key's `a`), for pointers and messages.
    package let keyTexts: [String]
    /// The compiled patterns (`IRKind.matches`'s `b`).
    package let regexes: [RegexBox]
    /// The keys of object literals (`IRKind.object`'s `c` is the first).
    package let objectKeys: [String]
    /// Each `require`'s message by language: its nodes.
    package let messages: [[(lang: String, node: Int32)]]
    /// Each `for each` variable's name (`it, i` with a position variable).
    package let variables: [String]
    /// Each comprehension's variable name, by node (read only to explain).
    package let comprehensionVariables: [Int32: String]

    fileprivate init(tables: UnsafeMutablePointer<IRTables>, _ b: IRBuilder) {
        self.tables = tables
        constants = b.constants
        texts = b.texts
        keyTexts = b.keyTexts
        regexes = b.regexes
        objectKeys = b.objectKeys
        messages = b.messages
        variables = b.variables
        comprehensionVariables = b.comprehensionVariables
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
    private var nodes: [IRNode] = []
    private var spans: [Span] = []
    private var operands: [Int32] = []
    private var steps: [IRStep] = []
    private var keyBytes: [UInt8] = []
    private var keyRanges: [Int32] = []
    private var keyIndex: [String: Int32] = [:]
    private var statements: [IRStatement] = []
    // What the nodes name; `IRProgram` takes them over.
    fileprivate var constants: [Value] = []
    fileprivate var texts: [String] = []
    fileprivate var keyTexts: [String] = []
    fileprivate var regexes: [RegexBox] = []
    fileprivate var objectKeys: [String] = []
    fileprivate var messages: [[(lang: String, node: Int32)]] = []
    fileprivate var variables: [String] = []
    fileprivate var comprehensionVariables: [Int32: String] = [:]

    /// An empty builder.
    package init() {}

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
        let i = Int32(keyTexts.count)
        keyRanges.append(Int32(keyBytes.count))
        keyBytes += text.utf8
        keyRanges.append(Int32(keyBytes.count))
        keyTexts.append(text)
        keyIndex[text] = i
        return i
    }

    /// A constant.
    package mutating func constant(_ v: Value, _ span: Span) -> Int32 {
        constants.append(v)
        return add(.constant, span, Int32(constants.count - 1))
    }

    /// A string with interpolations.
    package mutating func format(_ pieces: [FormatPiece], _ span: Span) -> Int32 {
        var raw: [Int32] = []
        for p in pieces {
            switch p {
            case .text(let s):
                texts.append(s)
                raw.append(-Int32(texts.count))
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
        regexes.append(box)
        return add(.matches, span, arg, Int32(regexes.count - 1))
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
        let keys = Int32(objectKeys.count)
        objectKeys += entries.map(\.0)
        let (s, n) = operandList(entries.map(\.1))
        return add(.object, span, s, n, keys)
    }

    /// `[element for variable in collection where filter]`, the variable in `slot`.
    package mutating func comprehension(slot: Int, variable: String, _ collection: Int32, filter: Int32?, element: Int32, _ span: Span) -> Int32 {
        let id = add(.comprehension, span, Int32(slot), collection, element, filter ?? -1)
        comprehensionVariables[id] = variable
        return id
    }

    /// What node `id` is.
    package func kind(_ id: Int32) -> IRKind { nodes[Int(id)].kind }

    /// Where node `id` was written.
    package func span(_ id: Int32) -> Span { spans[Int(id)] }

    /// The value of a constant node, or nil.
    package func constantValue(_ id: Int32) -> Value? {
        let n = nodes[Int(id)]
        return n.kind == .constant ? constants[Int(n.a)] : nil
    }

    /// A path node's base and steps, or nil.
    package func path(_ id: Int32) -> (base: Int32, steps: [PathStep])? {
        let n = nodes[Int(id)]
        guard n.kind == .path else { return nil }
        let run = steps[Int(n.b)..<Int(n.b + n.c)]
        return (n.a, run.map { s in
            switch s.kind {
            case 0: .key(keyTexts[Int(s.a)])
            case 1: .index(s.a)
            default: .project
            }
        })
    }

    /// A mark to drop the nodes built after it (`dropConstants(after:)`).
    package var mark: (nodes: Int, constants: Int) { (nodes.count, constants.count) }

    /// Drops the nodes built since `mark` when they are all constants (the
    /// items of a list literal folded into one constant): nothing else can
    /// refer to them. Returns whether they were dropped.
    @discardableResult
    package mutating func dropConstants(after mark: (nodes: Int, constants: Int)) -> Bool {
        guard nodes[mark.nodes...].allSatisfy({ $0.kind == .constant }) else { return false }
        nodes.removeSubrange(mark.nodes...)
        spans.removeSubrange(mark.nodes...)
        constants.removeSubrange(mark.constants...)
        return true
    }

    /// Appends a rule body's statements (inner bodies were appended before,
    /// so each body is a consecutive run).
    package mutating func body(_ built: [IRStatement]) -> IRBody {
        let start = Int32(statements.count)
        statements += built
        return IRBody(start: start, count: Int32(built.count))
    }

    /// A `require` statement, its message by language.
    package mutating func require(condition: Int32, message: [(lang: String, text: Int32)]) -> IRStatement {
        messages.append(message.map { ($0.lang, $0.text) })
        return IRStatement(kind: 0, a: condition, b: Int32(messages.count - 1))
    }

    /// A `for each` statement; `variable` as reports name it.
    package mutating func forEach(slot: Int, indexSlot: Int, variable: String, collection: Int32, filter: Int32?, body: IRBody) -> IRStatement {
        variables.append(variable)
        return IRStatement(kind: 1, a: Int32(slot), b: Int32(indexSlot), c: Int32(variables.count - 1), d: collection, e: filter ?? -1,
                           f: body.start, g: body.count)
    }

    /// Freezes the tables into the program's IR. `pathCachePrefix` is
    /// `Program.pathCachePrefix`.
    package func finish(pathCachePrefix: [Int]) -> IRProgram {
        func copy<T>(_ a: [T]) -> UnsafeMutableBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, a.count))
            _ = p.initialize(from: a)
            return UnsafeMutableBufferPointer(rebasing: p[0..<a.count])
        }
        let t = UnsafeMutablePointer<IRTables>.allocate(capacity: 1)
        t.initialize(to: IRTables(
            nodes: copy(nodes), spans: copy(spans), operands: copy(operands), steps: copy(steps),
            keyBytes: copy(keyBytes), keyRanges: copy(keyRanges), statements: copy(statements),
            builtins: copy(builtins), quantifiers: copy(quantifiers), binaryOperators: copy(binaryOperators),
            pathPrefix: copy(pathCachePrefix.map { Int32($0) })))
        return IRProgram(tables: t, self)
    }
}
