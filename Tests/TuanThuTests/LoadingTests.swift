import Testing
import TuanThu

// Loading a ruleset reports syntax and load-time errors in one run, sorted,
// holding back only what may be a cascade of a declaration that failed to parse.

@Test func syntaxAndLoadTimeErrorsComeInOneRun() {
    let loaded = RulesetLoader.load(sources: [("a.rules", """
        source "S" { item "1" "one" verified }
        rule A-1 {
          cite "S" item "2"
          require x > 1
        }
        rule A-2 {
          require y >
        }
        rule A-3 {
          require count("text") > 0
        }
        """)])
    let codes = loaded.diagnostics.map(\.code.rawValue)
    #expect(codes == ["E2010", "E1012", "E2014"], "\(codes)")
}

@Test func unknownNamesWaitWhileADeclarationDoesNotParse() {
    let rules = "schema { x: number }\nrule A-1 { require x > limit }\n"
    let clean = RulesetLoader.load(sources: [("a.rules", rules)])
    #expect(clean.diagnostics.map(\.code.rawValue) == ["E2001"], "`limit` is neither a let nor a field")
    let broken = RulesetLoader.load(sources: [("a.rules", rules + "let limit = (3\n")])
    #expect(broken.diagnostics.map(\.code.rawValue) == ["E1010"], "the let that failed to parse may be `limit`")
}

@Test func anUnknownSourceWaitsWhileADeclarationDoesNotParse() {
    let rules = "rule A-1 {\n  cite \"S\" item \"1\"\n  require x > 1\n}\n"
    let clean = RulesetLoader.load(sources: [("a.rules", rules)])
    #expect(clean.diagnostics.map(\.code.rawValue) == ["E2009"])
    let broken = RulesetLoader.load(sources: [("a.rules", "source \"S\" {\n  title en \"S\"\n  item \"1\" \"one\" verified\n}\n" + rules)])
    #expect(broken.diagnostics.map(\.code.rawValue) == ["E1010"], "the source that failed to parse is `S`")
}
