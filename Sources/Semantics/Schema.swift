import Syntax

/// The type of a dossier value as the ruleset's `schema` declares it.
package indirect enum SchemaType: Sendable {
    case string, number, integer, bool, date
    case enumeration([String])
    case list(SchemaType)
    case object([SchemaFieldInfo])

    /// The field `name` of an object type.
    package func field(_ name: String) -> SchemaFieldInfo? {
        if case .object(let fields) = self { return fields.first { $0.name == name } }
        return nil
    }

    /// How the type is named in messages.
    package var description: String {
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
package struct SchemaFieldInfo: Sendable {
    /// The field's key in the dossier.
    package var name: String { didSet { nameUTF8 = Array(name.utf8) } }
    /// `name` as UTF-8 bytes, compared with dossier keys during validation.
    package private(set) var nameUTF8: [UInt8]
    /// Whether the field was marked `?` and may be absent.
    package var isOptional: Bool
    /// The field's type.
    package var type: SchemaType
    /// The `//` comment lines written just above the field.
    package var description: String?
    /// Labels of the values of the enum in `type` (directly, or as a list's
    /// element), by value; a value without labels has no entry.
    package var labels: [String: EnumLabel] = [:]
    /// `required when`: index of the condition in `Program.schemaConditions`.
    package var requiredWhen: Int? = nil

    /// Creates a field; labels and condition are optional.
    package init(name: String, isOptional: Bool, type: SchemaType, description: String?, labels: [String: EnumLabel] = [:], requiredWhen: Int? = nil) {
        self.name = name
        self.nameUTF8 = Array(name.utf8)
        self.isOptional = isOptional
        self.type = type
        self.description = description
        self.labels = labels
        self.requiredWhen = requiredWhen
    }

    /// `nguy cơ cao (high)` — how an enum value is named to a reader of
    /// `lang`: its label in that language (else the other) with the value;
    /// the bare value when it has no label.
    package func label(of value: String, _ lang: String) -> String {
        guard let l = labels[value], let text = (lang == "en" ? l.en ?? l.vi : l.vi ?? l.en) else { return value }
        return "\(text) (\(value))"
    }
}

/// The human names of one enum value.
package struct EnumLabel: Sendable, Hashable {
    /// The Vietnamese label, if given.
    package var vi: String?
    /// The English label, if given.
    package var en: String?
    /// Creates a label pair.
    package init(vi: String?, en: String?) {
        self.vi = vi
        self.en = en
    }
}

/// A kind of schema-validation finding; its raw value is the word of
/// `schema_severity KIND SEVERITY`, and `findingID` the finding's rule id.
package enum SchemaProblem: String, Sendable, CaseIterable {
    case type, `enum`, date, unknownKey = "unknown_key", required

    /// `tuanthu.schema.unknown-key` and the like.
    package var findingID: String {
        switch self {
        case .unknownKey: "tuanthu.schema.unknown-key"
        default: "tuanthu.schema.\(rawValue)"
        }
    }

    /// Severity when the ruleset does not change it: unknown keys warn, the rest are errors.
    package var defaultSeverity: RuleSeverity { self == .unknownKey ? .warning : .error }
}

/// A compiled `required when` condition of a schema field.
package struct SchemaCondition: Sendable {
    /// The condition's node in `Program.ir`, over the dossier root.
    package var node: Int32
    /// Frame slots its quantifiers need.
    package var frameSize: Int
    /// The field's path from the root as written in messages, e.g. `wastewater` or `plan.items[].id`.
    package var field: String
    /// The condition as written in the rules (white space folded), for references.
    package var text: String = ""
}
