import Diagnostics
import Foundation

// A regular-expression engine with RE2's guarantee: matching takes time
// proportional to (pattern size × input length), whatever the pattern, so one
// dossier can never stall a batch (`^(a+)+$` on a long line answers at once).
// The pattern is parsed into a small tree, compiled to a program of
// instructions, and run as a Pike VM (Thompson's NFA simulation): every
// possible thread advances in lock step over the input's code points, and a
// sparse set keeps at most one thread per instruction. There are no captures,
// so the answer is only "matches" or "does not match". Rules/REGEX.md
// documents the syntax.

// MARK: - Errors

/// Why a pattern was refused, with the bytes of the pattern at fault.
package struct RegexSyntaxError: Error, Sendable, Equatable {
    /// One-line message in both languages: lowercase, no final period, names in backticks.
    package var messageText: Diagnostics.LocalizedText
    /// How to fix the pattern, in both languages.
    package var helpText: Diagnostics.LocalizedText
    /// The message in English.
    package var message: String { messageText.en }
    /// The help in English.
    package var help: String { helpText.en }
    /// Byte offset of the offending part in the pattern as written, starting at 0.
    package var offset: Int
    /// Length in bytes of the offending part (at least 1 unless the pattern is empty).
    package var length: Int

    /// Creates an error for `length` bytes at `offset` of the pattern.
    package init(_ message: Diagnostics.LocalizedText, help: Diagnostics.LocalizedText, offset: Int, length: Int) {
        self.messageText = message
        self.helpText = help
        self.offset = offset
        self.length = length
    }
}

// MARK: - Compiled program

/// A regular expression compiled for linear-time matching; immutable, so it is
/// shared freely between threads.
package struct LinearRegex: Sendable {
    /// Longest pattern accepted, in UTF-8 bytes.
    package static let maxPatternBytes = 4096
    /// Largest count in `{m}`, `{m,}` and `{m,n}`.
    package static let maxRepeatCount = 1000
    /// Largest compiled program, in instructions (nested counted repetitions multiply).
    package static let maxInstructions = 20_000

    /// The pattern as written.
    package let pattern: String
    /// Did the pattern start with `(?i)`?
    package let ignoresCase: Bool
    let program: ContiguousArray<Instruction>
    let classes: [ContiguousArray<ScalarRange>]
    /// Per class, its ASCII members as a 128-bit set (`low` for U+0000–U+003F,
    /// `high` for U+0040–U+007F): most subjects are ASCII (codes, numbers,
    /// addresses), and a bit test is cheaper than the ranges' binary search.
    let asciiClasses: ContiguousArray<(low: UInt64, high: UInt64)>
    /// Every alternative starts with `^`: a search can stop after the first position.
    let isAnchoredAtStart: Bool
    /// The program as a DFA over ASCII, when it has no assertion and few
    /// enough states (`RegexDFA.build`): an ASCII subject is then matched
    /// by a table walk, one load a byte.
    let dfa: RegexDFA?

    /// Parses and compiles `pattern`. The pattern is checked as written (error
    /// offsets are into it), and compiled in NFC, as subjects are matched in NFC.
    package init(_ pattern: String) throws(RegexSyntaxError) {
        let bytes = Array(pattern.utf8)
        if bytes.count > Self.maxPatternBytes {
            throw RegexSyntaxError(rx(.patternTooLong, ["bytes": .text(String(bytes.count)), "max": .text(String(Self.maxPatternBytes))]),
                                   help: rx(.helpSplitPattern),
                                   offset: 0, length: bytes.count)
        }
        var parser = RegexParser(bytes)
        var tree = try parser.parse()
        let nfcBytes = Array(pattern.precomposedStringWithCanonicalMapping.utf8)
        if nfcBytes != bytes {
            // Only non-ASCII letters change under NFC, so the NFC form parses alike;
            // should it not, the error is reported over the whole pattern.
            var nfcParser = RegexParser(nfcBytes)
            do {
                tree = try nfcParser.parse()
            } catch {
                throw RegexSyntaxError(error.messageText, help: error.helpText, offset: 0, length: bytes.count)
            }
            parser = nfcParser
        }
        var compiler = RegexCompiler()
        try compiler.emit(tree, patternLength: bytes.count)
        compiler.program.append(.match)
        self.pattern = pattern
        self.ignoresCase = parser.ignoresCase
        self.program = compiler.program
        self.classes = compiler.classes
        self.asciiClasses = ContiguousArray(compiler.classes.map { ranges in
            var low: UInt64 = 0, high: UInt64 = 0
            for c in UInt32(0)..<128 where classContains(ranges, c) {
                if c < 64 { low |= 1 << UInt64(c) } else { high |= 1 << UInt64(c - 64) }
            }
            return (low, high)
        })
        self.isAnchoredAtStart = tree.isAnchoredAtStart
        self.dfa = RegexDFA.build(compiler.program, asciiClasses)
    }

    /// Number of instructions in the compiled program.
    package var instructionCount: Int { program.count }

    /// Does the pattern match somewhere in `subject` (UTF-8, already in NFC)?
    package func search(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        if let dfa, let r = dfa.search(subject) { return r }
        return run(subject, searching: true)
    }

    /// Does the pattern match the whole of `subject` (UTF-8, already in NFC)?
    package func wholeMatch(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        if let dfa, let r = dfa.wholeMatch(subject) { return r }
        return run(subject, searching: false)
    }

    /// `search` by the simulation alone, never the DFA (the tests compare both).
    package func searchBySimulation(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        run(subject, searching: true)
    }

    /// `wholeMatch` by the simulation alone, never the DFA.
    package func wholeMatchBySimulation(_ subject: UnsafeBufferPointer<UInt8>) -> Bool {
        run(subject, searching: false)
    }

    /// Was a DFA built for this pattern?
    package var hasDFA: Bool { dfa != nil }

    /// `search` on a string, put in NFC first.
    package func search(in subject: String) -> Bool {
        var s = subject.precomposedStringWithCanonicalMapping
        return s.withUTF8 { search($0) }
    }

    /// `wholeMatch` on a string, put in NFC first.
    package func wholeMatch(of subject: String) -> Bool {
        var s = subject.precomposedStringWithCanonicalMapping
        return s.withUTF8 { wholeMatch($0) }
    }
}

/// An inclusive range of Unicode scalar values.
struct ScalarRange: Sendable, Equatable {
    /// First code point of the range.
    var lo: UInt32
    /// Last code point of the range (inclusive).
    var hi: UInt32
}

/// One instruction of a compiled pattern.
enum Instruction: Sendable, Equatable {
    /// Consume this code point.
    case scalar(UInt32)
    /// Consume any code point but `\n`.
    case any
    /// Consume a code point of class `classes[k]`.
    case set(Int32)
    /// Continue at both targets.
    case split(Int32, Int32)
    /// Continue at the target.
    case jump(Int32)
    /// Continue only if the assertion holds here.
    case assert(Assertion)
    /// The pattern has matched.
    case match
}

/// Zero-width assertions: `^`, `$`, `\b`, `\B`.
enum Assertion: Sendable, Equatable {
    case start, end, wordBoundary, notWordBoundary
}

// MARK: - Pike VM

/// A set of instruction indices with O(1) insert, test and clear (Briggs and
/// Torczon's sparse set); iteration is in insertion order. Its two arrays
/// live in memory the run allocates once (on the stack when small): a
/// match allocated four arrays and a stack on the heap each time.
private struct SparseSet {
    var dense: UnsafeMutablePointer<Int32>
    var sparse: UnsafeMutablePointer<Int32>
    var count = 0

    /// A set over `memory` (two arrays of `capacity` entries, zeroed).
    init(_ memory: UnsafeMutablePointer<Int32>, capacity: Int) {
        dense = memory
        sparse = memory + capacity
    }

    @inline(__always) func contains(_ i: Int32) -> Bool {
        let s = Int(sparse[Int(i)])
        return s < count && dense[s] == i
    }

    @inline(__always) mutating func insert(_ i: Int32) {
        dense[count] = i
        sparse[Int(i)] = Int32(count)
        count += 1
    }
}

/// The pending instructions of `addClosure`, over memory the run allocates
/// once: each instruction enters a set once per position and pushes at most
/// two targets, so twice the program's length (and one) is room enough.
private struct PCStack {
    let base: UnsafeMutablePointer<Int32>
    var count = 0
    @inline(__always) mutating func append(_ pc: Int32) {
        base[count] = pc
        count += 1
    }
    @inline(__always) mutating func popLast() -> Int32? {
        if count == 0 { return nil }
        count -= 1
        return base[count]
    }
}

/// What the assertions see at one position of the input.
private struct Position {
    var atStart: Bool
    var atEnd: Bool
    var previous: UInt32
    var next: UInt32
}

@inline(__always)
private func isWordScalar(_ c: UInt32) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
}

/// Decodes the code point at `i` of well-formed UTF-8; a malformed byte reads
/// as U+FFFD and is one byte long (dossier strings are valid UTF-8, so this
/// only keeps the loop safe).
@inline(__always)
private func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (scalar: UInt32, length: Int) {
    let c0 = UInt32(b[i])
    if c0 < 0x80 { return (c0, 1) }
    let n = b.count
    @inline(__always) func cont(_ k: Int) -> UInt32? {
        guard i + k < n, b[i + k] & 0xC0 == 0x80 else { return nil }
        return UInt32(b[i + k] & 0x3F)
    }
    if c0 & 0xE0 == 0xC0, let c1 = cont(1) {
        let v = (c0 & 0x1F) << 6 | c1
        if v >= 0x80 { return (v, 2) }
    } else if c0 & 0xF0 == 0xE0, let c1 = cont(1), let c2 = cont(2) {
        let v = (c0 & 0x0F) << 12 | c1 << 6 | c2
        if v >= 0x800 && !(v >= 0xD800 && v <= 0xDFFF) { return (v, 3) }
    } else if c0 & 0xF8 == 0xF0, let c1 = cont(1), let c2 = cont(2), let c3 = cont(3) {
        let v = (c0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3
        if v >= 0x10000 && v <= 0x10FFFF { return (v, 4) }
    }
    return (0xFFFD, 1)
}

/// Scalar value meaning "no code point" (before the start, after the end).
private let noScalar: UInt32 = 0xFFFF_FFFF

extension LinearRegex {
    /// The simulation. Be careful when changing it: it is the hot path of
    /// `matches`, and its linear bound rests on each instruction entering each
    /// thread list at most once per position.
    func run(_ input: UnsafeBufferPointer<UInt8>, searching: Bool) -> Bool {
        let size = program.count
        // Two sparse sets (two arrays each) and the closure's stack.
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: 6 * size + 2) { memory in
            let base = memory.baseAddress!
            base.initialize(repeating: 0, count: 6 * size + 2)
            var current = SparseSet(base, capacity: size)
            var next = SparseSet(base + 2 * size, capacity: size)
            var stack = PCStack(base: base + 4 * size)
            return run(input, searching: searching, &current, &next, &stack)
        }
    }

    private func run(_ input: UnsafeBufferPointer<UInt8>, searching: Bool, _ current: inout SparseSet, _ next: inout SparseSet,
                     _ stack: inout PCStack) -> Bool {
        let n = input.count
        var p = 0
        var (scalar, length) = n > 0 ? decodeScalar(input, 0) : (noScalar, 0)
        var position = Position(atStart: true, atEnd: n == 0, previous: noScalar, next: scalar)
        return program.withUnsafeBufferPointer { code in
            while true {
                // A search starts a thread at every position, unless every
                // alternative starts with `^` (it could only match at 0).
                if p == 0 || (searching && !isAnchoredAtStart) {
                    if addClosure(code, &current, 0, position, &stack) && (searching || p == n) { return true }
                }
                if current.count == 0 && (!searching || isAnchoredAtStart) { return false }
                if p == n { return false }
                // Advance every thread over the code point at `p`.
                let q = p + length
                let (following, followingLength) = q < n ? decodeScalar(input, q) : (noScalar, 0)
                let after = Position(atStart: false, atEnd: q == n, previous: scalar, next: following)
                next.count = 0
                var matched = false
                for k in 0..<current.count {
                    let pc = current.dense[k]
                    let ok: Bool
                    switch code[Int(pc)] {
                    case .scalar(let c): ok = c == scalar
                    case .any: ok = scalar != 0x0A
                    case .set(let s):
                        if scalar < 64 {
                            ok = asciiClasses[Int(s)].low & (1 << UInt64(scalar)) != 0
                        } else if scalar < 128 {
                            ok = asciiClasses[Int(s)].high & (1 << UInt64(scalar - 64)) != 0
                        } else {
                            ok = classContains(classes[Int(s)], scalar)
                        }
                    default: ok = false
                    }
                    if ok && addClosure(code, &next, pc + 1, after, &stack) { matched = true }
                }
                if matched && (searching || q == n) { return true }
                swap(&current, &next)
                p = q
                scalar = following
                length = followingLength
                position = after
            }
        }
    }

    /// Adds `pc` and every instruction reachable from it without consuming
    /// input; returns whether `match` was reached.
    @inline(__always)
    private func addClosure(_ code: UnsafeBufferPointer<Instruction>, _ set: inout SparseSet, _ pc: Int32,
                            _ at: Position, _ stack: inout PCStack) -> Bool {
        var matched = false
        stack.append(pc)
        while let pc = stack.popLast() {
            if set.contains(pc) { continue }
            set.insert(pc)
            switch code[Int(pc)] {
            case .jump(let t): stack.append(t)
            case .split(let a, let b):
                stack.append(b)
                stack.append(a)
            case .assert(let a):
                let holds: Bool
                switch a {
                case .start: holds = at.atStart
                case .end: holds = at.atEnd
                case .wordBoundary, .notWordBoundary:
                    let before = at.previous != noScalar && isWordScalar(at.previous)
                    let after = at.next != noScalar && isWordScalar(at.next)
                    holds = (before != after) == (a == .wordBoundary)
                }
                if holds { stack.append(pc + 1) }
            case .match: matched = true
            case .scalar, .any, .set: break
            }
        }
        return matched
    }
}

@inline(__always)
private func classContains(_ ranges: ContiguousArray<ScalarRange>, _ c: UInt32) -> Bool {
    var lo = 0, hi = ranges.count
    while lo < hi {
        let mid = (lo + hi) / 2
        let r = ranges[mid]
        if c < r.lo { hi = mid } else if c > r.hi { lo = mid + 1 } else { return true }
    }
    return false
}

// MARK: - DFA over ASCII

/// A compiled program without assertions, as two DFAs over ASCII bytes
/// (subset construction at load over the byte classes the program tells
/// apart, at most `maxStates` states each): one for
/// a whole match, one for a search (every step also starts a thread at 0,
/// as the simulation does). A state is the set of instructions the
/// simulation would hold; accepting when `match` is among them. A byte
/// from 0x80 on leaves the subject to the simulation (nil), unless the
/// answer is known before it. Immutable.
struct RegexDFA: Sendable {
    /// Most states a DFA may have; a program that needs more is simulated.
    static let maxStates = 128
    /// Per ASCII byte, its class: bytes every instruction takes alike share one.
    let classOf: [UInt8]
    let classCount: Int
    /// `whole[state * classCount + class]`: the next state, or -1 when no thread is left.
    let whole: [Int16]
    let wholeAccepting: [Bool]
    /// `search[state * classCount + class]`: the next state (never none: a search restarts at every position).
    let search: [Int16]
    let searchAccepting: [Bool]

    /// The DFAs of `program`, or nil when it has an assertion or needs too many states.
    static func build(_ program: ContiguousArray<Instruction>, _ ascii: ContiguousArray<(low: UInt64, high: UInt64)>) -> RegexDFA? {
        for i in program { if case .assert = i { return nil } }
        guard program.count <= 512 else { return nil }
        func takes(_ pc: Int, _ c: UInt32) -> Bool {
            switch program[pc] {
            case .scalar(let x): return x == c
            case .any: return c != 0x0A
            case .set(let k): return c < 64 ? ascii[Int(k)].low & (1 << UInt64(c)) != 0 : ascii[Int(k)].high & (1 << UInt64(c - 64)) != 0
            default: return false
            }
        }
        // Byte classes: the bytes each consuming instruction takes, as one signature per byte.
        let consuming = program.indices.filter { pc in
            switch program[pc] { case .scalar, .any, .set: return true; default: return false }
        }
        var classOf = [UInt8](repeating: 0, count: 128)
        var signatures: [[Bool]: UInt8] = [:]
        var representatives: [UInt32] = []
        for c in UInt32(0)..<128 {
            let signature = consuming.map { takes($0, c) }
            if let k = signatures[signature] {
                classOf[Int(c)] = k
            } else {
                let k = UInt8(representatives.count)
                signatures[signature] = k
                representatives.append(c)
                classOf[Int(c)] = k
            }
        }
        let classCount = representatives.count
        // The instructions reachable from `pcs` without consuming: the consuming ones and `match`, sorted.
        func closure(_ pcs: [Int32]) -> [Int32] {
            var seen = Set<Int32>(), out: [Int32] = [], stack = pcs
            while let pc = stack.popLast() {
                guard seen.insert(pc).inserted else { continue }
                switch program[Int(pc)] {
                case .jump(let t): stack.append(t)
                case .split(let a, let b): stack.append(b); stack.append(a)
                case .assert: break
                case .match, .scalar, .any, .set: out.append(pc)
                }
            }
            return out.sorted()
        }
        func accepts(_ state: [Int32]) -> Bool { state.contains { if case .match = program[Int($0)] { return true } else { return false } } }
        let start = closure([0])
        func construct(restarting: Bool) -> (table: [Int16], accepting: [Bool])? {
            var states: [[Int32]] = [start], index: [[Int32]: Int16] = [start: 0]
            var table: [Int16] = [], accepting: [Bool] = []
            var k = 0
            while k < states.count {
                let state = states[k]
                accepting.append(accepts(state))
                for c in representatives {
                    var next = closure(state.filter { takes(Int($0), c) }.map { $0 + 1 })
                    if restarting { next = Array(Set(next).union(start)).sorted() }
                    if next.isEmpty { table.append(-1); continue }
                    if let id = index[next] { table.append(id); continue }
                    guard states.count < maxStates else { return nil }
                    index[next] = Int16(states.count)
                    table.append(Int16(states.count))
                    states.append(next)
                }
                k += 1
            }
            return (table, accepting)
        }
        guard let w = construct(restarting: false), let s = construct(restarting: true) else { return nil }
        return RegexDFA(classOf: classOf, classCount: classCount, whole: w.table, wholeAccepting: w.accepting, search: s.table, searchAccepting: s.accepting)
    }

    /// Does the program match the whole of an ASCII `subject`? Nil when it is not ASCII.
    func wholeMatch(_ subject: UnsafeBufferPointer<UInt8>) -> Bool? {
        whole.withUnsafeBufferPointer { t in
            classOf.withUnsafeBufferPointer { classes in
                var state = 0
                for b in subject {
                    if b >= 0x80 { return nil }
                    let next = Int(t[state &* classCount &+ Int(classes[Int(b)])])
                    // No thread left: the simulation answers no here too, whatever follows.
                    if next < 0 { return false }
                    state = next
                }
                return wholeAccepting[state]
            }
        }
    }

    /// Does the program match somewhere in `subject`? Nil when a byte from
    /// 0x80 on comes before a match (the ASCII before it matched nowhere).
    func search(_ subject: UnsafeBufferPointer<UInt8>) -> Bool? {
        if searchAccepting[0] { return true }
        return search.withUnsafeBufferPointer { t in
            classOf.withUnsafeBufferPointer { classes in
                var state = 0
                for b in subject {
                    if b >= 0x80 { return nil }
                    state = Int(t[state &* classCount &+ Int(classes[Int(b)])])
                    if searchAccepting[state] { return true }
                }
                return false
            }
        }
    }
}

// MARK: - Syntax tree

/// A parsed pattern.
indirect enum RegexNode: Sendable {
    /// Matches the empty string (an empty pattern, branch or group).
    case empty
    /// One code point.
    case scalar(UInt32)
    /// `.`: any code point but `\n`.
    case any
    /// A class, as sorted, merged ranges.
    case set(ContiguousArray<ScalarRange>)
    /// `^`, `$`, `\b`, `\B`.
    case assert(Assertion)
    /// The items one after the other.
    case concat([RegexNode])
    /// `a|b|…`.
    case alternation([RegexNode])
    /// A quantified item; `max` nil means unbounded.
    case repeated(RegexNode, min: Int, max: Int?)

    /// Does every way through this node start with `^`?
    var isAnchoredAtStart: Bool {
        switch self {
        case .assert(.start): true
        case .concat(let xs): xs.first?.isAnchoredAtStart ?? false
        case .alternation(let xs): !xs.isEmpty && xs.allSatisfy(\.isAnchoredAtStart)
        case .repeated(let x, let min, _): min > 0 && x.isAnchoredAtStart
        default: false
        }
    }
}

// MARK: - Parser

/// Recursive descent over the pattern's UTF-8 bytes.
struct RegexParser {
    private let b: [UInt8]
    private var i = 0
    private var depth = 0
    /// Set by a leading `(?i)`.
    private(set) var ignoresCase = false

    /// A parser over the pattern's UTF-8 bytes.
    init(_ bytes: [UInt8]) { b = bytes }

    private func peek(_ k: Int = 0) -> UInt8? { i + k < b.count ? b[i + k] : nil }

    private func fail(_ message: Diagnostics.LocalizedText, _ help: Diagnostics.LocalizedText, at offset: Int, length: Int = 1) -> RegexSyntaxError {
        RegexSyntaxError(message, help: help, offset: offset, length: max(0, min(length, b.count - offset)))
    }

    /// The pattern text of `b[from..<to]`, for messages.
    private func text(_ from: Int, _ to: Int) -> String {
        String(decoding: b[max(0, from)..<min(b.count, to)], as: UTF8.self)
    }

    /// The tree of the whole pattern, or the first error in it.
    mutating func parse() throws(RegexSyntaxError) -> RegexNode {
        if b.starts(with: Array("(?i)".utf8)) {
            ignoresCase = true
            i = 4
        }
        let node = try parseAlternation()
        if i < b.count {
            // Only a `)` stops an alternation early.
            throw fail(rx(.unmatchedParen), rx(.helpUnmatchedParen), at: i)
        }
        return node
    }

    private mutating func parseAlternation() throws(RegexSyntaxError) -> RegexNode {
        var branches = [try parseConcat()]
        while peek() == UInt8(ascii: "|") {
            i += 1
            branches.append(try parseConcat())
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseConcat() throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek(), c != UInt8(ascii: "|"), c != UInt8(ascii: ")") {
            let start = i
            var atom = try parseAtom()
            atom = try parseQuantifiers(atom, atomStart: start)
            items.append(atom)
        }
        return items.count == 1 ? items[0] : (items.isEmpty ? .empty : .concat(items))
    }

    private mutating func parseAtom() throws(RegexSyntaxError) -> RegexNode {
        let start = i
        let c = b[i]
        switch c {
        case UInt8(ascii: "("):
            return try parseGroup()
        case UInt8(ascii: "["):
            return .set(try parseClass())
        case UInt8(ascii: "."):
            i += 1
            return .any
        case UInt8(ascii: "^"):
            i += 1
            return .assert(.start)
        case UInt8(ascii: "$"):
            i += 1
            return .assert(.end)
        case UInt8(ascii: "\\"):
            return try parseEscape(inClass: false).node(ignoringCase: ignoresCase)
        case UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "?"):
            throw fail(rx(.nothingToRepeat, ["text": .text(text(i, i + 1))]), rx(.helpLiteralChar, ["text": .text(text(i, i + 1))]), at: i)
        case UInt8(ascii: "{"):
            if let (_, _, end) = countedRepetition(at: i) {
                throw fail(rx(.nothingToRepeat, ["text": .text(text(i, end))]), rx(.helpLiteralBrace), at: i, length: end - i)
            }
            throw fail(rx(.braceNotRepetition), rx(.helpLiteralBrace), at: i)
        case UInt8(ascii: "}"):
            throw fail(rx(.unescapedCloseBrace), rx(.helpLiteralCloseBrace), at: i)
        case UInt8(ascii: "]"):
            throw fail(rx(.unescapedCloseBracket), rx(.helpLiteralCloseBracket), at: i)
        default:
            let (scalar, length) = b.withUnsafeBufferPointer { decodeScalar($0, start) }
            i += length
            return literal(scalar)
        }
    }

    private func literal(_ c: UInt32) -> RegexNode {
        guard ignoresCase else { return .scalar(c) }
        let variants = caseVariants(of: c)
        return variants.count == 1 ? .scalar(c) : .set(normalizedRanges(variants.map { ScalarRange(lo: $0, hi: $0) }))
    }

    private mutating func parseGroup() throws(RegexSyntaxError) -> RegexNode {
        let open = i
        i += 1
        if peek() == UInt8(ascii: "?") {
            let kind = peek(1)
            switch kind {
            case UInt8(ascii: ":"):
                i += 2
            case UInt8(ascii: "="), UInt8(ascii: "!"):
                throw fail(rx(.lookAhead, ["text": .text(text(open, open + 3))]), rx(.helpLookAround),
                           at: open, length: 3)
            case UInt8(ascii: "<") where peek(2) == UInt8(ascii: "=") || peek(2) == UInt8(ascii: "!"):
                throw fail(rx(.lookBehind, ["text": .text(text(open, open + 4))]), rx(.helpLookAround),
                           at: open, length: 4)
            case UInt8(ascii: ">"):
                throw fail(rx(.atomicGroup), rx(.helpAtomicGroup), at: open, length: 3)
            case UInt8(ascii: "<"), UInt8(ascii: "P"), UInt8(ascii: "'"):
                throw fail(rx(.namedGroup), rx(.helpNamedGroup), at: open, length: 3)
            case UInt8(ascii: "i") where peek(2) == UInt8(ascii: ")"):
                throw fail(rx(.caseFlagNotAtStart), rx(.helpCaseFlag),
                           at: open, length: 4)
            default:
                let shown = kind.map { _ in text(open, open + 3) } ?? "(?"
                throw fail(rx(.unsupportedGroup, ["text": .text(shown)]), rx(.helpGroups),
                           at: open, length: shown.utf8.count)
            }
        }
        depth += 1
        if depth > 100 {
            throw fail(rx(.groupsTooDeep), rx(.helpFlatten), at: open)
        }
        let inner = try parseAlternation()
        depth -= 1
        guard peek() == UInt8(ascii: ")") else {
            throw fail(rx(.unclosedGroup), rx(.helpUnclosedGroup), at: open)
        }
        i += 1
        return inner
    }

    /// Reads `{m}`, `{m,}` or `{m,n}` at `k`: the counts and the offset past `}`.
    private func countedRepetition(at k: Int) -> (Int, Int?, Int)? {
        var j = k + 1
        func number(_ j: inout Int) -> Int? {
            let s = j
            var v = 0
            while j < b.count, b[j] >= 0x30, b[j] <= 0x39 {
                v = min(v * 10 + Int(b[j] - 0x30), 1_000_000)
                j += 1
            }
            return j > s ? v : nil
        }
        guard let m = number(&j) else { return nil }
        if j < b.count && b[j] == UInt8(ascii: "}") { return (m, m, j + 1) }
        guard j < b.count && b[j] == UInt8(ascii: ",") else { return nil }
        j += 1
        let n = number(&j)
        guard j < b.count && b[j] == UInt8(ascii: "}") else { return nil }
        return (m, n, j + 1)
    }

    private mutating func parseQuantifiers(_ atom: RegexNode, atomStart: Int) throws(RegexSyntaxError) -> RegexNode {
        var node = atom
        var quantified = false
        while let c = peek() {
            let start = i
            var min = 0, max: Int? = nil
            switch c {
            case UInt8(ascii: "*"): i += 1
            case UInt8(ascii: "+"): (min, i) = (1, i + 1)
            case UInt8(ascii: "?"): (max, i) = (1, i + 1)
            case UInt8(ascii: "{"):
                guard let (m, n, end) = countedRepetition(at: i) else {
                    throw fail(rx(.braceNotRepetition), rx(.helpLiteralBrace), at: i)
                }
                let shown = text(i, end)
                if m > LinearRegex.maxRepeatCount || (n ?? 0) > LinearRegex.maxRepeatCount {
                    throw fail(rx(.repeatAboveLimit, ["text": .text(shown), "max": .text(String(LinearRegex.maxRepeatCount))]),
                               rx(.helpLongRepeats), at: i, length: end - i)
                }
                if let n, m > n {
                    throw fail(rx(.repeatMinAboveMax, ["text": .text(shown)]), rx(.helpWriteSwapped, ["swapped": .text("{\(n),\(m)}")]), at: i, length: end - i)
                }
                (min, max, i) = (m, n, end)
            default:
                return node
            }
            // A bare anchor (not a group around one) repeated is a slip.
            if case .assert = atom, b[atomStart] != UInt8(ascii: "(") {
                throw fail(rx(.nothingToRepeat, ["text": .text(text(start, i))]), rx(.helpAnchorLiteral, ["text": .text(text(start, start + 1))]),
                           at: start, length: i - start)
            }
            if quantified {
                throw fail(rx(.repeatsRepetition, ["text": .text(text(start, i))]), rx(.helpGroupTheRepeat, ["text": .text(text(start, i))]),
                           at: start, length: i - start)
            }
            // A lazy `?` changes which match is found, not whether one is: accepted.
            if peek() == UInt8(ascii: "?") {
                i += 1
            } else if peek() == UInt8(ascii: "+") {
                throw fail(rx(.possessive, ["text": .text(text(start, i + 1))]), rx(.helpPossessive, ["plain": .text(text(start, i))]),
                           at: start, length: i + 1 - start)
            }
            node = .repeated(node, min: min, max: max)
            quantified = true
        }
        return node
    }

    /// An escape, outside or inside a class.
    enum Escape {
        /// `\t`, `\u1EA1`, `\.`: one code point.
        case scalar(UInt32)
        /// `\d`, `\W`, …
        case set(ContiguousArray<ScalarRange>)
        /// `\b`, `\B`.
        case assert(Assertion)

        /// The escape as a tree node (a letter becomes a class of its cases under `(?i)`).
        func node(ignoringCase: Bool) -> RegexNode {
            switch self {
            case .scalar(let c):
                guard ignoringCase else { return .scalar(c) }
                let v = caseVariants(of: c)
                return v.count == 1 ? .scalar(c) : .set(normalizedRanges(v.map { ScalarRange(lo: $0, hi: $0) }))
            case .set(let s): return .set(s)
            case .assert(let a): return .assert(a)
            }
        }
    }

    private mutating func parseEscape(inClass: Bool) throws(RegexSyntaxError) -> Escape {
        let start = i
        guard let e = peek(1) else {
            throw fail(rx(.loneBackslash), rx(.helpLiteralBackslash), at: start)
        }
        i += 2
        switch e {
        case UInt8(ascii: "d"): return .set([ScalarRange(lo: 0x30, hi: 0x39)])
        case UInt8(ascii: "D"): return .set(complementRanges([ScalarRange(lo: 0x30, hi: 0x39)]))
        case UInt8(ascii: "w"): return .set(wordRanges)
        case UInt8(ascii: "W"): return .set(complementRanges(wordRanges))
        case UInt8(ascii: "s"): return .set(spaceRanges)
        case UInt8(ascii: "S"): return .set(complementRanges(spaceRanges))
        case UInt8(ascii: "t"): return .scalar(0x09)
        case UInt8(ascii: "n"): return .scalar(0x0A)
        case UInt8(ascii: "r"): return .scalar(0x0D)
        case UInt8(ascii: "b"), UInt8(ascii: "B"):
            if inClass {
                throw fail(rx(.boundaryInClass, ["letter": .text(text(start + 1, start + 2))]), rx(.helpBoundaryInClass),
                           at: start, length: 2)
            }
            return .assert(e == UInt8(ascii: "b") ? .wordBoundary : .notWordBoundary)
        case UInt8(ascii: "u"):
            return .scalar(try parseUnicodeEscape(start))
        case UInt8(ascii: "1")...UInt8(ascii: "9"), UInt8(ascii: "k"):
            var end = i
            while end < b.count, b[end] >= 0x30, b[end] <= 0x39, e != UInt8(ascii: "k") { end += 1 }
            throw fail(rx(.backreference, ["text": .text(text(start, end))]), rx(.helpBackreference),
                       at: start, length: end - start)
        case UInt8(ascii: "p"), UInt8(ascii: "P"):
            throw fail(rx(.unknownEscape, ["text": .text(text(start, start + 2))]), rx(.helpPropertyClass), at: start, length: 2)
        default:
            // Any ASCII punctuation may be escaped to stand for itself.
            if e < 0x80 && e > 0x20 && !isASCIIAlphanumeric(e) { return .scalar(UInt32(e)) }
            let length = e < 0x80 ? 2 : 1 + (b.withUnsafeBufferPointer { decodeScalar($0, start + 1) }.length)
            throw fail(rx(.unknownEscape, ["text": .text(text(start, start + length))]), rx(.helpEscapeForms),
                       at: start, length: length)
        }
    }

    /// `\uXXXX` or `\u{X…}` (1 to 6 hex digits), after `\u` at `start`.
    private mutating func parseUnicodeEscape(_ start: Int) throws(RegexSyntaxError) -> UInt32 {
        var v: UInt32 = 0
        var digits = 0
        let braced = peek() == UInt8(ascii: "{")
        if braced { i += 1 }
        while let h = peek(), let d = hexValue(h), braced ? digits < 6 : digits < 4 {
            v = v << 4 | d
            digits += 1
            i += 1
        }
        let ok = braced ? (digits >= 1 && peek() == UInt8(ascii: "}")) : digits == 4
        if braced && ok { i += 1 }
        guard ok, v <= 0x10FFFF, !(v >= 0xD800 && v <= 0xDFFF) else {
            throw fail(rx(.invalidEscape, ["text": .text(text(start, i))]), rx(.helpUnicodeEscape),
                       at: start, length: i - start)
        }
        return v
    }

    /// A class after `[` at `i`; returns sorted, merged ranges (complemented for `[^…]`).
    private mutating func parseClass() throws(RegexSyntaxError) -> ContiguousArray<ScalarRange> {
        let open = i
        i += 1
        var negated = false
        if peek() == UInt8(ascii: "^") {
            negated = true
            i += 1
        }
        var ranges: [ScalarRange] = []
        var first = true
        while true {
            guard let c = peek() else {
                throw fail(rx(.unclosedClass), rx(.helpUnclosedClass), at: open)
            }
            if c == UInt8(ascii: "]") {
                if first {
                    throw fail(rx(.emptyClass), rx(.helpEmptyClass), at: open, length: i + 1 - open)
                }
                i += 1
                break
            }
            first = false
            if c == UInt8(ascii: "[") {
                throw fail(rx(.bracketInClass), rx(.helpBracketInClass), at: i)
            }
            let itemStart = i
            let low = try parseClassItem()
            // A range `x-y`, unless the `-` is last in the class.
            if peek() == UInt8(ascii: "-"), let after = peek(1), after != UInt8(ascii: "]") {
                let dash = i
                i += 1
                let highStart = i
                if after == UInt8(ascii: "[") {
                    throw fail(rx(.bracketInClass), rx(.helpBracketInClass), at: i)
                }
                let high = try parseClassItem()
                guard case .scalar(let lo) = low else {
                    throw fail(rx(.rangeBadStart, ["text": .text(text(itemStart, dash))]), rx(.helpLiteralDash), at: itemStart, length: i - itemStart)
                }
                guard case .scalar(let hi) = high else {
                    throw fail(rx(.rangeBadEnd, ["text": .text(text(highStart, i))]), rx(.helpLiteralDash), at: itemStart, length: i - itemStart)
                }
                if lo > hi {
                    throw fail(rx(.rangeOutOfOrder, ["text": .text(text(itemStart, i))]), rx(.helpRangeOrder, ["fixed": .text("\(text(highStart, i))-\(text(itemStart, dash))")]),
                               at: itemStart, length: i - itemStart)
                }
                ranges.append(ScalarRange(lo: lo, hi: hi))
            } else {
                switch low {
                case .scalar(let c): ranges.append(ScalarRange(lo: c, hi: c))
                case .set(let s): ranges.append(contentsOf: s)
                case .assert: break  // refused by parseEscape inside a class
                }
            }
        }
        var set = normalizedRanges(ranges)
        if ignoresCase { set = addingCaseVariants(set) }
        return negated ? complementRanges(set) : set
    }

    /// One class member: a code point or a class escape.
    private mutating func parseClassItem() throws(RegexSyntaxError) -> Escape {
        if b[i] == UInt8(ascii: "\\") { return try parseEscape(inClass: true) }
        let (scalar, length) = b.withUnsafeBufferPointer { decodeScalar($0, i) }
        i += length
        return .scalar(scalar)
    }
}

private func isASCIIAlphanumeric(_ c: UInt8) -> Bool {
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
}

private func hexValue(_ c: UInt8) -> UInt32? {
    switch c {
    case 0x30...0x39: UInt32(c - 0x30)
    case 0x41...0x46: UInt32(c - 0x41 + 10)
    case 0x61...0x66: UInt32(c - 0x61 + 10)
    default: nil
    }
}

/// `\w`: ASCII letters, digits and `_`.
private let wordRanges: ContiguousArray<ScalarRange> = [
    ScalarRange(lo: 0x30, hi: 0x39), ScalarRange(lo: 0x41, hi: 0x5A), ScalarRange(lo: 0x5F, hi: 0x5F), ScalarRange(lo: 0x61, hi: 0x7A),
]
/// `\s`: tab, line feed, vertical tab, form feed, carriage return, space.
private let spaceRanges: ContiguousArray<ScalarRange> = [ScalarRange(lo: 0x09, hi: 0x0D), ScalarRange(lo: 0x20, hi: 0x20)]

// MARK: - Sets of code points

/// Sorts and merges overlapping or adjacent ranges.
private func normalizedRanges(_ ranges: [ScalarRange]) -> ContiguousArray<ScalarRange> {
    var out = ContiguousArray<ScalarRange>()
    for r in ranges.sorted(by: { $0.lo < $1.lo }) {
        if let last = out.last, r.lo <= last.hi &+ 1 {
            out[out.count - 1].hi = max(last.hi, r.hi)
        } else {
            out.append(r)
        }
    }
    return out
}

/// Every code point not in `set` (which is normalized).
private func complementRanges(_ set: ContiguousArray<ScalarRange>) -> ContiguousArray<ScalarRange> {
    var out = ContiguousArray<ScalarRange>()
    var next: UInt32 = 0
    for r in set {
        if r.lo > next { out.append(ScalarRange(lo: next, hi: r.lo - 1)) }
        next = r.hi + 1
    }
    if next <= 0x10FFFF { out.append(ScalarRange(lo: next, hi: 0x10FFFF)) }
    return out
}

/// The blocks whose letters `(?i)` folds inside a class: Basic Latin, Latin-1,
/// Latin Extended-A and -B, Greek, Cyrillic, Latin Extended Additional (every
/// Vietnamese letter is in these).
private let caseFoldedBlocks: [ScalarRange] = [
    ScalarRange(lo: 0x41, hi: 0x7A), ScalarRange(lo: 0xC0, hi: 0x24F), ScalarRange(lo: 0x370, hi: 0x4FF), ScalarRange(lo: 0x1E00, hi: 0x1EFF),
]

/// `c` with its one-code-point upper- and lowercase forms (`ạ`, `Ạ`).
private func caseVariants(of c: UInt32) -> [UInt32] {
    guard let s = Unicode.Scalar(c) else { return [c] }
    var out = [c]
    for m in [s.properties.lowercaseMapping, s.properties.uppercaseMapping, s.properties.titlecaseMapping] {
        let scalars = m.unicodeScalars
        if scalars.count == 1, let v = scalars.first?.value, !out.contains(v) { out.append(v) }
    }
    return out
}

/// A class with the case variants of its letters in `caseFoldedBlocks` added.
private func addingCaseVariants(_ set: ContiguousArray<ScalarRange>) -> ContiguousArray<ScalarRange> {
    var ranges = Array(set)
    for r in set {
        for block in caseFoldedBlocks where r.lo <= block.hi && block.lo <= r.hi {
            for c in max(r.lo, block.lo)...min(r.hi, block.hi) {
                for v in caseVariants(of: c) where v != c { ranges.append(ScalarRange(lo: v, hi: v)) }
            }
        }
    }
    return normalizedRanges(ranges)
}

// MARK: - Compiler

/// Emits instructions for a tree; counted repetitions are unrolled.
struct RegexCompiler {
    /// The instructions emitted so far.
    var program = ContiguousArray<Instruction>()
    /// The classes the `.set` instructions refer to.
    var classes: [ContiguousArray<ScalarRange>] = []

    private func tooLarge(_ patternLength: Int) -> RegexSyntaxError {
        RegexSyntaxError(rx(.programTooLarge, ["max": .text(String(LinearRegex.maxInstructions))]),
                         help: rx(.helpProgramTooLarge),
                         offset: 0, length: patternLength)
    }

    private mutating func append(_ i: Instruction, _ patternLength: Int) throws(RegexSyntaxError) {
        if program.count >= LinearRegex.maxInstructions { throw tooLarge(patternLength) }
        program.append(i)
    }

    /// Appends the instructions of `node`; an error when the program outgrows
    /// `LinearRegex.maxInstructions` (`patternLength` is for its span).
    mutating func emit(_ node: RegexNode, patternLength: Int) throws(RegexSyntaxError) {
        switch node {
        case .empty:
            break
        case .scalar(let c):
            try append(.scalar(c), patternLength)
        case .any:
            try append(.any, patternLength)
        case .set(let s):
            if s.count == 1 && s[0].lo == s[0].hi {
                try append(.scalar(s[0].lo), patternLength)
            } else {
                classes.append(s)
                try append(.set(Int32(classes.count - 1)), patternLength)
            }
        case .assert(let a):
            try append(.assert(a), patternLength)
        case .concat(let xs):
            for x in xs { try emit(x, patternLength: patternLength) }
        case .alternation(let xs):
            // split L1, next; L1: x0; jump end; next: split L2, … ; last: xn; end:
            var jumps: [Int] = []
            for (k, x) in xs.enumerated() {
                if k < xs.count - 1 {
                    let split = program.count
                    try append(.split(0, 0), patternLength)
                    try emit(x, patternLength: patternLength)
                    jumps.append(program.count)
                    try append(.jump(0), patternLength)
                    program[split] = .split(Int32(split + 1), Int32(program.count))
                } else {
                    try emit(x, patternLength: patternLength)
                }
            }
            for j in jumps { program[j] = .jump(Int32(program.count)) }
        case .repeated(let x, let min, let max):
            for _ in 0..<min { try emit(x, patternLength: patternLength) }
            if let max {
                // (x(x(x)?)?)?: each optional copy may skip to the end.
                var splits: [Int] = []
                for _ in min..<max {
                    splits.append(program.count)
                    try append(.split(0, 0), patternLength)
                    try emit(x, patternLength: patternLength)
                }
                for s in splits { program[s] = .split(Int32(s + 1), Int32(program.count)) }
            } else {
                // L: split body, end; body: x; jump L; end:
                let loop = program.count
                try append(.split(0, 0), patternLength)
                try emit(x, patternLength: patternLength)
                try append(.jump(Int32(loop)), patternLength)
                program[loop] = .split(Int32(loop + 1), Int32(program.count))
            }
        }
    }
}

/// A regular-expression message from the catalogue, with its placeholders filled.
private func rx(_ entry: RegexMessage, _ args: KeyValuePairs<String, MessageArg> = [:]) -> Diagnostics.LocalizedText {
    localize(entry, args)
}
