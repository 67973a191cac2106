// swift-tools-version:6.0
import PackageDescription

// One module per stage; dependencies point downward only.
//   CSHA256     (SHA-256 compression with the CPU's SHA instructions, in C)
//   Diagnostics (source files, spans, line tables, diagnostics, renderer)
//   JSON        (byte-level JSON parser with positions, NDJSON)
//   Syntax      (tokens, lexer, AST, parser)
//   Format      (canonical formatter for .rules)
//   Semantics   (name resolution, schema, load-time checks, compiled rules)
//   Evaluator   (three-valued evaluation, findings)
//   Reporters   (text, JSON, NDJSON, SARIF, JUnit, HTML, Markdown)
//   TuanThu     (library facade: load a ruleset, check dossiers)
//   Run         (a check run: inputs, the worker pool, the report sinks)
//   CLI         (the `tuanthu` executable: argument parsing only)
let package = Package(
    name: "tuanthu",
    products: [
        .library(name: "TuanThu", targets: ["TuanThu"]),
        .executable(name: "tuanthu", targets: ["CLI"]),
    ],
    targets: [
        // SHA-256 with the CPU's SHA instructions; our own C, no third-party code.
        .target(name: "CSHA256", path: "Sources/CSHA256"),
        .target(name: "Diagnostics", dependencies: ["CSHA256"], path: "Sources/Diagnostics"),
        .target(name: "JSON", dependencies: ["Diagnostics"], path: "Sources/JSON"),
        .target(name: "Syntax", dependencies: ["Diagnostics"], path: "Sources/Syntax"),
        .target(name: "Format", dependencies: ["Syntax"], path: "Sources/Format"),
        .target(name: "Semantics", dependencies: ["Syntax", "JSON"], path: "Sources/Semantics"),
        .target(name: "Evaluator", dependencies: ["Semantics", "JSON"], path: "Sources/Evaluator"),
        .target(name: "Reporters", dependencies: ["Evaluator"], path: "Sources/Reporters"),
        .target(
            name: "TuanThu",
            dependencies: ["Diagnostics", "JSON", "Syntax", "Format", "Semantics", "Evaluator", "Reporters"],
            path: "Sources/TuanThu"),
        .target(
            name: "Run",
            dependencies: ["TuanThu", "Diagnostics", "JSON", "Syntax", "Semantics", "Evaluator", "Reporters"],
            path: "Sources/Run"),
        .executableTarget(name: "CLI", dependencies: ["TuanThu", "Run"], path: "Sources/CLI"),
        .testTarget(name: "TuanThuTests", dependencies: ["TuanThu", "Run", "JSON", "Diagnostics"], path: "Tests/TuanThuTests"),
    ]
)
