/// Renders diagnostics as text, after rustc and swift-syntax:
///
///     error[E1002]: expected `}`, found `rule`
///       --> Rules/a.rules:12:5
///        |
///     11 |   require x > 1
///     12 |   rule B {
///        |   ^^^^ expected `}` here
///        = help: close the previous rule first
///
/// Carets line up on screen: they are measured in display columns, so they
/// sit under a Vietnamese word whether it is written NFC or NFD.
public struct DiagnosticRenderer: Sendable {
    /// ANSI colours (only for a terminal, never in golden tests).
    public var colorize: Bool
    /// Lines shown before the primary line.
    package var contextLines: Int
    /// The words before notes and help (reports in Vietnamese localise them).
    package var noteWord = "note"
    /// The word before help lines.
    package var helpWord = "help"
    /// The language of messages, helps, notes and labels.
    package var lang: Lang = .en
    /// Lines wider than this (in display columns) are cut to a window around
    /// the primary label, `…` marking each cut: a minified dossier or an
    /// NDJSON record is one line of many kilobytes.
    package var maxLineWidth: Int

    /// A renderer; no colour unless asked for.
    public init(colorize: Bool = false, contextLines: Int = 2, maxLineWidth: Int = 120) {
        self.colorize = colorize
        self.contextLines = contextLines
        self.maxLineWidth = max(20, maxLineWidth)
    }

    /// All diagnostics, each followed by a blank line.
    public func render(_ diagnostics: [Diagnostic], files: SourceMap) -> String {
        var out = ""
        for d in diagnostics {
            out += render(d, files: files)
            out += "\n"
        }
        return out
    }

    /// One diagnostic: header, location, source lines with underlines, notes and help.
    package func render(_ d: Diagnostic, files: SourceMap) -> String {
        var out = paint("\(d.severity.rawValue)[\(d.code)]", d.severity == .error ? "1;31" : d.severity == .warning ? "1;33" : "1;36")
        out += paint(": \(terminalSafe(d.messageText(lang)))", "1") + "\n"

        guard let file = files[d.primary.span.file] else {
            for n in d.noteTexts.map({ $0(lang) }) { out += "  = \(noteWord): \(terminalSafe(n))\n" }
            if let h = d.helpText?(lang) { out += "  = \(helpWord): \(terminalSafe(h))\n" }
            return out
        }
        let primaryLoc = file.location(of: d.primary.span.start)
        // Lines to show, per file: the primary line with context, and each secondary label.
        var shown: [(line: Int, labels: [(Label, Bool)])] = []
        func addLabel(_ label: Label, primary: Bool) {
            let li = file.lines.lineIndex(of: label.span.start)
            if let k = shown.firstIndex(where: { $0.line == li }) {
                shown[k].labels.append((label, primary))
            } else {
                shown.append((li, [(label, primary)]))
            }
        }
        addLabel(d.primary, primary: true)
        var foreign: [Label] = []
        for s in d.secondary {
            if s.span.file == file.id { addLabel(s, primary: false) } else { foreign.append(s) }
        }
        let firstPrimaryLine = file.lines.lineIndex(of: d.primary.span.start)
        for c in stride(from: firstPrimaryLine - 1, through: max(0, firstPrimaryLine - contextLines), by: -1) {
            if !shown.contains(where: { $0.line == c }) && !file.bytes[file.lineRange(c)].allSatisfy({ $0 == 0x20 || $0 == 0x09 }) {
                shown.append((c, []))
            }
        }
        shown.sort { $0.line < $1.line }
        let gutterWidth = String(shown.last!.line + file.firstLine).count
        let pad = String(repeating: " ", count: gutterWidth)
        // One window of display columns for all shown lines, so that they stay aligned.
        var window: Range<Int>? = nil
        // (A line's display width is at most its byte count.)
        if shown.contains(where: { file.lineRange($0.line).count > maxLineWidth && isWider(file.bytes[file.lineRange($0.line)], than: maxLineWidth) }) {
            let range = file.lineRange(firstPrimaryLine)
            let column = displayWidth(file.bytes[range.lowerBound..<min(max(Int(d.primary.span.start), range.lowerBound), range.upperBound)])
            let start = max(0, column - maxLineWidth / 3)
            window = start..<(start + maxLineWidth)
        }
        // Columns taken by the left `…` of a cut line.
        let shift = (window?.lowerBound ?? 0) > 0 ? 1 : 0
        out += "\(pad)\(paint("-->", "1;34")) \(terminalSafe(file.path)):\(primaryLoc.line):\(primaryLoc.column)\n"
        out += "\(pad) \(paint("|", "1;34"))\n"
        var previous: Int? = nil
        for entry in shown {
            if let p = previous, entry.line > p + 1 { out += "\(pad) \(paint("┆", "1;34"))\n" }
            previous = entry.line
            let lineNo = String(entry.line + file.firstLine)
            let text = window.map { clip(file.bytes[file.lineRange(entry.line)], to: $0) } ?? expandTabs(terminalSafe(file.lineText(entry.line)))
            out += String(repeating: " ", count: gutterWidth - lineNo.count) + paint(lineNo, "1;34") + " " + paint("|", "1;34")
            out += text.isEmpty ? "\n" : " \(text)\n"
            // Primary label first, then secondaries, each on its own underline row.
            let labels = entry.labels.sorted { $0.1 && !$1.1 }
            for (label, isPrimary) in labels {
                let range = file.lineRange(entry.line)
                let s = max(Int(label.span.start), range.lowerBound)
                let e = min(max(Int(label.span.end), s), range.upperBound)
                var before = displayWidth(file.bytes[range.lowerBound..<min(s, range.upperBound)])
                var width = max(1, displayWidth(file.bytes[min(s, range.upperBound)..<e]))
                if let w = window {
                    let from = min(max(before, w.lowerBound), w.upperBound - 1)
                    width = max(1, min(before + width, w.upperBound) - from)
                    before = from - w.lowerBound + shift
                }
                let mark = String(repeating: isPrimary ? "^" : "-", count: width)
                var row = String(repeating: " ", count: before) + paint(mark, isPrimary ? (d.severity == .error ? "1;31" : "1;33") : "1;34")
                if let t = label.localizedText?(lang), !t.isEmpty { row += " " + terminalSafe(t) }
                out += "\(pad) \(paint("|", "1;34")) \(row)\n"
            }
        }
        for s in foreign {
            if let f = files[s.span.file] {
                let loc = f.location(of: s.span.start)
                out += "\(pad) \(paint(":::", "1;34")) \(terminalSafe(f.path)):\(loc.line):\(loc.column)"
                if let t = s.localizedText?(lang) { out += " \(terminalSafe(t))" }
                out += "\n"
            }
        }
        for n in d.noteTexts.map({ $0(lang) }) { out += "\(pad) = \(noteWord): \(terminalSafe(n))\n" }
        if let h = d.helpText?(lang) { out += "\(pad) = \(helpWord): \(terminalSafe(h))\n" }
        return out
    }

    private func paint(_ s: String, _ code: String) -> String {
        colorize ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}

/// The part of a line that falls in a window of display columns, tabs
/// expanded, with `…` where the line is cut (a space when the window starts
/// after column 0 but nothing is cut, to keep columns aligned). Works on the
/// line's bytes and decodes only what it shows: a one-line dossier is 10 KB.
private func clip(_ line: ArraySlice<UInt8>, to window: Range<Int>) -> String {
    line.withUnsafeBufferPointer { b in
        var out = ""
        var column = 0
        var isCutRight = false
        var i = 0
        // Plain ASCII before the window, eight bytes at a time.
        while i + 8 <= b.count && column + 8 <= window.lowerBound && isPlainASCII(b, i) {
            column += 8
            i += 8
        }
        while i < b.count {
            let (v, length) = decodeScalar(b, i)
            let w = displayWidth(value: v)
            if column < window.lowerBound || (out.isEmpty && w == 0 && window.lowerBound > 0) {
                // Before the window; combining marks of a character cut off go with it.
                column += w
                i += length
                continue
            }
            if column + w > window.upperBound {
                isCutRight = true
                break
            }
            if out.isEmpty && column > window.lowerBound {
                // A wide character straddled the window's start.
                out = String(repeating: " ", count: column - window.lowerBound)
            }
            if v == 0x09 {
                out += "    "
            } else if isTerminalControl(v) {
                out += escapedScalar(v)
            } else {
                out.unicodeScalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            }
            column += w
            i += length
        }
        let left = window.lowerBound == 0 ? "" : (b.isEmpty ? " " : "…")
        return left + out + (isCutRight ? "…" : "")
    }
}

private func expandTabs(_ s: String) -> String {
    s.contains("\t") ? s.replacingTabs() : s
}

private extension String {
    func replacingTabs() -> String {
        var r = ""
        for c in self { r += c == "\t" ? "    " : String(c) }
        return r
    }
}

/// Display columns of UTF-8 text: combining marks take none, wide East Asian
/// characters two, a tab four, everything else one.
package func displayWidth<C: Collection>(_ bytes: C) -> Int where C.Element == UInt8 {
    if let w = bytes.withContiguousStorageIfAvailable({ displayWidth(contiguous: $0) }) { return w }
    return Array(bytes).withUnsafeBufferPointer { displayWidth(contiguous: $0) }
}

/// Display columns of UTF-8 bytes. Runs of plain ASCII count eight bytes at
/// a time; only other scalars are decoded (a one-line dossier is 10 KB long).
/// Counting stops once past `limit`.
private func displayWidth(contiguous b: UnsafeBufferPointer<UInt8>, limit: Int = .max) -> Int {
    let n = b.count
    var width = 0
    var i = 0
    while i < n && width <= limit {
        if i + 8 <= n && isPlainASCII(b, i) {
            width += 8
            i += 8
            continue
        }
        let (v, length) = decodeScalar(b, i)
        width += displayWidth(value: v)
        i += length
    }
    return width
}

/// Is the text wider than `limit` display columns?
func isWider(_ bytes: ArraySlice<UInt8>, than limit: Int) -> Bool {
    bytes.withUnsafeBufferPointer { displayWidth(contiguous: $0, limit: limit) > limit }
}

/// Are the eight bytes at `i` printable ASCII (no tab, no control character, no DEL)?
@inline(__always)
private func isPlainASCII(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
    let x = UnsafeRawPointer(b.baseAddress! + i).loadUnaligned(as: UInt64.self)
    // A byte below 0x20 (tab included), for bytes below 0x80.
    let hasControl = (x &- 0x2020_2020_2020_2020) & ~x & 0x8080_8080_8080_8080
    let d = x ^ 0x7F7F_7F7F_7F7F_7F7F
    let hasDEL = (d &- 0x0101_0101_0101_0101) & ~d & 0x8080_8080_8080_8080
    return x & 0x8080_8080_8080_8080 == 0 && hasControl == 0 && hasDEL == 0
}

/// The scalar at byte `i` and its length in bytes; a stray or cut byte is
/// U+FFFD, one byte long (as `String(decoding:)` repairs it).
@inline(__always)
private func decodeScalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (UInt32, Int) {
    let c = b[i]
    if c < 0x80 { return (UInt32(c), 1) }
    let length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1
    if length == 1 || i + length > b.count { return (0xFFFD, 1) }
    var v = UInt32(c) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
    for k in 1..<length {
        let x = b[i + k]
        if x & 0xC0 != 0x80 { return (0xFFFD, 1) }
        v = v << 6 | UInt32(x & 0x3F)
    }
    return (v, length)
}

/// Display columns of one scalar.
package func displayWidth(_ scalar: Unicode.Scalar) -> Int {
    displayWidth(value: scalar.value)
}

@inline(__always)
private func displayWidth(value v: UInt32) -> Int {
    if v == 0x09 { return 4 }
    // Shown escaped (`\u{1B}`), so as wide as the escape.
    if isTerminalControl(v) { return escapedScalar(v).utf8.count }
    if v < 0x300 { return 1 }
    if v <= 0x36F { return 0 }  // combining diacritical marks (NFD Vietnamese)
    if v >= 0x1E00 && v <= 0x1EFF { return 1 }  // Latin Extended Additional (NFC Vietnamese)
    guard let scalar = Unicode.Scalar(v) else { return 1 }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return 0
    default: break
    }
    if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
        || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
        || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x1F900...0x1F9FF).contains(v)
        || (0x20000...0x3FFFD).contains(v)
    {
        return 2
    }
    return 1
}

// MARK: - Terminal safety

/// Is this scalar one a terminal acts on rather than shows: a C0 control
/// (tab and newline are handled where they belong), DEL, a C1 control, or a
/// bidirectional control that reorders what follows (U+061C, U+200E/F,
/// U+202A–U+202E, U+2066–U+2069)? Text from dossiers, file names and rules
/// must show these escaped, or a dossier could clear the screen, retitle
/// the terminal or forge a line of the report.
@inline(__always)
package func isTerminalControl(_ v: UInt32) -> Bool {
    if v < 0x20 { return v != 0x09 && v != 0x0A }
    if v < 0x7F { return false }
    if v <= 0x9F { return true }
    if v < 0x061C { return false }
    return v == 0x061C || v == 0x200E || v == 0x200F || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
}

/// The escaped form of a control scalar: `\u{1B}`.
@inline(__always)
package func escapedScalar(_ v: UInt32) -> String {
    "\\u{" + String(v, radix: 16, uppercase: true) + "}"
}

/// `s` with every terminal control (see `isTerminalControl`) escaped as
/// `\u{…}`; tab and newline are kept. Text without any is returned as is.
package func terminalSafe(_ s: String) -> String {
    guard s.unicodeScalars.contains(where: { isTerminalControl($0.value) }) else { return s }
    var out = ""
    out.reserveCapacity(s.utf8.count + 8)
    for u in s.unicodeScalars {
        if isTerminalControl(u.value) { out += escapedScalar(u.value) } else { out.unicodeScalars.append(u) }
    }
    return out
}

/// `terminalSafe`, with newlines escaped too: for a name shown on one line.
package func terminalSafeLine(_ s: String) -> String {
    let safe = terminalSafe(s)
    guard safe.contains("\n") else { return safe }
    var out = ""
    for u in safe.unicodeScalars {
        if u == "\n" { out += "\\u{A}" } else { out.unicodeScalars.append(u) }
    }
    return out
}
