/// A line diff for showing what formatting would change (`fmt --check`).
public enum LineDiff {
    /// A unified diff of `old` and `new` (`---`/`+++` headers, `@@` hunks
    /// with `context` lines around each change), cut after `maxHunks` hunks.
    /// Empty when the texts are equal.
    public static func unified(old: String, new: String, path: String, context: Int = 2, maxHunks: Int = 3) -> String {
        let a = lines(old), b = lines(new)
        let ops = script(a, b)
        guard ops.contains(where: { $0.kind != .same }) else { return "" }
        var out = "--- \(path)\n+++ \(path) (formatted)\n"
        // Group changes closer than 2×context lines into one hunk.
        var hunks: [Range<Int>] = []
        var i = 0
        while i < ops.count {
            guard ops[i].kind != .same else { i += 1; continue }
            var end = i
            var j = i
            while j < ops.count {
                if ops[j].kind != .same { end = j; j += 1; continue }
                var k = j
                while k < ops.count && ops[k].kind == .same { k += 1 }
                if k == ops.count || k - j > 2 * context { break }
                j = k
            }
            hunks.append(max(0, i - context)..<min(ops.count, end + 1 + context))
            i = end + 1
        }
        for hunk in hunks.prefix(maxHunks) {
            let slice = ops[hunk]
            let oldStart = (slice.first?.oldLine ?? 0) + 1
            let newStart = (slice.first?.newLine ?? 0) + 1
            let oldCount = slice.count { $0.kind != .insert }
            let newCount = slice.count { $0.kind != .delete }
            out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
            for op in slice {
                switch op.kind {
                case .same: out += " " + a[op.oldLine] + "\n"
                case .delete: out += "-" + a[op.oldLine] + "\n"
                case .insert: out += "+" + b[op.newLine] + "\n"
                }
            }
        }
        if hunks.count > maxHunks { out += "… \(hunks.count - maxHunks) more change\(hunks.count - maxHunks == 1 ? "" : "s")\n" }
        return out
    }

    struct Op {
        enum Kind { case same, delete, insert }
        var kind: Kind
        /// Index in the old lines of this line, or of the next old line for an insert.
        var oldLine: Int
        /// Index in the new lines of this line, or of the next new line for a delete.
        var newLine: Int
    }

    private static func lines(_ s: String) -> [String] {
        var ls = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if ls.last == "" { ls.removeLast() }
        return ls
    }

    /// The edit script from `a` to `b`: Myers' O((N+M)·D) algorithm, after
    /// the common prefix and suffix are set aside. Past `maxCost` edits it
    /// gives up on precision and replaces the middle wholesale.
    static func script(_ a: [String], _ b: [String], maxCost: Int = 1000) -> [Op] {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        let x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        var ops: [Op] = (0..<prefix).map { Op(kind: .same, oldLine: $0, newLine: $0) }
        for op in middle(x, y, maxCost: maxCost) {
            ops.append(Op(kind: op.kind, oldLine: op.oldLine + prefix, newLine: op.newLine + prefix))
        }
        for k in 0..<suffix {
            ops.append(Op(kind: .same, oldLine: a.count - suffix + k, newLine: b.count - suffix + k))
        }
        return ops
    }

    private static func middle(_ a: [String], _ b: [String], maxCost: Int) -> [Op] {
        let n = a.count, m = b.count
        let offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...min(n + m, maxCost) {
            trace.append(v)
            for k in stride(from: -d, through: d, by: 2) {
                var x = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? v[offset + k + 1] : v[offset + k - 1] + 1
                var y = x - k
                while x < n && y < m && a[x] == b[y] {
                    x += 1
                    y += 1
                }
                v[offset + k] = x
                if x >= n && y >= m {
                    found = true
                    break outer
                }
            }
        }
        guard found else {
            return (0..<n).map { Op(kind: .delete, oldLine: $0, newLine: 0) } + (0..<m).map { Op(kind: .insert, oldLine: n, newLine: $0) }
        }
        // Walk the trace back from (n, m).
        var ops: [Op] = []
        var x = n, y = m
        for d in stride(from: trace.count - 1, through: 0, by: -1) {
            let v = trace[d]
            let k = x - y
            let previousK = (k == -d || (k != d && v[offset + k - 1] < v[offset + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[offset + previousK]
            let previousY = previousX - previousK
            while x > previousX && y > previousY {
                x -= 1
                y -= 1
                ops.append(Op(kind: .same, oldLine: x, newLine: y))
            }
            if d > 0 {
                if x == previousX {
                    ops.append(Op(kind: .insert, oldLine: x, newLine: previousY))
                } else {
                    ops.append(Op(kind: .delete, oldLine: previousX, newLine: y))
                }
            }
            x = previousX
            y = previousY
        }
        return ops.reversed()
    }
}
