import Diagnostics

/// What the checker knows of an expression's type at load time: from the
/// schema, from literals and from operators. `.unknown` agrees with
/// everything, so a failed or untyped part never causes a second error.
indirect enum StaticType: Equatable {
    case unknown
    case null
    case bool
    case number
    case string
    /// A string literal (kept to check it against enum values).
    case literalString(String)
    case date
    case enumeration([String])
    case list(StaticType)
    /// An object, with its schema fields when known.
    case object([SchemaFieldInfo]?)

    init(_ t: SchemaType) {
        switch t {
        case .string: self = .string
        case .number, .integer: self = .number
        case .bool: self = .bool
        case .date: self = .date
        case .enumeration(let vs): self = .enumeration(vs)
        case .list(let e): self = .list(StaticType(e))
        case .object(let fs): self = .object(fs)
        }
    }

    static func == (a: StaticType, b: StaticType) -> Bool {
        switch (a, b) {
        case (.unknown, .unknown), (.null, .null), (.bool, .bool), (.number, .number), (.string, .string), (.date, .date): true
        case (.literalString(let x), .literalString(let y)): x == y
        case (.enumeration(let x), .enumeration(let y)): x == y
        case (.list(let x), .list(let y)): x == y
        case (.object, .object): true
        default: false
        }
    }

    /// A literal's type as a variable's (a literal string is a string).
    var widened: StaticType {
        if case .literalString = self { return .string }
        return self
    }

    var isNumeric: Bool { self == .number }
    /// May stand where a number is needed: a number, or not known to be anything else.
    var acceptsNumber: Bool { self == .unknown || self == .number || self == .null }
    var isStringLike: Bool {
        switch self {
        case .string, .literalString, .enumeration, .unknown: true
        default: false
        }
    }
    var isListLike: Bool {
        switch self {
        case .list, .unknown: true
        default: false
        }
    }

    /// Can `==` or `<` relate the two? Unknown and null relate to anything;
    /// a date relates to a string (read as a date).
    func isComparable(with other: StaticType) -> Bool {
        switch (self.widened, other.widened) {
        case (.unknown, _), (_, .unknown), (.null, _), (_, .null): return true
        case (.number, .number), (.bool, .bool), (.date, .date): return true
        case (.string, .string), (.string, .enumeration), (.enumeration, .string), (.enumeration, .enumeration): return true
        case (.date, .string), (.string, .date): return true
        case (.list(let a), .list(let b)): return a.isComparable(with: b)
        case (.object, .object): return true
        default: return false
        }
    }

    /// "a number", "a list", … for messages, in both languages.
    var article: Diagnostics.LocalizedText {
        let entry: SemanticMessage = switch self {
        case .unknown: .typeValue
        case .null: .typeNull
        case .bool: .typeBool
        case .number: .typeNumber
        case .string, .literalString, .enumeration: .typeString
        case .date: .typeDate
        case .list: .typeList
        case .object: .typeObject
        }
        return localize(entry)
    }

    /// "numbers", "dates", … for "a list of …", in both languages.
    var plural: Diagnostics.LocalizedText {
        let entry: SemanticMessage = switch self {
        case .unknown: .pluralValues
        case .null: .pluralNulls
        case .bool: .pluralBools
        case .number: .pluralNumbers
        case .string, .literalString, .enumeration: .pluralStrings
        case .date: .pluralDates
        case .list: .pluralLists
        case .object: .pluralObjects
        }
        return localize(entry)
    }
}
