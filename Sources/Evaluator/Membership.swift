import Base
import JSON
import Semantics

// Membership (`x in xs`, `x not in xs`, `contains(xs, x)`) and `distinct`
// in linear time. Rules test membership inside quantifiers and `for each`,
// so one list is probed once per element of another: scanning it each time
// made a check quadratic in the list's length (16,000 items: 71 s). A list
// probed a second time in one dossier is indexed once by a hash of each
// element's canonical form — numbers by value (`1`, `1.0`, `1e0` alike),
// strings by their NFC bytes (ASCII and text already in NFC as they are) —
// and every probe then looks at one bucket. A hash only finds candidates:
// each is confirmed by `equal`, so the answer is the linear scan's, bit for
// bit (`membershipLinear` is that scan, kept as the reference the tests
// compare with).

/// The answer of a membership test, before the operator turns it into a value.
package enum MembershipAnswer: Equatable, Sendable {
    /// An element equals the value.
    case found
    /// No element equals it, and every element could be compared with it.
    case notFound
    /// Not found, and an element is of a kind the value cannot be compared
    /// with (a number in a list of strings): invalid, as for `==`.
    case incomparable
    /// Not found, and an element is invalid (a type error, or a value that
    /// failed schema validation): it might have been equal.
    case invalid
    /// Not found, and an element is missing or a dossier `null` (a value not
    /// given): it might have been equal, so the answer is unknown.
    case unknown
}

/// A list indexed for membership: built once per list and dossier.
final class MembershipSet {
    /// The list's elements, in order.
    let elements: [Value]
    /// Open addressing over `elements` (index, or -1 for an empty slot), for
    /// the numbers and strings; `hashes` holds each slot's full hash.
    var slots: [Int32]
    var hashes: [Int]
    var mask: Int
    var used = 0
    /// `.date` elements by day number.
    var dates: [Int: [Int32]] = [:]
    /// String elements by the day they read as; built on the first probe by a date.
    var stringDates: [Int: [Int32]]? = nil
    /// String elements that do not read as a date (with `stringDates`).
    var nonDateStrings = 0
    /// Elements that are lists (compared element by element, in order).
    var lists: [Int32] = []
    var hasNull = false, hasTrue = false, hasFalse = false
    var numbers = 0, strings = 0, dateCount = 0, bools = 0, others = 0
    /// Elements that decide nothing: missing, dossier nulls, invalid.
    var missing = 0, dossierNulls = 0, invalids = 0

    init(_ elements: [Value], capacity: Int) {
        self.elements = elements
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        hashes = [Int](repeating: 0, count: size)
        mask = size - 1
    }
}

/// The kind of a value, as membership compares it.
enum MemberKind {
    case missing, invalid, ruleNull, dossierNull, number, string, date, bool, list, other
}

extension Evaluator {
    /// What kind of value `v` is, for membership (a value that failed schema validation is invalid).
    func memberKind(_ v: Value) -> MemberKind {
        switch v {
        case .missing: return .missing
        case .invalid: return .invalid
        case .null: return .ruleNull
        case .bool: return .bool
        case .number, .bigInteger: return .number
        case .string: return .string
        case .date: return .date
        case .list: return .list
        case .object: return .other
        case .node(let n):
            if !schemaInvalid.isEmpty, schemaInvalid[n] != nil { return .invalid }
            switch nodes[Int(n)].kind {
            case .null: return .dossierNull
            case .bool: return .bool
            case .number: return .number
            case .string: return .string
            case .array: return .list
            case .object: return .other
            }
        }
    }

    /// Membership by scanning the list: the reference the hashed path must
    /// agree with. `a` is neither missing nor invalid nor a dossier null (the
    /// operators answer those before asking). Nil when `list` is not a list.
    package func membershipLinear(_ a: Value, in list: Value) -> MembershipAnswer? {
        var found = false, incomparable = false, sawInvalid = false, sawUnknown = false
        let aIsNull = isNull(a)
        let isList = forEachElement(list) { e in
            switch memberKind(e) {
            case .missing:
                sawUnknown = true
            case .invalid:
                sawInvalid = true
            default:
                if let eq = equal(a, e) {
                    if eq { found = true; return false }
                    // A value compared with a null of the dossier is unknown, as for `==`.
                    if !aIsNull && isDossierNull(e) { sawUnknown = true }
                } else {
                    incomparable = true
                }
            }
            return true
        }
        guard isList else { return nil }
        if found { return .found }
        if incomparable { return .incomparable }
        if sawInvalid { return .invalid }
        if sawUnknown { return .unknown }
        return .notFound
    }

    /// Membership of `a` in `list`, through an index when the list is long
    /// and probed more than once in this dossier. Nil when `list` is not a list.
    func membership(_ a: Value, in list: Value) -> MembershipAnswer? {
        // (Also when tracing: comparing records no read.)
        if let set = membershipSet(list) { return probe(set, a) }
        return membershipLinear(a, in: list)
    }

    /// The index of `list` when it is worth one: a list of at least
    /// `membershipIndexMinimum` elements probed the second time this dossier.
    /// A dossier list is known by its node; a computed one by its storage,
    /// which the cache keeps alive (so the address names one list).
    func membershipSet(_ list: Value) -> MembershipSet? {
        switch list {
        case .node(let n):
            guard nodes[Int(n)].kind == .array, Int(nodes[Int(n)].b) >= membershipIndexMinimum else { return nil }
            switch memberships.byNode[n] {
            case .built(let set)?: return set
            case .seen?:
                var elements: [Value] = []
                elements.reserveCapacity(Int(nodes[Int(n)].b))
                forEachElement(list) { elements.append($0); return true }
                let set = buildMembershipSet(elements)
                memberships.byNode[n] = .built(set)
                return set
            case nil:
                memberships.byNode[n] = .seen
                return nil
            }
        case .list(let vs):
            guard vs.count >= membershipIndexMinimum else { return nil }
            let key = vs.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress!) }
            if let entry = memberships.byStorage[key] {
                if let set = entry.set { return set }
                let set = buildMembershipSet(vs)
                memberships.byStorage[key] = (vs, set)
                return set
            }
            memberships.byStorage[key] = (vs, nil)
            return nil
        default:
            return nil
        }
    }

    /// Indexes `elements`.
    func buildMembershipSet(_ elements: [Value]) -> MembershipSet {
        let set = MembershipSet(elements, capacity: elements.count)
        for i in elements.indices { insert(set, Int32(i)) }
        return set
    }

    /// Adds element `i` of `set.elements` to its counts and its bucket. Returns
    /// false when an element the index already holds stands for it (the same
    /// bytes, the same plain number, the same date, `true`, `false` or `null`).
    @discardableResult
    func insert(_ set: MembershipSet, _ i: Int32) -> Bool {
        let e = set.elements[Int(i)]
        switch memberKind(e) {
        case .missing: set.missing += 1
        case .invalid: set.invalids += 1
        case .ruleNull:
            defer { set.hasNull = true }
            return !set.hasNull
        case .dossierNull:
            set.dossierNulls += 1
            defer { set.hasNull = true }
            return !set.hasNull
        case .bool:
            set.bools += 1
            let b = boolValue(e)!
            if b { defer { set.hasTrue = true }; return !set.hasTrue }
            defer { set.hasFalse = true }
            return !set.hasFalse
        case .date:
            set.dateCount += 1
            guard case .date(let d) = e else { return true }
            if set.dates[d.dayNumber] != nil { return false }
            set.dates[d.dayNumber] = [i]
        case .list:
            set.lists.append(i)
        case .other:
            set.others += 1
        case .number:
            set.numbers += 1
            return insertHashed(set, i, e)
        case .string:
            set.strings += 1
            if set.stringDates != nil {
                // Kept up to date once built (a set grows while `distinct` runs).
                if let d = dateValue(e) { set.stringDates![d.dayNumber, default: []].append(i) } else { set.nonDateStrings += 1 }
            }
            return insertHashed(set, i, e)
        }
        return true
    }

    /// Puts a number or a string in its bucket unless an element standing
    /// for it is there: a string with the same bytes, a plain number equal
    /// to it (big integers, whose equality reads digits, are all kept).
    private func insertHashed(_ set: MembershipSet, _ i: Int32, _ e: Value) -> Bool {
        let h = canonicalHash(e)
        var s = h & set.mask
        while set.slots[s] >= 0 {
            if set.hashes[s] == h {
                let other = set.elements[Int(set.slots[s])]
                if sameRepresentative(other, e) { return false }
            }
            s = (s + 1) & set.mask
        }
        set.slots[s] = i
        set.hashes[s] = h
        set.used += 1
        if set.used * 2 > set.slots.count { grow(set) }
        return true
    }

    /// Can `b` be dropped for `a` without changing any answer? Only where
    /// equality is transitive: identical string bytes, equal plain numbers.
    /// (Canonical string equality is not quite transitive when one side has
    /// no combining mark: each spelling keeps its own entry.)
    private func sameRepresentative(_ a: Value, _ b: Value) -> Bool {
        if let x = withStringBytes(a, { sa in withStringBytes(b, { sb in sameBytes(sa, sb) }) }) {
            return x ?? false
        }
        if let x = number(a), let y = number(b), !isInexactInteger(a), !isInexactInteger(b), Swift.abs(x) < 9_007_199_254_740_992 {
            return x == y
        }
        return false
    }

    private func grow(_ set: MembershipSet) {
        let oldSlots = set.slots, oldHashes = set.hashes
        let size = oldSlots.count * 2
        set.slots = [Int32](repeating: -1, count: size)
        set.hashes = [Int](repeating: 0, count: size)
        set.mask = size - 1
        for k in oldSlots.indices where oldSlots[k] >= 0 {
            var s = oldHashes[k] & set.mask
            while set.slots[s] >= 0 { s = (s + 1) & set.mask }
            set.slots[s] = oldSlots[k]
            set.hashes[s] = oldHashes[k]
        }
    }

    /// A hash that `equal` numbers share, and `equal` strings: numbers by
    /// value (integers beyond 2^53, compared by their digits, share one
    /// bucket), strings by their NFC bytes.
    func canonicalHash(_ v: Value) -> Int {
        var hasher = Hasher()
        if let x = number(v) {
            hasher.combine(UInt8(1))
            if Swift.abs(x) >= 9_007_199_254_740_992 || !x.isFinite {
                hasher.combine(UInt8(0))
            } else {
                hasher.combine(x == 0 ? 0 : x)  // -0.0 equals 0.0
            }
        } else {
            hasher.combine(UInt8(2))
            _ = withStringBytes(v) { b in
                if isCertainlyNFC(b) {
                    hasher.combine(bytes: UnsafeRawBufferPointer(b))
                } else {
                    nfc(b).withUnsafeBytes { hasher.combine(bytes: $0) }
                }
            }
        }
        return hasher.finalize()
    }

    /// Looks `a` up in `set`: the same answer as `membershipLinear`.
    func probe(_ set: MembershipSet, _ a: Value) -> MembershipAnswer {
        let kind = memberKind(a)
        var found = false
        var incomparable = false
        switch kind {
        case .ruleNull, .dossierNull:
            found = set.hasNull
        case .number:
            found = lookup(set, a)
            incomparable = set.strings + set.dateCount + set.bools + set.lists.count + set.others > 0
        case .string:
            found = lookup(set, a)
            if !found, set.dateCount > 0 {
                if let d = dateValue(a) {
                    found = set.dates[d.dayNumber] != nil
                } else {
                    incomparable = true
                }
            }
            incomparable = incomparable || set.numbers + set.bools + set.lists.count + set.others > 0
        case .date:
            guard case .date(let d) = a else { break }
            found = set.dates[d.dayNumber] != nil
            if !found {
                let byDay = stringDates(set)
                found = byDay[d.dayNumber] != nil
            }
            incomparable = set.numbers + set.bools + set.lists.count + set.others > 0 || set.nonDateStrings > 0
        case .bool:
            found = boolValue(a)! ? set.hasTrue : set.hasFalse
            incomparable = set.numbers + set.strings + set.dateCount + set.lists.count + set.others > 0
        case .list:
            found = set.lists.contains { equal(a, set.elements[Int($0)]) == true }
            incomparable = set.numbers + set.strings + set.dateCount + set.bools + set.others > 0
        case .other:
            incomparable = set.numbers + set.strings + set.dateCount + set.bools + set.lists.count + set.others > 0
        case .missing, .invalid:
            // The operators answer these first; a probe by them finds nothing.
            incomparable = false
        }
        if found { return .found }
        if incomparable { return .incomparable }
        if set.invalids > 0 { return .invalid }
        if set.missing > 0 || (set.dossierNulls > 0 && kind != .ruleNull && kind != .dossierNull) { return .unknown }
        return .notFound
    }

    private func lookup(_ set: MembershipSet, _ a: Value) -> Bool {
        let h = canonicalHash(a)
        var s = h & set.mask
        while set.slots[s] >= 0 {
            if set.hashes[s] == h, equal(a, set.elements[Int(set.slots[s])]) == true { return true }
            s = (s + 1) & set.mask
        }
        return false
    }

    /// The string elements by the day they read as (built once per set).
    private func stringDates(_ set: MembershipSet) -> [Int: [Int32]] {
        if let built = set.stringDates { return built }
        var byDay: [Int: [Int32]] = [:]
        var nonDates = 0
        for (i, e) in set.elements.enumerated() where memberKind(e) == .string {
            if let d = dateValue(e) { byDay[d.dayNumber, default: []].append(Int32(i)) } else { nonDates += 1 }
        }
        set.stringDates = byDay
        set.nonDateStrings = nonDates
        return byDay
    }

    /// `a in list` and `contains(list, a)` as values: true when found,
    /// otherwise invalid, unknown (missing) or false by `MembershipAnswer`.
    /// (The caller reports `.incomparable` in its own words.)
    func membershipValue(_ answer: MembershipAnswer) -> Value {
        switch answer {
        case .found: return .bool(true)
        case .notFound: return .bool(false)
        case .incomparable, .invalid: return .invalid
        case .unknown: return .missing
        }
    }
}

/// Lists shorter than this are scanned: hashing costs more than a few comparisons.
let membershipIndexMinimum = 16

/// Per dossier: the lists probed so far, and their indexes.
struct MembershipCache {
    enum Entry {
        /// Probed once: scanned.
        case seen
        case built(MembershipSet)
    }
    /// Dossier lists, by node.
    var byNode: [Int32: Entry] = [:]
    /// Computed lists, by storage address; the list is kept so that its
    /// storage (and so the address) stays its own while the entry lives.
    var byStorage: [UnsafeRawPointer: (list: [Value], set: MembershipSet?)] = [:]

    mutating func reset() {
        if !byNode.isEmpty { byNode.removeAll(keepingCapacity: true) }
        if !byStorage.isEmpty { byStorage.removeAll(keepingCapacity: true) }
    }
}

/// Which IR nodes are list operands of a membership test (`in`, `not in`,
/// `contains`) worth evaluating once per dossier: the ones that read no
/// variable (so their value is the same at every probe in a dossier) and
/// are more than a constant, a `let` (cached already) or a root path (a
/// lookup). Returns each node's memo slot (-1 for none) and the slot count.
func memoizedOperands(_ t: UnsafePointer<IRTables>) -> ([Int32], Int) {
    let count = t.pointee.nodes.count
    var slots = [Int32](repeating: -1, count: count)
    var known: [Int32: Bool] = [:]
    func readsNoVariable(_ x: X) -> Bool {
        if let k = known[x.id] { return k }
        let r: Bool
        switch x.op {
        case .constant, .root, .global: r = true
        case .local, .format, .quantifier, .comprehension, .bad: r = false
        case .path(let base, let steps, _):
            r = readsNoVariable(base) && steps.indices.allSatisfy {
                if case .index(let i) = steps[$0] { return readsNoVariable(i) }
                return true
            }
        // A def reads only its parameters and the `let`s (inlined too: its body sees no variable of the caller).
        case .call(_, let args), .callDef(_, let args), .inlined(_, let args, _), .list(let args), .object(let args, _): r = args.allSatisfy(readsNoVariable)
        case .matches(let a, _), .not(let a), .negate(let a), .toDate(let a): r = readsNoVariable(a)
        case .binary(_, let a, let b): r = readsNoVariable(a) && readsNoVariable(b)
        case .conditional(let c, let a, let b): r = readsNoVariable(c) && readsNoVariable(a) && readsNoVariable(b)
        }
        known[x.id] = r
        return r
    }
    func worthMemo(_ x: X) -> Bool {
        switch x.op {
        case .constant, .root, .global: return false
        case .path(let base, _, let slot): return !(slot >= 0 && { if case .root = base.op { return true } else { return false } }())
        default: return true
        }
    }
    var next: Int32 = 0
    for id in 0..<count {
        let x = X(id: Int32(id), t: t)
        let operand: X
        switch x.op {
        case .binary(let op, _, let r) where op == .in || op == .notIn: operand = r
        case .call(.contains, let args) where args.count == 2: operand = args[0]
        default: continue
        }
        guard slots[Int(operand.id)] < 0, worthMemo(operand), readsNoVariable(operand) else { continue }
        slots[Int(operand.id)] = next
        next += 1
    }
    return (slots, Int(next))
}

extension Evaluator {
    /// Membership through an index built whatever the list's length: what
    /// `membership` answers for a long list probed twice, for the tests to
    /// compare with `membershipLinear`. Nil when `list` is not a list.
    package func membershipHashed(_ a: Value, in list: Value) -> MembershipAnswer? {
        var elements: [Value] = []
        guard forEachElement(list, { elements.append($0); return true }) else { return nil }
        return probe(buildMembershipSet(elements), a)
    }

    /// Runs `body` with `document` as the dossier being checked (for tests of the evaluator's parts).
    package func withDossier<R>(_ document: JSONDocument, _ body: () -> R) -> R {
        withDocument(document, body)
    }
}
