import Testing

@testable import YAML

@Test("marks print as line:column and order by line first")
func markOrderAndText() {
  #expect(Mark(line: 3, column: 7).description == "3:7")
  #expect(Mark(line: 2, column: 9) < Mark(line: 3, column: 1))
  #expect(Mark(line: 3, column: 1) < Mark(line: 3, column: 2))
}
