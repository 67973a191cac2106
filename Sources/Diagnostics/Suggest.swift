/// The candidate closest to `word` by edit distance, if close enough to be a
/// plausible typo ("did you mean `mentions`?").
package func closestMatch<S: Sequence>(to word: String, in candidates: S) -> String? where S.Element == String {
    let w = Array(word.lowercased().unicodeScalars)
    var best: (String, Int)? = nil
    for c in candidates {
        // At most 3 edits are accepted, so a length apart by more cannot match:
        // skipped before the quadratic distance (a 10 KB name from a file must stay cheap).
        if abs(w.count - c.unicodeScalars.count) > 3 { continue }
        let d = editDistance(w, Array(c.lowercased().unicodeScalars))
        let limit = w.count <= 2 ? 0 : max(1, min(3, (max(w.count, c.unicodeScalars.count) + 2) / 4))
        if d <= limit && (best == nil || d < best!.1) { best = (c, d) }
    }
    return best?.0
}

/// Levenshtein distance with adjacent transpositions counted as one edit.
package func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev2 = repeatedArray(0, count: b.count + 1)
    var prev = Array(0...b.count)
    var cur = repeatedArray(0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { v = min(v, prev2[j - 2] + 1) }
            cur[j] = v
        }
        (prev2, prev, cur) = (prev, cur, prev2)
    }
    return prev[b.count]
}
