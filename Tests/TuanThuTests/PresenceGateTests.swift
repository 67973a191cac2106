import Format
import Foundation
import Testing
import TuanThu

// The presence-gate lint (W2011) and its allowance (`allow presence_gate
// "reason"`: E2031 without a reason, E2032 for anything else, W2012 when
// there is no gate to allow). Each case is a small ruleset over one schema
// and the codes its load reports.

/// The schema the cases are checked against.
private let gateSchema = """
    schema {
      kind: enum("investment_project", "sector_plan")
      project: {
        type?: enum("factory", "residential")
      }
      plan?: {
        items?: [{
          criteria?: [string]
        }]
      }
      wastewater?: {
        generated_m3_day?: number
        standard?: string
        treatment?: {
          capacity_m3_day?: number
        }
      }
      energy?: {
        toe_year?: number
        energy_manager?: bool
      }
    }
    let has_wastewater = (wastewater ?? null) != null
    def present(x) = exists(x)

    """

/// One ruleset and the diagnostic codes it must give, sorted.
struct GateCase: CustomTestStringConvertible, Sendable {
    var name: String
    var rules: String
    var codes: [String]
    var testDescription: String { name }
}

let gateCases: [GateCase] = [
    GateCase(name: "exists in when, body loops over it",
             rules: "rule A { when exists(plan.items)\n for each it in plan.items { require count(it.criteria ?? []) >= 1 } }", codes: ["W2011"]),
    GateCase(name: "?? in when, body reads a field under it",
             rules: "rule A { when (wastewater ?? null) != null\n require wastewater.treatment.capacity_m3_day >= 1 }", codes: ["W2011"]),
    GateCase(name: "through a let",
             rules: "rule A { when has_wastewater\n require wastewater.generated_m3_day < 1000 }", codes: ["W2011"]),
    GateCase(name: "through a def's parameter",
             rules: "rule A { when present(energy)\n require energy.energy_manager ?? false }", codes: ["W2011"]),
    GateCase(name: "!= null on the field itself",
             rules: "rule A { when energy.toe_year != null\n require energy.toe_year < 1000 }", codes: ["W2011"]),
    GateCase(name: "inside an and with a characteristic",
             rules: "rule A { when project.type == \"factory\" and has_wastewater\n require mentions(wastewater.standard ?? \"\", \"QCVN\") }", codes: ["W2011"]),
    GateCase(name: "applicability from the project only",
             rules: "rule A { when project.type == \"factory\"\n require wastewater.treatment.capacity_m3_day >= wastewater.generated_m3_day }", codes: []),
    GateCase(name: "?? on a characteristic the body does not read",
             rules: "rule A { when (project.type ?? \"\") == \"factory\"\n require energy.energy_manager ?? false }", codes: []),
    GateCase(name: "a sibling field is not the evidence",
             rules: "rule A { when (wastewater.generated_m3_day ?? 0) > 0\n require wastewater.standard != null }", codes: []),
    GateCase(name: "?? in the body only",
             rules: "rule A { require count(plan.items ?? []) >= 1 }", codes: []),
    GateCase(name: "allowed with a reason",
             rules: "rule A { allow presence_gate \"optional by law\"\n when has_wastewater\n require wastewater.generated_m3_day < 1000 }", codes: []),
    GateCase(name: "allowed without a reason",
             rules: "rule A { allow presence_gate \"\"\n when has_wastewater\n require wastewater.generated_m3_day < 1000 }", codes: ["E2031"]),
    GateCase(name: "allowance with no gate",
             rules: "rule A { allow presence_gate \"why\"\n require wastewater.generated_m3_day < 1000 }", codes: ["W2012"]),
    GateCase(name: "unknown allowance",
             rules: "rule A { allow something \"why\"\n require true }", codes: ["E2032"]),
]

@Suite struct PresenceGateTests {
    @Test(arguments: gateCases)
    func lintsGates(_ c: GateCase) {
        let loaded = RulesetLoader.load(sources: [(path: "gate.rules", text: gateSchema + c.rules)])
        // The schema's helpers are unused in most cases (W2001): not what is tested.
        let codes = loaded.diagnostics.map(\.code.rawValue).filter { $0 != "W2001" }.sorted()
        #expect(codes == c.codes, "\(loaded.diagnostics.map { "\($0.code.rawValue) \($0.message)" })")
    }

    @Test func warningNamesTheGateAndTheEvidence() throws {
        let loaded = RulesetLoader.load(sources: [(path: "gate.rules", text: gateSchema + "rule A { when has_wastewater\n require wastewater.generated_m3_day < 1000 }")])
        let d = try #require(loaded.diagnostics.first { $0.code.rawValue == "W2011" })
        #expect(d.message == "presence gate: this rule is skipped exactly when its evidence is missing")
        #expect(d.primary.text == "`when` tests whether `wastewater` is present")
        #expect(d.secondary.map(\.text) == ["the rule checks `wastewater.generated_m3_day`"])
        #expect(d.help?.contains("wastewater?: … required when CONDITION") == true)
    }

    @Test func formatKeepsTheAllowance() throws {
        let text = "rule A {\n  allow presence_gate \"optional by law\"\n  title \"x\"\n  when exists(a)\n  require a > 1\n}\n"
        let formatted = RulesFormatter.format(text).text
        #expect(formatted == "rule A {\n  title \"x\"\n  allow presence_gate \"optional by law\"\n  when exists(a)\n  require a > 1\n}\n")
    }

    @Test func bundledPackHasNoPresenceGate() throws {
        let loaded = try RulesetLoader.load(paths: [packageRoot.appendingPathComponent("Rules/kl81-cantho").path])
        let gates = loaded.diagnostics.filter { ["W2011", "W2012", "E2031", "E2032"].contains($0.code.rawValue) }
        #expect(gates.isEmpty, "\(gates.map { "\($0.code.rawValue) at \($0.primary.text ?? "")" })")
    }
}
