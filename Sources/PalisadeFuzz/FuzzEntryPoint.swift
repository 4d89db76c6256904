import Foundation

/// libFuzzer's entry point: one input per call. Built with `--sanitize fuzzer` (see docs/fuzzing.md), libFuzzer
/// supplies `main` and calls this.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ bytes: UnsafeRawPointer?, _ count: Int) -> CInt {
  let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
  FuzzTarget.run(data)
  return 0
}

#if !PALISADE_FUZZING
  /// Without libFuzzer (a normal `swift build`), the target replays inputs instead: each file named on the
  /// command line (or every file in a folder named there) goes through the same entry point once, which is how a
  /// crash reproducer or the whole seed corpus is rechecked without the sanitizer.
  @main
  enum ReplayInputs {
    static func main() {
      let arguments = CommandLine.arguments.dropFirst()
      guard !arguments.isEmpty else {
        FileHandle.standardError.write(
          Data("usage: PalisadeFuzz FILE-OR-FOLDER... (built without libFuzzer: replays the inputs)\n".utf8))
        exit(64)
      }
      var count = 0
      for argument in arguments {
        for file in files(at: argument) {
          guard let data = FileManager.default.contents(atPath: file) else {
            FileHandle.standardError.write(Data("PalisadeFuzz: cannot read \(file)\n".utf8))
            exit(1)
          }
          FuzzTarget.run(data)
          count += 1
        }
      }
      print("replayed \(count) input\(count == 1 ? "" : "s") without a crash")
    }

    private static func files(at path: String) -> [String] {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
        return [path]
      }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      return names.sorted().map { path + "/" + $0 }.filter {
        var nested: ObjCBool = false
        return FileManager.default.fileExists(atPath: $0, isDirectory: &nested) && !nested.boolValue
      }
    }
  }
#endif
