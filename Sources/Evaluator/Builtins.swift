import Diagnostics
import Foundation
import JSON
import Semantics
import Syntax

extension Evaluator {
    /// The built-in functions of LANGUAGE.md section 4. Each takes missing to
    /// unknown and a wrong type to invalid, except `exists`, which is never
    /// unknown.
    func callBuiltin(_ f: Builtin, _ args: XList, _ span: Span) -> Value {
        switch f {
        case .exists:
            let v = eval(args[0])
            // A value that is there but wrong (it failed validation, a wrong type) does not say "absent".
            if v.isInvalid { return .invalid }
            return .bool(!v.isAbsent && !isNull(v))
        case .today:
            return .date(asOf)
        case .count:
            let v = eval(args[0])
            switch v {
            case .node(let n) where nodes[Int(n)].kind == .array: return .number(Double(nodes[Int(n)].b))
            case .list(let vs): return .number(Double(vs.count))
            default: return notList(v, args[0].span, "count")
            }
        case .sum, .min, .max:
            let v = eval(args[0])
            var total = 0.0
            var best: Value? = nil
            var bad: Value? = nil
            var unknown = false
            let isList = forEachElement(v) { e in
                if e.isAbsent || isNull(e) {
                    unknown = true
                } else if f == .sum {
                    if let x = number(e) { total += x } else { bad = e; return false }
                } else if number(e) != nil || dateValue(e) != nil {
                    if let b = best, let c = minMaxOrder(e, b) {
                        if (f == .min && c < 0) || (f == .max && c > 0) { best = e }
                    } else if best == nil {
                        best = e
                    } else {
                        bad = e
                        return false
                    }
                } else {
                    bad = e
                    return false
                }
                return true
            }
            if !isList { return notList(v, args[0].span, f.rawValue) }
            if let bad {
                return invalid(nodeOf(bad), args[0].span, en: "`\(f.rawValue)` needs numbers, but `\(text(args[0].span))` holds \(describe(bad, "en"))",
                               vi: "`\(f.rawValue)` cần các số, nhưng `\(text(args[0].span))` chứa \(describe(bad, "vi"))")
            }
            if unknown { return .missing }
            if f == .sum { return .number(total) }
            return best ?? .null
        case .len:
            let v = eval(args[0])
            guard let s = stringValue(v) else { return notString(v, args[0].span, "len") }
            return .number(Double(s.count))
        case .lower, .upper:
            let v = eval(args[0])
            guard let s = stringValue(v) else { return notString(v, args[0].span, f.rawValue) }
            return .string(f == .lower ? s.lowercased() : s.uppercased())
        case .contains:
            let c = eval(args[0]), x = eval(args[1])
            if c.isAbsent || x.isAbsent { return c.isInvalid || x.isInvalid ? .invalid : .missing }
            if let s = stringValue(c) {
                guard let sub = stringValue(x) else { return notString(x, args[1].span, "contains") }
                return .bool(s.precomposedStringWithCanonicalMapping.contains(sub.precomposedStringWithCanonicalMapping))
            }
            var found = false
            let isList = forEachElement(c) { e in
                if let eq = equal(e, x), eq { found = true; return false }
                return true
            }
            if !isList { return notList(c, args[0].span, "contains") }
            return .bool(found)
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
        case .matches:
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
            let v = eval(args[0])
            var out: [Value] = []
            let isList = forEachElement(v) { e in
                if !out.contains(where: { equal($0, e) == true }) { out.append(e) }
                return true
            }
            if !isList { return notList(v, args[0].span, "distinct") }
            return .list(out)
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
        }
    }
}

extension Evaluator {
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
func roundHalfAway(_ x: Double, _ places: Int) -> Double {
    guard x.isFinite else { return x }
    // From 10^15 on a double has no decimals left to round.
    if places >= 0 && Swift.abs(x) >= 1e15 { return x }
    if (0...15).contains(places), var d = Decimal(string: "\(x)") {
        var r = Decimal()
        // `.plain` rounds ties up for positive numbers and down for negative ones: away from zero.
        NSDecimalRound(&r, &d, places, .plain)
        let v = NSDecimalNumber(decimal: r).doubleValue
        if v.isFinite { return v }
    }
    let scale = pow(10.0, Double(places))
    // Rounding to a unit beyond any double (10^400) gives 0; to a fraction below any, the number.
    if scale == 0 { return 0 }
    let v = (x * scale).rounded(.toNearestOrAwayFromZero) / scale
    return v.isFinite ? v : x
}
