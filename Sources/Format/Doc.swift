import Diagnostics

// The formatter's intermediate form, after swift-format's PrettyPrint: the
// layout turns the syntax tree into a flat stream of tokens, and the printer
// decides, group by group, whether each one fits on the line or breaks.

/// One instruction of the stream the printer lays out.
enum DocToken: Sendable {
    /// Text without line breaks, with its width in display columns.
    case text(String, width: Int)
    /// Text that may hold line breaks (a multi-line block comment), written as is.
    case verbatim(String)
    /// A `//` comment: whatever follows must start on a new line.
    case lineComment(String, width: Int)
    /// One space where one is needed: dropped at the start of a line, after
    /// a space or an opening `(` or `[`, or when a line break comes first.
    case space
    /// A line break when the enclosing group breaks, else `spaces` spaces.
    case softBreak(spaces: Int)
    /// In a group that breaks, a line break only when what follows (up to
    /// the next break) does not fit on the line: fills lines, like words in
    /// a paragraph (Oppen's inconsistent breaking). Else `spaces` spaces.
    case fillBreak(spaces: Int)
    /// A line break always, and a blank line before what follows when `blank`
    /// (the printer keeps at most one, and none just inside a bracket).
    case newline(blank: Bool)
    /// Opens a group: its soft breaks all break, or none does (consistent breaking).
    case open
    /// Closes the innermost group.
    case close
    /// Indents the lines that start after it by `n` more columns.
    case indent(Int)
    /// Undoes the innermost `indent`.
    case dedent
}

extension DocToken {
    /// Plain text, measured in display columns.
    static func text(_ s: String) -> DocToken { .text(s, width: displayWidth(s.utf8)) }
}

/// Lays out a token stream in a line width: Oppen's algorithm with sizes
/// computed in a first pass, consistent breaking, and indentation taken
/// when the first text of a line is written (so trailing spaces and
/// indentation of empty lines never appear).
struct Printer {
    /// The line width to fit in, in display columns.
    var width: Int
    /// Lay everything out on one line, even soft breaks outside any group
    /// (used for interpolations, which cannot span lines).
    var isFlat = false

    /// Width of anything that cannot be on one line: it breaks every enclosing group.
    private static let unbreakable = 1 << 40

    /// The text of `tokens` laid out, ending with a newline (empty for no text).
    func print(_ tokens: [DocToken]) -> String {
        let (sizes, chunks) = measure(tokens)
        var out: [UInt8] = []
        out.reserveCapacity(tokens.count * 8)
        var column = 0
        var indents = [0]
        // One entry per open group: true when it breaks.
        var groups: [Bool] = []
        var pendingNewlines = 0
        var mustBreak = false

        func write(_ s: String, width: Int) {
            if mustBreak {
                pendingNewlines = max(pendingNewlines, 1)
                mustBreak = false
            }
            if pendingNewlines > 0 && !out.isEmpty {
                while out.last == 0x20 { out.removeLast() }
                var n = pendingNewlines
                // No blank line just inside an opening bracket, nor before a closing one.
                if let last = out.last, last == UInt8(ascii: "{") || last == UInt8(ascii: "[") || last == UInt8(ascii: "(") { n = 1 }
                if let first = s.utf8.first, first == UInt8(ascii: "}") || first == UInt8(ascii: "]") || first == UInt8(ascii: ")") { n = 1 }
                out.append(contentsOf: repeatElement(0x0A, count: n))
                out.append(contentsOf: repeatElement(0x20, count: indents.last!))
                column = indents.last!
            }
            pendingNewlines = 0
            out.append(contentsOf: s.utf8)
            column += width
        }

        // A break laid flat after a `.space` does not double it.
        func writeSpaces(_ n: Int) {
            let count = out.last == 0x20 ? max(0, n - 1) : n
            out.append(contentsOf: repeatElement(0x20, count: count))
            column += count
        }

        for (i, token) in tokens.enumerated() {
            switch token {
            case .text(let s, let w):
                write(s, width: w)
            case .lineComment(let s, let w):
                write(s, width: w)
                mustBreak = true
            case .verbatim(let s):
                write(s, width: 0)
                if let lastLine = s.split(separator: "\n", omittingEmptySubsequences: false).last, s.contains("\n") {
                    column = displayWidth(lastLine.utf8)
                } else {
                    column += displayWidth(s.utf8)
                }
            case .space:
                if pendingNewlines == 0 && !mustBreak, let last = out.last, last != 0x20, last != 0x0A, last != UInt8(ascii: "("), last != UInt8(ascii: "[") {
                    out.append(0x20)
                    column += 1
                }
            case .softBreak(let spaces):
                let breaks = groups.last ?? !isFlat
                if breaks || mustBreak {
                    pendingNewlines = max(pendingNewlines, 1)
                } else if pendingNewlines == 0 {
                    writeSpaces(spaces)
                }
            case .fillBreak(let spaces):
                let breaks = groups.last ?? !isFlat
                if mustBreak || (breaks && column + spaces + chunks[i] > width) {
                    pendingNewlines = max(pendingNewlines, 1)
                } else if pendingNewlines == 0 {
                    writeSpaces(spaces)
                }
            case .newline(let blank):
                pendingNewlines = max(pendingNewlines, blank ? 2 : 1)
            case .open:
                let enclosingBreaks = groups.last ?? !isFlat
                if !enclosingBreaks {
                    groups.append(false)
                } else {
                    let start = pendingNewlines > 0 ? indents.last! : column
                    groups.append(start + sizes[i] > width)
                }
            case .close:
                groups.removeLast()
            case .indent(let n):
                indents.append(indents.last! + n)
            case .dedent:
                indents.removeLast()
            }
        }
        while out.last == 0x20 { out.removeLast() }
        if !out.isEmpty { out.append(0x0A) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether a break, another space or the end comes after `i` (structure
    /// tokens aside): the printer then writes no space of its own there.
    private func isFollowedByBreak(_ tokens: [DocToken], _ i: Int) -> Bool {
        var k = i + 1
        while k < tokens.count {
            switch tokens[k] {
            case .open, .close, .indent, .dedent: k += 1
            case .softBreak, .fillBreak, .newline, .space: return true
            default: return false
            }
        }
        return true
    }

    /// For each `open`, the width of its group laid flat plus the text that
    /// follows it up to the next possible break (which must fit too), or
    /// `unbreakable` when it holds a forced line break; for each break, the
    /// width of the text after it up to the next break.
    private func measure(_ tokens: [DocToken]) -> (sizes: [Int], chunks: [Int]) {
        // prefix[i]: flat width of tokens[0..<i]; forced[i]: forced breaks among them.
        var prefix = [Int](repeating: 0, count: tokens.count + 1)
        var forced = [Int](repeating: 0, count: tokens.count + 1)
        // The printer writes no `.space` after an opening `(` or `[`.
        var isAfterOpeningBracket = false
        for (i, t) in tokens.enumerated() {
            var w = 0
            var isForced = false
            switch t {
            case .text(let s, let width):
                w = width
                isAfterOpeningBracket = s.utf8.last == UInt8(ascii: "(") || s.utf8.last == UInt8(ascii: "[")
            case .verbatim(let s):
                if s.contains("\n") { isForced = true } else { w = displayWidth(s.utf8) }
                isAfterOpeningBracket = false
            case .lineComment, .newline:
                isForced = true
                isAfterOpeningBracket = false
            case .space:
                w = isAfterOpeningBracket || isFollowedByBreak(tokens, i) ? 0 : 1
                if w > 0 { isAfterOpeningBracket = false }
            case .softBreak(let spaces), .fillBreak(let spaces):
                w = spaces
                if spaces > 0 { isAfterOpeningBracket = false }
            case .open, .close, .indent, .dedent: w = 0
            }
            prefix[i + 1] = prefix[i] + w
            forced[i + 1] = forced[i] + (isForced ? 1 : 0)
        }
        // nextBreak[i]: index of the first break (or line comment) at or after i.
        var nextBreak = [Int](repeating: tokens.count, count: tokens.count + 1)
        for i in stride(from: tokens.count - 1, through: 0, by: -1) {
            switch tokens[i] {
            case .softBreak, .fillBreak, .newline, .lineComment: nextBreak[i] = i
            default: nextBreak[i] = nextBreak[i + 1]
            }
        }
        var sizes = [Int](repeating: 0, count: tokens.count)
        var chunks = [Int](repeating: 0, count: tokens.count)
        var stack: [Int] = []
        for (i, t) in tokens.enumerated() {
            switch t {
            case .fillBreak: chunks[i] = prefix[nextBreak[i + 1]] - prefix[i + 1]
            case .open: stack.append(i)
            case .close:
                let o = stack.removeLast()
                let end = nextBreak[i + 1]
                // A line comment ending the line after the group does not break it.
                sizes[o] = forced[i] > forced[o] ? Printer.unbreakable : prefix[end] - prefix[o]
            default: break
            }
        }
        return (sizes, chunks)
    }
}
