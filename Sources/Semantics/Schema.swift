import Syntax

/// The type of a dossier value as the ruleset's `schema` declares it.
public indirect enum SchemaType: Sendable {
    case string, number, integer, bool, date
    case enumeration([String])
    case list(SchemaType)
    case object([SchemaFieldInfo])

    /// The field `name` of an object type.
    public func field(_ name: String) -> SchemaFieldInfo? {
        if case .object(let fields) = self { return fields.first { $0.name == name } }
        return nil
    }

    /// How the type is named in messages.
    public var description: String {
        switch self {
        case .string: "string"
        case .number: "number"
        case .integer: "integer"
        case .bool: "bool"
        case .date: "date"
        case .enumeration(let vs): "enum(\(vs.map { "\"\($0)\"" }.joined(separator: ", ")))"
        case .list(let t): "[\(t.description)]"
        case .object: "object"
        }
    }
}

/// One field of a schema object.
public struct SchemaFieldInfo: Sendable {
    /// The field's key in the dossier.
    public var name: String
    /// Whether the field was marked `?` and may be absent.
    public var isOptional: Bool
    /// The field's type.
    public var type: SchemaType
    /// The `//` comment lines written just above the field.
    public var description: String?
}
