import Base
import Diagnostics
import Foundation
import JSON
import Semantics
import Syntax

/// Three-valued truth, plus `invalid` for a type error (which, like
/// unknown, yields to `false and …` and `true or …`).
package enum Truth: Sendable {
    case yes, no, unknown, invalid
}

/// Evaluates a compiled program against dossiers. One instance per worker:
/// it keeps its buffers between dossiers, so checking allocates little.
///
/// Evaluation runs twice only when it must: a fast pass decides each
/// `require`; only a requirement that is not true is evaluated again with
/// tracing on, to collect the evidence, the missing paths and the blame.
package final class Evaluator {
    /// The compiled ruleset this evaluator checks dossiers against.
    package let program: Program
    /// The date the check is made on (`today()`, and rules in force when the dossier has no date).
    package let asOf: CivilDate
    /// Why the dossiers are checked: decides what `reference_date()` gives.
    package let purpose: CheckPurpose

    // State of the dossier being checked. One evaluator serves one thread at
    // a time, so the runtime's exclusivity checks on these (measured: ~4% of
    // `check`) are switched off.
    @exclusivity(unchecked) var doc: JSONDocument
    @exclusivity(unchecked) var locals: [Value] = []
    @exclusivity(unchecked) var frameBase = 0
    @exclusivity(unchecked) var letCache: [Value?]
    @exclusivity(unchecked) var tracing = false
    /// The language of the `else` message being rendered, or nil outside
    /// one: interpolations in a message format numbers and dates for it.
    @exclusivity(unchecked) var messageLang: String? = nil
    /// The id of the current dossier's file in the run: the file of its findings' spans.
    @exclusivity(unchecked) var fileID = FileID(0)
    @exclusivity(unchecked) var trace = Trace()
    /// The last phrase folded at each `mentions` call site (by node), and its folding.
    @exclusivity(unchecked) var foldedPhrases: [Int: (phrase: String, folded: [UInt8])] = [:]
    /// The JSON pointers of the nodes findings name (`nodePointer`), by node
    /// index modulo their count, stamped with the dossier's `dossierGeneration`.
    @exclusivity(unchecked) var pointerSlots = [(stamp: UInt64, node: Int32, pointer: String)?](repeating: nil, count: pointerSlotCount)
    /// The source text of each rule span asked for (`text`), cut out once.
    @exclusivity(unchecked) var spanTexts: [Span: String] = [:]
    /// The expression texts evidence shows, numbered (`exprID`): by read,
    /// the texts, and by text.
    @exclusivity(unchecked) var exprIDs: [ExprKey: Int32] = [:]
    @exclusivity(unchecked) var exprTexts: [String] = []
    @exclusivity(unchecked) var exprIndex: [String: Int32] = [:]
    /// The reads numbered last, by `ExprKey.slot`: most are found here without hashing.
    @exclusivity(unchecked) var exprSlots = [(key: ExprKey, id: Int32)?](repeating: nil, count: exprSlotCount)
    /// The texts cut out last, by `spanSlot`: most are found here without hashing.
    @exclusivity(unchecked) var spanSlots = [(span: Span, text: String)?](repeating: nil, count: exprSlotCount)
    /// Per rule: its hint and its `unverified` thresholds as findings carry
    /// them, made once (each finding shares the arrays).
    let ruleHintTexts: [[RuleText]]
    let ruleUnverified: [[ThresholdInfo]]
    /// The table `distinct` hashes into, kept between calls (Builtins.swift).
    @exclusivity(unchecked) var distinctScratch = DistinctScratch()
    /// Raw views of the current document, valid inside `withDocument`.
    @exclusivity(unchecked) var view = JSONView.empty
    /// The current document's nodes (through `view`).
    @inline(__always) var nodes: UnsafeBufferPointer<JSONNode> { view.nodes }
    /// Per dossier: node of each cacheable root path, -1 when absent, -2 not yet looked up.
    @exclusivity(unchecked) var pathCache: [Int32]
    /// Per dossier, with values that failed validation: whether each cached
    /// root path goes through or to one (1), not (0), not yet known (-1);
    /// valid while `schemaInvalid.count` is `pathTaintStamp`.
    @exclusivity(unchecked) var pathTaint: [Int8]
    @exclusivity(unchecked) var pathTaintStamp = -1
    /// Per dossier: the values that failed schema validation, with why.
    /// Reading one gives invalid (see Validate.swift).
    @exclusivity(unchecked) var schemaInvalid = InvalidValues()
    /// The schema flattened for validation, built on first use (Validate.swift).
    var schemaPlanCache: SchemaPlan? = nil
    /// The program declares an object schema: dossiers are validated. Read
    /// once: reading `program.schema` for each dossier retained and released
    /// its box, an object every worker shares.
    let validatesSchema: Bool
    /// `program.schemaSeverity` in storage of this evaluator's, made with the plan (the same reason).
    var schemaSeverities: [SchemaProblem: RuleSeverity] = [:]
    /// Validation's buffers, kept between dossiers (Validate.swift).
    let schemaScratch = SchemaScratch()
    /// Set while a builtin reports an invalid argument, for the trace.
    var invalidHere: (node: Int32, span: Span, cause: InvalidCause)? = nil
    /// Per dossier: the lists probed by membership tests, and their indexes (Membership.swift).
    @exclusivity(unchecked) var memberships = MembershipCache()
    /// Per dossier: the element nodes of arrays indexed by position past the first few.
    @exclusivity(unchecked) var elementStarts: [Int32: [Int32]] = [:]
    /// Counts the dossiers seen: a memo stamped with another number is stale.
    @exclusivity(unchecked) var dossierGeneration: UInt64 = 0
    /// Per IR node: its slot in `operandMemo` when it is the list operand of
    /// a membership test and reads no variable, else -1.
    let memoSlots: [Int32]
    /// Per memo slot: the operand's value in this dossier, and the dossier it was computed for.
    @exclusivity(unchecked) var operandMemo: [Value]
    @exclusivity(unchecked) var operandMemoGeneration: [UInt64]
    /// The same while tracing, per traced evaluation (`Trace.generation`):
    /// the operand's reads are recorded at its first evaluation only.
    @exclusivity(unchecked) var operandTraceMemo: [Value]
    @exclusivity(unchecked) var operandTraceMemoGeneration: [UInt64]
    /// Per let, while tracing: its value in the current traced evaluation and that evaluation's stamp.
    @exclusivity(unchecked) var tracedLetValue: [Value]
    @exclusivity(unchecked) var tracedLetStamp: [UInt64]

    /// The side tables of the program's IR, for its rules (see IR.swift).
    let ir: SideTables
    /// The IR this evaluator reads: the program's, shared with every evaluator of the ruleset.
    package var sharedIR: IRProgram { program.ir }
    /// The IR's node tables.
    let t: UnsafePointer<IRTables>
    /// Per constant of the IR: the UTF-8 bytes of a string constant (in
    /// `constantTextStorage`), a buffer without base address for any other.
    /// A dossier string compared with a literal is compared with these: no
    /// `Value` of the literal copied, no retain of its String.
    let constantTexts: [UnsafeBufferPointer<UInt8>]
    /// Per constant of the IR that is a list of texts only (`["road",
    /// "school"]`): where its elements' bytes start in `listTexts` (-1 for
    /// any other constant), and how many. A dossier string looked up in such
    /// a list is compared with these bytes.
    let constantListStart: [Int32]
    let constantListCount: [Int32]
    let listTexts: [UnsafeBufferPointer<UInt8>]
    /// Per let: the constant (an index into the IR's constants) when the let
    /// is a list of texts written out (`let communes = [...]`), else -1.
    let letTextList: [Int32]
    private let constantTextStorage: UnsafeMutableBufferPointer<UInt8>
    /// Per IR node: its shape as a comparison operand (`QuickForm`), decoded
    /// once here so that `quickOperand` reads one entry, not the node's tree.
    let quickForms: UnsafeMutableBufferPointer<QuickForm>
    /// Per entry of the IR's step table: where its key was found last, as
    /// the distance from the object's node to the key's node (0: never).
    /// Read by `member(_:_:hint:)`; kept between dossiers (they share shapes).
    let memberHints: UnsafeMutableBufferPointer<Int32>
    /// Dossier dates already read from their text (`nodeDate`), by node index
    /// modulo the table's size, stamped with `dossierGeneration`.
    let dateMemo: UnsafeMutableBufferPointer<DateMemo>

    /// Creates an evaluator for `program` as of `asOf` for `purpose`, over
    /// the program's IR (built once by the analyzer, shared by every
    /// evaluator of the ruleset).
    package init(program: Program, asOf: CivilDate, purpose: CheckPurpose = .prevalidation) {
        self.program = program
        self.asOf = asOf
        self.purpose = purpose
        self.t = UnsafePointer(program.ir.tables)
        self.ir = SideTables(program, t)
        if case .object = program.schema { validatesSchema = true } else { validatesSchema = false }
        let texts = constantTextTable(ir.constants)
        (self.constantTexts, self.constantListStart, self.constantListCount, self.listTexts, self.constantTextStorage) =
            (texts.texts, texts.listStart, texts.listCount, texts.listTexts, texts.storage)
        self.quickForms = quickFormTable(t, ir.constants)
        self.memberHints = .allocate(capacity: Swift.max(t.pointee.steps.count, 1))
        memberHints.initialize(repeating: 0)
        self.dateMemo = .allocate(capacity: DateMemo.slots)
        dateMemo.initialize(repeating: DateMemo(stamp: 0, node: -1, date: CivilDate(dayNumber: 0)))
        self.letTextList = ir.lets.map { x in
            if case .constant(let k) = x.op, texts.listStart[k] >= 0 { return Int32(k) }
            return -1
        }
        self.doc = try! JSONParser.parse(Array("{}".utf8))
        self.letCache = Array(repeating: nil, count: program.lets.count)
        self.pathCache = Array(repeating: -2, count: program.pathCacheSize)
        self.pathTaint = Array(repeating: -1, count: program.pathCacheSize)
        let (slots, memoCount) = memoizedOperands(t)
        self.memoSlots = slots
        self.operandMemo = Array(repeating: .missing, count: memoCount)
        self.operandMemoGeneration = Array(repeating: 0, count: memoCount)
        self.operandTraceMemo = Array(repeating: .missing, count: memoCount)
        self.operandTraceMemoGeneration = Array(repeating: 0, count: memoCount)
        self.tracedLetValue = Array(repeating: .missing, count: program.lets.count)
        self.tracedLetStamp = Array(repeating: 0, count: program.lets.count)
        self.ruleHintTexts = program.rules.map { rule in rule.hints.map { RuleText($0.lang, $0.text) } }
        self.ruleUnverified = program.rules.map { rule in rule.unverifiedThresholds.map { program.thresholds[$0] } }
        locals.reserveCapacity(64)
    }

    deinit {
        constantTextStorage.deallocate()
        quickForms.deallocate()
        memberHints.deallocate()
        dateMemo.deallocate()
    }

    // MARK: - Tracing

    /// One path read during a traced evaluation.
    struct Read {
        var span: Span
        /// The node read, or -1.
        var node: Int32
        /// When the path is missing: the deepest node that exists, and the pointer of the absent path.
        var anchor: Int32
        var missingPointer: String?
        /// For a projected list, which `[*]` of the span's text ends the
        /// expression evidence shows (`xs[*]`); -1 for the whole text.
        var projection: Int32 = -1
        /// The order of reading (the evidence lists reads in it; blame may reorder them).
        var seq = 0
    }

    struct Trace {
        var reads: [Read] = []
        var invalid: (node: Int32, span: Span, cause: InvalidCause)? = nil
        /// The nodes of `reads`, a bit per dossier node: whether a node was
        /// read is asked for every variable read, and scanning `reads` made
        /// tracing a loop quadratic (a bit, not a hashed set: a finding
        /// records a read per element of the lists it reads).
        private var readNodes: [UInt64] = []
        /// Counts the traced evaluations (each starts with `reset`): what a
        /// traced evaluation keeps is stamped with it.
        private(set) var generation: UInt64 = 1
        mutating func reset() {
            generation &+= 1
            // The bits set are those of the reads: cleared one by one.
            for r in reads where r.node >= 0 { readNodes[Int(r.node) >> 6] = 0 }
            reads.removeAll(keepingCapacity: true)
            invalid = nil
            count = 0
        }
        var count = 0
        mutating func record(_ r: Read) {
            var r = r
            r.seq = count
            count += 1
            reads.append(r)
            if r.node >= 0 {
                let word = Int(r.node) >> 6
                if word >= readNodes.count { readNodes.append(contentsOf: repeatElement(0, count: word + 1 - readNodes.count)) }
                readNodes[word] |= 1 << (UInt64(r.node) & 63)
            }
        }
        /// Has node `n` been read?
        func hasRead(_ n: Int32) -> Bool {
            let word = Int(n) >> 6
            return n >= 0 && word < readNodes.count && readNodes[word] & (1 << (UInt64(n) & 63)) != 0
        }
    }

    /// Moves the reads of the operands that decided a result (the false side
    /// of a false `and`, the element that made `all` false, …) in front of
    /// the other reads since `start`, so the blame falls on them.
    func promoteReads(from start: Int, _ ranges: [Range<Int>]) {
        guard tracing, !ranges.isEmpty else { return }
        var promoted = repeatedArray(false, count: trace.reads.count - start)
        for r in ranges { for i in r where i >= start { promoted[i - start] = true } }
        var front: [Read] = []
        var rest: [Read] = []
        for i in start..<trace.reads.count {
            if promoted[i - start] { front.append(trace.reads[i]) } else { rest.append(trace.reads[i]) }
        }
        trace.reads.replaceSubrange(start..., with: front + rest)
    }

    /// Records a type error (the first one wins: it is the cause).
    /// The cause is built only while tracing (the words come from the
    /// message catalogue when the finding is shown).
    func invalid(_ node: Int32, _ span: Span, _ cause: @autoclosure () -> InvalidCause) -> Value {
        if tracing && trace.invalid == nil { trace.invalid = (node, span, cause()) }
        return .invalid
    }

    // MARK: - Expressions

    func eval(_ code: X) -> Value {
        switch code.op {
        case .constant(let k):
            return ir.constants[k]
        case .root:
            return .node(0)
        case .local(let slot):
            let v = locals[frameBase + slot]
            if !schemaInvalid.isEmpty, case .node(let n) = v, schemaInvalid[n] != nil { return readSchemaInvalid(n, code.span) }
            // A bare loop or quantifier variable holding a scalar is a value read, for the
            // evidence and the blame (a def parameter's value was read as its argument).
            if tracing, case .node(let n) = v, nodes[Int(n)].kind != .object, nodes[Int(n)].kind != .array,
               !trace.hasRead(n) {
                trace.record(Read(span: code.span, node: n, anchor: -1, missingPointer: nil))
            }
            return v
        case .global(let k):
            if !tracing, let v = letCache[k] { return v }
            return evalLet(k)
        case .path(let base, let steps, let slot):
            // The base variable of a path is not a read of its own: the path is.
            if case .local(let local) = base.op {
                // A loop variable on a dossier node (nearly always): its index, no `Value` copied.
                if case .node(let n) = locals[frameBase + local] {
                    // `x.field`, the usual read in a loop, outside tracing and
                    // with every value valid: one member lookup (what
                    // `evalNodePath` does then, without its loop).
                    if steps.count == 1 && !tracing && schemaInvalid.isEmpty, case .key(let key) = steps[0] {
                        guard nodes[Int(n)].kind == .object, let m = member(Int(n), key.bytes, hint: Int(steps.start)) else { return .missing }
                        return .node(Int32(m))
                    }
                    return evalNodePath(n, steps, 0, code.span)
                }
                return evalPath(locals[frameBase + local], steps, 0, code.span)
            }
            if slot >= 0 && !tracing {
                // Each root path is looked up once per dossier (tracing bypasses the cache: it records reads).
                let n = rootPath(slot, steps, steps.count)
                // With values that failed validation, a path through one (or to one) is invalid:
                // whether it is, is cached beside the node.
                if !schemaInvalid.isEmpty && rootPathTainted(slot, steps, steps.count) { return .invalid }
                return n >= 0 ? .node(n) : .missing
            }
            return evalPath(eval(base), steps, 0, code.span)
        case .format(let parts):
            return evalFormat(parts)
        case .call(let f, let args):
            return callBuiltin(f, args, code.span)
        case .matches(let arg, let k):
            return evalMatches(arg, k)
        case .callDef(let k, let args):
            return evalCallDef(k, args)
        case .inlined(let slot, let args, let body):
            return evalInlined(slot, args, body)
        case .quantifier(let q, let slot, let collection, let body):
            return evalQuantifier(q, slot, collection, body)
        case .not(let x):
            switch truth(eval(x), x.span) {
            case .yes: return .bool(false)
            case .no: return .bool(true)
            case .unknown: return .missing
            case .invalid: return .invalid
            }
        case .negate(let x):
            let v = eval(x)
            guard let n = number(v) else { return notNumber(v, x.span) }
            return .number(-n)
        case .binary(let op, let l, let r):
            return evalBinary(op, l, r, code.span)
        case .list(let items):
            return evalList(items)
        case .object(let values, let keys):
            return evalObject(values, keys)
        case .toDate(let x):
            return toDate(eval(x), x.span)
        case .bad:
            return .missing
        case .conditional(let c, let a, let b):
            return evalConditional(c, a, b)
        case .comprehension(let slot, let collection, let filter, let element):
            return evalComprehension(slot, collection, filter, element)
        }
    }

    /// `if c then a else b`. Unknown `c`: the result is unknown, with `c`'s
    /// missing paths; invalid `c`: invalid. The branch taken is blamed
    /// before the condition: its value is what the requirement judged.
    @inline(never)
    func evalConditional(_ c: X, _ a: X, _ b: X) -> Value {
        let start = trace.reads.count
        let t = truth(eval(c), c.span)
        let middle = trace.reads.count
        let v: Value
        switch t {
        case .yes: v = eval(a)
        case .no: v = eval(b)
        case .unknown: return .missing
        case .invalid: return .invalid
        }
        promoteReads(from: start, [middle..<trace.reads.count])
        return v
    }

    /// `[e for x in xs where c]`. An element whose `where` is unknown or
    /// invalid makes the whole list so: whether it belongs cannot be told,
    /// and a `count` or `sum` without it would pass silently. A kept
    /// element's value goes in as it is (missing stays missing), so the
    /// aggregate treats it as it treats a missing element of any list.
    @inline(never)
    func evalComprehension(_ slot: Int, _ collection: X, _ filter: X?, _ element: X) -> Value {
        let c = eval(collection)
        if c.isAbsent || isNull(c) { return c.isInvalid ? .invalid : .missing }
        var out: [Value] = []
        var verdict: Value? = nil
        let isList = forEachElement(c) { e in
            locals[frameBase + slot] = e
            if let filter {
                switch truth(eval(filter), filter.span) {
                case .yes: break
                case .no: return true
                case .unknown:
                    // Go on: a later invalid element decides (as in the quantifiers),
                    // and tracing reads every unknown element's missing paths.
                    if verdict == nil { verdict = .missing }
                    return true
                case .invalid:
                    verdict = .invalid
                    return false
                }
            }
            out.append(eval(element))
            return true
        }
        if !isList {
            return invalid(nodeOf(c), collection.span, .needsList(construct: "for", expr: text(collection.span), found: shape(c)))
        }
        return verdict ?? .list(out)
    }

    /// The node of cached root path `slot`, the first `length` fields of
    /// `steps`, or -1 when absent: found from its cached prefix by one lookup.
    func rootPath(_ slot: Int, _ steps: XSteps, _ length: Int) -> Int32 {
        let cached = pathCache[slot]
        if cached != -2 { return cached }
        let prefix = Int(t.pointee.pathPrefix[slot])
        let object: Int32 = prefix < 0 ? 0 : rootPath(prefix, steps, length - 1)
        var found: Int32 = -1
        // Through null, or through a value that is not an object (`member` is nil): absent.
        if object >= 0, case .key(let key) = steps[length - 1], let m = member(Int(object), key.bytes, hint: Int(steps.start) + length - 1) {
            found = Int32(m)
        }
        pathCache[slot] = found
        return found
    }

    /// Whether cached root path `slot` (the first `length` fields of `steps`)
    /// reads a value that failed schema validation on its way — the root,
    /// a field it goes through, or the value it ends on —, which makes it
    /// invalid, as `evalPath` checking each step finds. Cached per dossier
    /// and per count of failed values (validation adds them as it goes).
    @inline(never)
    func rootPathTainted(_ slot: Int, _ steps: XSteps, _ length: Int) -> Bool {
        if pathTaintStamp != schemaInvalid.count {
            for k in pathTaint.indices { pathTaint[k] = -1 }
            pathTaintStamp = schemaInvalid.count
        }
        let cached = pathTaint[slot]
        if cached >= 0 { return cached == 1 }
        let prefix = Int(t.pointee.pathPrefix[slot])
        let before = prefix < 0 ? schemaInvalid[0] != nil : rootPathTainted(prefix, steps, length - 1)
        let n = rootPath(slot, steps, length)
        let tainted = before || (n >= 0 && schemaInvalid[n] != nil)
        pathTaint[slot] = tainted ? 1 : 0
        return tainted
    }

    // The less common expressions, kept out of `eval` so that its frame (set
    // up and torn down on every node) stays small.

    /// A `let`'s value, computed (and cached outside tracing).
    @inline(never)
    func evalLet(_ k: Int) -> Value {
        // Tracing computes a let again to record what it reads, but once per
        // traced requirement: a let read at each element of a quantifier
        // recorded its reads each time, n² reads for a list of n.
        if tracing && messageLang == nil && tracedLetStamp[k] == trace.generation { return tracedLetValue[k] }
        // A let that binds no variable needs no frame of its own.
        let size = ir.letFrames[k]
        let v = size == 0 ? eval(ir.lets[k]) : inFrame(size: size, args: []) { eval(ir.lets[k]) }
        if !tracing {
            letCache[k] = v
        } else if messageLang == nil {
            tracedLetStamp[k] = trace.generation
            tracedLetValue[k] = v
        }
        return v
    }

    @inline(never)
    func evalFormat(_ parts: XList) -> Value {
        var s = ""
        for i in parts.indices {
            let raw = parts.raw(i)
            if raw < 0 {
                s += ir.texts[Int(-raw - 1)]
            } else if let lang = messageLang {
                let part = parts[i]
                var isYear = false
                if case .call(.year, _) = part.op { isYear = true }
                s += renderInMessage(eval(part), lang, isYear: isYear)
            } else {
                s += render(eval(parts[i]))
            }
        }
        return .string(s)
    }

    @inline(never)
    func evalMatches(_ arg: X, _ k: Int) -> Value {
        let v = eval(arg)
        // Borrowed, not retained: the box is shared by every worker's evaluator
        // (`ir.regexes` keeps it alive), and its count is a line both cores would write.
        return ir.regexRefs[k]._withUnsafeGuaranteedRef { box in
            // Subject and pattern are matched in NFC, as strings compare by canonical equivalence.
            let hit = withStringBytes(v) { b in
                guard mayNeedNormalization(b) else { return box.isWholeMatch ? box.regex.wholeMatch(b) : box.regex.search(b) }
                return nfc(b).withUnsafeBufferPointer { box.isWholeMatch ? box.regex.wholeMatch($0) : box.regex.search($0) }
            }
            guard let hit else { return notString(v, arg.span, box.isWholeMatch ? "full_match" : "matches") }
            return .bool(hit)
        }
    }

    @inline(never)
    func evalCallDef(_ k: Int, _ args: XList) -> Value {
        let start = trace.reads.count
        // The arguments go straight onto the new frame: no array per call.
        // (Evaluating one may open and close frames of its own above `newBase`.)
        let savedBase = frameBase
        let newBase = locals.count
        for i in args.indices { locals.append(eval(args[i])) }
        for _ in args.count..<max(ir.defFrames[k], args.count) { locals.append(.missing) }
        let middle = trace.reads.count
        frameBase = newBase
        let v = eval(ir.defs[k])
        locals.removeLast(locals.count - newBase)
        frameBase = savedBase
        // What the body read inside an argument is more precise than the argument.
        promoteReads(from: start, [middle..<trace.reads.count])
        return v
    }

    /// A def inlined at its call site: `evalCallDef` with the parameters in
    /// the caller's frame, from `slot` (the analyzer reserved them).
    @inline(never)
    func evalInlined(_ slot: Int, _ args: XList, _ body: X) -> Value {
        let start = trace.reads.count
        for i in args.indices { locals[frameBase + slot + i] = eval(args[i]) }
        let middle = trace.reads.count
        let v = eval(body)
        // What the body read inside an argument is more precise than the argument.
        promoteReads(from: start, [middle..<trace.reads.count])
        return v
    }

    @inline(never)
    func evalList(_ items: XList) -> Value {
        .list(items.map { eval($0) })
    }

    @inline(never)
    func evalObject(_ values: XList, _ keys: Int) -> Value {
        .object(values.indices.map { (ir.objectKeys[keys + $0], eval(values[$0])) })
    }

    /// Runs `body` in a new frame holding `args` then empty slots.
    @inline(__always)
    func inFrame(size: Int, args: [Value], _ body: () -> Value) -> Value {
        let savedBase = frameBase
        let newBase = locals.count
        locals.append(contentsOf: args)
        for _ in args.count..<max(size, args.count) { locals.append(.missing) }
        frameBase = newBase
        let v = body()
        locals.removeLast(locals.count - newBase)
        frameBase = savedBase
        return v
    }

    func evalPath(_ start: Value, _ steps: XSteps, _ from: Int, _ span: Span) -> Value {
        // Nearly every path starts at a dossier node: walked on node indexes,
        // with no `Value` copied or destroyed per step. A computed value
        // (an object literal, a list) is walked here until the path reaches
        // a dossier node, then handed over too.
        var cur = start
        var k = from
        while true {
            if case .node(let n) = cur { return evalNodePath(n, steps, k, span) }
            guard k < steps.count else { return cur }
            switch steps[k] {
            case .key(let key):
                switch cur {
                case .object(let entries):
                    let name = ir.keyTexts[Int(key.index)]
                    guard let v = entries.first(where: { $0.0 == name })?.1 else { return .missing }
                    cur = v
                case .missing, .invalid:
                    return cur
                default:
                    return .missing
                }
            case .index(let ic):
                let iv = eval(ic)
                if iv.isAbsent { return iv }
                switch cur {
                case .object(let entries):
                    // A computed object (an object literal) indexed by a string.
                    guard let key = stringValue(iv), let v = entries.first(where: { $0.0 == key })?.1 else { return .missing }
                    cur = v
                case .list(let values):
                    guard let i = number(iv), i >= 0, i == i.rounded(), i < Double(values.count) else { return .missing }
                    cur = values[Int(i)]
                default:
                    return cur.isAbsent ? cur : .missing
                }
            case .project:
                guard case .list(let vs) = cur else { return cur.isAbsent ? cur : .missing }
                return .list(vs.map { evalPath($0, steps, k + 1, span) })
            }
            k += 1
        }
    }

    /// `evalPath` from dossier node `start`: the same steps, on node
    /// indexes (up to step `end` when given: the value before that step).
    ///
    /// Outside tracing with every value valid, field names are looked up
    /// here (`sum(xs[*].amount)` comes here once per element), and the
    /// general walk below is called only for an index or a projection: its
    /// frame is large, and setting it up cost more than the lookup.
    func evalNodePath(_ start: Int32, _ steps: XSteps, _ from: Int, _ span: Span, to end: Int? = nil) -> Value {
        guard !tracing && schemaInvalid.isEmpty else { return evalNodePathGeneral(start, steps, from, span, to: end) }
        let last = end ?? steps.count
        var n = Int(start)
        var k = from
        while k < last {
            guard case .key(let key) = steps[k] else { return evalNodePathGeneral(Int32(truncatingIfNeeded: n), steps, k, span, to: end) }
            // Through null, through a value that is not an object, or to an
            // absent field: missing (what `missingPath` gives outside tracing).
            guard let m = member(n, key.bytes, hint: Int(steps.start) + k) else { return .missing }
            n = m
            k += 1
        }
        return .node(Int32(truncatingIfNeeded: n))
    }

    /// `evalNodePath`, every step and case.
    @inline(never)
    func evalNodePathGeneral(_ start: Int32, _ steps: XSteps, _ from: Int, _ span: Span, to end: Int? = nil) -> Value {
        var n = start
        var k = from
        let checkValidity = !schemaInvalid.isEmpty
        let last = end ?? steps.count
        while k < last {
            if checkValidity, schemaInvalid[n] != nil { return readSchemaInvalid(n, span) }
            switch steps[k] {
            case .key(let key):
                // Through null, or through a value that is not an object: missing.
                guard nodes[Int(n)].kind == .object, let m = member(Int(n), key.bytes, hint: Int(steps.start) + k) else {
                    return missingPath(anchor: n, steps, k, span)
                }
                n = Int32(m)
            case .index(let ic):
                let iv = eval(ic)
                if iv.isAbsent { return iv }
                if let i = number(iv), nodes[Int(n)].kind == .array {
                    // (A huge or fractional index is absent, never converted: Int(1e300) traps.)
                    guard i >= 0, i == i.rounded(), i < Double(nodes[Int(n)].b), let e = element(n, at: Int(i)) else {
                        return missingPath(anchor: n, steps, k, span, indexText: formatNumber(i))
                    }
                    n = Int32(e)
                } else if let s = stringValue(iv), nodes[Int(n)].kind == .object {
                    var name = s
                    guard let m = name.withUTF8({ member(Int(n), $0) }) else { return missingPath(anchor: n, steps, k, span, indexText: s) }
                    n = Int32(m)
                } else {
                    return missingPath(anchor: n, steps, k, span, indexText: number(iv).map(formatNumber) ?? stringValue(iv))
                }
            case .project:
                if nodes[Int(n)].kind == .null {
                    // A null list is absent, as for `for each` and the quantifiers.
                    if tracing { trace.record(Read(span: span, node: n, anchor: -1, missingPointer: nil)) }
                    return .missing
                }
                guard nodes[Int(n)].kind == .array else {
                    return invalid(n, span, .pathNeedsList(expr: text(span), found: shape(.node(n))))
                }
                if tracing {
                    // The list itself first: a requirement on all its values is about the list.
                    trace.record(Read(span: span, node: n, anchor: -1, missingPointer: nil, projection: projectionNumber(steps, k)))
                }
                var out: [Value] = []
                out.reserveCapacity(Int(nodes[Int(n)].b))
                var i = Int(n) + 1
                let end = Int(nodes[Int(n)].a)
                if !tracing && !checkValidity && onlyKeys(steps, from: k + 1) {
                    // `xs[*].a.b` outside tracing with every value valid: each
                    // element's fields looked up here, as the call below would
                    // (an element without them is missing), without a call per element.
                    while i < end {
                        var m = i
                        for j in (k + 1)..<steps.count {
                            guard case .key(let key) = steps[j], let found = member(m, key.bytes, hint: Int(steps.start) + j) else { m = -1; break }
                            m = found
                        }
                        out.append(m >= 0 ? .node(Int32(truncatingIfNeeded: m)) : .missing)
                        i = nextNode(i)
                    }
                    return .list(out)
                }
                while i < end {
                    out.append(evalNodePath(Int32(i), steps, k + 1, span))
                    i = nextNode(i)
                }
                return .list(out)
            }
            k += 1
        }
        if checkValidity, schemaInvalid[n] != nil { return readSchemaInvalid(n, span) }
        if tracing { trace.record(Read(span: span, node: n, anchor: -1, missingPointer: nil)) }
        return .node(n)
    }

    /// Are the steps of `steps` from `from` on all field names?
    @inline(__always)
    func onlyKeys(_ steps: XSteps, from: Int) -> Bool {
        for j in from..<steps.count {
            guard case .key = steps[j] else { return false }
        }
        return true
    }

    /// Reading a value that failed schema validation: invalid, with the validation's reason as the cause.
    @inline(never)
    func readSchemaInvalid(_ n: Int32, _ span: Span) -> Value {
        if tracing {
            if !trace.hasRead(n) { trace.record(Read(span: span, node: n, anchor: -1, missingPointer: nil)) }
            if trace.invalid == nil {
                return invalid(n, span, schemaCause(n))
            }
        }
        return .invalid
    }

    /// Which projection of `steps` step `k` is (0 for the first `[*]`).
    func projectionNumber(_ steps: XSteps, _ k: Int) -> Int32 {
        var n: Int32 = 0
        for s in steps[..<k] { if case .project = s { n += 1 } }
        return n
    }

    /// `xs[*]`: the text written at `span` up to its `[*]` number `projection`.
    func projectedText(_ span: Span, _ projection: Int) -> String? {
        // The n-th `[*]` of the text belongs to the n-th projection step.
        var n = projection
        let t = text(span)
        var from = t.startIndex
        while let r = t.range(of: "[*]", range: from..<t.endIndex) {
            if n == 0 { return String(t[..<r.upperBound]) }
            n -= 1
            from = r.upperBound
        }
        return nil
    }

    func missingPath(anchor: Int32, _ steps: XSteps, _ k: Int, _ span: Span, indexText: String? = nil) -> Value {
        if tracing {
            var pointer = nodePointer(Int(anchor))
            for s in steps[k...] {
                switch s {
                case .key(let key): pointer += "/" + escapePointerToken(ir.keyTexts[Int(key.index)])
                case .index: pointer += "/" + escapePointerToken(indexText ?? "*")
                case .project: break
                }
                // The absent path ends where a projection would begin.
                if case .project = s { break }
            }
            trace.record(Read(span: span, node: -1, anchor: anchor, missingPointer: pointer))
        }
        return .missing
    }

    func evalQuantifier(_ q: Quantifier, _ slot: Int, _ collection: X, _ body: X) -> Value {
        // Which quantifier, as plain flags: `==` on an enum of another module
        // is a call through its Equatable witness, made here per element.
        var isAll = false, isAny = false, isNone = false
        switch q {
        case .all: isAll = true
        case .any: isAny = true
        case .none: isNone = true
        case .count: break
        }
        let readsStart = trace.reads.count
        let c = eval(collection)
        var sawUnknown = false
        var sawInvalid = false
        var trues = 0
        // When tracing: the reads of the elements that decide the result.
        var deciding: [Range<Int>] = []
        // Counts the truth of the body on one element (its reads from
        // `before` when tracing); false when the result is decided.
        func tally(_ t: Truth, _ before: Int) -> Bool {
            switch t {
            case .yes:
                trues += 1
                if isNone && tracing { deciding.append(before..<trace.reads.count) }
                if isAny {
                    if tracing { deciding.append(before..<trace.reads.count) }
                    return false
                }
            case .no:
                if isAll {
                    if tracing { deciding.append(before..<trace.reads.count) }
                    return false
                }
            case .unknown: sawUnknown = true
            case .invalid: sawInvalid = true
            }
            return true
        }
        func visit(_ element: Value) -> Bool {
            locals[frameBase + slot] = element
            let before = trace.reads.count
            return tally(decide(body), before)
        }
        defer {
            // `all` false, `any` true, `none` false: blame the element(s) that decided.
            if tracing && (isAll || isAny || (isNone && trues > 0)) { promoteReads(from: readsStart, deciding) }
        }
        var stopped = false
        switch c {
        case .node(let n) where nodes[Int(n)].kind == .array:
            let fused = fusedEquality(body, slot)
            var i = Int(n) + 1
            let end = Int(nodes[Int(n)].a)
            while i < end {
                let going: Bool
                if let fused, let yes = fused.test(i, self) {
                    going = tally(yes ? .yes : .no, trace.reads.count)
                } else {
                    going = visit(.node(Int32(i)))
                }
                if !going { stopped = true; break }
                i = nextNode(i)
            }
        case .list(let vs):
            for v in vs where !visit(v) { stopped = true; break }
        case .missing, .null:
            return .missing
        case .node(let n) where nodes[Int(n)].kind == .null:
            return .missing
        case .invalid:
            return .invalid
        default:
            let n: Int32 = if case .node(let x) = c { x } else { -1 }
            return invalid(n, collection.span, .needsList(construct: q.rawValue, expr: text(collection.span), found: shape(c)))
        }
        switch q {
        case .all:
            if stopped { return .bool(false) }
        case .any:
            if stopped { return .bool(true) }
        case .none:
            if trues > 0 { return .bool(false) }
        case .count:
            break
        }
        if sawInvalid { return .invalid }
        if sawUnknown { return .missing }
        switch q {
        case .all: return .bool(true)
        case .any: return .bool(false)
        case .none: return .bool(true)
        case .count: return .number(Double(trues))
        }
    }

    /// The body of a quantifier when it is `x.f == "text"` (or `!=`) on
    /// the quantifier's own variable (`c.role == "main"`), outside tracing
    /// with every value valid: tested on each element's bytes in place
    /// (`FusedEquality.test`), as `evalBinary` would; nil for any other body.
    func fusedEquality(_ body: X, _ slot: Int) -> FusedEquality? {
        guard !tracing && schemaInvalid.isEmpty, case .binary(let op, let l, let r) = body.op, case .constant(let k) = r.op else { return nil }
        let isEqual: Bool
        switch op {
        case .equal: isEqual = true
        case .notEqual: isEqual = false
        default: return nil
        }
        let f = quickForms[Int(l.id)]
        guard f.kind == QuickForm.field, Int(f.a) == slot, constantTexts[k].baseAddress != nil else { return nil }
        return FusedEquality(key: UnsafeBufferPointer(start: f.key, count: Int(f.keyCount)), hint: Int(f.b),
                             literal: constantTexts[k], isEqual: isEqual)
    }

    func evalBinary(_ op: BinaryOperator, _ l: X, _ r: X, _ span: Span) -> Value {
        switch op {
        case .and:
            let start = trace.reads.count
            let a = truth(eval(l), l.span)
            if a == .no { return .bool(false) }
            let middle = trace.reads.count
            let b = truth(eval(r), r.span)
            if b == .no {
                // `true and false`, `unknown and false`: the false side is to blame.
                promoteReads(from: start, [middle..<trace.reads.count])
                return .bool(false)
            }
            if a == .yes && b == .yes { return .bool(true) }
            return a == .invalid || b == .invalid ? .invalid : .missing
        case .or:
            let start = trace.reads.count
            let a = truth(eval(l), l.span)
            if a == .yes { return .bool(true) }
            let middle = trace.reads.count
            let b = truth(eval(r), r.span)
            if b == .yes {
                promoteReads(from: start, [middle..<trace.reads.count])
                return .bool(true)
            }
            if a == .no && b == .no { return .bool(false) }
            return a == .invalid || b == .invalid ? .invalid : .missing
        case .coalesce:
            let a = eval(l)
            // Missing or null falls back; a type error stays one (it is not absence).
            if a.isInvalid { return a }
            if a.isAbsent || isNull(a) { return eval(r) }
            return a
        case .add, .subtract, .multiply, .divide:
            let a = eval(l), b = eval(r)
            guard let x = number(a) else { return notNumber(a, l.span) }
            guard let y = number(b) else { return notNumber(b, r.span) }
            switch op {
            case .add: return .number(significant15(x + y))
            case .subtract: return .number(significant15(x - y))
            case .multiply: return .number(significant15(x * y))
            default:
                if y == 0 {
                    return invalid(nodeOf(b), r.span, .divisionByZero(expr: text(r.span)))
                }
                return .number(significant15(x / y))
            }
        case .equal, .notEqual:
            // (A pattern match, not `==`: see `evalQuantifier`.)
            let isEqual: Bool
            if case .equal = op { isEqual = true } else { isEqual = false }
            // Outside tracing and with every value valid, a path is read
            // without `eval` when it can be (`quickNode`), and two plain
            // numbers are compared as `equal` would.
            let fast = !tracing && schemaInvalid.isEmpty
            let q = fast ? quickNode(l) : -1
            if q >= 0, let x = plainNumber(.node(q)) {
                let y = quickOperand(r)
                if y.kind == 1 { return .bool(isEqual == (x == y.value)) }
            }
            let a = q >= 0 ? Value.node(q) : eval(l)
            // A dossier string against a text literal (an enum value, a role):
            // the bytes of both, as `equal` would compare them.
            if case .node(let n) = a, nodes[Int(n)].kind == .string, case .constant(let k) = r.op {
                let literal = constantTexts[k]
                if literal.baseAddress != nil {
                    let eq = canonicallyEqual(stringBytes(Int(n)), literal)
                    return .bool(isEqual ? eq : !eq)
                }
            }
            let b = eval(r)
            if a.isAbsent || b.isAbsent { return a.isInvalid || b.isInvalid ? .invalid : .missing }
            // A null in the dossier is a value not given: compared with a value it is
            // unknown, so `type == "factory"` never passes or skips silently. `x == null` tests for it.
            if isDossierNull(a) != isDossierNull(b), !isNull(a) || !isNull(b) { return .missing }
            guard let eq = equal(a, b) else { return mismatch(a, b, l, r) }
            return .bool(isEqual ? eq : !eq)
        case .less, .lessEqual, .greater, .greaterEqual:
            let c: Int
            // Two plain numbers or two dossier dates read without `eval` (a
            // threshold, a deadline): compared at once, as below.
            if !tracing && schemaInvalid.isEmpty, let quick = quickCompare(l, r) {
                c = quick
            } else {
                let a = eval(l), b = eval(r)
                // Two ordinary numbers (a threshold test): compared as
                // doubles, as `order` would (it compares digits only for big integers).
                guard let x = plainNumber(a), let y = plainNumber(b) else { return orderOther(op, a, b, l, r) }
                c = x == y ? 0 : (x < y ? -1 : 1)
            }
            switch op {
            case .less: return .bool(c < 0)
            case .lessEqual: return .bool(c <= 0)
            case .greater: return .bool(c > 0)
            default: return .bool(c >= 0)
            }
        case .in, .notIn:
            let isIn: Bool
            if case .in = op { isIn = true } else { isIn = false }
            let q = !tracing && schemaInvalid.isEmpty ? quickNode(l) : -1
            let a = q >= 0 ? Value.node(q) : eval(l)
            // A dossier string looked up in a list of text literals: the bytes
            // of each, as `membership` would compare them (every element a
            // text, so the answer is found or not found).
            if case .node(let n) = a, nodes[Int(n)].kind == .string {
                let k = literalTextList(r)
                if k >= 0 {
                    let bytes = stringBytes(Int(n))
                    let start = Int(constantListStart[k])
                    var found = false
                    for j in start..<start + Int(constantListCount[k]) where canonicallyEqual(bytes, listTexts[j]) {
                        found = true
                        break
                    }
                    return .bool(isIn ? found : !found)
                }
            }
            let b = membershipOperand(r)
            if a.isAbsent || b.isAbsent { return a.isInvalid || b.isInvalid ? .invalid : .missing }
            // A null list or text is absent, as for `for each` and `count`; so is a null looked for.
            if isNull(b) || isDossierNull(a) { return .missing }
            if let found = substring(b, a) {
                guard let found else { return mismatch(a, b, l, r) }
                return .bool(isIn ? found : !found)
            }
            guard let answer = membership(a, in: b) else {
                return invalid(nodeOf(b), r.span, .inNeedsListOrString(expr: text(r.span), found: shape(b)))
            }
            switch answer {
            case .found: return .bool(isIn)
            case .notFound: return .bool(!isIn)
            case .incomparable: return mismatch(a, b, l, r)
            case .invalid, .unknown: return undecidedMembership(answer, b, r.span)
            }
        }
    }

    /// An ordering of `a` (the value of `l`) and `b` (of `r`) when they are
    /// not both plain numbers: absences, nulls, dates, texts, type errors.
    @inline(never)
    func orderOther(_ op: BinaryOperator, _ a: Value, _ b: Value, _ l: X, _ r: X) -> Value {
        if a.isAbsent || b.isAbsent { return a.isInvalid || b.isInvalid ? .invalid : .missing }
        if isNull(a) || isNull(b) { return .missing }
        guard let c = order(a, b) else { return mismatch(a, b, l, r) }
        switch op {
        case .less: return .bool(c < 0)
        case .lessEqual: return .bool(c <= 0)
        case .greater: return .bool(c > 0)
        default: return .bool(c >= 0)
        }
    }

    /// The dossier node path `x` ends on, read without `eval`, for the
    /// commonest paths (`QuickForm.field` and `.rootPath`); -1 for any other
    /// expression, and for an absent path (`eval` then says why). Only
    /// outside tracing with every value valid (the caller checks), where
    /// `eval` reads them the same way.
    @inline(__always)
    func quickNode(_ x: X) -> Int32 { quickNode(quickForms[Int(x.id)]) }

    @inline(__always)
    func quickNode(_ f: QuickForm) -> Int32 {
        switch f.kind {
        case QuickForm.field:
            guard case .node(let n) = locals[frameBase &+ Int(f.a)],
                  let m = member(Int(n), UnsafeBufferPointer(start: f.key, count: Int(f.keyCount)), hint: Int(f.b)) else { return -1 }
            return Int32(truncatingIfNeeded: m)
        case QuickForm.rootPath:
            let cached = pathCache[Int(f.a)]
            if cached != -2 { return cached }
            guard case .path(_, let steps, let slot) = X(id: f.b, t: t).op else { return -1 }
            return rootPath(slot, steps, steps.count)
        default:
            return -1
        }
    }

    /// A comparison operand read without `eval` (see `Quick` and
    /// `QuickForm`): a number literal, a let already computed to a number,
    /// a plain dossier number or a dossier date read by a `quickNode` path.
    /// Same conditions as `quickNode`.
    @inline(__always)
    func quickOperand(_ x: X) -> Quick {
        let f = quickForms[Int(x.id)]
        switch f.kind {
        case QuickForm.number:
            return Quick(kind: 1, value: f.value)
        case QuickForm.letValue:
            if let v = letCache[Int(f.a)], case .number(let d) = v { return Quick(kind: 1, value: d) }
        case QuickForm.field, QuickForm.rootPath:
            let n = quickNode(f)
            guard n >= 0 else { break }
            if f.isDate {
                if let d = nodeDate(n) { return Quick(kind: 2, value: dateKey(d)) }
            } else if let d = plainNumber(.node(n)) {
                return Quick(kind: 1, value: d)
            }
        default:
            break
        }
        return Quick(kind: 0, value: 0)
    }

    /// The order of `l` and `r` (-1, 0, 1) when both are `quickOperand`s of
    /// one kind (two numbers, two dates); nil otherwise.
    @inline(__always)
    func quickCompare(_ l: X, _ r: X) -> Int? {
        let x = quickOperand(l)
        guard x.kind != 0 else { return nil }
        let y = quickOperand(r)
        guard y.kind == x.kind else { return nil }
        return x.value == y.value ? 0 : (x.value < y.value ? -1 : 1)
    }

    /// The constant `x` is when it is a list of text literals, written in
    /// place or as a let; else -1.
    @inline(__always)
    func literalTextList(_ x: X) -> Int {
        switch x.op {
        case .constant(let k): return Int(constantListStart[k]) >= 0 ? k : -1
        case .global(let g): return Int(letTextList[g])
        default: return -1
        }
    }

    /// Evaluates the list operand of a membership test; when it reads no
    /// variable, once per dossier (outside tracing, which records its reads),
    /// so that a quantifier probing `xs[*].code` projects it once and the
    /// probes find it indexed (Membership.swift).
    @inline(__always)
    func membershipOperand(_ x: X) -> Value {
        let slot = Int(memoSlots[Int(x.id)])
        if slot < 0 || messageLang != nil { return eval(x) }
        if tracing {
            if operandTraceMemoGeneration[slot] == trace.generation { return operandTraceMemo[slot] }
            let v = eval(x)
            operandTraceMemo[slot] = v
            operandTraceMemoGeneration[slot] = trace.generation
            return v
        }
        if operandMemoGeneration[slot] == dossierGeneration { return operandMemo[slot] }
        let v = eval(x)
        operandMemo[slot] = v
        operandMemoGeneration[slot] = dossierGeneration
        return v
    }

    /// `b in a` when `a` is a string: whether it holds the substring `b`
    /// (canonically), nil inside when `b` is not a string; nil when `a` is not a string.
    func substring(_ text: Value, _ part: Value) -> Bool?? {
        let r: Bool?? = withStringBytes(text) { t in
            withStringBytes(part) { p -> Bool in
                // ASCII without carriage returns: a character is a byte, so bytes say it.
                // (An empty part takes the general path, whose answer it keeps.)
                if !p.isEmpty && isPlainASCII(t) && isPlainASCII(p) { return containsBytes(t, p) }
                let s = String(decoding: t, as: UTF8.self), sub = String(decoding: p, as: UTF8.self)
                return String(decoding: nfcString(s), as: UTF8.self).contains(String(decoding: nfcString(sub), as: UTF8.self))
            }
        }
        return r
    }

    /// A membership test no element decided, with an element unknown or invalid:
    /// when tracing, the element is recorded (a dossier null, or a value that
    /// failed validation, with its cause) for the finding to name it.
    func undecidedMembership(_ answer: MembershipAnswer, _ list: Value, _ span: Span) -> Value {
        if tracing {
            forEachElement(list) { e in
                guard case .node(let n) = e else { return true }
                if answer == .invalid, memberKind(e) == .invalid {
                    _ = readSchemaInvalid(n, span)
                    return false
                }
                if answer == .unknown, isDossierNull(e) {
                    if !trace.hasRead(n) { trace.record(Read(span: span, node: n, anchor: -1, missingPointer: nil)) }
                    return false
                }
                return true
            }
        }
        return answer == .invalid ? .invalid : .missing
    }

    private func nfcString(_ s: String) -> [UInt8] {
        Array(s.precomposedStringWithCanonicalMapping.utf8)
    }

    /// Visits the elements of a list value; false if it is not a list.
    @discardableResult
    func forEachElement(_ v: Value, _ body: (Value) -> Bool) -> Bool {
        switch v {
        case .node(let n):
            guard nodes[Int(n)].kind == .array else { return false }
            var i = Int(n) + 1
            let end = Int(nodes[Int(n)].a)
            while i < end {
                if !body(.node(Int32(i))) { return true }
                i = nextNode(i)
            }
            return true
        case .list(let vs):
            for x in vs where !body(x) { return true }
            return true
        default:
            return false
        }
    }

    // MARK: - Truth and types

    /// The truth of condition `x`: `truth(eval(x))`, but outside tracing
    /// with every value valid a comparison of two `quickOperand`s, and an
    /// `and` or `or` of conditions, are decided here with no `Value` made
    /// (the same answers: `evalBinary` compares them so, and an absent or
    /// wrong value never takes this way).
    /// Only conditions that can be decided so take the way (`QuickForm.decidable`).
    @inline(__always)
    func decide(_ x: X) -> Truth {
        if quickForms[Int(x.id)].decidable && !tracing && schemaInvalid.isEmpty { return decideQuickly(x) }
        return truth(eval(x), x.span)
    }

    /// `decide` of a comparison, `and` or `or` that may be decided without a `Value`.
    func decideQuickly(_ x: X) -> Truth {
        if case .binary(let op, let l, let r) = x.op {
            switch op {
            case .less, .lessEqual, .greater, .greaterEqual:
                if let c = quickCompare(l, r) {
                    let yes: Bool
                    switch op {
                    case .less: yes = c < 0
                    case .lessEqual: yes = c <= 0
                    case .greater: yes = c > 0
                    default: yes = c >= 0
                    }
                    return yes ? .yes : .no
                }
            case .and:
                let a = decide(l)
                if a == .no { return .no }
                let b = decide(r)
                if b == .no { return .no }
                if a == .yes && b == .yes { return .yes }
                return a == .invalid || b == .invalid ? .invalid : .unknown
            case .or:
                let a = decide(l)
                if a == .yes { return .yes }
                let b = decide(r)
                if b == .yes { return .yes }
                if a == .no && b == .no { return .no }
                return a == .invalid || b == .invalid ? .invalid : .unknown
            default:
                break
            }
        }
        return truth(eval(x), x.span)
    }

    /// The truth of a condition's value. Inlined for a computed bool (what
    /// comparisons and `and`/`or` give); anything else is looked at out of line.
    @inline(__always)
    func truth(_ v: Value, _ span: Span) -> Truth {
        if case .bool(let b) = v { return b ? .yes : .no }
        return truthOther(v, span)
    }

    @inline(never)
    func truthOther(_ v: Value, _ span: Span) -> Truth {
        switch v {
        case .bool(let b): return b ? .yes : .no
        case .missing, .null: return .unknown
        case .invalid: return .invalid
        case .node(let n):
            let node = nodes[Int(n)]
            if node.kind == .bool { return node.isTrue ? .yes : .no }
            if node.kind == .null { return .unknown }
            _ = invalid(n, span, .notBoolean(expr: text(span), found: shape(v)))
            return .invalid
        default:
            _ = invalid(-1, span, .notBoolean(expr: text(span), found: shape(v)))
            return .invalid
        }
    }

    func isNull(_ v: Value) -> Bool {
        switch v {
        case .null: return true
        case .node(let n): return nodes[Int(n)].kind == .null
        default: return false
        }
    }

    /// A null of the dossier (not the `null` of a rule).
    func isDossierNull(_ v: Value) -> Bool {
        if case .node(let n) = v { return nodes[Int(n)].kind == .null }
        return false
    }

    func nodeOf(_ v: Value) -> Int32 {
        if case .node(let n) = v { return n }
        return -1
    }

    func number(_ v: Value) -> Double? {
        switch v {
        case .number(let d): return d
        case .bigInteger(let d, _): return d
        case .node(let n):
            let node = nodes[Int(n)]
            return node.kind == .number ? node.number : nil
        default: return nil
        }
    }

    /// The number of a value that `compareNumbers` compares as a double:
    /// a computed number, or a dossier number that is not an integer from
    /// 2^53 on (those compare by their digits); nil for anything else.
    @inline(__always)
    func plainNumber(_ v: Value) -> Double? {
        switch v {
        case .number(let d): return d
        case .node(let n):
            let node = nodes[Int(n)]
            guard node.kind == .number else { return nil }
            if node.isInteger && (!node.isExact || Swift.abs(node.number) >= 9_007_199_254_740_992) { return nil }
            return node.number
        default: return nil
        }
    }

    func stringValue(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .node(let n): return nodes[Int(n)].kind == .string ? nodeString(Int(n)) : nil
        default: return nil
        }
    }

    /// Calls `body` with the UTF-8 bytes of a string value, or returns nil.
    @inline(__always)
    func withStringBytes<R>(_ v: Value, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R? {
        switch v {
        case .string(let s): return withBytes(s, body)
        case .node(let n):
            guard nodes[Int(n)].kind == .string else { return nil }
            return body(stringBytes(Int(n)))
        default: return nil
        }
    }

    func dateValue(_ v: Value) -> CivilDate? {
        switch v {
        case .date(let d): return d
        case .string(let s): return CivilDate(s)
        case .node(let n): return nodeDate(n)
        default: return nil
        }
    }

    /// The date dossier node `n` holds as text, or nil. Read from its text
    /// once per dossier: a date field is compared by several rules, and in
    /// a loop with every element (`m.due_on >= project.start_on`).
    @inline(__always)
    func nodeDate(_ n: Int32) -> CivilDate? {
        guard nodes[Int(n)].kind == .string else { return nil }
        let slot = Int(UInt32(bitPattern: n) % UInt32(DateMemo.slots))
        let m = dateMemo[slot]
        if m.node == n && m.stamp == dossierGeneration { return m.date }
        guard let d = CivilDate(text: stringBytes(Int(n))) else { return nil }
        dateMemo[slot] = DateMemo(stamp: dossierGeneration, node: n, date: d)
        return d
    }

    func toDate(_ v: Value, _ span: Span) -> Value {
        if v.isAbsent || isNull(v) { return v.isInvalid ? .invalid : .missing }
        if let d = dateValue(v) { return .date(d) }
        return invalid(nodeOf(v), span, .notDate(expr: text(span), found: shape(v)))
    }

    /// Equality; nil when the two kinds cannot be compared (a type error).
    func equal(_ a: Value, _ b: Value) -> Bool? {
        // The common case first: a dossier string against a string (a list
        // membership, an enum value), compared as bytes.
        if let eq = stringsEqual(a, b) { return eq }
        if isNull(a) || isNull(b) { return isNull(a) && isNull(b) }
        if let x = number(a), let y = number(b) { return compareNumbers(a, x, b, y) == 0 }
        if let r = withStringBytes(a, { sa in withStringBytes(b, { sb in canonicallyEqual(sa, sb) }) }), let eq = r { return eq }
        switch (a, b) {
        case (.date(let x), .date(let y)): return x == y
        case (.date(let x), _): return dateValue(b).map { $0 == x }
        case (_, .date(let y)): return dateValue(a).map { $0 == y }
        default: break
        }
        if let x = boolValue(a), let y = boolValue(b) { return x == y }
        // Lists, computed or from the dossier, are equal element by element.
        var xs: [Value] = [], ys: [Value] = []
        if forEachElement(a, { xs.append($0); return true }), forEachElement(b, { ys.append($0); return true }) {
            guard xs.count == ys.count else { return false }
            for (x, y) in zip(xs, ys) { guard let e = equal(x, y), e else { return false } }
            return true
        }
        return nil
    }

    /// Equality of two strings, of the dossier or the rules, on their bytes
    /// in place (no String made, no copy retained); nil when either is not
    /// a string. Bytes already in NFC (ASCII, most Vietnamese text) are
    /// compared with memcmp (`canonicallyEqual`).
    @inline(__always)
    func stringsEqual(_ a: Value, _ b: Value) -> Bool? {
        if case .node(let x) = a {
            guard nodes[Int(x)].kind == .string else { return nil }
            let bytesA = stringBytes(Int(x))
            if case .node(let y) = b {
                guard nodes[Int(y)].kind == .string else { return nil }
                return canonicallyEqual(bytesA, stringBytes(Int(y)))
            }
            if case .string(let t) = b { return withBytes(t) { canonicallyEqual(bytesA, $0) } }
            return nil
        }
        if case .string(let s) = a {
            if case .node(let y) = b {
                guard nodes[Int(y)].kind == .string else { return nil }
                let bytesB = stringBytes(Int(y))
                return withBytes(s) { canonicallyEqual($0, bytesB) }
            }
            if case .string(let t) = b { return withBytes(s) { sa in withBytes(t) { canonicallyEqual(sa, $0) } } }
        }
        return nil
    }

    func boolValue(_ v: Value) -> Bool? {
        switch v {
        case .bool(let b): return b
        case .node(let n): return nodes[Int(n)].kind == .bool ? nodes[Int(n)].isTrue : nil
        default: return nil
        }
    }

    /// Ordering; nil when the kinds cannot be ordered.
    func order(_ a: Value, _ b: Value) -> Int? {
        if let x = number(a), let y = number(b) { return compareNumbers(a, x, b, y) }
        if case .date(let x) = a, let y = dateValue(b) { return x == y ? 0 : (x < y ? -1 : 1) }
        if case .date(let y) = b, let x = dateValue(a) { return x == y ? 0 : (x < y ? -1 : 1) }
        if let r = withStringBytes(a, { sa in withStringBytes(b, { sb in canonicalCompare(sa, sb) }) }), let c = r { return c }
        return nil
    }

    /// Compares numbers exactly: integers beyond 2^53 compare by their digits.
    func compareNumbers(_ a: Value, _ x: Double, _ b: Value, _ y: Double) -> Int {
        let bigA = isInexactInteger(a), bigB = isInexactInteger(b)
        if bigA || bigB, let ta = integerText(a, x), let tb = integerText(b, y) {
            return compareDecimalIntegers(ta, tb)
        }
        return x == y ? 0 : (x < y ? -1 : 1)
    }

    func isInexactInteger(_ v: Value) -> Bool {
        // From 2^53 on, a double may have rounded the integer written (the parser's
        // exactness flag is not trusted there: 2^53 + 1 rounds to 2^53).
        if case .node(let n) = v { let node = nodes[Int(n)]; return node.isInteger && (!node.isExact || Swift.abs(node.number) >= 9_007_199_254_740_992) }
        if case .bigInteger = v { return true }
        return false
    }

    func integerText(_ v: Value, _ d: Double) -> String? {
        if case .node(let n) = v, nodes[Int(n)].isInteger { return doc.numberText(Int(n)) }
        if case .bigInteger(_, let digits) = v { return digits }
        if d == d.rounded(), let i = Int64(exactly: d) { return String(i) }
        return nil
    }

    // MARK: - Messages about values

    func mismatch(_ a: Value, _ b: Value, _ l: X, _ r: X) -> Value {
        // Blame the dossier's side: the literal side is what the rule expects. When
        // both come from the dossier, the text compared with a number (or a bool) is the
        // odd one: a number written as a string, like "1.200".
        let blameLeft = nodeOf(a) >= 0 && nodeOf(b) >= 0 ? (stringValue(a) != nil || stringValue(b) == nil) : (nodeOf(a) >= 0 || nodeOf(b) < 0)
        let (bad, badCode, other) = blameLeft ? (a, l, b) : (b, r, a)
        return invalid(nodeOf(bad), badCode.span, .notComparable(expr: text(badCode.span), found: shape(bad), other: shape(other)))
    }

    func notNumber(_ v: Value, _ span: Span) -> Value {
        if v.isAbsent { return v }
        if isNull(v) { return .missing }
        return invalid(nodeOf(v), span, .notNumber(expr: text(span), found: shape(v)))
    }

    func notString(_ v: Value, _ span: Span, _ f: String) -> Value {
        if v.isAbsent { return v }
        if isNull(v) { return .missing }
        return invalid(nodeOf(v), span, .needsString(function: f, expr: text(span), found: shape(v)))
    }

    func notList(_ v: Value, _ span: Span, _ f: String) -> Value {
        if v.isAbsent { return v }
        if isNull(v) { return .missing }
        return invalid(nodeOf(v), span, .needsList(construct: f, expr: text(span), found: shape(v)))
    }

    /// What a value is, for a finding to word ("the string "1.200"", "số 5").
    func shape(_ v: Value) -> ValueShape {
        switch v {
        case .missing: return .missing
        case .invalid: return .invalid
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .number(let d): return .number(formatNumber(d))
        case .string(let s): return .string(String(s.prefix(60)))
        case .date(let d): return .date(d.description)
        case .list(let vs): return .list(vs.count)
        case .object: return .object
        case .bigInteger(_, let digits): return .number(digits)
        case .node(let n):
            let node = nodes[Int(n)]
            switch node.kind {
            case .null: return .null
            case .bool: return .bool(node.isTrue)
            case .number: return .number(doc.numberText(Int(n)))
            case .string: return .string(String(nodeString(Int(n)).prefix(60)))
            case .array: return .list(Int(node.b))
            case .object: return .object
            }
        }
    }

    /// A value in a message, as a person expects it: numbers and dates as
    /// written in the dossier, no `.0` noise, lists comma-separated.
    func render(_ v: Value) -> String {
        switch v {
        case .missing: return "?"
        case .invalid: return "?"
        case .null: return "null"
        case .bool(let b): return String(b)
        case .number(let d): return formatNumber(d)
        case .string(let s): return s
        case .date(let d): return d.description
        case .list(let vs): return vs.map(render).joined(separator: ", ")
        case .object: return "{…}"
        case .bigInteger(_, let digits): return digits
        case .node(let n):
            let node = nodes[Int(n)]
            switch node.kind {
            case .string: return nodeString(Int(n))
            case .number: return renderNumber(Int(n))
            case .bool, .null: return doc.sourceText(Int(n))
            case .array:
                var parts: [String] = []
                forEachElement(v) { parts.append(render($0)); return true }
                return parts.joined(separator: ", ")
            case .object: return "{…}"
            }
        }
    }

    /// A dossier number as written (`1200.50` stays, big integers keep their
    /// digits), without a zero fraction (`800.0` is 800) or an exponent (`1.2e3` is 1200).
    func renderNumber(_ n: Int) -> String {
        // On the bytes as written (a number is ASCII).
        let t = UnsafeBufferPointer(rebasing: view.input[Int(nodes[n].start)..<Int(nodes[n].end)])
        if t.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }) { return formatNumber(nodes[n].number) }
        if let dot = t.firstIndex(of: UInt8(ascii: ".")), t[(dot + 1)...].allSatisfy({ $0 == UInt8(ascii: "0") }) {
            return String(decoding: UnsafeBufferPointer(rebasing: t[..<dot]), as: UTF8.self)
        }
        return String(decoding: t, as: UTF8.self)
    }

    /// The source text of a rule span, cut out once per evaluator:
    /// findings word the same expressions dossier after dossier.
    func text(_ span: Span) -> String {
        let slot = spanSlot(span, 0)
        if let known = spanSlots[slot], known.span == span { return known.text }
        let t: String
        if let known = spanTexts[span] {
            t = known
        } else {
            t = program.files[span.file]?.text(span) ?? ""
            spanTexts[span] = t
        }
        spanSlots[slot] = (span, t)
        return t
    }
}

extension Value {
    /// Missing or invalid: not a value to compute with.
    @inline(__always) var isAbsent: Bool {
        switch self {
        case .missing, .invalid: true
        default: false
        }
    }
    @inline(__always) var isInvalid: Bool {
        if case .invalid = self { return true }
        return false
    }
}

// MARK: - The document, through raw pointers

extension Evaluator {
    /// Runs `body` with `view` on `document`.
    func withDocument<R>(_ document: JSONDocument, _ body: () -> R) -> R {
        doc = document
        // What was cached of the previous document goes (constant lets stay).
        for k in letCache.indices where !ir.letIsConstant[k] { letCache[k] = nil }
        for k in pathCache.indices { pathCache[k] = -2 }
        pathTaintStamp = -1
        // Memos of membership operands and list indexes are the previous dossier's.
        dossierGeneration &+= 1
        memberships.reset()
        if !elementStarts.isEmpty { elementStarts.removeAll(keepingCapacity: true) }
        return document.withView { v in
            view = v
            defer { view = .empty }
            return body()
        }
    }

    @inline(__always)
    func member(_ object: Int, _ key: UnsafeBufferPointer<UInt8>) -> Int? { view.member(object, key) }

    /// `member(object, key)` for the path step numbered `hint` in the IR's
    /// step table. Objects read by one step mostly have one shape (the
    /// elements of a list; the same field dossier after dossier), so the
    /// key is first looked for where the step found it last: one key
    /// compared instead of a scan. The guess is taken only when that node is
    /// a key of this object with these bytes and the document repeats no key
    /// (with a repeat the last copy wins, which only the scan tells).
    @inline(__always)
    func member(_ object: Int, _ key: UnsafeBufferPointer<UInt8>, hint: Int) -> Int? {
        let d = Int(memberHints[hint])
        if d > 0 && view.firstMatchWins && nodes[object].kind == .object && object &+ d < Int(nodes[object].a) {
            let k = nodes[object &+ d]
            if k.parent == UInt32(truncatingIfNeeded: object) && k.flags & JSONNode.Flag.isKey != 0 && Int(k.b &- k.a) == key.count {
                let base = k.flags & JSONNode.Flag.inPool != 0 ? view.pool.baseAddress : view.input.baseAddress
                if key.count == 0 || bytesEqual(base! + Int(k.a), key.baseAddress!, key.count) { return object &+ d &+ 1 }
            }
        }
        guard let m = view.member(object, key) else { return nil }
        memberHints[hint] = Int32(truncatingIfNeeded: m &- 1 &- object)
        return m
    }

    /// Element `position` of dossier array `array`. Finding it walks the
    /// elements before it, so a loop indexing a long list by position
    /// (`ys[i]` for each `i`) would be quadratic: past the first few, the
    /// array's element nodes are listed once per dossier and looked up.
    func element(_ array: Int32, at position: Int) -> Int? {
        let node = nodes[Int(array)]
        guard node.kind == .array, position >= 0, position < Int(node.b) else { return nil }
        if position < 16 { return doc.element(Int(array), at: position) }
        if let starts = elementStarts[array] { return Int(starts[position]) }
        var starts: [Int32] = []
        starts.reserveCapacity(Int(node.b))
        var i = Int(array) + 1
        while i < Int(node.a) {
            starts.append(Int32(i))
            i = nextNode(i)
        }
        elementStarts[array] = starts
        return Int(starts[position])
    }

    @inline(__always)
    func stringBytes(_ n: Int) -> UnsafeBufferPointer<UInt8> { view.stringBytes(n) }

    /// The node after node `i`'s subtree (`JSONNode.next`, inlined: the loops
    /// over a list's elements call it once per element).
    @inline(__always)
    func nextNode(_ i: Int) -> Int {
        let node = nodes[i]
        return node.kind == .array || node.kind == .object ? Int(node.a) : i + 1
    }

    func nodeString(_ n: Int) -> String {
        String(decoding: stringBytes(n), as: UTF8.self)
    }
}

/// Calls `body` with the UTF-8 bytes of `s`: in place for a native string
/// (no copy, no retain of a `var`), through a contiguous copy otherwise.
@inline(__always)
func withBytes<R>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
    if let r = s.utf8.withContiguousStorageIfAvailable(body) { return r }
    var copy = s
    return copy.withUTF8(body)
}

/// The bytes of the string constants among `constants`, and of the
/// elements of its lists of strings, in one allocation (see
/// `Evaluator.constantTexts` and `.constantListStart`). An empty string gets
/// a base address too, so that "no text" is told from "the empty text".
private func constantTextTable(_ constants: [Value]) -> (texts: [UnsafeBufferPointer<UInt8>], listStart: [Int32], listCount: [Int32],
                                                         listTexts: [UnsafeBufferPointer<UInt8>], storage: UnsafeMutableBufferPointer<UInt8>) {
    func textList(_ v: Value) -> [String]? {
        guard case .list(let vs) = v else { return nil }
        var out: [String] = []
        for e in vs {
            guard case .string(let s) = e else { return nil }
            out.append(s)
        }
        return out
    }
    var total = 0
    for c in constants {
        if case .string(let s) = c { total += s.utf8.count + 1 }
        for s in textList(c) ?? [] { total += s.utf8.count + 1 }
    }
    let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: Swift.max(total, 1))
    var at = 0
    func place(_ s: String) -> UnsafeBufferPointer<UInt8> {
        let bytes = Array(s.utf8)
        for (k, b) in bytes.enumerated() { storage[at + k] = b }
        defer { at += bytes.count + 1 }
        return UnsafeBufferPointer(start: storage.baseAddress! + at, count: bytes.count)
    }
    var texts: [UnsafeBufferPointer<UInt8>] = [], listTexts: [UnsafeBufferPointer<UInt8>] = []
    var listStart: [Int32] = [], listCount: [Int32] = []
    for c in constants {
        if case .string(let s) = c { texts.append(place(s)) } else { texts.append(UnsafeBufferPointer(start: nil, count: 0)) }
        if let list = textList(c) {
            listStart.append(Int32(listTexts.count))
            listCount.append(Int32(list.count))
            for s in list { listTexts.append(place(s)) }
        } else {
            listStart.append(-1)
            listCount.append(0)
        }
    }
    return (texts, listStart, listCount, listTexts, storage)
}

/// Entries of the evaluator's direct-mapped memos of expression numbers and texts.
let exprSlotCount = 512

/// The entry of `span` (and a projection number) in those memos: its
/// numbers mixed by a multiplication, the top bits kept.
@inline(__always)
func spanSlot(_ span: Span, _ projection: Int32) -> Int {
    let key = (UInt64(span.start) << 32 | UInt64(span.end)) ^ (UInt64(span.file.raw) << 20) ^ UInt64(UInt32(bitPattern: projection))
    return Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 55)
}

/// Entries of the evaluator's direct-mapped memo of pointers (a dossier has
/// a few hundred nodes: two of its nodes rarely share an entry, and then
/// the pointer is only built again).
let pointerSlotCount = 1024

/// A comparison operand read without `eval` (`Evaluator.quickOperand`):
/// `kind` 0 when it is not one of the shapes read so, 1 a plain number
/// (compared as a double, as `plainNumber` says), 2 a date (`value` its
/// `dateKey`, which orders as the dates do).
struct Quick {
    var kind: UInt8
    var value: Double
}

/// What a node is as a comparison operand (`Evaluator.quickForms`):
/// `kind` says which shape, `a` and `b` its numbers, `isDate` whether it is
/// read as a date (`toDate` of the path).
struct QuickForm {
    /// Not a shape read without `eval`.
    static let none: UInt8 = 0
    /// `x.key`, one field of a variable: `a` its slot, `b` the step's entry
    /// in the step table (its member hint), `key` and `keyCount` the field name.
    static let field: UInt8 = 1
    /// A cached root path: `a` its path cache slot, `b` the path node (to look it up when not cached yet).
    static let rootPath: UInt8 = 2
    /// A number literal: `value`.
    static let number: UInt8 = 3
    /// A let: `a` its number.
    static let letValue: UInt8 = 4

    var kind: UInt8 = QuickForm.none
    var isDate = false
    /// As a condition: a comparison of two operands of these shapes, or an
    /// `and` or `or` with such a side (`Evaluator.decide`).
    var decidable = false
    var a: Int32 = 0
    var b: Int32 = 0
    var keyCount: Int32 = 0
    var key: UnsafePointer<UInt8>? = nil
    var value: Double = 0
}

/// The `QuickForm` of every node of the IR `t`, whose constants are `constants`.
private func quickFormTable(_ t: UnsafePointer<IRTables>, _ constants: [Value]) -> UnsafeMutableBufferPointer<QuickForm> {
    let count = t.pointee.nodes.count
    let forms = UnsafeMutableBufferPointer<QuickForm>.allocate(capacity: Swift.max(count, 1))
    forms.initialize(repeating: QuickForm())
    func form(_ x: X) -> QuickForm {
        var f = QuickForm()
        switch x.op {
        case .constant(let k):
            if case .number(let d) = constants[k] { f.kind = QuickForm.number; f.value = d }
        case .global(let k):
            f.kind = QuickForm.letValue
            f.a = Int32(k)
        case .path(let base, let steps, let slot):
            if case .local(let local) = base.op {
                // As `eval` reads it outside tracing: one field of a dossier node.
                if steps.count == 1, case .key(let key) = steps[0] {
                    let bytes = key.bytes
                    f.kind = QuickForm.field
                    f.a = Int32(local)
                    f.b = steps.start
                    f.key = bytes.baseAddress.map { UnsafePointer($0) }
                    f.keyCount = Int32(bytes.count)
                }
            } else if slot >= 0 {
                f.kind = QuickForm.rootPath
                f.a = Int32(slot)
                f.b = x.id
            }
        case .toDate(let inner):
            f = form(inner)
            if f.kind == QuickForm.field || f.kind == QuickForm.rootPath { f.isDate = true } else { f = QuickForm() }
        default:
            break
        }
        return f
    }
    for id in 0..<count { forms[id] = form(X(id: Int32(id), t: t)) }
    func decidable(_ x: X) -> Bool {
        guard case .binary(let op, let l, let r) = x.op else { return false }
        switch op {
        case .less, .lessEqual, .greater, .greaterEqual:
            return forms[Int(l.id)].kind != QuickForm.none && forms[Int(r.id)].kind != QuickForm.none
        case .and, .or:
            return decidable(l) || decidable(r)
        default:
            return false
        }
    }
    for id in 0..<count { forms[id].decidable = decidable(X(id: Int32(id), t: t)) }
    return forms
}

/// A quantifier body `x.f == "text"` (or `!=`), ready to test elements
/// (`Evaluator.fusedEquality`).
struct FusedEquality {
    /// The field name and its entry in the step table (its member hint).
    let key: UnsafeBufferPointer<UInt8>
    let hint: Int
    /// The literal's bytes (`Evaluator.constantTexts`).
    let literal: UnsafeBufferPointer<UInt8>
    /// `==` rather than `!=`.
    let isEqual: Bool

    /// The body's truth on element node `e`, when its field holds a text;
    /// nil otherwise (absent, null, another type: evaluated as usual).
    @inline(__always)
    func test(_ e: Int, _ ev: Evaluator) -> Bool? {
        guard let m = ev.member(e, key, hint: hint), ev.nodes[m].kind == .string else { return nil }
        return canonicallyEqual(ev.stringBytes(m), literal) == isEqual
    }
}

/// A number that orders dates as `CivilDate` does (year, then month, then day).
@inline(__always)
func dateKey(_ d: CivilDate) -> Double { Double(d.year * 10_000 + d.month * 100 + d.day) }

/// One entry of `Evaluator.dateMemo`: the date node `node` holds, in the dossier stamped `stamp`.
struct DateMemo {
    /// Entries in the table (a power of two: a node's entry is its index modulo this).
    static let slots = 64
    var stamp: UInt64
    var node: Int32
    var date: CivilDate
}

/// The values of the current dossier that failed schema validation, with
/// why (`Evaluator.schemaInvalid`): a dictionary, with a 64-bit filter
/// beside it. Every path step of a dossier with an invalid value asks
/// whether its node is one; nearly all are not, and the filter (a bit per
/// node index modulo 64) says so without hashing.
struct InvalidValues {
    private var causes: [Int32: SchemaCause] = [:]
    private var filter: UInt64 = 0

    var isEmpty: Bool { causes.isEmpty }
    var count: Int { causes.count }

    mutating func removeAll(keepingCapacity: Bool) {
        causes.removeAll(keepingCapacity: keepingCapacity)
        filter = 0
    }

    @inline(__always)
    private static func bit(_ n: Int32) -> UInt64 { 1 << (UInt64(truncatingIfNeeded: n) & 63) }

    subscript(n: Int32) -> SchemaCause? {
        get { filter & InvalidValues.bit(n) == 0 ? nil : causes[n] }
        set {
            // A bit stays set when its value is removed: the filter may say "perhaps", never a wrong "no".
            if newValue != nil { filter |= InvalidValues.bit(n) }
            causes[n] = newValue
        }
    }
}
