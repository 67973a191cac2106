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
        case .constant(let k): return .constant(ir.side.constants[k])
        case .global(let k): return .letValue(k)
        case .path(let base, let steps, _):
            guard case .root = base.op else { return .other }
            var names: [String] = []
            for i in steps.indices {
                guard case .key(let k) = steps[i] else { return .other }
                names.append(ir.side.keyTexts[Int(k.index)])
            }
            return .rootPath(names)
        default: return .other
        }
    }
}

extension IRProgram {
    /// The condition of the schema's `required when` number `k` (as `Program.schemaConditions`).
    package func schemaCondition(_ k: Int) -> IRExpression { IRExpression(self, side.schemaConditions[k]) }

    /// The value of the program's `let` number `k`.
    package func letValue(_ k: Int) -> IRExpression { IRExpression(self, side.lets[k]) }

    /// How many `let`s the program has.
    package var letCount: Int { side.lets.count }
}
