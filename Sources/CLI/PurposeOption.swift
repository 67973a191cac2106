import Semantics

/// `--purpose inspection|prevalidation`, shared by `check`, `explain` and `test`.
let purposeOptionSpec = OptionSpec(
    name: "--purpose", value: "PURPOSE",
    help: "Why the dossiers are checked: `reference_date()` is the --as-of date for an inspection, the dossier's submission date for a pre-validation.",
    choices: CheckPurpose.allCases.map(\.rawValue), defaultValue: "prevalidation")

/// The `--purpose` given, or pre-validation.
func purposeOption(_ args: ParsedArguments) -> CheckPurpose {
    args.value("--purpose").flatMap(CheckPurpose.init(rawValue:)) ?? .prevalidation
}
