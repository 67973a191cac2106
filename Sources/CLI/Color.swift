import Foundation
import Synchronization

// Whether to colour output is decided in one place: `--color` (or the config
// file's `color`) sets the choice once, before the command runs; every command
// asks `useColor(fd:)` for the stream it writes to.

/// `--color WHEN`.
enum ColorChoice: String, CaseIterable, Sendable {
    /// Colour only a terminal, and not when `NO_COLOR` is set to a non-empty value or `TERM=dumb`.
    case auto
    /// Colour whatever the stream is.
    case always
    /// Never colour.
    case never
}

/// Should a stream be coloured? `NO_COLOR` disables colour only when set to a
/// non-empty value (https://no-color.org: "when present and not an empty
/// string"); `NO_COLOR=` leaves it on.
func shouldColor(_ choice: ColorChoice, isTerminal: Bool, environment: [String: String]) -> Bool {
    switch choice {
    case .always: return true
    case .never: return false
    case .auto:
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return isTerminal && environment["TERM"] != "dumb"
    }
}

/// The process's colour choice: set once by `runMain` from `--color`, read by every command.
let colorChoice = Mutex<ColorChoice>(.auto)

/// Colour the output written to `fd`? Follows `--color` (see `shouldColor`).
func useColor(fd: Int32) -> Bool {
    shouldColor(colorChoice.withLock { $0 }, isTerminal: isatty(fd) != 0, environment: ProcessInfo.processInfo.environment)
}
