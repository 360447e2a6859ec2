import Foundation
import Testing

@testable import Helm

@Suite("chart repositories")
struct ChartRepositoryTests {
  var repositoryURL: String { "file://" + SharedData.charts.path }

  @Test(
    "resolves versions from the shared index as Helm does",
    arguments: [
      ("", "2.4.0"), ("2.2.1", "2.2.1"), ("~1.1", "1.1.27"), ("^1.1", "1.4.6"), (">=1.1 <2", "1.4.6"),
      ("1.x", "1.4.6"), ("2.0.x || 1.1.6", "2.0.2"), ("<1.2", "1.1.27"),
    ])
  func resolves(constraint: String, expected: String) async throws {
    let index = try await ChartRepository(url: repositoryURL, fetcher: LocalFileFetcher()).index()
    let entry = try index.find(name: "spark-operator", version: constraint, repository: repositoryURL)
    #expect(entry.version == expected)
  }

  @Test("names the nearest versions when none matches")
  func unknownVersion() async throws {
    let index = try await ChartRepository(url: repositoryURL, fetcher: LocalFileFetcher()).index()
    let error = #expect(throws: HelmError.self) {
      try index.find(name: "spark-operator", version: "2.3.0", repository: "r")
    }
    #expect(error?.code == .versionNotFound)
    #expect(error?.remedy?.contains("2.2.1") == true)
    let missing = #expect(throws: HelmError.self) {
      try index.find(name: "spark", version: "", repository: "r")
    }
    #expect(missing?.message == "chart \"spark\" not found in r repository")
  }

  @Test("downloads, checks the digest and caches by digest")
  func downloadsAndCaches() async throws {
    let cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent("cache-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: cacheDir) }
    let cache = ChartCache(directory: cacheDir.path)
    let repository = ChartRepository(url: repositoryURL, fetcher: LocalFileFetcher(), cache: cache)
    let (entry, bytes) = try await repository.download(name: "spark-operator", version: "~2.2")
    #expect(entry.version == "2.2.1")
    #expect(SHA256Digest.hex(bytes) == entry.digest)
    #expect(cache.read(digest: entry.digest) == bytes)
    let chart = try ChartLoader.loadArchive(bytes)
    #expect(chart.metadata.version == "2.2.1")
  }

  @Test("rejects an archive whose digest differs from the index")
  func digestMismatch() async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("repo-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: directory) }
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    try Data("not the chart".utf8).write(to: directory.appendingPathComponent("x-1.0.0.tgz"))
    let index =
      "apiVersion: v1\nentries:\n  x:\n  - name: x\n    version: 1.0.0\n    digest: \(String(repeating: "0", count: 64))\n    urls: [x-1.0.0.tgz]\n"
    try Data(index.utf8).write(to: directory.appendingPathComponent("index.yaml"))
    let repository = ChartRepository(url: "file://" + directory.path, fetcher: LocalFileFetcher())
    await #expect(throws: HelmError.self) { _ = try await repository.download(name: "x", version: "") }
  }

  @Test(
    "resolves relative and absolute chart URLs",
    arguments: [
      ("a-1.tgz", "https://h/charts", "https://h/charts/a-1.tgz"),
      ("a-1.tgz", "https://h/charts/", "https://h/charts/a-1.tgz"),
      ("/dl/a-1.tgz", "https://h/charts", "https://h/dl/a-1.tgz"),
      ("https://cdn/a-1.tgz", "https://h/charts", "https://cdn/a-1.tgz"),
    ])
  func resolvesURLs(reference: String, base: String, expected: String) {
    #expect(ChartRepository.resolve(reference, against: base) == expected)
  }
}
