// Catalogue area: what the load-time checks say about a rule set (E2xxx
// errors, W2xxx lints): names, types, citations, tests, cycles. Backticked
// names and code stay as written in both languages.

/// Messages, helps and labels of the rule-set checks (E2xxx, W2xxx).
package enum SemanticMessage: String, MessageArea {
    // Shared forms and labels.
    case didYouMean, labelFirstDeclared, labelFirstGiven, labelDeclaredAgain, labelDeclaredHere, labelDefinedHere
    case theExpression, helpLiteralBraces, helpKeepOne
    // Types, for "… is {type}" and "a list of {plural}".
    case typeValue, typeNull, typeBool, typeNumber, typeString, typeDate, typeList, typeObject
    case pluralValues, pluralNulls, pluralBools, pluralNumbers, pluralStrings, pluralDates, pluralLists, pluralObjects

    // E2004
    case duplicateRuleID, helpRuleIDsUnique
    // E2015
    case secondRuleset, helpOneRuleset, sourceTwice, helpMergeSources, itemTwice, helpItemsUnique
    case secondSchema, helpOneSchema, schemaSeverityTwice, helpOneLinePerKind, severityTwice, helpOneSeverity
    case twoMessagesOneLanguage, helpTwoMessagesOneLanguage
    // W2070, E2071
    case itemUnverified, helpItemUnverified, pointTwice, helpPointsUnique
    // E2005
    case declaredTwice, helpRenameOrRemove, builtinName, helpChooseAnotherName
    case elementAndPosition, labelTheElement, helpPositionName
    // E2040, E2041
    case requiredWhenOnRequired, helpRequiredWhenOnRequired
    case notAFindingKind, helpFindingKinds, notASeverity, helpSeverityWords
    // E2011, E2031, E2032
    case effectiveOrder, labelTakesEffect, helpEffectiveOrder
    case notAllowable, helpOnlyAllowance, allowWithoutReason, helpAllowWithoutReason
    // E2018, W2011, W2012, W2030, W2001
    case noRequire, helpNoRequire
    case presenceGate, labelPresenceTest, labelRuleChecks, helpPresenceGate
    case allowWithoutGate, helpRemoveAllow
    case positionUnused, helpPositionUnused
    case neverUsed, helpNeverUsed
    // E2022
    case interpolationNotAllowed
    case whatEnumLabel, whatReason, whatCitation, whatItem, whatPoint, whatTitle, whatHint
    // E2009, E2010, E2070
    case notADeclaredSource, helpDeclareSource, noSuchItem, helpAddItem, noSuchPoint, labelItemDeclared, helpAddPoint
    // E2060, E2021, E2008, E2019
    case givenFileOutside, whyAbsolutePath, whyGoesUp, whySymlinkOut, helpGivenFileOutside
    case noDossierFile, helpRelativePath, expectUnknownRule, notAPointer, helpPointerForm
    // E2014
    case needsList, helpForEachOneValue, helpComprehensionList, needsArgument, existsNeedsPath, needsNumberList
    case inNeedsListOrString
    case argListOrString, argText, argPhrase, argDateString
    // E2013
    case ifBranchesDiffer, helpIfBranchesDiffer, datesSubtracted, helpDaysBetween, cannotCompare, helpDateCompares
    case cannotLookFor, conditionNotBool, helpConditionList, helpConditionCompare, needsNumber
    case helpCompareOneType, helpLookForElementType, helpNeedsNumber
    // E2080, E2001, E2012, E2030, E2002, E2003
    case functionAsValue, unknownName, helpUnknownName
    case noField, helpSchemaLists, listNoField, helpListNoField, scalarNoField, schemaNoField
    case bareComprehension, helpBareComprehension
    case unknownFunction, helpBuiltins
    case wrongArgumentCount, argumentCountOne, argumentCountMany, argumentRange, givenOne, givenMany, helpWriteSignature
    // E2017, E2081, E2072
    case invalidRegex, patternInterpolated, helpPatternRaw, helpPatternDoubled, patternNotLiteral, helpPatternNotLiteral
    case referenceDateNeedsField, helpReferenceDateNeedsField
    // E2016
    case notAnEnumValue, didYouMeanValue, helpAllowedValues
    // E2061, E2062, E2006, E2007
    case definitionsTooDeep, helpDefinitionsTooDeep, tooManyCalls, callsAbove, helpTooManyCalls
    case callsItself, definedInTermsOfItself, helpNoRecursion, helpLetOwnValue, functionCycle, definitionCycle
    // E2020
    case testExpectsNothing, helpTestExpectsNothing

    package var key: String { "semantic.\(rawValue)" }

    package var templates: (vi: String, en: String) {
        switch self {
        case .didYouMean: ("có phải ý bạn là `{name}`?", "did you mean `{name}`?")
        case .labelFirstDeclared: ("khai báo lần đầu ở đây", "first declared here")
        case .labelFirstGiven: ("ghi lần đầu ở đây", "first given here")
        case .labelDeclaredAgain: ("khai báo lại ở đây", "declared again here")
        case .labelDeclaredHere: ("khai báo ở đây", "declared here")
        case .labelDefinedHere: ("định nghĩa ở đây", "defined here")
        case .theExpression: ("biểu thức", "the expression")
        case .helpLiteralBraces: ("viết `{{` và `}}` cho dấu ngoặc nhọn thông thường", "write `{{` and `}}` for literal braces")
        case .helpKeepOne: ("giữ lại một", "keep one")

        case .typeValue: ("một giá trị", "a value")
        case .typeNull: ("giá trị null", "null")
        case .typeBool: ("một giá trị đúng/sai", "a bool")
        case .typeNumber: ("một số", "a number")
        case .typeString: ("một chuỗi", "a string")
        case .typeDate: ("một ngày", "a date")
        case .typeList: ("một danh sách", "a list")
        case .typeObject: ("một đối tượng", "an object")
        case .pluralValues: ("giá trị", "values")
        case .pluralNulls: ("giá trị null", "nulls")
        case .pluralBools: ("giá trị đúng/sai", "bools")
        case .pluralNumbers: ("số", "numbers")
        case .pluralStrings: ("chuỗi", "strings")
        case .pluralDates: ("ngày", "dates")
        case .pluralLists: ("danh sách", "lists")
        case .pluralObjects: ("đối tượng", "objects")

        case .duplicateRuleID: ("mã quy tắc `{id}` bị trùng", "duplicate rule id `{id}`")
        case .helpRuleIDsUnique: ("mã quy tắc là duy nhất trong cả bộ quy tắc; hãy đổi tên một trong hai",
                                  "rule ids are unique across the ruleset; rename one")

        case .secondRuleset: ("khai báo `ruleset` thứ hai", "a second `ruleset` declaration")
        case .helpOneRuleset: ("một bộ quy tắc chỉ có một khối `ruleset`", "a ruleset has one `ruleset` block")
        case .sourceTwice: ("văn bản nguồn `{name}` được khai báo hai lần", "source `{name}` is declared twice")
        case .helpMergeSources: ("gộp hai khối `source` làm một", "merge the two `source` blocks")
        case .itemTwice: ("mục `{id}` của văn bản nguồn `{name}` được khai báo hai lần", "item `{id}` of source `{name}` is declared twice")
        case .helpItemsUnique: ("số hiệu mục là duy nhất trong một văn bản nguồn; hãy đánh số lại hoặc xóa một mục",
                                "item numbers are unique within a source; renumber or remove one")
        case .secondSchema: ("khai báo `schema` thứ hai", "a second `schema` declaration")
        case .helpOneSchema: ("một bộ quy tắc chỉ có một lược đồ", "a ruleset has one schema")
        case .schemaSeverityTwice: ("`schema_severity {kind}` được ghi hai lần", "`schema_severity {kind}` is given twice")
        case .helpOneLinePerKind: ("mỗi loại chỉ giữ một dòng", "keep one line per kind")
        case .severityTwice: ("`severity` được ghi hai lần", "`severity` is given twice")
        case .helpOneSeverity: ("giữ một dòng `severity`", "keep one `severity` line")
        case .twoMessagesOneLanguage: ("hai thông báo `{lang}` cho cùng một `require`", "two `{lang}` messages for one `require`")
        case .helpTwoMessagesOneLanguage:
            ("mỗi ngôn ngữ chỉ ghi một lần, ví dụ `else vi \"…\" en \"…\"`; thông báo không ghi ngôn ngữ được hiểu là `vi`",
             "give each language once, e.g. `else vi \"…\" en \"…\"`; a message without a language is `vi`")

        case .itemUnverified: ("mục `{id}` của văn bản nguồn chưa cho biết đã được đối chiếu với văn bản hay chưa",
                               "source item `{id}` does not say whether it was verified against the text")
        case .helpItemUnverified: ("thêm `verified` sau nội dung mục nếu đã đọc trong văn bản nguồn, hoặc `unverified` nếu chưa",
                                   "add `verified` after the item's text if it was read in the source, or `unverified` if not")
        case .pointTwice: ("điểm `{point}` của mục `{id}` được khai báo hai lần", "point `{point}` of item `{id}` is declared twice")
        case .helpPointsUnique: ("số hiệu điểm là duy nhất trong một mục; hãy đổi tên hoặc xóa một điểm",
                                 "point ids are unique within an item; rename or remove one")

        case .declaredTwice: ("`{name}` được khai báo hai lần", "`{name}` is declared twice")
        case .helpRenameOrRemove: ("đổi tên một cái, hoặc xóa cái thứ hai", "rename one, or remove the second")
        case .builtinName: ("`{name}` là một hàm có sẵn", "`{name}` is a built-in function")
        case .helpChooseAnotherName: ("hãy chọn tên khác", "choose another name")
        case .elementAndPosition: ("`{name}` vừa là tên phần tử vừa là tên vị trí của nó", "`{name}` names both the element and its position")
        case .labelTheElement: ("phần tử", "the element")
        case .helpPositionName: ("đặt tên khác cho vị trí, như `i`", "give the position another name, such as `i`")

        case .requiredWhenOnRequired: ("`required when` trên `{name}`, vốn luôn bắt buộc", "`required when` on `{name}`, which is always required")
        case .helpRequiredWhenOnRequired:
            ("đánh dấu trường là không bắt buộc (`{name}?:`) để điều kiện quyết định, hoặc xóa `required when`",
             "mark the field optional (`{name}?:`) so that the condition decides, or remove `required when`")
        case .notAFindingKind: ("`{kind}` không phải là một loại phát hiện của lược đồ", "`{kind}` is not a kind of schema finding")
        case .helpFindingKinds: ("các loại là {kinds}", "the kinds are {kinds}")
        case .notASeverity: ("`{word}` không phải là một mức độ", "`{word}` is not a severity")
        case .helpSeverityWords: ("viết `error`, `warning` hoặc `info`", "write `error`, `warning` or `info`")

        case .effectiveOrder: ("quy tắc bắt đầu có hiệu lực ({from}) vào hoặc sau ngày hết hiệu lực ({until})",
                               "the rule takes effect ({from}) on or after the day it ends ({until})")
        case .labelTakesEffect: ("bắt đầu có hiệu lực ở đây", "takes effect here")
        case .helpEffectiveOrder: ("đổi chỗ hai ngày, hoặc đối chiếu lại với văn bản pháp luật", "swap the dates, or check them against the law")
        case .notAllowable: ("`{word}` không phải là cảnh báo mà một quy tắc được phép bỏ qua", "`{word}` is not a warning a rule can allow")
        case .helpOnlyAllowance: ("chỉ có một cách cho phép: `allow {allowance} \"lý do\"`", "the only allowance is `allow {allowance} \"reason\"`")
        case .allowWithoutReason: ("`allow {word}` không nêu lý do", "`allow {word}` gives no reason")
        case .helpAllowWithoutReason:
            ("nói rõ vì sao quy tắc có thể được bỏ qua khi thiếu chứng cứ, ví dụ `allow {word} \"phần này không bắt buộc theo luật: …\"`",
             "say why the rule may be skipped when its evidence is absent, e.g. `allow {word} \"the section is optional by law: …\"`")

        case .noRequire: ("quy tắc `{id}` không có `require`", "rule `{id}` has no `require`")
        case .helpNoRequire: ("quy tắc không có `require` thì luôn đạt mà không kiểm tra gì; hãy thêm điều kiện `require` mà quy tắc cần kiểm tra",
                              "a rule without `require` would pass without checking anything; add the `require` it is meant to check")
        case .presenceGate: ("cổng hiện diện: quy tắc này bị bỏ qua đúng vào lúc thiếu chứng cứ của nó",
                             "presence gate: this rule is skipped exactly when its evidence is missing")
        case .labelPresenceTest: ("`when` kiểm tra `{path}` có mặt hay không", "`when` tests whether `{path}` is present")
        case .labelRuleChecks: ("quy tắc kiểm tra `{path}`", "the rule checks `{path}`")
        case .helpPresenceGate:
            ("hãy xác định quy tắc có áp dụng hay không dựa vào dự án (loại, kiểu, nhóm, công suất, địa điểm, giai đoạn), và yêu cầu `{path}` trong lược đồ ở những trường hợp dự án bắt buộc phải có: `{field}?: … required when CONDITION`; nếu việc thiếu thật sự có nghĩa là quy tắc không áp dụng, hãy nêu lý do bằng `allow {allowance} \"lý do\"`",
             "decide applicability from the project (kind, type, group, capacity, location, stage), and require `{path}` in the schema where the project must have it: `{field}?: … required when CONDITION`; if absence truly means the rule does not apply, say why with `allow {allowance} \"reason\"`")
        case .allowWithoutGate: ("`allow {allowance}` trên một quy tắc không có cổng hiện diện", "`allow {allowance}` on a rule with no presence gate")
        case .helpRemoveAllow: ("xóa dòng `allow`", "remove the `allow` line")
        case .positionUnused: ("vị trí `{name}` không bao giờ được dùng", "the position `{name}` is never used")
        case .helpPositionUnused: ("xóa `, {name}` khỏi `for each`", "remove `, {name}` from the `for each`")
        case .neverUsed: ("`{name}` không bao giờ được dùng", "`{name}` is never used")
        case .helpNeverUsed: ("xóa nó, hoặc dùng nó trong một quy tắc", "remove it, or use it in a rule")

        case .interpolationNotAllowed: ("{what} không được chứa phần nội suy `{…}`", "{what} cannot contain `{…}` interpolation")
        case .whatEnumLabel: ("nhãn của giá trị liệt kê", "an enum label")
        case .whatReason: ("lý do", "a reason")
        case .whatCitation: ("trích dẫn", "a citation")
        case .whatItem: ("số hiệu mục", "an item")
        case .whatPoint: ("số hiệu điểm", "a point")
        case .whatTitle: ("tiêu đề", "a title")
        case .whatHint: ("gợi ý", "a hint")

        case .notADeclaredSource: ("`{source}` không phải là văn bản nguồn đã khai báo", "`{source}` is not a declared source")
        case .helpDeclareSource: ("khai báo nó bằng `source \"{source}\" { … }`", "declare it with `source \"{source}\" { … }`")
        case .noSuchItem: ("văn bản nguồn `{source}` không có mục `{item}`", "source `{source}` has no item `{item}`")
        case .helpAddItem: ("thêm `item \"{item}\" \"…\"` vào văn bản nguồn", "add `item \"{item}\" \"…\"` to the source")
        case .noSuchPoint: ("mục `{item}` của văn bản nguồn `{source}` không có điểm `{point}`", "item `{item}` of source `{source}` has no point `{point}`")
        case .labelItemDeclared: ("mục được khai báo ở đây", "item declared here")
        case .helpAddPoint:
            ("thêm `point \"{point}\" \"…\"` vào trong ngoặc nhọn của mục: `item \"{item}\" \"…\" { point \"{point}\" \"…\" }`",
             "add `point \"{point}\" \"…\"` inside the item's braces: `item \"{item}\" \"…\" { point \"{point}\" \"…\" }`")

        case .givenFileOutside: ("`given file` phải chỉ tới một tệp nằm trong thư mục của tệp .rules này: {why}",
                                 "`given file` must name a file inside the folder of this .rules file: {why}")
        case .whyAbsolutePath: ("`{path}` là đường dẫn tuyệt đối", "`{path}` is an absolute path")
        case .whyGoesUp: ("`{path}` đi lên thư mục cha bằng `..`", "`{path}` goes up with `..`")
        case .whySymlinkOut: ("`{path}` là liên kết tượng trưng trỏ ra ngoài thư mục đó", "`{path}` is a symbolic link out of it")
        case .helpGivenFileOutside:
            ("chép hồ sơ vào cạnh các tệp quy tắc (ví dụ `tests/dossier.json`) và ghi đường dẫn tương đối so với tệp này, không dùng `..`",
             "copy the dossier next to the rules (e.g. `tests/dossier.json`) and give its path relative to this file, without `..`")
        case .noDossierFile: ("không có tệp hồ sơ tại `{path}`", "no dossier file at `{path}`")
        case .helpRelativePath: ("đường dẫn được tính từ thư mục của tệp .rules này", "the path is relative to the folder of this .rules file")
        case .expectUnknownRule: ("`expect` nêu một quy tắc không tồn tại: `{id}`", "`expect` names an unknown rule `{id}`")
        case .notAPointer: ("`{text}` không phải là một JSON Pointer", "`{text}` is not a JSON Pointer")
        case .testExpectsNothing: ("kiểm thử `{name}` không có `expect` nào", "test `{name}` expects nothing")
        case .helpTestExpectsNothing: ("kiểm thử không có `expect` thì luôn đạt mà không kiểm tra gì; thêm `expect QUY_TẮC pass|fail|missing|not_applicable`",
                                       "a test without `expect` would pass without checking anything; add `expect RULE pass|fail|missing|not_applicable`")
        case .helpPointerForm: ("một pointer bắt đầu bằng `/`, ví dụ \"/wastewater/treatment\"", "a pointer starts with `/`, e.g. \"/wastewater/treatment\"")

        case .needsList: ("{subject} cần một danh sách, nhưng {expr} là {type}", "{subject} needs a list, but {expr} is {type}")
        case .helpForEachOneValue: ("với một giá trị đơn, hãy viết `require` mà không dùng `for each`", "for one value, write the `require` without `for each`")
        case .helpComprehensionList: ("biểu thức tạo danh sách duyệt qua một danh sách: `[e for x in list]`",
                                      "a comprehension goes over a list: `[e for x in list]`")
        case .needsArgument: ("`{name}` cần {what}, nhưng {expr} là {type}", "`{name}` needs {what}, but {expr} is {type}")
        case .existsNeedsPath: ("`exists` cần một đường dẫn, như `exists(env_permit.no)`", "`exists` needs a path, like `exists(env_permit.no)`")
        case .needsNumberList: ("`{name}` cần một danh sách số, nhưng {expr} là một danh sách {plural}",
                                "`{name}` needs a list of numbers, but {expr} is a list of {plural}")
        case .inNeedsListOrString: ("`{op}` cần một danh sách hoặc một chuỗi ở vế phải, nhưng {expr} là {type}",
                                    "`{op}` needs a list or a string on its right, but {expr} is {type}")
        case .argListOrString: ("một danh sách hoặc một chuỗi", "a list or a string")
        case .argText: ("một văn bản", "a text")
        case .argPhrase: ("một cụm từ", "a phrase")
        case .argDateString: ("một chuỗi như \"2024-07-09\" hoặc \"09/07/2024\"", "a string like \"2024-07-09\" or \"09/07/2024\"")

        case .ifBranchesDiffer: ("các nhánh của `if` khác kiểu: {a} là {atype}, {b} là {btype}",
                                 "the branches of `if` differ in type: {a} is {atype}, {b} is {btype}")
        case .helpIfBranchesDiffer: ("cho hai nhánh cùng một kiểu, để kết quả được dùng theo một cách",
                                     "give both branches the same type, so the result can be used one way")
        case .datesSubtracted: ("không thể trừ hai ngày cho nhau", "dates cannot be subtracted")
        case .helpDaysBetween: ("dùng `days_between(a, b)`", "use `days_between(a, b)`")
        case .cannotCompare: ("không thể so sánh {left} ({ltype}) với {right} ({rtype})", "cannot compare {left} ({ltype}) with {right} ({rtype})")
        case .helpDateCompares: ("một ngày so sánh được với một ngày, hoặc với một chuỗi như \"2024-07-09\"",
                                 "a date compares with a date, or with a string like \"2024-07-09\"")
        case .cannotLookFor: ("không thể tìm {type} trong một danh sách {plural}", "cannot look for {type} in a list of {plural}")
        case .conditionNotBool: ("điều kiện phải là đúng hoặc sai, nhưng {expr} là {type}", "a condition must be true or false, but {expr} is {type}")
        case .helpConditionList: ("dùng `count(…) > 0` hoặc `exists(…)`", "use `count(…) > 0` or `exists(…)`")
        case .helpConditionCompare: ("hãy so sánh nó, ví dụ `… == …`, hoặc dùng `exists(…)`", "compare it, e.g. `… == …`, or use `exists(…)`")
        case .needsNumber: ("{what} cần một số, nhưng {expr} là {type}", "{what} needs a number, but {expr} is {type}")
        case .helpCompareOneType: ("so sánh hai giá trị cùng kiểu: số với số, chuỗi với chuỗi; một trường có kiểu mà `schema` khai báo cho nó",
                                   "compare values of one type: a number with a number, text with text; a field has the type its `schema` declares")
        case .helpLookForElementType: ("tìm một giá trị cùng kiểu với các phần tử của danh sách", "look for a value of the same type as the list's elements")
        case .helpNeedsNumber: ("phép tính chỉ nhận số: một trường kiểu số, `count(…)`, hoặc `days_between(a, b)` cho hai ngày",
                                "arithmetic takes numbers: a number field, `count(…)`, or `days_between(a, b)` for two dates")

        case .functionAsValue: ("`{name}` là một hàm; hãy gọi nó bằng `{name}(…)`", "`{name}` is a function; call it with `{name}(…)`")
        case .unknownName: ("tên `{name}` chưa được khai báo", "unknown name `{name}`")
        case .helpUnknownName: ("nó không phải là biến, `let`, hay trường của lược đồ", "it is not a variable, a `let`, or a field of the schema")
        case .noField: ("`{path}` không có trường `{name}`", "`{path}` has no field `{name}`")
        case .helpSchemaLists: ("lược đồ liệt kê: {fields}", "the schema lists: {fields}")
        case .listNoField: ("`{path}` là một danh sách, nên không có trường `{name}`", "`{path}` is a list, so it has no field `{name}`")
        case .helpListNoField: ("dùng `{path}[*].{name}` để lấy giá trị của mọi phần tử, hoặc dùng `for each`",
                                "use `{path}[*].{name}` for every element's value, or `for each`")
        case .scalarNoField: ("`{path}` là {type}, nên không có trường `{name}`", "`{path}` is {type}, so it has no field `{name}`")
        case .schemaNoField: ("lược đồ không có trường `{name}`", "the schema has no field `{name}`")
        case .bareComprehension: ("`{name}` không nhận biểu thức tạo danh sách không có ngoặc vuông",
                                  "`{name}` does not take a comprehension without brackets")
        case .helpBareComprehension:
            ("chỉ `count`, `sum`, `min`, `max` và `distinct` nhận; ở nơi khác hãy viết danh sách trong ngoặc vuông: `[… for x in list]`",
             "only `count`, `sum`, `min`, `max` and `distinct` do; elsewhere write the list in brackets: `[… for x in list]`")
        case .unknownFunction: ("hàm `{name}` không tồn tại", "unknown function `{name}`")
        case .helpBuiltins: ("các hàm có sẵn là {names}", "the built-in functions are {names}")
        case .wrongArgumentCount: ("`{name}` nhận {expected}, nhưng {given}", "`{name}` takes {expected}, but {given}")
        case .argumentCountOne: ("{count} đối số", "{count} argument")
        case .argumentCountMany: ("{count} đối số", "{count} arguments")
        case .argumentRange: ("{low} hoặc {high}", "{low} or {high}")
        case .givenOne: ("có {count} đối số được truyền vào", "{count} was given")
        case .givenMany: ("có {count} đối số được truyền vào", "{count} were given")
        case .helpWriteSignature: ("viết `{signature}`", "write `{signature}`")

        case .invalidRegex: ("biểu thức chính quy không hợp lệ: {problem}", "invalid regular expression: {problem}")
        case .patternInterpolated: ("mẫu của `{name}` có phần nội suy `{…}`, nên không phải là hằng",
                                    "the pattern of `{name}` has an interpolation `{…}`, so it is not a constant")
        case .helpPatternRaw: ("với dấu ngoặc nhọn thuộc về mẫu, hãy viết mẫu ở dạng thô, trong dấu backtick: {raw}",
                               "for braces that belong to the pattern, write it raw, in backticks: {raw}")
        case .helpPatternDoubled: ("với dấu ngoặc nhọn thuộc về mẫu, hãy viết chúng hai lần: `{{` và `}}`",
                                   "for braces that belong to the pattern, double them: `{{` and `}}`")
        case .patternNotLiteral: ("`{name}` cần mẫu được viết ra ngay trong lời gọi, nhưng {expr} không phải là một chuỗi viết sẵn",
                                  "`{name}` needs its pattern written out in the call, but {expr} is not a string literal")
        case .helpPatternNotLiteral: ("viết chính mẫu làm đối số thứ hai: một chuỗi trong dấu ngoặc kép, hoặc dạng thô trong dấu backtick",
                                      "write the pattern itself as the second argument: a string in quotes, or raw in backticks")
        case .referenceDateNeedsField: ("`reference_date()` cần `date_field` của bộ quy tắc", "`reference_date()` needs the ruleset's `date_field`")
        case .helpReferenceDateNeedsField:
            ("khai báo ngày của hồ sơ trong khối `ruleset` (`date_field submitted_on`), hoặc dùng `as_of()` để lấy ngày kiểm tra",
             "declare the dossier's date in the `ruleset` block (`date_field submitted_on`), or use `as_of()` for the date of the check")

        case .notAnEnumValue: ("\"{value}\" không thuộc các giá trị mà lược đồ cho phép ở đây", "\"{value}\" is not one of the values the schema allows here")
        case .didYouMeanValue: ("có phải ý bạn là \"{value}\"?", "did you mean \"{value}\"?")
        case .helpAllowedValues: ("được phép: {values}", "allowed: {values}")

        case .definitionsTooDeep: ("`{name}` được tính qua {chain} định nghĩa `let`/`def` lồng nhau, tổng cộng sâu hơn {max} cấp",
                                   "`{name}` is evaluated through {chain} nested `let`/`def` definitions, more than {max} levels deep in all")
        case .helpDefinitionsTooDeep: ("rút ngắn chuỗi: tính giá trị qua ít bước hơn, hoặc viết thành một biểu thức",
                                       "shorten the chain: compute the value in fewer steps, or write it as one expression")
        case .tooManyCalls: ("tính `{name}` một lần phải gọi `def` {count} lần, nhiều hơn {max}",
                             "evaluating `{name}` once makes {count} `def` calls, more than {max}")
        case .callsAbove: ("hơn 10^15", "more than 10^15")
        case .helpTooManyCalls:
            ("một hàm gọi hàm khác hai lần sẽ nhân đôi khối lượng tính ở mỗi cấp: hãy gọi một lần rồi dùng lại giá trị (ví dụ `2 * f(v)`), hoặc tính nó trong một `let`",
             "a function that calls another twice doubles the work at each level: call it once and reuse the value (e.g. `2 * f(v)`), or compute it in a `let`")
        case .callsItself: ("`{name}` tự gọi chính nó", "`{name}` calls itself")
        case .definedInTermsOfItself: ("`{name}` được định nghĩa qua chính nó", "`{name}` is defined in terms of itself")
        case .helpNoRecursion: ("không được dùng đệ quy: quy tắc phải luôn tính xong", "recursion is not allowed: rules must always finish")
        case .helpLetOwnValue: ("một `let` không thể dùng giá trị của chính nó", "a `let` cannot use its own value")
        case .functionCycle: ("các hàm gọi lẫn nhau thành vòng: {names}", "functions call each other in a cycle: {names}")
        case .definitionCycle: ("các định nghĩa tham chiếu lẫn nhau thành vòng: {names}", "definitions refer to each other in a cycle: {names}")
        }
    }
}
