import FileIO
import Foundation
import Testing

// Every file the tool reads or writes goes through Sources/FileIO: bounded
// reads (FIFOs and devices are in HardeningTests) and atomic replacement.

@Suite struct FileIOTests {
    private func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "tuanthu-fileio-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func aRegularFileIsReadWholeOrRefusedByItsSize() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/d.json"
        try replaceFileContents(path, with: Array("{\"a\": 1}".utf8))
        #expect(try readFileBounded(path, maxBytes: 8).get() == Array("{\"a\": 1}".utf8))
        guard case .failure(let e) = readFileBounded(path, maxBytes: 7) else {
            Issue.record("a file over the limit must be refused")
            return
        }
        #expect(e.message == "the file is 8 bytes, over --max-bytes 7")
        #expect(readWholeFile(path) == Array("{\"a\": 1}".utf8))
    }

    @Test(arguments: ["folder", "missing"])
    func whatIsNotAFileIsAnError(_ what: String) throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = what == "folder" ? dir : dir + "/nothing.json"
        guard case .failure(let e) = readFileBounded(path, maxBytes: 100) else {
            Issue.record("\(what) must not read")
            return
        }
        #expect(e.message == (what == "folder" ? "is a folder, not a file" : "cannot open: No such file or directory"))
        #expect(readWholeFile(path) == nil)
    }

    @Test func replacingAFileKeepsItsModeAndLeavesNoTemporary() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/out.bin"
        try replaceFileContents(path, with: "old")
        #expect(chmod(path, 0o600) == 0)
        let bytes: [UInt8] = [0xFF, 0x00, 0x80, 0x0A]
        try replaceFileContents(path, with: bytes)
        #expect(readWholeFile(path) == bytes)
        var st = stat()
        #expect(stat(path, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["out.bin"])
        // Into a folder that is not there: an error, and nothing created.
        #expect(throws: WriteFailure.self) { try replaceFileContents(dir + "/no/such/out.bin", with: bytes) }
        try createFolder(dir + "/no/such")
        try replaceFileContents(dir + "/no/such/out.bin", with: bytes)
        #expect(readWholeFile(dir + "/no/such/out.bin") == bytes)
    }
}
