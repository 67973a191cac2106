import Diagnostics
import Base
import Semantics

// Numbers and dates in messages, the way a reader of each language writes
// them: Vietnamese `1.234.567,5` and `15/06/2025`, English `1,234,567.5` and
// `2025-06-15`. Written on the digits, not with Foundation's locales (which
// differ between Linux and macOS). Only `else` messages use this; `explain`
// and machine fields keep the values as the dossier writes them.

/// `plain` localised for `lang` (see `formatNumber` in the message catalogue).
package func localizedNumber(_ plain: String, lang: String, grouping: Bool = true) -> String {
    formatNumber(plain, Lang(rawValue: lang) ?? .en, grouping: grouping)
}

/// A date in `lang`: `15/06/2025` in Vietnamese, `2025-06-15` otherwise.
package func localizedDate(_ d: CivilDate, lang: String) -> String {
    guard lang == "vi" else { return d.description }
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
    var year = String(d.year)
    while year.count < 4 { year = "0" + year }
    return "\(two(d.day))/\(two(d.month))/\(year)"
}

/// The date a string holds when it is written `YYYY-MM-DD` (a real day), else nil.
func isoDate(_ s: String) -> CivilDate? {
    let u = s.utf8
    guard u.count == 10 else { return nil }
    let b = Array(u)
    guard b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-") else { return nil }
    return CivilDate(text: b)
}

extension Evaluator {
    /// A value interpolated into a message in `lang`: numbers and dates as
    /// that language writes them, the rest as `render` gives it.
    /// `isYear`: the value came from `year(…)`, so its digits are not grouped.
    func renderInMessage(_ v: Value, _ lang: String, isYear: Bool = false) -> String {
        switch v {
        case .number(let d):
            return localizedNumber(formatNumber(d), lang: lang, grouping: !isYear)
        case .bigInteger(_, let digits):
            return localizedNumber(digits, lang: lang)
        case .date(let d):
            return localizedDate(d, lang: lang)
        case .string(let s):
            return isoDate(s).map { localizedDate($0, lang: lang) } ?? s
        case .list(let vs):
            return joinInMessage(vs.map { renderInMessage($0, lang) }, numbers: vs.contains { number($0) != nil }, lang)
        case .node(let n):
            switch nodes[Int(n)].kind {
            case .number: return localizedNumber(renderNumber(Int(n)), lang: lang, grouping: !isYear)
            case .string:
                let s = nodeString(Int(n))
                return isoDate(s).map { localizedDate($0, lang: lang) } ?? s
            case .array:
                var parts: [String] = []
                var numbers = false
                forEachElement(v) { e in
                    if number(e) != nil { numbers = true }
                    parts.append(renderInMessage(e, lang))
                    return true
                }
                return joinInMessage(parts, numbers: numbers, lang)
            default:
                return render(v)
            }
        default:
            return render(v)
        }
    }

    /// List elements joined: `; ` between Vietnamese numbers (whose decimal
    /// mark is a comma), `, ` otherwise.
    private func joinInMessage(_ parts: [String], numbers: Bool, _ lang: String) -> String {
        parts.joined(separator: numbers && lang == "vi" ? "; " : ", ")
    }
}
