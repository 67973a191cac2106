/// A line diff for showing what formatting would change (`fmt --check`).
package enum LineDiff {
    /// A unified diff of `old` and `new` (`---`/`+++` headers, `@@` hunks
    /// with `context` lines around each change), cut after `maxHunks` hunks
    /// or `maxLines` lines. Empty when the texts are equal. Meant to show the
    /// first differences: past the first `window` lines that differ, the
    /// texts are not compared.
    package static func unified(
        old: String, new: String, path: String, context: Int = 2, maxHunks: Int = 3, maxLines: Int = 80, window: Int = 400
    ) -> String {
        let a = lines(old), b = lines(new)
        var (ops, isCut) = script(a, b, window: window)
        guard ops.contains(where: { $0.kind != .same }) else { return "" }
        // The last lines of a cut comparison may pair up beyond the window.
        if isCut { while let last = ops.last, last.kind != .same || ops.count > 1 && ops[ops.count - 2].kind != .same { ops.removeLast() } }
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
        var printed = 0
        for hunk in hunks.prefix(maxHunks) {
            var slice = ops[hunk]
            if printed + slice.count > maxLines { slice = slice.prefix(max(0, maxLines - printed)) }
            guard !slice.isEmpty else { break }
            printed += slice.count
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
        if hunks.count > maxHunks || printed >= maxLines || isCut { out += "… more changes\n" }
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
    /// the common prefix and suffix are set aside. Only the first `window`
    /// lines of each middle part are compared (`isCut` then), and past
    /// `maxCost` edits the middle is replaced wholesale, so time and memory
    /// stay bounded however different the texts are.
    static func script(_ a: [String], _ b: [String], window: Int = .max, maxCost: Int = 1000) -> (ops: [Op], isCut: Bool) {
        var prefix = 0
        while prefix < a.count && prefix < b.count && a[prefix] == b[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < a.count - prefix && suffix < b.count - prefix && a[a.count - 1 - suffix] == b[b.count - 1 - suffix] { suffix += 1 }
        var x = Array(a[prefix..<(a.count - suffix)]), y = Array(b[prefix..<(b.count - suffix)])
        let isCut = x.count > window || y.count > window
        if isCut {
            x = Array(x.prefix(window))
            y = Array(y.prefix(window))
        }
        var ops: [Op] = (0..<prefix).map { Op(kind: .same, oldLine: $0, newLine: $0) }
        for op in middle(x, y, maxCost: maxCost) {
            ops.append(Op(kind: op.kind, oldLine: op.oldLine + prefix, newLine: op.newLine + prefix))
        }
        if !isCut {
            for k in 0..<suffix {
                ops.append(Op(kind: .same, oldLine: a.count - suffix + k, newLine: b.count - suffix + k))
            }
        }
        return (ops, isCut)
    }

    private static func middle(_ a: [String], _ b: [String], maxCost: Int) -> [Op] {
        let n = a.count, m = b.count
        let offset = n + m + 1
        var v = [Int](repeating: 0, count: 2 * offset + 1)
        // trace[d]: v before round d, diagonals -(d+1)...(d+1) only, so the
        // trace takes O(D²) memory, not O(D·(N+M)).
        var trace: [[Int]] = []
        var found = false
        outer: for d in 0...min(n + m, maxCost) {
            trace.append(Array(v[(offset - d - 1)...(offset + d + 1)]))
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
            // Diagonal k of round d's snapshot is at index k + d + 1.
            let base = d + 1
            let k = x - y
            let previousK = (k == -d || (k != d && v[base + k - 1] < v[base + k + 1])) ? k + 1 : k - 1
            let previousX = d == 0 ? 0 : v[base + previousK]
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
