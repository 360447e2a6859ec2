import Testing

@testable import Helm

@Test(
  "one compiled regex is shared by concurrent renders: an overflowing match elsewhere does not taint the others"
)
func sharedRegexAcrossTasks() async throws {
  let regex = try GoRegex("^(a|b)*$")
  let long = Array(String(repeating: "ab", count: 200_000).unicodeScalars)
  let short = Array("abab".unicodeScalars)
  let outcomes = await withTaskGroup(of: String.self) { group in
    for index in 0..<16 {
      group.addTask {
        do {
          let found = try regex.match(index.isMultiple(of: 4) ? long : short, from: 0)
          return found == nil ? "none" : "match"
        } catch {
          return "overflow"
        }
      }
    }
    return await group.reduce(into: [String]()) { $0.append($1) }
  }
  // Every short input matches, whatever the long ones did at the same time.
  #expect(outcomes.filter { $0 == "match" }.count == 12)
  #expect(outcomes.allSatisfy { $0 != "none" })
}
