import Testing

@testable import Config

@Suite("CIDR blocks")
struct CIDRBlockTests {
  @Test("splits a block into equal blocks in address order, host bits cleared")
  func split() throws {
    let block = try #require(CIDRBlock("10.36.1.0/16"))
    #expect(
      block.split(bits: 2)?.map(\.description) == [
        "10.36.0.0/18", "10.36.64.0/18", "10.36.128.0/18", "10.36.192.0/18",
      ])
    #expect(CIDRBlock("10.0.0.0/31")?.split(bits: 2) == nil)
  }

  @Test(
    "contains an address inside it and nothing outside",
    arguments: [
      ("10.1.2.3", "10.0.0.0/8", true), ("11.0.0.1", "10.0.0.0/8", false), ("1.2.3.4", "0.0.0.0/0", true),
    ])
  func contains(_ address: String, _ block: String, _ inside: Bool) throws {
    let ip = try #require(CIDRBlock(address: address))
    #expect(try #require(CIDRBlock(block)).contains(ip) == inside)
  }

  @Test(
    "text that is not a block parses to nothing",
    arguments: ["10.0.0.0", "10.0.0.256/8", "10.0.0.0/33", "a.b.c.d/8"])
  func invalid(_ text: String) {
    #expect(CIDRBlock(text) == nil)
  }
}
