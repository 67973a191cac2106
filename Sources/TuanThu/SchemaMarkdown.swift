import Foundation
import Semantics

// `tuanthu schema --format markdown`: the ruleset's dossier schema as a
// reference for the people who write dossiers. One table per object, in
// the order the schema declares them; `Examples/DOSSIER-FORMAT.md` is
// generated with it and a test keeps the two in step.

/// The ruleset's dossier schema as Markdown, or nil when it declares none.
/// `command` is the command line that regenerates the file, quoted in its header.
package func schemaMarkdown(_ program: Program, command: String) -> String? {
    guard let schema = program.schema else { return nil }
    var s = """
        # The dossier format of `\(program.name)`

        Generated from the `schema` of the ruleset `\(program.name)`\(program.version.map { " \($0)" } ?? ""); do not edit by hand.
        Regenerate with `\(command)`.

        A dossier is one JSON object (UTF-8, strict RFC 8259). **required**
        fields are the ones the exported JSON Schema (`tuanthu schema`) requires;
        **optional** fields (`?` in the ruleset's schema) may be absent or `null`,
        a value not given; **required when** fields must be given by the dossiers
        the condition (a rule-language expression over the dossier) holds for,
        and their absence is a `tuanthu.schema.required` finding. The rules read the dossier: a rule that needs a field
        the dossier lacks gives a `missing` finding naming it, and a value of the
        wrong type (the string `"1.200"` where a number is needed) an `invalid`
        finding — never a pass. A `date` is a string written `YYYY-MM-DD` or
        `DD/MM/YYYY`. Fields the schema does not list are read by no rule.

        """
    var sections: [(path: String, fields: [SchemaFieldInfo])] = []
    collectObjects(schema, path: "", into: &sections)
    for section in sections {
        let heading = section.path.isEmpty ? "The dossier (top level)" : "`\(section.path)`"
        s += "\n## \(heading)\n\n| field | type | presence | description |\n|---|---|---|---|\n"
        for f in section.fields {
            let path = section.path.isEmpty ? f.name : "\(section.path).\(f.name)"
            let description = (f.description ?? "").split(separator: "\n").joined(separator: " ")
            var presence = f.isOptional ? "optional" : "required"
            if let k = f.requiredWhen, k < program.schemaConditions.count {
                presence = "required when `\(escapeCell(program.schemaConditions[k].text))`"
            }
            s += "| `\(f.name)` | \(typeCell(f.type, labels: f.labels, path: path)) | \(presence) | \(escapeCell(description)) |\n"
        }
    }
    return s
}

/// Every object of the schema, depth first in declaration order; objects
/// inside lists are named `path[]`.
private func collectObjects(_ t: SchemaType, path: String, into sections: inout [(path: String, fields: [SchemaFieldInfo])]) {
    switch t {
    case .object(let fields):
        sections.append((path, fields))
        for f in fields { collectObjects(f.type, path: path.isEmpty ? f.name : "\(path).\(f.name)", into: &sections) }
    case .list(let element):
        collectObjects(element, path: path + "[]", into: &sections)
    default:
        break
    }
}

/// The type column: scalar types by name, enum values listed, objects and
/// lists of objects pointing to their own table.
private func typeCell(_ t: SchemaType, labels: [String: EnumLabel] = [:], path: String) -> String {
    switch t {
    case .string: "string"
    case .number: "number"
    case .integer: "integer"
    case .bool: "`true` or `false`"
    case .date: "date"
    case .enumeration(let values): "one of " + values.map { value in
            // A labelled value shows its Vietnamese and English labels.
            let label = labels[value].map { l in [l.vi, l.en].compactMap { $0 }.joined(separator: " / ") } ?? ""
            return "`\"\(value)\"`" + (label.isEmpty ? "" : " (\(escapeCell(label)))")
        }.joined(separator: ", ")
    case .object: "object, see [`\(path)`](#\(anchor(path)))"
    case .list(let element):
        switch element {
        case .object: "list of objects, see [`\(path)[]`](#\(anchor(path + "[]")))"
        default: "list of " + typeCell(element, labels: labels, path: path + "[]")
        }
    }
}

/// GitHub's heading anchor for a heading that is just `` `path` ``.
private func anchor(_ path: String) -> String {
    String(path.lowercased().unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" }
        .map(Character.init))
}

private func escapeCell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
