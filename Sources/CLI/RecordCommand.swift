import Base
import Diagnostics
import Evaluator
import FileIO
import Foundation
import JSON
import Reporters
import Semantics
import Run
import TuanThu

/// `tuanthu record DOSSIER... --output DIR`: a printable inspection record per dossier.
let recordCommand = CommandSpec(
    name: "record",
    summary: "Write a printable A4 inspection record (biên bản) per dossier, with signature blocks.",
    usage: "[OPTIONS] --output DIR [PATH...]",
    discussion: """
        Each dossier is checked as `check` checks it, then its record is written to
        DIR/bien-ban-ID.html (ID: the dossier's id, else its file name): the agency's header,
        the inspection number, date and place, the inspectors and the facility's representative,
        the findings in the order of the letter's items with citation and remedy, a space for the
        facility's response, signature blocks, and the SHA-256 of the ruleset and of the dossier.
        Print it from a browser (A4, "Trang N / M" at the foot of each page).
        The agency's details come from --agency FILE, a JSON object with the keys agency (required),
        parent_agency, inspection_no, date (YYYY-MM-DD), place, inspectors ([{"name", "title"}]) and
        representative ({"name", "title"}); the flags below override it.
        Exit codes as for `check`: 0 clean; 1 a finding at or above --fail-on; 2 usage, ruleset or
        agency file error; 3 a dossier could not be read (no record is written for it).
        """,
    options: [
        OptionSpec(name: "--rules", short: "-r", value: "PATH", help: "Ruleset: a .rules file or a folder of them.", defaultValue: "the bundled Rules/kl81-cantho"),
        OptionSpec(name: "--output", short: "-o", value: "DIR", help: "Folder to write the records into (created if needed)."),
        OptionSpec(name: "--agency", value: "FILE", help: "The agency's details (JSON; keys above)."),
        OptionSpec(name: "--agency-name", value: "TEXT", help: "The inspecting agency (overrides the file's `agency`)."),
        OptionSpec(name: "--inspection-no", value: "TEXT", help: "The record's number, e.g. 15/BB-KTMT."),
        OptionSpec(name: "--place", value: "TEXT", help: "Where the record is made, e.g. Cần Thơ."),
        OptionSpec(name: "--inspector", value: "NAME", help: "An inspector (repeatable; replaces the file's list).", repeatable: true),
        OptionSpec(name: "--representative", value: "NAME", help: "The facility's representative."),
        OptionSpec(name: "--lang", value: "LANG", help: "Language of the record.", choices: ["vi", "en"], defaultValue: "vi"),
        OptionSpec(name: "--fail-on", value: "SEVERITY", help: "Exit 1 when a finding has at least this severity.", choices: ["error", "warning", "info", "never"], defaultValue: "error"),
        OptionSpec(name: "--as-of", value: "DATE", help: "The date of the inspection (YYYY-MM-DD); also the record's date unless the agency file gives one.", defaultValue: "today in Asia/Ho_Chi_Minh"),
        OptionSpec(name: "--jobs", short: "-j", value: "N", help: "Parallel workers.", defaultValue: "all cores"),
        OptionSpec(name: "--purpose", value: "PURPOSE", help: "`reference_date()` is the --as-of date for an inspection (permits, deadlines judged on the day of the record), the submission date for a pre-validation.",
                   choices: CheckPurpose.allCases.map(\.rawValue), defaultValue: "inspection"),
    ]
) { args in
    guard let outputDir = args.value("--output") else {
        throw UsageError(message: "--output DIR is required", help: "e.g. `tuanthu record Examples/ --output records/`")
    }
    var agency = AgencyInfo(agency: "")
    if let path = args.value("--agency") {
        do throws(AgencyLoadError) {
            agency = try AgencyFile.load(path: path)
        } catch {
            printError(error.rendered(colorize: useColor(fd: 2)))
            throw CommandError(message: error.summary)
        }
    }
    if let s = args.value("--agency-name") { agency.agency = s }
    if let s = args.value("--inspection-no") { agency.inspectionNo = s }
    if let s = args.value("--place") { agency.place = s }
    if !args.all("--inspector").isEmpty { agency.inspectors = args.all("--inspector").map { RecordPerson(name: $0) } }
    if let s = args.value("--representative") { agency.representative = RecordPerson(name: s) }
    if agency.agency.isEmpty {
        throw UsageError(message: "the record names no agency", help: "pass --agency FILE (with an `agency` key) or --agency-name \"Sở Nông nghiệp và Môi trường thành phố Cần Thơ\"")
    }

    let run = try InspectionRun(args, defaultPurpose: .inspection)
    do throws(WriteFailure) {
        try createFolder(outputDir)
    } catch {
        throw CommandError(message: error.message)
    }
    let writer = InspectionRecordWriter(run.context, agency: agency)
    var used: Set<String> = []
    var written = 0
    var failure: String? = nil
    let batch = run.check { r, bytes in
        guard r.outcome != .error, failure == nil else { return }
        var name = InspectionRecordWriter.fileName(r)
        var k = 2
        while used.contains(name) { name = InspectionRecordWriter.fileName(r) + "-\(k)"; k += 1 }
        used.insert(name)
        let path = (outputDir as NSString).appendingPathComponent(name + ".html")
        do throws(WriteFailure) {
            try replaceFileContents(path, with: writer.render(r, bytes: bytes()))
            written += 1
        } catch {
            failure = error.message
        }
    }
    if let failure { throw CommandError(message: failure, code: ExitCode.writeFailed) }
    printError("wrote \(written) record\(written == 1 ? "" : "s") to \(outputDir)")
    return ExitCode.of(batch)
}
