import Foundation
import Testing

@testable import Helm

/// The shared chart repository every archive test reads (`../shared` from the repo root).
enum SharedData {
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("../shared").standardized
  static let charts = root.appendingPathComponent("charts/spark-operator")
  static var chartVersions: [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: charts.path)) ?? []
    return names.filter { $0.hasSuffix(".tgz") }.sorted()
  }
  static func bytes(_ url: URL) throws -> [UInt8] { [UInt8](try Data(contentsOf: url)) }
}

@Suite("chart archives")
struct ArchiveTests {
  @Test("inflates and untars every shared chart package", arguments: SharedData.chartVersions)
  func readsSharedCharts(file: String) throws {
    let gz = try SharedData.bytes(SharedData.charts.appendingPathComponent(file))
    let tar = try Inflate.gunzip(gz)
    let entries = try TarReader.entries(tar)
    #expect(entries.contains { $0.path == "spark-operator/Chart.yaml" })
    let chartYaml = try #require(entries.first { $0.path == "spark-operator/Chart.yaml" })
    #expect(String(decoding: chartYaml.contents, as: UTF8.self).contains("name: spark-operator"))
  }

  @Test("reads a stored (uncompressed) deflate block")
  func storedBlock() throws {
    // BFINAL=1, BTYPE=00, LEN=5, NLEN=~5, "hello"
    let raw: [UInt8] = [0x01, 0x05, 0x00, 0xfa, 0xff] + Array("hello".utf8)
    #expect(try Inflate.inflate(raw) == Array("hello".utf8))
  }

  @Test("reads fixed-Huffman blocks with back references")
  func fixedHuffman() throws {
    // zlib's raw deflate of "abcabcabcabc" at level 9 (fixed codes, one back reference).
    let raw: [UInt8] = [0x4b, 0x4c, 0x4a, 0x4e, 0x84, 0x21, 0x00]
    #expect(try Inflate.inflate(raw) == Array("abcabcabcabc".utf8))
  }

  @Test("rejects data that is not gzip")
  func notGzip() {
    #expect(throws: ArchiveError.notGzip) { try Inflate.gunzip(Array(repeating: 0x41, count: 40)) }
  }

  @Test("applies GNU long names and pax paths")
  func longNames() throws {
    let long = String(repeating: "d/", count: 60) + "file.txt"
    var tar: [UInt8] = []
    tar += header(name: "././@LongLink", size: long.utf8.count + 1, type: "L")
    tar += padded(Array(long.utf8) + [0])
    tar += header(name: "short", size: 2, type: "0")
    tar += padded(Array("hi".utf8))
    let record = " path=pax/name.yaml\n"
    let length = record.utf8.count + 2
    tar += header(name: "PaxHeader", size: length, type: "x")
    tar += padded(Array("\(length)\(record)".utf8))
    tar += header(name: "ignored", size: 1, type: "0")
    tar += padded([0x41])
    tar += [UInt8](repeating: 0, count: 1024)
    let entries = try TarReader.entries(tar)
    #expect(entries.map(\.path) == [long, "pax/name.yaml"])
    #expect(entries[0].contents == Array("hi".utf8))
  }

  func padded(_ bytes: [UInt8]) -> [UInt8] {
    bytes + [UInt8](repeating: 0, count: (512 - bytes.count % 512) % 512)
  }

  func header(name: String, size: Int, type: Character) -> [UInt8] {
    var block = [UInt8](repeating: 0, count: 512)
    for (index, byte) in name.utf8.prefix(100).enumerated() { block[index] = byte }
    let sizeField = Array(String(size, radix: 8).utf8)
    let sizeStart = 124 + 11 - sizeField.count
    for index in 124..<135 { block[index] = 0x30 }
    for (index, byte) in sizeField.enumerated() { block[sizeStart + index] = byte }
    block[156] = type.asciiValue!
    for (index, byte) in "ustar\u{0}00".utf8.enumerated() { block[257 + index] = byte }
    for index in 148..<156 { block[index] = 0x20 }
    let sum = block.reduce(0) { $0 + Int($1) }
    let checksum = Array(String(sum, radix: 8).utf8)
    for index in 148..<154 { block[index] = 0x30 }
    for (index, byte) in checksum.enumerated() { block[148 + 6 - checksum.count + index] = byte }
    block[154] = 0
    return block
  }
}
