import Testing

@testable import Config

@Suite("rule helpers")
struct RuleHelperTests {
  @Test("parses CIDR blocks and finds host bits")
  func cidr() throws {
    let block = try CIDRBlock.parse("10.36.1.0/16").get()
    #expect(block.hasHostBits)
    #expect(block.network.description == "10.36.0.0/16")
    #expect((try? CIDRBlock.parse("10.36.0.0/33").get()) == nil)
    #expect((try? CIDRBlock.parse("256.0.0.0/8").get()) == nil)
    #expect((try? CIDRBlock.parse("0.0.0.0/0").get())?.hasHostBits == false)
  }

  @Test(
    "cron expressions as the operator reads them",
    arguments: [
      ("0 3 * * *", true), ("*/15 0-6,18-23 1-31/2 JAN-MAR mon-fri", true), ("@daily", true),
      ("@every 90m", true),
      ("CRON_TZ=Europe/Paris 0 3 * * *", true), ("0 3 * * 7", false), ("60 * * * *", false),
      ("5-1 * * * *", false),
      ("* * * *", false), ("@every soon", false), ("0 3 * * SUNDAY", false), ("1/0 * * * *", false),
    ])
  func cron(expression: String, valid: Bool) {
    #expect((CronExpression.problem(in: expression) == nil) == valid)
  }

  @Test(
    "bucket names",
    arguments: [
      ("spark-eks-data-lake-123456789012", true), ("ab", false), ("Upper", false), ("a..b", false),
      ("10.0.0.1", false), ("xn--bucket", false), ("bucket-", false), ("my.bucket.name", true),
    ])
  func buckets(name: String, valid: Bool) {
    #expect((NameRules.bucketName(name) == nil) == valid)
  }

  @Test("time zones: known, unlisted but well-shaped, invalid")
  func timeZones() {
    #expect(TimeZoneNames.check("Europe/Amsterdam") == .known)
    #expect(TimeZoneNames.check("Etc/GMT+5") == .known)
    #expect(TimeZoneNames.check("America/Indiana/Knox") == .unlisted)
    #expect(TimeZoneNames.check("EST") != .known)
    #expect(TimeZoneNames.check("Mars/Olympus") != .unlisted)
  }

  @Test("did you mean finds near misses only")
  func suggestions() {
    #expect(
      EditDistance.suggestion(for: "allowedCIDR", among: ["allowedCidrs", "adminArns"]) == "allowedCidrs")
    #expect(EditDistance.suggestion(for: "zzz", among: ["allowedCidrs", "adminArns"]) == nil)
  }
}
