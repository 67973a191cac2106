import Semantics

// A read-only view of a program's IR for tools that inspect it rather than
// evaluate it (the JSON Schema export of `required when` conditions), so
// they read what the evaluator runs.

/// One expression of an `IRProgram`, as a tool sees it.
package struct IRExpression {
    /// The program the expression belongs to (it keeps the tables alive).
    private let ir: IRProgram
    private let x: X

    init(_ ir: IRProgram, _ x: X) {
        self.ir = ir
        self.x = x
    }

    /// What an inspecting tool can tell of an expression.
    package enum Form {
        /// `a and b`.
        case and(IRExpression, IRExpression)
        /// `a == b`.
        case equal(IRExpression, IRExpression)
        /// `a in b`.
        case isIn(IRExpression, IRExpression)
        /// A path from the dossier's root through field names only (`project.type`).
        case rootPath([String])
        /// A constant value.
        case constant(Value)
        /// The value of the program's `let` number `k`.
        case letValue(Int)
        /// Anything else.
        case other
    }

    /// The expression's form.
    package var form: Form {
        switch x.op {
        case .binary(.and, let a, let b): return .and(IRExpression(ir, a), IRExpression(ir, b))
        case .binary(.equal, let a, let b): return .equal(IRExpression(ir, a), IRExpression(ir, b))
        case .binary(.in, let a, let b): return .isIn(IRExpression(ir, a), IRExpression(ir, b))
        case .constant(let k): return .constant(ir.constants[k])
        case .global(let k): return .letValue(k)
        case .path(let base, let steps, _):
            guard case .root = base.op else { return .other }
            var names: [String] = []
            for i in steps.indices {
                guard case .key(let k) = steps[i] else { return .other }
                names.append(ir.keyTexts[Int(k.index)])
            }
            return .rootPath(names)
        default: return .other
        }
    }
}

extension Program {
    /// The condition of the schema's `required when` number `k` (as `schemaConditions`).
    package func schemaConditionExpression(_ k: Int) -> IRExpression { IRExpression(ir, X(id: schemaConditions[k].node, t: ir.tables)) }

    /// The value of the program's `let` number `k`.
    package func letExpression(_ k: Int) -> IRExpression { IRExpression(ir, X(id: lets[k].value, t: ir.tables)) }
}
