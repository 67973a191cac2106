// Catalogue area: the trace `tuanthu explain` prints. The rule's own
// statements (`when`, `require`, `for each it in plan.items`, `effective
// from 2025-01-01`) and expressions are shown as the rules file writes them;
// the tool's words around them — what a `require` gave, an element, a skip,
// where an absent value would be — are here.

/// The words of an `explain` trace.
package enum ExplainMessage: String, MessageArea {
    case notInForce
    case ruleDoesNotApply
    case cannotTellWhetherRuleApplies
    case element
    case elementAtPosition
    case skippedByWhere
    case cannotTellWhetherElementConcerned
    case wouldBeAt
    case oneElement
    case elements
    case oneField
    case fields
    case pass
    case violation
    case missing
    case invalid
    case notApplicable

    package var key: String { "explain.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .notInForce: ("không có hiệu lực vào ngày {date}: không áp dụng", "not in force on {date}: not_applicable")
        case .ruleDoesNotApply: ("→ quy tắc không áp dụng", "→ the rule does not apply")
        case .cannotTellWhetherRuleApplies: ("→ không xác định được quy tắc có áp dụng hay không", "→ cannot tell whether the rule applies")
        case .element: ("{variable} = phần tử {index}", "{variable} = element {index}")
        case .elementAtPosition: ("{variable} = phần tử {index}, {position}", "{variable} = element {index}, {position}")
        case .skippedByWhere: ("→ bị `where` loại", "→ skipped by `where`")
        case .cannotTellWhetherElementConcerned: ("→ không xác định được phần tử này có thuộc diện hay không",
                                                  "→ cannot tell whether this element is concerned")
        case .wouldBeAt: ("lẽ ra nằm ở {pointer}", "would be at {pointer}")
        case .oneElement: ("[{n} phần tử]", "[{n} element]")
        case .elements: ("[{n} phần tử]", "[{n} elements]")
        case .oneField: ("{{n} trường}", "{{n} field}")
        case .fields: ("{{n} trường}", "{{n} fields}")
        case .pass: ("đạt", "pass")
        case .violation: ("vi phạm", "violation")
        case .missing: ("thiếu", "missing")
        case .invalid: ("không hợp lệ", "invalid")
        case .notApplicable: ("không áp dụng", "not_applicable")
        }
    }
}
