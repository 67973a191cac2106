// swift-tools-version:6.0
import PackageDescription

// One module per stage; dependencies point downward only.
//   Base        (values every floor shares: civil dates)
//   FileIO      (every file read, bounded, and every file written, atomically)
//   CSHA256     (SHA-256 compression with the CPU's SHA instructions, in C)
//   CJSONScan   (JSON string scan and UTF-8 check with vector instructions, in C)
//   Digest      (SHA-256 for the digests reports record, over CSHA256)
//   Diagnostics (source files, spans, line tables, diagnostics, renderer)
//   JSON        (byte-level JSON parser with positions, NDJSON)
//   Syntax      (tokens, lexer, AST, parser; a test's `given { … }` is read by JSON)
//   Format      (canonical formatter for .rules)
//   Semantics   (name resolution, schema, load-time checks, compiled rules)
//   Evaluator   (three-valued evaluation, findings)
//   Reporters   (text, JSON, NDJSON, SARIF, JUnit, HTML, Markdown)
//   TuanThu     (library facade: load a ruleset, check dossiers)
//   Run         (a check run: the typed request, inputs, the worker pool, report sinks)
//   Corpus      (synthetic dossiers for `bench` and the tests; not in the library)
//   Fuzz        (the mutation fuzzer behind `tuanthu fuzz`; not in the library)
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
        // The scan of JSON strings with vector instructions (and the UTF-8 check); our own C.
        .target(name: "CJSONScan", path: "Sources/CJSONScan"),
        .target(name: "Base", path: "Sources/Base"),
        .target(name: "FileIO", dependencies: ["Diagnostics"], path: "Sources/FileIO"),
        .target(name: "Digest", dependencies: ["CSHA256"], path: "Sources/Digest"),
        .target(name: "Diagnostics", path: "Sources/Diagnostics"),
        .target(name: "JSON", dependencies: ["CJSONScan", "Diagnostics"], path: "Sources/JSON"),
        .target(name: "Syntax", dependencies: ["Base", "Diagnostics", "JSON"], path: "Sources/Syntax"),
        .target(name: "Format", dependencies: ["Syntax"], path: "Sources/Format"),
        .target(name: "Semantics", dependencies: ["Digest", "FileIO", "Syntax", "JSON"], path: "Sources/Semantics"),
        .target(name: "Evaluator", dependencies: ["Semantics", "JSON"], path: "Sources/Evaluator"),
        .target(name: "Reporters", dependencies: ["Digest", "FileIO", "Evaluator"], path: "Sources/Reporters"),
        .target(
            name: "TuanThu",
            dependencies: ["Base", "Digest", "Diagnostics", "FileIO", "JSON", "Syntax", "Format", "Semantics", "Evaluator", "Reporters"],
            path: "Sources/TuanThu"),
        .target(
            name: "Run",
            dependencies: ["Base", "Digest", "Diagnostics", "FileIO", "JSON", "Syntax", "Semantics", "Evaluator", "Reporters", "TuanThu"],
            path: "Sources/Run"),
        .target(name: "Corpus", dependencies: ["Base"], path: "Sources/Corpus"),
        .target(
            name: "Fuzz",
            dependencies: ["Base", "Diagnostics", "JSON", "Syntax", "Format", "Semantics", "Evaluator", "Reporters", "TuanThu"],
            path: "Sources/Fuzz"),
        .executableTarget(
            name: "CLI",
            dependencies: ["Base", "Diagnostics", "FileIO", "JSON", "Format", "Semantics", "Evaluator", "Reporters", "TuanThu", "Run", "Corpus", "Fuzz"],
            path: "Sources/CLI"),
        .testTarget(
            name: "TuanThuTests",
            dependencies: [
                "Base", "CJSONScan", "Digest", "Diagnostics", "FileIO", "JSON", "Syntax", "Format", "Semantics", "Evaluator", "Reporters", "TuanThu",
                "Run", "Corpus", "Fuzz",
            ],
            path: "Tests/TuanThuTests"),
    ]
)
