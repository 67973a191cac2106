import Evaluator
import Reporters
import Semantics

// `tuanthu schema`: the ruleset's dossier schema as JSON Schema, for
// planners' editors (the Markdown form is in SchemaMarkdown.swift).

/// The ruleset's dossier schema as JSON Schema 2020-12: declared objects
/// take no other keys, enum values carry their labels, and a `required when`
/// condition becomes `if`/`then` where JSON Schema can say it (equality or
/// `in` on a path, `and`, through `let`s), else a `$comment`.
package func jsonSchema(_ program: Program) -> String? {
    guard let schema = program.schema else { return nil }
    var root: [(String, JSONOut)] = [
        ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
        ("$id", .string("urn:tuanthu:\(program.name):\(program.version ?? "0")")),
        ("title", .string(program.title ?? program.name)),
    ]
    if case .object(let members) = schemaJSON(schema, nullable: false) { root += members }
    var conditional: [JSONOut] = []
    var comments: [String] = []
    // The conditions as the evaluator runs them: the program's IR.
    let ir = program.ir
    for (k, c) in program.schemaConditions.enumerated() {
        let path = c.field.split(separator: ".").map(String.init)
        if !c.field.contains("[]"), let condition = conditionSchema(ir.schemaCondition(k), ir, depth: 0) {
            conditional.append(.object([("if", condition), ("then", requiredSchema(path))]))
        } else {
            comments.append("`\(c.field)` is required when a condition holds that JSON Schema cannot express; tuanthu checks it.")
        }
    }
    if !conditional.isEmpty { root.append(("allOf", .array(conditional))) }
    if !comments.isEmpty { root.append(("$comment", .string(comments.joined(separator: " ")))) }
    return JSONOut.object(root).serialized(pretty: true) + "\n"
}

/// `{properties: {a: {properties: {b: …}}}}` with the last field required and not null.
private func requiredSchema(_ path: [String]) -> JSONOut {
    var inner: JSONOut = .object([
        ("required", .array([.string(path.last ?? "")])),
        ("properties", .object([(path.last ?? "", .object([("not", .object([("type", .string("null"))]))]))])),
    ])
    for name in path.dropLast().reversed() { inner = .object([("properties", .object([(name, inner)]))]) }
    return inner
}

/// The JSON Schema that holds exactly when `e` is true, or nil when it cannot be said.
private func conditionSchema(_ e: IRExpression, _ ir: IRProgram, depth: Int) -> JSONOut? {
    guard depth < 16 else { return nil }
    switch e.form {
    case .letValue(let k) where k < ir.letCount:
        return conditionSchema(ir.letValue(k), ir, depth: depth + 1)
    case .and(let a, let b):
        guard let x = conditionSchema(a, ir, depth: depth + 1), let y = conditionSchema(b, ir, depth: depth + 1) else { return nil }
        return .object([("allOf", .array([x, y]))])
    case .equal(let a, let b):
        guard case .rootPath(let path) = a.form, case .constant(let v) = b.form, let value = constantJSON(v) else { return nil }
        return pathSchema(path, .object([("const", value)]))
    case .isIn(let a, let b):
        guard case .rootPath(let path) = a.form, case .constant(.list(let vs)) = b.form else { return nil }
        let values = vs.compactMap(constantJSON)
        guard values.count == vs.count else { return nil }
        return pathSchema(path, .object([("enum", .array(values))]))
    default:
        return nil
    }
}

private func constantJSON(_ v: Value) -> JSONOut? {
    switch v {
    case .string(let s): .string(s)
    case .bool(let b): .bool(b)
    default: nil
    }
}

/// The value at `path` is present and matches `leaf`.
private func pathSchema(_ path: [String], _ leaf: JSONOut) -> JSONOut {
    var inner = leaf
    for name in path.reversed() {
        inner = .object([("properties", .object([(name, inner)])), ("required", .array([.string(name)]))])
    }
    return inner
}

private func schemaJSON(_ t: SchemaType, nullable: Bool, description: String? = nil, labels: [String: EnumLabel] = [:]) -> JSONOut {
    var m: [(String, JSONOut)] = []
    if let description { m.append(("description", .string(description))) }
    func type(_ name: String) -> JSONOut { nullable ? .array([.string(name), .string("null")]) : .string(name) }
    switch t {
    case .string: m.append(("type", type("string")))
    case .number: m.append(("type", type("number")))
    case .integer: m.append(("type", type("integer")))
    case .bool: m.append(("type", type("boolean")))
    case .date:
        m.append(("type", type("string")))
        m.append(("pattern", .string("^([0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}/[0-9]{2}/[0-9]{4})$")))
        if description == nil { m.append(("description", .string("a date, YYYY-MM-DD or DD/MM/YYYY"))) }
    case .enumeration(let values):
        if labels.isEmpty {
            m.append(("enum", .array(values.map { .string($0) } + (nullable ? [.null] : []))))
        } else {
            // Each value with its labels, for editors' completion.
            var options: [JSONOut] = values.map { v in
                var o: [(String, JSONOut)] = [("const", .string(v))]
                if let l = labels[v] { o.append(("description", .string([l.vi, l.en].compactMap { $0 }.joined(separator: " / ")))) }
                return .object(o)
            }
            if nullable { options.append(.object([("type", .string("null"))])) }
            m.append(("oneOf", .array(options)))
        }
    case .list(let e):
        m.append(("type", type("array")))
        m.append(("items", schemaJSON(e, nullable: false, labels: labels)))
    case .object(let fields):
        m.append(("type", type("object")))
        m.append(("properties", .object(fields.map { ($0.name, schemaJSON($0.type, nullable: $0.isOptional, description: $0.description, labels: $0.labels)) })))
        let required = fields.filter { !$0.isOptional }.map { JSONOut.string($0.name) }
        if !required.isEmpty { m.append(("required", .array(required))) }
        // A key the schema does not declare is a finding of `check` too.
        m.append(("additionalProperties", .bool(false)))
    }
    return .object(m)
}
