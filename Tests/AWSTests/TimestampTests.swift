import Foundation
import Testing

@testable import AWS

@Suite("timestamps")
struct TimestampTests {
  @Test("writes the SigV4, ISO 8601 and HTTP forms")
  func write() {
    let date = Fixtures.fixedDate + 3661
    #expect(Timestamp.amzDate(date) == "20261126T130101Z")
    #expect(Timestamp.iso8601(date) == "2026-11-26T13:01:01Z")
    #expect(Timestamp.httpDate(date) == "Thu, 26 Nov 2026 13:01:01 GMT")
  }

  @Test(
    "reads what AWS sends",
    arguments: [
      ("2026-11-26T12:00:00Z", 0.0), ("2026-11-26T12:00:00.500Z", 0.5), ("2026-11-26T13:00:00+01:00", 0),
      ("1795694400", 0), ("1795694400.25", 0.25),
    ])
  func read(text: String, offset: Double) throws {
    let date = try #require(Timestamp.parse(text))
    #expect(date.timeIntervalSince(Fixtures.fixedDate) == offset)
  }

  @Test("reads HTTP dates and agrees with Foundation for leap years and far dates")
  func httpDate() throws {
    #expect(Timestamp.parseHTTPDate("Thu, 26 Nov 2026 12:00:00 GMT") == Fixtures.fixedDate)
    for seconds in [0.0, 951_782_400, 4_107_542_400, 1_709_164_800] {
      let date = Date(timeIntervalSince1970: seconds)
      let formatter = ISO8601DateFormatter()
      #expect(Timestamp.iso8601(date) == formatter.string(from: date))
      #expect(Timestamp.parse(Timestamp.iso8601(date)) == date)
    }
  }
}
