import HTTP
import Testing

@testable import Kubernetes

@Suite("watch streams")
struct WatchTests {
  static func event(_ type: String, _ name: String, _ version: String) -> String {
    #"{"type":"\#(type)","object":{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"\#(name)","namespace":"spark","resourceVersion":"\#(version)"}}}"#
      + "\n"
  }

  /// Collects `count` events, then stops the stream.
  func collect(_ stream: WatchStream, _ count: Int) async throws -> [WatchEvent] {
    var events: [WatchEvent] = []
    for try await event in stream {
      events.append(event)
      if events.count == count { break }
    }
    return events
  }

  @Test("events split across chunks or sharing one are decoded in order, bookmarks included")
  func chunking() async throws {
    let lines =
      Self.event("ADDED", "a", "5") + Self.event("MODIFIED", "a", "6")
      + #"{"type":"BOOKMARK","object":{"kind":"ConfigMap","apiVersion":"v1","metadata":{"resourceVersion":"8"}}}"#
      + "\n" + Self.event("DELETED", "a", "9")
    let bytes = Array(lines.utf8)
    let chunks = stride(from: 0, to: bytes.count, by: 37).map { Array(bytes[$0..<min($0 + 37, bytes.count)]) }
    let (client, transport) = DiscoveryFixtures.client { _, _ in
      .stream(status: 200, chunks: chunks, keepOpen: true)
    }
    let events = try await collect(
      client.watch(.configMap, namespace: "spark", options: WatchOptions(resourceVersion: "4")), 4)
    #expect(events.map(\.resourceVersion) == ["5", "6", "8", "9"])
    guard case .deleted(let object) = events[3] else {
      Issue.record("expected DELETED, got \(events[3])")
      return
    }
    #expect(object.name == "a")
    let request = try #require(transport.requests(to: "/api/v1/namespaces/spark/configmaps").first)
    #expect(request.query("watch") == "1" && request.query("resourceVersion") == "4")
    #expect(request.query("allowWatchBookmarks") == "true")
    #expect(request.timeout == 0)
  }

  @Test("when the server ends a watch request the stream reconnects from the last version seen")
  func reconnects() async throws {
    let (client, transport) = DiscoveryFixtures.client { request, index in
      request.query("resourceVersion") == "1"
        ? .stream(status: 200, chunks: [Array(Self.event("ADDED", "a", "2").utf8)])
        : .stream(status: 200, chunks: [Array(Self.event("MODIFIED", "a", "3").utf8)], keepOpen: true)
    }
    let events = try await collect(
      client.watch(.configMap, namespace: "spark", options: WatchOptions(resourceVersion: "1")), 2)
    #expect(events.map(\.resourceVersion) == ["2", "3"])
    let versions = transport.requests(to: "/api/v1/namespaces/spark/configmaps").map {
      $0.query("resourceVersion")
    }
    #expect(versions.prefix(2) == ["1", "2"])
  }

  @Test(
    "an expired version (410 as an ERROR event or as the HTTP status) re-lists, yields .relisted and watches on",
    arguments: [true, false])
  func relistsOnGone(asEvent: Bool) async throws {
    let expired =
      #"{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","message":"too old resource version: 1 (20)","reason":"Expired","code":410}}"#
    let (client, transport) = DiscoveryFixtures.client { request, _ in
      if request.query("watch") == nil {
        return ScriptedTransport.json(
          200,
          #"{"metadata":{"resourceVersion":"20"},"items":[{"metadata":{"name":"a","resourceVersion":"19"}}]}"#
        )
      }
      if request.query("resourceVersion") == "1" {
        return asEvent
          ? .stream(status: 200, chunks: [Array((expired + "\n").utf8)])
          : ScriptedTransport.status(410, reason: "Expired", message: "too old resource version: 1 (20)")
      }
      return .stream(status: 200, chunks: [Array(Self.event("MODIFIED", "a", "21").utf8)], keepOpen: true)
    }
    let events = try await collect(
      client.watch(.configMap, namespace: "spark", options: WatchOptions(resourceVersion: "1")), 2)
    guard case .relisted(let objects, let version) = events[0] else {
      Issue.record("expected .relisted first, got \(events[0])")
      return
    }
    #expect(objects.map(\.name) == ["a"] && objects.first?.kind == "ConfigMap")
    #expect(version == "20")
    #expect(events[1].resourceVersion == "21")
    let watches = transport.requests(to: "/api/v1/namespaces/spark/configmaps").filter {
      $0.query("watch") != nil
    }
    #expect(watches.map { $0.query("resourceVersion") }.prefix(2) == ["1", "20"])
  }

  @Test("an ERROR event other than 410 ends the stream with the API's error")
  func otherErrors() async throws {
    let forbidden =
      #"{"type":"ERROR","object":{"kind":"Status","status":"Failure","message":"configmaps is forbidden","reason":"Forbidden","code":403}}"#
    let (client, _) = DiscoveryFixtures.client { _, _ in
      .stream(status: 200, chunks: [Array((forbidden + "\n").utf8)])
    }
    let error = await #expect(throws: KubernetesError.self) {
      _ = try await self.collect(client.watch(.configMap, namespace: "spark"), 1)
    }
    #expect(error?.isForbidden == true && error?.message == "configmaps is forbidden")
  }
}
