import Testing

@testable import Config

@Suite("upload sources stay in the stack's folder unless the file says otherwise")
struct UploadConfinementTests {
  @Test("outsideStackFolder: true allows a source outside the folder, and round-trips")
  func explicitlyOutside() throws {
    let validation = validate(
      "dataLake:\n  uploads:\n    - source: /srv/data\n      outsideStackFolder: true\n")
    #expect(validation.errors.isEmpty, "\(validation.errors.map(\.description))")
    let upload = try #require(validation.stack?.dataLake.uploads.first)
    #expect(upload.outsideStackFolder)
  }

  @Test("a source inside the folder needs nothing", arguments: ["data", "./data/weather", "a/../data"])
  func inside(source: String) {
    let validation = validate("dataLake:\n  uploads:\n    - source: \(source)\n")
    #expect(!validation.problems.contains { $0.message.contains("outside the stack file's folder") })
  }
}
