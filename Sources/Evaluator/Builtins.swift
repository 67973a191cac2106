import Diagnostics
import Foundation
import JSON
import Semantics
import Syntax

extension Evaluator {
    /// The built-in functions of Rules/README.md section 5. Each takes missing to
    /// unknown and a wrong type to invalid, except `exists`, which is never
    /// unknown.
    func callBuiltin(_ f: Builtin, _ args: XList, _ span: Span) -> Value {
        switch f {
        case .exists:
            let v = eval(args[0])
            // A value that is there but wrong (it failed validation, a wrong type) does not say "absent".
            if v.isInvalid { return .invalid }
            return .bool(!v.isAbsent && !isNull(v))
        case .today, .as_of:
            return .date(asOf)
        case .reference_date:
            // An inspection judges validity on its own date; a pre-validation on the dossier's.
            if purpose == .inspection { return .date(asOf) }
            return toDate(eval(args[0]), args[0].span)
        case .count:
            // `count(distinct(xs))`, the usual test for repeats: counted without building the list.
            if case .call(.distinct, let inner) = args[0].op {
                if let n = countDistinctProjectedStrings(inner[0]) { return .number(Double(n)) }
                let (elements, verdict) = distinctOperand(inner[0])
                if let verdict { return verdict }
                return .number(Double(distinctIndices(elements).count))
            }
            let v = eval(args[0])
            switch v {
            case .node(let n) where nodes[Int(n)].kind == .array: return .number(Double(nodes[Int(n)].b))
            case .list(let vs): return .number(Double(vs.count))
            default: return notList(v, args[0].span, "count")
            }
        case .sum:
            if let total = sumProjectedNumbers(args[0]) { return .number(total) }
            var total = 0.0
            if let r = knownElements(of: args[0], .sum, { e in
                guard let x = number(e) else { return false }
                total += x
                return true
            }) { return r }
            return .number(total)
        case .min, .max:
            var best: Value? = nil
            if let r = knownElements(of: args[0], f, { e in
                guard number(e) != nil || dateValue(e) != nil else { return false }
                guard let b = best else { best = e; return true }
                // A number beside a date cannot be ordered: the wrong type.
                guard let c = minMaxOrder(e, b) else { return false }
                if (f == .min && c < 0) || (f == .max && c > 0) { best = e }
                return true
            }) { return r }
            return best ?? .null
        case .len:
            let v = eval(args[0])
            // Text whose every scalar is a character of its own is counted on its bytes: no string made.
            if let n = withStringBytes(v, { simpleCharacterCount($0) ?? -1 }), n >= 0 { return .number(Double(n)) }
            guard let s = stringValue(v) else { return notString(v, args[0].span, "len") }
            return .number(Double(s.count))
        case .lower, .upper:
            let v = eval(args[0])
            guard let s = stringValue(v) else { return notString(v, args[0].span, f.rawValue) }
            return .string(f == .lower ? s.lowercased() : s.uppercased())
        case .contains:
            let c = membershipOperand(args[0]), x = eval(args[1])
            if c.isAbsent || x.isAbsent { return c.isInvalid || x.isInvalid ? .invalid : .missing }
            if let found = substring(c, x) {
                guard let found else { return notString(x, args[1].span, "contains") }
                return .bool(found)
            }
            // `contains(xs, x)` is `x in xs`: a null looked for is a value not given.
            if isDossierNull(x) && !isNull(c) { return .missing }
            guard let answer = membership(x, in: c) else { return notList(c, args[0].span, "contains") }
            switch answer {
            case .found: return .bool(true)
            case .notFound: return .bool(false)
            case .incomparable: return mismatch(x, c, args[1], args[0])
            case .invalid, .unknown: return undecidedMembership(answer, c, args[0].span)
            }
        case .mentions:
            let t = eval(args[0]), p = eval(args[1])
            if t.isAbsent || p.isAbsent { return t.isInvalid || p.isInvalid ? .invalid : .missing }
            if isNull(t) { return .missing }
            guard let phrase = stringValue(p) else { return notString(p, args[1].span, "mentions") }
            // The folded phrase is kept per call site: hashing a Vietnamese
            // string (which normalizes it) costs more than folding it.
            let needle: [UInt8]
            let site = Int(args[1].id)
            if let cached = foldedPhrases[site], cached.phrase.utf8.elementsEqual(phrase.utf8) {
                needle = cached.folded
            } else {
                var ph = phrase
                needle = ph.withUTF8 { foldForMentions($0) }
                foldedPhrases[site] = (phrase, needle)
            }
            // A list of texts mentions the phrase when any of them does (an extension).
            var result: Value? = nil
            let isList = forEachElement(t) { e in
                if let hit = withStringBytes(e, { containsBytes(foldForMentions($0), needle) }), hit {
                    result = .bool(true)
                    return false
                }
                return true
            }
            if isList { return result ?? .bool(false) }
            guard let hit = withStringBytes(t, { containsBytes(foldForMentions($0), needle) }) else {
                return notString(t, args[0].span, "mentions")
            }
            return .bool(hit)
        case .matches, .full_match:
            return .missing  // compiled to `.matches`
        case .date:
            return toDate(eval(args[0]), args[0].span)
        case .days_between:
            let a = toDate(eval(args[0]), args[0].span), b = toDate(eval(args[1]), args[1].span)
            guard case .date(let x) = a, case .date(let y) = b else { return a.isInvalid || b.isInvalid ? .invalid : .missing }
            return .number(Double(y.dayNumber - x.dayNumber))
        case .year:
            let d = toDate(eval(args[0]), args[0].span)
            guard case .date(let x) = d else { return d }
            return .number(Double(x.year))
        case .distinct:
            let (elements, verdict) = distinctOperand(args[0])
            if let verdict { return verdict }
            return .list(distinctElements(elements))
        case .abs:
            let v = eval(args[0])
            guard let x = number(v) else { return notNumber(v, args[0].span) }
            return .number(Swift.abs(x))
        case .round:
            let v = eval(args[0])
            guard let x = number(v) else { return notNumber(v, args[0].span) }
            var places = 0.0
            if args.count > 1 {
                let p = eval(args[1])
                guard let q = number(p) else { return notNumber(p, args[1].span) }
                places = q
            }
            // Places beyond ±400 change nothing a double can hold (and Int(1e300) would trap).
            return .number(roundHalfAway(x, places.isNaN ? 0 : Int(Swift.max(-400, Swift.min(400, places.rounded())))))
        case .is_number, .is_string, .is_bool, .is_list, .is_object, .is_null:
            return .bool(hasType(f, eval(args[0])))
        }
    }

    /// The type tests: true or false, never unknown. Absent and invalid
    /// values have no type (so `is_null` of an absent field is false); a
    /// date computed by the rule is none of these, a date in the dossier is
    /// a string.
    func hasType(_ f: Builtin, _ v: Value) -> Bool {
        switch v {
        case .missing, .invalid, .date: return false
        case .null: return f == .is_null
        case .bool: return f == .is_bool
        case .number, .bigInteger: return f == .is_number
        case .string: return f == .is_string
        case .list: return f == .is_list
        case .object: return f == .is_object
        case .node(let n):
            switch nodes[Int(n)].kind {
            case .null: return f == .is_null
            case .bool: return f == .is_bool
            case .number: return f == .is_number
            case .string: return f == .is_string
            case .array: return f == .is_list
            case .object: return f == .is_object
            }
        }
    }
}

extension Evaluator {
    /// The one step `sum`, `min`, `max` and `distinct` take over their
    /// list's elements, so that all four decide alike on elements that are
    /// not values to compute with. `accept` is given each known element (not
    /// absent, not null, not invalid) and says whether it has the type the
    /// function needs. Nil when the list is a list and every element was
    /// known and accepted: the caller's result stands. Otherwise what the
    /// function gives, first match wins:
    /// - not a list: as `notList` (absent or null stays unknown);
    /// - an element `accept` refused: invalid, the element blamed (the
    ///   elements after it are not looked at);
    /// - an invalid element (a type error, or a value that failed schema
    ///   validation): invalid — a wrong value decides nothing;
    /// - an absent or null element: unknown (missing), never a silent pass.
    func knownElements(_ list: Value, _ arg: X, _ f: Builtin, _ accept: (Value) -> Bool) -> Value? {
        knownElements(.value(list), arg, f, accept)
    }

    /// `knownElements` of `arg`'s value; a projected dossier list
    /// (`sum(xs[*].amount)`) is read element by element, never built as a
    /// list (`forEachProjected`).
    func knownElements(of arg: X, _ f: Builtin, _ accept: (Value) -> Bool) -> Value? {
        if let list = projectedList(arg) { return knownElements(.projected(list), arg, f, accept) }
        return knownElements(.value(eval(arg)), arg, f, accept)
    }

    /// Where `knownElements` takes the elements from: a value (a list, or
    /// what the error names), or a projection `projectedList` found.
    private enum Elements {
        case value(Value)
        case projected((node: Int32, project: Int, steps: XSteps))
    }

    private func knownElements(_ elements: Elements, _ arg: X, _ f: Builtin, _ accept: (Value) -> Bool) -> Value? {
        var sawInvalid = false, sawUnknown = false
        var refused: Value? = nil
        func visit(_ e: Value) -> Bool {
            switch e {
            case .invalid:
                sawInvalid = true
            case .missing, .null:
                sawUnknown = true
            case .node(let n):
                if !schemaInvalid.isEmpty, schemaInvalid[n] != nil {
                    // Recorded (when tracing) with the validation's reason as the cause.
                    _ = readSchemaInvalid(n, arg.span)
                    sawInvalid = true
                } else if nodes[Int(n)].kind == .null {
                    sawUnknown = true
                } else if !accept(e) {
                    refused = e
                    return false
                }
            default:
                if !accept(e) {
                    refused = e
                    return false
                }
            }
            return true
        }
        let list: Value
        let isList: Bool
        switch elements {
        case .value(let v):
            list = v
            isList = forEachElement(v, visit)
        case .projected(let p):
            list = .missing
            isList = forEachProjected(p, arg, visit)
        }
        if !isList { return notList(list, arg.span, f.rawValue) }
        if let bad = refused {
            return invalid(nodeOf(bad), arg.span, .needsNumbers(function: f.rawValue, expr: text(arg.span), found: shape(bad)))
        }
        if sawInvalid { return .invalid }
        if sawUnknown { return .missing }
        return nil
    }

    /// Order for `min` and `max`: numbers as numbers, dates (written either
    /// way, `2024-07-09` or `09/07/2024`) as dates, never as text.
    func minMaxOrder(_ a: Value, _ b: Value) -> Int? {
        if number(a) != nil, number(b) != nil { return order(a, b) }
        if let x = dateValue(a), let y = dateValue(b) { return x == y ? 0 : (x < y ? -1 : 1) }
        return nil
    }
}

/// Rounds to `places` decimals, halves away from zero, on the number as a
/// person reads it: `round(1.005, 2)` is 1.01, though the binary double of
/// 1.005 is a little below it.
package func roundHalfAway(_ x: Double, _ places: Int) -> Double {
    guard x.isFinite else { return x }
    // From 10^15 on a double has no decimals left to round.
    if places >= 0 && Swift.abs(x) >= 1e15 { return x }
    if let v = roundHalfAwayExactly(x, places) { return v }
    if (0...15).contains(places), var d = Decimal(string: "\(x)") {
        var r = Decimal()
        // `.plain` rounds ties up for positive numbers and down for negative ones: away from zero.
        NSDecimalRound(&r, &d, places, .plain)
        // Through the decimal text: `NSDecimalNumber.doubleValue` is not
        // correctly rounded (it gave 0.8959999999999999 for 0.896).
        if let v = Double("\(r)"), v.isFinite { return v }
    }
    let scale = pow(10.0, Double(places))
    // Rounding to a unit beyond any double (10^400) gives 0; to a fraction below any, the number.
    if scale == 0 { return 0 }
    let v = (x * scale).rounded(.toNearestOrAwayFromZero) / scale
    return v.isFinite ? v : x
}

/// Powers of ten that are exact doubles, for `roundHalfAwayExactly`.
private let exactPowersOfTen: [Double] = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15]

/// `roundHalfAway` without `Decimal` (thousands of instructions a call),
/// when the double arithmetic cannot round differently from the decimal
/// number the double is read as: `x * 10^places` is within a few units in
/// the last place of that decimal times 10^places, so when its fraction is
/// farther than that from one half, both round to the same integer `n`, and
/// `n / 10^places` (two exact doubles) is the correctly rounded result.
/// Nil near a half (1.005 to 2 places) and for zero: `Decimal` decides.
@inline(__always)
package func roundHalfAwayExactly(_ x: Double, _ places: Int) -> Double? {
    guard x != 0, places >= 0 && places <= 15 else { return nil }
    let scale = exactPowersOfTen[places]
    let y = x * scale
    // Beyond 2^52 a double has no fraction to round.
    guard Swift.abs(y) < 4_503_599_627_370_496 else { return nil }
    let fraction = Swift.abs(y - y.rounded(.towardZero))
    guard Swift.abs(fraction - 0.5) > y.ulp * 16 else { return nil }
    let n = y.rounded(.toNearestOrAwayFromZero)
    // -0.3 rounds to 0, not -0 (as the decimal path gives).
    return n == 0 ? 0 : n / scale
}

extension Evaluator {
    /// The elements `distinct` works on, or what it gives instead (unknown,
    /// invalid: `knownElements` decided). A computed list (a projection) is
    /// taken as it is: every element was accepted, so none is copied.
    /// `count(distinct(xs))` gives the verdict too: `count` of an absent
    /// value is that value.
    func distinctOperand(_ arg: X) -> (elements: [Value], verdict: Value?) {
        let v = eval(arg)
        var computed = false
        if case .list = v { computed = true }
        var built: [Value] = []
        if let r = knownElements(v, arg, .distinct, { e in
            if !computed { built.append(e) }
            return true
        }) { return ([], r) }
        if case .list(let vs) = v { return (vs, nil) }
        return (built, nil)
    }

    /// The elements of `elements` without the ones `equal` to an earlier one,
    /// in their first order.
    func distinctElements(_ elements: [Value]) -> [Value] {
        let kept = distinctIndices(elements)
        if kept.count == elements.count { return elements }
        return kept.map { elements[Int($0)] }
    }

    /// The positions of the elements `distinct` keeps: each element not
    /// `equal` to an earlier one, in order. Linear (a list of 22,000 items
    /// once took seconds). Lists of dossier strings or of dossier numbers,
    /// the usual operands (codes, tax numbers), take a path of their own
    /// that makes no String, no Hasher and no Dictionary: up to 16
    /// elements each is compared with the ones kept (cheaper than any
    /// hashing); beyond, an open-addressing table over a hash of the
    /// canonical bytes (or the number's value), reused between calls, finds
    /// the candidates and `equal`'s own test confirms them. Any other list
    /// goes through `distinctIndicesGeneral`, the reference the tests
    /// compare with.
    package func distinctIndices(_ elements: [Value]) -> [Int32] {
        switch distinctKind(elements) {
        case .strings: return distinctStrings(elements)
        case .numbers: return distinctNumbers(elements)
        case .other: return distinctIndicesGeneral(elements)
        }
    }

    private enum DistinctKind { case strings, numbers, other }

    /// Whether every element is a dossier string, or every one a dossier number.
    private func distinctKind(_ elements: [Value]) -> DistinctKind {
        guard case .node(let first) = elements.first else { return .other }
        let kind = nodes[Int(first)].kind
        guard kind == .string || kind == .number else { return .other }
        for e in elements {
            guard case .node(let n) = e, nodes[Int(n)].kind == kind else { return .other }
        }
        return kind == .string ? .strings : .numbers
    }

    private func distinctStrings(_ elements: [Value]) -> [Int32] {
        var kept: [Int32] = []
        kept.reserveCapacity(elements.count)
        @inline(__always) func bytes(_ i: Int) -> UnsafeBufferPointer<UInt8> {
            guard case .node(let n) = elements[i] else { return UnsafeBufferPointer(start: nil, count: 0) }
            return stringBytes(Int(n))
        }
        if elements.count <= 16 {
            for i in elements.indices {
                let b = bytes(i)
                if !kept.contains(where: { canonicallyEqual(bytes(Int($0)), b) }) { kept.append(Int32(i)) }
            }
            return kept
        }
        var table = DistinctTable(capacity: elements.count, reusing: &distinctScratch)
        defer { distinctScratch = table.release() }
        for i in elements.indices {
            let b = bytes(i)
            let h = isCertainlyNFC(b) ? canonicalBytesHash(b) : nfc(b).withUnsafeBufferPointer(canonicalBytesHash)
            if table.insert(Int32(i), hash: h, same: { canonicallyEqual(bytes(Int($0)), b) }) { kept.append(Int32(i)) }
        }
        return kept
    }

    private func distinctNumbers(_ elements: [Value]) -> [Int32] {
        var kept: [Int32] = []
        kept.reserveCapacity(elements.count)
        if elements.count <= 16 {
            for i in elements.indices where !kept.contains(where: { equal(elements[Int($0)], elements[i]) == true }) {
                kept.append(Int32(i))
            }
            return kept
        }
        var table = DistinctTable(capacity: elements.count, reusing: &distinctScratch)
        defer { distinctScratch = table.release() }
        for i in elements.indices {
            guard case .node(let n) = elements[i] else { continue }
            let x = nodes[Int(n)].number
            // Integers beyond 2^53 compare by their digits: they share one bucket,
            // as `equal` may call two of one double different. -0.0 equals 0.0.
            let h: UInt64 = Swift.abs(x) >= 9_007_199_254_740_992 || !x.isFinite ? 0x9E37_79B9 : mix64((x == 0 ? 0 : x).bitPattern)
            if table.insert(Int32(i), hash: h, same: { equal(elements[Int($0)], elements[i]) == true }) { kept.append(Int32(i)) }
        }
        return kept
    }

    /// `distinctIndices` for any list: elements are bucketed by a hash that
    /// equal values share (`distinctHash`), and `equal` runs only inside a bucket.
    package func distinctIndicesGeneral(_ elements: [Value]) -> [Int32] {
        // A string equals a date when it reads as that date, so with a date
        // in the list, date-like strings are bucketed by their day.
        let datesToo = elements.contains { if case .date = $0 { return true } else { return false } }
        var kept: [Int32] = []
        var buckets: [Int: [Int32]] = [:]
        for (i, e) in elements.enumerated() {
            guard let h = distinctHash(e, datesToo: datesToo) else {
                kept.append(Int32(i))  // equal to nothing (missing, invalid, objects)
                continue
            }
            if let bucket = buckets[h], bucket.contains(where: { equal(elements[Int($0)], e) == true }) { continue }
            buckets[h, default: []].append(Int32(i))
            kept.append(Int32(i))
        }
        return kept
    }
    /// A hash that values `equal` calls equal share; nil for a value that
    /// `equal` never calls equal to anything.
    private func distinctHash(_ v: Value, datesToo: Bool) -> Int? {
        var hasher = Hasher()
        if isNull(v) {
            hasher.combine(0)
        } else if let x = number(v) {
            hasher.combine(1)
            hasher.combine(x)  // 0.0 and -0.0 hash alike, as they compare
        } else if case .date(let d) = v {
            hasher.combine(2)
            hasher.combine(d.dayNumber)
        } else if datesToo, stringValue(v) != nil, let d = dateValue(v) {
            hasher.combine(2)
            hasher.combine(d.dayNumber)
        } else if let s = stringValue(v) {
            // Swift's String hashes by canonical equivalence, as strings compare here.
            hasher.combine(3)
            hasher.combine(s)
        } else if let b = boolValue(v) {
            hasher.combine(4)
            hasher.combine(b)
        } else {
            var count = 0
            guard forEachElement(v, { _ in count += 1; return true }) else { return nil }
            hasher.combine(5)
            hasher.combine(count)
        }
        return hasher.finalize()
    }
}

/// An open-addressing set of element positions for `distinct`, over
/// storage kept by the evaluator between calls (`Evaluator.distinctScratch`).
struct DistinctTable {
    /// Per slot: a position, or -1 when empty; and the slot's full hash.
    private var slots: [Int32]
    private var hashes: [UInt64]
    private var mask: Int

    /// A table for up to `capacity` positions, in `scratch`'s storage (taken: give it back with `release`).
    init(capacity: Int, reusing scratch: inout DistinctScratch) {
        var size = 32
        while size < capacity * 2 { size <<= 1 }
        slots = scratch.slots
        hashes = scratch.hashes
        scratch = DistinctScratch()
        if slots.count < size {
            slots = repeatedArray(Int32(-1), count: size)
            hashes = repeatedArray(UInt64(0), count: size)
        } else {
            for k in 0..<size { slots[k] = -1 }
        }
        mask = size - 1
    }

    /// Adds position `i` with hash `hash` unless a position already in holds
    /// an equal value (`same` says, asked only of ones with the same hash):
    /// true when added.
    @inline(__always)
    mutating func insert(_ i: Int32, hash: UInt64, same: (Int32) -> Bool) -> Bool {
        var s = Int(truncatingIfNeeded: hash) & mask
        while true {
            let p = slots[s]
            if p < 0 {
                slots[s] = i
                hashes[s] = hash
                return true
            }
            if hashes[s] == hash && same(p) { return false }
            s = (s &+ 1) & mask
        }
    }

    /// The storage, for the next table (this one is left empty).
    mutating func release() -> DistinctScratch {
        defer { slots = []; hashes = [] }
        return DistinctScratch(slots: slots, hashes: hashes)
    }
}

/// `DistinctTable`'s storage while no table uses it, and the strings
/// `countDistinctProjectedStrings` collects.
struct DistinctScratch {
    var slots: [Int32] = []
    var hashes: [UInt64] = []
    var spans: [StringSpan] = []
}

/// A dossier string's bytes while its document is being checked, and
/// whether they are certainly their own NFC form (`isCertainlyNFC`).
struct StringSpan {
    var base: UnsafePointer<UInt8>?
    var count: Int
    var certainlyNFC: Bool
    /// The length and up to 16 of the bytes, mixed into one word: the
    /// same bytes give the same word (different words: different bytes).
    var word: UInt64

    init(_ b: UnsafeBufferPointer<UInt8>, certainlyNFC: Bool) {
        base = b.baseAddress
        count = b.count
        self.certainlyNFC = certainlyNFC
        var w = UInt64(truncatingIfNeeded: count) &* 0x9E37_79B9_7F4A_7C15
        if let p = b.baseAddress {
            let raw = UnsafeRawPointer(p)
            if count >= 8 {
                w ^= raw.loadUnaligned(as: UInt64.self) ^ (raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self) &* 0xC2B2_AE3D_27D4_EB4F)
            } else if count >= 4 {
                w ^= UInt64(raw.loadUnaligned(as: UInt32.self)) | UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)) << 32
            } else {
                for k in 0..<count { w ^= UInt64(p[k]) << UInt64(8 &* k) }
            }
        }
        word = w
    }

    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Canonically equal, as `canonicallyEqual`: the same bytes are equal;
    /// different bytes of two texts certainly in NFC are not (an NFC form
    /// is unique); otherwise the NFC forms decide.
    @inline(__always)
    func equals(_ o: StringSpan) -> Bool {
        if count == o.count && (count == 0 || bytesEqual(base!, o.base!, count)) { return true }
        if certainlyNFC && o.certainlyNFC { return false }
        return canonicallyEqual(bytes, o.bytes)
    }
}

extension Evaluator {
    /// `count(distinct(xs[*].f))`, the usual test for repeated codes, when
    /// `arg` projects a dossier list (`projectedList`) whose every value is
    /// a string that passed validation: read in place, compared by bytes
    /// (a text certainly in NFC equals another only byte for byte), no list
    /// built, no `Value` copied, no String made. Up to 16 strings each is
    /// compared with the distinct ones kept (a word of each rules most
    /// pairs out at once); beyond, a table over a hash of that word (of the
    /// NFC bytes, for a text not certainly in NFC) finds the candidates. Nil
    /// when any value is something else (absent, null, invalid, not a
    /// string): `distinctOperand` then decides, as before.
    func countDistinctProjectedStrings(_ arg: X) -> Int? {
        guard let list = projectedList(arg) else { return nil }
        let count = Int(nodes[Int(list.node)].b)
        var spans = distinctScratch.spans
        distinctScratch.spans = []
        defer { distinctScratch.spans = spans }
        if spans.count < count {
            spans = repeatedArray(StringSpan(UnsafeBufferPointer(start: nil, count: 0), certainlyNFC: true), count: Swift.max(count, 2 * spans.count))
        }
        // The values, read in place as `forEachProjected` reads them (a loop here: a closure's captures cost more than the work).
        let read = spans.withUnsafeMutableBufferPointer { s -> Bool in
            var i = Int(list.node) &+ 1
            let end = Int(nodes[Int(list.node)].a)
            var k = 0
            while i < end {
                guard let n = projectedNode(i, list), nodes[Int(n)].kind == .string else { return false }
                let b = stringBytes(Int(n))
                s[k] = StringSpan(b, certainlyNFC: isASCII(b) || isCertainlyNFC(b))
                k &+= 1
                i = nextNode(i)
            }
            return true
        }
        guard read else { return nil }
        return spans.withUnsafeMutableBufferPointer { s -> Int in
            if count <= 16 {
                // The distinct ones are kept in front: `s[0..<kept]`. Two
                // texts certainly in NFC whose words differ differ: one
                // compare rules most pairs out.
                var kept = 0
                for i in 0..<count {
                    let x = s[i]
                    var k = 0
                    while k < kept && !((s[k].word == x.word || !(s[k].certainlyNFC && x.certainlyNFC)) && s[k].equals(x)) { k &+= 1 }
                    if k == kept {
                        s[kept] = x
                        kept &+= 1
                    }
                }
                return kept
            }
            var table = DistinctTable(capacity: count, reusing: &distinctScratch)
            defer { distinctScratch = table.release() }
            var kept = 0
            for i in 0..<count {
                let x = s[i]
                // The word of the NFC bytes: texts that are equal have the same NFC bytes, so the same word.
                let w = x.certainlyNFC ? x.word : nfc(x.bytes).withUnsafeBufferPointer { StringSpan($0, certainlyNFC: true).word }
                if table.insert(Int32(i), hash: mix64(w), same: { s[Int($0)].equals(x) }) { kept &+= 1 }
            }
            return kept
        }
    }
}

extension Evaluator {
    /// The node `evalNodePath` reaches from element `i` of a projected list
    /// (`projectedList`) when the steps after `[*]` are keys and every node
    /// on the way is there, is an object where a key follows, and passed
    /// validation: what `evalNodePath` then gives, without recording
    /// anything (nothing is traced here). Nil for anything else: the caller
    /// leaves that to `evalNodePath`, which says why.
    @inline(__always)
    func projectedNode(_ i: Int, _ list: (node: Int32, project: Int, steps: XSteps)) -> Int32? {
        var n = Int32(truncatingIfNeeded: i)
        var k = list.project &+ 1
        let steps = list.steps
        let count = steps.count
        let checkValidity = !schemaInvalid.isEmpty
        while k < count {
            guard case .key(let key) = steps[k] else { return nil }
            if checkValidity, schemaInvalid[n] != nil { return nil }
            guard nodes[Int(n)].kind == .object, let m = member(Int(n), key.bytes) else { return nil }
            n = Int32(truncatingIfNeeded: m)
            k &+= 1
        }
        if checkValidity, schemaInvalid[n] != nil { return nil }
        return n
    }

    /// `sum(xs[*].amount)` when `arg` projects a dossier list
    /// (`projectedList`) whose every value is a number that passed
    /// validation: added in order, as `knownElements` adds them, in one loop
    /// (no closure, no `Value` kept). Nil when any value is something else:
    /// the general path then decides (and words what is wrong).
    func sumProjectedNumbers(_ arg: X) -> Double? {
        guard let list = projectedList(arg) else { return nil }
        var total = 0.0
        var i = Int(list.node) &+ 1
        let end = Int(nodes[Int(list.node)].a)
        while i < end {
            guard let n = projectedNode(i, list) else { return nil }
            let node = nodes[Int(n)]
            guard node.kind == .number else { return nil }
            total += node.number
            i = nextNode(i)
        }
        return total
    }
}

/// Is every byte ASCII? Eight at a time, inline (codes and numbers are).
@inline(__always)
func isASCII(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    let n = b.count
    guard n > 0, let p = b.baseAddress else { return true }
    let raw = UnsafeRawPointer(p)
    if n >= 8 {
        var i = 0
        var acc: UInt64 = 0
        while i &+ 8 < n {
            acc |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i &+= 8
        }
        acc |= raw.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
        return acc & 0x8080_8080_8080_8080 == 0
    }
    if n >= 4 {
        return (raw.loadUnaligned(as: UInt32.self) | raw.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)) & 0x8080_8080 == 0
    }
    var acc: UInt8 = 0
    for k in 0..<n { acc |= p[k] }
    return acc < 0x80
}

/// A 64-bit hash of bytes (eight at a time): only for tables whose
/// candidates are confirmed by comparing the values.
@inline(__always)
func canonicalBytesHash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var h: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(b.count)
    guard let p = b.baseAddress else { return mix64(h) }
    let n = b.count
    var i = 0
    while i + 8 <= n {
        h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
        h ^= h >> 29
        i += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while i < n {
        tail |= UInt64(p[i]) << shift
        shift += 8
        i += 1
    }
    return mix64(h ^ tail)
}

/// The finalizer of SplitMix64: every input bit moves every output bit.
@inline(__always)
func mix64(_ x: UInt64) -> UInt64 {
    var z = x &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
}

extension Evaluator {
    /// When `x` is a path that projects a dossier list once (`xs[*]`,
    /// `xs[*].amount`) and nothing is traced: the list's node, the index of
    /// its `[*]` step and the path's steps. Nil otherwise (also when the
    /// part before `[*]` is absent, invalid or not a list: `eval` then says
    /// what the value is). Tracing takes `eval`, which records the reads.
    func projectedList(_ x: X) -> (node: Int32, project: Int, steps: XSteps)? {
        guard !tracing, case .path(let base, let steps, let slot) = x.op, slot < 0 else { return nil }
        var project = -1
        for k in steps.indices {
            guard case .project = steps[k] else { continue }
            if project >= 0 { return nil }
            project = k
        }
        guard project >= 0 else { return nil }
        let start: Int32
        switch base.op {
        case .root: start = 0
        case .local(let local):
            guard case .node(let n) = locals[frameBase + local] else { return nil }
            start = n
        default: return nil
        }
        guard case .node(let list) = evalNodePath(start, steps, 0, x.span, to: project), nodes[Int(list)].kind == .array else { return nil }
        return (list, project, steps)
    }

    /// Visits the values `eval(x)` would list for a projection found by
    /// `projectedList`, in order, each read as `evalNodePath` reads it into
    /// that list; stops when `body` says false. True (it is a list).
    func forEachProjected(_ list: (node: Int32, project: Int, steps: XSteps), _ x: X, _ body: (Value) -> Bool) -> Bool {
        var i = Int(list.node) + 1
        let end = Int(nodes[Int(list.node)].a)
        while i < end {
            if !body(evalNodePath(Int32(i), list.steps, list.project + 1, x.span)) { return true }
            i = nextNode(i)
        }
        return true
    }
}
